/**
 * Screening: which of the tenants' suppliers appear on a screening list (Entity List, SDN, DPL ...). Pure; no I/O.
 *
 * Every name of a list entry (its name, its alternative names, the former / other names it embeds as "f.k.a." or
 * "a.k.a.") and every identifier the list gives for it (USCC, LEI) is resolved with the supplier resolver
 * (suppliers/resolver.ts) against the suppliers of every tenant: candidates come from the resolver's index of name
 * keys and identifiers, never from a scan of all (entry, supplier) pairs, and each candidate is scored with the same
 * rules as a permit event's exporter (suppliers/score.ts: legal forms, punctuation, abbreviations, word order,
 * traditional / simplified Chinese; industry and place words alone never match). A buyer's remembered decision on a
 * (supplier, name) applies here too.
 *
 * One difference from permit events: an event may shorten a supplier's name ("JL Mag"), so the resolver reads words
 * only the supplier's name has as an abbreviation; a list and a supplier master both hold full legal names, so a name
 * hit must hold both ways: it is scored as list name against supplier name and the other way round, and the lower
 * score counts. A place or line of business that only the supplier's name has ("Leshan Shenghe Rare Earth" against the
 * listed "Shenghe Resources Holding") is then a different entity, as it is the other way round.
 */
import type { MatchReason } from '@lodestone/shared-types';
import { hitEvidence, matchedBy } from './suppliers/explain.js';
import { normalizeName, type NameForm } from './suppliers/name.js';
import { SupplierResolver, type SupplierHit } from './suppliers/resolver.js';
import { scoreNames, sharedCoverage, THRESHOLDS, type ScoreFeature } from './suppliers/score.js';
import type { SupplierNameDecisionSpec, SupplierSpec } from './types.js';

/** A list entry as the screening needs it. */
export interface ScreeningEntrySpec {
  id: string;
  /** e.g. "Entity List (EL) - Bureau of Industry and Security". */
  listName: string;
  /** e.g. "EL", "SDN", "DPL"; null when the list name carries none. */
  listCode: string | null;
  name: string;
  altNames: string[];
  /** ISO 3166-1 alpha-2 countries of the entry's addresses. */
  countries: string[];
  federalRegisterNotice: string | null;
  /** Company identifiers the list gives for the entry (USCC, LEI), canonical; see listedIdentifiers in csl.ts. */
  identifiers?: string[];
}

/** A supplier as the screening needs it: what the resolver reads, and the supplier's country (ISO alpha-2) if known. */
export interface ScreeningSupplierSpec extends SupplierSpec {
  country?: string | null;
}

/** One supplier found on one list entry. */
export interface ScreeningHit {
  tenantId: string;
  supplierId: string;
  entryId: string;
  /** MATCH: the supplier is the listed entity; POSSIBLE: a buyer should confirm or reject it. */
  band: 'MATCH' | 'POSSIBLE';
  /** The entry's name (or identifier) that resolved to the supplier. */
  listedAs: string;
  /** The alert reason: via SUPPLIER_SCREENING (match) or SUPPLIER_POSSIBLE (possible), with score and evidence. */
  reason: MatchReason;
}

/**
 * A possible (not certain) hit is reported only when the distinctive words the two names share make up at least this
 * much of both (the resolver's coverage: share of the list name's distinctive weight x share of the supplier name's).
 * A permit event names one company, so one distinctive word in common is worth a buyer's look; a screening list has
 * tens of thousands of names, so one word in common is mostly coincidence, or a related entity named inside another's
 * name (the parent "Gazprom" in "... Volgogradneftemash Rossiiskogo Aktsionernogo Obshchestva Gazprom").
 */
export const SCREENING_POSSIBLE_MIN_COVERAGE = 0.5;

/** Kinds of a resolver hit that rest on an identifier in common rather than a name. */
const ID_KINDS = new Set(['ticker', 'USCC', 'LEI']);

const EMBEDDED = /\((?:f\.?k\.?a\.?|a\.?k\.?a\.?|formerly(?: known as)?|also known as)\s+([^)]+)\)/gi;

/**
 * The names of an entry: its name, its alternative names, and the former / other names it embeds ("X (f.k.a. Y)",
 * "a.k.a.", "formerly"), each without the embedded part; distinct, in that order. Source of the hazard:
 * shared/data/us/consolidated_screening_list_examples.json.
 */
export function entryNames(name: string, altNames: string[]): string[] {
  const names = [name, ...altNames];
  for (const n of [name, ...altNames]) for (const m of n.matchAll(EMBEDDED)) names.push(m[1]!.trim());
  return [...new Set(names.map((n) => n.replace(EMBEDDED, '').replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

/** Severity of a certain hit: Entity List, SDN and Denied Persons are CRITICAL (exports need a licence or are barred); others HIGH. */
export function screeningSeverity(listCode: string | null): 'CRITICAL' | 'HIGH' {
  return listCode && ['EL', 'SDN', 'DPL'].includes(listCode) ? 'CRITICAL' : 'HIGH';
}

/**
 * Severity of one tenant's alert on one entry: as {@link screeningSeverity} when a reason is a certain hit; LOW when
 * every reason is a possible match (until a buyer confirms it, as for permit events: severity.ts).
 */
export function screeningAlertSeverity(listCode: string | null, reasons: MatchReason[]): 'CRITICAL' | 'HIGH' | 'LOW' {
  return reasons.some((r) => r.via === 'SUPPLIER_SCREENING') ? screeningSeverity(listCode) : 'LOW';
}

/**
 * The suppliers of every tenant (and buyers' decisions), indexed once for screening many list entries: see
 * {@link screenEntry}. Building costs about as much as the supplier resolver's index; each entry then costs in
 * proportion to the suppliers sharing a name key or identifier with its names, not to the number of suppliers.
 */
export class Screener {
  private readonly resolver: SupplierResolver;
  private readonly forms = new Map<string, NameForm>();

  constructor(suppliers: Iterable<ScreeningSupplierSpec>, decisions: Iterable<SupplierNameDecisionSpec> = []) {
    this.resolver = new SupplierResolver(suppliers, decisions);
  }

  /**
   * The suppliers found on one entry: at most one hit per supplier, the best over the entry's names and identifiers
   * (a match before a possible match, then the higher score, then the earlier name). `listedAs` is the entry's name
   * that matched, or the identifier (USCC, LEI) the supplier shares with the entry. A name hit is scored both ways
   * (see above). Left out: scores below the resolver's possible threshold; possible hits below
   * {@link SCREENING_POSSIBLE_MIN_COVERAGE}; name hits on a namesake elsewhere (the supplier's country is known, the
   * entry names countries, and none is the supplier's); names a buyer rejected for that supplier. Ordered by tenant
   * id, then supplier id.
   */
  screenEntry(entry: ScreeningEntrySpec): ScreeningHit[] {
    const best = new Map<SupplierSpec, { hit: SupplierHit; listedAs: string; byId: boolean }>();
    // The entry's identifiers go along with each name: a supplier with one of them is a hit whatever the name, and a
    // supplier with a different USCC or LEI is another legal entity, whatever the name (resolver.ts).
    const ids = (entry.identifiers ?? []).join(' ');
    for (const name of entryNames(entry.name, entry.altNames)) {
      for (const found of this.resolver.resolve(ids ? `${name} ${ids}` : name)) {
        const s = found.supplier as ScreeningSupplierSpec;
        const byId = ID_KINDS.has(found.matchedName.kind);
        if (!byId && s.country && entry.countries.length && !entry.countries.includes(s.country)) continue;
        const hit = bothWays(found, name, this.form);
        if (!hit) continue;
        const current = best.get(s);
        if (current && !better(hit, current.hit)) continue;
        best.set(s, { hit, listedAs: byId ? (found.features[0]?.detail ?? name) : name, byId });
      }
    }
    return [...best.values()]
      .sort(
        (a, b) => cmp(a.hit.supplier.tenantId, b.hit.supplier.tenantId) || cmp(a.hit.supplier.id, b.hit.supplier.id),
      )
      .map(({ hit, listedAs, byId }) => ({
        tenantId: hit.supplier.tenantId,
        supplierId: hit.supplier.id,
        entryId: entry.id,
        band: hit.band,
        listedAs,
        reason: screeningReason(entry, hit, listedAs, byId),
      }));
  }

  private readonly form = (name: string): NameForm => {
    let f = this.forms.get(name);
    if (!f) {
      f = normalizeName(name);
      this.forms.set(name, f);
    }
    return f;
  };
}

/** Screens the suppliers of every tenant against the entries ({@link Screener}); hits ordered by entry as given. */
export function screen(
  entries: ScreeningEntrySpec[],
  suppliers: ScreeningSupplierSpec[],
  decisions: SupplierNameDecisionSpec[] = [],
): ScreeningHit[] {
  const screener = new Screener(suppliers, decisions);
  return entries.flatMap((e) => screener.screenEntry(e));
}

/**
 * The resolver's hit of list name `listedAs`, judged both ways: the lower of (list name against the supplier's name)
 * and (the supplier's name against the list name), with that direction's features, worded for a list. Identifier
 * hits and names a buyer confirmed stand as they are. Null when the hit falls below the possible threshold, or is a
 * possible hit below {@link SCREENING_POSSIBLE_MIN_COVERAGE}.
 */
function bothWays(hit: SupplierHit, listedAs: string, form: (name: string) => NameForm): SupplierHit | null {
  if (hit.confirmed || ID_KINDS.has(hit.matchedName.kind)) return hit;
  const reverse = scoreNames(form(hit.matchedName.value), form(listedAs));
  const judged =
    reverse.score < hit.score
      ? { score: reverse.score, features: worded(reverse.features, 'supplier') }
      : { score: hit.score, features: worded(hit.features, 'list') };
  if (judged.score < THRESHOLDS.possible) return null;
  const band = judged.score >= THRESHOLDS.match ? 'MATCH' : 'POSSIBLE';
  if (band === 'POSSIBLE' && sharedCoverage(judged.features) < SCREENING_POSSIBLE_MIN_COVERAGE) return null;
  return { ...hit, ...judged, band };
}

/**
 * score.ts words its features for an event's name against a supplier's; `query` says which name was the query here
 * ('list': the list name; 'supplier': the supplier's name, scored against the list name).
 */
function worded(features: ScoreFeature[], query: 'list' | 'supplier'): ScoreFeature[] {
  const [q, a] =
    query === 'list' ? ["the list's name", "the supplier's name"] : ["the supplier's name", "the list's name"];
  return features.map((f) => ({
    ...f,
    feature: f.feature
      .replace("supplier's words missing from the event's name", `words of ${a} missing from ${q}`)
      .replace("the event's name", q),
  }));
}

function better(a: SupplierHit, b: SupplierHit): boolean {
  if (a.band !== b.band) return a.band === 'MATCH';
  return a.score > b.score;
}

/**
 * The reason of one hit. A match: via SUPPLIER_SCREENING, e.g. "Your supplier JSC Volgogradneftemash appears on the
 * Entity List (EL) - Bureau of Industry and Security as "OAO Volgogradneftemash (f.k.a. ...)": its English legal name
 * matched the listed name "JSC Volgogradneftemash" (score 0.98)". A possible match: via SUPPLIER_POSSIBLE, asking a
 * buyer to confirm or reject it (POST /v1/supplier-name-decisions with `matched.value`, the listed name).
 */
function screeningReason(entry: ScreeningEntrySpec, hit: SupplierHit, listedAs: string, byId: boolean): MatchReason {
  const label = hit.supplier.legalNameEn;
  const score = hit.score.toFixed(2);
  const how = matchedBy(hit);
  const against = byId ? 'the identifier the list gives' : `the listed name "${listedAs}"`;
  const notice = entry.federalRegisterNotice ? `; listed in ${entry.federalRegisterNotice}` : '';
  return {
    via: hit.band === 'MATCH' ? 'SUPPLIER_SCREENING' : 'SUPPLIER_POSSIBLE',
    subject: { type: 'SUPPLIER', supplierId: hit.supplier.id, label },
    matched: { field: 'screeningEntry', value: listedAs },
    text:
      hit.band === 'MATCH'
        ? `Your supplier ${label} appears on the ${entry.listName} as "${entry.name}": ${how} matched ${against}` +
          `${hit.confirmed ? ', as confirmed by a buyer' : ''} (score ${score})${notice}`
        : `Possible match: your supplier ${label} may appear on the ${entry.listName} as "${entry.name}", by ${how} ` +
          `against ${against} (score ${score})${notice}; confirm or reject it`,
    score: hit.score,
    evidence: hitEvidence(hit),
    nameKey: hit.nameKey,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

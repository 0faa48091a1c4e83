/**
 * Supplier resolution: which suppliers of which tenants a company name in an event (exporter, end user) is.
 * Pure; no I/O. Exact keys first (USCC, LEI, tickers), then candidates from an index of name keys (whole normalised
 * names, fingerprints, distinctive words and Chinese character bigrams), each scored (score.ts). A buyer's remembered
 * decision for (tenant, supplier, name) overrides the score.
 */
import type { SupplierNameDecisionSpec, SupplierSpec } from '../types.js';
import { canonicalTicker, isValidLei, isValidUscc, type CompanyId } from './identifiers.js';
import { normalizeName, type NameForm } from './name.js';
import { scoreNames, THRESHOLDS, type ScoreFeature } from './score.js';

/** Which of a supplier's names or identifiers matched. */
export type SupplierNameKind =
  | 'English legal name'
  | 'Chinese legal name'
  | 'former name'
  | 'alias'
  | 'ticker'
  | 'USCC'
  | 'LEI';

/** One supplier that a name resolved to. */
export interface SupplierHit {
  supplier: SupplierSpec;
  /** MATCH: the same supplier; POSSIBLE: a buyer should confirm or reject. */
  band: 'MATCH' | 'POSSIBLE';
  /** In [0, 1]; 1 for an identifier in common. */
  score: number;
  /** The supplier's name (or identifier) that matched best. */
  matchedName: { kind: SupplierNameKind; value: string };
  /** Per-feature contributions to the score. */
  features: ScoreFeature[];
  /** Set when a buyer confirmed this (supplier, name) before: the band is then MATCH whatever the score. */
  confirmed?: true;
  /** Key of the resolved name under which a decision is remembered (see nameKey in name.ts). */
  nameKey: string;
}

interface Owner {
  supplier: SupplierSpec;
  kind: SupplierNameKind;
  text: string;
  /** Order of the name in the supplier's list: lower wins a tie. */
  rank: number;
}
interface Entry {
  form: NameForm;
  owners: Owner[];
}
interface SupplierNames {
  supplier: SupplierSpec;
  names: { form: NameForm; owner: Owner }[];
  ids: { id: CompanyId; owner: Owner }[];
}

const idKey = (id: CompanyId) => `${id.scheme}:${id.value}`;

/**
 * The names and identifiers of one supplier, normalised, in rank order. `normalize` may be a cache: many tenants
 * register the same companies.
 */
function supplierNames(s: SupplierSpec, normalize: (name: string) => NameForm): SupplierNames {
  const out: SupplierNames = { supplier: s, names: [], ids: [] };
  const listed: [SupplierNameKind, string][] = [['English legal name', s.legalNameEn]];
  if (s.legalNameZh) listed.push(['Chinese legal name', s.legalNameZh]);
  for (const n of s.formerNames ?? []) listed.push(['former name', n]);
  for (const n of s.aliases) listed.push(['alias', n]);
  const seenCores = new Set<string>();
  const seenIds = new Set<string>();
  let rank = 0;
  const addId = (id: CompanyId, owner: Owner) => {
    if (seenIds.has(idKey(id))) return;
    seenIds.add(idKey(id));
    out.ids.push({ id, owner });
  };
  if (s.uscc && isValidUscc(s.uscc))
    addId({ scheme: 'USCC', value: s.uscc.toUpperCase() }, { supplier: s, kind: 'USCC', text: s.uscc, rank: rank++ });
  if (s.lei && isValidLei(s.lei))
    addId({ scheme: 'LEI', value: s.lei.toUpperCase() }, { supplier: s, kind: 'LEI', text: s.lei, rank: rank++ });
  for (const t of s.tickers ?? []) {
    const value = canonicalTicker(t);
    if (value) addId({ scheme: 'TICKER', value }, { supplier: s, kind: 'ticker', text: t, rank: rank++ });
  }
  for (const [kind, text] of listed) {
    const form = normalize(text);
    const owner = { supplier: s, kind, text, rank: rank++ };
    for (const id of form.ids) addId(id, { ...owner, kind: id.scheme === 'TICKER' ? 'ticker' : id.scheme });
    if (form.core === '' || seenCores.has(form.core)) continue;
    seenCores.add(form.core);
    out.names.push({ form, owner });
  }
  return out;
}

/** The index keys of a name: whole core, fingerprint, each distinctive unit. */
function keysOf(form: NameForm): string[] {
  const keys: string[] = [];
  if (form.core) keys.push(`k:${form.core}`);
  if (form.fingerprint) keys.push(`f:${form.fingerprint}`);
  for (const unit of form.distinctive.keys()) keys.push(unit);
  return keys;
}

/**
 * The suppliers of all tenants, indexed by name keys and identifiers. Build once per change of supplier lists or
 * decisions; {@link resolve} then costs in proportion to the candidates sharing a key with the name, not to the
 * number of suppliers.
 */
export class SupplierResolver {
  private readonly all: SupplierNames[] = [];
  private readonly byKey = new Map<string, Entry[]>();
  private readonly entries = new Map<string, Entry>();
  private readonly byId = new Map<string, Owner[]>();
  private readonly decisions = new Map<string, SupplierNameDecisionSpec['decision']>();

  constructor(suppliers: Iterable<SupplierSpec>, decisions: Iterable<SupplierNameDecisionSpec> = []) {
    const forms = new Map<string, NameForm>();
    const normalize = (name: string) => {
      let form = forms.get(name);
      if (!form) {
        form = normalizeName(name);
        forms.set(name, form);
      }
      return form;
    };
    for (const s of suppliers) {
      const names = supplierNames(s, normalize);
      this.all.push(names);
      for (const { form, owner } of names.names) {
        let entry = this.entries.get(form.core);
        if (!entry) {
          entry = { form, owners: [] };
          this.entries.set(form.core, entry);
          for (const key of keysOf(form)) {
            const list = this.byKey.get(key);
            if (list) list.push(entry);
            else this.byKey.set(key, [entry]);
          }
        }
        entry.owners.push(owner);
      }
      for (const { id, owner } of names.ids) {
        const list = this.byId.get(idKey(id));
        if (list) list.push(owner);
        else this.byId.set(idKey(id), [owner]);
      }
    }
    for (const d of decisions) this.decisions.set(`${d.tenantId}\u0000${d.supplierId}\u0000${d.nameKey}`, d.decision);
  }

  /**
   * Every supplier (of every tenant) that `name` is (band MATCH) or may be (band POSSIBLE), ordered by tenant id then
   * supplier id, one hit per supplier (its best-scoring name). `name` is free text: an exporter's name in English or
   * Chinese, possibly with a ticker, USCC or LEI in it. Suppliers a buyer rejected for this name are left out.
   */
  resolve(name: string): SupplierHit[] {
    const q = normalizeName(name);
    const best = new Map<SupplierSpec, SupplierHit & { rank: number }>();
    const seen = new Set<Entry>();
    for (const key of keysOf(q)) {
      for (const entry of this.byKey.get(key) ?? []) {
        if (seen.has(entry)) continue;
        seen.add(entry);
        const { score, features } = scoreRegistered(q, entry.form);
        if (score < THRESHOLDS.possible) continue;
        for (const owner of entry.owners) offer(best, owner, score, features);
      }
    }
    for (const id of q.ids) for (const owner of this.byId.get(idKey(id)) ?? []) offer(best, owner, 1, idFeatures(id));
    return this.finish(q, best);
  }

  /** The same answer as {@link resolve}, by scoring every name of every supplier: the reference for tests and benchmarks. */
  resolveByScan(name: string): SupplierHit[] {
    const q = normalizeName(name);
    const best = new Map<SupplierSpec, SupplierHit & { rank: number }>();
    const qIds = new Set(q.ids.map(idKey));
    for (const s of this.all) {
      for (const { form, owner } of s.names) {
        const { score, features } = scoreRegistered(q, form);
        if (score >= THRESHOLDS.possible) offer(best, owner, score, features);
      }
      for (const { id, owner } of s.ids) if (qIds.has(idKey(id))) offer(best, owner, 1, idFeatures(id));
    }
    return this.finish(q, best);
  }

  /** Conflicting identifiers, decisions, bands, order. */
  private finish(q: NameForm, best: Map<SupplierSpec, SupplierHit & { rank: number }>): SupplierHit[] {
    const key = q.core || q.ids.map((i) => i.value).join(' ');
    const out: SupplierHit[] = [];
    for (const hit of best.values()) {
      const s = hit.supplier;
      // A different USCC or LEI is a different legal entity, whatever the name says.
      if (conflicts(q.ids, 'USCC', s.uscc) || conflicts(q.ids, 'LEI', s.lei)) continue;
      const decision = this.decisions.get(`${s.tenantId}\u0000${s.id}\u0000${key}`);
      if (decision === 'REJECTED') continue;
      const { rank: _rank, ...rest } = hit;
      const result: SupplierHit = { ...rest, nameKey: key, band: hit.score >= THRESHOLDS.match ? 'MATCH' : 'POSSIBLE' };
      if (decision === 'CONFIRMED') {
        result.band = 'MATCH';
        result.confirmed = true;
      }
      out.push(result);
    }
    return out.sort((a, b) => cmp(a.supplier.tenantId, b.supplier.tenantId) || cmp(a.supplier.id, b.supplier.id));
  }
}

/**
 * The score of event name `q` against a name the supplier registered. A name identical after normalisation to a
 * registered legal name, former name or alias IS that supplier (score 0.98, "same name"), even when every word of it
 * is an industry or place word ("Xiamen Tungsten Co., Ltd." / 厦门钨业股份有限公司, issue 10): the buyer registered that
 * exact name. score.ts's lower scores for industry-and-place-only names apply to partial matches only. (Screening
 * rescores list names with score.ts itself, where a generic list name must not hit.)
 */
function scoreRegistered(q: NameForm, a: NameForm): { score: number; features: ScoreFeature[] } {
  if (q.core !== '' && q.core === a.core)
    return { score: 0.98, features: [{ feature: 'same name', effect: 0.98, detail: q.core }] };
  return scoreNames(q, a);
}

function offer(
  best: Map<SupplierSpec, SupplierHit & { rank: number }>,
  owner: Owner,
  score: number,
  features: ScoreFeature[],
) {
  const current = best.get(owner.supplier);
  if (current && (current.score > score || (current.score === score && current.rank <= owner.rank))) return;
  best.set(owner.supplier, {
    supplier: owner.supplier,
    band: 'POSSIBLE',
    score,
    matchedName: { kind: owner.kind, value: owner.text },
    features,
    nameKey: '',
    rank: owner.rank,
  });
}

function idFeatures(id: CompanyId): ScoreFeature[] {
  return [{ feature: id.scheme === 'TICKER' ? 'same ticker' : `same ${id.scheme}`, effect: 1, detail: id.value }];
}

function conflicts(ids: CompanyId[], scheme: 'USCC' | 'LEI', own: string | null | undefined): boolean {
  if (!own) return false;
  const theirs = ids.filter((i) => i.scheme === scheme).map((i) => i.value);
  return theirs.length > 0 && !theirs.includes(own.toUpperCase());
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

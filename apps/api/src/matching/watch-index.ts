import type { MatchReason } from '@lodestone/shared-types';
import { expandWatch, watchSignature, type ExpandedKey, type WatchExpansion } from './expansion.js';
import { formatHs, normalizeEntryCode } from './normalize.js';
import type { ReferenceIndex, RefEntry } from './reference-index.js';
import { severityOf } from './severity.js';
import type { EventFacts, TenantMatch, TextTag, WatchSpec } from './types.js';

/** What in the event produced a key: a structured field value, or a text tag. */
export interface EventEvidence {
  /** Order of appearance in the event (structured fields first, then text tags); ties are broken by it. */
  seq: number;
  field: 'elements' | 'hsCodes' | 'controlEntries' | 'materialForms';
  /** The event's own value: symbol, code, entry code as cited, form code. */
  value: string;
  /** For `ref:` keys: the reference item the cited code covers. */
  entry?: RefEntry;
  tag?: TextTag;
}

/** Event keys (see {@link ExpandedKey.key}) with the evidence for each, in order of appearance. */
export type EventKeys = Map<string, EventEvidence[]>;

/**
 * The keys an event carries: named elements, every prefix of every cited code, every cited entry and its parents,
 * every reference item a cited entry covers, named material forms; from structured fields and then from text tags.
 */
export function eventKeys(event: EventFacts, ref: ReferenceIndex): EventKeys {
  const keys: EventKeys = new Map();
  let seq = 0;
  const put = (key: string, ev: EventEvidence) => {
    const list = keys.get(key);
    if (list) list.push(ev);
    else keys.set(key, [ev]);
  };
  const element = (value: string, tag?: TextTag) => put(`el:${value}`, { seq: seq++, field: 'elements', value, tag });
  const code = (value: string, tag?: TextTag) => {
    const s = seq++;
    for (let n = 2; n <= value.length; n++) put(`hs:${value.slice(0, n)}`, { seq: s, field: 'hsCodes', value, tag });
  };
  const entry = (raw: string, tag?: TextTag) => {
    const value = normalizeEntryCode(raw);
    const s = seq++;
    const parts = value.split('.');
    for (let n = 1; n <= parts.length; n++) put(`en:${parts.slice(0, n).join('.')}`, { seq: s, field: 'controlEntries', value, tag });
    for (const e of ref.entriesFor(value)) put(`ref:${e.id}`, { seq: s, field: 'controlEntries', value, entry: e, tag });
  };
  const form = (value: string, tag?: TextTag) => put(`form:${value}`, { seq: seq++, field: 'materialForms', value, tag });

  for (const v of event.elements) element(v);
  for (const v of event.hsCodes) code(v);
  for (const v of event.controlEntries) entry(v);
  for (const v of event.materialForms ?? []) form(v);
  for (const t of event.textTags ?? []) {
    if (t.kind === 'ELEMENT') element(t.value, t);
    else if (t.kind === 'HS_CODE') code(t.value, t);
    else if (t.kind === 'CONTROL_ENTRY') entry(t.value, t);
    else if (t.kind === 'MATERIAL_FORM') form(t.value, t);
  }
  return keys;
}

/** One way an event reaches a watch: an expanded key of the watch and the event's evidence for it. */
export interface Hit {
  key: ExpandedKey;
  evidence: EventEvidence;
}

/** The reason of a watch, without the watch id (shared by every watch with the same signature). */
export type ReasonTemplate = Omit<MatchReason, 'subject'> & { label: string };

const KIND_RANK: Record<WatchSpec['kind'], number> = { ELEMENT: 0, HS_CODE: 1, CONTROL_ENTRY: 2 };

/**
 * Explains the hits of one watch: the best path (by expansion rank; among equals, the evidence seen first in the
 * event) decides the sentence; values reached by the same path are listed. Structured evidence is preferred to text
 * evidence for the same path; a reason that rests on text says so and quotes it.
 */
export function explain(expansion: WatchExpansion, hits: Hit[], reference: string | null, ref: ReferenceIndex): ReasonTemplate {
  hits.sort(
    (a, b) =>
      a.key.rank - b.key.rank ||
      Number(!!a.evidence.tag) - Number(!!b.evidence.tag) ||
      a.evidence.seq - b.evidence.seq ||
      a.key.ordinal - b.key.ordinal,
  );
  const best = hits[0]!;
  const fromText = !!best.evidence.tag;
  const same = hits.filter((h) => h.key.rank === best.key.rank && !!h.evidence.tag === fromText);
  const values = uniq(same.map((h) => h.evidence.value));
  const label = expansion.label;
  const refText = reference ?? 'the event';
  const tag = best.evidence.tag;
  const inText = tag ? ` (found in the event's ${tag.field}: "${tag.text}")` : '';
  const k = best.key;
  const e = k.entry;
  const base = { label, matched: { field: best.evidence.field, value: best.evidence.value } };
  const withText = <T extends object>(r: T) => (tag ? { ...r, fromText: { field: tag.field, start: tag.start, end: tag.end, text: tag.text } } : r);

  switch (k.path) {
    case 'ENTRY_OF_ELEMENT':
    case 'ENTRY_NAMES_ELEMENT': {
      const symbol = expansionSymbol(expansion, ref);
      const announcement = best.evidence.entry?.announcement ?? e!.announcement;
      const named = k.path === 'ENTRY_NAMES_ELEMENT' ? ` (item ${e!.entryCode ?? e!.itemKey} "${e!.itemEn}" names ${label})` : '';
      return withText({
        ...base,
        via: 'ELEMENT_VIA_CONTROL_ENTRY',
        element: symbol,
        text: `Your watch on ${label} matched control-list entry ${entryList(values)} in ${announcement}${named}${inText}`,
      });
    }
    case 'ELEMENT_NAMED': {
      const symbol = expansionSymbol(expansion, ref);
      return withText({
        ...base,
        via: 'ELEMENT_NAMED',
        element: symbol,
        text: tag ? `Your watch on ${label} matched: the text of ${refText} names ${label}${inText}` : `Your watch on ${label} matched: ${refText} names ${label}`,
      });
    }
    case 'CODE_TIED_TO_ELEMENT': {
      const symbol = expansionSymbol(expansion, ref);
      const code = best.evidence.value;
      const line = k.code === code ? '' : `, under ${formatHs(k.code!)},`;
      return withText({
        ...base,
        via: 'ELEMENT_VIA_CUSTOMS_CODE',
        element: symbol,
        text: `Your watch on ${label} matched customs code ${code}${line} which the reference data ties to ${label} alone${inText}`,
      });
    }
    case 'FORM_CONTAINS_ELEMENT': {
      const symbol = expansionSymbol(expansion, ref);
      const f = ref.form(k.form!)!;
      return withText({
        ...base,
        via: 'ELEMENT_VIA_MATERIAL_FORM',
        element: symbol,
        text: `Your watch on ${label} matched ${f.nameEn}, which contains ${label}, in ${refText}${inText}`,
      });
    }
    case 'HS_PREFIX':
      return withText({ ...base, via: 'HS_CODE_PREFIX', text: `Your watch on ${label} matched customs code ${codeList(values)} in ${refText}${inText}` });
    case 'ENTRY_CODE_UNDER_HS':
    case 'ENTRY_FORM_UNDER_HS': {
      const entries = uniq(same.map((h) => h.key.entry!));
      const first = entries[0]!;
      const more = entries.length > 1 ? ` (and ${entries.length - 1} more: ${entries.slice(1, 4).map((x) => x.entryCode ?? x.itemKey).join(', ')}${entries.length > 4 ? ', …' : ''})` : '';
      const why =
        k.path === 'ENTRY_CODE_UNDER_HS'
          ? `, which cites customs code ${k.code}`
          : `: ${ref.form(k.form!)!.nameEn} falls under ${formatHs(k.code!)}${ref.hsDescription(k.code!) ? ` (${ref.hsDescription(k.code!)})` : ''}`;
      return withText({
        ...base,
        via: k.path === 'ENTRY_CODE_UNDER_HS' ? 'HS_CODE_VIA_CONTROL_ENTRY' : 'HS_CODE_VIA_MATERIAL_FORM',
        element: first.elementSymbol,
        text: `Your watch on ${label} matched control-list entry ${first.entryCode ?? first.itemKey} "${first.itemEn}"${more} in ${first.announcement}${why}${inText}`,
      });
    }
    case 'FORM_UNDER_HS': {
      const f = ref.form(k.form!)!;
      return withText({
        ...base,
        via: 'HS_CODE_VIA_MATERIAL_FORM',
        text: `Your watch on ${label} matched ${f.nameEn}, which falls under ${formatHs(k.code!)}, in ${refText}${inText}`,
      });
    }
    case 'ENTRY_SELF':
      return withText({ ...base, via: 'CONTROL_ENTRY', text: `Your watch on ${label} matched ${entryList(values)} in ${refText}${inText}` });
    case 'CODE_ONLY_UNDER_ENTRY':
      return withText({
        ...base,
        via: 'CONTROL_ENTRY_VIA_CUSTOMS_CODE',
        text: `Your watch on ${label} matched customs code ${codeList(values)} in ${refText}, which the reference data cites only under ${label.replace('control-list entry ', '')} (${e!.entryCode} "${e!.itemEn}")${inText}`,
      });
  }
}

function expansionSymbol(expansion: WatchExpansion, _ref: ReferenceIndex): string {
  return expansion.keys.find((k) => k.path === 'ELEMENT_NAMED')!.key.slice(3);
}

/** A watch with its expansion's identity and a position for stable ordering. */
interface IndexedWatch {
  watch: WatchSpec;
  ordinal: number;
  /** Dense number of the watch's tenant (array slot instead of a string-keyed map at match time). */
  slot: number;
}
interface Group {
  signature: string;
  kind: WatchSpec['kind'];
  expansion: WatchExpansion;
  watches: IndexedWatch[];
}

/** A reason with what is needed to order it: watch kind, then the watch's position in the input. */
export interface OrderedReason {
  kindRank: number;
  ordinal: number;
  tenantId: string;
  reason: MatchReason;
}

function toReason(t: ReasonTemplate, w: WatchSpec): MatchReason {
  const r: MatchReason = { via: t.via, subject: { type: 'WATCH', watchId: w.id, label: t.label }, matched: t.matched, text: t.text };
  if (t.element !== undefined) r.element = t.element;
  if (t.fromText !== undefined) r.fromText = t.fromText;
  return r;
}

/** Expansions shared by watches with the same signature, computed once per reference index. */
class Expansions {
  private readonly cache = new Map<string, WatchExpansion>();
  constructor(private readonly ref: ReferenceIndex) {}
  of(w: WatchSpec): WatchExpansion {
    const sig = watchSignature(w);
    let e = this.cache.get(sig);
    if (!e) {
      e = expandWatch(w, this.ref);
      this.cache.set(sig, e);
    }
    return e;
  }
}

/**
 * Every tenant's watches, indexed by expanded key: watches with the same target share one expansion and one reason
 * per event, so {@link match} costs a lookup per event key plus one object per matching watch, independent of the
 * watches that do not match.
 */
export class WatchIndex {
  private readonly byKey = new Map<string, { group: Group; key: ExpandedKey }[]>();
  private readonly tenantIds: string[] = [];

  constructor(
    private readonly ref: ReferenceIndex,
    watches: Iterable<WatchSpec>,
  ) {
    const expansions = new Expansions(ref);
    const groups = new Map<string, Group>();
    const slots = new Map<string, number>();
    let ordinal = 0;
    for (const w of watches) {
      let slot = slots.get(w.tenantId);
      if (slot === undefined) {
        slot = this.tenantIds.length;
        slots.set(w.tenantId, slot);
        this.tenantIds.push(w.tenantId);
      }
      const sig = watchSignature(w);
      let g = groups.get(sig);
      if (!g) {
        g = { signature: sig, kind: w.kind, expansion: expansions.of(w), watches: [] };
        groups.set(sig, g);
        for (const key of g.expansion.keys) {
          const list = this.byKey.get(key.key);
          if (list) list.push({ group: g, key });
          else this.byKey.set(key.key, [{ group: g, key }]);
        }
      }
      g.watches.push({ watch: w, ordinal: ordinal++, slot });
    }
  }

  /**
   * Reasons for every watch the event reaches, grouped by tenant; each tenant's reasons ordered by watch kind
   * (elements, HS codes, entries), then by the watch's position in the input.
   */
  match(event: EventFacts): Map<string, MatchReason[]> {
    const keys = eventKeys(event, this.ref);
    const hits = new Map<Group, Hit[]>();
    for (const [key, evidence] of keys) {
      const entries = this.byKey.get(key);
      if (!entries) continue;
      for (const { group, key: k } of entries) {
        let list = hits.get(group);
        if (!list) hits.set(group, (list = []));
        for (const ev of evidence) list.push({ key: k, evidence: ev });
      }
    }
    const orders: (number[] | undefined)[] = new Array(this.tenantIds.length);
    const reasonsOf: MatchReason[][] = new Array(this.tenantIds.length);
    const touched: number[] = [];
    for (const [group, list] of hits) {
      const template = explain(group.expansion, list, event.reference, this.ref);
      const base = KIND_RANK[group.kind] * 0x10000000;
      const { via, label, matched, text, element, fromText } = template;
      for (const { watch, ordinal, slot } of group.watches) {
        if (watch.jurisdiction && watch.jurisdiction !== event.jurisdiction) continue;
        let order = orders[slot];
        if (!order) {
          orders[slot] = order = [];
          reasonsOf[slot] = [];
          touched.push(slot);
        }
        order.push(base + ordinal);
        const r: MatchReason = { via, subject: { type: 'WATCH', watchId: watch.id, label }, matched, text };
        if (element !== undefined) r.element = element;
        if (fromText !== undefined) r.fromText = fromText;
        reasonsOf[slot]!.push(r);
      }
    }
    const out = new Map<string, MatchReason[]>();
    for (const slot of touched) {
      const order = orders[slot]!;
      const reasons = reasonsOf[slot]!;
      let sorted = true;
      for (let i = 1; i < order.length && sorted; i++) if (order[i - 1]! > order[i]!) sorted = false;
      out.set(this.tenantIds[slot]!, sorted ? reasons : order.map((_, i) => i).sort((a, b) => order[a]! - order[b]!).map((i) => reasons[i]!));
    }
    return out;
  }
}

/**
 * The naive reference for {@link WatchIndex}: checks every watch of every tenant against the event's keys, one by
 * one. Same expansions and explanations, so its reasons must equal the index's; used by tests and the benchmark.
 */
export class NaiveWatchScan {
  private readonly expansions: Expansions;
  private readonly watches: WatchSpec[];

  constructor(
    private readonly ref: ReferenceIndex,
    watches: Iterable<WatchSpec>,
  ) {
    this.expansions = new Expansions(ref);
    this.watches = [...watches];
    for (const w of this.watches) this.expansions.of(w);
  }

  match(event: EventFacts): Map<string, MatchReason[]> {
    const keys = eventKeys(event, this.ref);
    const out: OrderedReason[] = [];
    this.watches.forEach((watch, ordinal) => {
      if (watch.jurisdiction && watch.jurisdiction !== event.jurisdiction) return;
      const expansion = this.expansions.of(watch);
      const hits: Hit[] = [];
      for (const key of expansion.keys) for (const evidence of keys.get(key.key) ?? []) hits.push({ key, evidence });
      if (!hits.length) return;
      out.push({ kindRank: KIND_RANK[watch.kind], ordinal, tenantId: watch.tenantId, reason: toReason(explain(expansion, hits, event.reference, this.ref), watch) });
    });
    const byTenant = new Map<string, MatchReason[]>();
    for (const r of orderReasons(out)) {
      const list = byTenant.get(r.tenantId);
      if (list) list.push(r.reason);
      else byTenant.set(r.tenantId, [r.reason]);
    }
    return byTenant;
  }
}

/** Orders reasons: by watch kind (elements, HS codes, entries), then by the watch's position in the input. */
export function orderReasons(reasons: OrderedReason[]): OrderedReason[] {
  return reasons.sort((a, b) => a.kindRank - b.kindRank || a.ordinal - b.ordinal);
}

/** One {@link TenantMatch} per tenant with reasons, ordered by tenant id, as TenantIndex gives them. */
export function assembleWatchMatches(event: EventFacts, byTenant: Map<string, MatchReason[]>): TenantMatch[] {
  return [...byTenant.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tenantId, list]) => ({ tenantId, reasons: list, severity: severityOf(event, list) }));
}

function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function entryList(codes: string[]): string {
  return codes.length === 1 ? codes[0]! : `${codes[0]} (and ${codes.length - 1} more: ${codes.slice(1, 4).join(', ')}${codes.length > 4 ? ', …' : ''})`;
}

export function codeList(codes: string[]): string {
  return codes.length === 1 ? codes[0]! : `${codes[0]} (and ${codes.length - 1} more)`;
}

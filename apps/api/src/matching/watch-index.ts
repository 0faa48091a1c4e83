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
  // One evidence object serves every prefix of a code or entry (evidence is never modified).
  const code = (value: string, tag?: TextTag) => {
    const ev: EventEvidence = { seq: seq++, field: 'hsCodes', value, tag };
    for (let n = 2; n <= value.length; n++) put(`hs:${value.slice(0, n)}`, ev);
  };
  const entry = (raw: string, tag?: TextTag) => {
    const value = normalizeEntryCode(raw);
    const s = seq++;
    const ev: EventEvidence = { seq: s, field: 'controlEntries', value, tag };
    for (let end = value.indexOf('.'); ; end = value.indexOf('.', end + 1)) {
      put(`en:${end < 0 ? value : value.slice(0, end)}`, ev);
      if (end < 0) break;
    }
    for (const e of ref.entriesFor(value))
      put(`ref:${e.id}`, { seq: s, field: 'controlEntries', value, entry: e, tag });
  };
  const form = (value: string, tag?: TextTag) =>
    put(`form:${value}`, { seq: seq++, field: 'materialForms', value, tag });

  for (const v of event.elements) element(v);
  for (const v of event.hsCodes) code(v);
  for (const v of event.controlEntries) entry(v);
  for (const v of event.materialForms ?? []) form(v);
  for (const t of event.textTags ?? []) {
    if (t.kind === 'ELEMENT' || t.kind === 'ELEMENT_IN_COMPOUND') element(t.value, t);
    else if (t.kind === 'HS_CODE') code(t.value, t);
    else if (t.kind === 'CONTROL_ENTRY') entry(t.value, t);
    else if (t.kind === 'MATERIAL_FORM') form(t.value, t);
  }
  return keys;
}

/**
 * An event's keys as a flat list, `[key0, evidence0, key1, evidence1, …]` in the order of {@link eventKeys}, each
 * evidence a single {@link EventEvidence} when the key has one (most do: one per code prefix), else the array: what
 * {@link WatchIndex.match} reads. The back-matching index ({@link EventIndex} in event-index.ts) computes it once per
 * stored event instead of once per candidate and match call (a list takes far less memory than the map).
 */
export type EventKeyList = readonly (string | EventEvidence | readonly EventEvidence[])[];

/**
 * {@link eventKeys} as an {@link EventKeyList}. With `intern`, equal key strings of different events are one string
 * (shared memory, and its hash is computed once for every map lookup).
 */
export function eventKeyList(event: EventFacts, ref: ReferenceIndex, intern?: Map<string, string>): EventKeyList {
  const keys = eventKeys(event, ref);
  const out = new Array<string | EventEvidence | EventEvidence[]>(keys.size * 2);
  let i = 0;
  for (const [key, evidence] of keys) {
    let k = key;
    if (intern) {
      const known = intern.get(key);
      if (known === undefined) intern.set(key, key);
      else k = known;
    }
    out[i++] = k;
    out[i++] = evidence.length === 1 ? evidence[0]! : evidence;
  }
  return out;
}

/** One way an event reaches a watch: an expanded key of the watch and the event's evidence for it. */
export interface Hit {
  key: ExpandedKey;
  evidence: EventEvidence;
}

/**
 * The reason of a watch without its subject (shared by every watch with the same signature). Every field is present
 * (undefined when not set) so that the per-reason loop of matching reads one object shape only.
 */
export interface ReasonTemplate {
  via: MatchReason['via'];
  matched: MatchReason['matched'];
  text: string;
  element: string | undefined;
  fromText: MatchReason['fromText'] | undefined;
}

const KIND_RANK: Record<WatchSpec['kind'], number> = { ELEMENT: 0, HS_CODE: 1, CONTROL_ENTRY: 2 };

/** Whether a hit rests only on text that names its value in an exclusion (tagger.ts exclusionRanges). */
const isExcluded = (h: Hit) => h.evidence.tag?.excluded === true;

/** Whether any of the event's text tags stands in an exclusion (most events: none, and the checks are skipped). */
export function hasExcludedTag(event: EventFacts): boolean {
  for (const t of event.textTags ?? []) if (t.excluded) return true;
  return false;
}

/** Whether the hits of a watch make it match: at least one rests on evidence that is not an exclusion. */
export function matchesAsControl(hits: Hit[]): boolean {
  return hits.some((h) => !isExcluded(h));
}

/**
 * Order of preference among hits: expansion rank, structured before text evidence, an element named before one
 * reached only through a compound name, seen first in the event.
 */
function compareHits(a: Hit, b: Hit): number {
  return (
    a.key.rank - b.key.rank ||
    Number(!!a.evidence.tag) - Number(!!b.evidence.tag) ||
    Number(a.evidence.tag?.kind === 'ELEMENT_IN_COMPOUND') - Number(b.evidence.tag?.kind === 'ELEMENT_IN_COMPOUND') ||
    a.evidence.seq - b.evidence.seq ||
    a.key.ordinal - b.key.ordinal
  );
}

/**
 * Explains the hits of one watch: the best path (by expansion rank; among equals, the evidence seen first in the
 * event) decides the sentence; values reached by the same path are listed. Structured evidence is preferred to text
 * evidence for the same path; a reason that rests on text says so and quotes it.
 */
export function explain(
  expansion: WatchExpansion,
  allHits: Hit[],
  reference: string | null,
  ref: ReferenceIndex,
  anyExcluded = true,
): ReasonTemplate {
  // Evidence in an exclusion never explains a match; when the text also names the value in an exclusion, the reason
  // says so (see the end of this function). `anyExcluded` false (the event has no excluded tag) skips the search.
  const excluded = anyExcluded ? allHits.find(isExcluded) : undefined;
  const hits = excluded ? allHits.filter((h) => !isExcluded(h)) : allHits;
  const t = explainHits(expansion, hits, reference, ref);
  if (!excluded) return t;
  const x = excluded.evidence.tag!;
  return {
    ...t,
    text: `${t.text}; the event's ${x.field} also names "${x.text}" in an exclusion (not covered)`,
  };
}

function explainHits(
  expansion: WatchExpansion,
  hits: Hit[],
  reference: string | null,
  ref: ReferenceIndex,
): ReasonTemplate {
  let best = hits[0]!;
  for (let i = 1; i < hits.length; i++) if (compareHits(hits[i]!, best) < 0) best = hits[i]!;
  const fromText = !!best.evidence.tag;
  const same =
    hits.length === 1
      ? hits
      : hits.filter((h) => h.key.rank === best.key.rank && !!h.evidence.tag === fromText).sort(compareHits);
  const values = same.length === 1 ? [same[0]!.evidence.value] : uniq(same.map((h) => h.evidence.value));
  const label = expansion.label;
  const refText = reference ?? 'the event';
  const tag = best.evidence.tag;
  const inText = tag ? ` (found in the event's ${tag.field}: "${tag.text}")` : '';
  const k = best.key;
  const e = k.entry;
  const matched = { field: best.evidence.field, value: best.evidence.value };
  const span = tag ? { field: tag.field, start: tag.start, end: tag.end, text: tag.text } : undefined;
  const template = (via: MatchReason['via'], text: string, element?: string): ReasonTemplate => ({
    via,
    matched,
    text,
    element,
    fromText: span,
  });
  // An entry is listed by an announcement; the event may be that announcement, or another document citing the entry
  // (a news item, a Federal Register notice): then the sentence names both.
  const citedIn = (announcement: string) =>
    reference === announcement ? ` in ${announcement}` : ` (${announcement}) in ${refText}`;

  switch (k.path) {
    case 'ENTRY_OF_ELEMENT':
    case 'ENTRY_NAMES_ELEMENT': {
      const announcement = best.evidence.entry?.announcement ?? e!.announcement;
      const named =
        k.path === 'ENTRY_NAMES_ELEMENT' ? ` (item ${e!.entryCode ?? e!.itemKey} "${e!.itemEn}" names ${label})` : '';
      return template(
        'ELEMENT_VIA_CONTROL_ENTRY',
        `Your watch on ${label} matched control-list entry ${entryList(values)}${citedIn(announcement)}${named}${inText}`,
        expansionSymbol(expansion),
      );
    }
    case 'ELEMENT_NAMED':
      if (tag?.kind === 'ELEMENT_IN_COMPOUND')
        return template(
          'ELEMENT_NAMED',
          `Your watch on ${label} matched only through a compound name: the text of ${refText} names "${tag.compound ?? tag.text}", a compound of ${label}, not ${label} itself${inText}`,
          expansionSymbol(expansion),
        );
      return template(
        'ELEMENT_NAMED',
        tag
          ? `Your watch on ${label} matched: the text of ${refText} names ${label}${inText}`
          : `Your watch on ${label} matched: ${refText} names ${label}`,
        expansionSymbol(expansion),
      );
    case 'CODE_TIED_TO_ELEMENT': {
      const code = best.evidence.value;
      const line = k.code === code ? '' : `, under ${formatHs(k.code!)},`;
      return template(
        'ELEMENT_VIA_CUSTOMS_CODE',
        `Your watch on ${label} matched customs code ${code}${line} which the reference data ties to ${label} alone${inText}`,
        expansionSymbol(expansion),
      );
    }
    case 'FORM_CONTAINS_ELEMENT': {
      const f = ref.form(k.form!)!;
      return template(
        'ELEMENT_VIA_MATERIAL_FORM',
        `Your watch on ${label} matched ${f.nameEn}, which contains ${label}, in ${refText}${inText}`,
        expansionSymbol(expansion),
      );
    }
    case 'HS_PREFIX':
      return template(
        'HS_CODE_PREFIX',
        `Your watch on ${label} matched customs code ${codeList(values)} in ${refText}${inText}`,
      );
    case 'ENTRY_CODE_UNDER_HS':
    case 'ENTRY_FORM_UNDER_HS': {
      const entries = uniq(same.map((h) => h.key.entry!));
      const first = entries[0]!;
      const more =
        entries.length > 1
          ? ` (and ${entries.length - 1} more: ${entries
              .slice(1, 4)
              .map((x) => x.entryCode ?? x.itemKey)
              .join(', ')}${entries.length > 4 ? ', …' : ''})`
          : '';
      const why =
        k.path === 'ENTRY_CODE_UNDER_HS'
          ? `, which cites customs code ${k.code}`
          : `: ${ref.form(k.form!)!.nameEn} falls under ${formatHs(k.code!)}${ref.hsDescription(k.code!) ? ` (${ref.hsDescription(k.code!)})` : ''}`;
      return template(
        k.path === 'ENTRY_CODE_UNDER_HS' ? 'HS_CODE_VIA_CONTROL_ENTRY' : 'HS_CODE_VIA_MATERIAL_FORM',
        `Your watch on ${label} matched control-list entry ${first.entryCode ?? first.itemKey} "${first.itemEn}"${more}${citedIn(first.announcement)}${why}${inText}`,
        first.elementSymbol,
      );
    }
    case 'FORM_UNDER_HS': {
      const f = ref.form(k.form!)!;
      return template(
        'HS_CODE_VIA_MATERIAL_FORM',
        `Your watch on ${label} matched ${f.nameEn}, which falls under ${formatHs(k.code!)}, in ${refText}${inText}`,
      );
    }
    case 'ENTRY_SELF':
      return template('CONTROL_ENTRY', `Your watch on ${label} matched ${entryList(values)} in ${refText}${inText}`);
    case 'CODE_ONLY_UNDER_ENTRY':
      return template(
        'CONTROL_ENTRY_VIA_CUSTOMS_CODE',
        `Your watch on ${label} matched customs code ${codeList(values)} in ${refText}, which the reference data cites only under ${label.replace('control-list entry ', '')} (${e!.entryCode} "${e!.itemEn}")${inText}`,
      );
  }
}

function expansionSymbol(expansion: WatchExpansion): string {
  return expansion.keys.find((k) => k.path === 'ELEMENT_NAMED')!.key.slice(3);
}

/** A reason with what is needed to order it: watch kind, then the watch's position in the input. */
export interface OrderedReason {
  kindRank: number;
  ordinal: number;
  tenantId: string;
  reason: MatchReason;
}

/** The watch reasons of one tenant for one event. */
export interface WatchMatch {
  tenantId: string;
  reasons: MatchReason[];
}

type WatchSubject = Extract<MatchReason['subject'], { type: 'WATCH' }>;

/**
 * The reason of one watch from its group's template. One function for the index and the naive scan, so both build
 * objects of the same shape (optional fields present only when set, as JSON stores them).
 */
function reasonOf(t: ReasonTemplate, subject: WatchSubject): MatchReason {
  if (t.element === undefined) {
    return t.fromText === undefined
      ? { via: t.via, subject, matched: t.matched, text: t.text }
      : { via: t.via, subject, matched: t.matched, text: t.text, fromText: t.fromText };
  }
  return t.fromText === undefined
    ? { via: t.via, subject, matched: t.matched, text: t.text, element: t.element }
    : { via: t.via, subject, matched: t.matched, text: t.text, element: t.element, fromText: t.fromText };
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

/** Watches with the same target (signature): one expansion, one explanation per event. */
interface Group {
  id: number;
  expansion: WatchExpansion;
  /** Rows (see {@link WatchIndex}) of the watches in this group, ascending, with their tenant slots and jurisdictions. */
  rows: Int32Array;
  slots: Int32Array;
  jurisdictions: Int32Array;
}

/** Items per step of {@link WatchIndex}'s build between two chances to pause. */
const FILL_STEP = 2048;

/**
 * Every tenant's watches, indexed by expanded key. Watches with the same target share a group: one expansion and one
 * explanation per event, found by a lookup per event key.
 *
 * Every watch is a row; rows are ordered by tenant id, then as the output orders reasons (watch kind, then position in
 * the input), so one tenant's watches are consecutive rows. For an event, {@link match} explains each group it hits,
 * sets one bit per row of those groups (a bitmap of all rows, 1 bit per watch), then reads the set bits of each tenant
 * it reached in ascending order: reasons come out in output order without any sorting, and the work is proportional
 * to the matching watches (plus one 32-bit word per 32 watches of a reached tenant), independent of the tenants and
 * watches that do not match. One object is allocated per reason; its `subject` is built once per watch, frozen, and
 * shared by the reasons of every event.
 */
export class WatchIndex {
  private readonly byKey = new Map<string, { group: Group; key: ExpandedKey }[]>();
  /** Tenant ids by slot, ascending (slot order is output order). */
  private tenantIds!: string[];
  /** Rows of tenant slot s: start[s] .. start[s + 1] - 1. */
  private start!: Int32Array;
  private rowGroup!: Int32Array;
  /** Jurisdiction filters of watches, numbered from 1 (0 in a group's `jurisdictions`: every jurisdiction). */
  private readonly jurisdictions = new Map<string, number>();
  private rowSubject!: WatchSubject[];
  /** Scratch, all zero between calls: bit r of word r >>> 5 is set when row r matches the current event. */
  private bits!: Int32Array;
  /** Scratch: per group, the explanation of the current event. */
  private templates!: (ReasonTemplate | undefined)[];
  /** Scratch: tenant slots reached by the current event (stamp === epoch), in the order found. */
  private tenantStamp!: Int32Array;
  private touched!: Int32Array;
  /** Scratch: per tenant slot reached, the number of its watches the current event matches. */
  private counts!: Int32Array;
  /** Groups by id. */
  private groups!: Group[];
  /** Scratch: per group, the epoch of the event that last hit it, and its hits for that event. */
  private groupStamp!: Int32Array;
  private groupHits!: Hit[][];
  /** Scratch: ids of the groups the current event hits, in the order first hit. */
  private groupsHit!: Int32Array;
  /** Scratch: hit objects reused from event to event (explain keeps none of them). */
  private readonly hitPool: Hit[] = [];
  private epoch = 0;

  constructor(
    private readonly ref: ReferenceIndex,
    watches: Iterable<WatchSpec>,
  ) {
    for (const _ of this.fill(watches));
  }

  /**
   * The same index as the constructor's, awaiting `pause()` (a time slicer's `maybeYield`) every thousand or so
   * watches and steps, so that indexing 500,000 watches never holds the event loop for the whole build.
   */
  static async build(
    ref: ReferenceIndex,
    watches: Iterable<WatchSpec>,
    pause: () => Promise<void>,
  ): Promise<WatchIndex> {
    const index = new WatchIndex(ref, []);
    for (const _ of index.fill(watches)) await pause();
    return index;
  }

  /** Indexes `watches` (replacing what the index held), yielding every {@link FILL_STEP} items of each pass. */
  private *fill(watches: Iterable<WatchSpec>): Generator<void> {
    const expansions = new Expansions(this.ref);
    const bySignature = new Map<string, Group>();
    const groups: Group[] = [];
    type Row = { tenantId: string; order: number; group: Group; watch: WatchSpec };
    // Rows by tenant, then in tenant-id order, each tenant's by output order: the order a sort of all rows by
    // (tenant id, order) gives, in steps that can pause.
    const byTenant = new Map<string, Row[]>();
    let ordinal = 0;
    this.byKey.clear();
    for (const w of watches) {
      const sig = watchSignature(w);
      let g = bySignature.get(sig);
      if (!g) {
        g = {
          id: groups.length,
          expansion: expansions.of(w),
          rows: new Int32Array(0),
          slots: new Int32Array(0),
          jurisdictions: new Int32Array(0),
        };
        bySignature.set(sig, g);
        groups.push(g);
        for (const key of g.expansion.keys) {
          const list = this.byKey.get(key.key);
          if (list) list.push({ group: g, key });
          else this.byKey.set(key.key, [{ group: g, key }]);
        }
      }
      const row: Row = { tenantId: w.tenantId, order: KIND_RANK[w.kind] * 0x10000000 + ordinal++, group: g, watch: w };
      const list = byTenant.get(w.tenantId);
      if (list) list.push(row);
      else byTenant.set(w.tenantId, [row]);
      if (ordinal % FILL_STEP === 0) yield;
    }
    const tenantOrder = [...byTenant.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    yield;
    const rows: Row[] = [];
    for (const tenantId of tenantOrder) {
      const list = byTenant.get(tenantId)!;
      list.sort((a, b) => a.order - b.order);
      for (const r of list) rows.push(r);
      if (rows.length % FILL_STEP < list.length) yield;
    }
    byTenant.clear();

    const tenantIds: string[] = [];
    const starts: number[] = [];
    const rowsOfGroup: number[][] = groups.map(() => []);
    const rowSlot = new Int32Array(rows.length);
    this.rowGroup = new Int32Array(rows.length);
    const rowJurisdiction = new Int32Array(rows.length);
    this.rowSubject = new Array<WatchSubject>(rows.length);
    this.jurisdictions.clear();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (tenantIds[tenantIds.length - 1] !== r.tenantId) {
        tenantIds.push(r.tenantId);
        starts.push(i);
      }
      rowsOfGroup[r.group.id]!.push(i);
      rowSlot[i] = tenantIds.length - 1;
      this.rowGroup[i] = r.group.id;
      const j = r.watch.jurisdiction;
      if (j && !this.jurisdictions.has(j)) this.jurisdictions.set(j, this.jurisdictions.size + 1);
      rowJurisdiction[i] = j ? this.jurisdictions.get(j)! : 0;
      this.rowSubject[i] = Object.freeze({ type: 'WATCH', watchId: r.watch.id, label: r.group.expansion.label });
      if ((i + 1) % FILL_STEP === 0) yield;
    }
    starts.push(rows.length);
    this.tenantIds = tenantIds;
    this.start = Int32Array.from(starts);
    for (const g of groups) {
      g.rows = Int32Array.from(rowsOfGroup[g.id]!);
      g.slots = g.rows.map((row) => rowSlot[row]!);
      g.jurisdictions = g.rows.map((row) => rowJurisdiction[row]!);
      if ((g.id + 1) % FILL_STEP === 0) yield;
    }
    this.bits = new Int32Array((rows.length + 31) >>> 5);
    this.templates = new Array<ReasonTemplate | undefined>(groups.length);
    this.tenantStamp = new Int32Array(tenantIds.length);
    this.touched = new Int32Array(tenantIds.length);
    this.counts = new Int32Array(tenantIds.length);
    this.groups = groups;
    this.groupStamp = new Int32Array(groups.length);
    this.groupHits = groups.map(() => []);
    this.groupsHit = new Int32Array(groups.length);
  }

  /**
   * Reasons for every watch the event reaches, one entry per tenant with at least one, in ascending tenant-id order;
   * each tenant's reasons ordered by watch kind (elements, HS codes, entries), then by the watch's position in the
   * input. Not re-entrant (scratch arrays are reused between calls; matching is synchronous). `keys`: the event's
   * keys when already computed ({@link eventKeyList} of this event and this reference index, or the part of it that
   * some watch of this index has, in the same order), else computed here; `anyExcluded`: {@link hasExcludedTag} of
   * the event when already known.
   */
  match(event: EventFacts, keys: EventKeyList = eventKeyList(event, this.ref), anyExcluded?: boolean): WatchMatch[] {
    const out: WatchMatch[] = [];
    const { bits, rowSubject, rowGroup, start, templates, tenantStamp, touched, counts, tenantIds } = this;
    const { groupStamp, groupHits, groupsHit, hitPool } = this;
    const epoch = this.nextEpoch();
    // Hits per group, in scratch lists and pooled hit objects (no map or hit allocated per event).
    let nGroups = 0;
    let used = 0;
    for (let x = 0; x < keys.length; x += 2) {
      const entries = this.byKey.get(keys[x] as string);
      if (!entries) continue;
      const ev = keys[x + 1] as EventEvidence | readonly EventEvidence[];
      const many = Array.isArray(ev);
      const evidence = ev as readonly EventEvidence[];
      const n = many ? evidence.length : 1;
      for (let e = 0; e < entries.length; e++) {
        const { group, key: k } = entries[e]!;
        let list = groupHits[group.id]!;
        if (groupStamp[group.id] !== epoch) {
          groupStamp[group.id] = epoch;
          groupsHit[nGroups++] = group.id;
          // A new small array (young generation, cheap) rather than `length = 0`, which shrinks the backing store.
          list = [];
          groupHits[group.id] = list;
        }
        for (let v = 0; v < n; v++) {
          const one = many ? evidence[v]! : (ev as EventEvidence);
          let h = hitPool[used];
          if (h) {
            h.key = k;
            h.evidence = one;
          } else {
            h = { key: k, evidence: one };
            hitPool.push(h);
          }
          used++;
          list.push(h);
        }
      }
    }
    if (!nGroups) return out;

    const ej = event.jurisdiction ? (this.jurisdictions.get(event.jurisdiction) ?? -1) : -1;
    let reached = 0;
    anyExcluded ??= hasExcludedTag(event);
    for (let g = 0; g < nGroups; g++) {
      const group = this.groups[groupsHit[g]!]!;
      const list = groupHits[group.id]!;
      // A watch reached only by text that names its value in an exclusion is not alerted as a control.
      if (anyExcluded && !matchesAsControl(list)) continue;
      templates[group.id] = explain(group.expansion, list, event.reference, this.ref, anyExcluded);
      const { rows, slots, jurisdictions } = group;
      for (let i = 0; i < rows.length; i++) {
        const j = jurisdictions[i]!;
        if (j !== 0 && j !== ej) continue;
        const row = rows[i]!;
        bits[row >>> 5]! |= 1 << (row & 31);
        const slot = slots[i]!;
        if (tenantStamp[slot] !== epoch) {
          tenantStamp[slot] = epoch;
          touched[reached++] = slot;
          counts[slot] = 1;
        } else counts[slot]!++;
      }
    }
    // Tenants reached, ascending: scan the stamps when many were reached, else sort the few.
    const scanAll = reached * 8 >= tenantStamp.length;
    const slots: ArrayLike<number> = scanAll ? tenantStamp : touched.subarray(0, reached).sort();
    for (let i = 0; i < slots.length; i++) {
      const slot = scanAll ? i : slots[i]!;
      if (scanAll && tenantStamp[slot] !== epoch) continue;
      const first = start[slot]!;
      const end = start[slot + 1]!;
      // Exact length up front: no growing (and discarded) backing stores per tenant.
      const reasons = new Array<MatchReason>(counts[slot]!);
      let n = 0;
      for (let w = first >>> 5, last = (end - 1) >>> 5; w <= last; w++) {
        let word = bits[w]!;
        while (word !== 0) {
          const low = word & -word;
          const row = (w << 5) | (31 - Math.clz32(low));
          word ^= low;
          if (row < first || row >= end) continue; // a neighbour tenant's row in a shared word
          reasons[n++] = reasonOf(templates[rowGroup[row]!]!, rowSubject[row]!);
        }
      }
      out.push({ tenantId: tenantIds[slot]!, reasons });
    }
    // Leave the bitmap all zero for the next call: clear the words of the tenants reached (all words when many were).
    if (scanAll) bits.fill(0);
    else {
      for (let i = 0; i < reached; i++) {
        const slot = touched[i]!;
        for (let w = start[slot]! >>> 5, last = (start[slot + 1]! - 1) >>> 5; w <= last; w++) bits[w] = 0;
      }
    }
    return out;
  }

  private nextEpoch(): number {
    if (this.epoch === 0x7fffffff) {
      this.epoch = 0;
      this.tenantStamp.fill(0);
      this.groupStamp.fill(0);
    }
    return ++this.epoch;
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
    // The explanation depends only on the expansion and the event: computed once per expansion per event (the scan
    // itself still checks every key of every watch).
    const explained = new Map<WatchExpansion, ReasonTemplate>();
    const anyExcluded = hasExcludedTag(event);
    this.watches.forEach((watch, ordinal) => {
      if (watch.jurisdiction && watch.jurisdiction !== event.jurisdiction) return;
      const expansion = this.expansions.of(watch);
      const hits: Hit[] = [];
      for (const key of expansion.keys) for (const evidence of keys.get(key.key) ?? []) hits.push({ key, evidence });
      if (!hits.length || (anyExcluded && !matchesAsControl(hits))) return;
      let template = explained.get(expansion);
      if (!template) {
        template = explain(expansion, hits, event.reference, this.ref, anyExcluded);
        explained.set(expansion, template);
      }
      out.push({
        kindRank: KIND_RANK[watch.kind],
        ordinal,
        tenantId: watch.tenantId,
        reason: reasonOf(template, { type: 'WATCH', watchId: watch.id, label: expansion.label }),
      });
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
  return codes.length === 1
    ? codes[0]!
    : `${codes[0]} (and ${codes.length - 1} more: ${codes.slice(1, 4).join(', ')}${codes.length > 4 ? ', …' : ''})`;
}

export function codeList(codes: string[]): string {
  return codes.length === 1 ? codes[0]! : `${codes[0]} (and ${codes.length - 1} more)`;
}

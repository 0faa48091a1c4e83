/**
 * Back-matching: which stored events a tenant's watches and suppliers reach, without a scan of history. Pure; no I/O.
 *
 * The {@link EventIndex} holds every stored event under the same keys the watch index uses (eventKeys in
 * watch-index.ts: elements, every prefix of every customs code, entries and their parents, reference items, material
 * forms; from fields and text tags) and under the name keys and identifiers of its parties (exporter, end user) as the
 * supplier resolver indexes supplier names (whole normalised name, fingerprint, distinctive units; USCC, LEI, tickers).
 * Matching a set of watches and suppliers looks up the keys they expand to, collects the candidate events (a superset
 * of the matching ones: an event reaches a watch only through a shared key, a party resolves to a supplier only through
 * a shared name key or identifier), and runs the ordinary matcher's halves (WatchIndex, SupplierResolver, merged as
 * TenantIndex merges them) on the candidates only, each half only where its keys hit: the
 * reasons, severities and their order are those ingestion would have produced. {@link naiveBackfill} is the reference
 * scan (every event through {@link NaiveTenantScan}); tests and `npm run bench -- backfill` check both agree.
 */
import type { EventType, MatchReason, Severity } from '@lodestone/shared-types';
import { expandWatch, watchSignature } from './expansion.js';
import { NaiveTenantScan } from './matcher.js';
import type { ReferenceIndex } from './reference-index.js';
import { canonicalTicker } from './suppliers/identifiers.js';
import { type NameForm, normalizeName } from './suppliers/name.js';
import type { EventFacts, SupplierNameDecisionSpec, SupplierSpec, WatchSpec } from './types.js';
import { severityOf } from './severity.js';
import { supplierReason } from './suppliers/explain.js';
import { SupplierResolver } from './suppliers/resolver.js';
import { eventKeys, WatchIndex } from './watch-index.js';

/** A stored event as the matcher reads it, with its id. */
export interface StoredEventFacts extends EventFacts {
  id: string;
}

/** One stored event a tenant's watches or suppliers reach, as ingestion would have alerted it. */
export interface BackfillHit {
  eventId: string;
  type: EventType;
  severity: Severity;
  /** Watch reasons first (elements, HS codes, entries, in input order), then supplier reasons. */
  reasons: MatchReason[];
}

/** Decides whether a stored event still applies (its measure in force or suspended, a licence still valid ...). */
export type AppliesFilter = (event: StoredEventFacts) => boolean;

/** The index keys of a normalised name, as the supplier resolver indexes them. */
function nameKeys(form: NameForm, out: string[]): void {
  if (form.core) out.push(`k:${form.core}`);
  if (form.fingerprint) out.push(`f:${form.fingerprint}`);
  for (const unit of form.distinctive.keys()) out.push(`u:${unit}`);
  for (const id of form.ids) out.push(`id:${id.scheme}:${id.value}`);
}

/** Keys of a party name in an event (exporter or end user). */
export function partyKeys(name: string): string[] {
  const out: string[] = [];
  nameKeys(normalizeName(name), out);
  return out;
}

/** Keys of a supplier: those of each of its names and of its identifiers (a superset of what can resolve to it). */
export function supplierKeys(s: SupplierSpec): string[] {
  const out: string[] = [];
  for (const n of [s.legalNameEn, s.legalNameZh, ...(s.formerNames ?? []), ...s.aliases])
    if (n) nameKeys(normalizeName(n), out);
  if (s.uscc) out.push(`id:USCC:${s.uscc.toUpperCase()}`);
  if (s.lei) out.push(`id:LEI:${s.lei.toUpperCase()}`);
  for (const t of s.tickers ?? []) {
    const v = canonicalTicker(t);
    if (v) out.push(`id:TICKER:${v}`);
  }
  return out;
}

/**
 * Every stored event, indexed by watch keys and party keys. Append-only ({@link add}); events keep the order they
 * were added in, which is the order of the hits.
 */
export class EventIndex {
  private readonly events: StoredEventFacts[] = [];
  private readonly byKey = new Map<string, number[]>();
  private readonly byParty = new Map<string, number[]>();
  /** Expanded keys by watch signature (the reference index is fixed for the life of the index). */
  private readonly expansions = new Map<string, string[]>();

  constructor(
    private readonly ref: ReferenceIndex,
    events: Iterable<StoredEventFacts> = [],
  ) {
    for (const e of events) this.add(e);
  }

  get size(): number {
    return this.events.length;
  }

  /** Adds a stored event (newer events after older ones). */
  add(event: StoredEventFacts): void {
    const i = this.events.length;
    this.events.push(event);
    for (const key of eventKeys(event, this.ref).keys()) put(this.byKey, key, i);
    for (const party of [event.exporterName, event.endUser])
      if (party) for (const key of partyKeys(party)) put(this.byParty, key, i);
  }

  /**
   * The stored events the watches and suppliers (of one tenant) reach, in the order the events were added, each with
   * the severity and reasons ingestion gives; events `applies` rejects are left out before any explanation is built.
   */
  match(
    watches: WatchSpec[],
    suppliers: SupplierSpec[] = [],
    decisions: SupplierNameDecisionSpec[] = [],
    applies?: AppliesFilter,
  ): BackfillHit[] {
    // Bit 1: reached through a watch key; bit 2: through a party key. Only what can match is run.
    const marked = new Uint8Array(this.events.length);
    const candidates: number[] = [];
    const mark = (list: number[] | undefined, bit: number) => {
      if (!list) return;
      for (const i of list) {
        if (!marked[i]) candidates.push(i);
        marked[i]! |= bit;
      }
    };
    const seen = new Set<string>();
    for (const w of watches) {
      const sig = watchSignature(w);
      if (seen.has(sig)) continue;
      seen.add(sig);
      let keys = this.expansions.get(sig);
      if (!keys) {
        keys = expandWatch(w, this.ref).keys.map((k) => k.key);
        this.expansions.set(sig, keys);
      }
      for (const k of keys) mark(this.byKey.get(k), 1);
    }
    for (const s of suppliers) for (const k of supplierKeys(s)) mark(this.byParty.get(k), 2);
    if (!candidates.length) return [];
    candidates.sort((a, b) => a - b);
    // The two halves of TenantIndex, merged as TenantIndex.match merges them (watch reasons, then supplier reasons;
    // severity from the supplier reasons only when there are some), so the answers are the ingestion's.
    const watchIndex = new WatchIndex(this.ref, watches);
    const resolver = suppliers.length ? new SupplierResolver(suppliers, decisions) : null;
    // One resolution per distinct party name (many licences name the same exporter).
    const resolved = new Map<string, ReturnType<SupplierResolver['resolve']>>();
    const resolve = (party: string) => {
      let hits = resolved.get(party);
      if (!hits) {
        hits = resolver!.resolve(party);
        resolved.set(party, hits);
      }
      return hits;
    };
    const out: BackfillHit[] = [];
    for (const i of candidates) {
      const e = this.events[i]!;
      if (applies && !applies(e)) continue;
      const bits = marked[i]!;
      let reasons: MatchReason[] | undefined = bits & 1 ? watchIndex.match(e)[0]?.reasons : undefined;
      let withSuppliers = false;
      if (bits & 2 && resolver) {
        for (const field of ['exporterName', 'endUser'] as const) {
          const party = e[field];
          if (!party) continue;
          for (const hit of resolve(party)) {
            reasons ??= [];
            reasons.push(supplierReason(hit, field, party));
            withSuppliers = true;
          }
        }
      }
      if (!reasons) continue;
      out.push({ eventId: e.id, type: e.type, severity: severityOf(e, withSuppliers ? reasons : []), reasons });
    }
    return out;
  }
}

/** The reference for {@link EventIndex.match}: every stored event through the naive matcher, one by one. */
export function naiveBackfill(
  ref: ReferenceIndex,
  events: Iterable<StoredEventFacts>,
  watches: WatchSpec[],
  suppliers: SupplierSpec[] = [],
  decisions: SupplierNameDecisionSpec[] = [],
  applies?: AppliesFilter,
): BackfillHit[] {
  const scan = new NaiveTenantScan(ref, watches, suppliers, decisions);
  const out: BackfillHit[] = [];
  for (const e of events) {
    if (applies && !applies(e)) continue;
    const m = scan.match(e)[0];
    if (m) out.push({ eventId: e.id, type: e.type, severity: m.severity, reasons: m.reasons });
  }
  return out;
}

function put(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

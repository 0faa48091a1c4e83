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
import type { EventFacts, SupplierNameDecisionSpec, SupplierSpec, WatchSpec } from './types.js';
import { severityOf } from './severity.js';
import { supplierReason } from './suppliers/explain.js';
import { nameLookupKeys, SupplierResolver, supplierLookupKeysOf } from './suppliers/resolver.js';
import { type EventEvidence, type EventKeyList, eventKeyList, hasExcludedTag, WatchIndex } from './watch-index.js';

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

/** Keys of a party name in an event (exporter or end user), as the supplier resolver looks names up. */
export function partyKeys(name: string): string[] {
  return nameLookupKeys(name);
}

/** Keys of a supplier: a superset of the keys under which a party name can resolve to it (see resolver.ts). */
export function supplierKeys(s: SupplierSpec): string[] {
  return supplierLookupKeysOf(s);
}

/**
 * Key positions encodable in {@link EventIndex}'s watch-key entries (`event * KEY_SLOTS + position`; exact as numbers
 * up to 2^53 / 1024 events). The last slot stands for "this key or a later one": the whole key list is read then.
 */
const KEY_SLOTS = 1024;

/** Keys of an event a back-match hands the matcher one by one; with more, it reads the event's whole key list. */
const SPARSE_MAX = 4;

/** Back-matches of at most this many watches hand the matcher the picked keys of each event (see matchInBatches). */
const SPARSE_WATCHES = 8;

/** Scratch arrays of one back-match (see EventIndex.matchInBatches): all zero / -1 between calls. */
interface Scratch {
  /** Per event: bit 1 reached through a watch key, bit 2 through a party key. */
  marked: Uint8Array;
  /** Per event: first cell of its picked key slots, -1 none (the picked-keys path only). */
  head: Int32Array;
  cellSlot: Int32Array;
  cellNext: Int32Array;
  /** Events marked by the call, the entries to clear. */
  candidates: number[];
}

/** Scratch sets kept for reuse (more are in use only while several back-matches are unfinished at once). */
const SCRATCH_POOL = 4;

/** Entries kept in the per-index caches of watch expansions and party keys before they are cleared. */
const CACHE_LIMIT = 20_000;

/**
 * Every stored event, indexed by watch keys and party keys. Append-only ({@link add}); events keep the order they
 * were added in, which is the order of the hits.
 */
export class EventIndex {
  private readonly events: StoredEventFacts[] = [];
  /** Each event's keys with their evidence (computed once, at {@link add}); key strings interned. */
  private readonly keyLists: EventKeyList[] = [];
  /**
   * 1 where the event has a text tag in an exclusion ({@link hasExcludedTag}), computed at {@link add}: a back-match
   * reads a byte per candidate instead of the event's tags (scattered objects: a cache miss each).
   */
  private excluded = new Uint8Array(1024);
  private readonly internedKeys = new Map<string, string>();
  /**
   * Events by watch key, each entry `i * KEY_SLOTS + k` (`i` the event's position, `k` the position of the key in
   * the event's key list, halved; {@link KEY_SLOTS} - 1 when the list is longer than that): a back-match hands the
   * matcher only the keys of an event that some watch has, not the whole list (an event carries 10 to 60 keys;
   * a watch shares one or two of them).
   */
  private readonly byKey = new Map<string, number[]>();
  private readonly byParty = new Map<string, number[]>();
  /** Expanded keys by watch signature (the reference index is fixed for the life of the index); bounded. */
  private readonly expansions = new Map<string, string[]>();
  /** Scratch sets of finished back-matches, for the next ones. */
  private readonly scratch: Scratch[] = [];
  /** Party keys by party name (many licences name the same exporter); bounded. */
  private readonly parties = new Map<string, string[]>();

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
    if (i === this.excluded.length) {
      const grown = new Uint8Array(i * 2);
      grown.set(this.excluded);
      this.excluded = grown;
    }
    this.excluded[i] = hasExcludedTag(event) ? 1 : 0;
    const keys = eventKeyList(event, this.ref, this.internedKeys);
    this.keyLists.push(keys);
    for (let k = 0; k < keys.length; k += 2) {
      const slot = Math.min(k >>> 1, KEY_SLOTS - 1);
      const list = this.byKey.get(keys[k] as string);
      // An event's keys are distinct: each (event, key) pair is added once.
      if (!list) this.byKey.set(keys[k] as string, [i * KEY_SLOTS + slot]);
      else list.push(i * KEY_SLOTS + slot);
    }
    for (const party of [event.exporterName, event.endUser])
      if (party) for (const key of this.partyKeys(party)) put(this.byParty, key, i);
  }

  private partyKeys(party: string): string[] {
    let keys = this.parties.get(party);
    if (!keys) {
      if (this.parties.size >= CACHE_LIMIT) this.parties.clear();
      keys = partyKeys(party);
      this.parties.set(party, keys);
    }
    return keys;
  }

  private watchKeys(w: WatchSpec): string[] {
    const sig = watchSignature(w);
    let keys = this.expansions.get(sig);
    if (!keys) {
      if (this.expansions.size >= CACHE_LIMIT) this.expansions.clear();
      keys = expandWatch(w, this.ref).keys.map((k) => k.key);
      this.expansions.set(sig, keys);
    }
    return keys;
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
    const steps = this.matchInSteps(watches, suppliers, decisions, applies, Number.POSITIVE_INFINITY);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * {@link match} in steps of about `stepMs` milliseconds of work: the generator yields (undefined) whenever a step
   * is used up, so that a caller can let the event loop run between steps (`for` each yield, await a macrotask),
   * and returns the same hits {@link match} returns. The work: normalising each supplier's names and expanding each
   * watch (only those that share a key with some stored event go further), then each candidate event. Events added
   * to the index while a generator is unfinished are not part of its answer.
   */
  *matchInSteps(
    watches: WatchSpec[],
    suppliers: SupplierSpec[] = [],
    decisions: SupplierNameDecisionSpec[] = [],
    applies?: AppliesFilter,
    stepMs = 10,
  ): Generator<undefined, BackfillHit[], unknown> {
    let all: BackfillHit[] | undefined;
    for (const batch of this.matchInBatches(watches, suppliers, decisions, applies, stepMs, Number.POSITIVE_INFINITY)) {
      if (!batch) yield;
      else if (!all) all = batch;
      else for (const h of batch) all.push(h);
    }
    return all ?? [];
  }

  /**
   * The hits of {@link match}, in the same order, handed over in batches of `batchSize` (the last one may be smaller)
   * as they are found, so that a caller can store each batch and drop it (a back-match of a whole tenant can be tens
   * of thousands of alerts with hundreds of thousands of reason texts: holding them all until the end costs more
   * garbage-collection time than building them). Yields `undefined` whenever about `stepMs` milliseconds of work
   * are used up (let the event loop run), and a non-empty array of hits whenever a batch is full and at the end. The
   * time the caller spends between two `next()` calls does not count towards a step. Events added to the index
   * while the generator is unfinished are not part of its answer.
   */
  *matchInBatches(
    watches: WatchSpec[],
    suppliers: SupplierSpec[] = [],
    decisions: SupplierNameDecisionSpec[] = [],
    applies?: AppliesFilter,
    stepMs = 10,
    batchSize = 200,
  ): Generator<BackfillHit[] | undefined, void, unknown> {
    // Per-event scratch arrays are taken from a small pool and given back cleared (only the entries this call set),
    // rather than a fresh pair as long as the index for every call (0.5 MB at 100,000 events, allocated, zeroed and
    // filled each time, however few events one added watch reaches).
    const scratch = this.takeScratch(this.events.length, watches.length <= SPARSE_WATCHES);
    try {
      yield* this.batches(scratch, watches, suppliers, decisions, applies, stepMs, batchSize);
    } finally {
      this.giveBack(scratch);
    }
  }

  private takeScratch(n: number, sparse: boolean): Scratch {
    const s = this.scratch.pop() ?? {
      marked: new Uint8Array(0),
      head: new Int32Array(0),
      cellSlot: new Int32Array(1024),
      cellNext: new Int32Array(1024),
      candidates: [],
    };
    const size = Math.max(1024, Math.ceil(n * 1.25));
    if (s.marked.length < n) s.marked = new Uint8Array(size);
    if (sparse && s.head.length < n) s.head = new Int32Array(size).fill(-1);
    return s;
  }

  private giveBack(s: Scratch): void {
    const { marked, head, candidates } = s;
    for (const i of candidates) {
      marked[i] = 0;
      if (i < head.length) head[i] = -1;
    }
    s.candidates = [];
    if (this.scratch.length < SCRATCH_POOL) this.scratch.push(s);
  }

  private *batches(
    scratch: Scratch,
    watches: WatchSpec[],
    suppliers: SupplierSpec[] = [],
    decisions: SupplierNameDecisionSpec[] = [],
    applies?: AppliesFilter,
    stepMs = 10,
    batchSize = 200,
  ): Generator<BackfillHit[] | undefined, void, unknown> {
    let deadline = performance.now() + stepMs;
    let tick = 0;
    // The clock is read after every supplier (each costs ~0.2 ms: normalising its names) and every 4th watch or
    // event (a read costs well under a microsecond).
    const timed = stepMs !== Number.POSITIVE_INFINITY;
    const due = (every = 4) => timed && (++tick & (every - 1)) === 0 && performance.now() >= deadline;
    const next = () => {
      deadline = performance.now() + stepMs;
    };
    // Bit 1: reached through a watch key; bit 2: through a party key. Only what can match is run. Events added
    // while the generator waits between steps (index positions from `n` on) are left out.
    const n = this.events.length;
    const { marked } = scratch;
    const candidates = scratch.candidates;
    const mark = (list: number[] | undefined, bit: number): boolean => {
      if (!list) return false;
      let hit = false;
      for (const i of list) {
        if (i >= n) break;
        if (!marked[i]) candidates.push(i);
        marked[i]! |= bit;
        hit = true;
      }
      return hit;
    };
    // Through watch keys: which keys of each event some watch has, as linked lists of key slots per event (head[i]
    // the first cell, -1 none; cells in `cellSlot` / `cellNext`), so that the matcher reads those keys only.
    // Only for a few watches (one added watch, a handful): a whole tenant's watches share most keys of the events they
    // reach, and the whole key list is then cheaper to read than lists of picked keys are to build.
    const sparse = watches.length <= SPARSE_WATCHES;
    const { head } = scratch;
    let { cellSlot, cellNext } = scratch;
    let cells = 0;
    const markKeys = (list: number[] | undefined): boolean => {
      if (!list) return false;
      const end = n * KEY_SLOTS;
      let hit = false;
      for (const x of list) {
        if (x >= end) break;
        hit = true;
        const i = Math.floor(x / KEY_SLOTS);
        if (!marked[i]) candidates.push(i);
        marked[i]! |= 1;
        if (!sparse) continue;
        if (cells === cellSlot.length) {
          const grownSlot = new Int32Array(cells * 2);
          grownSlot.set(cellSlot);
          cellSlot = grownSlot;
          const grownNext = new Int32Array(cells * 2);
          grownNext.set(cellNext);
          cellNext = grownNext;
          scratch.cellSlot = cellSlot;
          scratch.cellNext = cellNext;
        }
        cellSlot[cells] = x - i * KEY_SLOTS;
        cellNext[cells] = head[i]!;
        head[i] = cells++;
      }
      return hit;
    };
    // The keys of event i that some watch has, in the order of its key list (what WatchIndex.match reads: it skips
    // every key no watch has, so the answer is the same as with the whole list). Worth it for a few keys (one added
    // watch shares one or two keys with an event of its 10 to 60); past SPARSE_MAX the whole list is read.
    const picked = new Int32Array(SPARSE_MAX);
    const keysOf = (i: number): EventKeyList => {
      const all = this.keyLists[i]!;
      if (!sparse) return all;
      let m = 0;
      for (let c = head[i]!; c !== -1; c = cellNext[c]!) {
        const slot = cellSlot[c]!;
        // A key past the encodable slots, or many keys: read the whole list.
        if (slot === KEY_SLOTS - 1 || m === SPARSE_MAX) return all;
        // Insertion in ascending order, without repeats (two watches sharing a key).
        let j = m;
        while (j > 0 && picked[j - 1]! > slot) j--;
        if (j > 0 && picked[j - 1] === slot) continue;
        picked.copyWithin(j + 1, j, m);
        picked[j] = slot;
        m++;
      }
      const out = new Array<string | EventEvidence | readonly EventEvidence[]>(m * 2);
      for (let j = 0; j < m; j++) {
        const slot = picked[j]!;
        out[j * 2] = all[slot * 2]!;
        out[j * 2 + 1] = all[slot * 2 + 1]!;
      }
      return out;
    };
    // Only the watches and suppliers that reach some stored event are matched (their relative order, which orders
    // the reasons, is kept): a watch's reasons depend on that watch alone, and a party resolves only to suppliers
    // sharing one of its keys, which includes every supplier the resolver weighs against another for that name.
    const reaching: WatchSpec[] = [];
    const seen = new Map<string, boolean>();
    for (const w of watches) {
      const sig = watchSignature(w);
      let hit = seen.get(sig);
      if (hit === undefined) {
        hit = false;
        for (const k of this.watchKeys(w)) if (markKeys(this.byKey.get(k))) hit = true;
        seen.set(sig, hit);
      }
      if (hit) reaching.push(w);
      if (due()) {
        yield;
        next();
      }
    }
    const reachingSuppliers: SupplierSpec[] = [];
    if (this.byParty.size) {
      for (const s of suppliers) {
        let hit = false;
        for (const k of supplierKeys(s)) if (mark(this.byParty.get(k), 2)) hit = true;
        if (hit) reachingSuppliers.push(s);
        if (due(1)) {
          yield;
          next();
        }
      }
    }
    if (!candidates.length) return;
    // Event order (numeric sort of a typed array: several times faster than Array#sort with a comparator, which
    // cost ~2 ms of a one-watch back-match reaching 12,000 candidates).
    const order = Int32Array.from(candidates).sort();
    // The two halves of TenantIndex, merged as TenantIndex.match merges them (watch reasons, then supplier reasons;
    // severity from the supplier reasons only when there are some), so the answers are the ingestion's.
    const watchIndex = new WatchIndex(this.ref, reaching);
    // Jurisdictions some reaching watch accepts (null: every one). A watch with a jurisdiction filter matches no event
    // of another jurisdiction, so such events skip the watch half (a tenant's repeats of its targets per origin, or
    // one added watch on US events, which finds its candidates among mostly CN events).
    const jurisdictions: Set<string> | null = reaching.some((w) => !w.jurisdiction)
      ? null
      : new Set(reaching.map((w) => w.jurisdiction!));
    const resolver = reachingSuppliers.length ? new SupplierResolver(reachingSuppliers, decisions) : null;
    yield;
    next();
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
    let out: BackfillHit[] = [];
    for (let c = 0; c < order.length; c++) {
      const i = order[c]!;
      if (due()) {
        yield;
        next();
      }
      const e = this.events[i]!;
      if (applies && !applies(e)) continue;
      const bits = marked[i]!;
      let reasons: MatchReason[] | undefined =
        bits & 1 && (!jurisdictions || jurisdictions.has(e.jurisdiction))
          ? watchIndex.match(e, keysOf(i), this.excluded[i] === 1)[0]?.reasons
          : undefined;
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
      if (out.length >= batchSize) {
        yield out;
        out = [];
        next();
      }
    }
    if (out.length) yield out;
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

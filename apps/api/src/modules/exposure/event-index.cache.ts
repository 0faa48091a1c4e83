import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Tx } from '../../database/prisma.service.js';
import { EventIndex, partyKeys, type StoredEventFacts, supplierKeys } from '../../matching/event-index.js';
import type { ReferenceIndex } from '../../matching/reference-index.js';
import type { TextTag } from '../../matching/types.js';
import { TimeSlicer } from '../../common/yield.js';
import { EVENT_PAGE, ExposureRepository, type PermitEventRow, type PolicyChangeRow } from './exposure.repository.js';

/** What the exposure reads of a stored event besides its matching facts. Dates are YYYY-MM-DD. */
export interface StoredEventMeta {
  id: string;
  type: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  source: string;
  title: string;
  reference: string | null;
  sourceUrl: string | null;
  official: boolean;
  /** Policy changes: the action; permits: null. */
  action: string | null;
  /** Permits: the status; policy changes: null. */
  permitStatus: string | null;
  effectiveDate: string | null;
  /** Policy changes: end of a suspension. */
  endDate: string | null;
  validFrom: string | null;
  validTo: string | null;
  exporterName: string | null;
  /** Elements the event names (fields). */
  elements: string[];
  /** The measures a policy change is about, SELF first. */
  measures: { key: string; role: string }[];
}

/** Overlap when reading new events: rows committed late with an earlier createdAt are still seen (ids dedupe). */
const OVERLAP_MS = 5 * 60_000;

/**
 * The {@link EventIndex} of every stored event, built on first use and extended with the events stored since (events
 * are append-only: ingestion never updates one). Rebuilt when the reference index changes.
 */
@Injectable()
export class EventIndexCache implements OnApplicationBootstrap {
  private state:
    | { ref: ReferenceIndex; index: EventIndex; meta: Map<string, StoredEventMeta>; watermark: Date | null }
    | undefined;
  constructor(private readonly repository: ExposureRepository) {}

  /**
   * Warms the supplier-name code before the server takes requests: the first name normalised in a process loads the
   * romanisation dictionaries and the public company reference (~0.1-0.3 s at once), which would otherwise stall the
   * first back-match (and every request behind it).
   */
  onApplicationBootstrap(): void {
    supplierKeys({
      id: 'warm-up',
      tenantId: 'warm-up',
      legalNameEn: 'Jiangxi Warm-up Rare Earth Co., Ltd. (SZSE:300000)',
      legalNameZh: '江西预热稀土有限公司',
      aliases: ['JWRE'],
    });
    partyKeys('江西预热稀土有限公司厦门分公司');
  }

  /**
   * The index with every event visible to `tx`, and the events' metadata by id. Refreshes are not queued behind one
   * another: a refresh inside a transaction must never wait for one outside it (PGlite has a single connection, so
   * that would deadlock). Two refreshes at once are safe: each event is added once (by id), in stored order.
   * Events are read {@link EVENT_PAGE} per query and added in slices of ~10 ms with a turn of the event loop between
   * (the first build reads every stored event: 100,000 take seconds of work, which must not stall other requests).
   */
  async get(tx: Tx, ref: ReferenceIndex): Promise<{ index: EventIndex; meta: Map<string, StoredEventMeta> }> {
    if (!this.state || this.state.ref !== ref)
      this.state = { ref, index: new EventIndex(ref), meta: new Map(), watermark: null };
    const s = this.state;
    const since = s.watermark ? new Date(s.watermark.getTime() - OVERLAP_MS) : null;
    const [pcs, permits] = await Promise.all([
      readAll((after) => this.repository.policyChangesSince(tx, since, after)),
      readAll((after) => this.repository.permitEventsSince(tx, since, after)),
    ]);
    const rows = [
      ...pcs.map((r) => ({ at: r.createdAt, facts: () => policyFacts(r), meta: () => policyMeta(r), id: r.id })),
      ...permits.map((r) => ({ at: r.createdAt, facts: () => permitFacts(r), meta: () => permitMeta(r), id: r.id })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1));
    const slicer = new TimeSlicer();
    for (const r of rows) {
      if (!s.meta.has(r.id)) {
        s.meta.set(r.id, r.meta());
        s.index.add(r.facts());
        if (!s.watermark || r.at > s.watermark) s.watermark = r.at;
      }
      await slicer.maybeYield();
    }
    return { index: s.index, meta: s.meta };
  }
}

/** Every row of a keyset-paged query, a turn of the event loop between pages. */
export async function readAll<T extends { createdAt: Date; id: string }>(
  page: (after?: { createdAt: Date; id: string }) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let after: T | undefined; ; ) {
    if (after) await nextMacrotask();
    const rows = await page(after ? { createdAt: after.createdAt, id: after.id } : undefined);
    out.push(...rows);
    if (rows.length < EVENT_PAGE) return out;
    after = rows[rows.length - 1];
  }
}

function day(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** Text tags the matcher uses (dates are stored, not matched), as ingestion does. */
function matchable(tags: unknown): TextTag[] {
  return Array.isArray(tags) ? (tags as TextTag[]).filter((t) => t.kind !== 'DATE') : [];
}

function policyFacts(r: PolicyChangeRow): StoredEventFacts {
  return {
    id: r.id,
    type: 'POLICY_CHANGE',
    jurisdiction: r.jurisdiction,
    reference: r.reference,
    action: r.action,
    elements: r.elements,
    hsCodes: r.hsCodes,
    controlEntries: r.controlEntries,
    textTags: matchable(r.textTags),
  };
}

function permitFacts(r: PermitEventRow): StoredEventFacts {
  return {
    id: r.id,
    type: 'PERMIT_EVENT',
    jurisdiction: r.jurisdiction,
    reference: null,
    permitStatus: r.status,
    elements: r.elements,
    hsCodes: r.hsCodes,
    controlEntries: r.controlEntries,
    textTags: matchable(r.textTags),
    exporterName: r.exporterName,
    endUser: r.endUser,
  };
}

const ROLE_RANK: Record<string, number> = { SELF: 0, AFFECTS: 1, CITES: 2 };

function policyMeta(r: PolicyChangeRow): StoredEventMeta {
  return {
    id: r.id,
    type: 'POLICY_CHANGE',
    source: r.source,
    title: r.title,
    reference: r.reference,
    sourceUrl: r.sourceUrl,
    official: r.official,
    action: r.action,
    permitStatus: null,
    effectiveDate: day(r.effectiveDate),
    endDate: day(r.endDate),
    validFrom: null,
    validTo: null,
    exporterName: null,
    elements: r.elements,
    measures: r.measures
      .filter((m) => m.role in ROLE_RANK)
      .sort((a, b) => ROLE_RANK[a.role]! - ROLE_RANK[b.role]!)
      .map((m) => ({ key: m.measureKey, role: m.role })),
  };
}

function permitMeta(r: PermitEventRow): StoredEventMeta {
  return {
    id: r.id,
    type: 'PERMIT_EVENT',
    source: r.source,
    title: r.title,
    reference: null,
    sourceUrl: r.sourceUrl,
    official: true,
    action: null,
    permitStatus: r.status,
    effectiveDate: day(r.validFrom),
    endDate: null,
    validFrom: day(r.validFrom),
    validTo: day(r.validTo),
    exporterName: r.exporterName,
    elements: r.elements,
    measures: [],
  };
}

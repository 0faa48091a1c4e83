import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { adaptSize, threadCpuMs } from '../../common/yield.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { SupplierSpec, WatchSpec } from '../../matching/types.js';
import { emailRow } from '../../outbox/email-row.js';
import { EmailQueueWriter } from '../../mail/email-queue.js';

/** Stored events per query when the event index reads them. */
export const EVENT_PAGE = 2000;

/** Rows after `after` in (createdAt, id) order. */
function keysetAfter(after: { createdAt: Date; id: string }) {
  return { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] };
}

/**
 * Rows per query when reading a tenant's watches or suppliers for back-matching: at most this many, fewer when one
 * query costs more than {@link SPEC_PAGE_TARGET_MS} of CPU on this thread (on PGlite the query and the decoding of its
 * rows run on the event loop thread without a break: 1,000 suppliers took 45-60 ms).
 */
export const SPEC_PAGE = 1000;
const SPEC_PAGE_MIN = 50;
const SPEC_PAGE_TARGET_MS = 8;

/** The `where` of one page: the ids in a range (inclusive), or after an id. */
type PageWhere = { id?: { gte: string; lte: string } | { gt: string } };

/**
 * Reads rows by id in pages: those of `ids`, or all (keyset on id); the page size adapts between 50 and
 * {@link SPEC_PAGE} rows so that one query costs about 8 ms of this thread's CPU. A turn of the event loop between
 * queries lets other requests use the database.
 *
 * A page of `ids` is read as the range from its first to its last id (then the rows not asked for are dropped): the
 * ids an import passes are its rows' UUIDv7s, consecutive in id order, so the range holds just them (and any row
 * another request stored meanwhile). Not `id IN (...)`: without table statistics (PGlite never analyses; PostgreSQL
 * not before autovacuum runs after a large import) the planner read such a list through the (tenantId, legalNameEn,
 * id) index, i.e. every supplier of the tenant per page: 45-80 ms a query at 100,000 suppliers, 3-9 ms as a range.
 */
async function paged<T extends { id: string }>(
  ids: string[] | undefined,
  query: (where: PageWhere, take: number | undefined) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  let take = 200;
  const timed = async (where: PageWhere, limit: number | undefined) => {
    const t0 = threadCpuMs();
    const page = await query(where, limit);
    take = adaptSize(take, threadCpuMs() - t0, SPEC_PAGE_TARGET_MS, SPEC_PAGE_MIN, SPEC_PAGE);
    return page;
  };
  if (ids) {
    // An import passes its ids ascending (UUIDv7 in creation order): checked in one pass, not sorted (sorting 100,000
    // ids at once held the event loop for ~50 ms).
    const sorted = ids.every((id, i) => i === 0 || ids[i - 1]! < id) ? ids : [...new Set(ids)].sort();
    for (let i = 0; i < sorted.length; ) {
      if (i) await nextMacrotask();
      const slice = sorted.slice(i, i + take);
      i += slice.length;
      const page = await timed({ id: { gte: slice[0]!, lte: slice[slice.length - 1]! } }, undefined);
      const wanted = new Set(slice);
      for (const row of page) if (wanted.has(row.id)) out.push(row);
    }
    return out;
  }
  for (let after: string | undefined; ; ) {
    if (after) await nextMacrotask();
    const asked = take;
    const page = await timed(after ? { id: { gt: after } } : {}, asked);
    out.push(...page);
    if (page.length < asked) return out;
    after = page[page.length - 1]!.id;
  }
}

/** The fields of a stored policy change the event index and the exposure read. */
export const policyChangeFacts = {
  id: true,
  source: true,
  externalId: true,
  jurisdiction: true,
  action: true,
  title: true,
  reference: true,
  official: true,
  sourceUrl: true,
  effectiveDate: true,
  endDate: true,
  elements: true,
  hsCodes: true,
  controlEntries: true,
  textTags: true,
  createdAt: true,
  measures: { select: { measureKey: true, role: true } },
} as const satisfies Prisma.PolicyChangeSelect;

/** The fields of a stored permit event the event index and the exposure read. */
export const permitEventFacts = {
  id: true,
  source: true,
  jurisdiction: true,
  status: true,
  title: true,
  exporterName: true,
  endUser: true,
  sourceUrl: true,
  validFrom: true,
  validTo: true,
  elements: true,
  hsCodes: true,
  controlEntries: true,
  textTags: true,
  createdAt: true,
} as const satisfies Prisma.PermitEventSelect;

export type PolicyChangeRow = Prisma.PolicyChangeGetPayload<{ select: typeof policyChangeFacts }>;
export type PermitEventRow = Prisma.PermitEventGetPayload<{ select: typeof permitEventFacts }>;

/** Alerts read per query by the exposure. */
const ALERT_PAGE = 2000;

/** Stored events (platform data) and a tenant's profile, alerts and summary emails, for back-matching and exposure. */
@Injectable()
export class ExposureRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly emailQueue: EmailQueueWriter,
  ) {}

  db(tx?: Tx): Tx {
    return tx ?? (this.prisma.db as unknown as Tx);
  }

  /**
   * Policy changes stored at or after `since` (all when null), oldest first (createdAt, then id), at most `take`,
   * after the row `after` (keyset paging).
   */
  policyChangesSince(tx: Tx, since: Date | null, after?: { createdAt: Date; id: string }, take = EVENT_PAGE) {
    return tx.policyChange.findMany({
      where: { AND: [since ? { createdAt: { gte: since } } : {}, after ? keysetAfter(after) : {}] },
      select: policyChangeFacts,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take,
    });
  }

  /** Permit events stored at or after `since`, paged as {@link policyChangesSince}. */
  permitEventsSince(tx: Tx, since: Date | null, after?: { createdAt: Date; id: string }, take = EVENT_PAGE) {
    return tx.permitEvent.findMany({
      where: { AND: [since ? { createdAt: { gte: since } } : {}, after ? keysetAfter(after) : {}] },
      select: permitEventFacts,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take,
    });
  }

  /** The tenant's watches (all, or those of `ids`). */
  watches(tx: Tx, tenantId: string, ids?: string[]) {
    return tx.watchlistItem.findMany({
      where: { tenantId, ...(ids ? { id: { in: ids } } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** The tenant's suppliers (all, or those of `ids`). */
  suppliers(tx: Tx, tenantId: string, ids?: string[]) {
    return tx.supplier.findMany({
      where: { tenantId, ...(ids ? { id: { in: ids } } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * The tenant's watches as the matcher reads them (all, or those of `ids`), by id (UUIDv7: creation order), read
   * up to {@link SPEC_PAGE} rows per query (fewer when a query costs over ~8 ms of CPU here) with a turn of the event
   * loop between queries (no long statement on PGlite).
   */
  watchSpecs(tx: Tx, tenantId: string, ids?: string[]): Promise<WatchSpec[]> {
    return paged(ids, (where, take) =>
      tx.watchlistItem.findMany({
        where: { tenantId, ...where },
        select: {
          id: true,
          tenantId: true,
          kind: true,
          elementSymbol: true,
          hsPrefix: true,
          controlEntry: true,
          jurisdiction: true,
        },
        orderBy: { id: 'asc' },
        take,
      }),
    );
  }

  /** The tenant's suppliers as the matcher reads them (all, or those of `ids`), by id, paged as {@link watchSpecs}. */
  supplierSpecs(tx: Tx, tenantId: string, ids?: string[]): Promise<SupplierSpec[]> {
    return paged(ids, (where, take) =>
      tx.supplier.findMany({
        where: { tenantId, ...where },
        select: {
          id: true,
          tenantId: true,
          legalNameEn: true,
          legalNameZh: true,
          formerNames: true,
          aliases: true,
          uscc: true,
          lei: true,
          tickers: true,
        },
        orderBy: { id: 'asc' },
        take,
      }),
    );
  }

  supplierDecisions(tx: Tx, tenantId: string) {
    return tx.supplierNameDecision.findMany({
      where: { tenantId },
      select: { tenantId: true, supplierId: true, nameKey: true, decision: true },
    });
  }

  tenant(tx: Tx, tenantId: string) {
    return tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true, status: true } });
  }

  /** Active buyers of the tenant who have not unsubscribed. */
  buyers(tx: Tx, tenantId: string) {
    return tx.user.findMany({
      where: {
        tenantId,
        role: 'BUYER',
        active: true,
        tenant: { status: 'ACTIVE' },
        OR: [{ notificationPref: null }, { notificationPref: { unsubscribedAt: null } }],
      },
      select: { id: true, email: true, name: true },
      orderBy: { email: 'asc' },
    });
  }

  /**
   * Queues emails (one statement); duplicates by dedupe key are skipped. Only the back-match's summary subscriber
   * (ExposureSummarySubscriber) writes through it. With DELIVERY_QUEUE=pgboss each row written gets its
   * `deliver-email` job in `tx`. @returns how many were queued.
   */
  async queueEmails(tx: Tx, rows: Prisma.EmailDeliveryCreateManyInput[]) {
    if (!rows.length) return 0;
    if (!this.emailQueue.queued)
      return (await tx.emailDelivery.createMany({ data: rows.map(emailRow), skipDuplicates: true })).count;
    const written = await tx.emailDelivery.createManyAndReturn({
      data: rows.map(emailRow),
      skipDuplicates: true,
      select: { id: true, tenantId: true, nextAttemptAt: true },
    });
    await this.emailQueue.enqueue(tx, written);
    return written.length;
  }

  /**
   * The tenant's alerts on stored events (policy changes, permits) and screening hits, oldest first, read in pages of
   * {@link ALERT_PAGE} (keyset on id) with a turn of the event loop between pages, so that a tenant with 100,000
   * alerts does not hold the event loop while its rows are decoded.
   */
  async alerts(tenantId: string) {
    const out: Awaited<ReturnType<typeof this.alertPage>> = [];
    for (let cursor: string | undefined; ; ) {
      const page = await this.alertPage(tenantId, cursor);
      out.push(...page);
      if (page.length < ALERT_PAGE) return out;
      cursor = page[page.length - 1]!.id;
      await new Promise(setImmediate);
    }
  }

  private alertPage(tenantId: string, cursor: string | undefined) {
    return this.prisma.db.alert.findMany({
      where: { tenantId },
      select: {
        id: true,
        severity: true,
        status: true,
        title: true,
        reasons: true,
        origin: true,
        applies: true,
        appliesReason: true,
        createdAt: true,
        policyChangeId: true,
        permitEventId: true,
        screeningEntryId: true,
        screeningEntry: {
          select: { id: true, name: true, listName: true, listCode: true, sourceListUrl: true, removedAt: true },
        },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: ALERT_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
  }
}

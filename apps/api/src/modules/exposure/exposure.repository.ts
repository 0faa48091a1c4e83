import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { Prisma } from '../../generated/prisma/client.js';
import type { SupplierSpec, WatchSpec } from '../../matching/types.js';

/** Stored events per query when the event index reads them. */
export const EVENT_PAGE = 2000;

/** Rows after `after` in (createdAt, id) order. */
function keysetAfter(after: { createdAt: Date; id: string }) {
  return { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] };
}

/** Rows per query when reading a tenant's watches or suppliers for back-matching. */
export const SPEC_PAGE = 1000;

/**
 * Reads rows by id in pages: those of `ids` ({@link SPEC_PAGE} ids per query, ascending), or all (keyset on id).
 * A turn of the event loop between queries lets other requests use the database.
 */
async function paged<T extends { id: string }>(
  ids: string[] | undefined,
  query: (where: { id?: { in: string[] } | { gt: string } }, take: number) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  if (ids) {
    // An import passes its ids ascending (UUIDv7 in creation order): checked in one pass, not sorted (sorting 100,000
    // ids at once held the event loop for ~50 ms).
    const sorted = ids.every((id, i) => i === 0 || ids[i - 1]! < id) ? ids : [...new Set(ids)].sort();
    for (let i = 0; i < sorted.length; i += SPEC_PAGE) {
      if (i) await nextMacrotask();
      out.push(...(await query({ id: { in: sorted.slice(i, i + SPEC_PAGE) } }, SPEC_PAGE)));
    }
    return out;
  }
  for (let after: string | undefined; ; ) {
    if (after) await nextMacrotask();
    const page = await query(after ? { id: { gt: after } } : {}, SPEC_PAGE);
    out.push(...page);
    if (page.length < SPEC_PAGE) return out;
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

/** A back-matched alert to store. */
export interface BackfillAlertRow {
  type: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  eventId: string;
  title: string;
  severity: Prisma.AlertCreateManyInput['severity'];
  reasons: unknown;
}

/** Alerts read per query by the exposure. */
const ALERT_PAGE = 2000;

/** Stored events (platform data) and a tenant's profile, alerts and summary emails, for back-matching and exposure. */
@Injectable()
export class ExposureRepository {
  constructor(private readonly prisma: PrismaService) {}

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
   * {@link SPEC_PAGE} rows per query with a turn of the event loop between queries (no long statement on PGlite).
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

  /**
   * Stores the back-matched alerts (origin BACKFILL) in one statement; those whose (tenant, event) alert exists are
   * skipped. @returns the alerts created.
   */
  createBackfillAlerts(tx: Tx, tenantId: string, rows: BackfillAlertRow[]) {
    if (!rows.length) return Promise.resolve([]);
    return tx.alert.createManyAndReturn({
      data: rows.map((r) => ({
        tenantId,
        dedupeKey: `${tenantId}:${r.type}:${r.eventId}`,
        severity: r.severity,
        title: r.title,
        reasons: r.reasons as never,
        origin: 'BACKFILL' as const,
        ...(r.type === 'POLICY_CHANGE' ? { policyChangeId: r.eventId } : { permitEventId: r.eventId }),
      })),
      skipDuplicates: true,
      select: { id: true, policyChangeId: true, permitEventId: true, severity: true, title: true, reasons: true },
    });
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

  /** Queues emails (one statement); duplicates by dedupe key are skipped. @returns how many were queued. */
  async queueEmails(tx: Tx, rows: Prisma.EmailDeliveryCreateManyInput[]) {
    if (!rows.length) return 0;
    return (await tx.emailDelivery.createMany({ data: rows, skipDuplicates: true })).count;
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

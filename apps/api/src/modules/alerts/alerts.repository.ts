import { Injectable } from '@nestjs/common';
import type { EventType } from '@lodestone/shared-types';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { uuid7 } from '../../database/uuid7.js';
import type { TenantMatch } from '../../matching/types.js';
import { type Alert, Prisma } from '../../generated/prisma/client.js';

/** What {@link AlertsRepository.insertAlertKeys} returns of each created alert. */
export interface AlertKeys {
  id: string;
  tenantId: string;
  severity: Alert['severity'];
  /** {@link alertDedupeKey} of the alert. */
  dedupeKey: string;
}

/** The dedupe key of the one alert an event may produce for a tenant. */
export function alertDedupeKey(tenantId: string, type: EventType, eventId: string): string {
  return `${tenantId}:${type}:${eventId}`;
}

/** The alert column naming its event. */
function eventColumn(type: EventType, eventId: string) {
  if (type === 'POLICY_CHANGE') return { policyChangeId: eventId };
  if (type === 'PERMIT_EVENT') return { permitEventId: eventId };
  return { screeningEntryId: eventId };
}

/**
 * Rows per INSERT statement of {@link AlertsRepository.insertAlertKeys}: bounds one statement's size and the synchronous work
 * of building its arrays (a few ms at 2,000 rows).
 */
export const ALERT_CHUNK = 2000;

/** One alert to write with {@link AlertsRepository.insertAlertKeys}. */
export interface NewAlert {
  tenantId: string;
  type: EventType;
  /** Id of the policy change, permit event or screening entry. */
  eventId: string;
  title: string;
  severity: TenantMatch['severity'];
  /** MatchReason[] (stored as JSON). */
  reasons: unknown;
  /** EVENT (default): raised when its event arrived; BACKFILL: found when a watch, supplier or tenant was added. */
  origin?: 'EVENT' | 'BACKFILL';
}

/** Alerts: one per (tenant, event), enforced by the unique dedupe key. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Writes alerts in bulk: one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING` per
   * {@link ALERT_CHUNK} rows (so an event matching 10,000 tenants costs 5 statements, not 20,000), yielding to the
   * event loop between chunks. The rows travel as one array parameter per column (Prisma's createMany builds a much
   * slower statement of 7 bind values per row). Each row's dedupe key is {@link alertDedupeKey}; a row whose alert
   * already exists (same key, e.g. written by a concurrent ingestion or an earlier trigger) is skipped by the database.
   * Ids are UUIDv7 made here, monotonic in `rows` order. Only the {@link AlertRaiser} calls it (every trigger raises
   * alerts through it; `alert-pipeline.spec.ts` checks that no other code inserts alerts).
   * @param rows - one per (tenant, event); `reasons` is the MatchReason[] stored as JSON; `origin` EVENT by default.
   * @returns each created alert's `id`, `tenantId`, `severity` and `dedupeKey`, in `rows` order (the reasons do not
   *   travel back: 10,000 alerts' reasons are not read again and held in memory).
   */
  insertAlertKeys(tx: Tx, rows: readonly NewAlert[]): Promise<AlertKeys[]> {
    return this.insertMany<AlertKeys>(tx, rows, Prisma.sql`RETURNING "id", "tenantId", "severity", "dedupeKey"`);
  }

  private async insertMany<T extends { id: string }>(
    tx: Tx,
    rows: readonly NewAlert[],
    returning: Prisma.Sql,
  ): Promise<T[]> {
    const created: T[] = [];
    for (let i = 0; i < rows.length; i += ALERT_CHUNK) {
      if (i > 0) await new Promise(setImmediate);
      const chunk = rows.slice(i, i + ALERT_CHUNK);
      const col = <T>(f: (r: NewAlert) => T) => chunk.map(f);
      const ids = chunk.map(() => uuid7());
      const inserted = await tx.$queryRaw<T[]>`
        INSERT INTO "Alert" ("id", "tenantId", "dedupeKey", "severity", "title", "reasons", "policyChangeId",
          "permitEventId", "screeningEntryId", "origin")
        SELECT * FROM unnest(
          ${ids}::uuid[], ${col((r) => r.tenantId)}::uuid[],
          ${col((r) => alertDedupeKey(r.tenantId, r.type, r.eventId))}::text[],
          ${col((r) => r.severity)}::text[]::"Severity"[], ${col((r) => r.title)}::text[],
          ${col((r) => JSON.stringify(r.reasons ?? null))}::text[]::jsonb[],
          ${col((r) => (r.type === 'POLICY_CHANGE' ? r.eventId : null))}::uuid[],
          ${col((r) => (r.type === 'PERMIT_EVENT' ? r.eventId : null))}::uuid[],
          ${col((r) => (r.type === 'SCREENING_HIT' ? r.eventId : null))}::uuid[],
          ${col((r) => r.origin ?? 'EVENT')}::text[]::"AlertOrigin"[])
        ON CONFLICT ("dedupeKey") DO NOTHING
        ${returning}`;
      // RETURNING order is not guaranteed; the ids are monotonic in `rows` order.
      inserted.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const a of inserted) created.push(a);
    }
    return created;
  }

  /**
   * Alerts (all tenants) of earlier policy changes, for reversals: a newer event that suspends, amends, reinstates or
   * lifts a measure updates every tenant's alert on it. Cross-tenant by design; results are handled per tenant.
   */
  alertsOfPolicyChanges(tx: Tx, policyChangeIds: string[]) {
    if (!policyChangeIds.length) return Promise.resolve([]);
    return crossTenant('a reversal updates the alerts of every tenant on the earlier measure', () =>
      tx.alert.findMany({
        where: { policyChangeId: { in: policyChangeIds } },
        include: { policyChange: { select: { reference: true, title: true, externalId: true } } },
        orderBy: [{ tenantId: 'asc' }, { createdAt: 'asc' }],
      }),
    );
  }

  /**
   * Sets the measure status of earlier alerts of many tenants in one statement (`UPDATE … FROM unnest(…)`), each linked
   * to the newer alert of its own tenant that changed it. A row whose (id, tenantId) does not exist is ignored.
   * @param rows - one per earlier alert: its id and tenant, and the id of the newer alert (same tenant).
   * @returns how many alerts were updated.
   */
  markMeasureStatusMany(
    tx: Tx,
    rows: readonly { id: string; tenantId: string; byAlertId: string }[],
    status: 'IN_FORCE' | 'SUSPENDED' | 'AMENDED' | 'LIFTED',
    now: Date,
  ): Promise<number> {
    if (!rows.length) return Promise.resolve(0);
    return tx.$executeRaw`
      UPDATE "Alert" AS a
      SET "measureStatus" = ${status}::text::"MeasureStatus", "measureStatusAt" = ${now.toISOString()}::timestamptz,
          "updatedByAlertId" = u.by_alert
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.tenantId)}::uuid[],
        ${rows.map((r) => r.byAlertId)}::uuid[]) AS u (id, tenant, by_alert)
      WHERE a."id" = u.id AND a."tenantId" = u.tenant`;
  }

  /** Number of alerts (all tenants) an event has produced. Platform-level count; no tenant data is returned. */
  countForEvent(tx: Tx, type: EventType, eventId: string): Promise<number> {
    const where = eventColumn(type, eventId);
    return crossTenant("count an event's alerts over all tenants", () => tx.alert.count({ where }));
  }

  /** A tenant's alerts, newest first, with their event. */
  listForTenant(tenantId: string, take = 100) {
    return this.prisma.db.alert.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      include: {
        policyChange: { select: { title: true, reference: true, sourceUrl: true } },
        permitEvent: { select: { title: true, exporterName: true, sourceUrl: true } },
        deliveries: { select: { recipient: true, status: true, providerMessageId: true } },
      },
    });
  }
}

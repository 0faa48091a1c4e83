import { Injectable } from '@nestjs/common';
import type { EventType } from '@lodestone/shared-types';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { uuid7 } from '../../database/uuid7.js';
import type { TenantMatch } from '../../matching/types.js';
import { uniqueReasons } from '../../matching/unique-reasons.js';
import { type Alert, Prisma } from '../../generated/prisma/client.js';

/** What {@link AlertsRepository.createManyKeys} returns of each created alert. */
export interface AlertKeys {
  id: string;
  tenantId: string;
  severity: Alert['severity'];
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
 * Rows per INSERT statement of {@link AlertsRepository.createMany}: bounds one statement's size and the synchronous work
 * of building its arrays (a few ms at 2,000 rows).
 */
export const ALERT_CHUNK = 2000;

/** One alert to write with {@link AlertsRepository.createMany}. */
export interface NewAlert {
  tenantId: string;
  type: EventType;
  /** Id of the policy change, permit event or screening entry. */
  eventId: string;
  title: string;
  severity: TenantMatch['severity'];
  /** MatchReason[] (stored as JSON). */
  reasons: unknown;
}

/** Alerts: one per (tenant, event), enforced by the unique dedupe key. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Creates one alert per match for the event (see {@link createMany}); matches whose alert already exists are skipped.
   * Reasons are stored once each ({@link uniqueReasons}).
   * Returns the alerts created by this call, in the order of `matches`.
   */
  createForEvent(tx: Tx, type: EventType, eventId: string, title: string, matches: TenantMatch[]) {
    return this.createMany(tx, this.rowsOf(type, eventId, title, matches));
  }

  /** {@link createForEvent} returning only the keys of the created alerts (see {@link createManyKeys}). */
  createKeysForEvent(tx: Tx, type: EventType, eventId: string, title: string, matches: TenantMatch[]) {
    return this.createManyKeys(tx, this.rowsOf(type, eventId, title, matches));
  }

  private rowsOf(type: EventType, eventId: string, title: string, matches: TenantMatch[]): NewAlert[] {
    return matches.map((m) => ({
      tenantId: m.tenantId,
      type,
      eventId,
      title,
      severity: m.severity,
      reasons: uniqueReasons(m.reasons),
    }));
  }

  /**
   * Writes alerts in bulk: one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING` per
   * {@link ALERT_CHUNK} rows (so an event matching 10,000 tenants costs 5 statements, not 20,000), yielding to the
   * event loop between chunks. The rows travel as one array parameter per column (Prisma's createMany builds a much
   * slower statement of 7 bind values per row). Each row's dedupe key is {@link alertDedupeKey}; a row whose alert
   * already exists (same key, e.g. written by a concurrent ingestion or an earlier trigger) is skipped by the database.
   * Ids are UUIDv7 made here, monotonic in `rows` order. Reusable by every trigger that raises alerts (ingestion,
   * reversals, back-matching).
   * @param rows - one per (tenant, event); `reasons` is the MatchReason[] stored as JSON.
   * @returns the alerts this call created (all columns), in `rows` order.
   */
  createMany(tx: Tx, rows: readonly NewAlert[]): Promise<Alert[]> {
    return this.insertMany<Alert>(tx, rows, Prisma.sql`RETURNING *`);
  }

  /**
   * {@link createMany} returning only each created alert's `id`, `tenantId` and `severity` (ingestion: the fan-out job
   * reads the rest back chunk by chunk, so 10,000 alerts' reasons do not travel back and stay in memory).
   */
  createManyKeys(tx: Tx, rows: readonly NewAlert[]): Promise<AlertKeys[]> {
    return this.insertMany<AlertKeys>(tx, rows, Prisma.sql`RETURNING "id", "tenantId", "severity"`);
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
          "permitEventId", "screeningEntryId")
        SELECT * FROM unnest(
          ${ids}::uuid[], ${col((r) => r.tenantId)}::uuid[],
          ${col((r) => alertDedupeKey(r.tenantId, r.type, r.eventId))}::text[],
          ${col((r) => r.severity)}::text[]::"Severity"[], ${col((r) => r.title)}::text[],
          ${col((r) => JSON.stringify(r.reasons ?? null))}::text[]::jsonb[],
          ${col((r) => (r.type === 'POLICY_CHANGE' ? r.eventId : null))}::uuid[],
          ${col((r) => (r.type === 'PERMIT_EVENT' ? r.eventId : null))}::uuid[],
          ${col((r) => (r.type === 'SCREENING_HIT' ? r.eventId : null))}::uuid[])
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

  /** Creates one alert for a tenant (a reversal for a tenant the event did not match by itself). */
  createOne(
    tx: Tx,
    tenantId: string,
    type: EventType,
    eventId: string,
    title: string,
    severity: TenantMatch['severity'],
    reasons: unknown,
  ) {
    return tx.alert.create({
      data: {
        tenantId,
        dedupeKey: alertDedupeKey(tenantId, type, eventId),
        severity,
        title,
        reasons: reasons as never,
        ...(type === 'POLICY_CHANGE' ? { policyChangeId: eventId } : { permitEventId: eventId }),
      },
    });
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

  /** Sets the measure status of a tenant's earlier alerts and links them to the newer alert that changed them. */
  markMeasureStatus(
    tx: Tx,
    tenantId: string,
    alertIds: string[],
    status: 'IN_FORCE' | 'SUSPENDED' | 'AMENDED' | 'LIFTED',
    byAlertId: string,
    now: Date,
  ) {
    return tx.alert.updateMany({
      where: { tenantId, id: { in: alertIds } },
      data: { measureStatus: status, measureStatusAt: now, updatedByAlertId: byAlertId },
    });
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

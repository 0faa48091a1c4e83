import { Injectable } from '@nestjs/common';
import type { EventType } from '@lodestone/shared-types';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import type { TenantMatch } from '../../matching/types.js';
import { uniqueReasons } from '../../matching/unique-reasons.js';

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

/** Alerts: one per (tenant, event), enforced by the unique dedupe key. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Creates one alert per match for the event; matches whose alert already exists are skipped. Reasons are stored
   * once each ({@link uniqueReasons}).
   * Returns the alerts created by this call.
   */
  async createForEvent(tx: Tx, type: EventType, eventId: string, title: string, matches: TenantMatch[]) {
    const created = [];
    for (const m of matches) {
      const dedupeKey = alertDedupeKey(m.tenantId, type, eventId);
      const exists = await tx.alert.findFirst({ where: { tenantId: m.tenantId, dedupeKey }, select: { id: true } });
      if (exists) continue;
      created.push(
        await tx.alert.create({
          data: {
            tenantId: m.tenantId,
            dedupeKey,
            severity: m.severity,
            title,
            reasons: uniqueReasons(m.reasons) as never,
            ...eventColumn(type, eventId),
          },
        }),
      );
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

import { Injectable } from '@nestjs/common';
import type { EventType } from '@lodestone/shared-types';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import type { TenantMatch } from '../../matching/types.js';

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
   * Creates one alert per match for the event; matches whose alert already exists are skipped.
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
            reasons: m.reasons as never,
            ...eventColumn(type, eventId),
          },
        }),
      );
    }
    return created;
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

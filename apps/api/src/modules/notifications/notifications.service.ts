import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AlertTemplateProps } from '@lodestone/email-templates';
import type { EventSummary, MatchReason, Severity } from '@lodestone/shared-types';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/prisma.service.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';

/** The dedupe key of the one email an alert may produce for a user. */
export function alertEmailDedupeKey(alertId: string, userId: string): string {
  return `alert:${alertId}:user:${userId}`;
}

/**
 * Turns new alerts into outbox rows: one immediate email per active buyer of the alert's tenant. The rows are written
 * in the caller's transaction, so an alert and its emails are stored together or not at all.
 */
@Injectable()
export class NotificationsService {
  private readonly messageIdDomain: string;

  constructor(
    private readonly tenants: TenantsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.messageIdDomain = /@([^>\s]+)>?$/.exec(config.mailFrom)?.[1] ?? 'lodestone.localhost';
  }

  /** Queues alert emails; returns how many rows were written. */
  async enqueueAlertEmails(
    tx: Tx,
    alerts: { id: string; tenantId: string; severity: Severity; reasons: unknown }[],
    event: EventSummary,
  ): Promise<number> {
    if (!alerts.length) return 0;
    const buyers = await this.tenants.buyersOf(tx, [...new Set(alerts.map((a) => a.tenantId))]);
    let queued = 0;
    for (const alert of alerts) {
      for (const buyer of buyers.filter((b) => b.tenantId === alert.tenantId)) {
        const reasons = alert.reasons as MatchReason[];
        const payload: AlertTemplateProps = {
          recipientName: buyer.name,
          tenantName: buyer.tenant!.name,
          severity: alert.severity,
          event,
          reasons: reasons.map((r) => ({ text: r.text, via: r.via })),
          matchedLabels: [...new Set(reasons.map((r) => r.element ?? r.subject.label))],
          alertId: alert.id,
        };
        await tx.emailDelivery.create({
          data: {
            tenantId: alert.tenantId,
            userId: buyer.id,
            alertId: alert.id,
            recipient: buyer.email,
            template: 'alert',
            payload: payload as never,
            messageId: `<${randomUUID()}@${this.messageIdDomain}>`,
            dedupeKey: alertEmailDedupeKey(alert.id, buyer.id),
          },
        });
        queued++;
      }
    }
    return queued;
  }
}

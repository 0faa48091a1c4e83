import { randomUUID } from 'node:crypto';
import { Injectable, Inject } from '@nestjs/common';
import { SEVERITY_ORDER, type EventSummary, type MatchReason, type Severity } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { Tx } from '../../database/prisma.service.js';
import { uniqueReasons } from '../../matching/unique-reasons.js';
import { subjectLabels } from '../notifications/alert-labels.js';
import { ChannelsRepository, type NewChannelDelivery } from './channels.repository.js';
import { MAX_CHANNEL_REASONS, type ChannelMessage } from './messages.js';

/** The Standard Webhooks message id of a new outbox row (`webhook-id`), the same on every attempt. */
export function newWebhookMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

/** Dedupe key of the one message an alert produces for an endpoint. */
export function channelDedupeKey(alertId: string, endpointId: string): string {
  return `alert:${alertId}:endpoint:${endpointId}`;
}

/** Whether `severity` is at or above `min` (INFO < LOW < MEDIUM < HIGH < CRITICAL). */
export function atLeast(severity: Severity, min: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(min);
}

/** An alert as the outbox writers receive it. */
export interface OutboxAlert {
  id: string;
  tenantId: string;
  severity: Severity;
  reasons: unknown;
  title?: string;
  createdAt?: Date;
}

/**
 * Writes the channel outbox rows of new alerts in the caller's transaction, next to their emails: one row per
 * (alert, enabled endpoint of its tenant subscribed to `alert.created` at or below the alert's severity), deduplicated
 * on `alert:<alert>:endpoint:<endpoint>`. The row holds the channel-neutral {@link ChannelMessage}; the worker formats
 * it per kind and signs it at send time.
 */
@Injectable()
export class ChannelOutboxWriter {
  constructor(
    private readonly repository: ChannelsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * @returns how many rows were written (one endpoint query for all the alerts' tenants, one insert per 1,000 rows).
   */
  async enqueueAlerts(tx: Tx, alerts: readonly OutboxAlert[], event: EventSummary): Promise<number> {
    if (!alerts.length) return 0;
    const endpoints = await this.repository.subscribers(
      tx,
      [...new Set(alerts.map((a) => a.tenantId))],
      'alert.created',
    );
    if (!endpoints.length) return 0;
    const byTenant = new Map<string, typeof endpoints>();
    for (const e of endpoints) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
    const now = this.clock.now();
    let rows: NewChannelDelivery[] = [];
    let written = 0;
    for (const alert of alerts) {
      const targets = byTenant.get(alert.tenantId)?.filter((e) => atLeast(alert.severity, e.minSeverity as Severity));
      if (!targets?.length) continue;
      const reasons = uniqueReasons(alert.reasons as MatchReason[]);
      const message: ChannelMessage = {
        v: 1,
        type: 'alert.created',
        timestamp: (alert.createdAt ?? now).toISOString(),
        tenant: { id: alert.tenantId, name: targets[0]!.tenant.name },
        alert: {
          id: alert.id,
          severity: alert.severity,
          title: alert.title ?? event.title,
          matched: subjectLabels(reasons),
          reasons: reasons.slice(0, MAX_CHANNEL_REASONS).map((r) => ({ text: r.text, via: r.via })),
          reasonsTotal: reasons.length,
        },
        event,
      };
      for (const endpoint of targets) {
        rows.push({
          tenantId: alert.tenantId,
          endpointId: endpoint.id,
          alertId: alert.id,
          eventType: 'alert.created',
          messageId: newWebhookMessageId(),
          payload: message,
          dedupeKey: channelDedupeKey(alert.id, endpoint.id),
          nextAttemptAt: now,
        });
        if (rows.length >= 1000) {
          written += await this.repository.insertDeliveries(tx, rows);
          rows = [];
        }
      }
    }
    written += await this.repository.insertDeliveries(tx, rows);
    return written;
  }
}

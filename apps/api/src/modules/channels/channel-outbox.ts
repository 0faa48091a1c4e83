import { randomUUID } from 'node:crypto';
import { Injectable, Inject } from '@nestjs/common';
import { SEVERITY_ORDER, type EventSummary, type MatchReason, type Severity } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/prisma.service.js';
import { uniqueReasons } from '../../matching/unique-reasons.js';
import { subjectLabels } from '../notifications/alert-labels.js';
import { ChannelsRepository, type NewChannelDelivery } from './channels.repository.js';
import { CHANNEL_MESSAGE_VERSION, MAX_CHANNEL_REASONS, type ChannelMessage, type ChannelUpdate } from './messages.js';

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

/** Whether a message may wait for and join a burst group: chat endpoints (people read them), not CRITICAL, window on. */
export function groupable(kind: string, severity: Severity, windowMs: number): boolean {
  return windowMs > 0 && kind !== 'WEBHOOK' && severity !== 'CRITICAL';
}

/**
 * When a groupable message is due: now when its endpoint had no groupable message due within the last `windowMs`;
 * with a group still waiting (`last` after now), at the group's time; after a message that went out within the window,
 * at that message's time plus the window. So an endpoint gets at most one such message per window, the first at once.
 */
export function burstDue(last: Date | undefined, now: Date, windowMs: number): Date {
  if (!last || last.getTime() <= now.getTime() - windowMs) return now;
  return last > now ? last : new Date(last.getTime() + windowMs);
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const window = this.config.channels.burstWindowMs;
    const chat = endpoints.filter((e) => e.kind !== 'WEBHOOK').map((e) => e.id);
    const lastDue =
      window > 0
        ? await this.repository.lastBurstDue(tx, [...byTenant.keys()], chat, new Date(now.getTime() - window))
        : new Map<string, Date>();
    let rows: NewChannelDelivery[] = [];
    let written = 0;
    for (const alert of alerts) {
      const targets = byTenant.get(alert.tenantId)?.filter((e) => atLeast(alert.severity, e.minSeverity as Severity));
      if (!targets?.length) continue;
      const reasons = uniqueReasons(alert.reasons as MatchReason[]);
      const message: ChannelMessage = {
        v: CHANNEL_MESSAGE_VERSION,
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
        // Bursts (chat endpoints; CRITICAL goes alone at once): at most one message per endpoint and window. The first
        // goes now; alerts raised within the window after a message wait for the window's end and go as one message.
        const burst = groupable(endpoint.kind, alert.severity, window);
        const due = burst ? burstDue(lastDue.get(endpoint.id), now, window) : now;
        if (burst) lastDue.set(endpoint.id, due);
        rows.push({
          burst,
          tenantId: alert.tenantId,
          endpointId: endpoint.id,
          alertId: alert.id,
          eventType: 'alert.created',
          messageId: newWebhookMessageId(),
          payload: message,
          dedupeKey: channelDedupeKey(alert.id, endpoint.id),
          nextAttemptAt: due,
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
  /**
   * Writes the `alert.updated` rows of one alert in the caller's transaction: one per enabled endpoint of its tenant
   * subscribed to `alert.updated` whose minimum severity is at or below `severity` (the highest severity among the
   * alerts the update changes, so an endpoint hears of a change to alerts it would have been sent). Never grouped
   * into bursts; deduplicated on `update:<key>:endpoint:<endpoint>`, so a repeated tick writes nothing.
   * @param key what makes the update unique, e.g. `lapse:<alert id>`.
   * @returns how many rows were written.
   */
  async enqueueUpdate(
    tx: Tx,
    alert: { id: string; tenantId: string; title: string; reasons: unknown },
    severity: Severity,
    event: EventSummary,
    update: ChannelUpdate,
    key: string,
  ): Promise<number> {
    const targets = (await this.repository.subscribers(tx, [alert.tenantId], 'alert.updated')).filter((e) =>
      atLeast(severity, e.minSeverity as Severity),
    );
    if (!targets.length) return 0;
    const now = this.clock.now();
    const reasons = uniqueReasons(alert.reasons as MatchReason[]);
    const message: ChannelMessage = {
      v: CHANNEL_MESSAGE_VERSION,
      type: 'alert.updated',
      timestamp: now.toISOString(),
      tenant: { id: alert.tenantId, name: targets[0]!.tenant.name },
      alert: {
        id: alert.id,
        severity,
        title: alert.title,
        matched: subjectLabels(reasons),
        reasons: reasons.slice(0, MAX_CHANNEL_REASONS).map((r) => ({ text: r.text, via: r.via })),
        reasonsTotal: reasons.length,
      },
      event,
      update,
    };
    return this.repository.insertDeliveries(
      tx,
      targets.map((endpoint) => ({
        tenantId: alert.tenantId,
        endpointId: endpoint.id,
        alertId: alert.id,
        eventType: 'alert.updated',
        messageId: newWebhookMessageId(),
        payload: message,
        dedupeKey: `update:${key}:endpoint:${endpoint.id}`,
        nextAttemptAt: now,
      })),
    );
  }
}

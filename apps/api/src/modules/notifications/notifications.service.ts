import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ChannelOutboxWriter } from '../channels/channel-outbox.js';
import { MAX_LISTED_REASONS, type AlertTemplateProps, type ReversalTemplateProps } from '@lodestone/email-templates';
import type {
  AlertImpactSummary,
  EventSummary,
  MatchReason,
  PartsImpact,
  PolicyAction,
  Severity,
} from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/prisma.service.js';
import { uniqueReasons } from '../../matching/unique-reasons.js';
import { subjectLabels } from './alert-labels.js';
import {
  decideImmediate,
  resolvePreferences,
  type EffectivePreferences,
  type TenantDefaults,
  type UserOverrides,
} from './preferences.js';
import { type BatchDelivery, NotificationsRepository, type RecipientRow } from './notifications.repository.js';

/** Outbox rows per INSERT statement when queueing an event's emails (10 bind values each). */
export const DELIVERY_CHUNK = 1000;

/** The dedupe key of the one email an alert may produce for a user (immediate alert or reversal update). */
export function alertEmailDedupeKey(alertId: string, userId: string): string {
  return `alert:${alertId}:user:${userId}`;
}

/** The domain of Message-IDs: MAIL_FROM's (`Lodestone <alerts@example.com>` → `example.com`). */
export function messageIdDomain(mailFrom: string): string {
  return /@([^>\s]+)>?$/.exec(mailFrom)?.[1] ?? 'lodestone.localhost';
}

/** A fresh RFC 5322 Message-ID in `domain`; stored with its outbox row and reused on every attempt. */
export function makeMessageId(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}

/** Effective preferences of a recipient row (tenant defaults + own choices, in the user's zone). */
export function preferencesOfRecipient(r: RecipientRow): EffectivePreferences {
  return resolvePreferences(
    (r.tenant?.notificationSettings as TenantDefaults | null | undefined) ?? null,
    (r.notificationPref as UserOverrides | null) ?? null,
    r.timeZone,
  );
}

/** Measure status an earlier alert takes when a newer event does `action` to its measure. */
export const REVERSAL_STATUS: Partial<Record<PolicyAction, 'SUSPENDED' | 'AMENDED' | 'IN_FORCE' | 'LIFTED'>> = {
  SUSPENDED: 'SUSPENDED',
  AMENDED: 'AMENDED',
  REINSTATED: 'IN_FORCE',
  LIFTED: 'LIFTED',
};

/** A tenant's earlier alerts that a newer event changed, for the one update email their owners get. */
export interface ReversalForTenant {
  change: ReversalTemplateProps['change'];
  whatChanged: string;
  event: ReversalTemplateProps['event'];
  earlier: ReversalTemplateProps['earlier'];
}

/**
 * Turns alerts into outbox rows, honouring each buyer's preferences: immediate emails at or above the severity
 * threshold, held until quiet hours end (CRITICAL may override), none for muted elements/suppliers or unsubscribed
 * users. Rows are written in the caller's transaction, so an alert and its emails are stored together or not at all.
 * For tenants whose earlier alerts the event changed (a reversal), the alert's email is one update ('reversal'
 * template) instead of a fresh alert email, under the same (user, alert) key.
 */
@Injectable()
export class NotificationsService {
  private readonly messageIdDomain: string;
  private readonly publicUrl: string;

  constructor(
    private readonly repo: NotificationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    /** Writes the webhook, Slack and Teams rows of the same alerts (modules/channels); absent when built by hand. */
    @Optional() private readonly channels?: ChannelOutboxWriter,
  ) {
    this.messageIdDomain = messageIdDomain(config.mailFrom);
    this.publicUrl = config.publicUrl;
  }

  /** A fresh RFC 5322 Message-ID in the MAIL_FROM domain; stored with the row and reused on every attempt. */
  newMessageId(): string {
    return makeMessageId(this.messageIdDomain);
  }

  /**
   * Queues the emails of new alerts (in `tx`), and their webhook, Slack and Teams messages (ChannelOutboxWriter). Buyers and their preferences are read for all the alerts' tenants at
   * once ({@link NotificationsRepository.recipientsOf}: one query per 2,000 tenants), grouped by tenant in a map, and
   * the rows are written {@link DELIVERY_CHUNK} at a time (one INSERT each, see
   * {@link NotificationsRepository.insertDeliveryBatch}), yielding to the event loop between chunks so that at most one
   * chunk of payloads is held and no step blocks for long.
   * @param reversals tenantId -> update to send instead of the alert email (see class doc).
   * @param impacts alertId -> the alert's impact on its tenant's parts; the email leads with its sentence.
   * @returns how many outbox rows were written (rows whose dedupe key exists are skipped).
   */
  async enqueueAlertEmails(
    tx: Tx,
    alerts: { id: string; tenantId: string; severity: Severity; reasons: unknown }[],
    event: EventSummary,
    reversals: ReadonlyMap<string, ReversalForTenant> = new Map(),
    impacts: ReadonlyMap<string, Omit<PartsImpact, 'affectedParts'>> = new Map(),
  ): Promise<number> {
    if (!alerts.length) return 0;
    // Channel rows (webhooks, Slack, Teams) go in the same transaction as the alerts and their emails.
    await this.channels?.enqueueAlerts(tx, alerts, event);
    const recipients = await this.repo.recipientsOf(tx, [...new Set(alerts.map((a) => a.tenantId))]);
    const byTenant = new Map<string, { row: RecipientRow; prefs: EffectivePreferences }[]>();
    for (let i = 0; i < recipients.length; i++) {
      const r = recipients[i]!;
      if (i > 0 && i % DELIVERY_CHUNK === 0) await new Promise(setImmediate);
      if (!r.tenantId) continue;
      let list = byTenant.get(r.tenantId);
      if (!list) {
        list = [];
        byTenant.set(r.tenantId, list);
      }
      list.push({ row: r, prefs: preferencesOfRecipient(r) });
    }
    const now = this.clock.now();
    let rows: BatchDelivery[] = [];
    let written = 0;
    const flush = async () => {
      written += await this.repo.insertDeliveryBatch(tx, rows);
      rows = [];
      await new Promise(setImmediate);
    };
    for (const alert of alerts) {
      const reasons = uniqueReasons(alert.reasons as MatchReason[]);
      const reversal = reversals.get(alert.tenantId);
      const impact = impacts.get(alert.id);
      const impactProps = impact ? alertImpactProps(impact) : undefined;
      for (const { row: r, prefs } of byTenant.get(alert.tenantId) ?? []) {
        // An update on earlier alerts is not subject to the severity threshold or the immediate switch (the user was
        // told of the measure); mutes, unsubscribe and quiet hours still apply.
        const decision = decideImmediate(
          reversal ? { ...prefs, immediate: { enabled: true, minSeverity: 'INFO' } } : prefs,
          { severity: alert.severity, reasons },
          now,
        );
        if (!decision.send) continue;
        const base = { recipientName: r.name, tenantName: r.tenant!.name };
        const payload = reversal
          ? ({ ...base, ...reversal, alertId: alert.id } satisfies ReversalTemplateProps)
          : ({
              ...base,
              severity: alert.severity,
              event,
              // At most MAX_LISTED_REASONS are stored and listed; the email counts the rest and links to the alert.
              reasons: reasons.slice(0, MAX_LISTED_REASONS).map((x) => ({ text: x.text, via: x.via })),
              reasonsTotal: reasons.length,
              alertUrl: `${this.publicUrl}/v1/alerts/${alert.id}`,
              matchedLabels: subjectLabels(reasons),
              alertId: alert.id,
              ...(impactProps ? { impact: impactProps } : {}),
            } satisfies AlertTemplateProps);
        rows.push({
          tenantId: alert.tenantId,
          userId: r.id,
          alertId: alert.id,
          recipient: r.email,
          template: reversal ? 'reversal' : 'alert',
          payload: payload as never,
          messageId: this.newMessageId(),
          dedupeKey: alertEmailDedupeKey(alert.id, r.id),
          nextAttemptAt: decision.at,
        });
        if (rows.length >= DELIVERY_CHUNK) await flush();
      }
    }
    if (rows.length) await flush();
    return written;
  }
}

/** The figures of an impact the alert email shows (its sentence first). */
function alertImpactProps(i: Omit<PartsImpact, 'affectedParts'>): AlertImpactSummary {
  return {
    headline: i.headline,
    parts: i.parts,
    products: i.products,
    annualSpend: i.annualSpend,
    soleSourcedParts: i.sourcing.SOLE_SOURCED_FROM_AFFECTED,
  };
}

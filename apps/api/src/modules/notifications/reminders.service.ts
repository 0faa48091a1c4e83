import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { ExpiryReminderTemplateProps, ReversalTemplateProps } from '@lodestone/email-templates';
import { SEVERITY_ORDER, type EventSummary, type MatchReason, type Severity } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { Tx } from '../../database/prisma.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ChannelOutboxWriter } from '../channels/channel-outbox.js';
import { MeasuresService } from '../measures/measures.service.js';
import { actionLabel } from './alert-labels.js';
import { decideImmediate } from './preferences.js';
import { NotificationsRepository, type NewDelivery, type RecipientRow } from './notifications.repository.js';
import { NotificationsService, preferencesOfRecipient } from './notifications.service.js';

const DAY_MS = 86_400_000;

/** Today's calendar date (UTC midnight) at `now`. Validity and suspension end dates are calendar dates compared in UTC. */
export function utcToday(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Which reminder is due `daysLeft` days before an end date, given the configured offsets (e.g. [30, 7, 1]): the
 * smallest offset >= daysLeft, so each offset is reminded once and a late start sends only the most imminent one.
 * Null when daysLeft is beyond every offset or negative.
 */
export function dueReminderOffset(daysLeft: number, offsets: number[]): number | null {
  if (daysLeft < 0) return null;
  const candidates = offsets.filter((d) => d >= daysLeft);
  return candidates.length ? Math.min(...candidates) : null;
}

/** What one reminder tick did. */
export interface ReminderTickReport {
  permitReminders: number;
  suspensionReminders: number;
  /** Suspensions that lapsed this tick (their measures shown back in force, owners told). */
  lapsed: number;
  /** Measures whose lapse was recorded on their timeline this tick. */
  measuresLapsed?: number;
}

/**
 * Dates that matter: a supplier's export licence ending (PermitEvent.validTo) and a suspension of controls lapsing
 * (PolicyChange.endDate of a SUSPENDED measure, e.g. MOFCOM/GAC 2025 No. 70 until 2026-11-10). Reminds the buyers of
 * the tenants concerned EXPIRY_REMINDER_DAYS days before (default 30, 7, 1), each once (unique dedupe key per alert,
 * offset and user); on the end date of a suspension that no newer event extended, its measures are shown back in
 * force (alert measureStatus IN_FORCE, the suspension's alert EXPIRED) and the owners get one update.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly notifications: NotificationsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly measures: MeasuresService,
    /** Tells webhook, Slack and Teams endpoints subscribed to `alert.updated` of a lapse; absent when built by hand. */
    @Optional() private readonly channels?: ChannelOutboxWriter,
  ) {}

  async tick(): Promise<ReminderTickReport> {
    const now = this.clock.now();
    const today = utcToday(now);
    const horizon = new Date(today.getTime() + Math.max(...this.config.reminderDays) * DAY_MS);
    const report: ReminderTickReport = { permitReminders: 0, suspensionReminders: 0, lapsed: 0 };

    for (const alert of await this.repo.permitAlertsEnding(today, horizon)) {
      const reasons = alert.reasons as unknown as MatchReason[];
      // Only confirmed supplier matches (not SUPPLIER_POSSIBLE name similarities) make a tenant a holder of the licence.
      const suppliers = [
        ...new Set(
          reasons
            .filter((r) => r.subject.type === 'SUPPLIER' && r.via !== 'SUPPLIER_POSSIBLE')
            .map((r) => r.subject.label),
        ),
      ];
      if (!suppliers.length || !alert.permitEvent?.validTo) continue; // only tenants whose suppliers hold the licence
      const daysLeft = Math.round((alert.permitEvent.validTo.getTime() - today.getTime()) / DAY_MS);
      const offset = dueReminderOffset(daysLeft, this.config.reminderDays);
      if (offset === null) continue;
      const props = (r: RecipientRow): ExpiryReminderTemplateProps => ({
        recipientName: r.name,
        tenantName: r.tenant!.name,
        kind: 'PERMIT_EXPIRY',
        daysLeft,
        endDate: alert.permitEvent!.validTo!.toISOString().slice(0, 10),
        title: alert.permitEvent!.title,
        reference: null,
        exporterName: alert.permitEvent!.exporterName,
        concerned: suppliers,
        alertId: alert.id,
        sourceUrl: alert.permitEvent!.sourceUrl,
      });
      report.permitReminders += await this.queue(
        alert,
        reasons,
        'expiry-reminder',
        `reminder:${alert.id}:${offset}d`,
        props,
        now,
      );
    }

    for (const alert of await this.repo.suspensionAlertsEnding(horizon)) {
      const suspended = alert.updates;
      const pc = alert.policyChange;
      if (!suspended.length || !pc?.endDate) continue; // extended by a newer event, or nothing of this tenant suspended
      const reasons = alert.reasons as unknown as MatchReason[];
      const endDate = pc.endDate.toISOString().slice(0, 10);
      const measures = [...new Set(suspended.map((s) => s.policyChange?.reference ?? s.title))];
      const daysLeft = Math.round((pc.endDate.getTime() - today.getTime()) / DAY_MS);
      if (daysLeft <= 0) {
        const whatChanged = `The suspension by ${pc.reference ?? pc.title} ended on ${endDate} and no newer announcement extended it: ${measures.join(', ')} ${measures.length === 1 ? 'is' : 'are'} back in force from ${endDate}.`;
        const emails = await this.rows(
          alert,
          reasons,
          'reversal',
          `lapse:${alert.id}`,
          (r): ReversalTemplateProps => ({
            recipientName: r.name,
            tenantName: r.tenant!.name,
            change: 'EXPIRED',
            whatChanged,
            event: {
              title: pc.title,
              reference: pc.reference,
              effectiveDate: pc.effectiveDate?.toISOString().slice(0, 10) ?? null,
              endDate,
              sourceUrl: pc.sourceUrl,
            },
            earlier: suspended.map((s) => ({
              alertId: s.id,
              title: s.title,
              reference: s.policyChange?.reference ?? null,
              newStatus: 'IN_FORCE',
            })),
            alertId: alert.id,
          }),
          now,
        );
        // The same update for chat and webhook endpoints, at the severity of the alerts that are back in force.
        const severity = suspended
          .map((s) => s.severity as Severity)
          .reduce((a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a), 'INFO');
        const event: EventSummary = {
          type: 'POLICY_CHANGE',
          title: pc.title,
          summary: pc.summary,
          jurisdiction: pc.jurisdiction,
          issuer: pc.issuer,
          actionLabel: actionLabel({ policyAction: 'REINSTATED', official: pc.official }),
          effectiveDate: endDate,
          sourceUrl: pc.sourceUrl,
          reference: pc.reference,
        };
        const channelRows = (tx: Tx) =>
          this.channels?.enqueueUpdate(
            tx,
            alert,
            severity,
            event,
            {
              change: 'EXPIRED',
              text: whatChanged,
              alerts: suspended.map((s) => ({ id: s.id, title: s.title, newStatus: 'IN_FORCE' })),
            },
            `lapse:${alert.id}`,
          );
        if (
          await this.repo.lapseSuspension(
            alert.tenantId,
            alert.id,
            suspended.map((s) => s.id),
            now,
            emails,
            channelRows,
          )
        )
          report.lapsed++;
        continue;
      }
      const offset = dueReminderOffset(daysLeft, this.config.reminderDays);
      if (offset === null) continue;
      report.suspensionReminders += await this.queue(
        alert,
        reasons,
        'expiry-reminder',
        `reminder:${alert.id}:${offset}d`,
        (r): ExpiryReminderTemplateProps => ({
          recipientName: r.name,
          tenantName: r.tenant!.name,
          kind: 'SUSPENSION_LAPSE',
          daysLeft,
          endDate,
          title: pc.title,
          reference: pc.reference,
          concerned: measures,
          alertId: alert.id,
          sourceUrl: pc.sourceUrl,
        }),
        now,
      );
    }
    // The measures' own timelines get the lapse as a step (status filters of GET /v1/measures agree with reads).
    report.measuresLapsed = (await this.measures.recordLapses()).length;
    if (report.permitReminders + report.suspensionReminders + report.lapsed)
      this.logger.log(`reminders: ${JSON.stringify(report)}`);
    return report;
  }

  private async queue(
    alert: { id: string; tenantId: string },
    reasons: MatchReason[],
    template: string,
    keyPrefix: string,
    props: (r: RecipientRow) => object,
    now: Date,
  ): Promise<number> {
    return this.repo.insertDeliveries(null, await this.rows(alert, reasons, template, keyPrefix, props, now));
  }

  /** One outbox row per buyer of the alert's tenant who is not unsubscribed and has not muted it; quiet hours respected. */
  private async rows(
    alert: { id: string; tenantId: string },
    reasons: MatchReason[],
    template: string,
    keyPrefix: string,
    props: (r: RecipientRow) => object,
    now: Date,
  ): Promise<NewDelivery[]> {
    const rows: NewDelivery[] = [];
    for (const r of await this.repo.recipients([alert.tenantId])) {
      const prefs = preferencesOfRecipient(r);
      const decision = decideImmediate(
        { ...prefs, immediate: { enabled: true, minSeverity: 'INFO' } },
        { severity: 'MEDIUM', reasons },
        now,
      );
      if (!decision.send) continue;
      rows.push({
        tenantId: alert.tenantId,
        userId: r.id,
        alertId: alert.id,
        recipient: r.email,
        template,
        payload: props(r) as never,
        messageId: this.notifications.newMessageId(),
        dedupeKey: `${keyPrefix}:user:${r.id}`,
        nextAttemptAt: decision.at,
      });
    }
    return rows;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DigestAlertItem, DigestTemplateProps } from '@lodestone/email-templates';
import type { MatchReason, Severity } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { ReferenceIndex } from '../../matching/reference-index.js';
import { ReferenceService } from '../reference/reference.service.js';
import { SourcesRepository } from '../sources/sources.repository.js';
import { isMuted } from './preferences.js';
import { actionLabel, watchedLabel } from './alert-labels.js';
import { MeasuresService } from '../measures/measures.service.js';
import { PartsImpactService } from '../parts/parts-impact.service.js';
import { ImpactService } from '../exposure/impact.service.js';
import { NotificationsRepository, type NewDelivery } from './notifications.repository.js';
import { NotificationsService, preferencesOfRecipient } from './notifications.service.js';
import { latestDigestWindow } from './schedule.js';

/** The dedupe key of a user's digest for one window, e.g. `digest:<userId>:daily:2026-03-08`. */
export function digestDedupeKey(userId: string, windowKey: string): string {
  return `digest:${userId}:${windowKey}`;
}

type WindowAlert = Awaited<ReturnType<NotificationsRepository['alertsInWindow']>>[number];

/**
 * Groups alerts by what matched: one group per element (e.g. "Dysprosium (Dy)") and per supplier; an alert sits in
 * each group it matched; alerts matched only by HS code or control-list entry watches (whatever element the event
 * named) go to "Other matches", so that group labels and the subject name only what the tenant watches. Groups are
 * sorted elements first, then suppliers, then other, by label.
 */
export function groupDigestAlerts(
  alerts: WindowAlert[],
  ref: Pick<ReferenceIndex, 'label'>,
  supplierNames: Map<string, string>,
  extrasOf: (alert: WindowAlert) => Pick<DigestAlertItem, 'impact' | 'partsImpact'> = () => ({}),
): DigestTemplateProps['groups'] {
  const groups = new Map<string, DigestTemplateProps['groups'][number]>();
  const add = (kind: 'ELEMENT' | 'SUPPLIER' | 'OTHER', label: string, item: DigestAlertItem) => {
    const key = `${kind}:${label}`;
    const g = groups.get(key) ?? { kind, label, alerts: [] };
    if (!g.alerts.some((a) => a.alertId === item.alertId)) g.alerts.push(item);
    groups.set(key, g);
  };
  for (const a of alerts) {
    const item: DigestAlertItem = {
      alertId: a.id,
      title: a.title,
      severity: a.severity as Severity,
      actionLabel: labelOf(a),
      reference: a.policyChange?.reference ?? null,
      createdAt: a.createdAt.toISOString(),
      sourceUrl: a.policyChange?.sourceUrl ?? a.permitEvent?.sourceUrl ?? null,
      measureStatus: a.measureStatus,
      ...extrasOf(a),
      applies: a.applies === null ? null : { applies: a.applies, reason: a.appliesReason },
    };
    let placed = false;
    for (const r of a.reasons as unknown as MatchReason[]) {
      if (r.subject.type === 'SUPPLIER') {
        add('SUPPLIER', supplierNames.get(r.subject.supplierId) ?? r.subject.label, item);
        placed = true;
      } else if (r.element && watchedLabel(r) === r.element) {
        // Only a watch on the element itself groups under it: a watch on HS 8505.11 that matched samarium is not a
        // "Samarium" match for a tenant that does not watch samarium.
        const label = ref.label(r.element);
        add('ELEMENT', label.charAt(0).toUpperCase() + label.slice(1), item);
        placed = true;
      }
    }
    if (!placed) add('OTHER', 'Other matches (HS codes, control-list entries)', item);
  }
  const order = { ELEMENT: 0, SUPPLIER: 1, OTHER: 2 };
  return [...groups.values()].sort((x, y) => order[x.kind] - order[y.kind] || x.label.localeCompare(y.label));
}

/** The shared action label of a window alert (news reports never as official measures). */
function labelOf(a: WindowAlert): string {
  if (a.policyChange) return actionLabel({ policyAction: a.policyChange.action, official: a.policyChange.official });
  if (a.permitEvent) return actionLabel({ permitStatus: a.permitEvent.status });
  const reasons = a.reasons as unknown as MatchReason[];
  return actionLabel({ screeningHit: { certain: reasons.some((r) => r.via !== 'SUPPLIER_POSSIBLE') } });
}

/** What one digest tick did. */
export interface DigestTickReport {
  /** Digests queued by this tick (another process may have queued others). */
  queued: number;
  /** Users whose window was due but empty, and who did not ask for "nothing new" mails. */
  empty: number;
}

/**
 * Digests: each tick finds the buyers whose digest slot has come in their own time zone and queues one outbox row per
 * (user, window). The row's unique dedupe key makes that exactly once, also when several processes tick against one
 * PostgreSQL (INSERT … ON CONFLICT DO NOTHING). Window and DST rules: see schedule.ts.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly notifications: NotificationsService,
    private readonly reference: ReferenceService,
    private readonly sources: SourcesRepository,
    private readonly measures: MeasuresService,
    private readonly partsImpact: PartsImpactService,
    private readonly impacts: ImpactService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs one tick at the clock's now. */
  async tick(): Promise<DigestTickReport> {
    const now = this.clock.now();
    const report: DigestTickReport = { queued: 0, empty: 0 };
    const ref = await this.reference.index();
    for (const user of await this.repo.allRecipients()) {
      const prefs = preferencesOfRecipient(user);
      if (!prefs.digest || prefs.unsubscribed || !user.tenantId) continue;
      let window: ReturnType<typeof latestDigestWindow>;
      try {
        window = latestDigestWindow(prefs.digest, now);
      } catch (error) {
        this.logger.warn(`digest of user ${user.id} skipped: ${(error as Error).message}`);
        continue;
      }
      const dedupeKey = digestDedupeKey(user.id, window.key);
      if (await this.repo.deliveryExists(user.tenantId, dedupeKey)) continue;
      const alerts = (await this.repo.alertsInWindow(user.tenantId, window.start, window.end)).filter(
        (a) => !isMuted(prefs, a.reasons as unknown as MatchReason[]),
      );
      if (!alerts.length && !prefs.sendEmptyDigest) {
        report.empty++;
        continue;
      }
      // The team's assessment of each policy-change alert's measure (its own announcement's, else the one it
      // affects), and what each alert means for the tenant's parts (issue 15), as the alert email's sentence.
      const links = await this.measures.measuresOfEvents(
        null,
        alerts.flatMap((a) => (a.policyChangeId ? [a.policyChangeId] : [])),
      );
      const assessments = await this.impacts.byMeasure(user.tenantId);
      const onParts = await this.partsImpact.ofAlerts(user.tenantId, alerts);
      const groups = groupDigestAlerts(alerts, ref, await this.repo.supplierNames(user.tenantId), (a) => {
        const key = a.policyChangeId ? links.get(a.policyChangeId)?.[0]?.key : undefined;
        const assessed = key ? assessments.get(key) : undefined;
        const parts = onParts.get(a.id);
        return {
          impact: assessed
            ? { status: assessed.status, expectedDurationDays: assessed.expectedDurationDays, note: assessed.note }
            : null,
          ...(parts?.parts ? { partsImpact: parts.headline } : {}),
        };
      });
      const sources = await this.sources.digestLines(window.start, window.end);
      const checked = alerts.length || sources.length ? [] : await this.repo.sourcesChecked();
      const payload: DigestTemplateProps = {
        recipientName: user.name,
        tenantName: user.tenant!.name,
        frequency: prefs.digest.frequency,
        windowStart: window.start.toISOString(),
        windowEnd: window.end.toISOString(),
        timeZone: prefs.timeZone,
        groups,
        sourcesChecked: checked.map((s) => ({ source: s.source, lastEventAt: s.lastEventAt?.toISOString() ?? null })),
        sources,
      };
      const row: NewDelivery = {
        tenantId: user.tenantId,
        userId: user.id,
        recipient: user.email,
        template: 'digest',
        payload: payload as never,
        messageId: this.notifications.newMessageId(),
        dedupeKey,
        nextAttemptAt: now,
      };
      report.queued += await this.repo.insertDeliveries(null, [row]);
    }
    if (report.queued) this.logger.log(`digest tick: ${report.queued} digest(s) queued`);
    return report;
  }
}

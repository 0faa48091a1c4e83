import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  ExposureSummaryGroup,
  ExposureSummaryItem,
  ExposureSummaryTemplateProps,
} from '@lodestone/email-templates';
import type { MatchReason } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/prisma.service.js';
import { AlertRaiser, type AlertsRaisedOf } from '../alerts/alert-raiser.js';
import { MeasuresService } from '../measures/measures.service.js';
import { PartsImpactService } from '../parts/parts-impact.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { EventIndexCache } from './event-index.cache.js';
import { eventStanding, standingLabel } from './exposure-rules.js';
import { ExposureRepository } from './exposure.repository.js';

/**
 * The notification of a back-match (trigger BACKFILL of the {@link AlertRaiser}): alerts found on addition are not
 * newly announced, so they get no immediate alert email, webhook or chat message; instead each active buyer of the
 * tenant (not unsubscribed) gets one "Your current exposure" email (template `exposure-summary`) listing every alert
 * the back-match created, grouped by element and by supplier, each with where its measure or licence stands today,
 * led by what they mean for the tenant's parts. Written in the raiser's transaction (or statement, for a back-match
 * run without one), deduplicated per batch and user (`exposure-summary:<first alert id>:user:<user>`).
 */
@Injectable()
export class ExposureSummarySubscriber {
  constructor(
    raiser: AlertRaiser,
    private readonly repository: ExposureRepository,
    private readonly cache: EventIndexCache,
    private readonly reference: ReferenceService,
    private readonly measures: MeasuresService,
    private readonly partsImpact: PartsImpactService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    raiser.subscribe({
      name: 'exposure-summary',
      triggers: ['BACKFILL'],
      handle: async (tx, raised) => ({ rowsWritten: await this.queueSummary(tx, raised) }),
    });
  }

  /** One summary email per active buyer (see the class doc). @returns how many were queued. */
  private async queueSummary(tx: Tx, raised: AlertsRaisedOf<'BACKFILL'>): Promise<number> {
    const tenant = await this.repository.tenant(tx, raised.tenantId);
    if (!tenant) return 0;
    const ref = await this.reference.index();
    const { meta } = await this.cache.get(tx, ref);
    const today = this.clock.now().toISOString().slice(0, 10);
    const states = await this.measures.statuses(tx, undefined);
    const byElement = new Map<string, ExposureSummaryGroup>();
    const bySupplier = new Map<string, ExposureSummaryGroup>();
    const other: ExposureSummaryItem[] = [];
    for (const a of raised.alerts) {
      // Every back-matched event is in the index the back-match read (events are only added to it).
      const e = meta.get(a.eventId)!;
      const item: ExposureSummaryItem = {
        alertId: a.id,
        title: e.title,
        reference: e.reference,
        severity: a.severity,
        status: standingLabel(eventStanding(e, (k) => states.get(k), today)),
        alertUrl: `${this.config.publicUrl}/v1/alerts/${a.id}`,
        sourceUrl: e.sourceUrl,
      };
      const reasons = a.reasons as MatchReason[];
      let placed = false;
      for (const r of reasons) {
        if (r.subject.type === 'SUPPLIER') {
          const g = bySupplier.get(r.subject.supplierId) ?? { label: r.subject.label, items: [] };
          if (!g.items.some((i) => i.alertId === a.id)) g.items.push(item);
          bySupplier.set(r.subject.supplierId, g);
          placed = true;
        } else if (r.element) {
          const g = byElement.get(r.element) ?? {
            label: ref.label(r.element),
            short: r.element,
            items: [],
          };
          if (!g.items.some((i) => i.alertId === a.id)) g.items.push(item);
          byElement.set(r.element, g);
          placed = true;
        }
      }
      if (!placed) other.push(item);
    }
    // What the alerts found mean for the tenant's parts (issue 15), each part once.
    const onParts = (
      await this.partsImpact.ofAll(
        tenant.id,
        raised.alerts.map((a) => ({
          id: a.id,
          policyChangeId: a.eventType === 'POLICY_CHANGE' ? a.eventId : null,
          permitEventId: a.eventType === 'PERMIT_EVENT' ? a.eventId : null,
          reasons: a.reasons,
        })),
      )
    ).impact;
    const props = (name: string): ExposureSummaryTemplateProps => ({
      partsImpact: onParts.parts ? onParts.headline : null,
      recipientName: name,
      tenantName: tenant.name,
      trigger: raised.cause,
      generatedAt: this.clock.now().toISOString(),
      byElement: [...byElement.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g),
      bySupplier: [...bySupplier.values()].sort((a, b) => (a.label < b.label ? -1 : 1)),
      other,
      exposureUrl: `${this.config.publicUrl}/v1/exposure`,
    });
    const now = this.clock.now();
    const batch = raised.alerts[0]!.id;
    return this.repository.queueEmails(
      tx,
      (await this.repository.buyers(tx, tenant.id)).map((u) => ({
        tenantId: tenant.id,
        userId: u.id,
        recipient: u.email,
        template: 'exposure-summary',
        payload: props(u.name) as never,
        messageId: `<${randomUUID()}@lodestone>`,
        dedupeKey: `exposure-summary:${batch}:user:${u.id}`,
        nextAttemptAt: now,
      })),
    );
  }
}

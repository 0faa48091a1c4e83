import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ALL_SHARDS } from '../../matching/shard.js';
import { AlertRaiser } from '../alerts/alert-raiser.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { EventsService } from './events.service.js';
import { FanoutService } from './fanout.service.js';

/**
 * The notifications of raised alerts (docs/architecture.md, "Alert pipeline"), as subscribers of the
 * {@link AlertRaiser}'s `AlertsRaised`, inside the raising transaction:
 *
 * - `fan-out` (INGESTION, REVERSAL): writes the event's one `FanoutJob` row (one per shard with sharded matching, with
 *   the raise's shard key: the job expands the alerts of that shard's tenants) ({@link FanoutService.createJob}: the
 *   emails and channel messages of every alert, reversal updates included, are written from it chunk by chunk). It
 *   decides inline or not: an event alerting at most FANOUT_INLINE_MAX_ALERTS tenants is expanded by this process
 *   right after the commit, before the ingestion answers (its `emailsQueued` is exact); a bigger one by the fan-out
 *   worker after the answer (kicked here when schedules run in this process).
 * - `immediate` (SCREENING): writes the hit's email and channel rows at once, in the transaction
 *   ({@link NotificationsService.enqueueAlertEmails}: preferences, quiet hours, mutes), and kicks the delivery worker
 *   after the commit.
 *
 * Back-matched alerts (BACKFILL) get no immediate email: the exposure summary subscriber sends one summary per buyer
 * (modules/exposure/exposure-summary.subscriber.ts).
 */
@Injectable()
export class AlertNotificationsSubscriber {
  constructor(
    raiser: AlertRaiser,
    fanout: FanoutService,
    notifications: NotificationsService,
    events: EventsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    raiser.subscribe({
      name: 'fan-out',
      triggers: ['INGESTION', 'REVERSAL'],
      async handle(tx, raised) {
        const inline = raised.alerts.length <= config.outbox.fanoutInlineMaxAlerts;
        const id = await fanout.createJob(tx, {
          eventType: raised.event.type,
          eventId: raised.event.id,
          summary: raised.event.summary,
          reversals: raised.trigger === 'REVERSAL' ? raised.updates : new Map(),
          inline,
          shard: raised.shard ?? ALL_SHARDS,
        });
        return {
          afterCommit: async () => {
            if (inline) return fanout.runJob(id);
            if (config.schedulesEnabled) fanout.kick();
            return 0;
          },
        };
      },
    });
    raiser.subscribe({
      name: 'immediate',
      triggers: ['SCREENING'],
      async handle(tx, raised) {
        const rows = await notifications.enqueueAlertEmails(tx, raised.alerts, raised.event.summary);
        return {
          rowsWritten: rows,
          afterCommit: async () => {
            if (rows) events.notifyOutboxChanged();
            return 0;
          },
        };
      },
    });
  }
}

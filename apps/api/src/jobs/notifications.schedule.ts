import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Lifecycle } from '../common/lifecycle.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DeliveryWorker } from '../mail/delivery-worker.js';
import { DigestService } from '../modules/notifications/digest.service.js';
import { RemindersService } from '../modules/notifications/reminders.service.js';

/**
 * Notification schedules (only call use cases): every minute the digest tick queues the digests due in each user's
 * zone; every 15 minutes the reminder tick queues expiry / suspension reminders and lapses ended suspensions. Each then
 * kicks the delivery worker. Off when SCHEDULES_ENABLED=false. Safe with several processes: every queued email has a
 * unique dedupe key.
 */
@Injectable()
export class NotificationsSchedule {
  private readonly logger = new Logger(NotificationsSchedule.name);

  constructor(
    private readonly digests: DigestService,
    private readonly reminders: RemindersService,
    private readonly worker: DeliveryWorker,
    private readonly lifecycle: Lifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval('digests', 60_000)
  async digestTick(): Promise<void> {
    if (!this.config.schedulesEnabled) return;
    try {
      if ((await this.lifecycle.job(() => this.digests.tick()))?.queued) this.worker.kick();
    } catch (error) {
      this.logger.error(`digest tick failed: ${(error as Error).message}`);
    }
  }

  @Interval('reminders', 15 * 60_000)
  async reminderTick(): Promise<void> {
    if (!this.config.schedulesEnabled) return;
    try {
      const r = await this.lifecycle.job(() => this.reminders.tick()); // undefined while shutting down
      if (r && r.permitReminders + r.suspensionReminders + r.lapsed) this.worker.kick();
    } catch (error) {
      this.logger.error(`reminder tick failed: ${(error as Error).message}`);
    }
  }
}

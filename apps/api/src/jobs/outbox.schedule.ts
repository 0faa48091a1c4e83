import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DeliveryWorker } from '../mail/delivery-worker.js';
import { EventsService } from '../modules/events/events.service.js';
import { FanoutService } from '../modules/events/fanout.service.js';
import { MatchJobsService } from '../modules/events/match-jobs.service.js';

/**
 * Schedules of the outbox: every 10 s the delivery worker sends what is due (retries included), and after each
 * ingestion that queued emails it is kicked at once; the fan-out worker (jobs of events whose emails are written after
 * the ingestion's answer, and jobs a dead process left) and the match worker (sharded matching: the match jobs of the
 * shards this process serves, WORKER_SHARDS, also kicked after each ingestion) run on the same tick. With
 * DELIVERY_QUEUE=pgboss the `deliver-email` queue's workers start here and the drain leaves email to them. Off when
 * SCHEDULES_ENABLED=false (tests, CLIs, extra workers).
 */
@Injectable()
export class OutboxSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly worker: DeliveryWorker,
    private readonly events: EventsService,
    private readonly fanout: FanoutService,
    private readonly matchJobs: MatchJobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulesEnabled) return;
    this.events.onOutboxChanged({ outboxChanged: () => this.worker.kick() });
    // DELIVERY_QUEUE=pgboss: email is taken from the job queue by this process (the drain then claims nothing).
    await this.worker.startQueueWorkers();
  }

  @Interval('outbox', 10_000)
  tick(): void {
    if (!this.config.schedulesEnabled) return;
    this.worker.kick();
    this.fanout.kick();
    this.matchJobs.kick();
  }
}

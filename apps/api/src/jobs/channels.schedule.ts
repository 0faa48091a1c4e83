import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ChannelWorker } from '../modules/channels/channel-worker.js';
import { EventsService } from '../modules/events/events.service.js';

/**
 * Schedules of the channel outbox: every 5 s the channel worker sends what is due (retries included), and it is kicked
 * after each ingestion that queued emails; with DELIVERY_QUEUE=pgboss the channel queues' workers (webhooks, Slack,
 * Teams) start here.
 * Off when SCHEDULES_ENABLED=false (tests, CLIs, extra workers).
 */
@Injectable()
export class ChannelsSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly worker: ChannelWorker,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulesEnabled) return;
    this.events.onOutboxChanged({ outboxChanged: () => this.worker.kick() });
    // DELIVERY_QUEUE=pgboss: webhooks, Slack and Teams are taken from the job queues by this process too.
    await this.worker.startQueueWorkers();
  }

  @Interval('channels', 5_000)
  tick(): void {
    if (this.config.schedulesEnabled) this.worker.kick();
  }
}

import { PartsModule } from '../parts/parts.module.js';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DELIVERY_QUEUE, type DeliveryQueue } from '../../outbox/delivery-queue.js';
import { PgBossDeliveryQueue } from '../../outbox/pgboss-delivery-queue.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { MeasuresModule } from '../measures/measures.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { AlertNotificationsSubscriber } from './alert-notifications.subscriber.js';
import { EventsController } from './events.controller.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { FANOUT_MAX_RETRY_DELAY_MS, FANOUT_QUEUE, FANOUT_RETRY_LIMIT, PgBossFanoutQueue } from './fanout-queue.js';
import { FanoutService } from './fanout.service.js';
import { FanoutsController } from './fanouts.controller.js';
import { IngestOrAdminGuard } from './ingest-or-admin.guard.js';
import { IngestTokenGuard } from './ingest-token.guard.js';
import { MatchJobsController } from './match-jobs.controller.js';
import { MatchJobsService } from './match-jobs.service.js';
import { TenantIndexCache } from './tenant-index.cache.js';

@Module({
  imports: [
    ReferenceModule,
    TenantsModule,
    AlertsModule,
    NotificationsModule,
    IdempotencyModule,
    MeasuresModule,
    PartsModule,
    ChannelsModule,
  ],
  controllers: [EventsController, FanoutsController, MatchJobsController],
  providers: [
    EventsRepository,
    EventsService,
    FanoutService,
    {
      // DELIVERY_QUEUE=pgboss: fan-out jobs on the pg-boss queue `fanout` (on the delivery queue's instance); else null
      // (the FanoutJob rows are claimed from their table).
      provide: FANOUT_QUEUE,
      inject: [DELIVERY_QUEUE, APP_CONFIG],
      useFactory: (queue: DeliveryQueue, config: AppConfig) =>
        queue instanceof PgBossDeliveryQueue
          ? new PgBossFanoutQueue(queue, {
              retryBaseMs: config.outbox.retryBaseMs,
              retryMaxMs: FANOUT_MAX_RETRY_DELAY_MS,
              retryLimit: FANOUT_RETRY_LIMIT,
              claimTimeoutMs: config.outbox.claimTimeoutMs,
            })
          : null,
    },
    AlertNotificationsSubscriber,
    IngestTokenGuard,
    IngestOrAdminGuard,
    TenantIndexCache,
    MatchJobsService,
  ],
  exports: [EventsService, FanoutService, MatchJobsService, TenantIndexCache],
})
export class EventsModule {}

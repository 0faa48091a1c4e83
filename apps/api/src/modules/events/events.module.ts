import { PartsModule } from '../parts/parts.module.js';
import { Module } from '@nestjs/common';
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
  ],
  controllers: [EventsController, FanoutsController, MatchJobsController],
  providers: [
    EventsRepository,
    EventsService,
    FanoutService,
    AlertNotificationsSubscriber,
    IngestTokenGuard,
    IngestOrAdminGuard,
    TenantIndexCache,
    MatchJobsService,
  ],
  exports: [EventsService, FanoutService, MatchJobsService, TenantIndexCache],
})
export class EventsModule {}

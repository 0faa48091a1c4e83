import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { LifecycleModule } from './common/lifecycle.js';
import { LOG_DESTINATION, pinoHttpParams } from './common/logging.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MailModule } from './mail/mail.module.js';
import { DeliveryQueueModule } from './outbox/delivery-queue.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { IdempotencyModule } from './modules/idempotency/idempotency.module.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';
import { MeasuresModule } from './modules/measures/measures.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { SourcesModule } from './modules/sources/sources.module.js';
import { AlertsApiModule } from './modules/alerts/alerts-api.module.js';
import { ApiTokensModule } from './modules/api-tokens/api-tokens.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { DeliveriesModule } from './modules/deliveries/deliveries.module.js';
import { ChannelsModule } from './modules/channels/channels.module.js';
import { EventsModule } from './modules/events/events.module.js';
import { ExposureModule } from './modules/exposure/exposure.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { PartsModule } from './modules/parts/parts.module.js';
import { ReferenceModule } from './modules/reference/reference.module.js';
import { SupplierDecisionsModule } from './modules/supplier-decisions/supplier-decisions.module.js';
import { TenantsModule } from './modules/tenants/tenants.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { WatchlistExpansionModule } from './modules/watchlist-expansion/watchlist-expansion.module.js';
import { WatchlistModule } from './modules/watchlist/watchlist.module.js';

/**
 * The whole application: every module is listed here, even those other modules import, so this list is the map.
 * Data flows: events -> matching -> alerts -> notifications -> outbox -> transport. */
@Module({
  imports: [
    ConfigModule,
    LifecycleModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG, LOG_DESTINATION],
      // Tokens never reach a log line in clear (common/logging.ts).
      useFactory: (config: AppConfig, destination: DestinationStream | null) => ({
        pinoHttp: pinoHttpParams(config, destination),
      }),
    }),
    DatabaseModule,
    MetricsModule,
    AuthModule,
    AuditModule,
    DeliveryQueueModule,
    MailModule,
    ReferenceModule,
    TenantsModule,
    WatchlistExpansionModule, // before WatchlistModule: /v1/watchlist/expansion must win over /v1/watchlist/:id
    WatchlistModule,
    PartsModule,
    AlertsModule,
    AlertsApiModule,
    ApiTokensModule,
    UsersModule,
    SupplierDecisionsModule,
    IdempotencyModule,
    MeasuresModule,
    ChannelsModule,
    NotificationsModule,
    SourcesModule,
    EventsModule,
    ExposureModule,
    HealthModule,
    DeliveriesModule,
    JobsModule,
  ],
})
export class AppModule {}

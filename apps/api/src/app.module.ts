import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MailModule } from './mail/mail.module.js';
import { AlertsApiModule } from './modules/alerts/alerts-api.module.js';
import { ApiTokensModule } from './modules/api-tokens/api-tokens.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { EventsModule } from './modules/events/events.module.js';
import { ExposureModule } from './modules/exposure/exposure.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ReferenceModule } from './modules/reference/reference.module.js';
import { SupplierDecisionsModule } from './modules/supplier-decisions/supplier-decisions.module.js';
import { TenantsModule } from './modules/tenants/tenants.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { WatchlistExpansionModule } from './modules/watchlist-expansion/watchlist-expansion.module.js';
import { WatchlistModule } from './modules/watchlist/watchlist.module.js';

/** The whole application. Data flows: events -> matching -> alerts -> notifications -> outbox -> transport. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.logLevel, autoLogging: config.logLevel !== 'silent' },
      }),
    }),
    DatabaseModule,
    AuthModule,
    AuditModule,
    MailModule,
    ReferenceModule,
    TenantsModule,
    WatchlistExpansionModule, // before WatchlistModule: /v1/watchlist/expansion must win over /v1/watchlist/:id
    WatchlistModule,
    AlertsApiModule,
    ApiTokensModule,
    UsersModule,
    SupplierDecisionsModule,
    EventsModule,
    ExposureModule,
    HealthModule,
    JobsModule,
  ],
})
export class AppModule {}

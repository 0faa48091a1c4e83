import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { EventsModule } from '../events/events.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { FederalRegisterConnector } from './federal-register/federal-register.connector.js';
import { MofcomConnector } from './mofcom/mofcom.connector.js';
import { NewsConnector } from './news/news.connector.js';
import { FetchHttpClient, HTTP_CLIENT } from './http-client.js';
import { SOURCE_CONNECTORS, type SourceConnector } from './source-connector.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { PartnerConnector } from './partner/partner.connector.js';
import { PartnerSignatureGuard } from './partner/partner-signature.guard.js';
import { PartnerWebhookController } from './partner/partner-webhook.controller.js';
import { CslConnector } from './screening/csl.connector.js';
import { ScreeningRepository } from './screening/screening.repository.js';
import { ScreeningService } from './screening/screening.service.js';
import { SourcesController } from './sources.controller.js';
import { SourceRecordsModule } from './source-records.module.js';
import { SourcesService } from './sources.service.js';

/** Builds the connectors from the configuration (docs/sources.md); each is off unless enabled. */
export function buildConnectors(config: AppConfig): SourceConnector[] {
  const s = config.sources;
  return [
    new FederalRegisterConnector(s.federalRegister),
    new MofcomConnector(s.mofcom),
    new NewsConnector(s.news),
    new CslConnector(s.csl),
    ...Object.keys(config.partners.secrets).map((name) => new PartnerConnector(name)),
  ];
}

/** Source connectors, their runs and raw payloads. Ingests through EventsService like the HTTP API. */
@Module({
  imports: [
    EventsModule,
    ReferenceModule,
    TenantsModule,
    AlertsModule,
    NotificationsModule,
    IdempotencyModule,
    SourceRecordsModule,
  ],
  controllers: [PartnerWebhookController, SourcesController],
  providers: [
    PartnerSignatureGuard,
    SourcesService,
    ScreeningRepository,
    ScreeningService,
    { provide: SOURCE_CONNECTORS, inject: [APP_CONFIG], useFactory: buildConnectors },
    {
      provide: HTTP_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FetchHttpClient(config.sources.httpTimeoutMs, config.sources.userAgent),
    },
  ],
  exports: [SourcesService, ScreeningService],
})
export class SourcesModule {}

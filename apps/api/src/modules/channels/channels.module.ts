import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService } from '../../database/prisma.service.js';
import { AlertsApiModule } from '../alerts/alerts-api.module.js';
import { ACK_LINK_SIGNER, AckLinkSigner } from './ack-links.js';
import { AlertActionsController } from './alert-actions.controller.js';
import { ChannelOutboxWriter } from './channel-outbox.js';
import { ChannelWorker } from './channel-worker.js';
import { ChannelsController } from './channels.controller.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { MyChannelsController } from './my-channels.controller.js';
import { CHANNEL_HTTP_CLIENT, SafeHttpClient } from './http-client.js';
import { DELIVERY_QUEUE, OutboxDeliveryQueue } from '../../outbox/delivery-queue.js';
import { PgBossDeliveryQueue } from '../../outbox/pgboss-delivery-queue.js';
import { CHANNEL_MAX_ATTEMPTS, CHANNEL_MAX_RETRY_DELAY_MS } from './channel-worker.js';

/**
 * Channels besides email: signed webhooks, Slack, Microsoft Teams (docs/channels.md). The outbox writer is used by
 * notifications (rows written with the alert); the worker is driven by jobs/channels.schedule.ts.
 */
@Module({
  imports: [AlertsApiModule],
  controllers: [ChannelsController, MyChannelsController, AlertActionsController],
  providers: [
    ChannelsRepository,
    ChannelsService,
    ChannelOutboxWriter,
    ChannelWorker,
    {
      provide: CHANNEL_HTTP_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new SafeHttpClient({
          timeoutMs: config.channels.httpTimeoutMs,
          allowPrivate: config.channels.allowPrivate,
          userAgent: 'Lodestone-Webhooks/1 (+https://www.standardwebhooks.com/)',
        }),
    },
    {
      // DELIVERY_QUEUE (docs/delivery-engine.md): the outbox by default; pg-boss for signed webhooks, on PostgreSQL
      // (its own pool) or in process on the embedded PGlite (the application's instance).
      provide: DELIVERY_QUEUE,
      inject: [APP_CONFIG, PrismaService],
      useFactory: (config: AppConfig, prisma: PrismaService) =>
        config.outbox.deliveryQueue === 'pgboss'
          ? new PgBossDeliveryQueue({
              database:
                config.database.kind === 'postgres'
                  ? { url: config.database.url }
                  : { pglite: prisma.embeddedPglite() },
              retryBaseMs: config.channels.retryBaseMs,
              retryMaxMs: CHANNEL_MAX_RETRY_DELAY_MS,
              retryLimit: CHANNEL_MAX_ATTEMPTS,
              claimTimeoutMs: config.outbox.claimTimeoutMs,
              concurrency: config.outbox.concurrency,
              shutdownTimeoutMs: config.shutdownTimeoutMs,
            })
          : new OutboxDeliveryQueue(),
    },
    {
      provide: ACK_LINK_SIGNER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new AckLinkSigner(config.linkSigningSecret, config.publicUrl, config.channels.ackLinkTtlSeconds),
    },
  ],
  exports: [ChannelOutboxWriter, ChannelWorker, ChannelsService, ACK_LINK_SIGNER, DELIVERY_QUEUE],
})
export class ChannelsModule {}

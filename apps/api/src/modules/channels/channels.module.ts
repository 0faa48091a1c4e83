import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
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
import { DELIVERY_QUEUE, deliveryQueueSettings, OutboxDeliveryQueue } from '../../outbox/delivery-queue.js';
import { PgBossDeliveryQueue } from '../../outbox/pgboss-delivery-queue.js';

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
      // DELIVERY_QUEUE (docs/delivery-engine.md): the outbox by default; pg-boss on PostgreSQL for the queues of
      // DELIVERY_QUEUES (outbox/delivery-queue.ts).
      provide: DELIVERY_QUEUE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.outbox.deliveryQueue === 'pgboss' && config.database.kind === 'postgres'
          ? new PgBossDeliveryQueue({
              url: config.database.url,
              queues: deliveryQueueSettings(config),
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
  exports: [ChannelOutboxWriter, ChannelWorker, ChannelsService, ACK_LINK_SIGNER],
})
export class ChannelsModule {}

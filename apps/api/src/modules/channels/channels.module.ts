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
      provide: ACK_LINK_SIGNER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new AckLinkSigner(config.linkSigningSecret, config.publicUrl, config.channels.ackLinkTtlSeconds),
    },
  ],
  exports: [ChannelOutboxWriter, ChannelWorker, ChannelsService, ACK_LINK_SIGNER],
})
export class ChannelsModule {}

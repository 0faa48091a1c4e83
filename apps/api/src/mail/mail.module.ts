import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DeliveryWorker } from './delivery-worker.js';
import { EmlOutboxTransport } from './eml-outbox.transport.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { DeliveriesRepository, OutboxRepository } from './outbox.repository.js';
import { LINK_SIGNER, LinkSigner } from '../common/signed-links.js';
import { SmtpMailTransport } from './smtp.transport.js';

/** Mail delivery: SMTP when SMTP_URL is set, otherwise .eml files in the outbox folder. */
@Global()
@Module({
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport =>
        config.mail.kind === 'smtp'
          ? new SmtpMailTransport(config.mail.url, config.smtpPool, config.dkim)
          : new EmlOutboxTransport(config.mail.dir, config.dkim),
    },
    {
      provide: LINK_SIGNER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LinkSigner(config.linkSigningSecret, config.publicUrl),
    },
    OutboxRepository,
    DeliveriesRepository,
    DeliveryWorker,
  ],
  exports: [DeliveryWorker, LINK_SIGNER, DeliveriesRepository],
})
export class MailModule {}

import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DeliveryWorker } from './delivery-worker.js';
import { EmlOutboxTransport } from './eml-outbox.transport.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { OutboxRepository } from './outbox.repository.js';
import { SmtpMailTransport } from './smtp.transport.js';

/** Mail delivery: SMTP when SMTP_URL is set, otherwise .eml files in the outbox folder. */
@Global()
@Module({
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport =>
        config.mail.kind === 'smtp' ? new SmtpMailTransport(config.mail.url) : new EmlOutboxTransport(config.mail.dir),
    },
    OutboxRepository,
    DeliveryWorker,
  ],
  exports: [DeliveryWorker],
})
export class MailModule {}

import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EmailQueueWriter } from '../mail/email-queue.js';
import { DELIVERY_QUEUE, deliveryQueueSettings, OutboxDeliveryQueue } from './delivery-queue.js';
import { PgBossDeliveryQueue } from './pgboss-delivery-queue.js';

/**
 * The process's delivery queue (DELIVERY_QUEUE, docs/delivery-engine.md) for every module that writes or sends
 * deliveries (email, channels): the outbox by default; pg-boss on PostgreSQL for the queues of DELIVERY_QUEUES
 * (outbox/delivery-queue.ts). Also the writers' helper of email jobs ({@link EmailQueueWriter}).
 */
@Global()
@Module({
  providers: [
    {
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
    EmailQueueWriter,
  ],
  exports: [DELIVERY_QUEUE, EmailQueueWriter],
})
export class DeliveryQueueModule {}

import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { EmailQueueWriter } from '../mail/email-queue.js';
import { DELIVERY_QUEUE, deliveryQueueSettings, OutboxDeliveryQueue } from './delivery-queue.js';
import { PgBossDeliveryQueue } from './pgboss-delivery-queue.js';

/**
 * The process's delivery queue (DELIVERY_QUEUE, docs/delivery-engine.md) for every module that writes or sends
 * deliveries (email, channels, fan-out): by default pg-boss for the queues of DELIVERY_QUEUES
 * (outbox/delivery-queue.ts), on PostgreSQL (its own pool) or in process on the embedded PGlite (the application's
 * instance); the outbox claims with DELIVERY_QUEUE=outbox (the fallback). Also the writers' helper of email jobs ({@link EmailQueueWriter}).
 */
@Global()
@Module({
  providers: [
    {
      provide: DELIVERY_QUEUE,
      inject: [APP_CONFIG, PrismaService],
      useFactory: (config: AppConfig, prisma: PrismaService) =>
        config.outbox.deliveryQueue === 'pgboss'
          ? new PgBossDeliveryQueue({
              database:
                config.database.kind === 'postgres'
                  ? { url: config.database.url }
                  : { pglite: prisma.embeddedPglite() },
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

import { type BeforeApplicationShutdown, Logger, type OnModuleInit } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import { fromPglite, fromPrisma, PgBoss, type Queue } from 'pg-boss';
import type { Tx } from '../database/prisma.service.js';
import type { DeliveryJob, DeliveryQueue, DeliveryQueueName } from './delivery-queue.js';

/**
 * The application's database, where pg-boss keeps its tables (the `pgboss` schema): PostgreSQL by URL (pg-boss opens
 * its own pool), or the embedded PGlite instance itself (shared in process: PGlite has one connection, so pg-boss's
 * statements queue behind the application's transactions; no socket server).
 */
export type PgBossDatabase = { url: string } | { pglite: PGlite };

/** Settings of {@link PgBossDeliveryQueue}; durations in ms. */
export interface PgBossDeliveryQueueOptions {
  database: PgBossDatabase;
  /** First retry delay; doubles per attempt with jitter (pg-boss `retryBackoff`), at most `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Retries after the first attempt. */
  retryLimit: number;
  /** A job active longer than this (its worker died or hangs) is failed and retried: the outbox's claim timeout. */
  claimTimeoutMs: number;
  /** Jobs a process works on at once. */
  concurrency: number;
  /** How long shutdown waits for running handlers. */
  shutdownTimeoutMs: number;
}

/** Jobs fetched together by one worker slot (settled one by one); 2 did best in bench/queue-trial.mjs. */
const BATCH = 2;

/**
 * {@link DeliveryQueue} on pg-boss (docs/delivery-engine.md, chosen over graphile-worker after
 * `npm run bench -- queue-trial`): jobs are inserted through the caller's Prisma transaction (`fromPrisma(tx)`), with
 * the outbox row's id as the job id (pg-boss skips an id it has), woken by LISTEN/NOTIFY, retried with exponential
 * backoff, and a job whose worker died is retried once `claimTimeoutMs` has passed (pg-boss `expireInSeconds`, checked
 * by the supervisor every 10 s). `start()` creates or migrates the `pgboss` schema and the queues; `stop()` waits for
 * running handlers. On PostgreSQL pg-boss has its own pool; on the embedded PGlite it runs in process on the
 * application's instance ({@link PgBossDatabase}).
 */
export class PgBossDeliveryQueue implements DeliveryQueue, OnModuleInit, BeforeApplicationShutdown {
  readonly kind = 'pgboss' as const;
  private readonly logger = new Logger(PgBossDeliveryQueue.name);
  private readonly boss: PgBoss;
  private started: Promise<void> | null = null;

  constructor(private readonly options: PgBossDeliveryQueueOptions) {
    const connection =
      'pglite' in options.database
        ? // pg-boss's embedded profile; `fromPglite` runs its multi-statement scripts with exec() and issues a ROLLBACK
          // after a failed statement (a failed script would otherwise leave the shared session in an aborted
          // transaction).
          { db: fromPglite(options.database.pglite), backend: 'pglite' as const }
        : {
            connectionString: options.database.url,
            application_name: 'lodestone-delivery',
            max: Math.max(4, Math.ceil(options.concurrency / BATCH) + 3),
          };
    this.boss = new PgBoss({
      ...connection,
      schedule: false,
      useListenNotify: true,
      superviseIntervalSeconds: 10,
      monitorIntervalSeconds: 10,
    });
    this.boss.on('error', (error: Error) => this.logger.error(`pg-boss: ${error.message}`));
  }

  handles(queue: DeliveryQueueName): boolean {
    return queue === 'deliver-webhook';
  }

  /** Starts pg-boss (schema, queues) once; later calls return the same promise. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const began = performance.now();
      await this.boss.start();
      const settings: Omit<Queue, 'name'> = {
        retryLimit: this.options.retryLimit,
        retryDelay: Math.max(1, Math.round(this.options.retryBaseMs / 1000)),
        retryBackoff: true,
        retryDelayMax: Math.max(1, Math.round(this.options.retryMaxMs / 1000)),
        expireInSeconds: Math.max(1, Math.round(this.options.claimTimeoutMs / 1000)),
        notify: true,
      };
      const name: DeliveryQueueName = 'deliver-webhook';
      if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, settings);
      else await this.boss.createQueue(name, settings);
      const where = 'pglite' in this.options.database ? 'the embedded PGlite' : 'PostgreSQL';
      this.logger.log(`pg-boss ready on ${where} in ${Math.round(performance.now() - began)} ms (schema and queues)`);
    })();
    return this.started;
  }

  /**
   * The started pg-boss instance of this process, for the other queues that share it and its connection (the fan-out
   * queue: modules/events/fanout-queue.ts). Starts it first (see {@link start}).
   */
  async instance(): Promise<PgBoss> {
    await this.start();
    return this.boss;
  }

  async enqueue(tx: Tx, queue: DeliveryQueueName, jobs: readonly DeliveryJob[]): Promise<void> {
    if (!this.handles(queue)) throw new Error(`pg-boss does not handle ${queue}`);
    if (!jobs.length) return;
    await this.start();
    await this.boss.insert(
      queue,
      jobs.map((j) => ({ id: j.rowId, data: { rowId: j.rowId }, startAfter: j.runAt })),
      { db: fromPrisma(tx) },
    );
  }

  async work(queue: DeliveryQueueName, handler: (rowId: string) => Promise<void>): Promise<void> {
    if (!this.handles(queue)) throw new Error(`pg-boss does not handle ${queue}`);
    await this.start();
    await this.boss.work<{ rowId: string }>(
      queue,
      {
        batchSize: BATCH,
        localConcurrency: Math.max(1, Math.ceil(this.options.concurrency / BATCH)),
        perJobResults: true,
        burstWhenBatchFull: true,
        pollingIntervalSeconds: 1,
        notifyPollingIntervalSeconds: 5,
      },
      async (batch) => {
        const settled = await Promise.allSettled(batch.map((job) => handler(job.data.rowId)));
        return batch.map((job, i) => {
          const outcome = settled[i]!;
          return outcome.status === 'fulfilled'
            ? { id: job.id, status: 'completed' as const }
            : { id: job.id, status: 'failed' as const, output: { message: String(outcome.reason?.message) } };
        });
      },
    );
  }

  /** Nest: starts pg-boss with the application (schema and queues ready before the first request). */
  async onModuleInit(): Promise<void> {
    await this.start();
  }

  /** Nest: stops before the database closes (PrismaService closes in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop(this.options.shutdownTimeoutMs);
  }

  /** Stops taking jobs and waits for running handlers (at most `timeoutMs`), then closes pg-boss's pool. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.started === null) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, timeout: timeoutMs });
  }
}

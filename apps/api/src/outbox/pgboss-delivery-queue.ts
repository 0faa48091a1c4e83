import { type BeforeApplicationShutdown, Logger, type OnModuleInit } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import { fromPglite, fromPrisma, type Job, PgBoss, type Queue } from 'pg-boss';
import type { Tx } from '../database/prisma.service.js';
import {
  DELIVERY_QUEUE_NAMES,
  type DeliveryJob,
  type DeliveryQueue,
  type DeliveryQueueName,
  type DeliveryQueueSettings,
  type QueuedJob,
} from './delivery-queue.js';

/**
 * The application's database, where pg-boss keeps its tables (the `pgboss` schema): PostgreSQL by URL (pg-boss opens
 * its own pool), or the embedded PGlite instance itself (shared in process: PGlite has one connection, so pg-boss's
 * statements queue behind the application's transactions; no socket server).
 */
export type PgBossDatabase = { url: string } | { pglite: PGlite };

/** Settings of {@link PgBossDeliveryQueue}; durations in ms. */
export interface PgBossDeliveryQueueOptions {
  /** The application's database (see {@link PgBossDatabase}). */
  database: PgBossDatabase;
  /** Each queue's retries, claim timeout and group limit (delivery-queue.ts, `deliveryQueueSettings(config)`). */
  queues: Record<DeliveryQueueName, DeliveryQueueSettings>;
  /** Jobs a process works on at once, per queue. */
  concurrency: number;
  /** How long shutdown waits for running handlers. */
  shutdownTimeoutMs: number;
}

/** Jobs fetched together by one worker slot (settled one by one); 2 did best in bench/queue-trial.mjs. */
const BATCH = 2;

/**
 * Works the jobs of the pg-boss queue `name` that are due now, in the caller, until a fetch returns none (the
 * synchronous drains: {@link PgBossDeliveryQueue.runDue}, the fan-out queue's `runDue`). Each fetched batch (at most
 * `batchSize` jobs; at most `groupConcurrency` active jobs per group when set) goes to `handler`, which answers with the
 * ids of the jobs that failed (job id -> reason); those are failed (pg-boss retries them with the queue's backoff, so
 * they are not due again at once), the others completed. A rejected handler fails the whole batch.
 * @returns how many jobs were completed and how many failed.
 */
export async function runDueJobs<T extends object>(
  boss: PgBoss,
  name: string,
  options: { batchSize: number; groupConcurrency?: number },
  handler: (jobs: Job<T>[]) => Promise<Map<string, string>>,
): Promise<{ completed: number; failed: number }> {
  const counts = { completed: 0, failed: 0 };
  const { batchSize, groupConcurrency } = options;
  for (;;) {
    const batch = await boss.fetch<T>(name, { batchSize, ...(groupConcurrency ? { groupConcurrency } : {}) });
    if (!batch.length) return counts;
    let failures: Map<string, string>;
    try {
      failures = await handler(batch);
    } catch (error) {
      failures = new Map(batch.map((job) => [job.id, String((error as Error)?.message)]));
    }
    const done = batch.filter((job) => !failures.has(job.id)).map((job) => job.id);
    if (done.length) await boss.complete(name, done);
    for (const [id, message] of failures) await boss.fail(name, id, { message });
    counts.completed += done.length;
    counts.failed += failures.size;
  }
}

/**
 * {@link DeliveryQueue} on pg-boss (docs/delivery-engine.md, chosen over graphile-worker after
 * `npm run bench -- queue-trial`): jobs are inserted through the caller's Prisma transaction (`fromPrisma(tx)`), with
 * the outbox row's id as the job id (pg-boss skips an id it has), woken by LISTEN/NOTIFY, retried with exponential
 * backoff, and a job whose worker died is retried once the queue's `claimTimeoutMs` has passed (pg-boss
 * `expireInSeconds`, checked by the supervisor every 10 s). Every queue of DELIVERY_QUEUES, each with its own settings.
 * Job data is `{ rowId, shard, shards }`. `start()` creates or migrates the `pgboss` schema and the queues; `stop()`
 * waits for running handlers.
 * On PostgreSQL pg-boss has its own pool; on the embedded PGlite it runs in process on the application's instance
 * ({@link PgBossDatabase}).
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
            // + 2 for the two email batches in flight (workBatch).
            max: Math.max(4, Math.ceil(options.concurrency / BATCH) + 5),
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
    return Object.hasOwn(this.options.queues, queue);
  }

  /** Starts pg-boss (schema, queues) once; later calls return the same promise. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const began = performance.now();
      await this.boss.start();
      for (const name of DELIVERY_QUEUE_NAMES) {
        const queue = this.options.queues[name];
        if (queue) await ensureQueue(this.boss, name, queue);
      }
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
      jobs.map((j) => ({
        id: j.jobId ?? j.rowId,
        data: { rowId: j.rowId, shard: j.shard.shard, shards: j.shard.shards },
        startAfter: j.runAt,
        ...(j.group ? { group: { id: j.group } } : {}),
      })),
      { db: fromPrisma(tx) },
    );
  }

  async work(queue: DeliveryQueueName, handler: (job: QueuedJob) => Promise<void>): Promise<void> {
    if (!this.handles(queue)) throw new Error(`pg-boss does not handle ${queue}`);
    await this.start();
    const { groupConcurrency } = this.options.queues[queue];
    await this.boss.work<Omit<QueuedJob, 'retryCount'>>(
      queue,
      workOptions(BATCH, Math.max(1, Math.ceil(this.options.concurrency / BATCH)), groupConcurrency),
      async (batch) => {
        const settled = await Promise.allSettled(batch.map((job) => handler(queuedJob(job))));
        return batch.map((job, i) => {
          const outcome = settled[i]!;
          return outcome.status === 'fulfilled'
            ? { id: job.id, status: 'completed' as const }
            : { id: job.id, status: 'failed' as const, output: { message: String(outcome.reason?.message) } };
        });
      },
    );
  }

  async workBatch(
    queue: DeliveryQueueName,
    handler: (jobs: QueuedJob[]) => Promise<Map<string, string>>,
  ): Promise<void> {
    if (!this.handles(queue)) throw new Error(`pg-boss does not handle ${queue}`);
    await this.start();
    const { groupConcurrency, batchSize } = this.options.queues[queue];
    await this.boss.work<Omit<QueuedJob, 'retryCount'>>(
      queue,
      // Two batches in flight: one is fetched and claimed while the other's last messages are being sent.
      workOptions(batchSize ?? BATCH, 2, groupConcurrency),
      async (batch) => {
        const failed = await handler(batch.map(queuedJob));
        return batch.map((job) => {
          const reason = failed.get(job.data.rowId);
          return reason === undefined
            ? { id: job.id, status: 'completed' as const }
            : { id: job.id, status: 'failed' as const, output: { message: reason } };
        });
      },
    );
  }

  async complete(queue: DeliveryQueueName, ids: readonly string[]): Promise<void> {
    if (!this.handles(queue)) throw new Error(`pg-boss does not handle ${queue}`);
    if (!ids.length) return;
    await this.start();
    await this.boss.complete(queue, [...ids], undefined, { includeQueued: true });
  }

  async runDue(
    queue: DeliveryQueueName,
    handler: (jobs: QueuedJob[]) => Promise<Map<string, string>>,
  ): Promise<{ completed: number; failed: number }> {
    if (!this.handles(queue)) throw new Error(`pg-boss does not handle ${queue}`);
    await this.start();
    const { groupConcurrency, batchSize } = this.options.queues[queue];
    return runDueJobs<Omit<QueuedJob, 'retryCount'>>(
      this.boss,
      queue,
      { batchSize: batchSize ?? Math.max(BATCH, this.options.concurrency), groupConcurrency },
      async (batch) => {
        // The handler answers by row id; a row may have two jobs (a held email's follow-up job has its own id).
        const failed = await handler(batch.map(queuedJob));
        const byJob = new Map<string, string>();
        for (const job of batch) {
          const reason = failed.get(job.data.rowId);
          if (reason !== undefined) byJob.set(job.id, reason);
        }
        return byJob;
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

/**
 * pg-boss `work` options of every delivery queue: `batchSize` jobs per fetch with per-job results, `localConcurrency`
 * fetches in flight, fetching again at once after a full batch, polling every second (every 5 s while LISTEN/NOTIFY
 * is up), and at most `groupConcurrency` active jobs per group when the queue has groups (chat bursts).
 */
function workOptions(batchSize: number, localConcurrency: number, groupConcurrency: number | undefined) {
  return {
    batchSize,
    localConcurrency,
    perJobResults: true,
    burstWhenBatchFull: true,
    pollingIntervalSeconds: 1,
    notifyPollingIntervalSeconds: 5,
    ...(groupConcurrency ? { groupConcurrency } : {}),
  } as const;
}

/** A fetched job as its handler sees it (jobs written before the shard key count as shard 0 of 1). */
function queuedJob(job: Job<Omit<QueuedJob, 'retryCount'>>): QueuedJob {
  return {
    rowId: job.data.rowId,
    shard: job.data.shard ?? 0,
    shards: job.data.shards ?? 1,
    retryCount: job.retryCount,
  };
}

/**
 * Creates pg-boss queue `name`, or updates it to `settings` when it exists: retries with exponential backoff and
 * jitter (`retryLimit`, first delay `retryBaseMs`, at most `retryMaxMs`; pg-boss counts whole seconds, at least 1), a
 * job active longer than `claimTimeoutMs` failed and retried, and NOTIFY on insert (the workers LISTEN). Shared by the
 * delivery queues and the fan-out queue (modules/events/fanout-queue.ts).
 */
export async function ensureQueue(
  boss: PgBoss,
  name: string,
  settings: Pick<DeliveryQueueSettings, 'retryLimit' | 'retryBaseMs' | 'retryMaxMs' | 'claimTimeoutMs'>,
): Promise<void> {
  const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));
  const queue: Omit<Queue, 'name'> = {
    retryLimit: settings.retryLimit,
    retryDelay: seconds(settings.retryBaseMs),
    retryBackoff: true,
    retryDelayMax: seconds(settings.retryMaxMs),
    expireInSeconds: seconds(settings.claimTimeoutMs),
    notify: true,
  };
  if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
  else await boss.createQueue(name, queue);
}

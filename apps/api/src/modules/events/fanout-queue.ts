import { Logger, type OnModuleInit } from '@nestjs/common';
import { fromPrisma, type PgBoss } from 'pg-boss';
import type { Tx } from '../../database/prisma.service.js';
import { ensureQueue, type PgBossDeliveryQueue, runDueJobs } from '../../outbox/pgboss-delivery-queue.js';

/** The pg-boss queue of fan-out jobs. */
export const FANOUT_QUEUE_NAME = 'fanout';

/**
 * The data of one `fanout` job: the `FanoutJob` row to expand (also the job's id; the row stays the record the
 * progress API reads), its event and its shard (0 of 1 when matching is not sharded).
 */
export interface FanoutQueueData {
  fanoutJobId: string;
  eventId: string;
  shard: number;
}

/**
 * Schedules fan-out jobs on the job queue (DELIVERY_QUEUE=pgboss, docs/delivery-engine.md) instead of the claims of
 * the `FanoutJob` table: one job per (event, shard), enqueued in the ingestion transaction.
 */
export interface FanoutQueue {
  /**
   * Adds one job per `FanoutJob` row in the caller's transaction `tx` (rolled back with it), due at `runAt` (now when
   * earlier). A row that already has a job is skipped (the job id is the row id).
   */
  enqueue(tx: Tx, jobs: readonly (FanoutQueueData & { runAt: Date })[]): Promise<void>;
  /**
   * Starts taking fan-out jobs in this process, one at a time: `handler(data)` per job; a rejected handler is retried
   * with the queue's backoff, a job whose worker died after the claim timeout.
   */
  work(handler: (data: FanoutQueueData) => Promise<void>): Promise<void>;
  /**
   * Works the fan-out jobs due now in the caller, one at a time, until none is due (the synchronous
   * `FanoutService.drain` of the CLIs): a resolved `handler(data)` completes the job, a rejected one fails it (retried
   * with the queue's backoff).
   * @returns how many jobs were completed and how many failed.
   */
  runDue(handler: (data: FanoutQueueData) => Promise<void>): Promise<{ completed: number; failed: number }>;
}

/** The longest wait between two attempts of a fan-out job (as the table's retries: 1 h). */
export const FANOUT_MAX_RETRY_DELAY_MS = 3_600_000;
/** Retries of a fan-out job on the queue: about 3 days at the 1 h cap; then the job is `failed` in pg-boss. */
export const FANOUT_RETRY_LIMIT = 72;

/** Nest token of the process's {@link FanoutQueue}; null when fan-out jobs are claimed from their table (outbox). */
export const FANOUT_QUEUE = Symbol('FANOUT_QUEUE');

/** Settings of {@link PgBossFanoutQueue}; durations in ms. */
export interface PgBossFanoutQueueOptions {
  /** First retry delay (OUTBOX_RETRY_BASE_SECONDS); doubles per attempt with jitter, at most `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Retries after the first attempt. */
  retryLimit: number;
  /** A job active longer than this is failed and retried (OUTBOX_CLAIM_TIMEOUT_SECONDS, the row claim's timeout). */
  claimTimeoutMs: number;
}

/**
 * {@link FanoutQueue} on the process's pg-boss instance (the one of {@link PgBossDeliveryQueue}, on PostgreSQL or the
 * embedded PGlite): queue `fanout`, job id = `FanoutJob` id, inserted through the Prisma transaction
 * (`fromPrisma(tx)`), LISTEN/NOTIFY, one job at a time per process (a fan-out writes thousands of rows).
 */
export class PgBossFanoutQueue implements FanoutQueue, OnModuleInit {
  private readonly logger = new Logger(PgBossFanoutQueue.name);
  private started: Promise<PgBoss> | null = null;

  constructor(
    private readonly delivery: PgBossDeliveryQueue,
    private readonly options: PgBossFanoutQueueOptions,
  ) {}

  /** Creates or updates the `fanout` queue once (pg-boss started first); later calls return the same promise. */
  start(): Promise<PgBoss> {
    this.started ??= (async () => {
      const boss = await this.delivery.instance();
      await ensureQueue(boss, FANOUT_QUEUE_NAME, this.options);
      return boss;
    })();
    return this.started;
  }

  /** Nest: the queue exists before the first ingestion (an enqueue inside a PGlite transaction cannot create it). */
  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async enqueue(tx: Tx, jobs: readonly (FanoutQueueData & { runAt: Date })[]): Promise<void> {
    if (!jobs.length) return;
    const boss = await this.start();
    await boss.insert(
      FANOUT_QUEUE_NAME,
      jobs.map(({ runAt, ...data }) => ({ id: data.fanoutJobId, data, startAfter: runAt })),
      { db: fromPrisma(tx) },
    );
  }

  async work(handler: (data: FanoutQueueData) => Promise<void>): Promise<void> {
    const boss = await this.start();
    await boss.work<FanoutQueueData>(
      FANOUT_QUEUE_NAME,
      { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 5 },
      async (batch) => {
        for (const job of batch) await handler(job.data);
      },
    );
    this.logger.log('fan-out queue worker started');
  }

  async runDue(handler: (data: FanoutQueueData) => Promise<void>): Promise<{ completed: number; failed: number }> {
    const boss = await this.start();
    return runDueJobs<FanoutQueueData>(boss, FANOUT_QUEUE_NAME, { batchSize: 1 }, async (batch) => {
      const failed = new Map<string, string>();
      for (const job of batch)
        await handler(job.data).catch((error: Error) => failed.set(job.id, String(error?.message)));
      return failed;
    });
  }
}

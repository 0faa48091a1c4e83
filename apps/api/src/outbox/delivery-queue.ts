import type { AppConfig } from '../config/app-config.js';
import type { Tx } from '../database/prisma.service.js';
import type { ShardKey } from '../matching/shard.js';
import { CHANNEL_MAX_ATTEMPTS, CHANNEL_MAX_RETRY_DELAY_MS } from '../modules/channels/channel-retry.js';
import { EMAIL_MAX_ATTEMPTS, EMAIL_MAX_RETRY_DELAY_MS, EMAIL_QUEUE_BATCH } from '../mail/email-retry.js';

/**
 * What schedules, retries and hands out deliveries (docs/delivery-engine.md). The outbox row (EmailDelivery,
 * ChannelDelivery) stays the record of a delivery: its Message-ID / `webhook-id`, status, attempts and log. A queue job
 * only points at the row (`rowId`, also the job's id), so a retry or a resend after a dead worker sends the row's id
 * again.
 *
 * Two adapters: `PgBossDeliveryQueue` (pg-boss, DELIVERY_QUEUE=pgboss, the default: every queue of
 * {@link DELIVERY_QUEUES}; on PostgreSQL or in process on the embedded PGlite) and {@link OutboxDeliveryQueue} (the
 * fallback, DELIVERY_QUEUE=outbox: nothing is enqueued, the workers claim due rows from the table, outbox/outbox.ts).
 */
export interface DeliveryQueue {
  /** `outbox` or `pgboss` (the DELIVERY_QUEUE setting). */
  readonly kind: 'outbox' | 'pgboss';
  /**
   * Whether the rows of `queue` are delivered by this queue's workers. When true, the outbox claims must leave them
   * alone and every writer of such rows must {@link enqueue} them in its transaction.
   */
  handles(queue: DeliveryQueueName): boolean;
  /**
   * Adds one job per row in the caller's transaction `tx`: rolled back with it, committed with it. A row that already
   * has a job is skipped (the job id is the row id).
   * @throws Error when the queue does not handle `queue`.
   */
  enqueue(tx: Tx, queue: DeliveryQueueName, jobs: readonly DeliveryJob[]): Promise<void>;
  /**
   * Starts taking jobs of `queue` in this process: `handler(job)` per job; a rejected handler is retried with the
   * queue's backoff, a job whose worker died is retried after the claim timeout.
   * @throws Error when the queue does not handle `queue`.
   */
  work(queue: DeliveryQueueName, handler: (job: QueuedJob) => Promise<void>): Promise<void>;
  /**
   * As {@link work}, but `handler` gets a whole fetched batch of jobs (the queue's `batchSize`) and answers with the
   * rows whose job failed (row id -> reason): those jobs are retried with the queue's backoff, the others are
   * completed. A rejected handler fails every job of the batch.
   * @throws Error when the queue does not handle `queue`.
   */
  workBatch(queue: DeliveryQueueName, handler: (jobs: QueuedJob[]) => Promise<Map<string, string>>): Promise<void>;
  /**
   * Completes the jobs `ids` of `queue` whatever they wait for (created, retry, active elsewhere): their rows were
   * delivered by another job (rows swept into a burst message). Ids without an unfinished job are ignored.
   * @throws Error when the queue does not handle `queue`.
   */
  complete(queue: DeliveryQueueName, ids: readonly string[]): Promise<void>;
  /**
   * Works the jobs of `queue` that are due now in the calling process, and returns once none is due: the synchronous
   * drains of the CLIs (`DeliveryWorker.drain`, `ChannelWorker.drain`; demo, ingest, deliver). Fetches batches (the
   * queue's `batchSize`, else the process's concurrency) and hands each to `handler` as {@link workBatch} does: the
   * answer maps row ids to the reason their job failed (retried with the queue's backoff), the other jobs are
   * completed; a rejected handler fails every job of the batch. Repeats until a fetch returns no job, so jobs not due
   * yet (a later `runAt`, a retry waiting for its backoff, a held burst's follow-up) stay with the queue.
   * @returns how many jobs were completed and how many failed (to be retried, or failed for good).
   * @throws Error when the queue does not handle `queue`.
   */
  runDue(
    queue: DeliveryQueueName,
    handler: (jobs: QueuedJob[]) => Promise<Map<string, string>>,
  ): Promise<{ completed: number; failed: number }>;
}

/**
 * How pg-boss schedules one queue's jobs. Durations in ms (rounded to whole seconds, at least 1, for pg-boss).
 */
export interface DeliveryQueueSettings {
  /** Retries after the first run (pg-boss `retryLimit`); a job failed this many times more stays `failed`. */
  retryLimit: number;
  /** First retry delay; doubles per retry with jitter (pg-boss `retryBackoff`), at most `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A job active longer than this (its worker died or hangs) is failed and retried (pg-boss `expireInSeconds`). */
  claimTimeoutMs: number;
  /**
   * At most this many jobs of one group ({@link DeliveryJob.group}) run at once, across every process (pg-boss
   * `groupConcurrency`); no limit when left out.
   */
  groupConcurrency?: number;
  /** Jobs one worker slot fetches per poll for a batch handler ({@link DeliveryQueue.workBatch}). */
  batchSize?: number;
}

/** Retries of channel messages (signed webhooks, Slack, Teams): CHANNEL_RETRY_BASE_SECONDS doubling to 2 h. */
const channelRetries = (c: AppConfig): DeliveryQueueSettings => ({
  retryLimit: CHANNEL_MAX_ATTEMPTS,
  retryBaseMs: c.channels.retryBaseMs,
  retryMaxMs: CHANNEL_MAX_RETRY_DELAY_MS,
  claimTimeoutMs: c.outbox.claimTimeoutMs,
});

/**
 * The job queues of deliveries, one line each: a queue's settings from the configuration. With DELIVERY_QUEUE=pgboss
 * every queue listed here is created at start-up and handled by pg-boss (`handles(queue)` is true), so its rows must be
 * enqueued by their writers and left alone by the outbox claims. `FanoutJob` rows have their own queue, `fanout` (modules/events/fanout-queue.ts).
 */
export const DELIVERY_QUEUES = {
  /** Signed webhooks (`ChannelDelivery` rows of WEBHOOK endpoints). */
  'deliver-webhook': channelRetries,
  /**
   * Slack and Microsoft Teams (`ChannelDelivery` rows of SLACK and TEAMS endpoints). The jobs of a burst group (one
   * endpoint's groupable rows) run one at a time; a job may wait for its group's retry, so twice the retries.
   */
  'deliver-chat': (c) => ({ ...channelRetries(c), retryLimit: 2 * CHANNEL_MAX_ATTEMPTS, groupConcurrency: 1 }),
  /**
   * Email (`EmailDelivery` rows): OUTBOX_RETRY_BASE_SECONDS doubling to 1 h. The row's attempts decide FAILED
   * (EMAIL_MAX_ATTEMPTS); the job keeps one retry more, so that a job whose worker died on the last attempt still
   * marks its row. Fetched 50 at a time: claimed in one statement, sent on the worker's lanes.
   */
  'deliver-email': (c) => ({
    retryLimit: EMAIL_MAX_ATTEMPTS,
    retryBaseMs: c.outbox.retryBaseMs,
    retryMaxMs: EMAIL_MAX_RETRY_DELAY_MS,
    claimTimeoutMs: c.outbox.claimTimeoutMs,
    batchSize: EMAIL_QUEUE_BATCH,
  }),
} satisfies Record<string, (config: AppConfig) => DeliveryQueueSettings>;

/** Queues of deliveries: the keys of {@link DELIVERY_QUEUES}. */
export type DeliveryQueueName = keyof typeof DELIVERY_QUEUES;

/** Every queue of {@link DELIVERY_QUEUES}. */
export const DELIVERY_QUEUE_NAMES = Object.keys(DELIVERY_QUEUES) as DeliveryQueueName[];

/** Each queue's settings under `config`. */
export function deliveryQueueSettings(config: AppConfig): Record<DeliveryQueueName, DeliveryQueueSettings> {
  return Object.fromEntries(DELIVERY_QUEUE_NAMES.map((q) => [q, DELIVERY_QUEUES[q](config)])) as Record<
    DeliveryQueueName,
    DeliveryQueueSettings
  >;
}

/** One job to enqueue. */
export interface DeliveryJob {
  /** The outbox row to deliver (a UUID), also the job id (unless {@link jobId}): the first job of a row is unique. */
  rowId: string;
  /** When to run first (now when earlier): the row's due time. */
  runAt: Date;
  /**
   * The shard key (matching/shard.ts): for a row, its tenant's shard `shardOf(tenantId, MATCH_SHARDS)` of
   * MATCH_SHARDS; for a job covering a shard (fan-out), that shard.
   */
  shard: ShardKey;
  /** Jobs sharing a group run at most `groupConcurrency` at once (the queue's setting), e.g. one endpoint's burst. */
  group?: string;
  /**
   * The job's id when not the row's: a follow-up job of a row whose first job ran (an email held for its recipient's
   * burst window gets a new job at the window's end).
   */
  jobId?: string;
}

/** A job as its handler gets it: the job's data and how many times it ran before. */
export interface QueuedJob {
  rowId: string;
  /** The shard key written with the job ({@link DeliveryJob.shard}). */
  shard: number;
  shards: number;
  /** Runs before this one (0 on the first; a failure or an expiry adds one). */
  retryCount: number;
}

/** Nest token of the process's {@link DeliveryQueue}. */
export const DELIVERY_QUEUE = Symbol('DELIVERY_QUEUE');

/**
 * The fallback (DELIVERY_QUEUE=outbox; the test harness's default): rows are their own jobs, claimed from the outbox
 * tables by the workers (outbox/outbox.ts).
 */
export class OutboxDeliveryQueue implements DeliveryQueue {
  readonly kind = 'outbox' as const;

  handles(): boolean {
    return false;
  }

  async enqueue(_tx: Tx, queue: DeliveryQueueName): Promise<void> {
    throw new Error(`the outbox delivery queue takes no jobs (${queue}): its rows are claimed from the table`);
  }

  async work(queue: DeliveryQueueName): Promise<void> {
    throw new Error(`the outbox delivery queue has no workers for ${queue}: the outbox workers claim rows`);
  }

  async workBatch(queue: DeliveryQueueName): Promise<void> {
    throw new Error(`the outbox delivery queue has no workers for ${queue}: the outbox workers claim rows`);
  }

  async complete(queue: DeliveryQueueName): Promise<void> {
    throw new Error(`the outbox delivery queue has no jobs to complete (${queue})`);
  }

  async runDue(queue: DeliveryQueueName): Promise<{ completed: number; failed: number }> {
    throw new Error(`the outbox delivery queue has no jobs to run (${queue}): the outbox drains claim its rows`);
  }
}

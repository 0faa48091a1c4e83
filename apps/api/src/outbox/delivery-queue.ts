import type { Tx } from '../database/prisma.service.js';

/**
 * What schedules, retries and hands out deliveries (docs/delivery-engine.md). The outbox row (EmailDelivery,
 * ChannelDelivery) stays the record of a delivery: its Message-ID / `webhook-id`, status, attempts and log. A queue job
 * only points at the row (`rowId`, also the job's id), so a retry or a resend after a dead worker sends the row's id
 * again.
 *
 * Two adapters: {@link OutboxDeliveryQueue} (the default: nothing is enqueued, the workers claim due rows from the
 * table, outbox/outbox.ts) and `PgBossDeliveryQueue` (pg-boss, DELIVERY_QUEUE=pgboss; on PostgreSQL or in process on
 * the embedded PGlite).
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
   * Starts taking jobs of `queue` in this process: `handler(rowId)` per job; a rejected handler is retried with the
   * queue's backoff, a job whose worker died is retried after the claim timeout.
   * @throws Error when the queue does not handle `queue`.
   */
  work(queue: DeliveryQueueName, handler: (rowId: string) => Promise<void>): Promise<void>;
}

/** Queues of deliveries. Only signed webhooks are on a job queue so far; email, Slack and Teams use the outbox. */
export type DeliveryQueueName = 'deliver-webhook';

/** One job: the outbox row to deliver (a UUID, also the job id) and when (ISO-8601 instant; now when earlier). */
export interface DeliveryJob {
  rowId: string;
  runAt: Date;
}

/** Nest token of the process's {@link DeliveryQueue}. */
export const DELIVERY_QUEUE = Symbol('DELIVERY_QUEUE');

/** The default: rows are their own jobs, claimed from the outbox tables by the workers (outbox/outbox.ts). */
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
}

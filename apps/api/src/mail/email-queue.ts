import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { uuid7 } from '../database/uuid7.js';
import { shardOf } from '../matching/shard.js';
import { DELIVERY_QUEUE, type DeliveryQueue } from '../outbox/delivery-queue.js';

/** An EmailDelivery row just written: what its job needs. */
export interface WrittenEmailRow {
  id: string;
  tenantId: string;
  /** When it is due (the job's `startAfter`). */
  nextAttemptAt: Date;
}

/**
 * The writers' side of email on the delivery queue (docs/delivery-engine.md): with DELIVERY_QUEUE=pgboss (the default) every
 * EmailDelivery row gets a `deliver-email` job (id = row id, data `{ rowId, shard, shards }`, `startAfter` = the row's due
 * time) in the transaction that wrote the row; with the outbox (the fallback) nothing is enqueued and the outbox claim
 * takes the rows. Every writer of EmailDelivery rows goes through {@link write} and {@link enqueue}.
 */
@Injectable()
export class EmailQueueWriter {
  constructor(
    @Inject(DELIVERY_QUEUE) private readonly queue: DeliveryQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Whether email rows are delivered by the job queue (then writers must enqueue them). */
  get queued(): boolean {
    return this.queue.handles('deliver-email');
  }

  /**
   * Runs a write of email rows: in `tx` when given; otherwise, when email is queued, in a transaction of its own (so
   * that the rows and their jobs commit together), else on the plain client (one statement, as before).
   * @param label the transaction's label (slow-transaction log).
   */
  write<T>(tx: Tx | null, label: string, fn: (db: Tx) => Promise<T>): Promise<T> {
    if (tx) return fn(tx);
    if (this.queued) return this.transactions.run(fn, { label });
    return fn(this.prisma.db as unknown as Tx);
  }

  /**
   * Gives each row written in `tx` its `deliver-email` job, in `tx` (a rollback leaves neither; a row that has a job
   * is skipped). One insert for all rows. Nothing happens when email is not queued.
   * @param options.followUp new job ids (UUIDv7) instead of the row ids: a row whose first job ran (held for its
   *   recipient's burst window) gets a job of its own again.
   */
  async enqueue(tx: Tx, rows: readonly WrittenEmailRow[], options: { followUp?: boolean } = {}): Promise<void> {
    if (!rows.length || !this.queued) return;
    const shards = this.config.matching.shards;
    await this.queue.enqueue(
      tx,
      'deliver-email',
      rows.map((r) => ({
        rowId: r.id,
        runAt: new Date(r.nextAttemptAt),
        shard: { shard: shardOf(r.tenantId, shards), shards },
        ...(options.followUp ? { jobId: uuid7() } : {}),
      })),
    );
  }
}

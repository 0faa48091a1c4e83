import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from './prisma.service.js';

/**
 * The project's defaults for an interactive transaction: wait up to 10 s for a connection (on PGlite, which has ONE
 * connection, that is the wait for the transactions before it) and run up to 30 s. Prisma's own defaults (2 s, 5 s)
 * abort the ingestion or provisioning transaction on a loaded machine.
 */
export const TRANSACTION_DEFAULTS = { maxWaitMs: 10_000, timeoutMs: 30_000 } as const;

/** Attempts (the first included) of an `idempotent` transaction that meets a serialization failure or deadlock. */
export const TRANSACTION_MAX_ATTEMPTS = 3;

/** A transaction that runs longer than this (ms, all attempts) is logged as slow, with its label. */
export const SLOW_TRANSACTION_MS = 2_000;

/** Options of {@link TransactionRunner.run}. Every field is optional. */
export interface TransactionOptions {
  /** Longest the transaction may run, in milliseconds, before Prisma rolls it back (P2028). Default 30,000. */
  timeoutMs?: number;
  /** Longest to wait for a connection, in ms (PGlite: for the transactions queued before it). Default 10,000. */
  maxWaitMs?: number;
  /** Isolation level (PostgreSQL's default, READ COMMITTED, when absent). */
  isolation?: Prisma.TransactionIsolationLevel;
  /** Names the transaction in the slow-transaction log line and in errors: `Class.method` (`UsersService.update`). */
  label?: string;
  /**
   * The callback may safely run again from the start (it only writes through `tx` and has no effect outside the
   * database before it returns). Then a serialization failure or deadlock (SQLSTATE 40001 / 40P01, Prisma P2034) is
   * retried, up to {@link TRANSACTION_MAX_ATTEMPTS} attempts in all, after a short random pause. Default false: the
   * error is thrown at once.
   */
  idempotent?: boolean;
  /**
   * The transaction is started on purpose from inside another one's callback and NOT awaited by it (a background
   * job, e.g. the tenant index rebuild): it is not refused as nested, and it waits (up to `maxWaitMs`) for its own
   * connection. Never await a detached transaction inside the outer one: on PGlite that deadlocks.
   */
  detached?: boolean;
}

/**
 * Thrown when a transaction is opened inside another one in the same async context: on PGlite, whose single
 * connection the outer transaction holds, the inner one would wait forever (then fail with P2028). Pass the outer
 * callback's `tx` down instead.
 */
export class NestedTransactionError extends Error {
  constructor(inner: string, outer: string) {
    super(
      `Transaction "${inner}" was opened inside transaction "${outer}": pass the outer transaction's tx to the ` +
        'method instead (tx is always its first parameter); a nested transaction deadlocks on PGlite',
    );
    this.name = 'NestedTransactionError';
  }
}

/** What the runner needs of the database: Prisma's interactive `$transaction`. */
export interface TransactionClient {
  $transaction<T>(
    fn: (tx: Tx) => Promise<T>,
    options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
  ): Promise<T>;
}

/** SQLSTATEs that mean "run the transaction again": serialization_failure, deadlock_detected. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

/**
 * Whether `error` is a serialization failure or a deadlock, as Prisma reports it through either driver adapter:
 * P2034 (TransactionWriteConflict), the raw SQLSTATE as `code` (pglite-prisma-adapter), or the adapter error's
 * `kind` / `originalCode` under `meta.driverAdapterError.cause` or `cause` (raw queries, P2010).
 */
export function isSerializationFailure(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false;
  const e = error as {
    code?: unknown;
    originalCode?: unknown;
    kind?: unknown;
    meta?: { code?: unknown; driverAdapterError?: unknown };
    cause?: unknown;
  };
  if (e.code === 'P2034' || e.kind === 'TransactionWriteConflict') return true;
  for (const code of [e.code, e.originalCode, e.meta?.code])
    if (typeof code === 'string' && RETRYABLE_SQLSTATES.has(code)) return true;
  return isSerializationFailure(e.meta?.driverAdapterError, depth + 1) || isSerializationFailure(e.cause, depth + 1);
}

interface Open {
  label: string;
  /** False once the transaction ended: work it started in the background may then open its own. */
  active: boolean;
}

/**
 * The one place that opens interactive database transactions (issue 11, "One owner of transactions"). Services run
 * their unit of work with `runner.run(async (tx) => ...)` and hand `tx` to repository methods, whose FIRST
 * parameter it always is. The runner applies the project defaults ({@link TRANSACTION_DEFAULTS}), retries
 * serialization failures and deadlocks of work marked `idempotent`, logs slow transactions by label, and refuses a
 * transaction opened inside another one in the same async context ({@link NestedTransactionError}) instead of
 * deadlocking PGlite's single connection.
 *
 * Batch transactions (`$transaction([...])`) are not offered: run the statements one after the other in `run`.
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger('Transaction');
  private readonly open = new AsyncLocalStorage<Open>();
  private readonly client: TransactionClient;
  /** Threshold of the slow-transaction log line, in milliseconds. */
  slowMs = SLOW_TRANSACTION_MS;

  constructor(prisma: PrismaService) {
    this.client = prisma.db as unknown as TransactionClient;
  }

  /**
   * Runs `fn` in one interactive transaction: committed when `fn` resolves, rolled back when it throws.
   *
   * @param fn - the unit of work; it must query through `tx` only (the outer client deadlocks on PGlite).
   * @param options - see {@link TransactionOptions}; absent fields take the project defaults.
   * @returns what `fn` resolved to, after the commit.
   * @throws NestedTransactionError when called inside another transaction's callback (unless `detached`);
   *   whatever `fn` throws (after the rollback); Prisma's P2028 when the transaction passes `timeoutMs` or waits
   *   longer than `maxWaitMs`; the serialization failure (P2034 / 40001 / 40P01) when not `idempotent` or after
   *   {@link TRANSACTION_MAX_ATTEMPTS} attempts.
   */
  async run<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const label = options.label ?? 'unlabelled';
    const outer = this.open.getStore();
    if (outer?.active && !options.detached) throw new NestedTransactionError(label, outer.label);
    const prismaOptions = {
      maxWait: options.maxWaitMs ?? TRANSACTION_DEFAULTS.maxWaitMs,
      timeout: options.timeoutMs ?? TRANSACTION_DEFAULTS.timeoutMs,
      ...(options.isolation ? { isolationLevel: options.isolation } : {}),
    };
    const maxAttempts = options.idempotent ? TRANSACTION_MAX_ATTEMPTS : 1;
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      const state: Open = { label, active: true };
      try {
        const result = await this.client.$transaction(
          (tx) =>
            this.open.run(state, async () => {
              try {
                return await fn(tx);
              } finally {
                state.active = false;
              }
            }),
          prismaOptions,
        );
        this.logIfSlow(label, started, attempt);
        return result;
      } catch (error) {
        state.active = false;
        if (attempt >= maxAttempts || !isSerializationFailure(error)) {
          this.logIfSlow(label, started, attempt);
          throw error;
        }
        this.logger.warn(`transaction ${label}: serialization failure or deadlock, attempt ${attempt + 1}`);
        await sleep(5 + Math.random() * 20 * attempt);
      }
    }
  }

  /** Whether the caller runs inside a transaction's callback (a transaction opened by this runner is active). */
  get inTransaction(): boolean {
    return this.open.getStore()?.active === true;
  }

  private logIfSlow(label: string, started: number, attempts: number): void {
    const ms = Math.round(performance.now() - started);
    if (ms >= this.slowMs)
      this.logger.warn(`slow transaction ${label}: ${ms} ms${attempts > 1 ? ` (${attempts} attempts)` : ''}`);
  }
}

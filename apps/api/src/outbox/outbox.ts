import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../database/prisma.service.js';
import { crossTenant } from '../database/tenant-scope.js';

/**
 * The transactional outbox shared by every channel (docs/channels.md): a table of rows written in the transaction of
 * their alert, with `status` (PENDING, SENDING, SENT, FAILED), `attempts`, `nextAttemptAt`, `claimedAt`, a unique
 * `dedupeKey`, and a partial index on the unfinished rows. Email (`EmailDelivery`) and the chat and webhook channels
 * (`ChannelDelivery`) both use the claim and retry rules below; only sending differs.
 */
export type OutboxTable = 'EmailDelivery' | 'ChannelDelivery';

/**
 * Job tables claimed by the same rules (statuses PENDING, SENDING = claimed, and their own finished ones): `MatchJob`
 * (sharded matching, modules/events/match-jobs.service.ts). Not tenant-owned, so a claim returns no `tenantId`.
 */
export type JobTable = 'MatchJob';

/** Columns every job table has and a claim returns, plus the table's own ones (`extra`). */
export interface ClaimedJobRow {
  id: string;
  payload: unknown;
  /** Including this claim (1 on the first attempt). */
  attempts: number;
  nextAttemptAt: Date;
}

/** Columns every outbox table has and a claim returns, plus the table's own ones (`extra`). */
export interface ClaimedRow {
  id: string;
  tenantId: string;
  payload: unknown;
  /** Including this claim (1 on the first attempt). */
  attempts: number;
  nextAttemptAt: Date;
}

/** Database access a claim needs: the Prisma client or a transaction. */
type Db = Pick<Tx, '$queryRaw'>;

/**
 * Claims up to `take` due rows of `table` in one statement: `UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)` sets
 * them SENDING with `claimedAt = now` and one more attempt. Due means PENDING with `nextAttemptAt <= now`, or SENDING
 * with a claim older than `claimTimeoutMs` (its worker died). Rows another transaction is claiming are skipped, and a
 * claimed row is not due again until its claim times out, so two workers never get the same row. The same rules claim
 * the rows of a job table ({@link JobTable}), without `tenantId`.
 * @param take at most this many rows (`Number.POSITIVE_INFINITY`: every due row the filter keeps, e.g. the rest of a
 *   burst group).
 * @param columns further columns of the table to return (quoted identifiers are built here; pass plain names).
 * @param filter a further condition on the rows (e.g. one recipient's or one endpoint's burst rows); all due rows when
 *   left out.
 * @returns the claimed rows, oldest due first.
 */
export async function claimDue<T extends ClaimedRow>(
  db: Db,
  table: OutboxTable,
  now: Date,
  take: number,
  claimTimeoutMs: number,
  columns: readonly string[],
  filter?: Prisma.Sql,
): Promise<T[]>;
export async function claimDue<T extends ClaimedJobRow>(
  db: Db,
  table: JobTable,
  now: Date,
  take: number,
  claimTimeoutMs: number,
  columns: readonly string[],
  filter?: Prisma.Sql,
): Promise<T[]>;
export async function claimDue<T extends ClaimedJobRow>(
  db: Db,
  table: OutboxTable | JobTable,
  now: Date,
  take: number,
  claimTimeoutMs: number,
  columns: readonly string[],
  filter: Prisma.Sql = Prisma.sql`TRUE`,
): Promise<T[]> {
  const stale = new Date(now.getTime() - claimTimeoutMs);
  const t = Prisma.raw(`"${table}"`);
  const extra = Prisma.raw(columns.map((c) => `, d."${c.replace(/"/g, '')}"`).join(''));
  const limit = Number.isFinite(take) ? Prisma.sql`LIMIT ${take}` : Prisma.empty;
  const tenant = table === 'MatchJob' ? Prisma.empty : Prisma.raw(', d."tenantId"');
  const rows = await crossTenant(
    'the delivery workers serve every tenant',
    () =>
      db.$queryRaw<T[]>`
      UPDATE ${t} AS d
      SET "status" = 'SENDING', "claimedAt" = ${now}::timestamptz, "attempts" = d."attempts" + 1,
          "updatedAt" = ${now}::timestamptz
      FROM (
        SELECT "id" FROM ${t}
        WHERE ${filter} AND "status" IN ('PENDING', 'SENDING')
          AND (("status" = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamptz)
            OR ("status" = 'SENDING' AND "claimedAt" < ${stale}::timestamptz))
        ORDER BY "nextAttemptAt"
        ${limit}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE d."id" = due."id"
      RETURNING d."id"${tenant}, d."payload", d."attempts", d."nextAttemptAt"${extra}`,
  );
  return rows.sort((a, b) => new Date(a.nextAttemptAt).getTime() - new Date(b.nextAttemptAt).getTime());
}

/**
 * Delay in ms before attempt `attempts + 1`: `baseMs` doubling per attempt, at most `capMs`, with ±20 % jitter so that
 * a fleet of retries does not hit a recovering receiver at once. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, random: number, baseMs: number, capMs: number): number {
  const base = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), capMs);
  return Math.round(base * (0.8 + 0.4 * random));
}

/**
 * One drain at a time per worker, with kicks coalesced: `run()` starts the drain or joins the one running; `kick()`
 * asks for one more drain after the running one (errors go to `onError`; rows stay in the outbox). Each started run is
 * handed to `track` (shutdown waits for it).
 */
export class CoalescedDrain<R> {
  private running: Promise<R> | null = null;
  private again = false;

  constructor(
    private readonly loop: () => Promise<R>,
    private readonly onError: (error: Error) => void,
    private readonly track?: (run: Promise<R>) => void,
  ) {}

  /** Starts a drain, or returns the one running. */
  run(): Promise<R> {
    if (this.running === null) {
      this.running = this.loop().finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
      this.track?.(this.running);
    }
    return this.running;
  }

  /** Asks for a drain soon (after the current one, if any). */
  kick(): void {
    if (this.running !== null) {
      this.again = true;
      return;
    }
    void this.run().catch((error: unknown) => this.onError(error as Error));
  }

  /** Resolves when no drain runs (a failed one counts as ended). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}

/**
 * Group commit: callers `add` an item and wait until it is written; items added while a write runs are written
 * together by the next one (one statement for all of them). The first item after a quiet spell is written at once;
 * while writes follow each other, a write waits up to `lingerMs` for more items (unless `fullGroup` are already
 * waiting), so a busy writer issues fewer, larger statements: no item waits longer than one write in flight plus
 * `lingerMs` (the delivery worker's lanes each still wait for their row's SENT before sending another: at most one
 * sent, unrecorded row per lane, as with one statement a row). A failed write rejects the promises of its items only.
 */
export class GroupCommit<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  /**
   * @param write - writes a group of items (at least one) in one go.
   * @param options - `lingerMs` (default 0: none): how long a write that follows another waits for more items;
   *   `fullGroup` (default 1): how many waiting items make it go at once.
   */
  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: { lingerMs?: number; fullGroup?: number } = {},
  ) {}

  /** Resolves once `item` is written (rejects with the write's error). */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    const { lingerMs = 0, fullGroup = 1 } = this.options;
    try {
      for (let first = true; this.pending.length; first = false) {
        if (!first && lingerMs > 0 && this.pending.length < fullGroup)
          await new Promise((resolve) => setTimeout(resolve, lingerMs));
        const group = this.pending;
        this.pending = [];
        try {
          await this.write(group.map((p) => p.item));
          for (const p of group) p.resolve();
        } catch (error) {
          for (const p of group) p.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

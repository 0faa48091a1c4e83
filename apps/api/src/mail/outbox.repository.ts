import { Injectable } from '@nestjs/common';
import type { DeliveryStatus } from '@lodestone/shared-types';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../database/prisma.service.js';
import { crossTenant } from '../database/tenant-scope.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { claimDue } from '../outbox/outbox.js';
import { EmailQueueWriter, type WrittenEmailRow } from './email-queue.js';

/** The email outbox's own columns a claim returns (beside those of every outbox, outbox/outbox.ts). */
const EMAIL_COLUMNS = ['userId', 'template', 'templateVersion', 'recipient', 'messageId'] as const;

/** Default time a claimed SENDING row has to finish before another worker may take it over (OUTBOX_CLAIM_TIMEOUT_SECONDS). */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/** A row claimed by {@link OutboxRepository.claimDue}: what sending it needs (`attempts` includes this one). */
export interface ClaimedDelivery {
  id: string;
  tenantId: string;
  userId: string | null;
  template: string;
  /** Version of the template's props the payload was written at (see storedProps in packages/email-templates). */
  templateVersion: number;
  /** Template props (JSON). */
  payload: unknown;
  recipient: string;
  messageId: string;
  attempts: number;
  nextAttemptAt: Date;
}

/** The outbox table (EmailDelivery), as the delivery worker sees it: all tenants' rows, by design. */
@Injectable()
export class OutboxRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
    private readonly emailQueue: EmailQueueWriter,
  ) {}

  /**
   * With DELIVERY_QUEUE=pgboss: claims the rows of a batch of `deliver-email` jobs by id, in one statement: PENDING rows,
   * and SENDING rows whose claim is older than `claimTimeoutMs` (the job's previous worker died), become SENDING with
   * `claimedAt = now` and one more attempt. The queue schedules the jobs, so a row is claimed whatever its
   * `nextAttemptAt`, except a PENDING row attempted more often than its job ran before (`runs`: another job's message
   * failed with it and waits for its retry): that one, with its message, only once due (`nextAttemptAt <= now`), so
   * that the other rows' jobs do not resend a refused message before its backoff.
   * A row of a burst message (alert rows of one recipient sharing the oldest row's Message-ID, set when the message was
   * first planned) is claimed with every other claimable row of that message, whatever their jobs: a message is resent
   * whole, by whichever job of its rows runs first, never split into several messages under one Message-ID. The
   * candidate rows are locked in id order (`FOR UPDATE`, not SKIP LOCKED) and checked again once locked, so two
   * workers claiming rows of one message at once do not share it: the first takes all of them, the second none.
   * @param runs row id -> how many times its job ran before (pg-boss `retryCount`); rows left out are claimed
   *   whatever their due time.
   * @returns `claimed` (attempts include this claim, oldest due first; may include rows not in `ids`: the other rows of
   *   their messages), `busy`: ids of rows SENDING under a fresh claim (another worker is sending them, e.g. in a
   *   burst message; their jobs must be retried later), and `waiting`: ids of PENDING rows not claimed because their
   *   message's retry is not due (their jobs must be retried later). Ids in none are SENT, FAILED or gone: their jobs
   *   have nothing to do.
   */
  async claimQueued(
    ids: readonly string[],
    now: Date,
    claimTimeoutMs = CLAIM_TIMEOUT_MS,
    runs: ReadonlyMap<string, number> = new Map(),
  ): Promise<{ claimed: ClaimedDelivery[]; busy: string[]; waiting: string[] }> {
    if (!ids.length) return { claimed: [], busy: [], waiting: [] };
    const stale = new Date(now.getTime() - claimTimeoutMs);
    const asked = [...new Set(ids)];
    const ran = asked.map((id) => runs.get(id) ?? 2_147_483_647);
    const extra = Prisma.raw(EMAIL_COLUMNS.map((c) => `, d."${c}"`).join(''));
    const claimed = await crossTenant(
      'the delivery queue serves every tenant',
      () =>
        this.prisma.db.$queryRaw<ClaimedDelivery[]>`
        WITH asked AS (
          SELECT e."id", e."userId", e."messageId"
          FROM "EmailDelivery" AS e JOIN unnest(${asked}::uuid[], ${ran}::int[]) AS j(id, runs) ON j.id = e."id"
          -- Not a row waiting for the retry of a message another job sent (see runs).
          WHERE NOT (e."status" = 'PENDING' AND e."attempts" > j.runs AND e."nextAttemptAt" > ${now}::timestamptz)
        ), claim AS (
          SELECT c."id" FROM "EmailDelivery" AS c
          WHERE c."id" IN (
              SELECT "id" FROM asked
              UNION
              -- The other unfinished rows of the asked rows' burst messages (EmailDelivery_burst_open_idx by user).
              SELECT m."id" FROM "EmailDelivery" AS m
              WHERE m."template" = 'alert' AND m."status" IN ('PENDING', 'SENDING')
                AND m."userId" IN (SELECT "userId" FROM asked WHERE "userId" IS NOT NULL)
                AND m."messageId" IN (SELECT "messageId" FROM asked)
            )
            AND (c."status" = 'PENDING' OR (c."status" = 'SENDING' AND c."claimedAt" < ${stale}::timestamptz))
          ORDER BY c."id"
          FOR UPDATE
        )
        UPDATE "EmailDelivery" AS d
        SET "status" = 'SENDING', "claimedAt" = ${now}::timestamptz, "attempts" = d."attempts" + 1,
            "updatedAt" = ${now}::timestamptz
        FROM claim
        WHERE d."id" = claim."id"
        RETURNING d."id", d."tenantId", d."payload", d."attempts", d."nextAttemptAt"${extra}`,
    );
    claimed.sort((x, y) => new Date(x.nextAttemptAt).getTime() - new Date(y.nextAttemptAt).getTime());
    const got = new Set(claimed.map((r) => r.id));
    if (asked.every((id) => got.has(id))) return { claimed, busy: [], waiting: [] };
    const left = await crossTenant('the delivery queue serves every tenant', () =>
      this.prisma.db.emailDelivery.findMany({
        where: { id: { in: asked.filter((id) => !got.has(id)) }, status: { in: ['SENDING', 'PENDING'] } },
        select: { id: true, status: true },
      }),
    );
    return {
      claimed,
      busy: left.filter((r) => r.status === 'SENDING').map((r) => r.id),
      waiting: left.filter((r) => r.status === 'PENDING').map((r) => r.id),
    };
  }

  /**
   * With DELIVERY_QUEUE=pgboss: gives every unfinished row (PENDING or SENDING) a `deliver-email` job due at its
   * `nextAttemptAt` (rows written before the setting was turned on, or by an older version); rows that have a job
   * with their id are skipped. One transaction per 5,000 rows. Run when the queue's workers start.
   * @returns the rows offered to the queue.
   */
  async enqueueUnfinished(): Promise<number> {
    if (!this.emailQueue.queued) return 0;
    let offered = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows = await crossTenant('the delivery queue serves every tenant', () =>
        this.prisma.db.emailDelivery.findMany({
          where: { status: { in: ['PENDING', 'SENDING'] }, id: { gt: after } },
          orderBy: { id: 'asc' },
          take: 5_000,
          select: { id: true, tenantId: true, nextAttemptAt: true },
        }),
      );
      if (!rows.length) return offered;
      await this.transactions.run((tx) => this.emailQueue.enqueue(tx, rows), {
        label: 'OutboxRepository.enqueueUnfinished',
      });
      offered += rows.length;
      after = rows[rows.length - 1]!.id;
    }
  }

  /**
   * With DELIVERY_QUEUE=pgboss, {@link hold} for rows taken from the queue: gives the claimed rows back until `until`
   * and, in the same transaction, gives each a follow-up `deliver-email` job starting then (the job that claimed them
   * completes).
   */
  async holdQueued(rows: readonly { id: string; tenantId: string }[], until: Date): Promise<void> {
    if (!rows.length) return;
    await this.transactions.run(
      async (tx) => {
        await tx.emailDelivery.updateMany({
          where: { id: { in: rows.map((r) => r.id) }, tenantId: rows[0]!.tenantId }, // one recipient's rows
          data: { status: 'PENDING', nextAttemptAt: until, claimedAt: null, attempts: { decrement: 1 } },
        });
        const written: WrittenEmailRow[] = rows.map((r) => ({ id: r.id, tenantId: r.tenantId, nextAttemptAt: until }));
        await this.emailQueue.enqueue(tx, written, { followUp: true });
      },
      { label: 'OutboxRepository.holdQueued' },
    );
  }

  /**
   * The queue as metrics see it: rows waiting (PENDING or SENDING, every tenant) and the age in seconds of the oldest
   * PENDING row already due (0 when none).
   */
  depth(now: Date): Promise<{ waiting: number; oldestDueAgeSeconds: number }> {
    return crossTenant('queue metrics count every tenant', async () => {
      const [waiting, oldest] = await Promise.all([
        this.prisma.db.emailDelivery.count({ where: { status: { in: ['PENDING', 'SENDING'] } } }),
        this.prisma.db.emailDelivery.findFirst({
          where: { status: 'PENDING', nextAttemptAt: { lte: now } },
          orderBy: { nextAttemptAt: 'asc' },
          select: { nextAttemptAt: true },
        }),
      ]);
      const age = oldest ? Math.max(0, (now.getTime() - oldest.nextAttemptAt.getTime()) / 1000) : 0;
      return { waiting, oldestDueAgeSeconds: age };
    });
  }

  /**
   * Rows due at `now`: PENDING with nextAttemptAt <= now, or SENDING whose claim is older than `claimTimeoutMs` (ms).
   * Served by the partial index on unfinished rows (EmailDelivery_due_idx), so SENT and FAILED rows do not slow it.
   */
  due(now: Date, take: number, claimTimeoutMs = CLAIM_TIMEOUT_MS) {
    return crossTenant('the delivery worker serves every tenant', () =>
      this.prisma.db.emailDelivery.findMany({
        where: {
          status: { in: ['PENDING', 'SENDING'] },
          OR: [
            { status: 'PENDING', nextAttemptAt: { lte: now } },
            { status: 'SENDING', claimedAt: { lt: new Date(now.getTime() - claimTimeoutMs) } },
          ],
        },
        orderBy: { nextAttemptAt: 'asc' },
        take,
        select: { id: true, tenantId: true, updatedAt: true, status: true },
      }),
    );
  }

  /**
   * Claims up to `take` due rows (see {@link due}) for this worker in one statement: `UPDATE … FROM (SELECT … FOR
   * UPDATE SKIP LOCKED)` sets them SENDING with `claimedAt = now` and one more attempt. Rows another transaction is
   * claiming are skipped, and a claimed row is no longer due until its claim times out, so two workers (processes or
   * machines) never get the same row; a worker killed after claiming leaves SENDING rows retried after the timeout.
   * @returns the claimed rows, oldest due first.
   */
  claimDue(now: Date, take: number, claimTimeoutMs = CLAIM_TIMEOUT_MS): Promise<ClaimedDelivery[]> {
    // The claim shared by every channel's outbox (outbox/outbox.ts).
    return claimDue<ClaimedDelivery>(this.prisma.db, 'EmailDelivery', now, take, claimTimeoutMs, EMAIL_COLUMNS);
  }

  /**
   * Claims one row read by {@link due} (optimistic: only if nobody changed it since it was read). Returns the row, or
   * null when another worker won. Prefer {@link claimDue}, which claims a batch in one statement.
   */
  async claim(row: { id: string; tenantId: string; updatedAt: Date; status: DeliveryStatus }, now: Date) {
    const { count } = await this.prisma.db.emailDelivery.updateMany({
      where: { id: row.id, tenantId: row.tenantId, updatedAt: row.updatedAt, status: row.status as never },
      data: { status: 'SENDING', claimedAt: now, attempts: { increment: 1 } },
    });
    if (count === 0) return null;
    return this.prisma.db.emailDelivery.findFirst({ where: { id: row.id, tenantId: row.tenantId } });
  }

  /**
   * Records a sent row (SENT, the transport's reply, the rendered subject). `updateMany`, not `update`: the worker
   * needs no row back, and returning it would read the payload again for every email.
   */
  async markSent(id: string, tenantId: string, providerMessageId: string, subject: string, now: Date): Promise<void> {
    await this.prisma.db.emailDelivery.updateMany({
      where: { id, tenantId },
      data: { status: 'SENT', providerMessageId, subject, sentAt: now, lastError: null, claimedAt: null },
    });
  }

  /**
   * Records several sent messages in one statement: for each, its rows (one, or a burst message's) become SENT with
   * the transport's reply and the rendered subject, as {@link markSent} does one at a time (`UPDATE … FROM unnest(…)`,
   * each row matched by id and tenant). The delivery worker writes the messages its lanes finished meanwhile
   * (`GroupCommit`, outbox/outbox.ts).
   */
  async markSentBatch(
    messages: readonly { ids: readonly string[]; tenantId: string; providerMessageId: string; subject: string }[],
    now: Date,
  ): Promise<void> {
    const ids: string[] = [];
    const tenants: string[] = [];
    const replies: string[] = [];
    const subjects: string[] = [];
    for (const m of messages)
      for (const id of m.ids) {
        ids.push(id);
        tenants.push(m.tenantId);
        replies.push(m.providerMessageId);
        subjects.push(m.subject);
      }
    if (!ids.length) return;
    await crossTenant(
      'sent rows of every tenant are recorded together',
      () =>
        this.prisma.db.$executeRaw`
        UPDATE "EmailDelivery" AS d
        SET "status" = 'SENT', "providerMessageId" = u.reply, "subject" = u.subject, "sentAt" = ${now}::timestamptz,
            "lastError" = NULL, "claimedAt" = NULL, "updatedAt" = ${now}::timestamptz
        FROM unnest(${ids}::uuid[], ${tenants}::uuid[], ${replies}::text[], ${subjects}::text[])
          AS u(id, "tenantId", reply, subject)
        WHERE d."id" = u.id AND d."tenantId" = u."tenantId"`,
    );
  }

  /**
   * When the last groupable immediate email (template `alert`, not CRITICAL; alone or in a burst message) went to each
   * of `userIds` after `since` (users without one are absent). One statement for a batch's recipients, served by the
   * partial index EmailDelivery_burst_sent_idx. The worker holds further alerts of such a recipient until that time
   * plus the burst window.
   */
  async lastBurstSentAt(userIds: readonly string[], since: Date): Promise<Map<string, Date>> {
    if (!userIds.length) return new Map();
    const users = Prisma.join(userIds.map((u) => Prisma.sql`${u}::uuid`));
    const rows = await crossTenant(
      'the delivery worker serves every tenant',
      () =>
        this.prisma.db.$queryRaw<{ userId: string; at: Date }[]>`
        SELECT "userId", max("sentAt") AS at FROM "EmailDelivery"
        WHERE "userId" IN (${users}) AND "template" = 'alert' AND "status" = 'SENT'
          AND "sentAt" > ${since}::timestamptz AND coalesce("payload"->>'severity', '') <> 'CRITICAL'
        GROUP BY "userId"`,
    );
    return new Map(rows.map((r) => [r.userId, new Date(r.at)]));
  }

  /**
   * Claims, like {@link claimDue}, the due rows that may join a burst message: template `alert`, not CRITICAL, and
   * either never attempted and of one of `member.userIds` (new groups are being formed for these recipients) or of the
   * group `member.messageId` (a group sent before, resent as it was). SKIP LOCKED: rows another worker is claiming are
   * left to it. Served by the partial index EmailDelivery_burst_open_idx (or the Message-ID's few rows).
   * @returns the claimed rows (attempts include this claim), oldest due first.
   */
  claimBurst(
    now: Date,
    claimTimeoutMs: number,
    member: { userIds: readonly string[] } | { messageId: string },
  ): Promise<ClaimedDelivery[]> {
    if ('userIds' in member && !member.userIds.length) return Promise.resolve([]);
    const which =
      'messageId' in member
        ? Prisma.sql`"messageId" = ${member.messageId}`
        : Prisma.sql`"userId" IN (${Prisma.join(member.userIds.map((u) => Prisma.sql`${u}::uuid`))}) AND "attempts" = 0`;
    return claimDue<ClaimedDelivery>(
      this.prisma.db,
      'EmailDelivery',
      now,
      Number.POSITIVE_INFINITY,
      claimTimeoutMs,
      EMAIL_COLUMNS,
      Prisma.sql`${which} AND "template" = 'alert' AND coalesce("payload"->>'severity', '') <> 'CRITICAL'`,
    );
  }

  /**
   * Gives claimed rows back without using an attempt: PENDING again until `until` (the end of their recipient's burst
   * window), `attempts` one lower (the claim counted one).
   */
  async hold(ids: readonly string[], tenantId: string, until: Date): Promise<void> {
    await this.prisma.db.emailDelivery.updateMany({
      where: { id: { in: [...ids] }, tenantId },
      data: { status: 'PENDING', nextAttemptAt: until, claimedAt: null, attempts: { decrement: 1 } },
    });
  }

  /**
   * Makes claimed rows one burst message: each takes `messageId` (the oldest row's), so that a resend after a crash
   * finds the same group under the same Message-ID (see DeliveryWorker).
   */
  async joinBurst(ids: readonly string[], tenantId: string, messageId: string): Promise<void> {
    await this.prisma.db.emailDelivery.updateMany({ where: { id: { in: [...ids] }, tenantId }, data: { messageId } });
  }

  /** Puts a row back to PENDING until `nextAttemptAt`, with the error of the failed attempt. */
  async markRetry(id: string, tenantId: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.prisma.db.emailDelivery.updateMany({
      where: { id, tenantId },
      data: { status: 'PENDING', lastError: error, nextAttemptAt, claimedAt: null },
    });
  }

  /** Marks a row FAILED for good (permanent error or attempts exhausted). */
  async markFailed(id: string, tenantId: string, error: string): Promise<void> {
    await this.prisma.db.emailDelivery.updateMany({
      where: { id, tenantId },
      data: { status: 'FAILED', lastError: error, claimedAt: null },
    });
  }
}

/** One outbox row as the API shows it (no payload). */
export type DeliveryView = {
  id: string;
  recipient: string;
  template: string;
  status: 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';
  attempts: number;
  lastError: string | null;
  messageId: string;
  subject: string | null;
  alertId: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  createdAt: Date;
};

/** A tenant's outbox rows, for operators and the API. Tenant-scoped. */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Rows of `tenantId` with `status` (all when omitted), newest first. */
  list(tenantId: string, status?: DeliveryView['status'], take = 100): Promise<DeliveryView[]> {
    return this.prisma.db.emailDelivery.findMany({
      where: { tenantId, ...(status ? { status } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      select: {
        id: true,
        recipient: true,
        template: true,
        status: true,
        attempts: true,
        lastError: true,
        messageId: true,
        subject: true,
        alertId: true,
        nextAttemptAt: true,
        sentAt: true,
        createdAt: true,
      },
    });
  }
}

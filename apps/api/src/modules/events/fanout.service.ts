import { TransactionRunner } from '../../database/transaction-runner.js';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import type { EventSummary, Severity } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import { Lifecycle } from '../../common/lifecycle.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { uuid7 } from '../../database/uuid7.js';
import { Prisma } from '../../generated/prisma/client.js';
import { inShard, type ShardKey } from '../../matching/shard.js';
import { CoalescedDrain, retryDelayMs } from '../../outbox/outbox.js';
import { NotificationsService, type ReversalForTenant } from '../notifications/notifications.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { PartsImpactService } from '../parts/parts-impact.service.js';
import { FANOUT_QUEUE, type FanoutQueue } from './fanout-queue.js';

/** Alerts expanded per chunk: one transaction writing their emails (3 outbox INSERTs at 3 buyers) and the cursor. */
export const FANOUT_CHUNK_ALERTS = 1000;

/** A fan-out job claimed by a worker. */
interface ClaimedJob {
  id: string;
  eventType: string;
  eventId: string;
  summary: EventSummary;
  reversals: Record<string, ReversalForTenant>;
  cursor: string | null;
  /** The shard key: the job expands the alerts of the tenants in this shard (0 of 1: every alert). */
  shard: number;
  shards: number;
  attempts: number;
  /** This claim's time: every write of the worker checks it still holds the job. */
  claimedAt: Date;
}

/**
 * How far one event's fan-out got (GET /v1/fanouts/:id): the job row's counters, the event's alerts, and its outbox
 * rows by status. Instants are `Date`s (the API writes them as ISO-8601 UTC).
 */
export interface FanoutProgress {
  id: string;
  eventType: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  eventId: string;
  /**
   * queued: waiting for its first claim; running: a worker expands it now; done: every alert expanded; failed: the
   * last attempt failed (`lastError`), retried at `nextAttemptAt` with backoff (so it may run again).
   */
  status: FanoutJobStatus;
  /** Alerts the event raised (one per matched tenant). */
  alertsTotal: number;
  /** Alerts whose email and channel rows are written so far (those up to the job's cursor). */
  alertsExpanded: number;
  /** Email rows the job wrote (one per recipient; rows that existed already are not counted). */
  emailsQueued: number;
  /** Webhook, Slack and Teams rows of the event's alerts. */
  channelDeliveriesQueued: number;
  /** Expanded alerts whose tenant's parts impact was computed (tenants with parts only). */
  partsImpacts: number;
  /** Claims so far, the running one included. */
  attempts: number;
  lastError: string | null;
  /** When the job is due again (a retry after a failure; a queued job's first claim). Null once done. */
  nextAttemptAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The job's emails by status so far: sent, failed (permanently), pending (waiting, retrying or being sent). */
  emails: { sent: number; failed: number; pending: number };
}

/** The status a fan-out job shows in the API. */
export type FanoutJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** The API path of a fan-out job's progress. */
export const fanoutHref = (id: string): string => `/v1/fanouts/${id}`;

/** The API status of a job row: a PENDING job whose last attempt failed shows `failed` until its retry runs. */
export function fanoutApiStatus(job: {
  status: 'PENDING' | 'RUNNING' | 'DONE';
  lastError: string | null;
}): FanoutJobStatus {
  if (job.status === 'DONE') return 'done';
  if (job.status === 'RUNNING') return 'running';
  return job.lastError ? 'failed' : 'queued';
}

/** Thrown when another worker took a job over (its claim timed out): the chunk is rolled back, that worker goes on. */
class LostClaim extends Error {}

/**
 * The fan-out of events to the recipients of their alerts (issue 11, docs/fanout.md), after the ingestion's answer.
 *
 * Ingestion stores the event, its alerts and one `FanoutJob` row in one transaction ({@link createJob}: a
 * transactional outbox of one row per event) and answers. A worker then claims the job (`FOR UPDATE SKIP LOCKED`,
 * as outbox rows are) and expands it {@link FANOUT_CHUNK_ALERTS} alerts at a time, in alert id order: per chunk the
 * parts impact of each alerted tenant that has parts (issue 15, {@link PartsImpactService.forEvent}), then, in one
 * transaction, the chunk's email and channel rows ({@link NotificationsService.enqueueAlertEmails}: preferences, quiet
 * hours, reversal updates) and the job's `cursor` (the chunk's last alert id). Exactly once: every row has a dedupe
 * key (`alert:<alert>:user:<user>`) written with `ON CONFLICT DO NOTHING`, so a chunk done twice (a worker killed
 * after its commit, before the next) writes nothing new and the first row keeps its Message-ID; a killed worker's job
 * is taken over after the outbox claim timeout (OUTBOX_CLAIM_TIMEOUT_SECONDS) from its cursor. After each chunk the
 * delivery workers are told (they send while later chunks are expanded).
 *
 * An event alerting at most FANOUT_INLINE_MAX_ALERTS tenants is expanded by the ingesting process itself right after
 * the commit, before the answer ({@link runJob}), so its `emailsQueued` is exact; its job is not due for other workers
 * until the claim timeout, unless that process dies first.
 *
 * With DELIVERY_QUEUE=pgboss the rows are scheduled by the job queue instead ({@link FanoutQueue}, queue `fanout`):
 * {@link createJob} also enqueues a job `{ fanoutJobId, eventId, shard }` (job id = row id) in the ingestion
 * transaction, due when the row is; the queue's workers ({@link startQueueWorkers}) expand the row by id
 * ({@link runQueued}: the same claim, cursor and chunks) and pg-boss retries a failed expansion with backoff and a dead
 * worker's job after the claim timeout. {@link kick} (the outbox tick) then claims nothing; {@link drain} (an explicit
 * call: the ingest CLI) works the queue's due jobs in the caller, then expands any due row left in the table.
 */
@Injectable()
export class FanoutService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FanoutService.name);
  private readonly listeners: (() => void)[] = [];
  private readonly drains = new CoalescedDrain<number>(
    () => this.drainLoop(),
    (error) => this.logger.error(`fan-out drain failed: ${error.message}`),
    (run) => this.lifecycle?.track(run),
  );

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationsService,
    private readonly partsImpact: PartsImpactService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Shutdown waits for a running drain (absent when built by hand). */
    @Optional() private readonly lifecycle?: Lifecycle,
    /** The pending-jobs gauges read {@link backlog} (absent when built by hand). */
    @Optional() metrics?: MetricsService,
    /** The job queue of fan-out jobs (DELIVERY_QUEUE=pgboss); null or absent: the table's rows are claimed. */
    @Optional() @Inject(FANOUT_QUEUE) private readonly queue: FanoutQueue | null = null,
  ) {
    metrics?.setFanoutProbe(this);
  }

  /** Nest: with the schedules on and DELIVERY_QUEUE=pgboss, this process works the fan-out queue. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.schedulesEnabled) await this.startQueueWorkers();
  }

  /**
   * With DELIVERY_QUEUE=pgboss: gives every unfinished `FanoutJob` row a queue job (rows written before the switch;
   * rows that have one are skipped), then starts this process's worker of the `fanout` queue.
   * @returns false (and does nothing) when fan-out jobs are claimed from their table.
   */
  async startQueueWorkers(): Promise<boolean> {
    const queue = this.queue;
    if (!queue) return false;
    const open = await this.prisma.db.fanoutJob.findMany({
      where: { status: { in: ['PENDING', 'RUNNING'] } },
      select: { id: true, eventId: true, shard: true, nextAttemptAt: true },
    });
    if (open.length)
      await this.transactions.run((tx) =>
        queue.enqueue(
          tx,
          open.map((j) => ({ fanoutJobId: j.id, eventId: j.eventId, shard: j.shard, runAt: j.nextAttemptAt })),
        ),
      );
    await queue.work(async (data) => void (await this.runQueued(data.fanoutJobId)));
    return true;
  }

  /**
   * The fan-out queue's handler: expands the row `id` (whether due or not) unless another worker holds it.
   * @returns how many emails were written (0 when the row was done already or is missing).
   * @throws Error when the row is not DONE afterwards (its expansion failed: `lastError`; or a live worker holds it),
   *   so that the queue retries the job; a missing row is a no-op.
   */
  async runQueued(id: string): Promise<number> {
    const job = await this.claim(id);
    const written = job ? await this.expand(job) : 0;
    const row = await this.prisma.db.fanoutJob.findUnique({ where: { id }, select: { status: true, lastError: true } });
    if (!row || row.status === 'DONE') return written;
    throw new Error(
      row.status === 'RUNNING' ? `fan-out job ${id} is held by another worker` : (row.lastError ?? 'fan-out failed'),
    );
  }

  /** Registers `fn`, called after each committed chunk that wrote outbox rows (to kick the delivery workers). */
  onRowsWritten(fn: () => void): void {
    this.listeners.push(fn);
  }

  /**
   * Writes the fan-out job of a new event in the ingestion transaction `tx`.
   * @param inline true when the ingesting process expands it right after the commit ({@link runJob}): the job is then
   *   due for other workers only after the claim timeout (they take it over if that process dies before).
   * @returns the job's id (UUIDv7).
   */
  async createJob(
    tx: Tx,
    job: {
      eventType: 'POLICY_CHANGE' | 'PERMIT_EVENT';
      eventId: string;
      summary: EventSummary;
      reversals: ReadonlyMap<string, ReversalForTenant>;
      inline: boolean;
      /** The shard whose alerts the job expands (sharded matching writes one job per shard and event). */
      shard: ShardKey;
    },
  ): Promise<string> {
    const id = uuid7();
    const now = this.clock.now();
    const nextAttemptAt = job.inline ? new Date(now.getTime() + this.config.outbox.claimTimeoutMs) : now;
    await tx.fanoutJob.createMany({
      data: [
        {
          id,
          eventType: job.eventType,
          eventId: job.eventId,
          summary: job.summary as never,
          reversals: Object.fromEntries(job.reversals) as never,
          shard: job.shard.shard,
          shards: job.shard.shards,
          nextAttemptAt,
        },
      ],
    });
    await this.queue?.enqueue(tx, [
      { fanoutJobId: id, eventId: job.eventId, shard: job.shard.shard, runAt: nextAttemptAt },
    ]);
    return id;
  }

  /**
   * Asks for a drain soon (after the current one, if any). Errors are logged; jobs stay in the table. Does nothing
   * with DELIVERY_QUEUE=pgboss (the queue's workers are woken by the enqueue).
   */
  kick(): void {
    if (this.queue) return;
    this.drains.kick();
  }

  /**
   * Expands every due job, one after the other, until none is due. Concurrent calls share one run. With
   * DELIVERY_QUEUE=pgboss the due jobs of the `fanout` queue are worked here first ({@link FanoutQueue.runDue}).
   * @returns how many emails were written.
   */
  drain(): Promise<number> {
    return this.drains.run();
  }

  /**
   * Expands the job `id` now, whether due or not (the ingesting process, for a small event), unless another worker
   * holds it. A failure is logged and the job retried later by a worker, so the caller's answer stands.
   * @returns how many emails were written (0 when another worker holds the job or the expansion failed).
   */
  async runJob(id: string): Promise<number> {
    const job = await this.claim(id);
    return job ? this.expand(job) : 0;
  }

  /**
   * The progress of the job `id` (see {@link FanoutProgress}), or null when no job has that id. Four short statements:
   * the job row by primary key, the event's alerts (all, and those up to the cursor) counted by its event index, and
   * its email and channel rows counted through the alerts (EmailDelivery_fanout_idx, ChannelDelivery_alertId_idx):
   * the cost grows with the event's alerts, not with the outbox.
   */
  progress(id: string): Promise<FanoutProgress | null> {
    return this.progressWhere({ id });
  }

  /**
   * The progress of the fan-out job of the event `eventId` (policy change or permit event); null when it has none.
   * With matching sharded (MATCH_SHARDS > 1) an event has a job per shard: this is shard 0's, and the alert and email
   * counts are the event's, every shard together (read each job by its id for its own status).
   */
  progressOfEvent(eventId: string): Promise<FanoutProgress | null> {
    return this.progressWhere({ eventId });
  }

  /** `{ id, status, href }` of the job `id` as it stands now (the ingestion's answer); null when it does not exist. */
  async reference(id: string): Promise<{ id: string; status: FanoutJobStatus; href: string } | null> {
    const job = await this.prisma.db.fanoutJob.findUnique({
      where: { id },
      select: { status: true, lastError: true },
    });
    return job ? { id, status: fanoutApiStatus(job), href: fanoutHref(id) } : null;
  }

  /** {@link reference} of the fan-out job of the event `eventId`; null when it has none. */
  async referenceOfEvent(eventId: string): Promise<{ id: string; status: FanoutJobStatus; href: string } | null> {
    // Unsharded, the event has one job (shard 0); sharded (MATCH_SHARDS > 1), one per shard: shard 0's is answered.
    const job = await this.prisma.db.fanoutJob.findFirst({
      where: { eventId },
      orderBy: { shard: 'asc' },
      select: { id: true, status: true, lastError: true },
    });
    return job ? { id: job.id, status: fanoutApiStatus(job), href: fanoutHref(job.id) } : null;
  }

  /**
   * Jobs not done yet (PENDING or RUNNING; served by the (status, nextAttemptAt) index) and the age in seconds of the
   * oldest, by creation, at `now` (0 when none): the pending-jobs gauges.
   */
  async backlog(now: Date): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const [row] = await this.prisma.db.$queryRaw<{ pending: number; oldest: Date | null }[]>`
      SELECT count(*)::int AS pending, min("createdAt") AS oldest FROM "FanoutJob"
      WHERE "status" IN ('PENDING', 'RUNNING')`;
    const oldest = row?.oldest ? new Date(row.oldest) : null;
    return {
      pending: row?.pending ?? 0,
      oldestAgeSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    };
  }

  private async progressWhere(where: { id: string } | { eventId: string }): Promise<FanoutProgress | null> {
    // By event: shard 0's job (the only one unsharded; see referenceOfEvent).
    const job = await this.prisma.db.fanoutJob.findFirst({
      where,
      orderBy: { shard: 'asc' },
      select: {
        id: true,
        eventType: true,
        eventId: true,
        status: true,
        cursor: true,
        emailsQueued: true,
        partsImpacts: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        createdAt: true,
        startedAt: true,
        finishedAt: true,
      },
    });
    if (!job) return null;
    const column = Prisma.raw(job.eventType === 'POLICY_CHANGE' ? '"policyChangeId"' : '"permitEventId"');
    const [alerts, emails, channels] = await crossTenant('fan-out progress counts every tenant the event alerted', () =>
      Promise.all([
        // Alerts are expanded in id order: those up to the cursor have their rows.
        this.prisma.db.$queryRaw<{ total: number; expanded: number }[]>`
          SELECT count(*)::int AS total,
                 count(*) FILTER (WHERE "id" <= ${job.cursor}::uuid)::int AS expanded
          FROM "Alert" WHERE ${column} = ${job.eventId}::uuid`,
        this.prisma.db.$queryRaw<{ status: string; n: number }[]>`
          SELECT d."status"::text AS status, count(*)::int AS n
          FROM "Alert" AS a JOIN "EmailDelivery" AS d ON d."alertId" = a."id" AND d."dedupeKey" LIKE 'alert:%'
          WHERE a.${column} = ${job.eventId}::uuid
          GROUP BY d."status"`,
        this.prisma.db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n
          FROM "Alert" AS a JOIN "ChannelDelivery" AS c ON c."alertId" = a."id"
          WHERE a.${column} = ${job.eventId}::uuid`,
      ]),
    );
    const by = new Map(emails.map((r) => [r.status, r.n]));
    return {
      id: job.id,
      eventType: job.eventType as FanoutProgress['eventType'],
      eventId: job.eventId,
      status: fanoutApiStatus(job),
      alertsTotal: alerts[0]?.total ?? 0,
      alertsExpanded: alerts[0]?.expanded ?? 0,
      emailsQueued: job.emailsQueued,
      channelDeliveriesQueued: channels[0]?.n ?? 0,
      partsImpacts: job.partsImpacts,
      attempts: job.attempts,
      lastError: job.lastError,
      nextAttemptAt: job.status === 'DONE' ? null : job.nextAttemptAt,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      emails: {
        sent: by.get('SENT') ?? 0,
        failed: by.get('FAILED') ?? 0,
        pending: (by.get('PENDING') ?? 0) + (by.get('SENDING') ?? 0),
      },
    };
  }

  private async drainLoop(): Promise<number> {
    let written = 0;
    // DELIVERY_QUEUE=pgboss (only an explicit drain gets here: kick() leaves the jobs to the queue's workers): the due
    // jobs of the `fanout` queue first, then any due row the table still has.
    if (this.queue)
      await this.queue.runDue(async (data) => {
        written += await this.runQueued(data.fanoutJobId);
      });
    for (;;) {
      const job = await this.claim();
      if (!job) return written;
      written += await this.expand(job);
    }
  }

  /**
   * Claims one due job (PENDING and due, or RUNNING with a claim older than the claim timeout), or the job `id` if it
   * is PENDING or stale whenever due, in one statement; null when none.
   */
  private async claim(id?: string): Promise<ClaimedJob | null> {
    const now = this.clock.now();
    const stale = new Date(now.getTime() - this.config.outbox.claimTimeoutMs);
    const due = id
      ? Prisma.sql`"id" = ${id}::uuid AND ("status" = 'PENDING' OR ("status" = 'RUNNING' AND "claimedAt" < ${stale}::timestamptz))`
      : Prisma.sql`("status" = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamptz)
          OR ("status" = 'RUNNING' AND "claimedAt" < ${stale}::timestamptz)`;
    const rows = await this.prisma.db.$queryRaw<Omit<ClaimedJob, 'claimedAt'>[]>`
      UPDATE "FanoutJob" AS j
      SET "status" = 'RUNNING', "claimedAt" = ${now}::timestamptz, "attempts" = j."attempts" + 1,
          "startedAt" = COALESCE(j."startedAt", ${now}::timestamptz), "updatedAt" = ${now}::timestamptz
      FROM (
        SELECT "id" FROM "FanoutJob" WHERE ${due} ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE j."id" = due."id"
      RETURNING j."id", j."eventType", j."eventId", j."summary", j."reversals", j."cursor", j."attempts", j."shard",
        j."shards"`;
    const row = rows[0];
    return row ? { ...row, claimedAt: now } : null;
  }

  /** Expands a claimed job from its cursor to its end (see the class doc). */
  private async expand(job: ClaimedJob): Promise<number> {
    const started = performance.now();
    const held = { id: job.id, claimedAt: job.claimedAt, status: 'RUNNING' as const };
    let written = 0;
    try {
      const facts = await this.partsImpact.factsOf(job.eventType, job.eventId);
      const reversals = new Map(Object.entries(job.reversals ?? {}));
      const column = job.eventType === 'POLICY_CHANGE' ? 'policyChangeId' : 'permitEventId';
      let cursor = job.cursor;
      for (;;) {
        let alerts = await crossTenant('the fan-out serves every tenant the event alerted', () =>
          this.prisma.db.alert.findMany({
            where: { [column]: job.eventId, ...(cursor ? { id: { gt: cursor } } : {}) },
            orderBy: { id: 'asc' },
            take: FANOUT_CHUNK_ALERTS,
            select: { id: true, tenantId: true, severity: true, reasons: true, title: true, createdAt: true },
          }),
        );
        if (!alerts.length) break;
        // A shard's job expands its shard's alerts only (the other shards' jobs expand theirs); the cursor still
        // moves over every alert of the event.
        const last = alerts[alerts.length - 1]!.id;
        if (job.shards > 1) alerts = alerts.filter((a) => inShard(a.tenantId, job));
        // What each alert means for its tenant's parts (the email leads with it), outside the chunk's transaction.
        const impacts = facts ? await this.partsImpact.forEvent(this.prisma.db, facts, alerts) : new Map();
        const n = await this.transactions.run(async (tx) => {
          const rows = await this.notifications.enqueueAlertEmails(
            tx,
            alerts as { id: string; tenantId: string; severity: Severity; reasons: unknown }[],
            job.summary,
            reversals,
            impacts,
          );
          const { count } = await tx.fanoutJob.updateMany({
            where: held,
            data: {
              cursor: last,
              emailsQueued: { increment: rows },
              partsImpacts: { increment: impacts.size },
            },
          });
          if (!count) throw new LostClaim(`fan-out job ${job.id} was taken over by another worker`);
          return rows;
        });
        written += n;
        cursor = last;
        if (n) for (const l of this.listeners) l();
        await new Promise(setImmediate);
      }
      await this.prisma.db.fanoutJob.updateMany({
        where: held,
        data: { status: 'DONE', finishedAt: this.clock.now(), claimedAt: null, lastError: null },
      });
      this.logger.log(
        `fan-out ${job.eventType} ${job.eventId}: ${written} email(s) in ${Math.round(performance.now() - started)} ms`,
      );
    } catch (error) {
      if (error instanceof LostClaim) {
        this.logger.warn(error.message);
        return written;
      }
      const message = (error as Error).message;
      const next = new Date(
        this.clock.now().getTime() +
          retryDelayMs(job.attempts, Math.random(), this.config.outbox.retryBaseMs, 3_600_000),
      );
      await this.prisma.db.fanoutJob.updateMany({
        where: held,
        data: { status: 'PENDING', claimedAt: null, nextAttemptAt: next, lastError: message },
      });
      this.logger.error(
        `fan-out job ${job.id} failed (attempt ${job.attempts}), retry at ${next.toISOString()}: ${message}`,
      );
    }
    return written;
  }
}

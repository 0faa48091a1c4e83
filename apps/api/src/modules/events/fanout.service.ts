import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
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
import { PartsImpactService } from '../parts/parts-impact.service.js';

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
 */
@Injectable()
export class FanoutService {
  private readonly logger = new Logger(FanoutService.name);
  private readonly listeners: (() => void)[] = [];
  private readonly drains = new CoalescedDrain<number>(
    () => this.drainLoop(),
    (error) => this.logger.error(`fan-out drain failed: ${error.message}`),
    (run) => this.lifecycle?.track(run),
  );

  constructor(
    private readonly prisma: PrismaService,
    private readonly notifications: NotificationsService,
    private readonly partsImpact: PartsImpactService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Shutdown waits for a running drain (absent when built by hand). */
    @Optional() private readonly lifecycle?: Lifecycle,
  ) {}

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
          nextAttemptAt: job.inline ? new Date(now.getTime() + this.config.outbox.claimTimeoutMs) : now,
        },
      ],
    });
    return id;
  }

  /** Asks for a drain soon (after the current one, if any). Errors are logged; jobs stay in the table. */
  kick(): void {
    this.drains.kick();
  }

  /**
   * Expands every due job, one after the other, until none is due. Concurrent calls share one run.
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

  private async drainLoop(): Promise<number> {
    let written = 0;
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
          "updatedAt" = ${now}::timestamptz
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
        const n = await this.prisma.db.$transaction(async (tx) => {
          const rows = await this.notifications.enqueueAlertEmails(
            tx,
            alerts as { id: string; tenantId: string; severity: Severity; reasons: unknown }[],
            job.summary,
            reversals,
            impacts,
          );
          const { count } = await tx.fanoutJob.updateMany({
            where: held,
            data: { cursor: last, emailsQueued: { increment: rows } },
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

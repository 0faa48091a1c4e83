import { TransactionRunner } from '../../database/transaction-runner.js';
import { Inject, Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import type { EventSummary } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import { Lifecycle } from '../../common/lifecycle.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { uuid7 } from '../../database/uuid7.js';
import { Prisma } from '../../generated/prisma/client.js';
import { type ShardKey, shardOf } from '../../matching/shard.js';
import type { EventFacts } from '../../matching/types.js';
import { claimDue, CoalescedDrain, retryDelayMs } from '../../outbox/outbox.js';
import { AlertRaiser, type RaiseResult } from '../alerts/alert-raiser.js';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';
import type { MatchJobRefDto, MatchJobStatus } from './dto/match-job.dto.js';
import type { PolicyChangeDto } from './dto/policy-change.dto.js';
import { EventsRepository } from './events.repository.js';
import { type FanoutJobStatus, fanoutApiStatus, fanoutHref } from './fanout.service.js';
import { planReversal } from './reversal-plan.js';
import { TenantIndexCache } from './tenant-index.cache.js';

/** What a match job needs, computed once by the ingestion (stored as the job's `payload`). */
export interface MatchJobPayload {
  facts: EventFacts;
  summary: EventSummary;
  /** The policy change when it suspends, amends, reinstates or lifts measures (`affects`), else null. */
  reversal: PolicyChangeDto | null;
}

/** A match job claimed by this worker. */
interface ClaimedMatchJob extends ShardKey {
  id: string;
  eventType: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  eventId: string;
  payload: MatchJobPayload;
  attempts: number;
  nextAttemptAt: Date;
}

/** The API path of a match job's progress (GET /v1/match-jobs/:id). */
export const matchJobHref = (id: string): string => `/v1/match-jobs/${id}`;

/** One shard's match job as it stands (GET /v1/match-jobs/:id); instants as Dates. */
export interface MatchJobProgress extends ShardKey {
  id: string;
  eventType: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  eventId: string;
  status: MatchJobStatus;
  /** Claims by a worker so far, the running one included. */
  attempts: number;
  lastError: string | null;
  /** Alerts the job raised; null until DONE. */
  alerts: number | null;
  /** The fan-out job of this shard's alerts (same event and shard); null until the job wrote one. */
  fanout: { id: string; status: FanoutJobStatus; href: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The API status of a match job row: SENDING is the claim (RUNNING); a PENDING job whose last attempt failed, FAILED. */
function apiStatus(job: { status: 'PENDING' | 'SENDING' | 'DONE'; lastError: string | null }): MatchJobStatus {
  if (job.status === 'DONE') return 'DONE';
  if (job.status === 'SENDING') return 'RUNNING';
  return job.lastError ? 'FAILED' : 'PENDING';
}

/** Options of a match job's transaction (as ingestion's: it may build the shard's index). */
const MATCH_TRANSACTION = { timeoutMs: 60_000, maxWaitMs: 10_000, label: 'MatchJobsService.run' } as const;

/** Thrown when another worker took the job over (its claim timed out): the transaction rolls back. */
class LostClaim extends Error {}

/**
 * Sharded matching (MATCH_SHARDS = N > 1; docs/fanout.md, "Where one process ends"). The ingestion stores an event
 * with N `MatchJob` rows ({@link enqueue}, same transaction) and answers 202. A worker (every process that runs
 * schedules: the outbox tick, and a kick after an ingestion) claims the due jobs of the shards it serves
 * (WORKER_SHARDS) with the outbox's claim (`claimDue`: SKIP LOCKED, claim timeout OUTBOX_CLAIM_TIMEOUT_SECONDS,
 * backoff), matches the event against a tenant index of that shard's tenants only (a {@link TenantIndexCache} scoped
 * to `shardOf(tenantId, shards) = shard`, kept between jobs), and in one transaction raises the shard's alerts through
 * the {@link AlertRaiser} (trigger INGESTION, or REVERSAL for a policy change reversing measures: the reversal is
 * planned over the shard's tenants), whose fan-out subscriber writes the shard's `FanoutJob`, and marks the job DONE.
 *
 * Exactly once: the job's transaction commits the alerts, their fan-out job and DONE together, only while this worker
 * still holds the claim; a worker killed before that commit leaves nothing, and the job is taken over after the claim
 * timeout. A second run over alerts that exist (the raiser's `ON CONFLICT ("dedupeKey") DO NOTHING`) creates none and
 * publishes nothing, so no second fan-out job is written either.
 *
 * Jobs keep the shard count they were written with (`shards`), so changing MATCH_SHARDS never splits one event's
 * tenants two ways; a worker keeps one index per shard of MATCH_SHARDS it has served, and builds the index of a job of
 * another shard count for that job only (WORKER_SHARDS=all serves such jobs whatever their shard number).
 */
@Injectable()
export class MatchJobsService implements OnModuleDestroy {
  private readonly logger = new Logger(MatchJobsService.name);
  private readonly indexes = new Map<string, TenantIndexCache>();
  private readonly drains = new CoalescedDrain<number>(
    () => this.drainLoop(),
    (error) => this.logger.error(`match job drain failed: ${error.message}`),
    (run) => this.lifecycle?.track(run),
  );

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
    private readonly tenants: TenantsRepository,
    private readonly events: EventsRepository,
    private readonly alerts: AlertsRepository,
    private readonly raiser: AlertRaiser,
    private readonly reference: ReferenceService,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Shutdown waits for a running drain (absent when built by hand). */
    @Optional() private readonly lifecycle?: Lifecycle,
  ) {}

  /**
   * Writes one match job per shard (MATCH_SHARDS of them) for a new event, in the ingestion transaction `tx`.
   * @returns the jobs, by shard (ids UUIDv7, status PENDING).
   */
  async enqueue(
    tx: Tx,
    job: { eventType: 'POLICY_CHANGE' | 'PERMIT_EVENT'; eventId: string; payload: MatchJobPayload },
  ): Promise<MatchJobRefDto[]> {
    const shards = this.config.matching.shards;
    const now = this.clock.now();
    const payload = JSON.parse(JSON.stringify(job.payload)) as Prisma.InputJsonValue;
    const rows = Array.from({ length: shards }, (_, shard) => ({
      id: uuid7(),
      eventType: job.eventType,
      eventId: job.eventId,
      shard,
      shards,
      payload,
      nextAttemptAt: now,
    }));
    await tx.matchJob.createMany({ data: rows });
    return rows.map((r) => ({
      id: r.id,
      shard: r.shard,
      shards: r.shards,
      status: 'PENDING',
      href: matchJobHref(r.id),
    }));
  }

  /**
   * The match job `id` as it stands (see {@link MatchJobProgress}), with the fan-out job of its shard's alerts; null
   * when no job has that id. Two reads by unique key (the job; the fan-out job by `(eventId, shard)`).
   */
  async progress(id: string): Promise<MatchJobProgress | null> {
    const job = await this.prisma.db.matchJob.findUnique({
      where: { id },
      select: {
        id: true,
        eventType: true,
        eventId: true,
        shard: true,
        shards: true,
        status: true,
        attempts: true,
        lastError: true,
        alerts: true,
        createdAt: true,
        finishedAt: true,
      },
    });
    if (!job) return null;
    const fanout = await this.prisma.db.fanoutJob.findUnique({
      where: { eventId_shard: { eventId: job.eventId, shard: job.shard } },
      select: { id: true, status: true, lastError: true },
    });
    return {
      ...job,
      eventType: job.eventType as MatchJobProgress['eventType'],
      status: apiStatus(job),
      fanout: fanout ? { id: fanout.id, status: fanoutApiStatus(fanout), href: fanoutHref(fanout.id) } : null,
    };
  }

  /** Asks for a drain soon (after the current one, if any). Errors are logged; jobs stay in the table. */
  kick(): void {
    this.drains.kick();
  }

  /**
   * Runs every due job of the shards this process serves, one after the other, until none is due. Concurrent calls
   * share one run.
   * @returns how many alerts were raised.
   */
  drain(): Promise<number> {
    return this.drains.run();
  }

  /** Resolves when no drain runs and no shard index is being rebuilt (tests, shutdown). */
  async idle(): Promise<void> {
    await this.drains.idle();
    for (const index of this.indexes.values()) await index.settled();
  }

  async onModuleDestroy(): Promise<void> {
    await this.idle();
  }

  /** The shard indexes this worker holds, as `shard/shards` (tests, logs). */
  get heldIndexes(): string[] {
    return [...this.indexes.keys()];
  }

  private async drainLoop(): Promise<number> {
    let raised = 0;
    for (;;) {
      const now = this.clock.now();
      const [job] = await claimDue<ClaimedMatchJob>(
        this.prisma.db,
        'MatchJob',
        now,
        1,
        this.config.outbox.claimTimeoutMs,
        ['eventType', 'eventId', 'shard', 'shards'],
        this.served(),
      );
      if (!job) return raised;
      raised += await this.run(job, now);
    }
  }

  /** The jobs this process claims: those of its WORKER_SHARDS (any shard count), or every job ("all"). */
  private served(): Prisma.Sql {
    const shards = this.config.matching.workerShards;
    return shards ? Prisma.sql`"shard" IN (${Prisma.join(shards)})` : Prisma.sql`TRUE`;
  }

  /** The index of the tenants of shard `key` (built on first use, then kept current like ingestion's). */
  private indexOf(key: ShardKey): TenantIndexCache {
    const name = `${key.shard}/${key.shards}`;
    let index = this.indexes.get(name);
    if (!index) {
      index = new TenantIndexCache(this.tenants, this.transactions, (id) => shardOf(id, key.shards) === key.shard);
      this.indexes.set(name, index);
    }
    return index;
  }

  /**
   * Drops the index of a shard of another shard count than MATCH_SHARDS (a job written before the setting changed):
   * such jobs are rare, and keeping their index would hold a second partition of the tenants in memory.
   */
  private async dropIfStale(key: ShardKey): Promise<void> {
    if (key.shards === this.config.matching.shards) return;
    const name = `${key.shard}/${key.shards}`;
    const index = this.indexes.get(name);
    this.indexes.delete(name);
    await index?.settled();
  }

  /** Matches a claimed job's shard and raises its alerts (see the class doc); a failure is retried with backoff. */
  private async run(job: ClaimedMatchJob, claimedAt: Date): Promise<number> {
    /** Every write checks that this worker still holds the claim (claimDue stamped it with `claimedAt`). */
    const held = { id: job.id, status: 'SENDING' as const, claimedAt };
    const key: ShardKey = { shard: job.shard, shards: job.shards };
    try {
      const raised: RaiseResult = await this.transactions.run(async (tx) => {
        const ref = await this.reference.index();
        const index = await this.indexOf(key).get(tx, ref);
        const started = performance.now();
        const matches = index.match(job.payload.facts);
        this.metrics.observeMatch((performance.now() - started) / 1000);
        const event = { type: job.eventType, id: job.eventId, summary: job.payload.summary };
        const reversal = job.payload.reversal;
        const change = reversal
          ? await planReversal(
              tx,
              this.events,
              this.alerts,
              reversal,
              matches,
              (id) => shardOf(id, key.shards) === key.shard,
            )
          : null;
        const result = change?.earlier.length
          ? await this.raiser.raise(tx, {
              trigger: 'REVERSAL',
              event: { ...event, type: 'POLICY_CHANGE' },
              matches: [...matches, ...change.added],
              change,
              shard: key,
            })
          : await this.raiser.raise(tx, { trigger: 'INGESTION', event, matches, shard: key });
        const { count } = await tx.matchJob.updateMany({
          where: held,
          data: {
            status: 'DONE',
            alerts: result.alerts.length,
            finishedAt: this.clock.now(),
            claimedAt: null,
            lastError: null,
          },
        });
        if (!count) throw new LostClaim(`match job ${job.id} was taken over by another worker`);
        return result;
      }, MATCH_TRANSACTION);
      await raised.afterCommit();
      await this.dropIfStale(key);
      this.logger.log(
        `match job ${job.eventType} ${job.eventId} shard ${key.shard}/${key.shards}: ${raised.alerts.length} alert(s)`,
      );
      return raised.alerts.length;
    } catch (error) {
      if (error instanceof LostClaim) {
        this.logger.warn(error.message);
        return 0;
      }
      const message = (error as Error).message;
      const next = new Date(
        this.clock.now().getTime() +
          retryDelayMs(job.attempts, Math.random(), this.config.outbox.retryBaseMs, 3_600_000),
      );
      await this.prisma.db.matchJob.updateMany({
        where: held,
        data: { status: 'PENDING', claimedAt: null, nextAttemptAt: next, lastError: message },
      });
      this.logger.error(
        `match job ${job.id} (shard ${key.shard}/${key.shards}) failed (attempt ${job.attempts}), retry at ${next.toISOString()}: ${message}`,
      );
      return 0;
    }
  }
}

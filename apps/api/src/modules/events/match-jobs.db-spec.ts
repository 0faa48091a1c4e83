import { TransactionRunner } from '../../database/transaction-runner.js';
import type { TestingModule } from '@nestjs/testing';
import { CLOCK, FakeClock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig, loadConfig } from '../../config/app-config.js';
import { openDatabase } from '../../database/connection.js';
import { DATABASE_CONNECTION, PrismaService } from '../../database/prisma.service.js';
import { seedReference } from '../../database/reference-seed.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { Prisma } from '../../generated/prisma/client.js';
import { MAIL_TRANSPORT, type MailTransport } from '../../mail/mail-transport.js';
import { shardOf } from '../../matching/shard.js';
import { claimDue } from '../../outbox/outbox.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { AlertRaiser } from '../alerts/alert-raiser.js';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';
import type { IngestAcceptedDto } from './dto/match-job.dto.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { FanoutService } from './fanout.service.js';
import { MatchJobsService } from './match-jobs.service.js';

const MATCHED = 60;
const CLAIM_TIMEOUT_S = 300;

/**
 * Sharded matching (MATCH_SHARDS=2) on a real database: the ingestion stores the event with one match job per shard
 * and no alert; two shard workers (WORKER_SHARDS 0 and 1, as two processes over one database) each alert exactly the
 * matched tenants of their shard, each tenant once, and write their shard's fan-out job (which writes that shard's
 * emails only); a re-run creates nothing; a
 * job whose worker died after claiming it is taken over once the claim times out (fake clock).
 */
describe.each(ENGINES)('sharded matching on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let events: EventsService;
  /** Two workers as two processes: one serving shard 0, one serving shard 1. */
  let workers: [MatchJobsService, MatchJobsService];
  const clock = new FakeClock(new Date('2026-12-06T08:00:00Z'));
  const transport: MailTransport = {
    async send(mail) {
      return { providerMessageId: `250 ok ${mail.messageId}` };
    },
    async close() {},
  };
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);

  /** Adds `n` tenants with one buyer each, watching Dy when `watching` (set-based SQL: the setup is not under test). */
  async function seed(prefix: string, n: number, watching: boolean): Promise<string[]> {
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "Tenant" (id, slug, name, status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), '${prefix}-' || i, 'Shard ' || i, 'ACTIVE', now(), now() FROM generate_series(1, ${n}) i`,
    );
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "User" (id, "tenantId", email, name, role, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), t.id, 'buyer@' || t.slug || '.example', 'Buyer', 'BUYER', now(), now()
       FROM "Tenant" t WHERE t.slug LIKE '${prefix}-%'`,
    );
    if (watching)
      await prisma.db.$executeRawUnsafe(
        `INSERT INTO "WatchlistItem" (id, "tenantId", kind, "elementSymbol", "watchKey", "createdAt")
         SELECT gen_random_uuid(), t.id, 'ELEMENT', 'Dy', 'ELEMENT:Dy:', now() FROM "Tenant" t WHERE t.slug LIKE '${prefix}-%'`,
      );
    const rows = await prisma.db.tenant.findMany({
      where: { slug: { startsWith: `${prefix}-` } },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  const alertsOf = (eventId: string) =>
    all(() => prisma.db.alert.findMany({ where: { policyChangeId: eventId }, select: { tenantId: true } }));
  const jobsOf = (eventId: string) => prisma.db.matchJob.findMany({ where: { eventId }, orderBy: { shard: 'asc' } });

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    const env = { DATABASE_URL: testDb.url, MATCH_SHARDS: '2', WORKER_SHARDS: '0', FANOUT_INLINE_MAX_ALERTS: '10' };
    const opened = await openDatabase(
      loadConfig({
        ...env,
        LINK_SIGNING_SECRET: 'x'.repeat(40),
        INGEST_OPEN: 'true',
        PUBLIC_URL: 'https://lodestone.test',
      }).database,
    );
    await opened.migrate();
    await seedReference(opened.prisma);
    moduleRef = await createTestingModule({ ...env, OUTBOX_CLAIM_TIMEOUT_SECONDS: String(CLAIM_TIMEOUT_S) }, clock, [
      [DATABASE_CONNECTION, opened],
      [MAIL_TRANSPORT, transport],
    ]);
    prisma = moduleRef.get(PrismaService);
    events = moduleRef.get(EventsService);
    const config = moduleRef.get<AppConfig>(APP_CONFIG);
    // The second "process": its own worker state and shard index, the same database and subscribers.
    const other = new MatchJobsService(
      prisma,
      moduleRef.get(TransactionRunner),
      moduleRef.get(TenantsRepository),
      moduleRef.get(EventsRepository),
      moduleRef.get(AlertsRepository),
      moduleRef.get(AlertRaiser),
      moduleRef.get(ReferenceService),
      moduleRef.get(MetricsService),
      moduleRef.get(CLOCK),
      { ...config, matching: { shards: 2, workerShards: [1] } },
    );
    workers = [moduleRef.get(MatchJobsService), other];
  }, 120_000);
  afterAll(async () => {
    await workers?.[1].idle();
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('two shard workers alert every matched tenant exactly once, each by the worker of its shard', async () => {
    const matched = await seed('dy', MATCHED, true);
    await seed('none', 10, false); // tenants that watch nothing: never alerted
    const byShard = [0, 1].map((k) => matched.filter((id) => shardOf(id, 2) === k));
    // Both shards have more tenants to alert than FANOUT_INLINE_MAX_ALERTS (10).
    expect(Math.min(...byShard.map((s) => s.length))).toBeGreaterThan(10);

    const result = (await events.ingestPolicyChange(no18)) as IngestAcceptedDto;
    // Stored with one job per shard, nothing matched yet.
    expect(result).toMatchObject({ created: true });
    expect(result.alerts).toBeUndefined();
    expect(result.matchJobs.map((j) => [j.shard, j.shards, j.status])).toEqual([
      [0, 2, 'PENDING'],
      [1, 2, 'PENDING'],
    ]);
    expect((await jobsOf(result.id)).map((j) => j.id)).toEqual(result.matchJobs.map((j) => j.id));
    expect(await alertsOf(result.id)).toHaveLength(0);

    // Worker 0 serves shard 0 only: the alerts of shard 0's tenants, its fan-out job expanded inline.
    expect(await workers[0].drain()).toBe(byShard[0]!.length);
    expect(workers[0].heldIndexes).toEqual(['0/2']);
    expect((await alertsOf(result.id)).map((a) => a.tenantId).sort()).toEqual([...byShard[0]!].sort());
    expect((await jobsOf(result.id)).map((j) => [j.status, j.alerts])).toEqual([
      ['DONE', byShard[0]!.length],
      ['PENDING', null],
    ]);

    // Worker 1: the rest. Every matched tenant once, nobody else.
    expect(await workers[1].drain()).toBe(byShard[1]!.length);
    expect(workers[1].heldIndexes).toEqual(['1/2']);
    const alerted = (await alertsOf(result.id)).map((a) => a.tenantId);
    expect(alerted).toHaveLength(MATCHED);
    expect([...alerted].sort()).toEqual([...matched].sort());
    expect((await jobsOf(result.id)).map((j) => [j.status, j.alerts, j.attempts])).toEqual([
      ['DONE', byShard[0]!.length, 1],
      ['DONE', byShard[1]!.length, 1],
    ]);

    // One fan-out job per shard, carrying the shard key, left to the fan-out worker (more than
    // FANOUT_INLINE_MAX_ALERTS alerts in each). Expanded now, with both shards' alerts stored: each job writes the
    // emails of its own shard's tenants only (one buyer per tenant).
    const fanoutsOf = () => prisma.db.fanoutJob.findMany({ where: { eventId: result.id }, orderBy: { shard: 'asc' } });
    expect((await fanoutsOf()).map((f) => [f.shard, f.shards, f.status])).toEqual([
      [0, 2, 'PENDING'],
      [1, 2, 'PENDING'],
    ]);
    expect(await moduleRef.get(FanoutService).drain()).toBe(MATCHED);
    const fanouts = await fanoutsOf();
    expect(fanouts.map((f) => [f.shard, f.shards, f.status, f.emailsQueued])).toEqual([
      [0, 2, 'DONE', byShard[0]!.length],
      [1, 2, 'DONE', byShard[1]!.length],
    ]);
    const emails = await all(() =>
      prisma.db.emailDelivery.findMany({ where: { alert: { policyChangeId: result.id } }, select: { tenantId: true } }),
    );
    expect(emails.map((e) => e.tenantId).sort()).toEqual([...matched].sort());

    // A repeat is answered as without sharding: the alerts raised so far.
    expect(await events.ingestPolicyChange(no18)).toMatchObject({ created: false, alerts: MATCHED, emailsQueued: 0 });

    // A re-run of done jobs (as after a crash between the commit and anything else) creates nothing: no alert, no
    // second fan-out job, no email.
    await prisma.db.matchJob.updateMany({ where: { eventId: result.id }, data: { status: 'PENDING' } });
    expect((await workers[0].drain()) + (await workers[1].drain())).toBe(0);
    expect(await alertsOf(result.id)).toHaveLength(MATCHED);
    expect(await prisma.db.fanoutJob.count({ where: { eventId: result.id } })).toBe(2);
    expect(await all(() => prisma.db.emailDelivery.count({ where: { alert: { policyChangeId: result.id } } }))).toBe(
      MATCHED,
    );
    expect((await jobsOf(result.id)).map((j) => [j.status, j.alerts])).toEqual([
      ['DONE', 0],
      ['DONE', 0],
    ]);
  }, 120_000);

  it('a job claimed by a killed worker is taken over after the claim timeout', async () => {
    const matched = await all(() =>
      prisma.db.watchlistItem.findMany({ where: { elementSymbol: 'Dy' }, select: { tenantId: true } }),
    );
    const shard0 = matched.map((w) => w.tenantId).filter((id) => shardOf(id, 2) === 0);
    const result = (await events.ingestPolicyChange({ ...no18, externalId: 'shard-takeover' })) as IngestAcceptedDto;

    // A worker of shard 0 claims the job and dies before its commit (the claim is all it wrote).
    const killedAt = clock.now();
    const [claimed] = await claimDue(
      prisma.db,
      'MatchJob',
      killedAt,
      1,
      CLAIM_TIMEOUT_S * 1000,
      ['shard'],
      Prisma.sql`"eventId" = ${result.id}::uuid AND "shard" = 0`,
    );
    expect(claimed).toMatchObject({ id: result.matchJobs[0]!.id, attempts: 1 });

    // The live worker of shard 0 leaves it while the claim is fresh...
    clock.advance(CLAIM_TIMEOUT_S * 1000 - 1000);
    expect(await workers[0].drain()).toBe(0);
    expect(await alertsOf(result.id)).toHaveLength(0);
    expect((await jobsOf(result.id))[0]).toMatchObject({ status: 'SENDING', claimedAt: killedAt });

    // ...and takes it over once the claim is older than the timeout.
    clock.advance(2000);
    expect(await workers[0].drain()).toBe(shard0.length);
    expect((await alertsOf(result.id)).map((a) => a.tenantId).sort()).toEqual([...shard0].sort());
    expect((await jobsOf(result.id))[0]).toMatchObject({ status: 'DONE', attempts: 2, alerts: shard0.length });
    // Shard 1 is untouched until its worker runs.
    expect((await jobsOf(result.id))[1]).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(await workers[1].drain()).toBe(matched.length - shard0.length);
    expect(await alertsOf(result.id)).toHaveLength(matched.length);
  }, 120_000);

  it('after MATCH_SHARDS changes (2 to 4), a worker serving all shards matches the jobs written under 2 with their partition', async () => {
    const matched = await all(() =>
      prisma.db.watchlistItem.findMany({ where: { elementSymbol: 'Dy' }, select: { tenantId: true } }),
    );
    const result = (await events.ingestPolicyChange({ ...no18, externalId: 'shard-rebalance' })) as IngestAcceptedDto;
    expect(result.matchJobs.map((j) => j.shards)).toEqual([2, 2]);
    const config = moduleRef.get<AppConfig>(APP_CONFIG);
    const rebalanced = new MatchJobsService(
      prisma,
      moduleRef.get(TransactionRunner),
      moduleRef.get(TenantsRepository),
      moduleRef.get(EventsRepository),
      moduleRef.get(AlertsRepository),
      moduleRef.get(AlertRaiser),
      moduleRef.get(ReferenceService),
      moduleRef.get(MetricsService),
      moduleRef.get(CLOCK),
      { ...config, matching: { shards: 4, workerShards: null } },
    );
    // Each job matches its shard of 2 (not of 4): every matched tenant once; the old partition's indexes are not kept.
    expect(await rebalanced.drain()).toBe(matched.length);
    expect((await alertsOf(result.id)).map((a) => a.tenantId).sort()).toEqual(matched.map((w) => w.tenantId).sort());
    expect((await jobsOf(result.id)).map((j) => j.status)).toEqual(['DONE', 'DONE']);
    expect(rebalanced.heldIndexes).toEqual([]);
    await rebalanced.idle();
  }, 120_000);
});

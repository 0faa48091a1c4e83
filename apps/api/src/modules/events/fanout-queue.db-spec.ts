import { jest } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { ALL_SHARDS } from '../../matching/shard.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { eventually } from '../../testing/eventually.js';
import { no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { EventsService } from './events.service.js';
import { FANOUT_QUEUE_NAME } from './fanout-queue.js';
import { FanoutService } from './fanout.service.js';

const TENANTS = 40;
const BUYERS = 3;

/**
 * Fan-out jobs on the pg-boss queue `fanout` (DELIVERY_QUEUE=pgboss, docs/delivery-engine.md), on PGlite and
 * PostgreSQL: the FanoutJob row and its queue job are written in one transaction (a rollback leaves neither), the
 * outbox tick claims nothing, an explicit drain() works the due jobs in the caller, the queue's worker expands the row
 * (every email once; the row stays the record of the progress API), and a failed expansion is retried by pg-boss from
 * the row's cursor.
 */
describe.each(ENGINES)('fan-out on the pg-boss queue (%s)', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let fanout: FanoutService;
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);
  const queueJobs = async (id?: string) =>
    prisma.db.$queryRawUnsafe<{ id: string; state: string; data: unknown; retry_count: number }[]>(
      `SELECT id::text AS id, state::text AS state, data, retry_count FROM pgboss.job WHERE name = '${FANOUT_QUEUE_NAME}'${
        id ? ' AND id = $1::uuid' : ''
      }`,
      ...(id ? [id] : []),
    );
  const jobOf = (eventId: string) =>
    prisma.db.fanoutJob.findUniqueOrThrow({ where: { eventId_shard: { eventId, shard: 0 } } });
  const emailsOf = (eventId: string) =>
    all(() =>
      prisma.db.emailDelivery.findMany({
        where: { alert: { policyChangeId: eventId } },
        select: { dedupeKey: true, messageId: true },
      }),
    );

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({
      DATABASE_URL: testDb.url,
      DELIVERY_QUEUE: 'pgboss',
      // Every event goes to the queue (none is expanded before the answer); retries after about 1 s.
      FANOUT_INLINE_MAX_ALERTS: '0',
      OUTBOX_RETRY_BASE_SECONDS: '1',
    });
    await moduleRef.init();
    prisma = moduleRef.get(PrismaService);
    fanout = moduleRef.get(FanoutService);
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "Tenant" (id, slug, name, status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), 'fq-' || i, 'Queue ' || i, 'ACTIVE', now(), now() FROM generate_series(1, ${TENANTS}) i`,
    );
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "User" (id, "tenantId", email, name, role, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), t.id, 'buyer' || b || '@' || t.slug || '.example', 'Buyer ' || b, 'BUYER', now(), now()
       FROM "Tenant" t CROSS JOIN generate_series(1, ${BUYERS}) b`,
    );
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "WatchlistItem" (id, "tenantId", kind, "elementSymbol", "watchKey", "createdAt")
       SELECT gen_random_uuid(), t.id, 'ELEMENT', 'Dy', 'ELEMENT:Dy:', now() FROM "Tenant" t`,
    );
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('writes the fan-out row and its queue job in one transaction: a rollback leaves neither', async () => {
    const eventId = '00000000-0000-7000-8000-0000000000f1';
    let inside: unknown[] = [];
    await expect(
      moduleRef.get(TransactionRunner).run(async (tx) => {
        const id = await fanout.createJob(tx, {
          eventType: 'POLICY_CHANGE',
          eventId,
          summary: {} as never,
          reversals: new Map(),
          inline: false,
          shard: ALL_SHARDS,
        });
        inside = await tx.$queryRawUnsafe(`SELECT id::text AS id, data FROM pgboss.job WHERE name = 'fanout'`);
        expect(inside).toEqual([{ id, data: { fanoutJobId: id, eventId, shard: 0 } }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(inside).toHaveLength(1);
    expect(await queueJobs()).toEqual([]);
    expect(await prisma.db.fanoutJob.count()).toBe(0);
  }, 30_000);

  it('drain() (the CLIs) works the due fan-out jobs in the caller and completes their queue jobs', async () => {
    const { id: eventId } = await moduleRef
      .get(EventsService)
      .ingestPolicyChange({ ...no18, externalId: 'fanout-queue-drain' });
    const row = await jobOf(eventId);
    expect(row.status).toBe('PENDING');
    expect(await fanout.drain()).toBe(TENANTS * BUYERS);
    expect(await jobOf(eventId)).toMatchObject({ status: 'DONE', attempts: 1, emailsQueued: TENANTS * BUYERS });
    expect(await queueJobs(row.id)).toMatchObject([{ id: row.id, state: 'completed' }]);
    expect(await emailsOf(eventId)).toHaveLength(TENANTS * BUYERS);
    // Nothing is due any more.
    expect(await fanout.drain()).toBe(0);
  }, 60_000);

  it('the queue worker expands an ingested event (not the outbox tick); the row is the progress record', async () => {
    const {
      id: eventId,
      alerts,
      emailsQueued,
    } = await moduleRef.get(EventsService).ingestPolicyChange({ ...no18, externalId: 'fanout-queue-1' });
    expect({ alerts, emailsQueued }).toEqual({ alerts: TENANTS, emailsQueued: 0 });
    const row = await jobOf(eventId);
    expect(row.status).toBe('PENDING');
    expect(await queueJobs(row.id)).toMatchObject([
      { id: row.id, state: 'created', data: { fanoutJobId: row.id, eventId, shard: 0 } },
    ]);

    // The outbox tick's kick and the table claim leave the row to the queue.
    fanout.kick();
    await new Promise((r) => setTimeout(r, 300));
    expect((await jobOf(eventId)).status).toBe('PENDING');

    expect(await fanout.startQueueWorkers()).toBe(true);
    await eventually(
      'the queue job completed',
      async () => (await queueJobs(row.id))[0]?.state === 'completed',
      30_000,
    );
    expect((await queueJobs(row.id))[0]?.state).toBe('completed');
    expect(await jobOf(eventId)).toMatchObject({ status: 'DONE', attempts: 1, emailsQueued: TENANTS * BUYERS });
    const emails = await emailsOf(eventId);
    expect(emails).toHaveLength(TENANTS * BUYERS);
    expect(new Set(emails.map((e) => e.dedupeKey)).size).toBe(TENANTS * BUYERS);
    expect(await fanout.progress(row.id)).toMatchObject({
      status: 'done',
      alertsTotal: TENANTS,
      alertsExpanded: TENANTS,
      emailsQueued: TENANTS * BUYERS,
      attempts: 1,
    });
  }, 60_000);

  it('retries a failed expansion on the queue (pg-boss backoff), writing each email once', async () => {
    const notifications = moduleRef.get(NotificationsService);
    const real = notifications.enqueueAlertEmails.bind(notifications);
    let calls = 0;
    const spy = jest.spyOn(notifications, 'enqueueAlertEmails').mockImplementation((...args) => {
      if (++calls === 1) return Promise.reject(new Error('outbox table locked'));
      return real(...args);
    });
    try {
      const { id: eventId } = await moduleRef
        .get(EventsService)
        .ingestPolicyChange({ ...no18, externalId: 'fanout-queue-2', title: `${no18.title} (2)` });
      const row = await jobOf(eventId);
      // The first attempt fails: the row shows it (the progress API's `failed`), pg-boss retries the job.
      await eventually(
        'the first attempt failed or the job done',
        async () => (await jobOf(eventId)).lastError !== null || (await jobOf(eventId)).status === 'DONE',
        20_000,
      );
      await eventually(
        'the queue job completed',
        async () => (await queueJobs(row.id))[0]?.state === 'completed',
        30_000,
      );
      const [job] = await queueJobs(row.id);
      expect(job).toMatchObject({ state: 'completed', retry_count: 1 });
      expect(await jobOf(eventId)).toMatchObject({ status: 'DONE', attempts: 2, lastError: null });
      expect(calls).toBe(2);
      const emails = await emailsOf(eventId);
      expect(emails).toHaveLength(TENANTS * BUYERS);
      expect(new Set(emails.map((e) => e.messageId)).size).toBe(TENANTS * BUYERS);
    } finally {
      spy.mockRestore();
    }
  }, 60_000);
});

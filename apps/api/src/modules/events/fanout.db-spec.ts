import { TransactionRunner } from '../../database/transaction-runner.js';
import type { TestingModule } from '@nestjs/testing';
import { LINK_SIGNER, type LinkSigner } from '../../common/signed-links.js';
import { APP_CONFIG, type AppConfig, loadConfig } from '../../config/app-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { openDatabase, type DatabaseConnection } from '../../database/connection.js';
import { DATABASE_CONNECTION, PrismaService } from '../../database/prisma.service.js';
import { seedReference } from '../../database/reference-seed.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { DeliveryWorker } from '../../mail/delivery-worker.js';
import { MAIL_TRANSPORT, type MailTransport, type OutgoingMail } from '../../mail/mail-transport.js';
import { OutboxRepository } from '../../mail/outbox.repository.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PartsImpactService } from '../parts/parts-impact.service.js';
import { EventsService } from './events.service.js';
import { FANOUT_CHUNK_ALERTS, FanoutService } from './fanout.service.js';

const TENANTS = 300;
const BUYERS = 3;
/** Events alerting more tenants than this are fanned out after the answer (FANOUT_INLINE_MAX_ALERTS). */
const INLINE_MAX = 100;

/**
 * Fan-out at scale: one event matching many tenants is stored (event, alerts, one fan-out job) with a number of
 * statements that does not grow with the number of tenants; a small event's emails are written before the answer, a
 * big one's by the fan-out worker after it; a failed or killed worker's job is resumed and writes each email once with
 * its first Message-ID; two delivery workers draining the same outbox at once send each row once.
 */
describe.each(ENGINES)('fan-out on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let events: EventsService;
  let fanout: FanoutService;
  /** Prisma operations (model queries and raw statements, also inside transactions) since the last reset. */
  let operations: string[] = [];
  const sent: OutgoingMail[] = [];
  const transport: MailTransport = {
    async send(mail) {
      sent.push(mail);
      // Let the other worker run between claim and mark, as a network round trip would.
      await new Promise((r) => setTimeout(r, 1));
      return { providerMessageId: `250 ok ${mail.messageId}` };
    },
    async close() {},
  };

  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);

  /** Adds `n` tenants with BUYERS buyers each, all watching Dy (set-based SQL: the setup is not under test). */
  async function seed(prefix: string, n: number) {
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "Tenant" (id, slug, name, status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), '${prefix}-' || i, 'Fan-out ' || i, 'ACTIVE', now(), now() FROM generate_series(1, ${n}) i`,
    );
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "User" (id, "tenantId", email, name, role, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), t.id, 'buyer' || b || '@' || t.slug || '.example', 'Buyer ' || b, 'BUYER', now(), now()
       FROM "Tenant" t CROSS JOIN generate_series(1, ${BUYERS}) b WHERE t.slug LIKE '${prefix}-%'`,
    );
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "WatchlistItem" (id, "tenantId", kind, "elementSymbol", "watchKey", "createdAt")
       SELECT gen_random_uuid(), t.id, 'ELEMENT', 'Dy', 'ELEMENT:Dy:', now() FROM "Tenant" t WHERE t.slug LIKE '${prefix}-%'`,
    );
  }

  /** Ingests a No. 18-like event; returns the result and the Prisma operations it took. */
  async function ingest(externalId: string) {
    operations = [];
    const result = await events.ingestPolicyChange({ ...no18, externalId });
    return { result, operations: [...operations] };
  }

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    const config = loadConfig({
      DATABASE_URL: testDb.url,
      LINK_SIGNING_SECRET: 'x'.repeat(40),
      INGEST_OPEN: 'true',
      PUBLIC_URL: 'https://lodestone.test',
    });
    const opened = await openDatabase(config.database);
    await opened.migrate();
    await seedReference(opened.prisma);
    // Count every operation the application sends through Prisma (a top-level query extension also sees raw
    // statements and the operations of interactive transactions).
    const counted = opened.prisma.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          operations.push(`${model ?? ''}.${operation}`);
          return query(args);
        },
      },
    });
    const connection: DatabaseConnection = { ...opened, prisma: counted as never };
    moduleRef = await createTestingModule(
      { DATABASE_URL: testDb.url, OUTBOX_CONCURRENCY: '4', FANOUT_INLINE_MAX_ALERTS: String(INLINE_MAX) },
      undefined,
      [
        [DATABASE_CONNECTION, connection],
        [MAIL_TRANSPORT, transport],
      ],
    );
    prisma = moduleRef.get(PrismaService);
    events = moduleRef.get(EventsService);
    fanout = moduleRef.get(FanoutService);
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  /** The outbox rows of an event's alerts. */
  const rowsOf = (eventId: string) =>
    all(() =>
      prisma.db.emailDelivery.findMany({
        where: { alert: { policyChangeId: eventId } },
        select: { recipient: true, status: true, template: true, messageId: true, dedupeKey: true, payload: true },
        orderBy: { dedupeKey: 'asc' },
      }),
    );
  const jobOf = (eventId: string) =>
    prisma.db.fanoutJob.findUniqueOrThrow({ where: { eventId_shard: { eventId, shard: 0 } } });

  it(`stores an event matching ${TENANTS} tenants with as many statements as for 30; its emails follow the answer`, async () => {
    await seed('small', 30);
    const small = await ingest('fanout-small');
    // At most FANOUT_INLINE_MAX_ALERTS tenants: the emails are written before the answer (emailsQueued exact).
    expect(small.result).toMatchObject({ created: true, alerts: 30, emailsQueued: 30 * BUYERS });
    expect(await rowsOf(small.result.id)).toHaveLength(30 * BUYERS);
    expect(await jobOf(small.result.id)).toMatchObject({ status: 'DONE', emailsQueued: 30 * BUYERS });

    await seed('big', TENANTS);
    const big = await ingest('fanout-big');
    // The 30 earlier tenants match too. More than FANOUT_INLINE_MAX_ALERTS: answered before any email is written.
    expect(big.result).toMatchObject({ created: true, alerts: TENANTS + 30, emailsQueued: 0 });
    expect(await rowsOf(big.result.id)).toHaveLength(0);
    expect(await jobOf(big.result.id)).toMatchObject({ status: 'PENDING', cursor: null, emailsQueued: 0 });
    // The ingestion transaction, from the alert INSERT on (matching and the reference and tenant-index reads before it
    // depend on cache state, not on the number of tenants): the same operations for 330 tenants as for 30, one alert
    // INSERT and one fan-out job row, no recipient read and no outbox INSERT.
    const ingestion = (ops: string[]) => ops.slice(ops.indexOf('.$queryRaw'), ops.indexOf('FanoutJob.createMany') + 1);
    expect(ingestion(big.operations)).toEqual(['.$queryRaw', 'FanoutJob.createMany']);
    expect(ingestion(small.operations)).toEqual(ingestion(big.operations));
    expect(big.operations).not.toContain('.$executeRaw');
    expect(big.operations).not.toContain('User.findMany');

    // The fan-out worker writes every row: one chunk (one outbox INSERT per 1,000 rows), then the job is DONE.
    operations = [];
    expect(await fanout.drain()).toBe((TENANTS + 30) * BUYERS);
    expect(operations.filter((o) => o === '.$executeRaw')).toHaveLength(1);
    const alerts = await all(() =>
      prisma.db.alert.findMany({ where: { policyChangeId: big.result.id }, orderBy: { id: 'asc' } }),
    );
    expect(alerts).toHaveLength(TENANTS + 30);
    expect(new Set(alerts.map((a) => a.tenantId)).size).toBe(TENANTS + 30);
    expect(alerts.every((a) => a.severity === 'HIGH' && (a.reasons as unknown[]).length > 0)).toBe(true);
    // UUIDv7 ids, time-ordered: every id at or after the event's.
    expect(alerts.every((a) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(a.id) && a.id > big.result.id)).toBe(true);
    expect(await jobOf(big.result.id)).toMatchObject({
      status: 'DONE',
      cursor: alerts[alerts.length - 1]!.id,
      emailsQueued: (TENANTS + 30) * BUYERS,
      claimedAt: null,
    });
    const rows = await rowsOf(big.result.id);
    expect(rows).toHaveLength((TENANTS + 30) * BUYERS);
    // Its progress, as GET /v1/fanouts/:id answers it: every alert expanded, every email pending.
    expect(await fanout.progressOfEvent(big.result.id)).toMatchObject({
      status: 'done',
      alertsTotal: TENANTS + 30,
      alertsExpanded: TENANTS + 30,
      emailsQueued: (TENANTS + 30) * BUYERS,
      attempts: 1,
      startedAt: expect.any(Date),
      finishedAt: expect.any(Date),
      emails: { sent: 0, failed: 0, pending: (TENANTS + 30) * BUYERS },
    });
    expect(new Set(rows.map((r) => r.recipient)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(rows.length);
    expect(rows.every((r) => r.status === 'PENDING' && r.template === 'alert')).toBe(true);
    expect((rows[0]!.payload as { event: { title: string } }).event.title).toBe(no18.title);
    // Nothing is left to expand.
    expect(await fanout.drain()).toBe(0);

    // A repeat writes nothing.
    expect((await ingest('fanout-big')).result).toMatchObject({
      created: false,
      alerts: TENANTS + 30,
      emailsQueued: 0,
    });
    expect(await all(() => prisma.db.fanoutJob.count())).toBe(2);
  }, 120_000);

  it('two workers draining the same outbox at once send each row once', async () => {
    const pending = await all(() => prisma.db.emailDelivery.count({ where: { status: 'PENDING' } }));
    expect(pending).toBeGreaterThan(1000);
    sent.length = 0;
    // A second worker with its own state (as in a second process), on the same database.
    const other = new DeliveryWorker(
      moduleRef.get(OutboxRepository),
      transport,
      { now: () => new Date() },
      moduleRef.get<AppConfig>(APP_CONFIG),
      moduleRef.get<LinkSigner>(LINK_SIGNER),
      moduleRef.get(MetricsService),
    );
    const [a, b] = await Promise.all([moduleRef.get(DeliveryWorker).drain(), other.drain()]);
    expect(a.sent + b.sent).toBe(pending);
    expect(a.failed + b.failed + a.retried + b.retried).toBe(0);
    if (engine === 'postgres') expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0); // both took a share
    const ids = sent.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(pending);
    expect(await all(() => prisma.db.emailDelivery.count({ where: { status: { not: 'SENT' } } }))).toBe(0);
    const stillDue = await moduleRef.get(OutboxRepository).claimDue(new Date(), 10);
    expect(stillDue).toEqual([]);
  }, 300_000);
  it("a failed worker's job is retried from its cursor, a killed one's taken over; each email written once", async () => {
    // Mark what is queued as sent, so this test counts only its own rows.
    await all(() => prisma.db.emailDelivery.updateMany({ where: {}, data: { status: 'SENT' } }));
    await seed('more', 700); // 1,030 alerts: two chunks
    const { result } = await ingest('fanout-resume');
    const total = (TENANTS + 30 + 700) * BUYERS;
    expect(result).toMatchObject({ created: true, alerts: TENANTS + 30 + 700, emailsQueued: 0 });

    // A worker whose second chunk fails (its transaction rolls back): the first chunk's rows and cursor stay.
    const real = moduleRef.get(NotificationsService);
    let calls = 0;
    const failing = new FanoutService(
      prisma,
      moduleRef.get(TransactionRunner),
      {
        enqueueAlertEmails: (...args: Parameters<NotificationsService['enqueueAlertEmails']>) => {
          if (++calls === 2) return Promise.reject(new Error('SMTP relay table locked'));
          return real.enqueueAlertEmails(...args);
        },
      } as NotificationsService,
      moduleRef.get(PartsImpactService),
      { now: () => new Date() },
      moduleRef.get<AppConfig>(APP_CONFIG),
    );
    expect(await failing.drain()).toBe(FANOUT_CHUNK_ALERTS * BUYERS);
    const alerts = await all(() =>
      prisma.db.alert.findMany({ where: { policyChangeId: result.id }, orderBy: { id: 'asc' }, select: { id: true } }),
    );
    const afterFailure = await jobOf(result.id);
    expect(afterFailure).toMatchObject({
      status: 'PENDING',
      cursor: alerts[FANOUT_CHUNK_ALERTS - 1]!.id,
      emailsQueued: FANOUT_CHUNK_ALERTS * BUYERS,
      lastError: 'SMTP relay table locked',
    });
    expect(afterFailure.nextAttemptAt.getTime()).toBeGreaterThan(Date.now()); // backoff: not due at once
    expect(await fanout.progressOfEvent(result.id)).toMatchObject({
      status: 'failed',
      lastError: 'SMTP relay table locked',
      alertsTotal: TENANTS + 30 + 700,
      alertsExpanded: FANOUT_CHUNK_ALERTS,
      emails: { pending: FANOUT_CHUNK_ALERTS * BUYERS },
    });
    const first = new Map((await rowsOf(result.id)).map((r) => [r.dedupeKey, r.messageId]));
    expect(first.size).toBe(FANOUT_CHUNK_ALERTS * BUYERS);
    expect(await fanout.drain()).toBe(0); // not due yet

    // Then a worker claims it and dies before moving the cursor: the job stays RUNNING with its claim. Another worker
    // takes it over once the claim is stale, redoes the first chunk (nothing new: the rows exist) and finishes.
    await prisma.db.fanoutJob.updateMany({
      where: { eventId: result.id },
      data: { status: 'RUNNING', claimedAt: new Date(Date.now() - 60_000), cursor: null },
    });
    expect(await fanout.drain()).toBe(0); // the claim is not stale yet (timeout 300 s)
    await prisma.db.fanoutJob.updateMany({
      where: { eventId: result.id },
      data: { claimedAt: new Date(Date.now() - 3_600_000) },
    });
    expect(await fanout.drain()).toBe(total - FANOUT_CHUNK_ALERTS * BUYERS);
    const rows = await rowsOf(result.id);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(total);
    // The rows written before the failure keep their Message-ID.
    expect(rows.filter((r) => first.has(r.dedupeKey)).every((r) => first.get(r.dedupeKey) === r.messageId)).toBe(true);
    expect(await jobOf(result.id)).toMatchObject({ status: 'DONE', emailsQueued: total, attempts: 2 });
    expect(await fanout.progressOfEvent(result.id)).toMatchObject({
      status: 'done',
      lastError: null,
      alertsExpanded: TENANTS + 30 + 700,
      emails: { sent: 0, failed: 0, pending: total },
    });
  }, 300_000);
});

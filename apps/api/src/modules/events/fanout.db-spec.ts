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
import { EventsService } from './events.service.js';

const TENANTS = 300;
const BUYERS = 3;

/**
 * Fan-out at scale: one event matching many tenants is written with a number of statements that does not grow with the
 * number of tenants, and two delivery workers draining the same outbox at once send each row once.
 */
describe.each(ENGINES)('fan-out on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let events: EventsService;
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
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url, OUTBOX_CONCURRENCY: '4' }, undefined, [
      [DATABASE_CONNECTION, connection],
      [MAIL_TRANSPORT, transport],
    ]);
    prisma = moduleRef.get(PrismaService);
    events = moduleRef.get(EventsService);
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it(`writes the alerts and outbox rows of an event matching ${TENANTS} tenants with as many statements as for 30`, async () => {
    await seed('small', 30);
    const small = await ingest('fanout-small');
    expect(small.result).toMatchObject({ created: true, alerts: 30, emailsQueued: 30 * BUYERS });

    await seed('big', TENANTS);
    const big = await ingest('fanout-big');
    // The 30 earlier tenants match too.
    expect(big.result).toMatchObject({ created: true, alerts: TENANTS + 30, emailsQueued: (TENANTS + 30) * BUYERS });
    // From the alert INSERT on (matching and the reference and tenant-index reads before it depend on cache state, not
    // on the number of tenants), the same operations for 330 tenants as for 30: one alert INSERT, the parts-version
    // read, the recipients query, one outbox INSERT (1,000-row chunks), and the count reads of the result.
    const writePath = (ops: string[]) => ops.slice(ops.indexOf('.$queryRaw'));
    expect(writePath(big.operations)).toEqual(writePath(small.operations));
    expect(writePath(big.operations).length).toBeLessThanOrEqual(6);
    // Raw statements: the alert INSERT, one read of the parts version of every alerted tenant (parts impact, issue
    // 15: one statement whatever the number of tenants), the outbox INSERT.
    expect(big.operations.filter((o) => o === '.$queryRaw' || o === '.$executeRaw')).toEqual([
      '.$queryRaw',
      '.$queryRaw',
      '.$executeRaw',
    ]);

    const alerts = await all(() =>
      prisma.db.alert.findMany({ where: { policyChangeId: big.result.id }, orderBy: { id: 'asc' } }),
    );
    expect(alerts).toHaveLength(TENANTS + 30);
    expect(new Set(alerts.map((a) => a.tenantId)).size).toBe(TENANTS + 30);
    expect(alerts.every((a) => a.severity === 'HIGH' && (a.reasons as unknown[]).length > 0)).toBe(true);
    // UUIDv7 ids, time-ordered: every id at or after the event's.
    expect(alerts.every((a) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(a.id) && a.id > big.result.id)).toBe(true);
    const rows = await all(() =>
      prisma.db.emailDelivery.findMany({
        where: { alertId: { in: alerts.map((a) => a.id) } },
        select: { recipient: true, status: true, template: true, messageId: true, dedupeKey: true, payload: true },
      }),
    );
    expect(rows).toHaveLength((TENANTS + 30) * BUYERS);
    expect(new Set(rows.map((r) => r.recipient)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(rows.length);
    expect(rows.every((r) => r.status === 'PENDING' && r.template === 'alert')).toBe(true);
    expect((rows[0]!.payload as { event: { title: string } }).event.title).toBe(no18.title);

    // A repeat writes nothing.
    expect((await ingest('fanout-big')).result).toMatchObject({
      created: false,
      alerts: TENANTS + 30,
      emailsQueued: 0,
    });
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
});

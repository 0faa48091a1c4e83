import { jest } from '@jest/globals';
import type { EventSummary } from '@lodestone/shared-types';
import type { TestingModule } from '@nestjs/testing';
import { loadConfig } from '../../config/app-config.js';
import { openDatabase, type DatabaseConnection } from '../../database/connection.js';
import { DATABASE_CONNECTION, PrismaService } from '../../database/prisma.service.js';
import { seedReference } from '../../database/reference-seed.js';
import { crossTenant } from '../../database/tenant-scope.js';
import type { TenantMatch } from '../../matching/types.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { EventsService } from '../events/events.service.js';
import type { PolicyChangeDto } from '../events/dto/policy-change.dto.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { AlertRaiser, type AlertsRaised } from './alert-raiser.js';
import { AlertsRepository } from './alerts.repository.js';

/**
 * The AlertRaiser on a real database (PGlite and PostgreSQL): the statements it sends do not grow with the number of
 * tenants, it publishes one AlertsRaised per raise (none when nothing is new), and a reversal writes the alerts of
 * the tenants it matched and of those alerted only on the affected measure in one INSERT.
 */
describe.each(ENGINES)('alert raiser on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let raiser: AlertRaiser;
  let events: EventsService;
  /** Prisma operations (model queries and raw statements, also inside transactions) since the last reset. */
  let operations: string[] = [];
  const published: AlertsRaised[] = [];
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);

  /** Adds `n` tenants with one buyer each and no watches (set-based SQL: the setup is not under test). */
  async function seed(prefix: string, n: number): Promise<string[]> {
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "Tenant" (id, slug, name, status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), '${prefix}-' || i, 'Raise ' || i, 'ACTIVE', now(), now() FROM generate_series(1, ${n}) i`,
    );
    await prisma.db.$executeRawUnsafe(
      `INSERT INTO "User" (id, "tenantId", email, name, role, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), t.id, 'buyer@' || t.slug || '.example', 'Buyer', 'BUYER', now(), now()
       FROM "Tenant" t WHERE t.slug LIKE '${prefix}-%'`,
    );
    const rows = await prisma.db.tenant.findMany({
      where: { slug: { startsWith: `${prefix}-` } },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  const summary = (title: string): EventSummary => ({
    type: 'POLICY_CHANGE',
    title,
    summary: '',
    jurisdiction: 'CN',
    issuer: 'MOFCOM/GAC',
    actionLabel: 'Export control imposed',
    effectiveDate: '2025-04-04',
    sourceUrl: null,
    reference: null,
  });

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
    const counted = opened.prisma.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          operations.push(`${model ?? ''}.${operation}`);
          return query(args);
        },
      },
    });
    const connection: DatabaseConnection = { ...opened, prisma: counted as never };
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url }, undefined, [[DATABASE_CONNECTION, connection]]);
    prisma = moduleRef.get(PrismaService);
    raiser = moduleRef.get(AlertRaiser);
    events = moduleRef.get(EventsService);
    raiser.subscribe({
      name: 'test-recorder',
      triggers: ['INGESTION', 'REVERSAL'],
      async handle(_tx, event) {
        published.push(event);
        return undefined;
      },
    });
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('raises an event for 3 or 300 tenants with the same statements, publishes once, and nothing when none is new', async () => {
    const few = await seed('few', 3);
    const many = await seed('many', 300);
    // Two stored events nobody watches (no alert, no job yet).
    const a = await events.ingestPolicyChange({ ...no18, externalId: 'RAISE-A' });
    const b = await events.ingestPolicyChange({ ...no18, externalId: 'RAISE-B' });
    expect([a.alerts, b.alerts]).toEqual([0, 0]);
    published.length = 0;
    const matchesOf = (tenants: string[]): TenantMatch[] =>
      tenants.map((tenantId) => ({ tenantId, severity: 'HIGH', reasons: [] }));
    const raise = async (id: string, tenants: string[]) => {
      operations = [];
      const result = await prisma.db.$transaction((tx) =>
        raiser.raise(tx, {
          trigger: 'INGESTION',
          event: { type: 'POLICY_CHANGE', id, summary: summary(`Event ${id}`) },
          matches: matchesOf(tenants),
        }),
      );
      return { result, operations: operations.filter((o) => o !== '.$transaction') };
    };

    const small = await raise(a.id, few);
    const big = await raise(b.id, many);
    // One INSERT of the alerts, then the fan-out subscriber's job row: the same for 300 tenants as for 3.
    expect(small.operations).toEqual(['.$queryRaw', 'FanoutJob.createMany']);
    expect(big.operations).toEqual(small.operations);
    expect(published.map((e) => [e.trigger, e.alerts.length])).toEqual([
      ['INGESTION', 3],
      ['INGESTION', 300],
    ]);
    const stored = await all(() =>
      prisma.db.alert.findMany({ where: { policyChangeId: b.id }, orderBy: { id: 'asc' } }),
    );
    expect(stored.map((s) => s.id)).toEqual(big.result.alerts.map((x) => x.id));
    expect(new Set(stored.map((s) => s.tenantId))).toEqual(new Set(many));
    expect(stored.every((s) => s.origin === 'EVENT' && s.severity === 'HIGH')).toBe(true);

    // After the commit the small event's job is expanded at once (at most FANOUT_INLINE_MAX_ALERTS alerts).
    expect(await small.result.afterCommit()).toBe(3);
    expect(await all(() => prisma.db.emailDelivery.count({ where: { alert: { policyChangeId: a.id } } }))).toBe(3);

    // Again: the INSERT skips every existing (tenant, event); nothing is published, no job is written.
    const again = await raise(b.id, many);
    expect(again.result.alerts).toEqual([]);
    expect(again.operations).toEqual(['.$queryRaw']);
    expect(published).toHaveLength(2);
    expect(await prisma.db.fanoutJob.count({ where: { eventId: b.id } })).toBe(1);
  }, 120_000);

  it('writes a reversal’s alerts, matched and added tenants, in one INSERT and links the earlier alerts', async () => {
    const tenants = moduleRef.get(TenantsService);
    const buyer = (slug: string) => [{ email: `buyer@${slug}.example`, name: 'Buyer', role: 'BUYER' as const }];
    const dy = (
      await tenants.provision({
        slug: 'dy-maker',
        name: 'Dy',
        users: buyer('dy-maker'),
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [],
      })
    ).id;
    const tb = (
      await tenants.provision({
        slug: 'tb-maker',
        name: 'Tb',
        users: buyer('tb-maker'),
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Tb' }],
        suppliers: [],
      })
    ).id;
    const measure = { ...no18, externalId: 'REV-MEASURE', controlEntries: [], hsCodes: [], elements: ['Dy', 'Tb'] };
    const m = await events.ingestPolicyChange(measure);
    expect(m.alerts).toBe(2);
    const earlier = await all(() => prisma.db.alert.findMany({ where: { policyChangeId: m.id } }));
    // The suspension names Dy only: the Dy tenant is matched by it, the Tb tenant only through the suspended measure.
    const suspension = {
      ...measure,
      externalId: 'REV-SUSPENSION',
      action: 'SUSPENDED',
      title: 'Suspension of the October export controls',
      summary: 'The controls on dysprosium are suspended for one year.',
      reference: 'Suspension No. 1',
      elements: ['Dy'],
      endDate: '2026-11-10',
      affects: ['REV-MEASURE'],
    } satisfies PolicyChangeDto;
    const insert = jest.spyOn(moduleRef.get(AlertsRepository), 'insertAlertKeys');
    published.length = 0;
    const s = await events.ingestPolicyChange(suspension);
    expect(s).toMatchObject({ created: true, alerts: 2 });
    expect(insert).toHaveBeenCalledTimes(1);
    expect(insert.mock.calls[0]![1].map((r) => r.tenantId)).toEqual([dy, tb]);
    insert.mockRestore();
    expect(published).toHaveLength(1);
    const event = published[0]!;
    expect(event.trigger).toBe('REVERSAL');
    if (event.trigger !== 'REVERSAL') return;
    expect([...event.updates.keys()].sort()).toEqual([dy, tb].sort());
    const created = await all(() => prisma.db.alert.findMany({ where: { policyChangeId: s.id } }));
    const own = new Map(created.map((a) => [a.tenantId, a]));
    // The added tenant's alert carries the earlier alert's reasons, at HIGH since the earlier one was HIGH.
    const tbEarlier = earlier.find((e) => e.tenantId === tb)!;
    expect(own.get(tb)).toMatchObject({ severity: 'HIGH', reasons: tbEarlier.reasons });
    const linked = await all(() => prisma.db.alert.findMany({ where: { id: { in: earlier.map((e) => e.id) } } }));
    for (const e of linked)
      expect(e).toMatchObject({ measureStatus: 'SUSPENDED', updatedByAlertId: own.get(e.tenantId)!.id });
    // Each tenant's buyer gets the one update, not a fresh alert email.
    const rows = await all(() =>
      prisma.db.emailDelivery.findMany({ where: { alert: { policyChangeId: s.id } }, select: { template: true } }),
    );
    expect(rows.map((r) => r.template)).toEqual(['reversal', 'reversal']);
  }, 120_000);
});

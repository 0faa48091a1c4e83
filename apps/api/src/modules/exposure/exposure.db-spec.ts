import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import { ingestEventFile, readEventFile } from '../../cli/event-file.js';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { createTestingModule } from '../../testing/test-app.js';
import { AlertsApiService } from '../alerts/alerts-api.service.js';
import { EventsService } from '../events/events.service.js';
import { MeasuresService } from '../measures/measures.service.js';
import { RemindersService } from '../notifications/reminders.service.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { ExposureService } from './exposure.service.js';

const demo = join(import.meta.dirname, '../../../demo');
const demoTenant = () => JSON.parse(readFileSync(join(demo, 'demo-tenant.json'), 'utf8'));

describe.each(ENGINES)('exposure on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  // 2026-11-09: the day before MOFCOM/GAC 2025 No. 70's suspension of Nos. 55-58, 61, 62 ends (2026-11-10).
  const clock = new FakeClock(new Date('2026-11-09T09:00:00Z'));
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url, PUBLIC_URL: 'https://lodestone.test' }, clock);
    prisma = moduleRef.get(PrismaService);
    // An early tenant (watching Ho), there before the events: alerted by ingestion as usual.
    await moduleRef.get(TenantsService).provision({
      slug: 'early',
      name: 'Early Optics',
      users: [{ email: 'buyer@early.example', name: 'E', role: 'BUYER' }],
      watches: [{ kind: 'ELEMENT', elementSymbol: 'Ho' }],
      suppliers: [],
    });
    await ingestEventFile(moduleRef.get(EventsService), await readEventFile(join(demo, 'events-2025.json')));
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('a tenant created after the events sees its exposure at once: alerts found on addition and one summary email', async () => {
    const tenant = await moduleRef.get(TenantsService).provision(demoTenant());
    const alerts = await all(() =>
      prisma.db.alert.findMany({
        where: { tenantId: tenant.id },
        include: { policyChange: true, permitEvent: true },
        orderBy: { createdAt: 'asc' },
      }),
    );
    expect(alerts.every((a) => a.origin === 'BACKFILL')).toBe(true);
    const no18 = alerts.find((a) => a.policyChange?.externalId === 'MOFCOM-GAC-2025-18');
    expect(no18).toBeDefined();
    const reasons = no18!.reasons as { subject: { label: string }; element?: string }[];
    expect(reasons.some((r) => r.subject.label === 'dysprosium (Dy)' && r.element === 'Dy')).toBe(true);
    const licence = alerts.find((a) => a.permitEvent?.externalId === '2025-12-02-general-licence-jl-mag');
    expect(licence?.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: expect.objectContaining({ type: 'SUPPLIER' }) })]),
    );

    // No alert email each: one "Your current exposure" per buyer, grouped, with links.
    const emails = await all(() => prisma.db.emailDelivery.findMany({ where: { tenantId: tenant.id } }));
    expect(emails.map((e) => [e.template, e.recipient])).toEqual([['exposure-summary', 'buyer@demo-magnets.example']]);
    const props = emails[0]!.payload as {
      trigger: string;
      byElement: { short: string; items: { alertId: string; alertUrl: string }[] }[];
      bySupplier: { label: string; items: { alertId: string; status: string }[] }[];
    };
    expect(props.trigger).toBe('TENANT_CREATED');
    expect(props.byElement.find((g) => g.short === 'Dy')?.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ alertId: no18!.id, alertUrl: `https://lodestone.test/v1/alerts/${no18!.id}` }),
      ]),
    );
    expect(props.bySupplier.find((g) => g.label === 'JL MAG Rare-Earth Co., Ltd.')?.items[0]).toMatchObject({
      alertId: licence!.id,
      status: 'Licence granted (no end date given)',
    });

    // The exposure says the same, read from live state.
    const exposure = await moduleRef.get(ExposureService).exposure(tenant.id);
    const dyWatch = exposure.watches.find((w) => w.elementSymbol === 'Dy')!;
    expect(dyWatch.items.find((i) => i.measureKey === 'MOFCOM-GAC-2025-18')).toMatchObject({
      status: 'IN_FORCE',
      origin: 'BACKFILL',
      alertId: no18!.id,
    });
    const jlMag = exposure.suppliers.find((s) => s.legalNameEn === 'JL MAG Rare-Earth Co., Ltd.')!;
    expect(jlMag.licences).toEqual([
      expect.objectContaining({ alertId: licence!.id, status: 'LICENCE_VALID', permitStatus: 'GRANTED' }),
    ]);
    expect(exposure.byElement.find((g) => g.symbol === 'Dy')?.measureKeys).toContain('MOFCOM-GAC-2025-18');
    expect(exposure.byMeasure.find((m) => m.key === 'MOFCOM-GAC-2025-18')?.watchIds).toContain(dyWatch.id);

    // Again: nothing new, no second email.
    expect(await moduleRef.get(ExposureService).backfill(undefined, tenant.id)).toMatchObject({
      alerts: 0,
      emailsQueued: 0,
    });
  });

  it("the summary email leads with what the alerts found mean for the tenant's parts", async () => {
    const tenant = await moduleRef.get(TenantsService).provision({
      slug: 'bom-late',
      name: 'BOM Late GmbH',
      users: [{ email: 'buyer@bom-late.example', name: 'B', role: 'BUYER' }],
      watches: [],
      suppliers: [],
    });
    await all(() =>
      prisma.db.part.create({
        data: {
          tenantId: tenant.id,
          partNumber: 'ER-LASER-1',
          annualSpend: '40000',
          currency: 'USD',
          materials: { create: [{ tenantId: tenant.id, elementSymbol: 'Er' }] },
        },
      }),
    );
    const watch = await prisma.db.watchlistItem.create({
      data: { tenantId: tenant.id, kind: 'ELEMENT', elementSymbol: 'Er', watchKey: 'ELEMENT:Er:' },
    });
    const result = await moduleRef
      .get(ExposureService)
      .backfill(undefined, tenant.id, { watchIds: [watch.id], trigger: 'WATCHES_ADDED' });
    expect(result.alerts).toBeGreaterThan(0);
    const [email] = await all(() =>
      prisma.db.emailDelivery.findMany({ where: { tenantId: tenant.id, template: 'exposure-summary' } }),
    );
    expect((email!.payload as { partsImpact: string | null }).partsImpact).toMatch(/^1 part, USD 40 k annual spend/);
  });

  it('an added watch costs lookups: a suspended measure is found with its end date; no email for nothing new', async () => {
    const tenant = (await all(() => prisma.db.tenant.findFirst({ where: { slug: 'demo-magnets' } })))!;
    const watch = await prisma.db.watchlistItem.create({
      data: { tenantId: tenant.id, kind: 'ELEMENT', elementSymbol: 'Er', watchKey: 'ELEMENT:Er:' },
    });
    const result = await moduleRef.get(ExposureService).backfill(undefined, tenant.id, { watchIds: [watch.id] });
    expect(result.alerts).toBeGreaterThan(0);
    const exposure = await moduleRef.get(ExposureService).exposure(tenant.id);
    const er = exposure.watches.find((w) => w.id === watch.id)!;
    expect(er.items.find((i) => i.measureKey === 'MOFCOM-GAC-2025-57')).toMatchObject({
      status: 'SUSPENDED',
      until: '2026-11-10',
      statusLabel: 'Suspended until 2026-11-10',
    });

    // Removing the watch keeps the alerts (history) and drops the watch from the exposure.
    const alertsBefore = await all(() => prisma.db.alert.count({ where: { tenantId: tenant.id } }));
    await prisma.db.watchlistItem.delete({ where: { id: watch.id, tenantId: tenant.id } });
    expect(await all(() => prisma.db.alert.count({ where: { tenantId: tenant.id } }))).toBe(alertsBefore);
    const after = await moduleRef.get(ExposureService).exposure(tenant.id);
    expect(after.watches.find((w) => w.id === watch.id)).toBeUndefined();
    expect(after.byElement.find((g) => g.symbol === 'Er')).toBeUndefined();
  });

  it('a measure known only as the target of affects keeps its own identity', async () => {
    const measures = moduleRef.get(MeasuresService);
    for (const key of ['MOFCOM-GAC-2025-55', 'MOFCOM-GAC-2025-56', 'MOFCOM-GAC-2025-58', 'MOFCOM-2025-62']) {
      expect(await measures.get(key)).toMatchObject({
        title: null,
        known: false,
        elements: [],
        unknown: ['title', 'elements', 'effectiveDate', 'scope'],
        status: 'SUSPENDED',
      });
    }
    expect(await measures.get('MOFCOM-2025-61')).toMatchObject({ known: true, elements: [] });
    const listed = await measures.list({ element: 'Ho' }, 50);
    expect(listed.items.find((m) => m.key === 'MOFCOM-2025-61')).toBeUndefined();
  });

  it('a suspension lapsing on its end date changes the measure, the alerts and the exposure together', async () => {
    const early = (await all(() => prisma.db.tenant.findFirst({ where: { slug: 'early' } })))!;
    const measures = moduleRef.get(MeasuresService);
    const alertsApi = moduleRef.get(AlertsApiService);
    const exposure = moduleRef.get(ExposureService);
    const no57Alert = async () =>
      (await alertsApi.list(early.id, {}, 50)).items.find((a) => a.measure?.key === 'MOFCOM-GAC-2025-57')!.measure;
    const no57Exposure = async () =>
      (await exposure.exposure(early.id)).watches[0]!.items.find((i) => i.measureKey === 'MOFCOM-GAC-2025-57');

    expect((await measures.get('MOFCOM-GAC-2025-57')).status).toBe('SUSPENDED');
    expect(await no57Alert()).toMatchObject({ status: 'SUSPENDED', until: '2026-11-10' });
    expect(await no57Exposure()).toMatchObject({ status: 'SUSPENDED', until: '2026-11-10' });

    clock.set(new Date('2026-11-10T00:00:01Z'));
    expect((await measures.get('MOFCOM-GAC-2025-57')).status).toBe('IN_FORCE');
    expect(await no57Alert()).toMatchObject({ status: 'IN_FORCE', until: null });
    expect(await no57Exposure()).toMatchObject({ status: 'IN_FORCE', statusLabel: 'In force' });
    expect((await measures.get('MOFCOM-GAC-2025-70')).status).toBe('EXPIRED');

    // The reminder tick records the lapse on the timeline (and lapses the stored alert statuses); reads do not move.
    const report = await moduleRef.get(RemindersService).tick();
    expect(report.measuresLapsed).toBeGreaterThanOrEqual(6);
    const timeline = (await measures.get('MOFCOM-GAC-2025-57')).timeline;
    expect(timeline.at(-1)).toMatchObject({ role: 'LAPSE', statusAfter: 'IN_FORCE', occurredOn: '2026-11-10' });
    expect((await measures.list({ status: 'SUSPENDED' }, 100)).items.map((m) => m.key)).not.toContain(
      'MOFCOM-GAC-2025-57',
    );
    expect(await no57Exposure()).toMatchObject({ status: 'IN_FORCE' });
  });
});

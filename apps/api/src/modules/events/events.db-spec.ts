import type { TestingModule } from '@nestjs/testing';
import { FieldValidationException } from '../../common/validation.js';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { jlMagLicence, magnetMaker, no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { ingestEventFile } from '../../cli/event-file.js';
import type { PermitEventDto } from './dto/permit-event.dto.js';
import type { PolicyChangeDto } from './dto/policy-change.dto.js';
import { EventsService } from './events.service.js';
import { TenantIndexCache } from './tenant-index.cache.js';
import { reasonText } from '../../testing/reason-text.js';

describe.each(ENGINES)('ingestion use case on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let events: EventsService;
  let prisma: PrismaService;
  let tenantA: string;
  let tenantB: string;

  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url });
    events = moduleRef.get(EventsService);
    prisma = moduleRef.get(PrismaService);
    const tenants = moduleRef.get(TenantsService);
    tenantA = (await tenants.provision(magnetMaker('alpha'))).id;
    // Tenant B watches only Nd and buys elsewhere: No. 18 and the JL MAG licence are not its business.
    tenantB = (
      await tenants.provision({
        slug: 'beta',
        name: 'Beta',
        users: [{ email: 'buyer@beta.example', name: 'B', role: 'BUYER' }],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Nd' }],
        suppliers: [{ legalNameEn: 'Ningbo Yunsheng Co., Ltd.' }],
      })
    ).id;
  });
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('stores the event, one alert with reasons for the matching tenant only, and one email per buyer', async () => {
    const result = await events.ingestPolicyChange({ ...no18 });
    expect(result).toMatchObject({ created: true, alerts: 1, emailsQueued: 1 });
    const alerts = await all(() => prisma.db.alert.findMany());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ tenantId: tenantA, severity: 'HIGH', policyChangeId: result.id });
    const reasons = alerts[0]!.reasons as { via: string; text: string }[];
    expect(reasons.map((r) => r.via)).toEqual(['ELEMENT_VIA_CONTROL_ENTRY', 'HS_CODE_PREFIX']);
    expect(reasons[0]!.text).toBe(
      reasonText.watch('dysprosium (Dy)', 'control-list entry 1C905', 'MOFCOM/GAC Announcement 2025 No. 18'),
    );
    const deliveries = await prisma.db.emailDelivery.findMany({ where: { tenantId: tenantA } });
    expect(deliveries.map((d) => [d.recipient, d.template, d.status])).toEqual([
      ['buyer@alpha.example', 'alert', 'PENDING'],
    ]);
    expect(await prisma.db.emailDelivery.count({ where: { tenantId: tenantB } })).toBe(0);
  });

  it('is idempotent on (source, externalId): a repeat creates nothing', async () => {
    const again = await events.ingestPolicyChange({ ...no18, title: 'changed title is ignored' });
    expect(again).toMatchObject({ created: false, alerts: 1, emailsQueued: 0 });
    expect(await prisma.db.policyChange.count()).toBe(1);
    expect(await all(() => prisma.db.alert.count())).toBe(1);
    expect(await all(() => prisma.db.emailDelivery.count())).toBe(1);
  });

  it('survives the same event sent concurrently: one event, one alert', async () => {
    const results = await Promise.all([1, 2, 3].map(() => events.ingestPermitEvent({ ...jlMagLicence })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await prisma.db.permitEvent.count()).toBe(1);
    const alerts = await all(() => prisma.db.alert.findMany({ where: { permitEventId: results[0]!.id } }));
    expect(alerts.map((a) => [a.tenantId, a.severity])).toEqual([[tenantA, 'MEDIUM']]);
    expect((alerts[0]!.reasons as { text: string }[])[0]!.text).toBe(
      reasonText.supplier(
        'JL MAG Rare-Earth Co., Ltd.',
        'exporter',
        '江西金力永磁科技股份有限公司',
        'its Chinese legal name',
        0.98,
      ),
    );
  });

  it('ingests nothing from a file whose last event names an unknown element', async () => {
    const before = await prisma.db.policyChange.count();
    const file = {
      policyChanges: [{ ...no18, externalId: 'file-1' } as PolicyChangeDto],
      permitEvents: [
        {
          ...jlMagLicence,
          externalId: 'file-2',
          items: [{ description: 'magnets', elements: ['Dy', 'Qq'] }],
        } as PermitEventDto,
      ],
    };
    const error = await ingestEventFile(events, file).catch((e: unknown) => e);
    expect((error as FieldValidationException).errors.map((e) => e.field)).toEqual([
      'permitEvents[0].items[0].elements[1]',
    ]);
    expect(await prisma.db.policyChange.count()).toBe(before);
  });

  it('rejects an unknown element symbol naming the field, and stores nothing', async () => {
    const before = await prisma.db.policyChange.count();
    const error = await events
      .ingestPolicyChange({ ...no18, externalId: 'bad-1', elements: ['Dy', 'Xx'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldValidationException);
    expect((error as FieldValidationException).errors).toEqual([
      { field: 'elements[1]', messages: ['unknown element symbol "Xx" (see GET /v1/elements)'] },
    ]);
    expect(await prisma.db.policyChange.count()).toBe(before);
  });

  it('tags the free text, stores each tag with its span, and matches on it with reasons that say so', async () => {
    // Tenant B watches Nd: a body naming 钕铁硼 (NdFeB) reaches it through the text only.
    const body = '一、含铽的钕铁硼永磁材料，未经许可，不得出口。本公告自2025年4月4日起正式实施。';
    const result = await events.ingestPolicyChange({
      ...no18,
      externalId: 'text-1',
      title: 'Export licences for magnet materials',
      summary: '',
      elements: [],
      controlEntries: [],
      hsCodes: [],
      body,
    });
    const stored = await prisma.db.policyChange.findUniqueOrThrow({ where: { id: result.id } });
    const tags = stored.textTags as {
      kind: string;
      value: string;
      field: string;
      start: number;
      end: number;
      text: string;
    }[];
    expect(tags.map((t) => `${t.kind}:${t.value}:${t.text}`)).toEqual(
      expect.arrayContaining([
        'ELEMENT:Tb:铽',
        'MATERIAL_FORM:NDFEB_MAGNET:钕铁硼',
        'ELEMENT:Nd:钕',
        'DATE:2025-04-04:2025年4月4日',
      ]),
    );
    for (const t of tags.filter((t) => t.field === 'body')) expect(body.slice(t.start, t.end)).toBe(t.text);
    const alerts = await all(() =>
      prisma.db.alert.findMany({ where: { policyChangeId: result.id }, orderBy: { tenantId: 'asc' } }),
    );
    const forB = alerts.find((a) => a.tenantId === tenantB)!;
    const reasons = forB.reasons as { via: string; text: string; fromText?: { field: string; text: string } }[];
    expect(reasons[0]!.fromText).toMatchObject({ field: 'body' });
    expect(reasons[0]!.text).toContain(reasonText.foundInText('body'));
    // Tenant A watches Dy and HS 2846: the text names neither, so A gets nothing
    expect(alerts.map((a) => a.tenantId)).toEqual([tenantB]);
  });

  it('keeps the matching index until a watch, supplier or tenant status changes, whatever made the change', async () => {
    const cache = moduleRef.get(TenantIndexCache);
    let n = 0;
    // A gallium measure: no tenant watches Ga at first.
    const gallium = (): PolicyChangeDto => ({
      ...no18,
      externalId: `MOFCOM-GAC-2023-23-${++n}`,
      title: 'Export licences required for gallium and germanium items',
      summary: '',
      reference: 'MOFCOM/GAC Announcement 2023 No. 23',
      elements: ['Ga'],
      controlEntries: [],
      hsCodes: [],
    });
    const alertedTenants = async (id: string) =>
      (await all(() => prisma.db.alert.findMany({ where: { policyChangeId: id } }))).map((a) => a.tenantId);

    // Each ingestion waits for nothing but its overlay; `settled` lets the test count the background rebuilds.
    const ingest = async () => {
      const id = (await events.ingestPolicyChange(gallium())).id;
      await cache.settled();
      return id;
    };
    expect(await alertedTenants(await ingest())).toEqual([]);
    const built = cache.builds;
    const overlays = cache.overlays;
    expect(await alertedTenants(await ingest())).toEqual([]);
    expect(cache.builds).toBe(built); // nothing changed: the same index served the second event
    expect(cache.overlays).toBe(overlays);

    // Changes made straight in the database (no service told the cache): the triggers' counter still moves.
    const watch = await all(() =>
      prisma.db.watchlistItem.create({
        data: { tenantId: tenantB, kind: 'ELEMENT', elementSymbol: 'Ga', watchKey: 'ELEMENT:Ga:' },
      }),
    );
    expect(await alertedTenants(await ingest())).toEqual([tenantB]);
    expect(cache.overlays).toBe(overlays + 1); // tenant B matched apart, the rest by the built index
    expect(cache.builds).toBe(built + 1); // and the whole index rebuilt once, in the background

    await all(() => prisma.db.tenant.update({ where: { id: tenantB }, data: { status: 'SUSPENDED' } }));
    expect(await alertedTenants(await ingest())).toEqual([]);
    await all(() => prisma.db.tenant.update({ where: { id: tenantB }, data: { status: 'ACTIVE' } }));
    expect(await alertedTenants(await ingest())).toEqual([tenantB]);

    await all(() => prisma.db.watchlistItem.delete({ where: { id: watch.id } }));
    expect(await alertedTenants(await ingest())).toEqual([]);
    expect(cache.builds).toBe(built + 4);

    // A new supplier: the next permit event naming it reaches tenant B.
    await all(() =>
      prisma.db.supplier.create({
        data: { tenantId: tenantB, legalNameEn: 'Zhuzhou Smelter Group Co., Ltd.', aliases: [], tickers: [] },
      }),
    );
    const permit = await events.ingestPermitEvent({
      ...jlMagLicence,
      externalId: 'zhuzhou-licence',
      exporterName: 'Zhuzhou Smelter Group Co., Ltd.',
    });
    await cache.settled();
    expect(
      await all(() => prisma.db.alert.findMany({ where: { permitEventId: permit.id } })).then((a) =>
        a.map((x) => x.tenantId),
      ),
    ).toEqual([tenantB]);
    expect(cache.builds).toBe(built + 5);
  });

  it("counts profile changes per tenant: one tenant's writes raise its own counter only, once per statement", async () => {
    const cache = moduleRef.get(TenantIndexCache);
    const counters = async () =>
      new Map(
        (await prisma.db.matchingProfileVersion.findMany()).map((r) => [r.tenantId, r.version] as [string, bigint]),
      );
    const ingest = async (id: string) => {
      await events.ingestPolicyChange({ ...no18, externalId: `per-tenant-${id}` });
      await cache.settled();
    };
    await ingest('warm-up');
    const built = cache.builds;

    const before = await counters();
    await all(() =>
      prisma.db.watchlistItem.createMany({
        data: ['Ga', 'Ge', 'Sb'].map((elementSymbol) => ({
          tenantId: tenantB,
          kind: 'ELEMENT' as const,
          elementSymbol,
          watchKey: `ELEMENT:${elementSymbol}:`,
        })),
      }),
    );
    const after = await counters();
    expect(after.get(tenantB)).toBe((before.get(tenantB) ?? 0n) + 1n); // three rows, one statement: raised once
    expect(after.get(tenantA)).toBe(before.get(tenantA));
    await ingest('after-insert');
    expect(cache.builds).toBe(built + 1);

    // One statement touching two tenants raises each once.
    await all(() => prisma.db.supplier.updateMany({ where: {}, data: { country: 'CN' } }));
    const both = await counters();
    expect([both.get(tenantA), both.get(tenantB)]).toEqual([after.get(tenantA)! + 1n, after.get(tenantB)! + 1n]);
    await ingest('after-update');
    expect(cache.builds).toBe(built + 2);

    // A tenant's name is not what matching reads; an update that touches no row raises nothing.
    await all(() => prisma.db.tenant.update({ where: { id: tenantA }, data: { name: 'Alpha renamed' } }));
    await all(() =>
      prisma.db.watchlistItem.updateMany({
        where: { tenantId: tenantA, note: 'no such note' },
        data: { note: 'never written' },
      }),
    );
    expect(await counters()).toEqual(both);
    await ingest('unchanged');
    expect(cache.builds).toBe(built + 2);

    // A buyer's decision, then a TRUNCATE (no rows to name: the nil UUID's row is raised).
    const supplierId = (await all(() => prisma.db.supplier.findFirstOrThrow({ where: { tenantId: tenantA } }))).id;
    await all(() =>
      prisma.db.supplierNameDecision.create({
        data: { tenantId: tenantA, supplierId, name: 'JL Mag', nameKey: 'jl mag', decision: 'CONFIRMED' },
      }),
    );
    await ingest('after-decision');
    expect(cache.builds).toBe(built + 3);
    await prisma.db.$executeRawUnsafe('TRUNCATE "SupplierNameDecision"');
    expect((await counters()).get('00000000-0000-0000-0000-000000000000')).toBeGreaterThan(
      both.get('00000000-0000-0000-0000-000000000000') ?? 0n,
    );
    await ingest('after-truncate');
    expect(cache.builds).toBe(built + 4);
  });
});

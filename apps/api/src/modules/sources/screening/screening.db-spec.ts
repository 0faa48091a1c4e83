import type { TestingModule } from '@nestjs/testing';
import { PrismaService } from '../../../database/prisma.service.js';
import { crossTenant } from '../../../database/tenant-scope.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../testing/databases.js';
import { createTestingModule } from '../../../testing/test-app.js';
import { SupplierDecisionsService } from '../../supplier-decisions/supplier-decisions.service.js';
import { TenantsService } from '../../tenants/tenants.service.js';
import { SourcesService } from '../sources.service.js';
import { ScreeningService } from './screening.service.js';
import { filePayload, fixture } from '../testing.js';
import { reasonText } from '../../../testing/reason-text.js';

const json = fixture('screening/fixtures/csl.json');
const csv = fixture('screening/fixtures/csl.csv');
const buyer = (slug: string) => ({ email: `buyer@${slug}.example`, name: `Buyer ${slug}`, role: 'BUYER' as const });

describe.each(ENGINES)('screening lists on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let sources: SourcesService;
  let prisma: PrismaService;
  let tenants: TenantsService;
  const alerts = () =>
    crossTenant('test assertions', () => prisma.db.alert.findMany({ orderBy: { createdAt: 'asc' } }));

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url });
    sources = moduleRef.get(SourcesService);
    prisma = moduleRef.get(PrismaService);
    tenants = moduleRef.get(TenantsService);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('imports the list and alerts the tenants whose supplier appears on the Entity List, however written, and no other tenant', async () => {
    const a = await tenants.provision({
      slug: 'pumps',
      name: 'Pumps',
      users: [buyer('pumps')],
      watches: [],
      suppliers: [{ legalNameEn: 'JSC Volgogradneftemash', country: 'RU' }],
    });
    await tenants.provision({
      slug: 'other',
      name: 'Other',
      users: [buyer('other')],
      watches: [],
      suppliers: [{ legalNameEn: 'Volgograd Tractor Plant' }],
    });
    // Written otherwise than on the list (word order, legal form): the resolver still finds it.
    const c = await tenants.provision({
      slug: 'valves',
      name: 'Valves',
      users: [buyer('valves')],
      watches: [],
      suppliers: [{ legalNameEn: 'Volgogradneftemash, OAO', country: 'RU' }],
    });
    const report = await sources.replay('us-csl', filePayload(json));
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 1, itemsNew: 1, errors: [] });
    const all = await alerts();
    expect(all.map((x) => x.tenantId).sort()).toEqual([a.id, c.id].sort());
    const alert = all.find((x) => x.tenantId === a.id);
    expect(alert).toMatchObject({ tenantId: a.id, severity: 'CRITICAL', policyChangeId: null, permitEventId: null });
    expect(alert!.title).toMatch(
      /^Your supplier appears on the Entity List \(EL\) - Bureau of Industry and Security: OAO Volgogradneftemash/,
    );
    const entry = await prisma.db.screeningEntry.findUniqueOrThrow({ where: { id: alert!.screeningEntryId! } });
    expect(entry.name).toMatch(/^OAO Volgogradneftemash/);
    expect((alert!.reasons as { via: string; text: string }[])[0]).toMatchObject({
      via: 'SUPPLIER_SCREENING',
      text: reasonText.screening(
        'JSC Volgogradneftemash',
        'Entity List (EL) - Bureau of Industry and Security',
        entry.name,
        'its English legal name',
        'the listed name "JSC Volgogradneftemash"',
        0.98,
      ),
      score: 0.98,
      evidence: ['same name: volgogradneftemash (+0.98)'],
    });
    const deliveries = await prisma.db.emailDelivery.findMany({ where: { tenantId: a.id } });
    expect(deliveries.map((d) => [d.recipient, (d.payload as { event: { type: string } }).event.type])).toEqual([
      ['buyer@pumps.example', 'SCREENING_HIT'],
    ]);
  });

  it('the same list again changes nothing and alerts nobody again', async () => {
    const report = await sources.replay('us-csl', filePayload(json));
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 1, itemsNew: 0 });
    expect(await alerts()).toHaveLength(2);
  });

  it('when the list changes, every supplier is screened again: a tenant added since is alerted too', async () => {
    const late = await tenants.provision({
      slug: 'late',
      name: 'Late',
      users: [buyer('late')],
      watches: [],
      suppliers: [{ legalNameEn: 'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash' }],
    });
    const report = await sources.replay('us-csl', filePayload(csv, 'text/csv')); // adds the DPL row
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 2, itemsNew: 1 });
    const all = await alerts();
    expect(all.map((x) => x.tenantId)).toEqual([expect.any(String), expect.any(String), late.id]);
    expect(await prisma.db.emailDelivery.count({ where: { tenantId: late.id } })).toBe(1);
  });

  it('a complete list without an entry marks it removed; a broken list changes nothing and is visible', async () => {
    await sources.replay('us-csl', filePayload(json)); // the DPL row is gone
    expect(await prisma.db.screeningEntry.count({ where: { removedAt: { not: null } } })).toBe(1);
    const broken = await sources.replay('us-csl', filePayload(json.slice(0, 300)));
    expect(broken).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/not valid JSON/) });
    expect(await prisma.db.screeningEntry.count({ where: { removedAt: null } })).toBe(1);
    expect((await prisma.db.source.findUniqueOrThrow({ where: { name: 'us-csl' } })).lastError).toMatch(
      /not valid JSON/,
    );
  });

  it('a supplier that may be the listed entity gets a LOW alert asking to confirm; a rejection holds for later screenings', async () => {
    const maybe = await tenants.provision({
      slug: 'maybe',
      name: 'Maybe',
      users: [buyer('maybe')],
      watches: [],
      suppliers: [{ legalNameEn: 'Volgogradneftemash Russia LLC' }],
    });
    const control = await tenants.provision({
      slug: 'control',
      name: 'Control',
      users: [buyer('control')],
      watches: [],
      suppliers: [{ legalNameEn: 'Volgogradneftemash Russia LLC' }],
    });
    const screening = moduleRef.get(ScreeningService);
    expect(await screening.rescreenAll()).toBe(2);
    const [possible] = (await alerts()).filter((x) => x.tenantId === maybe.id);
    expect(possible).toMatchObject({
      severity: 'LOW',
      title: expect.stringMatching(/^Possible match: your supplier may appear on the Entity List/),
    });
    const reason = (
      possible!.reasons as { via: string; text: string; matched: { value: string }; subject: { supplierId: string } }[]
    )[0]!;
    expect(reason).toMatchObject({
      via: 'SUPPLIER_POSSIBLE',
      matched: { value: 'JSC Volgogradneftemash' },
      text: expect.stringMatching(/confirm or reject it$/),
    });

    // The buyer rejects it: the same name on another list later reaches the control tenant only.
    await moduleRef
      .get(SupplierDecisionsService)
      .decide(maybe.id, { supplierId: reason.subject.supplierId, name: reason.matched.value, decision: 'REJECTED' });
    const meu = {
      ...JSON.parse(json).results[0],
      id: 'meu-1',
      source: 'Military End User (MEU) List - Bureau of Industry and Security',
      name: 'JSC Volgogradneftemash',
      alt_names: [],
    };
    const report = await sources.replay(
      'us-csl',
      filePayload(JSON.stringify({ results: [JSON.parse(json).results[0], meu] })),
    );
    expect(report).toMatchObject({ outcome: 'ok', itemsNew: 1 });
    const onMeu = (await alerts()).filter(
      (x) => x.title.includes('(MEU)') && [maybe.id, control.id].includes(x.tenantId),
    );
    expect(onMeu.map((x) => [x.tenantId, x.severity])).toEqual([[control.id, 'LOW']]);
  });
});

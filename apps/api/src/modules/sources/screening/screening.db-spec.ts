import type { TestingModule } from '@nestjs/testing';
import { PrismaService } from '../../../database/prisma.service.js';
import { crossTenant } from '../../../database/tenant-scope.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../testing/databases.js';
import { createTestingModule } from '../../../testing/test-app.js';
import { TenantsService } from '../../tenants/tenants.service.js';
import { SourcesService } from '../sources.service.js';
import { filePayload, fixture } from '../testing.js';

const json = fixture('screening/fixtures/csl.json');
const csv = fixture('screening/fixtures/csl.csv');
const buyer = (slug: string) => ({ email: `buyer@${slug}.example`, name: `Buyer ${slug}`, role: 'BUYER' as const });

describe.each(ENGINES)('screening lists on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let sources: SourcesService;
  let prisma: PrismaService;
  let tenants: TenantsService;
  const alerts = () => crossTenant('test assertions', () => prisma.db.alert.findMany({ orderBy: { createdAt: 'asc' } }));

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

  it("imports the list and alerts the tenant whose supplier appears on the Entity List, and no other tenant", async () => {
    const a = await tenants.provision({ slug: 'pumps', name: 'Pumps', users: [buyer('pumps')], watches: [], suppliers: [{ legalNameEn: 'JSC Volgogradneftemash', country: 'RU' }] });
    await tenants.provision({ slug: 'other', name: 'Other', users: [buyer('other')], watches: [], suppliers: [{ legalNameEn: 'Volgograd Tractor Plant' }] });
    const report = await sources.replay('us-csl', filePayload(json));
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 1, itemsNew: 1, errors: [] });
    const [alert, ...rest] = await alerts();
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ tenantId: a.id, severity: 'CRITICAL', policyChangeId: null, permitEventId: null });
    expect(alert!.title).toMatch(/^Your supplier appears on the Entity List \(EL\) - Bureau of Industry and Security: OAO Volgogradneftemash/);
    expect((alert!.reasons as { via: string; text: string }[])[0]).toMatchObject({
      via: 'SUPPLIER_SCREENING',
      text: expect.stringMatching(/^Your supplier JSC Volgogradneftemash appears on the Entity List \(EL\) - Bureau of Industry and Security as "OAO Volgogradneftemash/),
    });
    const deliveries = await prisma.db.emailDelivery.findMany({ where: { tenantId: a.id } });
    expect(deliveries.map((d) => [d.recipient, (d.payload as { event: { type: string } }).event.type])).toEqual([['buyer@pumps.example', 'SCREENING_HIT']]);
  });

  it('the same list again changes nothing and alerts nobody again', async () => {
    const report = await sources.replay('us-csl', filePayload(json));
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 1, itemsNew: 0 });
    expect(await alerts()).toHaveLength(1);
  });

  it('when the list changes, every supplier is screened again: a tenant added since is alerted too', async () => {
    const late = await tenants.provision({ slug: 'late', name: 'Late', users: [buyer('late')], watches: [], suppliers: [{ legalNameEn: 'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash' }] });
    const report = await sources.replay('us-csl', filePayload(csv, 'text/csv')); // adds the DPL row
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 2, itemsNew: 1 });
    const all = await alerts();
    expect(all.map((x) => x.tenantId)).toEqual([expect.any(String), late.id]);
    expect(await prisma.db.emailDelivery.count({ where: { tenantId: late.id } })).toBe(1);
  });

  it('a complete list without an entry marks it removed; a broken list changes nothing and is visible', async () => {
    await sources.replay('us-csl', filePayload(json)); // the DPL row is gone
    expect(await prisma.db.screeningEntry.count({ where: { removedAt: { not: null } } })).toBe(1);
    const broken = await sources.replay('us-csl', filePayload(json.slice(0, 300)));
    expect(broken).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/not valid JSON/) });
    expect(await prisma.db.screeningEntry.count({ where: { removedAt: null } })).toBe(1);
    expect((await prisma.db.source.findUniqueOrThrow({ where: { name: 'us-csl' } })).lastError).toMatch(/not valid JSON/);
  });
});

import { NotFoundException } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { FieldValidationException } from '../../common/validation.js';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { jlMagLicence, magnetMaker } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { EventsService } from '../events/events.service.js';
import { ExposureService } from '../exposure/exposure.service.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { SupplierDecisionsService } from './supplier-decisions.service.js';
import { reasonText } from '../../testing/reason-text.js';

describe.each(ENGINES)('supplier-name decisions on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let events: EventsService;
  let decisions: SupplierDecisionsService;
  let prisma: PrismaService;
  let tenantA: string;
  let tenantB: string;
  let neoA: string;
  let n = 0;

  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);
  const permit = (exporterName: string) =>
    events.ingestPermitEvent({ ...jlMagLicence, externalId: `decision-test-${++n}`, status: 'REVOKED', exporterName });
  const alertsOf = async (eventId: string) =>
    all(() => prisma.db.alert.findMany({ where: { permitEventId: eventId }, orderBy: { tenantId: 'asc' } }));

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url });
    events = moduleRef.get(EventsService);
    decisions = moduleRef.get(SupplierDecisionsService);
    prisma = moduleRef.get(PrismaService);
    const tenants = moduleRef.get(TenantsService);
    const setup = magnetMaker('alpha');
    setup.suppliers.push({ legalNameEn: 'Neo Performance Materials Inc.', tickers: ['TSX:NEO'] });
    tenantA = (await tenants.provision(setup)).id;
    tenantB = (await tenants.provision(magnetMaker('beta'))).id;
    neoA = (await prisma.db.supplier.findFirst({
      where: { tenantId: tenantA, legalNameEn: 'Neo Performance Materials Inc.' },
    }))!.id;
  });
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('alerts a possible match at LOW severity, then remembers a confirmation and a rejection for that name', async () => {
    const first = await permit('Neo Materials');
    const [possible] = await alertsOf(first.id);
    expect(possible).toMatchObject({ tenantId: tenantA, severity: 'LOW' });
    const reason = (possible!.reasons as { via: string; nameKey: string; matched: { value: string } }[])[0]!;
    expect(reason.via).toBe('SUPPLIER_POSSIBLE');

    const confirmed = await decisions.decide(tenantA, {
      supplierId: neoA,
      name: reason.matched.value,
      decision: 'CONFIRMED',
    });
    expect(confirmed).toMatchObject({ supplierId: neoA, nameKey: reason.nameKey, decision: 'CONFIRMED' });
    expect(confirmed.decidedAt).toMatch(/Z$/);
    // Another spelling of the same name: now a match, rated by the permit status.
    const second = await permit('NEO MATERIALS CO., LTD.');
    const [match] = await alertsOf(second.id);
    expect(match).toMatchObject({ tenantId: tenantA, severity: 'CRITICAL' });
    expect((match!.reasons as { via: string; text: string }[])[0]!.text).toContain(reasonText.confirmedByBuyer);

    await decisions.decide(tenantA, { supplierId: neoA, name: 'Neo Materials', decision: 'REJECTED' });
    expect(await decisions.list(tenantA)).toHaveLength(1);
    const third = await permit('Neo Materials');
    expect(await alertsOf(third.id)).toEqual([]);
  });

  it('a rejected possible match leaves the exposure (the alert stays as history); a confirmed one stays in it', async () => {
    const exposure = moduleRef.get(ExposureService);
    const event = await permit('Neo Perf Materials');
    const [possible] = await alertsOf(event.id);
    expect(possible).toMatchObject({ tenantId: tenantA });
    const reason = (possible!.reasons as { via: string; matched: { value: string } }[])[0]!;
    expect(reason.via).toBe('SUPPLIER_POSSIBLE');
    const shown = async () => {
      const view = await exposure.exposure(tenantA);
      return JSON.stringify(view).includes(possible!.id);
    };
    expect(await shown()).toBe(true);
    await decisions.decide(tenantA, { supplierId: neoA, name: reason.matched.value, decision: 'REJECTED' });
    expect(await shown()).toBe(false);
    expect(await alertsOf(event.id)).toHaveLength(1); // history kept
    await decisions.decide(tenantA, { supplierId: neoA, name: reason.matched.value, decision: 'CONFIRMED' });
    expect(await shown()).toBe(true);
  });

  it('refuses another tenant’s supplier (404) and bad input (400 naming the field), writing nothing', async () => {
    const before = await all(() => prisma.db.supplierNameDecision.count());
    await expect(
      decisions.decide(tenantB, { supplierId: neoA, name: 'Neo Materials', decision: 'REJECTED' }),
    ).rejects.toBeInstanceOf(NotFoundException);
    const bad = await decisions
      .decide(tenantA, { supplierId: neoA, name: 'Co., Ltd.', decision: 'MAYBE' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(FieldValidationException);
    expect((bad as FieldValidationException).errors.map((e) => e.field)).toEqual(['name', 'decision']);
    expect(await all(() => prisma.db.supplierNameDecision.count())).toBe(before);
    expect(await decisions.list(tenantB)).toEqual([]);
  });
});

import type { TestingModule } from '@nestjs/testing';
import { PrismaService } from '../../database/prisma.service.js';
import { TenantScopeViolation } from '../../database/tenant-scope.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { createTestingModule } from '../../testing/test-app.js';
import { EventsService } from '../events/events.service.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { PartsImpactService } from './parts-impact.service.js';
import { PartsRepository } from './parts.repository.js';

/** Parts on both databases: bulk writes, tenant scoping, decimals, and the impact of an ingested event (issue 15). */
describe.each(ENGINES)('parts on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let tenantId: string;
  let otherId: string;
  let supplierId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url });
    prisma = moduleRef.get(PrismaService);
    tenantId = (await moduleRef.get(TenantsService).provision(magnetMaker('dbparts'))).id;
    otherId = (await moduleRef.get(TenantsService).provision(magnetMaker('dbother'))).id;
    supplierId = (await prisma.db.supplier.findFirstOrThrow({ where: { tenantId }, select: { id: true } })).id;
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('stores many parts with their lists in one statement per table; decimals come back exact', async () => {
    const repo = moduleRef.get(PartsRepository);
    const product = await repo.createProduct(tenantId, { code: 'P-1', name: 'Product', description: null });
    const rows = Array.from({ length: 1500 }, (_, i) => ({
      part: {
        partNumber: `BULK-${i}`,
        description: null,
        hsCode: '8505111000',
        sites: ['Leipzig'],
        unitMass: null,
        unitMassUnit: null,
        annualQuantity: 1000,
        quantityUnit: 'PCS' as const,
        annualSpend: '1234567.8901',
        currency: i % 2 ? 'EUR' : 'JPY',
      },
      materials: [
        {
          elementSymbol: 'Dy',
          materialForm: 'NDFEB_MAGNET',
          massPerUnit: 1.25,
          massUnit: 'G' as const,
          massFraction: null,
        },
      ],
      suppliers: [{ supplierId, shareOfVolume: 0.3333 }],
      products: [{ productId: product.id, quantityPerProduct: 2.5 }],
    }));
    expect(await repo.createParts(tenantId, rows)).toBe(1500);
    expect(await prisma.db.partMaterial.count({ where: { tenantId } })).toBe(1500);
    expect(await prisma.db.partProduct.count({ where: { tenantId, productId: product.id } })).toBe(1500);
    const one = await prisma.db.part.findFirstOrThrow({
      where: { tenantId, partNumber: 'BULK-7' },
      include: { materials: true, suppliers: true, products: true },
    });
    expect(one.annualSpend!.toString()).toBe('1234567.8901');
    expect(one.materials[0]!.massPerUnit!.toString()).toBe('1.25');
    expect(one.suppliers[0]!.shareOfVolume!.toString()).toBe('0.3333');
    expect(one.products[0]!.quantityPerProduct.toString()).toBe('2.5');
    // The part number is unique per tenant; another tenant may use it.
    await expect(repo.createParts(tenantId, [rows[0]!])).rejects.toThrow();
    expect(await repo.createParts(otherId, [{ part: rows[0]!.part }])).toBe(1);
  });

  it('refuses queries on parts, their lists and products that do not name the tenant', async () => {
    await expect(prisma.db.part.findMany({})).rejects.toThrow(TenantScopeViolation);
    await expect(prisma.db.partMaterial.findMany({})).rejects.toThrow(TenantScopeViolation);
    await expect(prisma.db.partSupplier.findMany({})).rejects.toThrow(TenantScopeViolation);
    await expect(prisma.db.product.findMany({})).rejects.toThrow(TenantScopeViolation);
    await expect(prisma.db.partProduct.findMany({})).rejects.toThrow(TenantScopeViolation);
    // Deleting a supplier removes it from the parts (not the parts).
    const before = await prisma.db.part.count({ where: { tenantId } });
    await prisma.db.supplier.delete({ where: { id: supplierId, tenantId } });
    expect(await prisma.db.partSupplier.count({ where: { tenantId } })).toBe(0);
    expect(await prisma.db.part.count({ where: { tenantId } })).toBe(before);
  });

  it("an ingested Dy control reaches the tenant's parts in its transaction; the impact sums per currency", async () => {
    const result = await moduleRef.get(EventsService).ingestPolicyChange({
      source: 'test',
      externalId: 'db-dy',
      jurisdiction: 'CN',
      issuer: 'MOFCOM',
      action: 'IMPOSED',
      title: 'Dysprosium control',
      elements: ['Dy'],
    } as never);
    expect(result.alerts).toBeGreaterThan(0);
    const alert = await prisma.db.alert.findFirstOrThrow({
      where: { tenantId, policyChange: { externalId: 'db-dy' } },
      select: { id: true, policyChangeId: true, permitEventId: true, reasons: true },
    });
    const impact = (await moduleRef.get(PartsImpactService).ofAlerts(tenantId, [alert])).get(alert.id)!;
    expect(impact.parts).toBe(1500);
    expect(impact.products).toBe(1);
    // 750 parts x 1,234,567.8901 in each currency: exact, and never summed across EUR and JPY.
    expect(impact.annualSpend).toEqual([
      { amount: '925925917.58', currency: 'EUR' },
      { amount: '925925918', currency: 'JPY' },
    ]);
    // 1.25 g x 1,000 x 1,500 parts = 1,875 kg.
    expect(impact.elementMass).toEqual([{ symbol: 'Dy', kgPerYear: '1875.000', parts: 1500, partsWithUnknownMass: 0 }]);
    const email = await prisma.db.emailDelivery.findFirstOrThrow({
      where: { tenantId, alertId: alert.id },
      select: { payload: true },
    });
    expect((email.payload as { impact?: { headline: string } }).impact?.headline).toBe(
      '1500 parts in 1 product, EUR 926 M + JPY 926 M annual spend',
    );
  });
});

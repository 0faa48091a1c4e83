import type { INestApplicationContext } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Principal } from '../modules/auth/principal.js';
import { type CreatePartDto } from '../modules/parts/parts.dto.js';
import { PartsService } from '../modules/parts/parts.service.js';

/** The demo's bill of materials file (apps/api/demo/demo-bom.json): facts with their sources, illustrative figures. */
export interface DemoBom {
  suppliers: { legalNameEn: string; country: string; tickers?: string[] }[];
  products: { code: string; name: string }[];
  parts: (Omit<CreatePartDto, 'suppliers' | 'products' | 'materials'> & {
    materials: (NonNullable<CreatePartDto['materials']>[number] & { fact?: string })[];
    suppliers?: { name: string; shareOfVolume?: number }[];
    products?: { code: string; quantityPerProduct: number }[];
  })[];
}

/**
 * Loads the demo bill of materials into a tenant through PartsService (validated and audited like the API), as the
 * tenant admin: suppliers missing from the tenant, products and parts not there yet. Idempotent.
 * @returns how many parts were added.
 */
export async function loadDemoBom(app: INestApplicationContext, tenantId: string, bom: DemoBom): Promise<number> {
  const db = app.get(PrismaService).db;
  const parts = app.get(PartsService);
  const admin = await db.user.findFirst({ where: { tenantId, role: 'TENANT_ADMIN' }, select: { id: true } });
  const principal: Principal = {
    kind: 'user',
    userId: admin?.id ?? null,
    tokenId: null,
    sessionId: null,
    tenantId,
    role: 'TENANT_ADMIN',
  };
  for (const s of bom.suppliers)
    if (!(await db.supplier.findFirst({ where: { tenantId, legalNameEn: s.legalNameEn } })))
      await db.supplier.create({ data: { tenantId, aliases: [], tickers: s.tickers ?? [], ...s } });
  const suppliers = new Map(
    (await db.supplier.findMany({ where: { tenantId }, select: { id: true, legalNameEn: true } })).map((s) => [
      s.legalNameEn,
      s.id,
    ]),
  );
  for (const p of bom.products)
    if (!(await db.product.findFirst({ where: { tenantId, code: p.code } })))
      await parts.createProduct(principal, tenantId, p);
  const products = new Map(
    (await db.product.findMany({ where: { tenantId }, select: { id: true, code: true } })).map((p) => [p.code, p.id]),
  );
  let added = 0;
  for (const p of bom.parts) {
    if (await db.part.findFirst({ where: { tenantId, partNumber: p.partNumber } })) continue;
    await parts.createPart(principal, tenantId, {
      ...p,
      materials: p.materials.map(({ fact: _fact, ...m }) => m),
      suppliers: p.suppliers?.map((s) => ({ supplierId: suppliers.get(s.name)!, shareOfVolume: s.shareOfVolume })),
      products: p.products?.map((x) => ({
        productId: products.get(x.code)!,
        quantityPerProduct: x.quantityPerProduct,
      })),
    });
    added++;
  }
  return added;
}

import { Injectable } from '@nestjs/common';
import { uuid7 } from '../../common/uuid7.js';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** What a stored part is read with: materials in order, suppliers and products with their names. */
export const PART_INCLUDE = {
  materials: { orderBy: { position: 'asc' } },
  suppliers: { include: { supplier: { select: { legalNameEn: true } } }, orderBy: { supplierId: 'asc' } },
  products: { include: { product: { select: { code: true, name: true } } }, orderBy: { productId: 'asc' } },
} satisfies Prisma.PartInclude;

export type PartRow = Prisma.PartGetPayload<{ include: typeof PART_INCLUDE }>;

/** The rows of one part to write: the part and its lists (ids of suppliers and products already checked). */
export interface PartWrite {
  part: {
    partNumber: string;
    description: string | null;
    hsCode: string | null;
    sites: string[];
    unitMass: number | null;
    unitMassUnit: 'MG' | 'G' | 'KG' | null;
    annualQuantity: number | null;
    quantityUnit: 'PCS' | 'KG';
    annualSpend: string | null;
    currency: string | null;
  };
  materials?: {
    elementSymbol: string | null;
    materialForm: string | null;
    massPerUnit: number | null;
    massUnit: 'MG' | 'G' | 'KG' | null;
    massFraction: number | null;
  }[];
  suppliers?: { supplierId: string; shareOfVolume: number | null }[];
  products?: { productId: string; quantityPerProduct: number }[];
}

/** A tenant's parts and products. Every query names the tenant. */
@Injectable()
export class PartsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
  ) {}

  listParts(tenantId: string, take: number, afterId?: string) {
    return this.prisma.db.part.findMany({
      where: { tenantId, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
      include: PART_INCLUDE,
    });
  }

  findPart(tenantId: string, id: string) {
    return this.prisma.db.part.findFirst({ where: { tenantId, id }, include: PART_INCLUDE });
  }

  findPartByNumber(tenantId: string, partNumber: string) {
    return this.prisma.db.part.findFirst({ where: { tenantId, partNumber }, select: { id: true } });
  }

  /** Every part number of the tenant with its id (for duplicate checks of an import). */
  async partNumbers(tenantId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.db.part.findMany({ where: { tenantId }, select: { id: true, partNumber: true } });
    return new Map(rows.map((r) => [r.partNumber, r.id]));
  }

  /** Which of `ids` are the tenant's suppliers. */
  async supplierIds(tenantId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.prisma.db.supplier.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  /** Which of `ids` are the tenant's products. */
  async productIds(tenantId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.prisma.db.product.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  /** English legal name → supplier id, for imports (a name several suppliers share maps to null: ambiguous). */
  async supplierNames(tenantId: string): Promise<Map<string, string | null>> {
    const rows = await this.prisma.db.supplier.findMany({
      where: { tenantId },
      select: { id: true, legalNameEn: true },
    });
    const out = new Map<string, string | null>();
    for (const r of rows) {
      const key = r.legalNameEn.trim().toLowerCase();
      out.set(key, out.has(key) ? null : r.id);
    }
    return out;
  }

  /** Product code → id, for imports. */
  async productCodes(tenantId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.db.product.findMany({ where: { tenantId }, select: { id: true, code: true } });
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Creates a part with its lists in one transaction. */
  async createPart(tenantId: string, w: PartWrite): Promise<PartRow> {
    const id = uuid7();
    await this.transactions.run(
      async (tx) => {
        await tx.part.create({ data: { id, tenantId, ...w.part } });
        await this.writeLists(tx, tenantId, id, w);
      },
      { label: 'PartsRepository.createPart' },
    );
    return (await this.findPart(tenantId, id))!;
  }

  /** Updates a part; each list given replaces the stored one; one transaction. */
  async updatePart(tenantId: string, id: string, part: Partial<PartWrite['part']>, w: Omit<PartWrite, 'part'>) {
    await this.transactions.run(
      async (tx) => {
        // updatedAt moves even when only a list changes: the part index cache keys on it.
        await tx.part.update({ where: { id, tenantId }, data: { ...part, updatedAt: new Date() } });
        if (w.materials) await tx.partMaterial.deleteMany({ where: { tenantId, partId: id } });
        if (w.suppliers) await tx.partSupplier.deleteMany({ where: { tenantId, partId: id } });
        if (w.products) await tx.partProduct.deleteMany({ where: { tenantId, partId: id } });
        await this.writeLists(tx, tenantId, id, w);
      },
      { label: 'PartsRepository.updatePart' },
    );
    return (await this.findPart(tenantId, id))!;
  }

  /** Inserts the given lists (materials, suppliers, products) of one part. */
  private async writeLists(tx: Tx, tenantId: string, partId: string, w: Omit<PartWrite, 'part'>): Promise<void> {
    if (w.materials?.length)
      await tx.partMaterial.createMany({
        data: w.materials.map((m, position) => ({ ...m, tenantId, partId, position })),
      });
    if (w.suppliers?.length)
      await tx.partSupplier.createMany({ data: w.suppliers.map((s) => ({ ...s, tenantId, partId })) });
    if (w.products?.length)
      await tx.partProduct.createMany({ data: w.products.map((p) => ({ ...p, tenantId, partId })) });
  }

  deletePart(tenantId: string, id: string) {
    return this.prisma.db.part.delete({ where: { id, tenantId } });
  }

  /**
   * Stores many parts with their lists: one INSERT ... SELECT FROM json_to_recordset per table, in one transaction
   * (all or nothing), as the watchlist import does (cheap on PGlite, whose queries run on the event loop thread).
   * @returns how many parts were stored.
   */
  async createParts(tenantId: string, rows: PartWrite[]): Promise<number> {
    const parts: unknown[] = [];
    const materials: unknown[] = [];
    const suppliers: unknown[] = [];
    const products: unknown[] = [];
    for (const w of rows) {
      const id = uuid7();
      parts.push({ id, tenantId, ...w.part });
      for (const [position, m] of (w.materials ?? []).entries())
        materials.push({ id: uuid7(), tenantId, partId: id, position, ...m });
      for (const s of w.suppliers ?? []) suppliers.push({ tenantId, partId: id, ...s });
      for (const p of w.products ?? []) products.push({ tenantId, partId: id, ...p });
    }
    return this.transactions.run(
      async (tx) => {
        const n = await tx.$executeRaw`
        INSERT INTO "Part" (id, "tenantId", "partNumber", description, "hsCode", sites, "unitMass", "unitMassUnit",
          "annualQuantity", "quantityUnit", "annualSpend", currency, "updatedAt")
        SELECT id, "tenantId", "partNumber", description, "hsCode", sites, "unitMass", "unitMassUnit",
          "annualQuantity", "quantityUnit", "annualSpend", currency, now()
        FROM json_to_recordset(${JSON.stringify(parts)}::json) AS x(id uuid, "tenantId" uuid, "partNumber" text,
          description text, "hsCode" text, sites text[], "unitMass" numeric, "unitMassUnit" "MassUnit",
          "annualQuantity" numeric, "quantityUnit" "QuantityUnit", "annualSpend" numeric, currency text)`;
        await tx.$executeRaw`
        INSERT INTO "PartMaterial" (id, "tenantId", "partId", "elementSymbol", "materialForm", "massPerUnit", "massUnit",
          "massFraction", position)
        SELECT id, "tenantId", "partId", "elementSymbol", "materialForm", "massPerUnit", "massUnit", "massFraction",
          position
        FROM json_to_recordset(${JSON.stringify(materials)}::json) AS x(id uuid, "tenantId" uuid, "partId" uuid,
          "elementSymbol" text, "materialForm" text, "massPerUnit" numeric, "massUnit" "MassUnit",
          "massFraction" numeric, position int)`;
        await tx.$executeRaw`
        INSERT INTO "PartSupplier" ("tenantId", "partId", "supplierId", "shareOfVolume")
        SELECT "tenantId", "partId", "supplierId", "shareOfVolume"
        FROM json_to_recordset(${JSON.stringify(suppliers)}::json) AS x("tenantId" uuid, "partId" uuid,
          "supplierId" uuid, "shareOfVolume" numeric)`;
        await tx.$executeRaw`
        INSERT INTO "PartProduct" ("tenantId", "partId", "productId", "quantityPerProduct")
        SELECT "tenantId", "partId", "productId", "quantityPerProduct"
        FROM json_to_recordset(${JSON.stringify(products)}::json) AS x("tenantId" uuid, "partId" uuid,
          "productId" uuid, "quantityPerProduct" numeric)`;
        return n;
      },
      { label: 'PartsRepository.createParts' },
    );
  }

  listProducts(tenantId: string, take: number, afterId?: string) {
    return this.prisma.db.product.findMany({
      where: { tenantId, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
      include: { _count: { select: { parts: true } } },
    });
  }

  findProduct(tenantId: string, id: string) {
    return this.prisma.db.product.findFirst({
      where: { tenantId, id },
      include: { _count: { select: { parts: true } } },
    });
  }

  findProductByCode(tenantId: string, code: string) {
    return this.prisma.db.product.findFirst({ where: { tenantId, code }, select: { id: true } });
  }

  createProduct(tenantId: string, data: { code: string; name: string; description: string | null }) {
    return this.prisma.db.product.create({
      data: { ...data, tenantId },
      include: { _count: { select: { parts: true } } },
    });
  }

  updateProduct(tenantId: string, id: string, data: { code?: string; name?: string; description?: string }) {
    return this.prisma.db.product.update({
      where: { id, tenantId },
      data,
      include: { _count: { select: { parts: true } } },
    });
  }

  deleteProduct(tenantId: string, id: string) {
    return this.prisma.db.product.delete({ where: { id, tenantId } });
  }

  /** Reference element symbols and material form codes (for validation). */
  async reference(): Promise<{ elements: Set<string>; forms: Set<string> }> {
    const [elements, forms] = await Promise.all([
      this.prisma.db.element.findMany({ select: { symbol: true } }),
      this.prisma.db.materialForm.findMany({ select: { code: true } }),
    ]);
    return { elements: new Set(elements.map((e) => e.symbol)), forms: new Set(forms.map((f) => f.code)) };
  }

  /**
   * A page of the tenant's parts with only what the watchlist coverage needs (part number, HS code, each material's
   * element and form), by id after `after`. For {@link PartsService.watchGaps}.
   */
  partContents(tenantId: string, take: number, after?: string) {
    return this.prisma.db.part.findMany({
      where: { tenantId, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take,
      select: {
        id: true,
        partNumber: true,
        hsCode: true,
        materials: { select: { elementSymbol: true, materialForm: true } },
      },
    });
  }

  /** The tenant's ELEMENT and HS_CODE watches, as the coverage reads them (symbols; HS prefixes, digits only). */
  async watchTargets(tenantId: string): Promise<{ elements: Set<string>; hsPrefixes: string[] }> {
    const rows = await this.prisma.db.watchlistItem.findMany({
      where: { tenantId, kind: { in: ['ELEMENT', 'HS_CODE'] } },
      select: { kind: true, elementSymbol: true, hsPrefix: true },
    });
    return {
      elements: new Set(rows.flatMap((w) => (w.kind === 'ELEMENT' && w.elementSymbol ? [w.elementSymbol] : []))),
      hsPrefixes: rows.flatMap((w) => (w.kind === 'HS_CODE' && w.hsPrefix ? [w.hsPrefix] : [])),
    };
  }
}

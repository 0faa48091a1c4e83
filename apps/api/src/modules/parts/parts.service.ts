import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Once } from '../../common/once.js';
import { FieldValidationException, type FieldError } from '../../common/validation.js';
import { isUniqueViolation } from '../../database/errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { ImportJobView, ImportOutcome, ImportSpec, RecordSource } from '../imports/imports.service.js';
import { ImportsService } from '../imports/imports.service.js';
import { decodeCursor, encodeCursor } from '../watchlist/watchlist.service.js';
import {
  type CreatePartDto,
  type CreateProductDto,
  ImportPartRowDto,
  type PartMaterialInputDto,
  type UpdatePartDto,
  type UpdateProductDto,
} from './parts.dto.js';
import { PART_COLUMNS, partRowToPlain, readXlsxRecords } from './parts-import.js';
import { type PartContents, type WatchGap, watchGaps } from './watch-gaps.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { CsvText } from '../watchlist/csv-import.js';
import { type PartRow, type PartWrite, PartsRepository } from './parts.repository.js';
import { currencyDigits, fromScaled, toScaled } from '../../common/quantities.js';

type Reference = { elements: Set<string>; forms: Set<string> };

/** 409 for a part number (or product code) the tenant already has, naming the existing row's id. */
function duplicate(what: string, value: string, existingId: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `${what} ${value} already exists: ${existingId}`,
    existingId,
  });
}

const str = (d: { toString(): string } | null | undefined) => (d === null || d === undefined ? null : d.toString());

/** A stored part as the API shows it (PartDto): decimals as strings, money as `{ amount, currency }`. */
export function partView(p: PartRow) {
  return {
    id: p.id,
    tenantId: p.tenantId,
    partNumber: p.partNumber,
    description: p.description,
    hsCode: p.hsCode,
    sites: p.sites,
    unitMass: str(p.unitMass),
    unitMassUnit: p.unitMassUnit,
    annualQuantity: p.annualQuantity === null ? null : { amount: str(p.annualQuantity)!, unit: p.quantityUnit },
    annualSpend:
      p.annualSpend === null || !p.currency
        ? null
        : { amount: fromScaled(toScaled(p.annualSpend), currencyDigits(p.currency)), currency: p.currency },
    materials: p.materials.map((m) => ({
      elementSymbol: m.elementSymbol,
      materialForm: m.materialForm,
      massPerUnit: str(m.massPerUnit),
      massUnit: m.massUnit,
      massFraction: str(m.massFraction),
    })),
    suppliers: p.suppliers.map((s) => ({
      supplierId: s.supplierId,
      name: s.supplier.legalNameEn,
      shareOfVolume: str(s.shareOfVolume),
    })),
    products: p.products.map((x) => ({
      productId: x.productId,
      code: x.product.code,
      name: x.product.name,
      quantityPerProduct: str(x.quantityPerProduct)!,
    })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function productView(p: {
  id: string;
  tenantId: string;
  code: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  _count: { parts: number };
}) {
  const { _count, ...rest } = p;
  return {
    ...rest,
    partCount: _count.parts,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/**
 * Checks a part beyond its DTO (synchronous, so that imports check many rows without a query each): elements and
 * material forms known; a material names an element or a form; `massPerUnit` with `massUnit`, not with
 * `massFraction`; a fraction needs the part's `unitMass`; `unitMass` with `unitMassUnit`; `annualSpend` with
 * `currency`; suppliers and products listed once; shares of volume summing to at most 1.
 * @returns the field errors (empty when valid), each naming its field (e.g. `materials[1].elementSymbol`).
 */
export function partShapeErrors(
  dto: Partial<CreatePartDto>,
  ref: Reference,
  stored?: { unitMass: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, messages: [message] });
  // A part bought by mass (KG) takes fractions of that mass; a part counted in pieces needs its unit mass.
  const hasUnitMass = dto.unitMass !== undefined || (stored?.unitMass ?? false) || dto.quantityUnit === 'KG';
  for (const [i, m] of (dto.materials ?? []).entries()) materialErrors(m, `materials[${i}]`, ref, hasUnitMass, err);
  if ((dto.unitMass === undefined) !== (dto.unitMassUnit === undefined))
    err(dto.unitMass === undefined ? 'unitMass' : 'unitMassUnit', 'unitMass and unitMassUnit go together');
  if ((dto.annualSpend === undefined) !== (dto.currency === undefined))
    err(dto.annualSpend === undefined ? 'annualSpend' : 'currency', 'annualSpend and currency (ISO 4217) go together');
  const ids = new Set<string>();
  let share = 0;
  for (const [i, s] of (dto.suppliers ?? []).entries()) {
    if (ids.has(s.supplierId)) err(`suppliers[${i}].supplierId`, 'supplierId is listed twice');
    ids.add(s.supplierId);
    share += s.shareOfVolume ?? 0;
  }
  if (share > 1.0001) err('suppliers', `the shares of volume add up to ${share.toFixed(4)}, more than 1`);
  const products = new Set<string>();
  for (const [i, p] of (dto.products ?? []).entries()) {
    if (products.has(p.productId)) err(`products[${i}].productId`, 'productId is listed twice');
    products.add(p.productId);
  }
  return errors;
}

function materialErrors(
  m: PartMaterialInputDto,
  at: string,
  ref: Reference,
  hasUnitMass: boolean,
  err: (field: string, message: string) => void,
) {
  if (!m.elementSymbol && !m.materialForm) err(at, `${at} must name an elementSymbol, a materialForm or both`);
  if (m.elementSymbol && !ref.elements.has(m.elementSymbol))
    err(`${at}.elementSymbol`, `elementSymbol ${m.elementSymbol} is not an element Lodestone knows (GET /v1/elements)`);
  if (m.materialForm && !ref.forms.has(m.materialForm))
    err(
      `${at}.materialForm`,
      `materialForm ${m.materialForm} is not a material form Lodestone knows (GET /v1/material-forms)`,
    );
  if ((m.massPerUnit === undefined) !== (m.massUnit === undefined))
    err(m.massPerUnit === undefined ? `${at}.massPerUnit` : `${at}.massUnit`, 'massPerUnit and massUnit go together');
  if (m.massPerUnit !== undefined && m.massFraction !== undefined)
    err(`${at}.massFraction`, 'give massPerUnit or massFraction, not both');
  if (m.massFraction !== undefined && !hasUnitMass)
    err(`${at}.massFraction`, "massFraction needs the part's unitMass and unitMassUnit (or quantityUnit KG)");
}

/** Parts and products of a tenant (issue 15, docs/parts.md); changes are audited like the watchlist's. */
@Injectable()
export class PartsService {
  private readonly reference = new Once(() => this.repository.reference());

  constructor(
    private readonly repository: PartsRepository,
    private readonly audit: AuditService,
    private readonly imports: ImportsService,
    private readonly referenceData: ReferenceService,
  ) {}

  /**
   * What the tenant's parts contain that its watchlist does not cover ({@link watchGaps}): alerts come from watches
   * and suppliers, so a part whose element or HS subheading no watch covers can be reached by a measure without an
   * alert. Parts are read 5,000 at a time, yielding between pages.
   * @returns `{ gaps: WatchGap[], partsRead }` (gaps: elements first, then 6-digit HS subheadings, most parts first).
   */
  async watchGaps(tenantId: string): Promise<{ gaps: WatchGap[]; partsRead: number }> {
    const [ref, watches] = await Promise.all([this.referenceData.data(), this.repository.watchTargets(tenantId)]);
    const parts: PartContents[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.repository.partContents(tenantId, 5000, after);
      parts.push(...page);
      if (page.length < 5000) break;
      after = page[page.length - 1]!.id;
      await new Promise(setImmediate);
    }
    return { gaps: watchGaps(parts, watches, ref), partsRead: parts.length };
  }

  /**
   * Element symbols and material form codes of the reference data (read once; the reference is seeded at start; a
   * failed read is forgotten, so the next call reads again). @throws the database error of a failed read.
   */
  ref(): Promise<Reference> {
    return this.reference.get();
  }

  /**
   * A page of the tenant's parts, oldest first (keyset on the UUIDv7 id).
   * @returns `{ items: PartDto[], nextCursor }`; 400 naming `cursor` when it is not a previous page's.
   */
  async listParts(tenantId: string, limit: number, cursor?: string) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 1)[0];
    const rows = await this.repository.listParts(tenantId, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(partView), nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
  }

  /** @throws NotFoundException (404) when the part is not this tenant's. */
  async getPart(tenantId: string, id: string) {
    return partView(await this.partRow(tenantId, id));
  }

  private async partRow(tenantId: string, id: string) {
    const part = await this.repository.findPart(tenantId, id);
    if (!part) throw new NotFoundException('Part not found');
    return part;
  }

  /** Field errors for supplier and product ids that are not the tenant's. */
  private async ownershipErrors(tenantId: string, dto: Partial<CreatePartDto>): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const suppliers = await this.repository.supplierIds(
      tenantId,
      (dto.suppliers ?? []).map((s) => s.supplierId),
    );
    for (const [i, s] of (dto.suppliers ?? []).entries())
      if (!suppliers.has(s.supplierId))
        errors.push({ field: `suppliers[${i}].supplierId`, messages: ['no supplier of this tenant has this id'] });
    const products = await this.repository.productIds(
      tenantId,
      (dto.products ?? []).map((p) => p.productId),
    );
    for (const [i, p] of (dto.products ?? []).entries())
      if (!products.has(p.productId))
        errors.push({ field: `products[${i}].productId`, messages: ['no product of this tenant has this id'] });
    return errors;
  }

  /**
   * Adds a part with its materials, suppliers and products.
   * @throws FieldValidationException (400) naming bad fields; ConflictException (409 with `existingId`) for a part
   *   number the tenant already has.
   */
  async createPart(principal: Principal, tenantId: string, dto: CreatePartDto) {
    const errors = [...partShapeErrors(dto, await this.ref()), ...(await this.ownershipErrors(tenantId, dto))];
    if (errors.length) throw new FieldValidationException(errors);
    const partNumber = dto.partNumber.trim();
    const existing = await this.repository.findPartByNumber(tenantId, partNumber);
    if (existing) throw duplicate('Part number', partNumber, existing.id);
    const row = await this.repository.createPart(tenantId, partWrite(dto)).catch(async (error: unknown) => {
      const winner = isUniqueViolation(error) ? await this.repository.findPartByNumber(tenantId, partNumber) : null;
      throw winner ? duplicate('Part number', partNumber, winner.id) : error;
    });
    const part = partView(row);
    await this.audit.record(null, principal, 'part.create', { type: 'part', id: part.id, tenantId }, { after: part });
    return part;
  }

  /**
   * Changes a part; a list given (materials, suppliers, products) replaces the stored one.
   * @throws NotFoundException (404); FieldValidationException (400); ConflictException (409) for a part number taken.
   */
  async updatePart(principal: Principal, tenantId: string, id: string, dto: UpdatePartDto) {
    const beforeRow = await this.partRow(tenantId, id);
    const before = partView(beforeRow);
    const errors = [
      ...partShapeErrors(
        {
          ...dto,
          // pairs are checked on the merged part: a PATCH may change one half of a pair
          unitMass: dto.unitMass ?? (beforeRow.unitMass === null ? undefined : Number(beforeRow.unitMass)),
          unitMassUnit: dto.unitMassUnit ?? beforeRow.unitMassUnit ?? undefined,
          annualSpend: dto.annualSpend ?? before.annualSpend?.amount,
          currency: dto.currency ?? beforeRow.currency ?? undefined,
          quantityUnit: dto.quantityUnit ?? beforeRow.quantityUnit,
        },
        await this.ref(),
      ),
      ...(await this.ownershipErrors(tenantId, dto)),
    ];
    if (errors.length) throw new FieldValidationException(errors);
    if (dto.partNumber !== undefined && dto.partNumber.trim() !== beforeRow.partNumber) {
      const other = await this.repository.findPartByNumber(tenantId, dto.partNumber.trim());
      if (other) throw duplicate('Part number', dto.partNumber.trim(), other.id);
    }
    const w = partWrite({ ...dto, partNumber: dto.partNumber ?? beforeRow.partNumber } as CreatePartDto);
    const fields: Partial<PartWrite['part']> = {};
    for (const k of Object.keys(w.part) as (keyof PartWrite['part'])[])
      if ((dto as Record<string, unknown>)[k] !== undefined) (fields as Record<string, unknown>)[k] = w.part[k];
    const row = await this.repository.updatePart(tenantId, id, fields, {
      materials: dto.materials ? w.materials : undefined,
      suppliers: dto.suppliers ? w.suppliers : undefined,
      products: dto.products ? w.products : undefined,
    });
    const after = partView(row);
    await this.audit.record(null, principal, 'part.update', { type: 'part', id, tenantId }, { before, after });
    return after;
  }

  /** @throws NotFoundException (404) when the part is not this tenant's. */
  async deletePart(principal: Principal, tenantId: string, id: string) {
    const before = await this.getPart(tenantId, id);
    await this.repository.deletePart(tenantId, id);
    await this.audit.record(null, principal, 'part.delete', { type: 'part', id, tenantId }, { before });
  }

  /** A page of the tenant's products, oldest first: `{ items: ProductDto[], nextCursor }`. */
  async listProducts(tenantId: string, limit: number, cursor?: string) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 1)[0];
    const rows = await this.repository.listProducts(tenantId, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(productView), nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
  }

  /** @throws NotFoundException (404) when the product is not this tenant's. */
  async getProduct(tenantId: string, id: string) {
    const p = await this.repository.findProduct(tenantId, id);
    if (!p) throw new NotFoundException('Product not found');
    return productView(p);
  }

  /** @throws ConflictException (409 with `existingId`) for a product code the tenant already has. */
  async createProduct(principal: Principal, tenantId: string, dto: CreateProductDto) {
    const code = dto.code.trim();
    const existing = await this.repository.findProductByCode(tenantId, code);
    if (existing) throw duplicate('Product code', code, existing.id);
    const row = await this.repository
      .createProduct(tenantId, { code, name: dto.name.trim(), description: dto.description ?? null })
      .catch(async (error: unknown) => {
        const winner = isUniqueViolation(error) ? await this.repository.findProductByCode(tenantId, code) : null;
        throw winner ? duplicate('Product code', code, winner.id) : error;
      });
    const product = productView(row);
    await this.audit.record(
      null,
      principal,
      'product.create',
      { type: 'product', id: product.id, tenantId },
      { after: product },
    );
    return product;
  }

  /** @throws NotFoundException (404); ConflictException (409) for a code taken by another product. */
  async updateProduct(principal: Principal, tenantId: string, id: string, dto: UpdateProductDto) {
    const before = await this.getProduct(tenantId, id);
    if (dto.code !== undefined && dto.code.trim() !== before.code) {
      const other = await this.repository.findProductByCode(tenantId, dto.code.trim());
      if (other) throw duplicate('Product code', dto.code.trim(), other.id);
    }
    const after = productView(
      await this.repository.updateProduct(tenantId, id, { ...dto, ...(dto.code ? { code: dto.code.trim() } : {}) }),
    );
    await this.audit.record(null, principal, 'product.update', { type: 'product', id, tenantId }, { before, after });
    return after;
  }

  /** Deletes a product (its part links go with it; the parts stay). @throws NotFoundException (404). */
  async deleteProduct(principal: Principal, tenantId: string, id: string) {
    const before = await this.getProduct(tenantId, id);
    await this.repository.deleteProduct(tenantId, id);
    await this.audit.record(null, principal, 'product.delete', { type: 'product', id, tenantId }, { before });
  }

  /**
   * Starts an import of parts from CSV text or an XLSX workbook (first worksheet) as an import job (see
   * {@link ImportsService}: dry run, all-or-nothing unless `partial`, progress on GET /v1/imports/:id, batches that
   * yield to the event loop). Columns: {@link PART_COLUMNS}; `materials` as `FORM:SYMBOL=MASS` tokens separated by
   * ";" (parts-import.ts), `suppliers` as `English legal name=share` (the tenant's suppliers), `products` as
   * `code=quantity per product` (the tenant's products). A part number already stored or repeated in the file is
   * skipped (an error with `skipped: true`).
   */
  async importParts(
    principal: Principal,
    tenantId: string,
    file: { csv: CsvText } | { xlsx: Buffer },
    opts: { dryRun: boolean; partial: boolean },
  ): Promise<{ job: ImportJobView; done: Promise<ImportOutcome> }> {
    const ref = await this.ref();
    const [supplierNames, productCodes] = await Promise.all([
      this.repository.supplierNames(tenantId),
      this.repository.productCodes(tenantId),
    ]);
    const spec: ImportSpec<ImportPartRowDto> = {
      kind: 'PARTS',
      columns: PART_COLUMNS,
      cls: ImportPartRowDto,
      toPlain: partRowToPlain,
      extraErrors: (dto) => {
        const errors = partShapeErrors(dto, ref);
        const suppliers: { supplierId: string; shareOfVolume?: number }[] = [];
        const products: { productId: string; quantityPerProduct: number }[] = [];
        for (const s of dto.supplierNames ?? []) {
          const id = supplierNames.get(s.name.trim().toLowerCase());
          if (id === undefined)
            errors.push({
              field: 'suppliers',
              messages: [`no supplier of this tenant is named "${s.name}" (English legal name)`],
            });
          else if (id === null)
            errors.push({
              field: 'suppliers',
              messages: [`several suppliers are named "${s.name}": add them one by one through the API`],
            });
          else suppliers.push({ supplierId: id, shareOfVolume: s.shareOfVolume });
        }
        for (const p of dto.productCodes ?? []) {
          const id = productCodes.get(p.code.trim());
          if (id === undefined)
            errors.push({
              field: 'products',
              messages: [`no product of this tenant has code "${p.code}" (add it with POST /v1/products)`],
            });
          else products.push({ productId: id, quantityPerProduct: p.quantityPerProduct });
        }
        if (suppliers.length) dto.suppliers = suppliers;
        if (products.length) dto.products = products;
        if (!errors.length) errors.push(...partShapeErrors({ suppliers, products }, ref));
        return errors;
      },
      rowCheck: async () => {
        const stored = await this.repository.partNumbers(tenantId);
        const seen = new Map<string, number>();
        return (dto, line) => {
          const pn = dto.partNumber.trim();
          const id = stored.get(pn);
          if (id) return { field: 'partNumber', reason: `duplicate of the stored part ${id}` };
          const earlier = seen.get(pn);
          if (earlier) return { field: 'partNumber', reason: `duplicate of line ${earlier}` };
          seen.set(pn, line);
          return null;
        };
      },
      writeBatch: (rows) => this.repository.createParts(tenantId, rows.map(partWrite)),
      onStored: async (count, importId) => {
        await this.audit.record(
          null,
          principal,
          'part.import',
          { type: 'part', id: null, tenantId },
          { after: { imported: count, importId } },
        );
      },
    };
    const source: CsvText | RecordSource =
      'csv' in file ? file.csv : (slicer) => readXlsxRecords(file.xlsx, PART_COLUMNS, slicer);
    return this.imports.start(tenantId, spec, source, opts);
  }
}

/** The rows to store for a valid part. */
export function partWrite(dto: CreatePartDto): PartWrite {
  return {
    part: {
      partNumber: dto.partNumber.trim(),
      description: dto.description?.trim() || null,
      hsCode: dto.hsCode ?? null,
      sites: dto.sites ?? [],
      unitMass: dto.unitMass ?? null,
      unitMassUnit: dto.unitMassUnit ?? null,
      annualQuantity: dto.annualQuantity ?? null,
      quantityUnit: dto.quantityUnit ?? 'PCS',
      annualSpend: dto.annualSpend ?? null,
      currency: dto.currency ?? null,
    },
    materials: dto.materials?.map((m) => ({
      elementSymbol: m.elementSymbol ?? null,
      materialForm: m.materialForm ?? null,
      massPerUnit: m.massPerUnit ?? null,
      massUnit: m.massUnit ?? null,
      massFraction: m.massFraction ?? null,
    })),
    suppliers: dto.suppliers?.map((s) => ({ supplierId: s.supplierId, shareOfVolume: s.shareOfVolume ?? null })),
    products: dto.products?.map((p) => ({ productId: p.productId, quantityPerProduct: p.quantityPerProduct })),
  };
}

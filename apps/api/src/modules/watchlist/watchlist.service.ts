import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { isUniqueViolation } from '../../database/errors.js';
import { FieldValidationException, type FieldError } from '../../common/validation.js';
import { normalizeEntryCode } from '../../matching/normalize.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ExposureService } from '../exposure/exposure.service.js';
import { type CsvImportReport, parseCsvRows, splitList } from './csv-import.js';
import { CreateSupplierDto, CreateWatchDto, type UpdateSupplierDto, type UpdateWatchDto } from './watchlist.dto.js';
import { WatchlistRepository } from './watchlist.repository.js';
import { splitDuplicateWatches, watchKey, type WatchDuplicate } from './watch-identity.js';

/** 409 for a watch the tenant already has: names the existing watch's id (message and `existingId`). */
function duplicateWatch(existingId: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `This watch already exists (same kind, value and jurisdiction): ${existingId}`,
    existingId,
  });
}

const FIELD_OF_KIND = { ELEMENT: 'elementSymbol', HS_CODE: 'hsPrefix', CONTROL_ENTRY: 'controlEntry' } as const;

/** Watchlist items and suppliers of a tenant; changes are audited. */
@Injectable()
export class WatchlistService {
  constructor(
    private readonly repository: WatchlistRepository,
    private readonly audit: AuditService,
    private readonly exposure: ExposureService,
  ) {}

  /**
   * Checks a watch beyond its DTO: the field of its kind is present, the others absent, and an element symbol is in
   * the reference data (GET /v1/elements).
   * @returns the field errors (empty when valid).
   */
  async watchErrors(dto: CreateWatchDto): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const needed = FIELD_OF_KIND[dto.kind];
    for (const field of Object.values(FIELD_OF_KIND)) {
      const value = dto[field];
      if (field === needed && !value)
        errors.push({ field, messages: [`${field} is required when kind is ${dto.kind}`] });
      if (field !== needed && value)
        errors.push({ field, messages: [`${field} must be empty when kind is ${dto.kind}`] });
    }
    if (dto.kind === 'ELEMENT' && dto.elementSymbol && !(await this.repository.elementExists(dto.elementSymbol))) {
      errors.push({
        field: 'elementSymbol',
        messages: [`elementSymbol ${dto.elementSymbol} is not an element Lodestone knows (see GET /v1/elements)`],
      });
    }
    return errors;
  }

  listWatches(tenantId: string) {
    return this.repository.listWatches(tenantId);
  }

  /** @throws NotFoundException (404) when the item is not this tenant's. */
  async getWatch(tenantId: string, id: string) {
    const watch = await this.repository.findWatch(tenantId, id);
    if (!watch) throw new NotFoundException('Watchlist item not found');
    return watch;
  }

  /**
   * Adds a watch. Control-list entry codes are canonicalised (e.g. "1c902" → "1C902").
   * @throws FieldValidationException (400) naming bad fields.
   * @throws ConflictException (409, body `{ statusCode, error, message, existingId }`) when the tenant already watches
   *   the same kind, value (normalised as matching reads it) and jurisdiction.
   */
  async createWatch(principal: Principal, tenantId: string, dto: CreateWatchDto) {
    const errors = await this.watchErrors(dto);
    if (errors.length) throw new FieldValidationException(errors);
    const data = this.watchData(dto);
    const existing = await this.repository.findWatchByKey(tenantId, data.watchKey);
    if (existing) throw duplicateWatch(existing.id);
    const watch = await this.repository.createWatch(tenantId, data).catch(async (error: unknown) => {
      // A concurrent request stored the same watch between the check and the insert.
      const winner = isUniqueViolation(error) ? await this.repository.findWatchByKey(tenantId, data.watchKey) : null;
      throw winner ? duplicateWatch(winner.id) : error;
    });
    await this.audit.record(
      principal,
      'watchlist.create',
      { type: 'watchlist-item', id: watch.id, tenantId },
      { after: watch },
    );
    await this.exposure.backfill(undefined, tenantId, { watchIds: [watch.id] }); // what already applies to it
    return watch;
  }

  /** The row to store for a valid watch, with its identity ({@link watchKey}). */
  watchData(dto: CreateWatchDto) {
    const row = {
      kind: dto.kind,
      elementSymbol: dto.elementSymbol ?? null,
      hsPrefix: dto.hsPrefix ?? null,
      controlEntry: dto.controlEntry ? normalizeEntryCode(dto.controlEntry) : null,
      jurisdiction: dto.jurisdiction ?? null,
      note: dto.note ?? null,
    };
    return { ...row, watchKey: watchKey(row) };
  }

  /**
   * Changes a watch's jurisdiction filter or note.
   * @throws NotFoundException (404) when not this tenant's; ConflictException (409 with `existingId`) when the new
   *   jurisdiction makes it the same watch as another one.
   */
  async updateWatch(principal: Principal, tenantId: string, id: string, dto: UpdateWatchDto) {
    const before = await this.getWatch(tenantId, id);
    const key =
      dto.jurisdiction !== undefined ? watchKey({ ...before, jurisdiction: dto.jurisdiction }) : before.watchKey;
    if (key !== before.watchKey) {
      const other = await this.repository.findWatchByKey(tenantId, key);
      if (other && other.id !== id) throw duplicateWatch(other.id);
    }
    const after = await this.repository
      .updateWatch(tenantId, id, { ...dto, watchKey: key })
      .catch(async (error: unknown) => {
        const winner = isUniqueViolation(error) ? await this.repository.findWatchByKey(tenantId, key) : null;
        throw winner ? duplicateWatch(winner.id) : error;
      });
    await this.audit.record(principal, 'watchlist.update', { type: 'watchlist-item', id, tenantId }, { before, after });
    await this.exposure.backfill(undefined, tenantId, { watchIds: [id] }); // a wider jurisdiction may reach more
    return after;
  }

  async deleteWatch(principal: Principal, tenantId: string, id: string) {
    const before = await this.getWatch(tenantId, id);
    await this.repository.deleteWatch(tenantId, id);
    await this.audit.record(principal, 'watchlist.delete', { type: 'watchlist-item', id, tenantId }, { before });
  }

  listSuppliers(tenantId: string) {
    return this.repository.listSuppliers(tenantId);
  }

  /** @throws NotFoundException (404) when the supplier is not this tenant's. */
  async getSupplier(tenantId: string, id: string) {
    const supplier = await this.repository.findSupplier(tenantId, id);
    if (!supplier) throw new NotFoundException('Supplier not found');
    return supplier;
  }

  async createSupplier(principal: Principal, tenantId: string, dto: CreateSupplierDto) {
    const supplier = await this.repository.createSupplier(tenantId, this.supplierData(dto));
    await this.audit.record(
      principal,
      'supplier.create',
      { type: 'supplier', id: supplier.id, tenantId },
      { after: supplier },
    );
    await this.exposure.backfill(undefined, tenantId, { supplierIds: [supplier.id] }); // what already applies to it
    return supplier;
  }

  /** The row to store for a valid supplier. */
  supplierData(dto: CreateSupplierDto) {
    return {
      legalNameEn: dto.legalNameEn.trim(),
      legalNameZh: dto.legalNameZh?.trim() || null,
      aliases: dto.aliases ?? [],
      country: dto.country ?? null,
      uscc: dto.uscc ?? null,
      lei: dto.lei ?? null,
      tickers: dto.tickers ?? [],
    };
  }

  async updateSupplier(principal: Principal, tenantId: string, id: string, dto: UpdateSupplierDto) {
    const before = await this.getSupplier(tenantId, id);
    const after = await this.repository.updateSupplier(tenantId, id, dto);
    await this.audit.record(principal, 'supplier.update', { type: 'supplier', id, tenantId }, { before, after });
    return after;
  }

  async deleteSupplier(principal: Principal, tenantId: string, id: string) {
    const before = await this.getSupplier(tenantId, id);
    await this.repository.deleteSupplier(tenantId, id);
    await this.audit.record(principal, 'supplier.delete', { type: 'supplier', id, tenantId }, { before });
  }

  /**
   * Imports watchlist items from CSV (columns: kind, elementSymbol, hsPrefix, controlEntry, jurisdiction, note).
   * A dry run stores nothing. Without `partial`, a file with any error stores nothing and is answered 422 with the
   * report; with `partial`, the valid rows are stored and the errors reported. Rows that repeat a stored watch or an
   * earlier row of the file (same kind, normalised value and jurisdiction) are skipped and listed in `duplicates`
   * (also in a dry run); they are not errors.
   * @returns the report `{ dryRun, partial, rows, valid, imported, errors: [{ line, field, reason }], duplicates:
   *   [{ line, duplicateOfLine } | { line, duplicateOfId }] }`.
   * @throws UnprocessableEntityException (422, body: the report) for an invalid file without `partial`.
   */
  async importWatches(
    principal: Principal,
    tenantId: string,
    csv: string,
    opts: { dryRun: boolean; partial: boolean },
  ): Promise<CsvImportReport> {
    const parsed = await parseCsvRows(
      csv,
      { known: ['kind', 'elementSymbol', 'hsPrefix', 'controlEntry', 'jurisdiction', 'note'], required: ['kind'] },
      CreateWatchDto,
      (row) => row,
      (dto) => this.watchErrors(dto),
    );
    const { fresh, duplicates } = await this.skipDuplicateWatches(tenantId, parsed.valid);
    const report = await this.finishImport({ ...parsed, valid: fresh }, opts, async (rows) => {
      const count = await this.repository.createWatches(
        tenantId,
        rows.map((r) => this.watchData(r)),
      );
      await this.audit.record(
        principal,
        'watchlist.import',
        { type: 'watchlist-item', id: null, tenantId },
        { after: { imported: count, duplicatesSkipped: duplicates.length } },
      );
      await this.exposure.backfill(undefined, tenantId, { trigger: 'WATCHES_ADDED' }); // what already applies
      return count;
    }).catch((error: unknown) => {
      const body = error instanceof UnprocessableEntityException ? (error.getResponse() as CsvImportReport) : null;
      if (body) body.duplicates = duplicates;
      throw error;
    });
    return { ...report, valid: parsed.valid.length, duplicates };
  }

  /**
   * The rows of an import that are new for the tenant, and the duplicates to skip and report ({@link
   * splitDuplicateWatches} against the tenant's stored watches).
   */
  async skipDuplicateWatches<T extends { line: number; dto: CreateWatchDto }>(
    tenantId: string,
    rows: T[],
  ): Promise<{ fresh: T[]; duplicates: WatchDuplicate[] }> {
    if (!rows.length) return { fresh: [], duplicates: [] };
    const split = splitDuplicateWatches(rows, await this.repository.watchKeys(tenantId));
    return { fresh: split.fresh as T[], duplicates: split.duplicates };
  }

  /**
   * Imports suppliers from CSV (columns: legalNameEn, legalNameZh, aliases, country, uscc, lei, tickers; several
   * aliases or tickers separated by ";"). Same rules as {@link importWatches}.
   */
  async importSuppliers(
    principal: Principal,
    tenantId: string,
    csv: string,
    opts: { dryRun: boolean; partial: boolean },
  ): Promise<CsvImportReport> {
    const parsed = await parseCsvRows(
      csv,
      {
        known: ['legalNameEn', 'legalNameZh', 'aliases', 'country', 'uscc', 'lei', 'tickers'],
        required: ['legalNameEn'],
      },
      CreateSupplierDto,
      (row) => ({ ...row, aliases: splitList(row.aliases), tickers: splitList(row.tickers) }),
    );
    return this.finishImport(parsed, opts, async (rows) => {
      const count = await this.repository.createSuppliers(
        tenantId,
        rows.map((r) => this.supplierData(r)),
      );
      await this.audit.record(
        principal,
        'supplier.import',
        { type: 'supplier', id: null, tenantId },
        { after: { imported: count } },
      );
      await this.exposure.backfill(undefined, tenantId, { trigger: 'SUPPLIERS_ADDED' }); // what already applies
      return count;
    });
  }

  private async finishImport<T>(
    parsed: { rows: number; valid: { dto: T }[]; errors: CsvImportReport['errors'] },
    opts: { dryRun: boolean; partial: boolean },
    store: (rows: T[]) => Promise<number>,
  ): Promise<CsvImportReport> {
    const report: CsvImportReport = {
      dryRun: opts.dryRun,
      partial: opts.partial,
      rows: parsed.rows,
      valid: parsed.valid.length,
      imported: 0,
      errors: parsed.errors,
    };
    if (opts.dryRun) return report;
    if (parsed.errors.length && !opts.partial) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'The file has errors; nothing was stored (use partial=true to store the valid rows)',
        ...report,
      });
    }
    report.imported = parsed.valid.length ? await store(parsed.valid.map((v) => v.dto)) : 0;
    return report;
  }
}

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isUniqueViolation } from '../../database/errors.js';
import { FieldValidationException, type FieldError } from '../../common/validation.js';
import { normalizeEntryCode } from '../../matching/normalize.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ExposureService } from '../exposure/exposure.service.js';
import { type ImportJobView, type ImportOutcome, type ImportSpec, ImportsService } from '../imports/imports.service.js';
import { type CsvText, splitList } from './csv-import.js';
import { CreateSupplierDto, CreateWatchDto, type UpdateSupplierDto, type UpdateWatchDto } from './watchlist.dto.js';
import { WatchlistRepository } from './watchlist.repository.js';
import { duplicateWatchCheck, watchKey, type WatchDuplicate } from './watch-identity.js';

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
    private readonly imports: ImportsService,
  ) {}

  /**
   * Checks a watch beyond its DTO: the field of its kind is present, the others absent, and an element symbol is in
   * the reference data (GET /v1/elements).
   * @returns the field errors (empty when valid).
   */
  async watchErrors(dto: CreateWatchDto): Promise<FieldError[]> {
    const known =
      dto.kind === 'ELEMENT' && dto.elementSymbol && (await this.repository.elementExists(dto.elementSymbol));
    return watchShapeErrors(dto, () => Boolean(known));
  }

  /**
   * A page of the tenant's watches, oldest first (keyset on the UUIDv7 id).
   * @returns `{ items, nextCursor }`; nextCursor is null on the last page.
   * @throws FieldValidationException (400) naming `cursor` when it is not a previous page's nextCursor.
   */
  async listWatches(tenantId: string, limit: number, cursor?: string) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 1)[0];
    const rows = await this.repository.listWatches(tenantId, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
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
      null,
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
    await this.audit.record(
      null,
      principal,
      'watchlist.update',
      { type: 'watchlist-item', id, tenantId },
      { before, after },
    );
    await this.exposure.backfill(undefined, tenantId, { watchIds: [id] }); // a wider jurisdiction may reach more
    return after;
  }

  async deleteWatch(principal: Principal, tenantId: string, id: string) {
    const before = await this.getWatch(tenantId, id);
    await this.repository.deleteWatch(tenantId, id);
    await this.audit.record(null, principal, 'watchlist.delete', { type: 'watchlist-item', id, tenantId }, { before });
  }

  /**
   * A page of the tenant's suppliers by English legal name (then id).
   * @returns `{ items, nextCursor }`; nextCursor is null on the last page.
   * @throws FieldValidationException (400) naming `cursor` when it is not a previous page's nextCursor.
   */
  async listSuppliers(tenantId: string, limit: number, cursor?: string) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 2);
    const rows = await this.repository.listSuppliers(
      tenantId,
      limit + 1,
      after ? { legalNameEn: after[0]!, id: after[1]! } : undefined,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.legalNameEn, last.id]) : null };
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
      null,
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
    await this.audit.record(null, principal, 'supplier.update', { type: 'supplier', id, tenantId }, { before, after });
    return after;
  }

  async deleteSupplier(principal: Principal, tenantId: string, id: string) {
    const before = await this.getSupplier(tenantId, id);
    await this.repository.deleteSupplier(tenantId, id);
    await this.audit.record(null, principal, 'supplier.delete', { type: 'supplier', id, tenantId }, { before });
  }

  /**
   * Starts an import of watchlist items from CSV (columns: kind, elementSymbol, hsPrefix, controlEntry, jurisdiction,
   * note) as an import job; see {@link ImportsService} for the semantics (dry run, all-or-nothing unless `partial`,
   * batches in file order).
   * Rows that repeat a stored watch or an earlier row of the file (same kind, normalised value and jurisdiction) are
   * skipped (counted as skipped, not as errors) and listed in the report's `duplicates` (also in a dry run). Stored
   * watches are back-matched against the stored events once the import stored rows (the stored rows only, by id;
   * see ExposureService.backfill).
   * @returns the job (QUEUED) and a promise of its outcome; the outcome's report carries `duplicates:
   *   [{ line, duplicateOfLine } | { line, duplicateOfId }]`.
   */
  async importWatches(
    principal: Principal,
    tenantId: string,
    csv: CsvText,
    opts: { dryRun: boolean; partial: boolean },
  ): Promise<{ job: ImportJobView; done: Promise<ImportOutcome> }> {
    const elements = new Set(await this.repository.elementSymbols());
    const duplicates: WatchDuplicate[] = [];
    const stored: string[] = [];
    const spec: ImportSpec<CreateWatchDto> = {
      kind: 'WATCHLIST',
      columns: {
        known: ['kind', 'elementSymbol', 'hsPrefix', 'controlEntry', 'jurisdiction', 'note'],
        required: ['kind'],
      },
      cls: CreateWatchDto,
      toPlain: (row) => row,
      extraErrors: (dto) => watchShapeErrors(dto, (symbol) => elements.has(symbol)),
      rowCheck: async () => {
        const check = duplicateWatchCheck<CreateWatchDto>(await this.repository.watchKeys(tenantId));
        return (dto, line) => {
          const duplicate = check(dto, line);
          if (!duplicate) return null;
          duplicates.push(duplicate);
          const of =
            'duplicateOfId' in duplicate
              ? `the stored watch ${duplicate.duplicateOfId}`
              : `line ${duplicate.duplicateOfLine}`;
          return { field: 'kind', reason: `duplicate of ${of} (same kind, value, jurisdiction)` };
        };
      },
      writeBatch: async (rows) => {
        const ids = await this.repository.createWatches(
          tenantId,
          rows.map((r) => this.watchData(r)),
        );
        stored.push(...ids);
        return ids.length;
      },
      onStored: async (count, importId) => {
        await this.audit.record(
          null,
          principal,
          'watchlist.import',
          { type: 'watchlist-item', id: null, tenantId },
          { after: { imported: count, importId, duplicatesSkipped: duplicates.length } },
        );
        // What already applies to the imported watches (only those: the rest of the tenant was matched before).
        await this.exposure.backfill(undefined, tenantId, { watchIds: stored, trigger: 'WATCHES_ADDED' });
      },
    };
    const started = await this.imports.start(tenantId, spec, csv, opts);
    return {
      job: started.job,
      done: started.done.then((outcome) => ({ ...outcome, report: { ...outcome.report, duplicates } })),
    };
  }

  /**
   * Starts an import of suppliers from CSV (columns: legalNameEn, legalNameZh, aliases, country, uscc, lei, tickers;
   * several aliases or tickers separated by ";"). Same rules as {@link importWatches}.
   */
  async importSuppliers(
    principal: Principal,
    tenantId: string,
    csv: CsvText,
    opts: { dryRun: boolean; partial: boolean },
  ): Promise<{ job: ImportJobView; done: Promise<ImportOutcome> }> {
    const stored: string[] = [];
    const spec: ImportSpec<CreateSupplierDto> = {
      kind: 'SUPPLIERS',
      columns: {
        known: ['legalNameEn', 'legalNameZh', 'aliases', 'country', 'uscc', 'lei', 'tickers'],
        required: ['legalNameEn'],
      },
      cls: CreateSupplierDto,
      toPlain: (row) => ({ ...row, aliases: splitList(row.aliases), tickers: splitList(row.tickers) }),
      writeBatch: async (rows) => {
        const ids = await this.repository.createSuppliers(
          tenantId,
          rows.map((r) => this.supplierData(r)),
        );
        stored.push(...ids);
        return ids.length;
      },
      onStored: async (count, importId) => {
        await this.audit.record(
          null,
          principal,
          'supplier.import',
          { type: 'supplier', id: null, tenantId },
          { after: { imported: count, importId } },
        );
        // What already applies to the imported suppliers (only those).
        await this.exposure.backfill(undefined, tenantId, { supplierIds: stored, trigger: 'SUPPLIERS_ADDED' });
      },
    };
    return this.imports.start(tenantId, spec, csv, opts);
  }
}

/**
 * A watch's shape beyond its DTO: the field of its kind is present, the others absent, and an element symbol is one
 * `knownElement` accepts. Synchronous, so that imports can validate many rows without a query each.
 * @returns the field errors (empty when valid).
 */
export function watchShapeErrors(dto: CreateWatchDto, knownElement: (symbol: string) => boolean): FieldError[] {
  const errors: FieldError[] = [];
  const needed = FIELD_OF_KIND[dto.kind];
  for (const field of Object.values(FIELD_OF_KIND)) {
    const value = dto[field];
    if (field === needed && !value) errors.push({ field, messages: [`${field} is required when kind is ${dto.kind}`] });
    if (field !== needed && value)
      errors.push({ field, messages: [`${field} must be empty when kind is ${dto.kind}`] });
  }
  if (dto.kind === 'ELEMENT' && dto.elementSymbol && !knownElement(dto.elementSymbol)) {
    errors.push({
      field: 'elementSymbol',
      messages: [`elementSymbol ${dto.elementSymbol} is not an element Lodestone knows (see GET /v1/elements)`],
    });
  }
  return errors;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque page cursor: base64url of a JSON array of strings whose last one is a row id. */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** @throws FieldValidationException naming `cursor` when it is not one {@link encodeCursor} made with `n` values. */
export function decodeCursor(cursor: string, n: number): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === n &&
      values.every((v) => typeof v === 'string') &&
      UUID.test(values[n - 1] as string)
    )
      return values as string[];
  } catch {
    // reported below
  }
  throw new FieldValidationException([{ field: 'cursor', messages: ["cursor must be a previous page's nextCursor"] }]);
}

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Headers,
  InternalServerErrorException,
  Query,
  Req,
  Res,
  UnprocessableEntityException,
  applyDecorators,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors, ErrorResponseDto } from '../../common/openapi/errors.js';
import { ImportJobDto, ImportReportDto, SupplierDto, WatchDto } from './watchlist.responses.js';
import type { Request, Response } from 'express';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiPage } from '../../common/openapi/page.js';
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { CreateSupplierDto, CreateWatchDto, UpdateSupplierDto, UpdateWatchDto } from './watchlist.dto.js';
import { readCsvBody } from '../imports/csv-body.js';
import type { ImportJobView, ImportOutcome } from '../imports/imports.service.js';
import { type CsvText, csvTextLength } from './csv-import.js';
import { WatchlistService } from './watchlist.service.js';

/** GET /v1/watchlist and GET /v1/suppliers query: one page of at most `limit` (1-500, default 100) items. */
export class ListPageQueryDto {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500, description: 'page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ description: "the previous page's nextCursor (opaque)" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

/** Query of the CSV import endpoints. */
export class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'validate and report, store nothing' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'store the valid rows even when others have errors' })
  @IsOptional()
  @IsIn(['true', 'false'])
  partial?: string;
}

/**
 * The answers of a CSV import: 200 the report; 422 the error body with the report's fields (nothing stored); 415 when
 * the body is not text/csv.
 */
export function ApiImportResponses(): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({ type: ImportReportDto, description: 'A small file (up to 256 Ki characters): the report' }),
    ApiResponse({
      status: 202,
      type: ImportJobDto,
      description: 'A large file, or Prefer: respond-async: the job; follow Location (GET /v1/imports/:id)',
    }),
    ApiResponse({
      status: 422,
      description: 'The file has errors and partial is not set: nothing stored; the body carries the report',
      schema: { allOf: [{ $ref: getSchemaPath(ErrorResponseDto) }, { $ref: getSchemaPath(ImportReportDto) }] },
    }),
    ApiErrors(413, 415),
  );
}

/** The text/csv body of a watchlist or supplier import (415 otherwise, 413 over 20 MB; see readCsvBody). */
function csvBody(req: Request): Promise<CsvText> {
  return readCsvBody(req, 'Send the file as the request body with Content-Type: text/csv (at most 20 MB)');
}

/** Files up to this many characters are imported while the request waits (200/422); larger ones answer 202. */
export const SYNC_IMPORT_CHARS = 256 * 1024;

/**
 * Answers an import: for a file of at most {@link SYNC_IMPORT_CHARS} characters without `Prefer: respond-async`,
 * waits for the job and sends 200 with the report (422 when the file has errors and nothing was stored, 500 when
 * storing failed, naming the rows stored); otherwise sends 202 with the job and `Location: /v1/imports/:id`.
 */
export async function answerImport(
  res: Response,
  csv: CsvText | { length: number },
  prefer: string | undefined,
  started: { job: ImportJobView; done: Promise<ImportOutcome> },
): Promise<void> {
  if (csvTextLength(csv) > SYNC_IMPORT_CHARS || /\brespond-async\b/i.test(prefer ?? '')) {
    res.status(HttpStatus.ACCEPTED).location(`/v1/imports/${started.job.id}`).json(started.job);
    return;
  }
  const { status, report } = await started.done;
  if (status === 'REJECTED')
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'The file has errors; nothing was stored (use partial=true to store the valid rows)',
      ...report,
    });
  if (status === 'FAILED')
    throw new InternalServerErrorException({
      statusCode: 500,
      error: 'Internal Server Error',
      message: `The import failed after storing ${report.imported} row(s)${report.lastStoredLine ? ` (the valid rows up to line ${report.lastStoredLine})` : ''}`,
      ...report,
    });
  res.status(HttpStatus.OK).json(report);
}

/**
 * The tenant's watchlist: buyers read, tenant admins change. Item: `{ id, tenantId, kind, elementSymbol, hsPrefix,
 * controlEntry, jurisdiction, note, createdAt }`. Another tenant's item is 404.
 */
@ApiTags('watchlist')
@ApiBearerAuth()
@Controller('v1/watchlist')
export class WatchlistController {
  constructor(private readonly watchlist: WatchlistService) {}

  /**
   * GET /v1/watchlist?limit&cursor → `{ items, nextCursor }`, oldest first; `limit` 1-500 (default 100); pass
   * `nextCursor` as `cursor` for the next page (null at the end). 400 naming `limit` or `cursor` when bad.
   */
  @Get()
  @ApiOperation({ summary: "List the tenant's watchlist (cursor pagination)" })
  @ApiPage(WatchDto, 'Oldest first')
  list(@TenantId() tenantId: string, @Query() q: ListPageQueryDto) {
    return this.watchlist.listWatches(tenantId, q.limit ?? 100, q.cursor);
  }

  /** GET /v1/watchlist/:id → one item; 404 when not this tenant's. */
  @Get(':id')
  @ApiOperation({ summary: 'One watchlist item' })
  @ApiOkResponse({ type: WatchDto })
  @ApiErrors(404)
  get(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.watchlist.getWatch(tenantId, id);
  }

  /** POST /v1/watchlist `{ kind, elementSymbol | hsPrefix | controlEntry, jurisdiction?, note? }` → 201 the item; 400 naming bad fields. */
  @Post()
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Watch an element, an HS-code prefix or a control-list entry' })
  @ApiCreatedResponse({ type: WatchDto })
  create(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Body() dto: CreateWatchDto) {
    return this.watchlist.createWatch(p, tenantId, dto);
  }

  /**
   * POST /v1/watchlist/import?dryRun=true|false&partial=true|false, body text/csv (at most 20 MB) with columns kind,
   * elementSymbol, hsPrefix, controlEntry, jurisdiction, note. A file of at most 256 Ki characters (without
   * `Prefer: respond-async`) → 200 `{ importId, status, dryRun, partial, rows, valid, imported, skipped, errorCount,
   * errors: [{ line, field, reason }] (first 1,000), lastStoredLine }`; 422 with the same report when the file has
   * errors and partial is not set (nothing stored). A larger file → 202 with the import job (GET /v1/imports/:id,
   * `Location` header). 415 when the body is not text/csv; 413 over 20 MB. See docs/imports.md.
   */
  @Post('import')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'kind,elementSymbol,hsPrefix\nELEMENT,Dy,\nHS_CODE,,850511' } })
  @ApiOperation({ summary: 'Import watchlist items from CSV (dry run, per-row errors, all-or-nothing unless partial)' })
  @ApiImportResponses()
  async import(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Query() q: ImportQueryDto,
    @Headers('prefer') prefer: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const csv = await csvBody(req);
    const started = await this.watchlist.importWatches(p, tenantId, csv, {
      dryRun: q.dryRun === 'true',
      partial: q.partial === 'true',
    });
    await answerImport(res, csv, prefer, started);
  }

  /** PATCH /v1/watchlist/:id `{ jurisdiction?, note? }` → 200 the item. */
  @Patch(':id')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: "Change a watch's jurisdiction filter or note" })
  @ApiOkResponse({ type: WatchDto })
  @ApiErrors(404)
  update(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateWatchDto,
  ) {
    return this.watchlist.updateWatch(p, tenantId, id, dto);
  }

  /** DELETE /v1/watchlist/:id → 204. */
  @Delete(':id')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Stop watching' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.watchlist.deleteWatch(p, tenantId, id);
  }
}

/**
 * The tenant's suppliers: buyers read, tenant admins change. Supplier: `{ id, tenantId, legalNameEn, legalNameZh,
 * aliases, country, uscc, lei, tickers, createdAt, updatedAt }`. Another tenant's supplier is 404.
 */
@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('v1/suppliers')
export class SuppliersController {
  constructor(private readonly watchlist: WatchlistService) {}

  /**
   * GET /v1/suppliers?limit&cursor → `{ items, nextCursor }` by English legal name; `limit` 1-500 (default 100);
   * pass `nextCursor` as `cursor` for the next page (null at the end). 400 naming `limit` or `cursor` when bad.
   */
  @Get()
  @ApiOperation({ summary: "List the tenant's suppliers (cursor pagination)" })
  @ApiPage(SupplierDto, 'By English legal name')
  list(@TenantId() tenantId: string, @Query() q: ListPageQueryDto) {
    return this.watchlist.listSuppliers(tenantId, q.limit ?? 100, q.cursor);
  }

  /** GET /v1/suppliers/:id → one supplier; 404 when not this tenant's. */
  @Get(':id')
  @ApiOperation({ summary: 'One supplier' })
  @ApiOkResponse({ type: SupplierDto })
  @ApiErrors(404)
  get(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.watchlist.getSupplier(tenantId, id);
  }

  /** POST /v1/suppliers → 201 the supplier; 400 naming bad fields (USCC 18 characters, LEI 20, country ISO alpha-2). */
  @Post()
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Add a supplier' })
  @ApiCreatedResponse({ type: SupplierDto })
  create(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Body() dto: CreateSupplierDto) {
    return this.watchlist.createSupplier(p, tenantId, dto);
  }

  /**
   * POST /v1/suppliers/import?dryRun&partial, body text/csv (at most 20 MB) with columns legalNameEn, legalNameZh,
   * aliases, country, uscc, lei, tickers (aliases and tickers separated by ";") → the import report (200/422) or job
   * (202) as for the watchlist.
   */
  @Post('import')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'legalNameEn,legalNameZh,country\nJL MAG Rare-Earth Co.\\, Ltd.,江西金力永磁科技股份有限公司,CN',
    },
  })
  @ApiOperation({ summary: 'Import suppliers from CSV (dry run, per-row errors, all-or-nothing unless partial)' })
  @ApiImportResponses()
  async import(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Query() q: ImportQueryDto,
    @Headers('prefer') prefer: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const csv = await csvBody(req);
    const started = await this.watchlist.importSuppliers(p, tenantId, csv, {
      dryRun: q.dryRun === 'true',
      partial: q.partial === 'true',
    });
    await answerImport(res, csv, prefer, started);
  }

  /** PATCH /v1/suppliers/:id → 200 the supplier. */
  @Patch(':id')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Change a supplier' })
  @ApiOkResponse({ type: SupplierDto })
  @ApiErrors(404)
  update(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSupplierDto,
  ) {
    return this.watchlist.updateSupplier(p, tenantId, id, dto);
  }

  /** DELETE /v1/suppliers/:id → 204. */
  @Delete(':id')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a supplier' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.watchlist.deleteSupplier(p, tenantId, id);
  }
}

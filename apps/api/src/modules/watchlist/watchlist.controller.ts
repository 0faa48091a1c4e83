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
  Query,
  UnsupportedMediaTypeException,
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
import { ImportReportDto, SupplierDto, WatchDto } from './watchlist.responses.js';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { CreateSupplierDto, CreateWatchDto, UpdateSupplierDto, UpdateWatchDto } from './watchlist.dto.js';
import { WatchlistService } from './watchlist.service.js';

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
function ApiImportResponses(): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({ type: ImportReportDto }),
    ApiResponse({
      status: 422,
      description: 'The file has errors and partial is not set: nothing stored; the body carries the report',
      schema: { allOf: [{ $ref: getSchemaPath(ErrorResponseDto) }, { $ref: getSchemaPath(ImportReportDto) }] },
    }),
    ApiErrors(415),
  );
}

function csvBody(body: unknown): string {
  if (typeof body !== 'string')
    throw new UnsupportedMediaTypeException('Send the file as the request body with Content-Type: text/csv');
  return body;
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

  /** GET /v1/watchlist → the items, oldest first. */
  @Get()
  @ApiOperation({ summary: "List the tenant's watchlist" })
  @ApiOkResponse({ type: [WatchDto], description: 'Oldest first' })
  list(@TenantId() tenantId: string) {
    return this.watchlist.listWatches(tenantId);
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
   * POST /v1/watchlist/import?dryRun=true|false&partial=true|false, body text/csv with columns kind, elementSymbol,
   * hsPrefix, controlEntry, jurisdiction, note → 200 `{ dryRun, partial, rows, valid, imported, errors: [{ line,
   * field, reason }] }`; 422 with the same report when the file has errors and partial is not set (nothing stored);
   * 415 when the body is not text/csv.
   */
  @Post('import')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'kind,elementSymbol,hsPrefix\nELEMENT,Dy,\nHS_CODE,,850511' } })
  @ApiOperation({ summary: 'Import watchlist items from CSV (dry run, per-row errors, all-or-nothing unless partial)' })
  @ApiImportResponses()
  import(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Query() q: ImportQueryDto,
    @Body() body: unknown,
  ) {
    return this.watchlist.importWatches(p, tenantId, csvBody(body), {
      dryRun: q.dryRun === 'true',
      partial: q.partial === 'true',
    });
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

  /** GET /v1/suppliers → the suppliers by English legal name. */
  @Get()
  @ApiOperation({ summary: "List the tenant's suppliers" })
  @ApiOkResponse({ type: [SupplierDto], description: 'By English legal name' })
  list(@TenantId() tenantId: string) {
    return this.watchlist.listSuppliers(tenantId);
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
   * POST /v1/suppliers/import?dryRun&partial, body text/csv with columns legalNameEn, legalNameZh, aliases, country,
   * uscc, lei, tickers (aliases and tickers separated by ";") → the import report as for the watchlist.
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
  import(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Query() q: ImportQueryDto,
    @Body() body: unknown,
  ) {
    return this.watchlist.importSuppliers(p, tenantId, csvBody(body), {
      dryRun: q.dryRun === 'true',
      partial: q.partial === 'true',
    });
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

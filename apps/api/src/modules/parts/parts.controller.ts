import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { readCsvBody } from '../imports/csv-body.js';
import { XLSX_CONTENT_TYPE } from '../../common/content-types.js';
import { ApiErrors } from '../../common/openapi/errors.js';
import { ApiPage } from '../../common/openapi/page.js';
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import {
  ApiImportResponses,
  answerImport,
  ImportQueryDto,
  ListPageQueryDto,
} from '../watchlist/watchlist.controller.js';
import { CreatePartDto, CreateProductDto, UpdatePartDto, UpdateProductDto } from './parts.dto.js';
import { PartDto, ProductDto, WatchGapsDto } from './parts.responses.js';
import { PartsService } from './parts.service.js';

/**
 * The tenant's parts (bill of materials, issue 15): buyers read, tenant admins change (as the watchlist). Part:
 * `{ id, tenantId, partNumber, description, hsCode, sites, unitMass, unitMassUnit, annualQuantity: { amount, unit } |
 * null, annualSpend: { amount, currency } | null, materials, suppliers, products, createdAt, updatedAt }`. Another
 * tenant's part is 404.
 */
@ApiTags('parts')
@ApiBearerAuth()
@Controller('v1/parts')
export class PartsController {
  constructor(private readonly parts: PartsService) {}

  /** GET /v1/parts?limit&cursor → `{ items, nextCursor }`, oldest first; `limit` 1-500 (default 100). */
  @Get()
  @ApiOperation({ summary: "List the tenant's parts (cursor pagination)" })
  @ApiPage(PartDto, 'Oldest first')
  list(@TenantId() tenantId: string, @Query() q: ListPageQueryDto) {
    return this.parts.listParts(tenantId, q.limit ?? 100, q.cursor);
  }

  /**
   * GET /v1/parts/watch-gaps → `{ gaps: [{ kind: ELEMENT | HS_CODE, value, label, parts, examples }], partsRead }`:
   * what the tenant's parts contain (elements, also through their material forms; 6-digit HS subheadings of their
   * codes and forms) that no ELEMENT or HS_CODE watch covers. Alerts come from watches and suppliers, so these are
   * the measures that could reach a part without an alert; POST /v1/watchlist adds the watch.
   */
  @Get('watch-gaps')
  @ApiOperation({ summary: "What the tenant's parts contain that its watchlist does not cover" })
  @ApiOkResponse({ type: WatchGapsDto })
  watchGaps(@TenantId() tenantId: string) {
    return this.parts.watchGaps(tenantId);
  }

  /** GET /v1/parts/:id → one part; 404 when not this tenant's. */
  @Get(':id')
  @ApiOperation({ summary: 'One part' })
  @ApiOkResponse({ type: PartDto })
  @ApiErrors(404)
  get(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.parts.getPart(tenantId, id);
  }

  /**
   * POST /v1/parts → 201 the part; 400 naming bad fields (unknown element or form, unpaired mass or spend fields, a
   * supplier or product that is not the tenant's); 409 `{ existingId }` for a part number the tenant has.
   */
  @Post()
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Add a part with its materials, suppliers and products' })
  @ApiCreatedResponse({ type: PartDto })
  @ApiErrors(409)
  create(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Body() dto: CreatePartDto) {
    return this.parts.createPart(p, tenantId, dto);
  }

  /**
   * POST /v1/parts/import?dryRun&partial, body text/csv or an XLSX workbook (first worksheet; at most 20 MB) with
   * columns partNumber, description, hsCode, sites, unitMass, unitMassUnit, annualQuantity, quantityUnit, annualSpend,
   * currency, materials (`NDFEB_MAGNET:Dy=4.5g; Ga=0.7%`), suppliers (`English legal name=0.7`), products
   * (`code=2`) → the import report (200/422) or job (202, GET /v1/imports/:id) as for the watchlist; 415 for another
   * content type. See docs/parts.md.
   */
  @Post('import')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE)
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'partNumber,hsCode,annualQuantity,annualSpend,currency,materials,suppliers\nMAG-1,8505111000,1000,25000.00,EUR,NDFEB_MAGNET:Dy=4.5g,JL MAG Rare-Earth Co.\\, Ltd.=1',
    },
  })
  @ApiOperation({ summary: 'Import parts from CSV or XLSX (dry run, per-row errors, all-or-nothing unless partial)' })
  @ApiImportResponses()
  async import(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Query() q: ImportQueryDto,
    @Headers('prefer') prefer: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const opts = { dryRun: q.dryRun === 'true', partial: q.partial === 'true' };
    const unsupported = `Send the file as the request body with Content-Type: text/csv or ${XLSX_CONTENT_TYPE} (at most 20 MB)`;
    // An XLSX workbook is collected by the raw body parser (bootstrap.ts); a CSV file is read here as it arrives.
    const body: unknown = req.body;
    if (Buffer.isBuffer(body)) {
      await answerImport(res, body, prefer, await this.parts.importParts(p, tenantId, { xlsx: body }, opts));
      return;
    }
    if (typeof req.is('text/csv') !== 'string') throw new UnsupportedMediaTypeException(unsupported);
    const csv = await readCsvBody(req, unsupported);
    await answerImport(res, csv, prefer, await this.parts.importParts(p, tenantId, { csv }, opts));
  }

  /** PATCH /v1/parts/:id → 200 the part; lists given replace the stored ones; 400/404/409 as for POST. */
  @Patch(':id')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Change a part (lists given replace the stored ones)' })
  @ApiOkResponse({ type: PartDto })
  @ApiErrors(404, 409)
  update(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePartDto,
  ) {
    return this.parts.updatePart(p, tenantId, id, dto);
  }

  /** DELETE /v1/parts/:id → 204. */
  @Delete(':id')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a part' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.parts.deletePart(p, tenantId, id);
  }
}

/**
 * The tenant's products (finished goods): buyers read, tenant admins change. Product: `{ id, tenantId, code, name,
 * description, partCount, createdAt, updatedAt }`. Another tenant's product is 404.
 */
@ApiTags('parts')
@ApiBearerAuth()
@Controller('v1/products')
export class ProductsController {
  constructor(private readonly parts: PartsService) {}

  /** GET /v1/products?limit&cursor → `{ items, nextCursor }`, oldest first. */
  @Get()
  @ApiOperation({ summary: "List the tenant's products (cursor pagination)" })
  @ApiPage(ProductDto, 'Oldest first')
  list(@TenantId() tenantId: string, @Query() q: ListPageQueryDto) {
    return this.parts.listProducts(tenantId, q.limit ?? 100, q.cursor);
  }

  /** GET /v1/products/:id → one product; 404 when not this tenant's. */
  @Get(':id')
  @ApiOperation({ summary: 'One product' })
  @ApiOkResponse({ type: ProductDto })
  @ApiErrors(404)
  get(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.parts.getProduct(tenantId, id);
  }

  /** POST /v1/products `{ code, name, description? }` → 201; 409 `{ existingId }` for a code the tenant has. */
  @Post()
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Add a product (finished good)' })
  @ApiCreatedResponse({ type: ProductDto })
  @ApiErrors(409)
  create(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Body() dto: CreateProductDto) {
    return this.parts.createProduct(p, tenantId, dto);
  }

  /** PATCH /v1/products/:id → 200 the product. */
  @Patch(':id')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Change a product' })
  @ApiOkResponse({ type: ProductDto })
  @ApiErrors(404, 409)
  update(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateProductDto,
  ) {
    return this.parts.updateProduct(p, tenantId, id, dto);
  }

  /** DELETE /v1/products/:id → 204 (the parts stay; their links to it go). */
  @Delete(':id')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a product' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.parts.deleteProduct(p, tenantId, id);
  }
}

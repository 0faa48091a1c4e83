import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { CreateSupplierDto, CreateWatchDto, UpdateSupplierDto, UpdateWatchDto } from './watchlist.dto.js';
import { WatchlistService } from './watchlist.service.js';

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
  list(@TenantId() tenantId: string) {
    return this.watchlist.listWatches(tenantId);
  }

  /** GET /v1/watchlist/:id → one item; 404 when not this tenant's. */
  @Get(':id')
  @ApiOperation({ summary: 'One watchlist item' })
  get(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.watchlist.getWatch(tenantId, id);
  }

  /** POST /v1/watchlist `{ kind, elementSymbol | hsPrefix | controlEntry, jurisdiction?, note? }` → 201 the item; 400 naming bad fields. */
  @Post()
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Watch an element, an HS-code prefix or a control-list entry' })
  create(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Body() dto: CreateWatchDto) {
    return this.watchlist.createWatch(p, tenantId, dto);
  }

  /** PATCH /v1/watchlist/:id `{ jurisdiction?, note? }` → 200 the item. */
  @Patch(':id')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: "Change a watch's jurisdiction filter or note" })
  update(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateWatchDto) {
    return this.watchlist.updateWatch(p, tenantId, id, dto);
  }

  /** DELETE /v1/watchlist/:id → 204. */
  @Delete(':id')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Stop watching' })
  async remove(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
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
  list(@TenantId() tenantId: string) {
    return this.watchlist.listSuppliers(tenantId);
  }

  /** GET /v1/suppliers/:id → one supplier; 404 when not this tenant's. */
  @Get(':id')
  @ApiOperation({ summary: 'One supplier' })
  get(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.watchlist.getSupplier(tenantId, id);
  }

  /** POST /v1/suppliers → 201 the supplier; 400 naming bad fields (USCC 18 characters, LEI 20, country ISO alpha-2). */
  @Post()
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Add a supplier' })
  create(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Body() dto: CreateSupplierDto) {
    return this.watchlist.createSupplier(p, tenantId, dto);
  }

  /** PATCH /v1/suppliers/:id → 200 the supplier. */
  @Patch(':id')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Change a supplier' })
  update(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSupplierDto) {
    return this.watchlist.updateSupplier(p, tenantId, id, dto);
  }

  /** DELETE /v1/suppliers/:id → 204. */
  @Delete(':id')
  @Roles('TENANT_ADMIN')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a supplier' })
  async remove(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.watchlist.deleteSupplier(p, tenantId, id);
  }
}

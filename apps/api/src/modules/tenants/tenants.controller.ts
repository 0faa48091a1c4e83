import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { CreatedTenantDto, TenantDto, TenantListItemDto } from './tenants.responses.js';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { TenantsService } from './tenants.service.js';
import { CreateTenantDto, UpdateTenantDto } from './tenants.dto.js';

/** Tenants: platform admins only. Tenant shape: `{ id, slug, name, status, createdAt, updatedAt }` (ISO-8601 UTC). */
@ApiTags('tenants')
@ApiBearerAuth()
@Roles('PLATFORM_ADMIN')
@Controller('v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  /** POST /v1/tenants `{ slug, name, admin?: { email, name } }` → 201 `{ tenant, invitation? }`; 409 when the slug is taken. */
  @Post()
  @ApiOperation({ summary: 'Create a tenant (optionally inviting its first tenant admin)' })
  @ApiCreatedResponse({ type: CreatedTenantDto })
  @ApiErrors({ status: 409, description: 'The slug (field `slug`) or the admin email (`admin.email`) is taken' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateTenantDto) {
    return this.tenants.create(principal, dto);
  }

  /** GET /v1/tenants → every tenant with its user count. */
  @Get()
  @ApiOperation({ summary: 'List tenants' })
  @ApiOkResponse({ type: [TenantListItemDto] })
  list() {
    return this.tenants.list();
  }

  /** GET /v1/tenants/:id → the tenant; 404 when unknown. */
  @Get(':id')
  @ApiOperation({ summary: 'One tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.tenants.get(id);
  }

  /** PATCH /v1/tenants/:id `{ name?, status? }` → 200 the tenant; 404 when unknown. */
  @Patch(':id')
  @ApiOperation({ summary: 'Rename a tenant or change its status' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors(404)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTenantDto,
  ) {
    return this.tenants.update(principal, id, dto);
  }

  /** POST /v1/tenants/:id/suspend → 200 the tenant (SUSPENDED: its users and API tokens stop working, no matching). */
  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Suspend a tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors(404)
  suspend(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.tenants.update(principal, id, { status: 'SUSPENDED' });
  }

  /** POST /v1/tenants/:id/activate → 200 the tenant (ACTIVE again). */
  @Post(':id/activate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reactivate a suspended tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors(404)
  activate(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.tenants.update(principal, id, { status: 'ACTIVE' });
  }
}

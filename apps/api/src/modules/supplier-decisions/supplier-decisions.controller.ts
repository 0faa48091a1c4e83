import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { DecideSupplierNameDto, SupplierNameDecisionDto } from './dto/supplier-decision.dto.js';
import { SupplierDecisionsService } from './supplier-decisions.service.js';

/** Buyers confirm or reject possible supplier matches; the decision is remembered for (tenant, supplier, name). */
@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('v1/supplier-name-decisions')
export class SupplierDecisionsController {
  constructor(private readonly decisions: SupplierDecisionsService) {}

  /**
   * POST /v1/supplier-name-decisions `{ supplierId, name, decision: "CONFIRMED" | "REJECTED" }` -> 201
   * `{ supplierId, name, nameKey, decision, decidedBy, decidedAt }` (replaces an earlier decision for the same name).
   * Buyers and tenant admins of the supplier's tenant (platform admins with X-Tenant-Id). 400 naming the field for a
   * bad body or a name with nothing to compare; 404 when the supplier is not the tenant's; 401/403 from the guard.
   */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('BUYER', 'TENANT_ADMIN')
  @ApiOperation({ summary: 'Confirm or reject a possible supplier match for a company name' })
  @ApiCreatedResponse({ type: SupplierNameDecisionDto })
  @ApiErrors({ status: 404, description: "The supplier is not the tenant's" })
  decide(@TenantId() tenantId: string, @CurrentPrincipal() principal: Principal, @Body() dto: DecideSupplierNameDto) {
    return this.decisions.decide(tenantId, { ...dto, decidedBy: principal.userId });
  }

  /** GET /v1/supplier-name-decisions -> 200 the tenant's decisions, newest first. Buyers and tenant admins. */
  @Get()
  @Roles('BUYER', 'TENANT_ADMIN')
  @ApiOperation({ summary: "The tenant's remembered supplier-name decisions" })
  @ApiOkResponse({ type: [SupplierNameDecisionDto] })
  list(@TenantId() tenantId: string) {
    return this.decisions.list(tenantId);
  }
}

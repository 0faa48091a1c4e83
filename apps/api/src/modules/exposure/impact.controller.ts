import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApplicabilityDto, ImpactDto, ImpactWithHistoryDto, SetApplicabilityDto, SetImpactDto } from './impact.dto.js';
import { ImpactService } from './impact.service.js';

/**
 * The impact workflow: what a measure means for the tenant, and whether an alert applies to it. Any tenant role
 * (buyers assess); platform admins name the tenant with X-Tenant-Id. Changes are audited.
 */
@ApiTags('exposure')
@ApiBearerAuth()
@Controller('v1')
export class ImpactController {
  constructor(private readonly impacts: ImpactService) {}

  /** GET /v1/exposure/impacts → the tenant's assessments, most recently changed first. */
  @Get('exposure/impacts')
  @ApiOperation({ summary: "The tenant's impact assessments of measures" })
  @ApiOkResponse({ type: [ImpactDto] })
  list(@TenantId() tenantId: string) {
    return this.impacts.list(tenantId);
  }

  /** GET /v1/exposure/measures/:key/impact → `{ measureKey, impact | null, history: [{ actorUserId, before, after, createdAt }] }`. */
  @Get('exposure/measures/:key/impact')
  @ApiOperation({ summary: "The tenant's assessment of one measure, with its history" })
  @ApiParam({ name: 'key', example: 'MOFCOM-GAC-2025-18', description: 'the measure key' })
  @ApiOkResponse({ type: ImpactWithHistoryDto })
  get(@TenantId() tenantId: string, @Param('key') key: string) {
    return this.impacts.get(tenantId, key);
  }

  /**
   * PUT /v1/exposure/measures/:key/impact `{ status, expectedDurationDays?, ownerId?, note? }` → the assessment; 404 for
   * an unknown measure; 400 naming `status`, `expectedDurationDays` (required for CONFIRMED) or `ownerId`.
   */
  @Put('exposure/measures/:key/impact')
  @ApiOperation({ summary: 'Set what a measure means for the tenant (POTENTIAL, CONFIRMED, NO_IMPACT, RESOLVED)' })
  @ApiParam({ name: 'key', example: 'MOFCOM-GAC-2025-18', description: 'the measure key' })
  @ApiOkResponse({ type: ImpactDto })
  @ApiBadRequestResponse({ description: '{ statusCode, error, message, errors: [{ field, messages }] }' })
  @ApiNotFoundResponse({ description: 'No measure with this key' })
  set(
    @CurrentPrincipal() principal: Principal,
    @TenantId() tenantId: string,
    @Param('key') key: string,
    @Body() dto: SetImpactDto,
  ) {
    return this.impacts.set(principal, tenantId, key, dto);
  }

  /** PUT /v1/alerts/:id/applicability `{ applies, reason }` → `{ id, applies, appliesReason, appliesSetById, appliesSetAt }`; 404 when not this tenant's. */
  @Put('alerts/:id/applicability')
  @ApiOperation({ summary: 'Say whether an alert applies to the tenant, with a reason' })
  @ApiOkResponse({ type: ApplicabilityDto })
  @ApiBadRequestResponse({ description: '{ statusCode, error, message, errors: [{ field, messages }] }' })
  @ApiNotFoundResponse({ description: "Not this tenant's alert" })
  setApplicability(
    @CurrentPrincipal() principal: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetApplicabilityDto,
  ) {
    return this.impacts.setApplicability(principal, tenantId, id, dto);
  }
}

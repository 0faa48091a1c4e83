import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { TenantId } from '../auth/decorators.js';
import { ElementExposureDto, ExposurePartsDto, ExposureViewDto } from './exposure.dto.js';
import { ExposureService } from './exposure.service.js';

/**
 * A tenant's exposure: what reaches its watches and suppliers now (measures with their current status, licences its
 * suppliers hold, screening hits), with the alerts' reasons. Any tenant role (and tenant API tokens); a platform admin
 * names the tenant with X-Tenant-Id (400 without it, 404 for no such tenant).
 */
@ApiTags('exposure')
@ApiBearerAuth()
@Controller('v1/exposure')
export class ExposureController {
  constructor(private readonly exposure: ExposureService) {}

  /**
   * GET /v1/exposure → {@link ExposureViewDto}: `{ tenantId, asOf, today, counts, watches: [{ id, kind, label, items }],
   * suppliers: [{ id, legalNameEn, measures, licences, screeningHits }], byElement, bySupplier, byMeasure }`.
   */
  @Get()
  @ApiOperation({ summary: "The tenant's current exposure, by watch, supplier, element and measure" })
  @ApiOkResponse({ type: ExposureViewDto })
  get(@TenantId() tenantId: string): Promise<ExposureViewDto> {
    return this.exposure.exposure(tenantId) as Promise<ExposureViewDto>;
  }

  /**
   * GET /v1/exposure/parts → {@link ExposurePartsDto}: `{ tenantId, asOf, impact: { parts, products, annualSpend
   * (per currency), annualQuantity, elementMass (kg/year), sourcing, soleSourcedFrom, headline, affectedParts: [{ partId,
   * partNumber, reasons, sourcing, affectedSuppliers, unaffectedShare, annualSpend, annualQuantity, elementMass,
   * products }] }, alertsByPart: [{ partId, alertIds }] }`: the drill-down of the exposure's impact.
   */
  @Get('parts')
  @ApiOperation({ summary: "The tenant's affected parts: reasons, sourcing, spend, quantity and element mass at risk" })
  @ApiOkResponse({ type: ExposurePartsDto })
  parts(@TenantId() tenantId: string): Promise<ExposurePartsDto> {
    return this.exposure.parts(tenantId) as Promise<ExposurePartsDto>;
  }

  /**
   * GET /v1/exposure/elements/:symbol → {@link ElementExposureDto}; 400 naming `symbol` for an element Lodestone does
   * not know.
   */
  @Get('elements/:symbol')
  @ApiOperation({ summary: "The tenant's exposure on one element" })
  @ApiParam({ name: 'symbol', example: 'Dy', description: 'element symbol' })
  @ApiOkResponse({ type: ElementExposureDto })
  @ApiBadRequestResponse({ description: '{ statusCode, error, message, errors: [{ field: "symbol", messages }] }' })
  element(@TenantId() tenantId: string, @Param('symbol') symbol: string): Promise<ElementExposureDto> {
    return this.exposure.element(tenantId, symbol) as Promise<ElementExposureDto>;
  }
}

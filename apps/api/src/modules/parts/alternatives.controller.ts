import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IsJurisdiction } from '../../common/dto.js';
import { TenantId } from '../auth/decorators.js';
import { AlternativesService } from './alternatives.service.js';
import { AlternativesDto } from './parts.responses.js';

/** GET /v1/exposure/alternatives query. */
export class AlternativesQueryDto {
  @ApiPropertyOptional({ example: 'Dy', description: 'Element symbol (this or materialForm is required)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][a-z]?$/, { message: 'element must be an element symbol such as Dy' })
  element?: string;
  @ApiPropertyOptional({ example: 'NDFEB_MAGNET', description: 'Material form code' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'materialForm must be a material form code such as NDFEB_MAGNET' })
  materialForm?: string;
  @ApiPropertyOptional({ example: 'CN', default: 'CN', description: 'The controlling jurisdiction to leave out' })
  @IsOptional()
  @IsJurisdiction('jurisdiction must be an ISO 3166-1 alpha-2 code such as CN')
  jurisdiction?: string;
}

/** Alternative sources for an affected element or form (issue 15): any tenant role, as the exposure. */
@ApiTags('exposure')
@ApiBearerAuth()
@Controller('v1/exposure')
export class AlternativesController {
  constructor(private readonly alternatives: AlternativesService) {}

  /**
   * GET /v1/exposure/alternatives?element=Dy&materialForm&jurisdiction=CN → `{ element, materialForm, jurisdiction,
   * ownSuppliers: [{ supplierId, name, country, supplies, evidence }], producers: [{ key, name, country, role, match,
   * matchedWords, sources, screening, licences }], note }`; 400 naming `element` or `materialForm`.
   */
  @Get('alternatives')
  @ApiOperation({
    summary: 'Alternative sources for an element or form: own suppliers, then producers outside the jurisdiction',
  })
  @ApiOkResponse({ type: AlternativesDto })
  get(@TenantId() tenantId: string, @Query() q: AlternativesQueryDto) {
    return this.alternatives.alternatives(tenantId, q);
  }
}

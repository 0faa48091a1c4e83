import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { ReferenceRepository } from './reference.repository.js';

/** Public reference data. Sources: shared/data/SOURCES.md (elements.csv, cn/export_control_items_2025.csv, hs/). */
@ApiTags('reference')
@Public()
@Controller('v1')
export class ReferenceController {
  constructor(private readonly repository: ReferenceRepository) {}

  /** GET /v1/elements: the elements Lodestone knows (17 rare earths and the other minerals China controls). */
  @Get('elements')
  @ApiOperation({ summary: 'Elements with symbol, English and Chinese names, CAS RN and rare-earth group' })
  elements() {
    return this.repository.elements();
  }

  /**
   * GET /v1/control-list-entries?element=Dy&announcement=MOFCOM-GAC-2025-18: control-list entries with their customs
   * codes. `confidence` and `customsCodesNote` carry the source's uncertainty verbatim.
   */
  @Get('control-list-entries')
  @ApiOperation({ summary: 'Control-list entries (e.g. MOFCOM/GAC 2025 No. 18) with customs codes and confidence' })
  @ApiQuery({ name: 'element', required: false, example: 'Dy' })
  @ApiQuery({ name: 'announcement', required: false, example: 'MOFCOM-GAC-2025-18' })
  controlListEntries(@Query('element') element?: string, @Query('announcement') announcement?: string) {
    return this.repository.controlListEntries({ elementSymbol: element || undefined, announcementId: announcement || undefined });
  }

  /** GET /v1/hs-codes?prefix=2846: HS headings and national tariff lines (digits-only `code`, published `display`). */
  @Get('hs-codes')
  @ApiOperation({ summary: 'HS headings and CN/US tariff lines relevant to rare earths' })
  @ApiQuery({ name: 'prefix', required: false, example: '2846' })
  hsCodes(@Query('prefix') prefix?: string) {
    return this.repository.hsCodes(prefix?.replace(/\D/g, '') || undefined);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { ReferenceService } from './reference.service.js';
import { ControlListEntryDto, ElementDto, HsCodeDto, MaterialFormDto } from './reference.responses.js';

/** Public reference data. Sources: shared/data/SOURCES.md (elements.csv, cn/export_control_items_2025.csv, hs/). */
@ApiTags('reference')
@Public()
@Controller('v1')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  /** GET /v1/elements: the elements Lodestone knows (17 rare earths and the other minerals China controls). */
  @Get('elements')
  @ApiOperation({ summary: 'Elements with symbol, English and Chinese names, CAS RN and rare-earth group' })
  @ApiOkResponse({ type: [ElementDto], description: 'By atomic number' })
  elements() {
    return this.reference.elements();
  }

  /**
   * GET /v1/control-list-entries?element=Dy&announcement=MOFCOM-GAC-2025-18: control-list entries with their customs
   * codes; `element` selects the items naming the element (its own and e.g. "Tb-Dy-Fe" items). `confidence` and
   * `customsCodesNote` carry the source's uncertainty verbatim; `entryCode` is null for items published without one.
   */
  @Get('control-list-entries')
  @ApiOperation({ summary: 'Control-list entries (e.g. MOFCOM/GAC 2025 No. 18) with customs codes and confidence' })
  @ApiOkResponse({ type: [ControlListEntryDto] })
  @ApiQuery({ name: 'element', required: false, example: 'Dy', description: 'items naming this element (symbol)' })
  @ApiQuery({
    name: 'announcement',
    required: false,
    example: 'MOFCOM-GAC-2025-18',
    description: 'items of this announcement (announcementId)',
  })
  controlListEntries(@Query('element') element?: string, @Query('announcement') announcement?: string) {
    return this.reference.controlListEntries({
      elementSymbol: element || undefined,
      announcementId: announcement || undefined,
    });
  }

  /**
   * GET /v1/material-forms: material forms (metal, oxide, NdFeB magnet …) with the elements each involves, the tariff
   * lines it falls under and the words that name it. Sources in each row's `source`.
   */
  @Get('material-forms')
  @ApiOperation({ summary: 'Material forms and the elements and HS codes each involves' })
  @ApiOkResponse({ type: [MaterialFormDto] })
  materialForms() {
    return this.reference.materialForms();
  }

  /**
   * GET /v1/hs-codes?prefix=2846: HS headings and national tariff lines (digits-only `code`, published `display`);
   * `elementSymbols` is the code-to-element map (several symbols: the code implies none of them alone).
   */
  @Get('hs-codes')
  @ApiOperation({ summary: 'HS headings and CN/US tariff lines relevant to rare earths' })
  @ApiOkResponse({ type: [HsCodeDto] })
  @ApiQuery({ name: 'prefix', required: false, example: '2846', description: 'codes starting with these digits' })
  hsCodes(@Query('prefix') prefix?: string) {
    return this.reference.hsCodes(prefix?.replace(/\D/g, '') || undefined);
  }
}

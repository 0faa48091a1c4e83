import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiPage } from '../../common/openapi/page.js';
import { ListMeasuresQueryDto } from './measures.dto.js';
import { MeasureDto, MeasureSummaryDto } from './measures.responses.js';
import { MeasuresService, type MeasureSummaryView, type MeasureView } from './measures.service.js';

/**
 * Measures: one per MOFCOM/GAC announcement or Federal Register document, with the status timeline built from every
 * source's events (official announcements, FR documents, news reports, partner pushes). Global data, the same for
 * every tenant and holding none of a tenant's (like the policy changes it is built from): readable by any signed-in
 * user or API token of any role, 401 without one. Which tenants an event alerted is in GET /v1/alerts, not here.
 */
@ApiTags('measures')
@ApiBearerAuth()
@Controller('v1/measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  /**
   * GET /v1/measures?status&element&limit&cursor → `{ items: [{ key, status, until, title, label, known, unknown,
   * elements, sources, events, createdAt, updatedAt }], nextCursor }`, first seen newest first; `status` is today's
   * (lapses due are recorded first); `element` keeps the measures whose own announcement names the element; 400 naming
   * `status`, `element`, `limit` or `cursor` when bad.
   */
  @Get()
  @ApiOperation({ summary: 'List measures (announcements, FR documents) with their current status' })
  @ApiPage(MeasureSummaryDto, 'Measures, first seen newest first')
  @ApiBadRequestResponse({ description: 'Names `status`, `element`, `limit` or `cursor` when bad' })
  list(@Query() q: ListMeasuresQueryDto): Promise<{ items: MeasureSummaryView[]; nextCursor: string | null }> {
    return this.measures.list({ status: q.status, element: q.element }, q.limit ?? 50, q.cursor);
  }

  /**
   * GET /v1/measures/:key → `{ key, status, until, title, label, known, unknown, elements, createdAt, updatedAt,
   * timeline: [{ role (SELF | AFFECTS | CITES | LAPSE), action, official,
   * statusAfter, occurredOn, recordedAt, event: { id, source, externalId, jurisdiction, issuer, action, title,
   * reference, official, sourceUrl, publishedAt, publishedOn, effectiveDate, endDate, elements } }] }`, oldest step
   * first; 404 for a key no event has named.
   */
  @Get(':key')
  @ApiOperation({ summary: 'One measure with its status timeline and the events from every source behind it' })
  @ApiParam({
    name: 'key',
    example: 'MOFCOM-GAC-2025-57',
    description: 'announcement id (as in announcements_index.json) or FR-<document number>',
  })
  @ApiOkResponse({ type: MeasureDto, description: 'Measure with timeline' })
  @ApiNotFoundResponse({ description: 'No event has named this measure' })
  get(@Param('key') key: string): Promise<MeasureView> {
    return this.measures.get(key);
  }
}

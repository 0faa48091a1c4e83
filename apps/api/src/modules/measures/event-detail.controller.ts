import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { EventDetailDto } from './event-detail.responses.js';
import { EventDetailService, type EventDetailView } from './event-detail.service.js';

/**
 * Events (policy changes and permit events) as stored: global data, the same for every tenant and holding none of a
 * tenant's (like GET /v1/measures): readable by any signed-in user or API token of any role, 401 without one. Which
 * tenants an event alerted is in GET /v1/alerts, not here.
 */
@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class EventDetailController {
  constructor(private readonly events: EventDetailService) {}

  /**
   * GET /v1/events/:id → `{ id, type, source, externalId, jurisdiction, issuer, reference, sourceUrl, createdAt,
   * text: { title, summary, body }, textTags: [{ kind, value, field, start, end, text, excluded, compound, timeZone }] }`:
   * the tags found in the event's free text with their spans (UTF-16 offsets into `text[field]`), so a console or an
   * integration can highlight the evidence; `excluded` marks a tag the text names in an exclusion, `kind`
   * ELEMENT_IN_COMPOUND an element reached only through a compound name. 400 naming `id` when it is not a UUID; 404
   * when no event has it.
   */
  @Get(':id')
  @ApiOperation({ summary: 'One event with its stored text and the text tags found in it, with their spans' })
  @ApiParam({
    name: 'id',
    format: 'uuid',
    description: 'Id of a policy change or permit event (as ingestion returned it)',
  })
  @ApiOkResponse({ type: EventDetailDto, description: 'The event, its text and its text tags' })
  @ApiErrors(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<EventDetailView> {
    return this.events.get(id);
  }
}

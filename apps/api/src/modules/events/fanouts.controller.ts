import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { uuidParam } from '../../common/validation.js';
import { FanoutProgressDto } from './dto/fanout.dto.js';
import { type FanoutProgress, FanoutService } from './fanout.service.js';
import { IngestOrAdminRoutes } from './ingest-or-admin.guard.js';

/** The answer's shape: instants as ISO-8601 UTC strings. */
function view(p: FanoutProgress): FanoutProgressDto {
  return {
    ...p,
    nextAttemptAt: p.nextAttemptAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    startedAt: p.startedAt?.toISOString() ?? null,
    finishedAt: p.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Progress of the fan-out of events (docs/fanout.md): the job that writes the email and channel rows of an event's
 * alerts, after the ingestion's answer for an event alerting more than FANOUT_INLINE_MAX_ALERTS tenants. Readable by
 * whoever may ingest: the ingestion token (INGEST_API_TOKEN) or a platform admin ({@link IngestOrAdminGuard}); open
 * when ingestion is.
 */
@IngestOrAdminRoutes()
@Controller('v1')
export class FanoutsController {
  constructor(private readonly fanout: FanoutService) {}

  /**
   * GET /v1/fanouts/:id → {@link FanoutProgressDto}: `{ id, eventType, eventId, status (queued | running | done |
   * failed), alertsTotal, alertsExpanded, emailsQueued, channelDeliveriesQueued, partsImpacts, attempts, lastError,
   * nextAttemptAt, createdAt, startedAt, finishedAt (ISO-8601 UTC or null), emails: { sent, failed, pending } }`.
   * 400 naming `id` when it is not a UUID; 404 when no job has it; 401/403 as {@link IngestOrAdminGuard}.
   */
  @Get('fanouts/:id')
  @ApiOperation({ summary: 'How far the fan-out of an event got (the `fanout.href` of the ingestion answer)' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Id of the fan-out job (`fanout.id` of the ingestion answer)' })
  @ApiOkResponse({ type: FanoutProgressDto })
  @ApiErrors({ status: 404, description: 'No fan-out job has this id' })
  async get(@Param('id', uuidParam('id')) id: string): Promise<FanoutProgressDto> {
    const progress = await this.fanout.progress(id);
    if (!progress) throw new NotFoundException(`fan-out job ${id} not found`);
    return view(progress);
  }

  /**
   * GET /v1/events/:id/fanout → the same as GET /v1/fanouts/:id, for the event `id` (a policy change or permit event).
   * 400 naming `id` when it is not a UUID; 404 when the event has no fan-out job (unknown, or it alerted no tenant).
   */
  @Get('events/:id/fanout')
  @ApiOperation({ summary: 'How far the fan-out of the event got, by the event id' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Id of a policy change or permit event' })
  @ApiOkResponse({ type: FanoutProgressDto })
  @ApiErrors({ status: 404, description: 'No event with this id has a fan-out job (unknown, or it alerted no tenant)' })
  async ofEvent(@Param('id', uuidParam('id')) id: string): Promise<FanoutProgressDto> {
    const progress = await this.fanout.progressOfEvent(id);
    if (!progress) throw new NotFoundException(`event ${id} has no fan-out job`);
    return view(progress);
  }
}

import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { uuidParam } from '../../common/validation.js';
import { MatchJobDto } from './dto/match-job.dto.js';
import { IngestOrAdminRoutes } from './ingest-or-admin.guard.js';
import { type MatchJobProgress, MatchJobsService } from './match-jobs.service.js';

/** The answer's shape: instants as ISO-8601 UTC strings. */
function view(p: MatchJobProgress): MatchJobDto {
  return {
    ...p,
    createdAt: p.createdAt.toISOString(),
    finishedAt: p.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Progress of sharded matching (MATCH_SHARDS > 1; docs/fanout.md, "How the shards take over"): the match jobs an
 * ingestion answered 202 with (`matchJobs[].href`), one per shard of the event's tenants. Guarded as fan-out progress
 * (GET /v1/fanouts/:id): the ingestion token (INGEST_API_TOKEN) or a platform admin ({@link IngestOrAdminGuard}); open
 * when ingestion is.
 */
@IngestOrAdminRoutes()
@Controller('v1')
export class MatchJobsController {
  constructor(private readonly matchJobs: MatchJobsService) {}

  /**
   * GET /v1/match-jobs/:id → {@link MatchJobDto}: `{ id, eventType, eventId, shard, shards, status (PENDING | RUNNING |
   * DONE | FAILED), attempts, lastError, alerts (raised by this job; null until DONE), fanout ({ id, status, href } of
   * this shard's fan-out job, or null), createdAt, finishedAt (ISO-8601 UTC or null) }`.
   * 400 naming `id` when it is not a UUID; 404 when no match job has it; 401/403 as {@link IngestOrAdminGuard}.
   */
  @Get('match-jobs/:id')
  @ApiOperation({ summary: 'How far one shard’s matching of an event got (a `matchJobs[].href` of the 202 answer)' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Id of the match job (`matchJobs[].id` of the 202 answer)' })
  @ApiOkResponse({ type: MatchJobDto })
  @ApiErrors({ status: 404, description: 'No match job has this id' })
  async get(@Param('id', uuidParam('id')) id: string): Promise<MatchJobDto> {
    const progress = await this.matchJobs.progress(id);
    if (!progress) throw new NotFoundException(`match job ${id} not found`);
    return view(progress);
  }
}

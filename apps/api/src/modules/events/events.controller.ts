import { Body, Controller, HttpStatus, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiIdempotencyKey } from '../../common/openapi/headers.js';
import { Public } from '../auth/decorators.js';
import { IngestAcceptedDto } from './dto/match-job.dto.js';
import { IngestResultDto, PermitEventDto } from './dto/permit-event.dto.js';
import { PolicyChangeDto } from './dto/policy-change.dto.js';
import { EventsService } from './events.service.js';
import { IngestTokenGuard } from './ingest-token.guard.js';

const SHARDED =
  'Sharded matching (MATCH_SHARDS > 1): the event is stored with one match job per shard; its alerts are raised after this answer by the workers of the shards, so `alerts` and `emailsQueued` are absent (a repeat counts the alerts so far). Without sharding a new event answers 201.';

/** The answer's status: 201 for a new event matched in the request, 202 for one left to match jobs, 200 for a repeat. */
function statusOf(result: IngestResultDto | IngestAcceptedDto): HttpStatus {
  if (!result.created) return HttpStatus.OK;
  return 'matchJobs' in result ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
}

const REPEAT =
  'Already stored: nothing new created, the stored event is unchanged; `differs` names the fields sent with another value (ignored)';

/**
 * Ingestion of events. Both endpoints are idempotent on (source, externalId), and honour an optional Idempotency-Key
 * header (same key and body: the first response again; another body: 422; first still in flight: 409).
 */
@ApiTags('ingestion')
@ApiBearerAuth()
@Public() // not a user route: guarded by INGEST_API_TOKEN instead (see IngestTokenGuard)
@UseGuards(IngestTokenGuard)
@UseInterceptors(IdempotencyInterceptor)
@Controller('v1')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /**
   * POST /v1/policy-changes: stores a policy change, matches it against every tenant and queues the alert emails.
   * 201 with `{ id, created: true, alerts, emailsQueued }` (202 with `{ id, created: true, matchJobs }` under sharded
   * matching, MATCH_SHARDS > 1: `matchJobs` are `{ id, shard, shards, status, href }`,
   * href: GET /v1/match-jobs/:id); 200 with `created: false` when already stored, and
   * `differs`: the fields whose value differs from the stored event (e.g. `["title","action"]`, empty for a true
   * repeat; formatting such as list order does not count). The stored event is kept unchanged either way and a warning
   * is logged when fields differ: a correction needs its own externalId.
   * 400 naming each bad field in one response (unknown element symbols too; nothing is stored), also for an end date before its start date (`endDate` before
   * `effectiveDate`, `validTo` before `validFrom`) and for `affects` listing the event's own externalId;
   * 401 without the ingestion token when one is configured.
   */
  @Post('policy-changes')
  @ApiOperation({
    summary: 'Ingest a policy change (control imposed/amended/suspended/lifted, licensing rule, tariff)',
  })
  @ApiCreatedResponse({ type: IngestResultDto })
  @ApiAcceptedResponse({ type: IngestAcceptedDto, description: SHARDED })
  @ApiOkResponse({ type: IngestResultDto, description: REPEAT })
  @ApiBadRequestResponse({ description: 'Each bad field named in `errors`; nothing stored' })
  @ApiIdempotencyKey()
  @ApiBody({ type: PolicyChangeDto })
  async policyChange(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IngestResultDto | IngestAcceptedDto> {
    const result = await this.events.ingestPolicyChange(await this.events.validate(PolicyChangeDto, body));
    res.status(statusOf(result));
    return result;
  }

  /**
   * POST /v1/permit-events: stores a permit event (licence applied/granted/denied/expiring/revoked for an exporter),
   * matches it (exporter and end user against suppliers; items against watchlists) and queues the alert emails.
   * Responses as for policy changes.
   */
  @Post('permit-events')
  @ApiOperation({ summary: 'Ingest a permit event (export licence for a named exporter)' })
  @ApiCreatedResponse({ type: IngestResultDto })
  @ApiAcceptedResponse({ type: IngestAcceptedDto, description: SHARDED })
  @ApiOkResponse({ type: IngestResultDto, description: REPEAT })
  @ApiBadRequestResponse({ description: 'Each bad field named in `errors`; nothing stored' })
  @ApiIdempotencyKey()
  @ApiBody({ type: PermitEventDto })
  async permitEvent(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IngestResultDto | IngestAcceptedDto> {
    const result = await this.events.ingestPermitEvent(await this.events.validate(PermitEventDto, body));
    res.status(statusOf(result));
    return result;
  }
}

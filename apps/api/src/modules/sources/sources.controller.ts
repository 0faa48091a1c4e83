import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators.js';
import { SourceStatusDto } from './sources.responses.js';
import { SourcesService, type SourceStatus } from './sources.service.js';

/** Source health for platform admins. */
@ApiTags('sources')
@ApiBearerAuth()
@Roles('PLATFORM_ADMIN')
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  /**
   * GET /v1/sources: every configured source with its last run: `[{ name, kind, enabled, intervalMinutes,
   * lastAttemptAt, lastSuccessAt (ISO-8601 UTC instants or null), lastItemsSeen, lastItemsNew, lastError,
   * lastErrorAt, consecutiveFailures, cursor, running }]`. 401 without a token, 403 for other roles.
   */
  @Get()
  @ApiOperation({ summary: 'Sources and their last runs (platform admins)' })
  @ApiOkResponse({ type: [SourceStatusDto] })
  list(): Promise<SourceStatus[]> {
    return this.sources.list();
  }
}

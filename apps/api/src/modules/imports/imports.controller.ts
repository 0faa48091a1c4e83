import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { ImportJobDto } from '../watchlist/watchlist.responses.js';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles, TenantId } from '../auth/decorators.js';
import { type ImportJobView, ImportsService, MAX_STORED_ERRORS } from './imports.service.js';

/** GET /v1/imports/:id query: the page of the job's errors. */
export class ImportJobQueryDto {
  @ApiPropertyOptional({ default: 0, description: 'first error to return (0-based)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_STORED_ERRORS)
  errorsOffset?: number;
  @ApiPropertyOptional({ default: 100, maximum: MAX_STORED_ERRORS, description: 'how many errors to return' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ERRORS)
  errorsLimit?: number;
}

/** CSV import jobs of the tenant (started by POST /v1/watchlist/import and POST /v1/suppliers/import). */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * GET /v1/imports/:id?errorsOffset=0&errorsLimit=100 → `{ id, kind (WATCHLIST | SUPPLIERS), status (QUEUED | RUNNING
   * | SUCCEEDED | REJECTED | FAILED), dryRun, partial, total, processed, valid, created, skipped, errorCount, errors:
   * [{ line, field, reason, skipped? }], errorsNextOffset, lastStoredLine, failure, createdAt, finishedAt }`.
   * Tenant admins; 404 when the job is not this tenant's; 400 naming `errorsOffset` or `errorsLimit` when bad.
   */
  @Get(':id')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: 'Progress and outcome of a CSV import, with a page of its per-row errors' })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiErrors(404)
  get(
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ImportJobQueryDto,
  ): Promise<ImportJobView> {
    return this.imports.get(tenantId, id, q.errorsOffset ?? 0, q.errorsLimit ?? 100);
  }
}

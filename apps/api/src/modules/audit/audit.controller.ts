import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiPage } from '../../common/openapi/page.js';
import { AuditEntryDto } from './audit.responses.js';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Roles, TenantId } from '../auth/decorators.js';
import { AuditService } from './audit.service.js';

/** Query of GET /v1/audit-log. */
export class AuditQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200, description: 'page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  /** Cursor: return entries older than this entry id (the previous page's `nextCursor`). */
  @ApiPropertyOptional({ format: 'uuid', description: "the previous page's nextCursor" })
  @IsOptional()
  @IsUUID()
  cursor?: string;
}

/** The audit log of a tenant (tenant admins; platform admins with X-Tenant-Id). */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('TENANT_ADMIN')
@Controller('v1/audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /**
   * GET /v1/audit-log?limit=50&cursor=<id> → `{ items: [{ id, actorUserId, actorTokenId, actorRole, action,
   * targetType, targetId, before, after, createdAt (ISO-8601 UTC) }], nextCursor }`, newest first.
   */
  @Get()
  @ApiOperation({ summary: "The tenant's audit log: who did what, when, before and after" })
  @ApiPage(AuditEntryDto, 'Entries, newest first')
  list(@TenantId() tenantId: string, @Query() q: AuditQueryDto) {
    return this.audit.list(tenantId, q.limit ?? 50, q.cursor);
  }
}

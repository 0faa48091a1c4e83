import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiPage } from '../../common/openapi/page.js';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Roles, TenantId } from '../auth/decorators.js';
import { WatchExpansionDto } from './watchlist-expansion.responses.js';
import { WatchlistExpansionService, type WatchExpansionView } from './watchlist-expansion.service.js';

/** GET /v1/watchlist/expansion query: at most `limit` (1-100, default 20) watches per page. */
export class ExpansionQueryDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, description: 'watches per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ description: "the previous page's nextCursor" }) @IsOptional() @IsString() cursor?: string;
}

@ApiTags('watchlist')
@ApiBearerAuth()
@Controller('v1/watchlist')
export class WatchlistExpansionController {
  constructor(private readonly watchlist: WatchlistExpansionService) {}

  /**
   * GET /v1/watchlist/expansion?limit&cursor → `{ items, nextCursor }`: what the tenant's watchlist expands to, and
   * why, a page of at most `limit` watches (1-100, default 20; one watch expands to tens of keys, 42 MB for a
   * 20,000-watch list unpaged), oldest first; pass `nextCursor` as `cursor` for the next page (null at the end).
   * For each watch: `label`,
   * `expandsTo` [{ kind, value, path, reason }] (e.g. a watch on Tb: the Tb items of MOFCOM/GAC 2025 No. 18 including
   * 1C904.a.4 Tb-containing NdFeB magnets, customs codes tied to terbium alone) and `notUsed` (codes shared by several
   * elements, such as 3824999922, which never imply one element alone). Reference facts: prisma/seed/reference.json.
   * Tenant admins and buyers of the tenant; platform admins with `X-Tenant-Id`. 401 without a valid access token.
   */
  @Get('expansion')
  @Roles('TENANT_ADMIN', 'BUYER')
  @ApiOperation({
    summary:
      "What the tenant's watchlist expands to (elements, control-list items, customs codes, material forms), with reasons",
  })
  @ApiPage(WatchExpansionDto, 'Watches with what each reaches, in watch order')
  expansion(
    @TenantId() tenantId: string,
    @Query() q: ExpansionQueryDto,
  ): Promise<{ items: WatchExpansionView[]; nextCursor: string | null }> {
    return this.watchlist.expansion(tenantId, q.limit ?? 20, q.cursor);
  }
}

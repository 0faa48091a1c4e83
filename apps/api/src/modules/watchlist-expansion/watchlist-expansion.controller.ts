import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, TenantId } from '../auth/decorators.js';
import { WatchExpansionDto } from './watchlist-expansion.responses.js';
import { WatchlistExpansionService, type WatchExpansionView } from './watchlist-expansion.service.js';

@ApiTags('watchlist')
@ApiBearerAuth()
@Controller('v1/watchlist')
export class WatchlistExpansionController {
  constructor(private readonly watchlist: WatchlistExpansionService) {}

  /**
   * GET /v1/watchlist/expansion: what the tenant's watchlist expands to, and why. For each watch: `label`,
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
  @ApiOkResponse({ type: [WatchExpansionDto] })
  expansion(@TenantId() tenantId: string): Promise<WatchExpansionView[]> {
    return this.watchlist.expansion(tenantId);
  }
}

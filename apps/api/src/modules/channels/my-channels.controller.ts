import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { ApiPage } from '../../common/openapi/page.js';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { CreateEndpointDto, EndpointDeliveriesQueryDto, UpdateEndpointDto } from './channels.dto.js';
import { CreatedEndpointDto, EndpointAttemptDto, EndpointDto, TestQueuedDto } from './channels.responses.js';
import { ChannelsService } from './channels.service.js';

const NOT_A_USER = { status: 404, description: 'The caller is not a user of a tenant (API tokens, platform admins)' };

/**
 * Routing per user: a signed-in user's personal endpoints (their own Slack or Teams webhook, or a signed webhook),
 * each with its own minimum severity and event types; the same rules, signing and delivery log as the tenant's
 * endpoints (/v1/webhooks). Alerts of the user's tenant go to them while the user is active. Another user's endpoint is
 * 404; API tokens and platform admins have no personal endpoints (404).
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/me/webhooks')
export class MyChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  /** POST /v1/me/webhooks, body as POST /v1/webhooks → 201 the endpoint plus `secret` (WEBHOOK), shown this once. */
  @Post()
  @ApiOperation({ summary: 'Create a personal webhook, Slack or Teams endpoint' })
  @ApiCreatedResponse({ type: CreatedEndpointDto })
  @ApiErrors(NOT_A_USER)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateEndpointDto) {
    const { tenantId, userId } = own(p);
    return this.channels.create(p, tenantId, dto, userId);
  }

  /** GET /v1/me/webhooks → my endpoints, oldest first (no secrets). */
  @Get()
  @ApiOperation({ summary: 'List my personal endpoints' })
  @ApiOkResponse({ type: [EndpointDto] })
  @ApiErrors(NOT_A_USER)
  list(@CurrentPrincipal() p: Principal) {
    const { tenantId, userId } = own(p);
    return this.channels.list(tenantId, userId);
  }

  /** PATCH /v1/me/webhooks/:id, body as PATCH /v1/webhooks/:id → 200 the endpoint. */
  @Patch(':id')
  @ApiOperation({ summary: 'Change one of my endpoints' })
  @ApiOkResponse({ type: EndpointDto })
  @ApiErrors(404)
  update(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEndpointDto) {
    const { tenantId, userId } = own(p);
    return this.channels.update(p, tenantId, id, dto, userId);
  }

  /** DELETE /v1/me/webhooks/:id → 204. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete one of my endpoints' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const { tenantId, userId } = own(p);
    await this.channels.remove(p, tenantId, id, userId);
  }

  /** POST /v1/me/webhooks/:id/test → 202 `{ deliveryId, messageId }` (as POST /v1/webhooks/:id/test). */
  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a test message to one of my endpoints' })
  @ApiAcceptedResponse({ type: TestQueuedDto })
  @ApiErrors(404)
  test(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const { tenantId, userId } = own(p);
    return this.channels.sendTest(p, tenantId, id, userId);
  }

  /** GET /v1/me/webhooks/:id/deliveries?limit&cursor → the endpoint's delivery log (as for tenant endpoints). */
  @Get(':id/deliveries')
  @ApiOperation({ summary: "One of my endpoints' delivery log (one entry per attempt)" })
  @ApiPage(EndpointAttemptDto, 'Attempts, newest first')
  @ApiErrors(404)
  deliveries(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: EndpointDeliveriesQueryDto,
  ) {
    const { tenantId, userId } = own(p);
    return this.channels.deliveries(tenantId, id, userId, q.limit ?? 50, q.cursor);
  }
}

/** The caller's tenant and user. @throws NotFoundException (404) for API tokens and platform admins. */
function own(p: Principal): { tenantId: string; userId: string } {
  if (!p.userId || !p.tenantId) throw new NotFoundException('personal endpoints belong to users of a tenant');
  return { tenantId: p.tenantId, userId: p.userId };
}

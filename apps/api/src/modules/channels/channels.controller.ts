import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
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
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { CreateEndpointDto, EndpointDeliveriesQueryDto, UpdateEndpointDto } from './channels.dto.js';
import {
  CreatedEndpointDto,
  EndpointAttemptDto,
  EndpointDto,
  RotatedSecretDto,
  TestQueuedDto,
} from './channels.responses.js';
import { ChannelsService } from './channels.service.js';

/**
 * A tenant's delivery endpoints besides email (tenant admins): signed webhooks (Standard Webhooks), Slack incoming
 * webhooks and Microsoft Teams Workflows webhooks; see docs/channels.md. Endpoint view: `{ id, tenantId, kind, name,
 * url, eventTypes, minSeverity, enabled, previousSecretExpiresAt, failingSince, disabledAt, disabledReason, createdAt,
 * updatedAt }` (instants ISO-8601 UTC). Another tenant's endpoint is 404.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('TENANT_ADMIN')
@Controller('v1/webhooks')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  /**
   * POST /v1/webhooks `{ kind?, name, url, eventTypes?, minSeverity?, enabled? }` → 201 the endpoint plus `secret`
   * (`whsec_…`, WEBHOOK only), shown this once. 400 naming `url` when it is not https://, carries credentials, does
   * not resolve, or resolves to a private, loopback, link-local or unique-local address.
   */
  @Post()
  @ApiOperation({ summary: 'Create a webhook, Slack or Teams endpoint (the signing secret is shown once)' })
  @ApiCreatedResponse({ type: CreatedEndpointDto })
  create(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Body() dto: CreateEndpointDto) {
    return this.channels.create(p, tenantId, dto);
  }

  /** GET /v1/webhooks → the tenant's endpoints, oldest first (no secrets). */
  @Get()
  @ApiOperation({ summary: 'List endpoints' })
  @ApiOkResponse({ type: [EndpointDto] })
  list(@TenantId() tenantId: string) {
    return this.channels.list(tenantId, null);
  }

  /** GET /v1/webhooks/:id → the endpoint. */
  @Get(':id')
  @ApiOperation({ summary: 'One endpoint' })
  @ApiOkResponse({ type: EndpointDto })
  @ApiErrors(404)
  get(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.channels.get(tenantId, id, null);
  }

  /** PATCH /v1/webhooks/:id `{ name?, url?, eventTypes?, minSeverity?, enabled? }` → 200 the endpoint. */
  @Patch(':id')
  @ApiOperation({ summary: 'Change an endpoint (enabled: true also re-enables a disabled one)' })
  @ApiOkResponse({ type: EndpointDto })
  @ApiErrors(404)
  update(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateEndpointDto,
  ) {
    return this.channels.update(p, tenantId, id, dto);
  }

  /** DELETE /v1/webhooks/:id → 204; its queued messages and its log go with it. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an endpoint' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.channels.remove(p, tenantId, id);
  }

  /**
   * POST /v1/webhooks/:id/rotate-secret → 200 `{ secret, previousSecretExpiresAt }`: the new secret signs from now on;
   * the old one signs too until `previousSecretExpiresAt` (both signatures in `webhook-signature`). 409 for SLACK and
   * TEAMS endpoints.
   */
  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Rotate a webhook's signing secret (the old one keeps signing for an overlap window)" })
  @ApiOkResponse({ type: RotatedSecretDto })
  @ApiErrors(404, { status: 409, description: 'SLACK and TEAMS endpoints have no signing secret' })
  rotate(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.channels.rotateSecret(p, tenantId, id);
  }

  /**
   * POST /v1/webhooks/:id/test → 202 `{ deliveryId, messageId }`: a `webhook.test` message with a sample alert is
   * queued and sent at once (also to a disabled endpoint), one attempt; its result shows in the delivery log.
   */
  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a test message to an endpoint' })
  @ApiAcceptedResponse({ type: TestQueuedDto })
  @ApiErrors(404)
  test(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.channels.sendTest(p, tenantId, id);
  }

  /**
   * GET /v1/webhooks/:id/deliveries?limit&cursor → `{ items, nextCursor }`: the endpoint's delivery log, newest
   * first, one item per attempt (status code, latency in ms, response excerpt, error, attempt number, webhook-id).
   */
  @Get(':id/deliveries')
  @ApiOperation({ summary: "An endpoint's delivery log (one entry per attempt)" })
  @ApiPage(EndpointAttemptDto, 'Attempts, newest first')
  @ApiErrors(404)
  deliveries(
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: EndpointDeliveriesQueryDto,
  ) {
    return this.channels.deliveries(tenantId, id, null, q.limit ?? 50, q.cursor);
  }
}

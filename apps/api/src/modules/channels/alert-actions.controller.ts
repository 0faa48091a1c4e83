import { Controller, ForbiddenException, Get, Header, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '../../common/clock.js';
import { ApiErrors } from '../../common/openapi/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { AlertsApiService } from '../alerts/alerts-api.service.js';
import { Public } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ACK_LINK_SIGNER, type AckClaims, type AckLinkSigner, InvalidAckTokenError } from './ack-links.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;

/**
 * The "Acknowledge" button of Slack, Teams and webhook messages: a signed, expiring link (ack-links.ts) that
 * acknowledges one alert without signing in. GET shows a confirmation page (chat apps and link scanners prefetch
 * GETs, so GET never acts); its form POSTs. Public routes: the signed token is the credential; a bad, forged or
 * expired token is 403 naming `token`.
 */
@ApiTags('alerts')
@Public()
@Controller('v1/alert-actions')
export class AlertActionsController {
  constructor(
    @Inject(ACK_LINK_SIGNER) private readonly signer: AckLinkSigner,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly alerts: AlertsApiService,
    private readonly audit: AuditService,
  ) {}

  /** GET /v1/alert-actions/acknowledge?token=… → an HTML page naming the alert, with a button that POSTs. */
  @Get('acknowledge')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiQuery({ name: 'token', required: true, description: "The signed token from the message's link" })
  @ApiOperation({ summary: 'Acknowledgement confirmation page (the chat or webhook link)' })
  @ApiOkResponse({
    description: 'An HTML page with a confirmation button',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiErrors({ status: 403, description: 'Bad, forged or expired token (field `token`)' }, 404)
  async confirm(@Query('token') token: string): Promise<string> {
    const claims = this.claims(token);
    const alert = await this.alerts.get(claims.tenantId, claims.alertId);
    return page(
      'Acknowledge alert',
      `<h1>Acknowledge this alert?</h1><p>${escapeHtml(alert.severity)}: ${escapeHtml(alert.title)}</p><p>Status now: ${escapeHtml(alert.status)}</p>
<form method="post" action="?token=${escapeHtml(token)}"><button type="submit">Acknowledge</button></form>`,
    );
  }

  /**
   * POST /v1/alert-actions/acknowledge?token=… → 200 an HTML page: the alert is ACKNOWLEDGED (recorded in its history
   * without a user, and in the audit log as `alert.acknowledge-link` with the endpoint that carried the link).
   * Idempotent. 403 on a bad token; 404 when the alert is gone.
   */
  @Post('acknowledge')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiQuery({ name: 'token', required: true, description: "The signed token from the message's link" })
  @ApiOperation({ summary: 'Acknowledge an alert through a signed link' })
  @ApiOkResponse({
    description: 'An HTML page confirming the acknowledgement',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiErrors({ status: 403, description: 'Bad, forged or expired token (field `token`)' }, 404)
  async acknowledge(@Query('token') token: string): Promise<string> {
    const claims = this.claims(token);
    // The link is posted to the tenant's channel, read by its buyers: recorded as a buyer action without a user.
    const actor: Principal = {
      kind: 'user',
      userId: null,
      tokenId: null,
      sessionId: null,
      tenantId: claims.tenantId,
      role: 'BUYER',
    };
    const before = await this.alerts.get(claims.tenantId, claims.alertId);
    const after = await this.alerts.setStatus(actor, claims.tenantId, claims.alertId, 'ACKNOWLEDGED');
    await this.audit.record(
      null,
      actor,
      'alert.acknowledge-link',
      { type: 'alert', id: claims.alertId, tenantId: claims.tenantId },
      {
        before: { status: before.status },
        after: { status: after.status, via: 'signed-link', endpointId: claims.endpointId },
      },
    );
    return page('Alert acknowledged', `<h1>Acknowledged</h1><p>${escapeHtml(after.title)}</p>`);
  }

  private claims(token: string): AckClaims {
    try {
      return this.signer.verify(token, this.clock.now());
    } catch (error) {
      if (error instanceof InvalidAckTokenError)
        throw new ForbiddenException({
          statusCode: 403,
          error: 'Forbidden',
          message: error.message,
          errors: [{ field: 'token', messages: [error.message] }],
        });
      throw error;
    }
  }
}

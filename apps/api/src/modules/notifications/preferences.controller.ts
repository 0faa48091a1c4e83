import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import {
  InvalidLinkTokenError,
  LINK_SIGNER,
  type LinkClaims,
  type LinkPurpose,
  type LinkSigner,
} from '../../common/signed-links.js';
import { Public } from '../auth/decorators.js';
import { UpdatePreferencesDto } from './dto/preferences.dto.js';
import { PreferencesDto, UnsubscribedDto } from './notifications.responses.js';
import { PreferencesService, UnknownUserError, type PreferencesView } from './preferences.service.js';

/** The `token` query parameter of the signed email links. */
const ApiSignedLinkToken = () =>
  ApiQuery({ name: 'token', required: true, description: "The signed token from the email's link" });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The signed links of every email: one-click unsubscribe (RFC 8058) and preferences, usable without logging in.
 * The token (query `token`) is an HMAC-signed (LINK_SIGNING_SECRET) claim naming user, tenant and purpose; a bad or
 * forged token gives 403 naming the field `token`. Public routes: the signed token is the credential.
 */
@ApiTags('email')
@Public()
@Controller('v1/email')
export class PreferencesController {
  constructor(
    private readonly prefs: PreferencesService,
    @Inject(LINK_SIGNER) private readonly links: LinkSigner,
  ) {}

  /**
   * GET /v1/email/unsubscribe?token=…: a confirmation page with a button (link scanners prefetch GETs, so GET never
   * unsubscribes). 403 on a bad token.
   */
  @Get('unsubscribe')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiSignedLinkToken()
  @ApiOperation({ summary: 'Unsubscribe confirmation page (the email link)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page with a confirmation button', schema: { type: 'string' } })
  @ApiErrors({ status: 403, description: 'Bad or forged token (field `token`)' }, 404)
  async unsubscribePage(@Query('token') token: string): Promise<string> {
    const claims = this.claims(token, 'unsubscribe');
    const view = await this.view(claims);
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head><body>
<h1>Unsubscribe ${escapeHtml(view.email)} from Lodestone emails?</h1>
<form method="post" action="?token=${escapeHtml(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>
<p><a href="${escapeHtml(this.links.preferencesUrl(claims.userId, claims.tenantId))}">Change email preferences instead</a></p></body></html>`;
  }

  /**
   * POST /v1/email/unsubscribe?token=…: RFC 8058 one-click unsubscribe (body `List-Unsubscribe=One-Click`, which is not
   * required). 200 `{ unsubscribed: true, email }`; idempotent; 403 on a bad token; 404 when the user is gone.
   */
  @Post('unsubscribe')
  @HttpCode(200)
  @ApiSignedLinkToken()
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post)' })
  @ApiOkResponse({ type: UnsubscribedDto })
  @ApiErrors({ status: 403, description: 'Bad or forged token (field `token`)' }, 404)
  async unsubscribe(@Query('token') token: string): Promise<{ unsubscribed: true; email: string }> {
    const claims = this.claims(token, 'unsubscribe');
    const view = await this.view(claims);
    await this.prefs.unsubscribe(claims.userId, claims.tenantId);
    return { unsubscribed: true, email: view.email };
  }

  /** GET /v1/email/preferences?token=…: `{ userId, email, timeZone, own, effective }`. 403 on a bad token. */
  @Get('preferences')
  @ApiSignedLinkToken()
  @ApiOperation({ summary: 'Notification preferences from the signed email link' })
  @ApiOkResponse({ type: PreferencesDto })
  @ApiErrors({ status: 403, description: 'Bad or forged token (field `token`)' }, 404)
  async get(@Query('token') token: string): Promise<PreferencesView> {
    return this.view(this.claims(token, 'preferences'));
  }

  /**
   * PATCH /v1/email/preferences?token=… with {@link UpdatePreferencesDto}: updates the given fields, returns the new
   * view. 400 naming each bad field (nothing written); 403 on a bad token.
   */
  @Patch('preferences')
  @ApiOperation({ summary: 'Change notification preferences from the signed email link' })
  @ApiOkResponse({ type: PreferencesDto })
  @ApiErrors({ status: 403, description: 'Bad or forged token (field `token`)' }, 404)
  @ApiSignedLinkToken()
  async update(@Query('token') token: string, @Body() dto: UpdatePreferencesDto): Promise<PreferencesView> {
    const claims = this.claims(token, 'preferences');
    try {
      return await this.prefs.update(claims.userId, claims.tenantId, dto);
    } catch (error) {
      if (error instanceof UnknownUserError) throw new NotFoundException('user not found');
      throw error;
    }
  }

  private claims(token: unknown, purpose: LinkPurpose): LinkClaims {
    try {
      return this.links.verify(token, purpose);
    } catch (error) {
      if (error instanceof InvalidLinkTokenError) {
        throw new ForbiddenException({
          statusCode: 403,
          error: 'Forbidden',
          message: error.message,
          errors: [{ field: 'token', messages: [error.message] }],
        });
      }
      throw error;
    }
  }

  private async view(claims: LinkClaims): Promise<PreferencesView> {
    try {
      return await this.prefs.get(claims.userId, claims.tenantId);
    } catch (error) {
      if (error instanceof UnknownUserError) throw new NotFoundException('user not found');
      throw error;
    }
  }
}

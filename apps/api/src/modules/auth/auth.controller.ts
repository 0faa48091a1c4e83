import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FieldValidationException } from '../../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuthService, TooManyAttemptsException } from './auth.service.js';
import { CurrentPrincipal, Public } from './decorators.js';
import { LoginDto, RefreshDto, TokenPairDto } from './dto/auth.dto.js';
import { LoginResultDto, PrincipalDto } from './dto/auth.responses.js';
import type { Principal } from './principal.js';

/** Sign-in with email and password, token refresh, sign-out. */
@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * POST /v1/auth/login `{ email, password }` → 200 `{ tokenType, accessToken, accessTokenExpiresAt, refreshToken,
   * refreshTokenExpiresAt, user: { id, email, name, role, tenantId } }`. 401 for bad credentials (one message for
   * every cause); 429 with Retry-After (seconds) over the per-address rate limit, or while this (email, client
   * address) pair waits out its growing delay after repeated failures (same for known and unknown emails). The client
   * address is the peer's, or X-Forwarded-For's with TRUST_PROXY.
   */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ description: 'Invalid email or password' })
  @ApiTooManyRequestsResponse({
    description: 'Rate limited, or delayed after failed logins; see Retry-After',
    headers: { 'Retry-After': { description: 'Seconds until a retry may succeed', schema: { type: 'integer' } } },
  })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    try {
      const pair = await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
      return this.deliver(req, res, pair);
    } catch (error) {
      if (error instanceof TooManyAttemptsException) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  /**
   * POST /v1/auth/refresh `{ refreshToken }` → 200 a new token pair (the old refresh token stops working); 401
   * otherwise. Presenting an already-rotated refresh token revokes its whole session (token family).
   */
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Invalid, reused (the session is then revoked) or expired refresh token' })
  async refresh(@Body() dto: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (dto.refreshToken === undefined && !wantsCookie(req)) {
      throw new FieldValidationException([{ field: 'refreshToken', messages: ['refreshToken must be a string'] }]);
    }
    const token = dto.refreshToken ?? readCookie(req, REFRESH_COOKIE);
    if (!token) throw new UnauthorizedException('Invalid or expired refresh token');
    try {
      return this.deliver(req, res, await this.auth.refresh(token));
    } catch (error) {
      if (wantsCookie(req)) res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
      throw error;
    }
  }

  /** POST /v1/auth/logout → 204; the session's access and refresh tokens stop working. */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out (revoke this session)' })
  @ApiNoContentResponse()
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(principal);
    res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
  }

  /**
   * Cookie transport of the refresh token (the web console): with the header `X-Refresh-Transport: cookie`, login and
   * refresh set the refresh token in an httpOnly, SameSite=Strict cookie scoped to /v1/auth (Secure when PUBLIC_URL is
   * https) and leave it out of the body, so page scripts never see it; refresh then reads it from that cookie. The
   * custom header also makes a cross-site request need a CORS preflight, which this API never grants.
   */
  private deliver<T extends { refreshToken: string; refreshTokenExpiresAt: string }>(
    req: Request,
    res: Response,
    pair: T,
  ): T | Omit<T, 'refreshToken'> {
    if (!wantsCookie(req)) return pair;
    res.cookie(REFRESH_COOKIE, pair.refreshToken, {
      ...this.cookieOptions(),
      expires: new Date(pair.refreshTokenExpiresAt),
    });
    const { refreshToken: _omitted, ...rest } = pair;
    return rest;
  }

  private cookieOptions() {
    return {
      httpOnly: true,
      secure: this.config.publicUrl.startsWith('https:'),
      sameSite: 'strict' as const,
      path: '/v1/auth',
    };
  }

  /** GET /v1/auth/me → 200 the caller's principal `{ kind, userId, tokenId, sessionId, tenantId, role }`. */
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who am I' })
  @ApiOkResponse({ type: PrincipalDto })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

/** Name of the refresh-token cookie of the web console. */
export const REFRESH_COOKIE = 'lodestone_refresh';

function wantsCookie(req: Request): boolean {
  return req.get('x-refresh-transport') === 'cookie';
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
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
import { AuthService, TooManyAttemptsException } from './auth.service.js';
import { CurrentPrincipal, Public } from './decorators.js';
import { LoginDto, RefreshDto, TokenPairDto } from './dto/auth.dto.js';
import { LoginResultDto, PrincipalDto } from './dto/auth.responses.js';
import type { Principal } from './principal.js';

/** Sign-in with email and password, token refresh, sign-out. */
@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
      return await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
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
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  /** POST /v1/auth/logout → 204; the session's access and refresh tokens stop working. */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out (revoke this session)' })
  @ApiNoContentResponse()
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
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

import { HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { Role } from '@lodestone/shared-types';
import { isUniqueViolation } from '../../database/errors.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { Once } from '../../common/once.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuthRepository } from './auth.repository.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import type { Principal } from './principal.js';
import { hashToken, newToken, TOKEN_PREFIX } from './tokens.js';

/** How stale `Session.lastUsedAt` may get before an authenticated request writes it again (1 minute). */
const SESSION_TOUCH_INTERVAL_MS = 60_000;

/** Tokens handed out at sign-in and refresh. Instants are ISO-8601 UTC. */
export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

/** 429 Too Many Requests with a `retryAfterSeconds` field (the controller sets the Retry-After header). */
export class TooManyAttemptsException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super({ statusCode: 429, error: 'Too Many Requests', message, retryAfterSeconds }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

const INVALID = 'Invalid email or password';

/** Sign-in, refresh, sign-out, and turning a bearer token into a {@link Principal}. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** A real argon2id hash of a random string, verified against when the email is unknown (equal timing). */
  /** A hash of a random secret, so an unknown email costs the same argon2id verification as a known one. */
  private readonly dummyHash = new Once(() => this.hasher.hash(newToken('link')));

  constructor(
    private readonly repository: AuthRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Email + password sign-in. Creates a session.
   * @param clientAddress the client's address (`req.ip`; behind a proxy only with TRUST_PROXY), for throttling.
   * @throws TooManyAttemptsException (429, `retryAfterSeconds`) over LOGIN_RATE_LIMIT_PER_MINUTE attempts from the
   *   address, or while this (email, address) pair waits out its delay after LOGIN_MAX_FAILURES failures: the same
   *   for known and unknown emails; UnauthorizedException (401, one message for unknown email, wrong password,
   *   inactive account or suspended tenant).
   */
  async login(
    email: string,
    password: string,
    clientAddress: string,
  ): Promise<TokenPair & { user: { id: string; email: string; name: string; role: Role; tenantId: string | null } }> {
    const gate = await this.throttle.hitAddress(clientAddress);
    if (!gate.allowed)
      throw new TooManyAttemptsException(
        gate.retryAfterSeconds,
        'Too many login attempts from this address; try again later',
      );
    const pairGate = await this.throttle.checkPair(email, clientAddress);
    if (!pairGate.allowed)
      throw new TooManyAttemptsException(
        pairGate.retryAfterSeconds,
        'Too many failed logins for this email from this address; try again later or reset the password',
      );
    const now = this.clock.now();
    const user = await this.repository.findUserByEmail(email.trim());
    const ok = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verify(await this.dummy(), password).then(() => false);
    if (!user || !ok || !user.active || (user.tenant && user.tenant.status !== 'ACTIVE')) {
      const delay = await this.throttle.pairFailed(email, clientAddress);
      if (delay > 0) this.logger.warn(`failed logins: next attempt of an (email, address) pair delayed ${delay} s`);
      throw new UnauthorizedException(INVALID);
    }
    await this.throttle.pairSucceeded(email, clientAddress);
    await this.repository.loginSucceeded(user.id, now);
    const pair = await this.openSession(user.id);
    return {
      ...pair,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId },
    };
  }

  /**
   * Exchanges a refresh token for a new pair (both rotated; the old refresh token stops working). A session is one
   * token family: presenting a refresh token that an earlier refresh already replaced is reuse (the token was copied,
   * or stolen), and revokes the whole session, so that neither the thief's nor the owner's tokens work any more.
   * A transport (JSON body, or an httpOnly cookie) only has to hand the token over.
   * @throws UnauthorizedException (401) for an unknown, reused, expired or revoked refresh token, or an account that
   *   can no longer sign in.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const invalid = () => new UnauthorizedException('Invalid or expired refresh token');
    if (!refreshToken.startsWith(TOKEN_PREFIX.refresh)) throw invalid();
    const now = this.clock.now();
    const oldHash = hashToken(refreshToken);
    const session = await this.repository.findSessionByRefreshHash(oldHash);
    if (!session) {
      const retired = await this.repository.findRetiredRefreshToken(oldHash);
      if (retired) {
        const revoked = await this.repository.revokeSession(retired.sessionId, now);
        if (revoked.count > 0)
          this.logger.warn(`refresh token reuse detected: session ${retired.sessionId} (the token family) revoked`);
      }
      throw invalid();
    }
    if (session.revokedAt || session.refreshExpiresAt <= now) throw invalid();
    const user = await this.repository.findUserById(session.userId);
    if (!user?.active || (user.tenant && user.tenant.status !== 'ACTIVE')) throw invalid();
    const { pair, hashes } = this.newPair(now);
    if (!(await this.repository.rotateSession(session.id, oldHash, { ...hashes, lastUsedAt: now }, now)))
      throw invalid();
    return pair;
  }

  /** Revokes the caller's session (no-op for API tokens). */
  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId) await this.repository.revokeSession(principal.sessionId, this.clock.now());
  }

  /**
   * Resolves a bearer token to a principal.
   * @returns null for anything that does not authenticate (unknown, expired, revoked token; inactive user; suspended
   *   tenant).
   */
  async authenticate(token: string): Promise<Principal | null> {
    const now = this.clock.now();
    if (token.startsWith(TOKEN_PREFIX.access)) {
      const session = await this.repository.findSessionByAccessHash(hashToken(token));
      if (!session || session.revokedAt || session.accessExpiresAt <= now) return null;
      const user = await this.repository.findUserById(session.userId);
      if (!user?.active || (user.tenant && user.tenant.status !== 'ACTIVE')) return null;
      // At most one write a minute per session, not one per request.
      if (!session.lastUsedAt || now.getTime() - session.lastUsedAt.getTime() >= SESSION_TOUCH_INTERVAL_MS)
        await this.repository.touchSession(session.id, now);
      return {
        kind: 'user',
        userId: user.id,
        tokenId: null,
        sessionId: session.id,
        tenantId: user.tenantId,
        role: user.role,
      };
    }
    if (token.startsWith(TOKEN_PREFIX.api)) {
      const apiToken = await this.repository.findApiTokenByHash(hashToken(token));
      if (!apiToken || apiToken.revokedAt || apiToken.tenant.status !== 'ACTIVE') return null;
      await this.repository.touchApiToken(apiToken.tenantId, apiToken.id, now);
      return {
        kind: 'api-token',
        userId: null,
        tokenId: apiToken.id,
        sessionId: null,
        tenantId: apiToken.tenantId,
        role: apiToken.role,
      };
    }
    return null;
  }

  /** Whether a tenant with this id exists (any status): the guard's check of a platform admin's `X-Tenant-Id`. */
  async tenantExists(tenantId: string): Promise<boolean> {
    return (await this.repository.findTenant(tenantId)) !== null;
  }

  /**
   * Creates a platform admin with a password.
   * @throws Error when the password is shorter than 12 characters; Prisma P2002 when the email is taken.
   */
  async createPlatformAdmin(email: string, name: string, password: string) {
    if (password.length < 12) throw new Error('The password must be at least 12 characters');
    return this.repository.createPlatformAdmin({
      email: email.trim(),
      name: name.trim(),
      passwordHash: await this.hasher.hash(password),
    });
  }

  /** First boot: creates the platform admin from ADMIN_EMAIL / ADMIN_PASSWORD when no platform admin exists yet. */
  async ensureFirstAdmin(): Promise<'created' | 'exists' | 'not-configured'> {
    const first = this.config.auth.firstAdmin;
    if (!first) return 'not-configured';
    if ((await this.repository.countPlatformAdmins()) > 0) return 'exists';
    try {
      await this.createPlatformAdmin(first.email, first.name, first.password);
    } catch (error) {
      // Two processes booting at once: the other one created it.
      if (isUniqueViolation(error)) return 'exists';
      throw error;
    }
    this.logger.log(`created the first platform admin ${first.email}`);
    return 'created';
  }

  /** Opens a session for a user (sign-in, accepted invitation, password reset). */
  async openSession(userId: string): Promise<TokenPair> {
    const { pair, hashes } = this.newPair(this.clock.now());
    await this.repository.createSession({ userId, ...hashes });
    return pair;
  }

  private newPair(now: Date) {
    const accessToken = newToken('access');
    const refreshToken = newToken('refresh');
    const accessExpiresAt = new Date(now.getTime() + this.config.auth.accessTokenTtlSeconds * 1000);
    const refreshExpiresAt = new Date(now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000);
    return {
      pair: {
        tokenType: 'Bearer' as const,
        accessToken,
        accessTokenExpiresAt: accessExpiresAt.toISOString(),
        refreshToken,
        refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      },
      hashes: {
        accessTokenHash: hashToken(accessToken),
        accessExpiresAt,
        refreshTokenHash: hashToken(refreshToken),
        refreshExpiresAt,
      },
    };
  }

  private dummy(): Promise<string> {
    return this.dummyHash.get();
  }
}

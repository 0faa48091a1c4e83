import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';

/** The outcome of a throttle check: go ahead, or wait `retryAfterSeconds` (whole seconds, >= 1). */
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MINUTE_MS = 60_000;
/** A pair's failure streak is forgotten after a day without failures; rows idle that long are pruned. */
const STREAK_MS = 24 * 3600_000;
/** Prune idle rows once every this many recorded failures (per process). */
const PRUNE_EVERY = 500;

/**
 * Login throttling, stored in the database (PostgreSQL or PGlite), so it holds across API processes:
 *
 * - per client address: at most LOGIN_RATE_LIMIT_PER_MINUTE attempts in a one-minute window;
 * - per (email, client address) pair: LOGIN_MAX_FAILURES failures go through; after that each failure delays the
 *   pair's next attempt by LOGIN_DELAY_BASE_SECONDS, doubling up to LOGIN_MAX_DELAY_SECONDS.
 *
 * The pair key does not depend on whether the email belongs to an account, so the answers (401, then 429 with
 * Retry-After) are the same for known and unknown emails; and a stranger's failures from another address never delay
 * the account's owner (there is no per-account lock).
 */
@Injectable()
export class LoginThrottle {
  private failuresSincePrune = 0;

  constructor(
    private readonly repository: LoginThrottleRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Counts one attempt from `clientAddress`; refused past LOGIN_RATE_LIMIT_PER_MINUTE in the current minute. */
  async hitAddress(clientAddress: string): Promise<ThrottleVerdict> {
    const now = this.clock.now();
    const { count, windowStart } = await this.repository.countInWindow(`ip:${clientAddress}`, now, MINUTE_MS);
    if (count <= this.config.auth.loginRateLimitPerMinute) return { allowed: true };
    return { allowed: false, retryAfterSeconds: secondsUntil(new Date(windowStart.getTime() + MINUTE_MS), now) };
  }

  /** Whether the pair may try now (it is not inside a delay after failures). Does not count an attempt. */
  async checkPair(email: string, clientAddress: string): Promise<ThrottleVerdict> {
    const now = this.clock.now();
    const until = await this.repository.blockedUntil(pairKey(email, clientAddress));
    if (!until || until <= now) return { allowed: true };
    return { allowed: false, retryAfterSeconds: secondsUntil(until, now) };
  }

  /**
   * Records a failed login of the pair (unknown email, wrong password, inactive account alike).
   * @returns the delay imposed before the pair's next attempt, in seconds (0 while within LOGIN_MAX_FAILURES).
   */
  async pairFailed(email: string, clientAddress: string): Promise<number> {
    const now = this.clock.now();
    const key = pairKey(email, clientAddress);
    const failures = await this.repository.addFailure(key, now, new Date(now.getTime() - STREAK_MS));
    const delay = loginDelaySeconds(failures, this.config.auth);
    if (delay > 0) await this.repository.block(key, new Date(now.getTime() + delay * 1000));
    if (++this.failuresSincePrune >= PRUNE_EVERY) {
      this.failuresSincePrune = 0;
      await this.repository.prune(new Date(now.getTime() - STREAK_MS));
    }
    return delay;
  }

  /** A successful login ends the pair's failure streak. */
  async pairSucceeded(email: string, clientAddress: string): Promise<void> {
    await this.repository.clear(pairKey(email, clientAddress));
  }
}

/**
 * The delay after the `failures`-th consecutive failure of a pair, in seconds: 0 up to `maxFailedLogins`, then
 * `loginDelayBaseSeconds * 2^(failures - maxFailedLogins - 1)`, at most `loginMaxDelaySeconds`.
 */
export function loginDelaySeconds(
  failures: number,
  auth: Pick<AppConfig['auth'], 'maxFailedLogins' | 'loginDelayBaseSeconds' | 'loginMaxDelaySeconds'>,
): number {
  const over = failures - auth.maxFailedLogins;
  if (over <= 0) return 0;
  return Math.min(auth.loginMaxDelaySeconds, auth.loginDelayBaseSeconds * 2 ** Math.min(over - 1, 30));
}

/** "pair:" and the SHA-256 (hex) of the lower-cased, trimmed email and the client address. */
function pairKey(email: string, clientAddress: string): string {
  return `pair:${createHash('sha256').update(`${email.trim().toLowerCase()}\n${clientAddress}`).digest('hex')}`;
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

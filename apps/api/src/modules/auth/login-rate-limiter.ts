import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * Login attempts per client key (the client IP) in fixed one-minute windows, in memory. Per-process: with several API
 * processes each enforces its own limit (the per-account lockout, stored in the database, is shared).
 */
@Injectable()
export class LoginRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly limit: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limit = config.auth.loginRateLimitPerMinute;
  }

  /**
   * Counts one attempt for `key`.
   * @returns `{ allowed: true }`, or `{ allowed: false, retryAfterSeconds }` when the key is over its limit this minute.
   */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) {
      for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
    }
    let w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count > this.limit) return { allowed: false, retryAfterSeconds: Math.ceil((w.start + 60_000 - now) / 1000) };
    return { allowed: true };
  }
}

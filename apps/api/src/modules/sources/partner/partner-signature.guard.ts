import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { CLOCK, type Clock } from '../../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';

/** Header with the Unix time (seconds) the partner signed at. */
export const TIMESTAMP_HEADER = 'x-lodestone-timestamp';
/** Header with `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" under the partner's secret>`. */
export const SIGNATURE_HEADER = 'x-lodestone-signature';

/** The signature a partner sends: `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`). */
export function signPartnerPayload(secret: string, timestamp: number, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Verifies a partner webhook: the partner (route parameter) is configured (404 otherwise), the timestamp is within the
 * replay window (PARTNER_WEBHOOK_TOLERANCE_SECONDS, default 300 s, either side of now), and the signature matches
 * the raw body (401 otherwise). Comparison is constant-time.
 */
@Injectable()
export class PartnerSignatureGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { rawBody?: Buffer }>();
    const partner = String(req.params.partner ?? '');
    const secret = this.config.partners.secrets[partner];
    if (!secret) throw new NotFoundException(`Unknown partner "${partner}"`);
    const rawTs = String(req.headers[TIMESTAMP_HEADER] ?? '');
    if (!/^\d{9,11}$/.test(rawTs))
      throw new UnauthorizedException(`${TIMESTAMP_HEADER} must be the Unix time in seconds`);
    const skew = Math.abs(this.clock.now().getTime() / 1000 - Number(rawTs));
    if (skew > this.config.partners.toleranceSeconds) {
      throw new UnauthorizedException(
        `${TIMESTAMP_HEADER} is outside the replay window (${this.config.partners.toleranceSeconds} s)`,
      );
    }
    const given = Buffer.from(String(req.headers[SIGNATURE_HEADER] ?? ''));
    const expected = Buffer.from(signPartnerPayload(secret, Number(rawTs), req.rawBody ?? Buffer.alloc(0)));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedException(
        `${SIGNATURE_HEADER} does not match the body (sha256=HMAC-SHA256 of "<timestamp>.<body>")`,
      );
    }
    return true;
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link lets its holder do: acknowledge one alert of one tenant, until it expires. */
export interface AckClaims {
  alertId: string;
  tenantId: string;
  /** The endpoint whose message carried the link (for the audit log). */
  endpointId: string;
  /** Expiry, seconds since the Unix epoch (UTC). */
  expiresAt: number;
}

/** A malformed, forged or expired acknowledgement token (HTTP 403 at the edge, field `token`). */
export class InvalidAckTokenError extends Error {
  constructor(reason: string) {
    super(`invalid acknowledgement token: ${reason}`);
    this.name = 'InvalidAckTokenError';
  }
}

const b64url = (s: string) => Buffer.from(s).toString('base64url');

/**
 * Signs and verifies the "Acknowledge" links of chat and webhook messages, so that whoever reads the channel can
 * acknowledge without signing in, and nobody can acknowledge another alert. Token:
 * `base64url(JSON {a, t, e, x})` + `.` + `base64url(HMAC-SHA256(key, "lodestone-ack-v1." + payload))` with the
 * LINK_SIGNING_SECRET key; the purpose prefix keeps it apart from the email links signed with the same key. Unlike
 * unsubscribe links they expire (CHANNEL_ACK_LINK_TTL_SECONDS, default 7 days): a forwarded chat message should not
 * act for ever.
 */
export class AckLinkSigner {
  constructor(
    private readonly secret: string,
    private readonly publicUrl: string,
    /** Lifetime of a link, seconds. */
    private readonly ttlSeconds: number,
  ) {}

  /** A token for `alertId` of `tenantId`, expiring `ttlSeconds` after `now`. Pure. */
  sign(alertId: string, tenantId: string, endpointId: string, now: Date): string {
    const expiresAt = Math.floor(now.getTime() / 1000) + this.ttlSeconds;
    const payload = b64url(JSON.stringify({ a: alertId, t: tenantId, e: endpointId, x: expiresAt }));
    return `${payload}.${this.mac(payload)}`;
  }

  /** `https://…/v1/alert-actions/acknowledge?token=…` (GET shows a confirmation page; its form POSTs). */
  url(alertId: string, tenantId: string, endpointId: string, now: Date): string {
    return `${this.publicUrl}/v1/alert-actions/acknowledge?token=${this.sign(alertId, tenantId, endpointId, now)}`;
  }

  /**
   * Checks a token's signature and expiry at `now`.
   * @throws InvalidAckTokenError when malformed, forged or expired.
   */
  verify(token: unknown, now: Date): AckClaims {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token))
      throw new InvalidAckTokenError('malformed');
    const [payload, mac] = token.split('.') as [string, string];
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new InvalidAckTokenError('bad signature');
    let p: { a?: unknown; t?: unknown; e?: unknown; x?: unknown };
    try {
      p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidAckTokenError('malformed payload');
    }
    if (typeof p.a !== 'string' || typeof p.t !== 'string' || typeof p.e !== 'string' || typeof p.x !== 'number')
      throw new InvalidAckTokenError('malformed payload');
    if (p.x * 1000 <= now.getTime()) throw new InvalidAckTokenError(`expired at ${new Date(p.x * 1000).toISOString()}`);
    return { alertId: p.a, tenantId: p.t, endpointId: p.e, expiresAt: p.x };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`lodestone-ack-v1.${payload}`).digest('base64url');
  }
}

export const ACK_LINK_SIGNER = Symbol('ACK_LINK_SIGNER');

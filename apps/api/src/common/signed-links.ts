import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed link lets its holder do, for one user. */
export type LinkPurpose = 'unsubscribe' | 'preferences';

/** The verified content of a signed link token. */
export interface LinkClaims {
  purpose: LinkPurpose;
  userId: string;
  tenantId: string;
}

/** A token that is malformed, forged or signed with another key. Maps to HTTP 400/403 at the edge. */
export class InvalidLinkTokenError extends Error {
  constructor(reason: string) {
    super(`invalid link token: ${reason}`);
    this.name = 'InvalidLinkTokenError';
  }
}

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

/**
 * Signs and verifies the links in every email (one-click unsubscribe, preferences), so that a recipient can act
 * without logging in and nobody can act for someone else.
 *
 * Token: `base64url(JSON {p, u, t})` + `.` + `base64url(HMAC-SHA256(key, "lodestone-link-v1." + payload))`.
 * The key is LINK_SIGNING_SECRET (config). Tokens do not expire: RFC 8058 expects unsubscribe links in old mails to keep
 * working; rotating the secret invalidates all of them.
 */
export class LinkSigner {
  constructor(
    private readonly secret: string,
    private readonly publicUrl: string,
  ) {}

  /** A token for `claims`. Pure and deterministic. */
  sign(claims: LinkClaims): string {
    const payload = b64url(JSON.stringify({ p: claims.purpose, u: claims.userId, t: claims.tenantId }));
    return `${payload}.${this.mac(payload)}`;
  }

  /**
   * Checks a token and that it was made for `purpose`.
   * @throws InvalidLinkTokenError when malformed, forged, or for another purpose.
   */
  verify(token: unknown, purpose: LinkPurpose): LinkClaims {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token))
      throw new InvalidLinkTokenError('malformed');
    const [payload, mac] = token.split('.') as [string, string];
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new InvalidLinkTokenError('bad signature');
    let parsed: { p?: unknown; u?: unknown; t?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidLinkTokenError('malformed payload');
    }
    if (parsed.p !== purpose) throw new InvalidLinkTokenError(`made for "${String(parsed.p)}", not "${purpose}"`);
    if (typeof parsed.u !== 'string' || typeof parsed.t !== 'string')
      throw new InvalidLinkTokenError('malformed payload');
    return { purpose, userId: parsed.u, tenantId: parsed.t };
  }

  /** `https://…/v1/email/unsubscribe?token=…`: GET shows a confirmation page, POST (RFC 8058 one-click) unsubscribes. */
  unsubscribeUrl(userId: string, tenantId: string): string {
    return `${this.publicUrl}/v1/email/unsubscribe?token=${this.sign({ purpose: 'unsubscribe', userId, tenantId })}`;
  }

  /**
   * `https://…/email-preferences?token=…`: the web console's page, which reads and edits the user's preferences through
   * GET / PATCH /v1/email/preferences?token=… (the API keeps verifying the signature).
   */
  preferencesUrl(userId: string, tenantId: string): string {
    return `${this.publicUrl}/email-preferences?token=${this.sign({ purpose: 'preferences', userId, tenantId })}`;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`lodestone-link-v1.${payload}`).digest('base64url');
  }
}

export const LINK_SIGNER = Symbol('LINK_SIGNER');

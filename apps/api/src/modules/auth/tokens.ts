import { createHash, randomBytes } from 'node:crypto';

/** Token kinds, told apart by prefix: session access, session refresh, API token, one-time link. */
export const TOKEN_PREFIX = { access: 'lsa_', refresh: 'lsr_', api: 'lst_', link: 'lsl_' } as const;

/** A new random token: the prefix and 32 random bytes in base64url (256 bits). */
export function newToken(kind: keyof typeof TOKEN_PREFIX): string {
  return TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a token, hex. Tokens carry 256 random bits, so a fast hash is enough (no salt or stretching needed);
 * only hashes are stored.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

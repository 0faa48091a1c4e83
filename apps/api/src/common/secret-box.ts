import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Prefix of a sealed value: format version 1 is AES-256-GCM, `enc:v1:` + base64url(iv[12] | tag[16] | ciphertext). */
const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encryption at rest of the secrets Lodestone must read back to use (the Standard Webhooks signing secrets of tenant
 * endpoints: a receiver verifies with the same secret, so it cannot be stored as a hash). AES-256-GCM (NIST SP
 * 800-38D) with a random 96-bit IV per value; the key is derived with HKDF-SHA256 (RFC 5869) from a master secret and a
 * purpose label, so one master secret gives independent keys per use.
 *
 * A database dump alone no longer yields the secrets; the master secret (environment) is needed too. Values written
 * before encryption existed (no `enc:v1:` prefix) are read as they are, and re-sealed by {@link SecretBox.isSealed}
 * callers when they rewrite them.
 */
export class SecretBox {
  private readonly key: Buffer;

  /**
   * @param masterSecret at least 32 characters (CHANNEL_SECRETS_KEY, else LINK_SIGNING_SECRET; see app-config.ts).
   * @param purpose label mixed into the key derivation (HKDF `info`), e.g. `channel-endpoint-secret/v1`.
   * @throws Error when `masterSecret` is shorter than 32 characters.
   */
  constructor(masterSecret: string, purpose: string) {
    if (masterSecret.length < 32) throw new Error('SecretBox: the master secret must be at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, 'lodestone', purpose, 32));
  }

  /** Whether `value` is sealed by some SecretBox (has the `enc:v1:` prefix). */
  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  /** Seals `plain` (UTF-8) into `enc:v1:<base64url>`; a fresh IV each call, so equal inputs give different outputs. */
  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /**
   * Opens a value from {@link seal}; a value without the prefix (stored before encryption) is returned unchanged.
   * @throws Error when the value was sealed with another key or altered (GCM authentication fails).
   */
  open(stored: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('SecretBox: sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('SecretBox: cannot open a sealed value (another key, or the value was altered)');
    }
  }
}

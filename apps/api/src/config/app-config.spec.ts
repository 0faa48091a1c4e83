import { ConfigError, DEV_LINK_SIGNING_SECRET, loadConfig } from './app-config.js';

describe('loadConfig: DKIM', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----';

  it('is off when nothing is set and takes a key with \\n escapes', () => {
    expect(loadConfig({}).dkim).toBeNull();
    expect(loadConfig({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: pem }).dkim).toEqual({
      domainName: 'example.com',
      keySelector: 's1',
      privateKey: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
    });
  });

  it('names each missing or bad part of a partial DKIM configuration', () => {
    expect(() => loadConfig({ DKIM_DOMAIN: 'example.com' })).toThrow(/DKIM_SELECTOR is required/);
    expect(() => loadConfig({ DKIM_DOMAIN: 'example.com' })).toThrow(/DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE/);
    expect(() => loadConfig({ DKIM_DOMAIN: 'e.com', DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY: 'nope' })).toThrow(
      /must be a PEM private key/,
    );
    expect(() =>
      loadConfig({ DKIM_DOMAIN: 'e.com', DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY_FILE: '/nonexistent/key' }),
    ).toThrow(/DKIM_PRIVATE_KEY_FILE cannot be read/);
  });
});

describe('loadConfig: notification settings', () => {
  it('requires LINK_SIGNING_SECRET with PostgreSQL and falls back to the dev key only in embedded mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://u@h/db' })).toThrow(
      /LINK_SIGNING_SECRET is required with PostgreSQL/,
    );
    expect(loadConfig({}).linkSigningSecret).toBe(DEV_LINK_SIGNING_SECRET);
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://u@h/db', LINK_SIGNING_SECRET: 's'.repeat(32) }).linkSigningSecret,
    ).toBe('s'.repeat(32));
    expect(() => loadConfig({ LINK_SIGNING_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('parses SMTP pool, outbox and reminder settings, naming bad ones', () => {
    const c = loadConfig({
      SMTP_MAX_CONNECTIONS: '3',
      SMTP_RATE_LIMIT: '10',
      OUTBOX_RETRY_BASE_SECONDS: '2',
      EXPIRY_REMINDER_DAYS: '1, 30,7',
    });
    expect(c.smtpPool).toEqual({ maxConnections: 3, rateLimitPerSecond: 10 });
    expect(c.outbox).toEqual({ retryBaseMs: 2000, claimTimeoutMs: 300_000, concurrency: 5 });
    expect(c.reminderDays).toEqual([30, 7, 1]);
    try {
      loadConfig({ SMTP_MAX_CONNECTIONS: '0', EXPIRY_REMINDER_DAYS: '7,x' });
      throw new Error('expected ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'SMTP_MAX_CONNECTIONS must be an integer 1-100 (got "0")',
        'EXPIRY_REMINDER_DAYS must be a comma-separated list of whole days 1-366 (got "7,x")',
      ]);
    }
  });
});

import { ConfigError, DEV_LINK_SIGNING_SECRET, loadConfig } from './app-config.js';

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

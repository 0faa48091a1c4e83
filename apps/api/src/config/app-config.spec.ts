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

describe('loadConfig: sharded matching', () => {
  it('defaults to one shard matched in the request, every shard served', () => {
    expect(loadConfig({}).matching).toEqual({ shards: 1, workerShards: null });
    expect(loadConfig({ MATCH_SHARDS: '4', WORKER_SHARDS: 'all' }).matching).toEqual({ shards: 4, workerShards: null });
    expect(loadConfig({ MATCH_SHARDS: '4', WORKER_SHARDS: ' 2, 0 ' }).matching).toEqual({
      shards: 4,
      workerShards: [0, 2],
    });
  });

  it('fails at start-up naming MATCH_SHARDS or WORKER_SHARDS', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '1025'])
      expect(() => loadConfig({ MATCH_SHARDS: bad })).toThrow(`MATCH_SHARDS must be an integer 1-1024 (got "${bad}")`);
    for (const bad of ['2', '0,0', '-1', '1;0', 'none', '0,x'])
      expect(() => loadConfig({ MATCH_SHARDS: '2', WORKER_SHARDS: bad })).toThrow(
        `WORKER_SHARDS must be "all" or distinct shard numbers 0-1, comma-separated (MATCH_SHARDS=2; got "${bad}")`,
      );
    // Without MATCH_SHARDS there is one shard: only shard 0 exists.
    expect(() => loadConfig({ WORKER_SHARDS: '1' })).toThrow(ConfigError);
    expect(loadConfig({ WORKER_SHARDS: '0' }).matching).toEqual({ shards: 1, workerShards: [0] });
  });
});

/** The least a PostgreSQL (production) configuration needs besides LINK_SIGNING_SECRET. */
const PG_PRODUCTION = {
  DATABASE_URL: 'postgresql://u@h/db',
  INGEST_API_TOKEN: 'ingest-token-0123456789',
  PUBLIC_URL: 'https://lodestone.example.com',
};
const PG = { ...PG_PRODUCTION, LINK_SIGNING_SECRET: 's'.repeat(32) };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig: security defaults (issue 10)', () => {
  it('with PostgreSQL requires INGEST_API_TOKEN unless INGEST_OPEN=true', () => {
    const { INGEST_API_TOKEN: _t, ...noToken } = PG;
    expect(problemsOf(noToken)).toEqual([
      expect.stringMatching(/^INGEST_API_TOKEN is required with PostgreSQL.*INGEST_OPEN=true/),
    ]);
    expect(problemsOf({ ...noToken, INGEST_OPEN: 'true' })).toEqual([]);
    expect(loadConfig({ ...noToken, INGEST_OPEN: 'true' }).ingestToken).toBeNull();
    expect(loadConfig(PG).ingestToken).toBe('ingest-token-0123456789');
    expect(loadConfig({}).ingestToken).toBeNull(); // embedded default: open on 127.0.0.1
  });

  it('with PostgreSQL requires an https PUBLIC_URL unless ALLOW_HTTP_PUBLIC_URL=true', () => {
    expect(problemsOf({ ...PG, PUBLIC_URL: 'http://lodestone.example.com' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL must be https:\/\/ with PostgreSQL.*ALLOW_HTTP_PUBLIC_URL=true/),
    ]);
    const { PUBLIC_URL: _u, ...noUrl } = PG;
    expect(problemsOf(noUrl)).toEqual([expect.stringMatching(/^PUBLIC_URL must be https:\/\//)]);
    expect(loadConfig({ ...PG, PUBLIC_URL: 'http://intranet:3000', ALLOW_HTTP_PUBLIC_URL: 'true' }).publicUrl).toBe(
      'http://intranet:3000',
    );
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
  });

  it('listens on 127.0.0.1 by default in embedded mode, 0.0.0.0 with PostgreSQL, HOST otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(PG).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(problemsOf({ HOST: 'a b' })).toEqual(['HOST must be an IP address or host name (got "a b")']);
  });

  it('parses TRUST_PROXY, CORS_ORIGINS, SHUTDOWN_TIMEOUT_SECONDS and the login throttle, naming bad values', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://console.example.com/, http://localhost:5173' }).corsOrigins).toEqual([
      'https://console.example.com',
      'http://localhost:5173',
    ]);
    expect(loadConfig({}).shutdownTimeoutMs).toBe(25_000);
    expect(loadConfig({}).auth).toMatchObject({
      maxFailedLogins: 5,
      loginDelayBaseSeconds: 2,
      loginMaxDelaySeconds: 900,
    });
    expect(loadConfig({ LOGIN_LOCKOUT_SECONDS: '60' }).auth.loginMaxDelaySeconds).toBe(60);
    expect(problemsOf({ TRUST_PROXY: 'proxy!', CORS_ORIGINS: 'https://a.example/path' })).toEqual([
      'TRUST_PROXY: "proxy!" is not true/false, a hop count, an address, a subnet or loopback/linklocal/uniquelocal',
      'CORS_ORIGINS: "https://a.example/path" is not an origin (scheme://host[:port], no path)',
    ]);
  });
});

describe('loadConfig: notification settings', () => {
  it('requires LINK_SIGNING_SECRET with PostgreSQL and falls back to the dev key only in embedded mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://u@h/db' })).toThrow(
      /LINK_SIGNING_SECRET is required with PostgreSQL/,
    );
    expect(loadConfig({}).linkSigningSecret).toBe(DEV_LINK_SIGNING_SECRET);
    expect(loadConfig({ ...PG_PRODUCTION, LINK_SIGNING_SECRET: 's'.repeat(32) }).linkSigningSecret).toBe(
      's'.repeat(32),
    );
    expect(() => loadConfig({ LINK_SIGNING_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('uses pgboss by default with PostgreSQL and with the embedded PGlite, and takes outbox as the fallback', () => {
    expect(loadConfig({}).outbox.deliveryQueue).toBe('pgboss');
    expect(loadConfig({ ...PG }).outbox.deliveryQueue).toBe('pgboss');
    expect(loadConfig({ DELIVERY_QUEUE: '' }).outbox.deliveryQueue).toBe('pgboss');
    expect(loadConfig({ DELIVERY_QUEUE: 'outbox' }).outbox.deliveryQueue).toBe('outbox');
    expect(loadConfig({ ...PG, DELIVERY_QUEUE: ' Outbox ' }).outbox.deliveryQueue).toBe('outbox');
    expect(loadConfig({ ...PG, DELIVERY_QUEUE: 'pgboss' }).outbox.deliveryQueue).toBe('pgboss');
    expect(loadConfig({ DELIVERY_QUEUE: 'pgboss' }).outbox.deliveryQueue).toBe('pgboss');
    expect(loadConfig({ DATABASE_URL: 'pglite://memory', DELIVERY_QUEUE: ' PgBoss ' }).outbox.deliveryQueue).toBe(
      'pgboss',
    );
    expect(() => loadConfig({ DELIVERY_QUEUE: 'graphile' })).toThrow(/DELIVERY_QUEUE must be outbox or pgboss/);
  });

  it('parses SMTP pool, outbox and reminder settings, naming bad ones', () => {
    const c = loadConfig({
      SMTP_MAX_CONNECTIONS: '3',
      SMTP_RATE_LIMIT: '10',
      OUTBOX_RETRY_BASE_SECONDS: '2',
      FANOUT_INLINE_MAX_ALERTS: '0',
      EXPIRY_REMINDER_DAYS: '1, 30,7',
    });
    expect(c.smtpPool).toEqual({ maxConnections: 3, rateLimitPerSecond: 10 });
    expect(c.outbox).toEqual({
      retryBaseMs: 2000,
      claimTimeoutMs: 300_000,
      concurrency: 10,
      emailBurstWindowMs: 120_000,
      fanoutInlineMaxAlerts: 0,
      deliveryQueue: 'pgboss',
    });
    expect(loadConfig({ EMAIL_BURST_WINDOW_SECONDS: '0' }).outbox.emailBurstWindowMs).toBe(0);
    expect(loadConfig({}).outbox.fanoutInlineMaxAlerts).toBe(200);
    expect(c.reminderDays).toEqual([30, 7, 1]);
    try {
      loadConfig({
        SMTP_MAX_CONNECTIONS: '0',
        EXPIRY_REMINDER_DAYS: '7,x',
        EMAIL_BURST_WINDOW_SECONDS: '-5',
        FANOUT_INLINE_MAX_ALERTS: '-1',
      });
      throw new Error('expected ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'SMTP_MAX_CONNECTIONS must be an integer 1-100 (got "0")',
        'EMAIL_BURST_WINDOW_SECONDS must be an integer 0-3600 (got "-5")',
        'FANOUT_INLINE_MAX_ALERTS must be an integer 0-1000000 (got "-1")',
        'EXPIRY_REMINDER_DAYS must be a comma-separated list of whole days 1-366 (got "7,x")',
      ]);
    }
  });
});

describe('loadConfig: channels', () => {
  it('defaults: private targets refused, 10 s timeout, 30 s retries, disabled after 24 h, 24 h overlap, 7-day links, 2-minute bursts', () => {
    expect(loadConfig({}).channels).toEqual({
      allowPrivate: false,
      httpTimeoutMs: 10_000,
      retryBaseMs: 30_000,
      disableAfterMs: 24 * 3_600_000,
      secretOverlapMs: 24 * 3_600_000,
      ackLinkTtlSeconds: 7 * 86_400,
      burstWindowMs: 120_000,
      secretsKey: DEV_LINK_SIGNING_SECRET,
    });
    expect(loadConfig({ LINK_SIGNING_SECRET: 'l'.repeat(32) }).channels.secretsKey).toBe('l'.repeat(32));
    expect(
      loadConfig({ LINK_SIGNING_SECRET: 'l'.repeat(32), CHANNEL_SECRETS_KEY: ` ${'k'.repeat(40)} ` }).channels
        .secretsKey,
    ).toBe('k'.repeat(40));
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', CHANNEL_BURST_WINDOW_SECONDS: '0' }).channels).toMatchObject({
      allowPrivate: true,
      burstWindowMs: 0,
    });
  });

  it('names each bad channel setting', () => {
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'maybe' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(() => loadConfig({ CHANNEL_HTTP_TIMEOUT_SECONDS: '0' })).toThrow(/CHANNEL_HTTP_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ CHANNEL_DISABLE_AFTER_HOURS: 'soon' })).toThrow(/CHANNEL_DISABLE_AFTER_HOURS/);
    expect(() => loadConfig({ CHANNEL_SECRETS_KEY: 'too-short' })).toThrow(/CHANNEL_SECRETS_KEY must be at least 32/);
  });
});

describe('loadConfig: process roles (PROCESS_ROLE)', () => {
  it('defaults to all: API and background work, as npm start runs', () => {
    expect(loadConfig({})).toMatchObject({ processRole: 'all', schedulesEnabled: true });
  });

  it('api turns the background work off whatever SCHEDULES_ENABLED says; worker keeps it on', () => {
    expect(loadConfig({ PROCESS_ROLE: 'api' })).toMatchObject({ processRole: 'api', schedulesEnabled: false });
    expect(loadConfig({ PROCESS_ROLE: 'api', SCHEDULES_ENABLED: 'true' }).schedulesEnabled).toBe(false);
    expect(loadConfig({ PROCESS_ROLE: 'worker' })).toMatchObject({ processRole: 'worker', schedulesEnabled: true });
    expect(loadConfig({ PROCESS_ROLE: ' Worker ' }).processRole).toBe('worker');
  });

  it('SCHEDULES_ENABLED=false still turns the background work off in the default role (tests, CLIs)', () => {
    expect(loadConfig({ SCHEDULES_ENABLED: 'false' })).toMatchObject({ processRole: 'all', schedulesEnabled: false });
  });

  it('names PROCESS_ROLE when it is unknown, and refuses a worker with SCHEDULES_ENABLED=false', () => {
    expect(() => loadConfig({ PROCESS_ROLE: 'workers' })).toThrow(ConfigError);
    expect(() => loadConfig({ PROCESS_ROLE: 'workers' })).toThrow(/PROCESS_ROLE must be all .*got "workers"/);
    expect(() => loadConfig({ PROCESS_ROLE: 'worker', SCHEDULES_ENABLED: 'false' })).toThrow(
      /PROCESS_ROLE=worker .*SCHEDULES_ENABLED=false/,
    );
  });
});

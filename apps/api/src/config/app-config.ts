import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the database lives, derived from DATABASE_URL. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** `dataDir` null means in-memory (tests). */
  | { kind: 'pglite'; dataDir: string | null };

/** What a process runs (PROCESS_ROLE): API and background work, API only, or background work only. */
export type ProcessRole = 'all' | 'api' | 'worker';
export const PROCESS_ROLES: readonly ProcessRole[] = ['all', 'api', 'worker'];

/** Where mail goes, derived from SMTP_URL. */
export type MailTarget = { kind: 'smtp'; url: string } | { kind: 'outbox-dir'; dir: string };

/**
 * The one typed configuration of the API, built only by {@link loadConfig} from `process.env`. The CLIs (`cli/`) also
 * touch process.env: they set defaults before loading it (`SCHEDULES_ENABLED=false`, `LOG_LEVEL=warn`) and read
 * `INIT_CWD` for paths given on the command line; test helpers read `TEST_POSTGRES_URL`.
 */
export interface AppConfig {
  database: DatabaseTarget;
  /** Apply pending migrations at start-up (default: on for PGlite, off for PostgreSQL). */
  migrateOnBoot: boolean;
  mail: MailTarget;
  /** RFC 5322 From, e.g. `Lodestone <alerts@example.com>`. */
  mailFrom: string;
  /** TCP port of the HTTP API. */
  port: number;
  /**
   * Interface the HTTP server listens on (HOST). Default `127.0.0.1` with the embedded database (a laptop trial is not
   * reachable from the network) and `0.0.0.0` with PostgreSQL (production runs behind a proxy or in a container).
   */
  host: string;
  /**
   * Base URL people reach the API at, used in links, without a trailing slash. With PostgreSQL it must be https://
   * (emailed unsubscribe links, RFC 8058) unless ALLOW_HTTP_PUBLIC_URL=true.
   */
  publicUrl: string;
  /**
   * Express `trust proxy` (TRUST_PROXY): false (default: the peer address is the client), true (trust every proxy),
   * a number of hops, or a comma-separated list of proxy addresses/subnets or names (`loopback`, `uniquelocal`). With
   * it, `req.ip` (the login limit's client address) and `req.secure` (HSTS) come from X-Forwarded-For/-Proto.
   */
  trustProxy: boolean | number | string;
  /** Origins allowed by CORS (CORS_ORIGINS, comma-separated, e.g. `https://console.example.com`); empty = same-origin only. */
  corsOrigins: string[];
  /**
   * On SIGTERM/SIGINT: how long (SHUTDOWN_TIMEOUT_SECONDS, default 25 s) in-flight requests and jobs may take to finish
   * before their connections are closed; the database is closed after that.
   */
  shutdownTimeoutMs: number;
  /**
   * Run the background work in this process: the @nestjs/schedule jobs (digests, reminders, sources), outbox and
   * channel delivery, and the fan-out worker. SCHEDULES_ENABLED (default true; off for tests and CLIs) and not
   * PROCESS_ROLE=api: see {@link processRole}.
   */
  schedulesEnabled: boolean;
  /**
   * What this process runs (PROCESS_ROLE, default `all`): `all` = the HTTP API and the background work (`npm start`);
   * `api` = the HTTP API only (no schedules, no delivery, no fan-out worker: ingestion still writes an event's jobs and,
   * for a small event, its rows, and the workers send them); `worker` = the background work only, its HTTP port
   * serving nothing but /health/* and /metrics (404 elsewhere). Precedence: SCHEDULES_ENABLED=false turns the
   * background work off in any role (with `worker` that is a start-up error: nothing would be left to run);
   * PROCESS_ROLE=api turns it off whatever SCHEDULES_ENABLED says.
   */
  processRole: ProcessRole;
  /** pino level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Root folder of the embedded default's files (database, outbox). */
  dataDir: string;
  /**
   * When set, the ingestion endpoints require `Authorization: Bearer <token>` (INGEST_API_TOKEN, 16+ characters).
   * With PostgreSQL it is required unless INGEST_OPEN=true (ingestion then open to anyone who reaches the port).
   */
  ingestToken: string | null;
  /**
   * HMAC-SHA256 key of the signed links in emails (unsubscribe, preferences). LINK_SIGNING_SECRET, at least 32
   * characters; required with PostgreSQL; the embedded (PGlite) mode falls back to a fixed development key.
   */
  linkSigningSecret: string;
  /** SMTP connection pool: at most `maxConnections` connections, at most `rateLimitPerSecond` messages a second (0 = no limit). */
  smtpPool: { maxConnections: number; rateLimitPerSecond: number };
  /**
   * DKIM signing of every outgoing message (RFC 6376, nodemailer's `dkim` option), or null: DKIM_DOMAIN, DKIM_SELECTOR
   * and DKIM_PRIVATE_KEY (PEM; `\n` escapes allowed) or DKIM_PRIVATE_KEY_FILE (a path), all or none.
   */
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  /**
   * Prometheus metrics at GET /metrics: METRICS_ENABLED (default false); METRICS_TOKEN, when set, is the bearer token a
   * scraper must send.
   */
  metrics: { enabled: boolean; token: string | null };
  /**
   * Outbox delivery: retry base delay (doubles per attempt, jittered), stale-claim timeout, parallel sends per worker,
   * and the email burst window (EMAIL_BURST_WINDOW_SECONDS, default 120, 0 = off, in ms): immediate alert emails to one
   * recipient within it go as one `alert-burst` message (CRITICAL alone, at once; docs/notifications.md).
   * `fanoutInlineMaxAlerts`: an event alerting at most this many tenants has its emails written before the ingestion
   * answers (`emailsQueued` exact); a bigger one answers after storing one fan-out job and is expanded after the answer
   * (docs/fanout.md).
   */
  outbox: {
    retryBaseMs: number;
    claimTimeoutMs: number;
    concurrency: number;
    emailBurstWindowMs: number;
    fanoutInlineMaxAlerts: number;
    /**
     * What schedules and retries deliveries (DELIVERY_QUEUE, docs/delivery-engine.md): `pgboss` (default;
     * signed-webhook, Slack, Teams and email rows and fan-out jobs get a pg-boss job in the transaction that writes
     * them, and pg-boss workers send or expand them) or `outbox` (the fallback: every channel and the fan-out jobs
     * claimed from their outbox tables by our own claims, outbox/outbox.ts). pg-boss runs on PostgreSQL with its own
     * pool, and on the embedded PGlite in process, on the application's instance.
     */
    deliveryQueue: 'outbox' | 'pgboss';
  };
  /** Webhook, Slack and Teams channels (docs/channels.md). */
  channels: ChannelsConfig;
  /**
   * Sharding of matching by tenant (docs/fanout.md, "Where one process ends"). `shards` (MATCH_SHARDS, integer 1-1024,
   * default 1): 1 matches an event inside the ingestion request against every tenant (as always); N > 1 stores the
   * event with one match job per shard and answers 202, and workers match each shard (`shardOf(tenantId, N)`).
   * `workerShards` (WORKER_SHARDS, `all` or a comma-separated list of shard numbers below MATCH_SHARDS, e.g. `0,2`;
   * default all): the shards whose match jobs this process claims when it runs schedules; null means every job,
   * whatever its shard and shard count (also jobs written under an earlier MATCH_SHARDS).
   */
  matching: { shards: number; workerShards: number[] | null };
  /** Days before a permit's validTo (or a suspension's end date) at which tenants are reminded, descending, e.g. [30, 7, 1]. */
  reminderDays: number[];
  auth: AuthConfig;
  /** Source connectors (docs/sources.md). */
  sources: SourcesConfig;
  /** Partners pushing signed webhooks. */
  partners: PartnersConfig;
}

/** Outgoing channels: webhooks, Slack, Teams (docs/channels.md). */
export interface ChannelsConfig {
  /**
   * WEBHOOK_ALLOW_PRIVATE (default false): let endpoints target private, loopback, link-local and unique-local
   * addresses, and plain http:// URLs (local receivers in tests and development). Never in production.
   */
  allowPrivate: boolean;
  /** CHANNEL_HTTP_TIMEOUT_SECONDS (default 10): the whole exchange with a receiver, in milliseconds. */
  httpTimeoutMs: number;
  /** CHANNEL_RETRY_BASE_SECONDS (default 30): first retry delay, doubling per attempt up to 2 h (±20 % jitter), ms. */
  retryBaseMs: number;
  /** CHANNEL_DISABLE_AFTER_HOURS (default 24): an endpoint failing without a success for this long is disabled, ms. */
  disableAfterMs: number;
  /** WEBHOOK_SECRET_OVERLAP_HOURS (default 24): after a rotation the old secret also signs for this long, ms. */
  secretOverlapMs: number;
  /** CHANNEL_ACK_LINK_TTL_SECONDS (default 604800 = 7 days): lifetime of an acknowledgement link, seconds. */
  ackLinkTtlSeconds: number;
  /**
   * CHANNEL_BURST_WINDOW_SECONDS (default 120; 0 = off): at most one Slack or Teams message per endpoint in this window,
   * ms; alerts raised meanwhile wait for the window's end and go as one message listing them (CRITICAL alone, at once).
   */
  burstWindowMs: number;
  /**
   * CHANNEL_SECRETS_KEY (32+ characters; default: LINK_SIGNING_SECRET): master secret of the encryption at rest of
   * webhook signing secrets (common/secret-box.ts). Changing it makes stored signing secrets unreadable (rotate them).
   */
  secretsKey: string;
}

/** Partner webhooks: PARTNER_WEBHOOK_SECRETS ("name=secret,..."), PARTNER_WEBHOOK_TOLERANCE_SECONDS. */
export interface PartnersConfig {
  /** Partner name (slug) -> HMAC secret. */
  secrets: Record<string, string>;
  /** Replay window: how far (seconds) a signed timestamp may be from now, either side. */
  toleranceSeconds: number;
}

/** Configuration of the source connectors. Every connector is off unless turned on. */
export interface SourcesConfig {
  /** Timeout of one HTTP request of a connector, in milliseconds. */
  httpTimeoutMs: number;
  /** User-Agent sent by connectors. */
  userAgent: string;
  federalRegister: {
    enabled: boolean;
    /** API root, default https://www.federalregister.gov/api/v1 */
    baseUrl: string;
    intervalMinutes: number;
    /** Agency slugs, e.g. ["industry-and-security-bureau"]. */
    agencies: string[];
    /** Search terms, one query each, e.g. ["rare earth", "Entity List"]. */
    terms: string[];
    /** YYYY-MM-DD: documents published on or after this date on the first run. */
    since: string;
    /** Safety cap on pages followed per query and run. */
    maxPages: number;
  };
  mofcom: {
    enabled: boolean;
    /** Announcement pages to fetch on each run (HTML of MOFCOM's export-control site). */
    pageUrls: string[];
    intervalMinutes: number;
  };
  news: {
    enabled: boolean;
    /** RSS 2.0 / RSS 1.0 (RDF) / Atom feed URLs. */
    feedUrls: string[];
    intervalMinutes: number;
  };
  csl: {
    enabled: boolean;
    /** Bulk download of the US Consolidated Screening List (JSON or CSV), default https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json */
    url: string;
    intervalMinutes: number;
  };
}

/** The development-only signing key used in embedded mode when LINK_SIGNING_SECRET is unset. Never use it in production. */
export const DEV_LINK_SIGNING_SECRET = 'lodestone-embedded-development-only-link-signing-key';

/** Sign-in settings (durations in seconds). */
export interface AuthConfig {
  /** Lifetime of an access token (ACCESS_TOKEN_TTL_SECONDS, default 900 = 15 min). */
  accessTokenTtlSeconds: number;
  /** Lifetime of a refresh token (REFRESH_TOKEN_TTL_SECONDS, default 2592000 = 30 days). */
  refreshTokenTtlSeconds: number;
  /** First platform admin created at start-up when no platform admin exists (ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NAME). */
  firstAdmin: { email: string; password: string; name: string } | null;
  /**
   * Failed logins of one (email, client address) pair answered without delay (LOGIN_MAX_FAILURES, default 5). Each
   * further failure of the pair makes the next attempt wait: `loginDelayBaseSeconds * 2^(n - 1)` seconds after the
   * n-th delayed failure, at most `loginMaxDelaySeconds`. Unknown emails are throttled exactly like known ones.
   */
  maxFailedLogins: number;
  /** First delay after LOGIN_MAX_FAILURES failures of a pair (LOGIN_DELAY_BASE_SECONDS, default 2). */
  loginDelayBaseSeconds: number;
  /** Longest delay of a pair (LOGIN_MAX_DELAY_SECONDS, formerly LOGIN_LOCKOUT_SECONDS; default 900). */
  loginMaxDelaySeconds: number;
  /** Login attempts allowed per client address per minute, across processes (LOGIN_RATE_LIMIT_PER_MINUTE, default 10). */
  loginRateLimitPerMinute: number;
  /** Lifetime of an invitation link (INVITATION_TTL_SECONDS, default 259200 = 72 h). */
  invitationTtlSeconds: number;
  /** Lifetime of a password-reset link (PASSWORD_RESET_TTL_SECONDS, default 3600 = 1 h). */
  passwordResetTtlSeconds: number;
}

/** Shortest password accepted (characters). */
export const MIN_PASSWORD_LENGTH = 12;

/** Thrown at start-up when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An integer variable in [min, max] (no upper bound when max is omitted); a problem naming it otherwise. */
function parseInteger(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  problems: string[],
  max?: number,
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
    problems.push(`${name} must be an integer ${max === undefined ? `>= ${min}` : `${min}-${max}`} (got "${raw}")`);
    return fallback;
  }
  return n;
}

function parseDeliveryQueue(raw: string | undefined, problems: string[]): AppConfig['outbox']['deliveryQueue'] {
  const value = raw?.trim().toLowerCase() || 'pgboss';
  if (value !== 'outbox' && value !== 'pgboss') {
    problems.push('DELIVERY_QUEUE must be outbox or pgboss');
    return 'pgboss';
  }
  return value;
}

function parseBool(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

/**
 * Builds and validates the configuration from an environment (normally `process.env`).
 *
 * Variables: DATABASE_URL (postgresql://… | pglite://<dir> | pglite://memory; default pglite://<DATA_DIR>/db),
 * SMTP_URL (smtp://… | smtps://…; unset writes .eml files to <DATA_DIR>/outbox), MAIL_FROM, PORT (default 3000),
 * PUBLIC_URL, SCHEDULES_ENABLED, PROCESS_ROLE (all | api | worker), DB_MIGRATE_ON_BOOT, LOG_LEVEL, DATA_DIR (default ./.data, relative to the working
 * directory), MAIL_OUTBOX_DIR, INGEST_API_TOKEN (when set, required as a bearer token on ingestion endpoints),
 * INGEST_OPEN (true: no token needed with PostgreSQL), HOST (127.0.0.1 embedded, 0.0.0.0 with PostgreSQL),
 * ALLOW_HTTP_PUBLIC_URL (accept an http:// PUBLIC_URL with PostgreSQL), TRUST_PROXY, CORS_ORIGINS,
 * SHUTDOWN_TIMEOUT_SECONDS (25), LINK_SIGNING_SECRET (required with PostgreSQL), SMTP_MAX_CONNECTIONS (5),
 * DKIM_DOMAIN / DKIM_SELECTOR / DKIM_PRIVATE_KEY[_FILE] (optional DKIM signing), METRICS_ENABLED / METRICS_TOKEN
 * (Prometheus /metrics), SMTP_RATE_LIMIT (messages/s, 50; 0 = off),
 * OUTBOX_RETRY_BASE_SECONDS (30), OUTBOX_CLAIM_TIMEOUT_SECONDS (300), OUTBOX_CONCURRENCY (10),
 * DELIVERY_QUEUE (pgboss | outbox, default pgboss on PostgreSQL and on the embedded PGlite alike; outbox the fallback),
 * FANOUT_INLINE_MAX_ALERTS (200: events alerting more tenants are fanned out after the ingestion's answer),
 * MATCH_SHARDS (1) and WORKER_SHARDS (all) (sharded matching, see {@link AppConfig.matching}), EXPIRY_REMINDER_DAYS
 * ("30,7,1"),
 * ADMIN_EMAIL / ADMIN_PASSWORD / ADMIN_NAME (first platform admin), ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS,
 * LOGIN_MAX_FAILURES, LOGIN_DELAY_BASE_SECONDS, LOGIN_MAX_DELAY_SECONDS, LOGIN_RATE_LIMIT_PER_MINUTE, INVITATION_TTL_SECONDS,
 * PASSWORD_RESET_TTL_SECONDS (see {@link AuthConfig}).
 *
 * @throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const dataDir = resolve(cwd, env.DATA_DIR || '.data');

  let database: DatabaseTarget;
  const dbUrl = env.DATABASE_URL?.trim();
  if (!dbUrl) {
    database = { kind: 'pglite', dataDir: resolve(dataDir, 'db') };
  } else if (/^postgres(ql)?:\/\//.test(dbUrl)) {
    database = { kind: 'postgres', url: dbUrl };
  } else if (/^pglite:\/\//.test(dbUrl)) {
    const path = dbUrl.slice('pglite://'.length);
    database = { kind: 'pglite', dataDir: path === 'memory' || path === '' ? null : resolve(cwd, path) };
  } else {
    problems.push(
      'DATABASE_URL must start with postgresql://, postgres:// or pglite:// (or be unset for the embedded default)',
    );
    database = { kind: 'pglite', dataDir: null };
  }

  let mail: MailTarget;
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) mail = { kind: 'outbox-dir', dir: resolve(cwd, env.MAIL_OUTBOX_DIR || resolve(dataDir, 'outbox')) };
  else if (/^smtps?:\/\//.test(smtpUrl)) mail = { kind: 'smtp', url: smtpUrl };
  else {
    problems.push('SMTP_URL must start with smtp:// or smtps:// (or be unset to write .eml files)');
    mail = { kind: 'outbox-dir', dir: resolve(dataDir, 'outbox') };
  }

  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be an integer 0-65535 (got "${env.PORT}")`);

  const mailFrom = env.MAIL_FROM?.trim() || 'Lodestone <alerts@lodestone.localhost>';
  if (!/<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an address or "Name <address>" (got "${mailFrom}")`);
  }

  const isPostgres = database.kind === 'postgres';
  const host = env.HOST?.trim() || (isPostgres ? '0.0.0.0' : '127.0.0.1');
  if (!/^[A-Za-z0-9.:_-]+$/.test(host)) problems.push(`HOST must be an IP address or host name (got "${host}")`);

  const publicUrl = (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  const allowHttpPublicUrl = parseBool('ALLOW_HTTP_PUBLIC_URL', env.ALLOW_HTTP_PUBLIC_URL, false, problems);
  if (!/^https?:\/\//.test(publicUrl)) problems.push('PUBLIC_URL must start with http:// or https://');
  else if (isPostgres && !publicUrl.startsWith('https://') && !allowHttpPublicUrl)
    problems.push(
      `PUBLIC_URL must be https:// with PostgreSQL (got "${publicUrl}"): emailed unsubscribe and invitation links use it (RFC 8058). Set ALLOW_HTTP_PUBLIC_URL=true to accept http:// anyway`,
    );

  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const corsOrigins = parseList(env.CORS_ORIGINS, []).map((o) => o.replace(/\/+$/, ''));
  for (const o of corsOrigins)
    if (!/^https?:\/\/[^/\s]+$/.test(o))
      problems.push(`CORS_ORIGINS: "${o}" is not an origin (scheme://host[:port], no path)`);
  const shutdownTimeoutMs =
    parseInteger('SHUTDOWN_TIMEOUT_SECONDS', env.SHUTDOWN_TIMEOUT_SECONDS, 25, 1, problems, 3600) * 1000;

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const processRole = (env.PROCESS_ROLE?.trim().toLowerCase() || 'all') as ProcessRole;
  if (!PROCESS_ROLES.includes(processRole))
    problems.push(
      `PROCESS_ROLE must be all (API and workers), api (HTTP API only) or worker (scheduled jobs and delivery only) (got "${env.PROCESS_ROLE}")`,
    );
  const schedulesSetting = parseBool('SCHEDULES_ENABLED', env.SCHEDULES_ENABLED, true, problems);
  if (processRole === 'worker' && !schedulesSetting)
    problems.push(
      'PROCESS_ROLE=worker runs only the scheduled jobs and delivery, which SCHEDULES_ENABLED=false turns off: unset one of them',
    );
  const schedulesEnabled = schedulesSetting && processRole !== 'api';
  const migrateOnBoot = parseBool('DB_MIGRATE_ON_BOOT', env.DB_MIGRATE_ON_BOOT, database.kind === 'pglite', problems);

  const ingestToken = env.INGEST_API_TOKEN?.trim() || null;
  if (ingestToken !== null && ingestToken.length < 16) problems.push('INGEST_API_TOKEN must be at least 16 characters');
  const ingestOpen = parseBool('INGEST_OPEN', env.INGEST_OPEN, false, problems);
  if (isPostgres && ingestToken === null && !ingestOpen)
    problems.push(
      'INGEST_API_TOKEN is required with PostgreSQL (16+ random characters; ingestion clients send it as a bearer token). Set INGEST_OPEN=true to leave ingestion open instead',
    );

  let linkSigningSecret = env.LINK_SIGNING_SECRET?.trim() || '';
  if (!linkSigningSecret) {
    if (database.kind === 'postgres')
      problems.push(
        'LINK_SIGNING_SECRET is required with PostgreSQL (32+ random characters; it signs unsubscribe and preference links)',
      );
    linkSigningSecret = DEV_LINK_SIGNING_SECRET;
  } else if (linkSigningSecret.length < 32) problems.push('LINK_SIGNING_SECRET must be at least 32 characters');

  const smtpPool = {
    maxConnections: parseInteger('SMTP_MAX_CONNECTIONS', env.SMTP_MAX_CONNECTIONS, 5, 1, problems, 100),
    rateLimitPerSecond: parseInteger('SMTP_RATE_LIMIT', env.SMTP_RATE_LIMIT, 50, 0, problems, 100_000),
  };
  const dkim = parseDkim(env, cwd, problems);
  const metrics = {
    enabled: parseBool('METRICS_ENABLED', env.METRICS_ENABLED, false, problems),
    token: env.METRICS_TOKEN?.trim() || null,
  };
  const outbox = {
    retryBaseMs: parseInteger('OUTBOX_RETRY_BASE_SECONDS', env.OUTBOX_RETRY_BASE_SECONDS, 30, 1, problems, 3600) * 1000,
    claimTimeoutMs:
      parseInteger('OUTBOX_CLAIM_TIMEOUT_SECONDS', env.OUTBOX_CLAIM_TIMEOUT_SECONDS, 300, 1, problems, 86_400) * 1000,
    concurrency: parseInteger('OUTBOX_CONCURRENCY', env.OUTBOX_CONCURRENCY, 10, 1, problems, 100),
    emailBurstWindowMs:
      parseInteger('EMAIL_BURST_WINDOW_SECONDS', env.EMAIL_BURST_WINDOW_SECONDS, 120, 0, problems, 3600) * 1000,
    fanoutInlineMaxAlerts: parseInteger(
      'FANOUT_INLINE_MAX_ALERTS',
      env.FANOUT_INLINE_MAX_ALERTS,
      200,
      0,
      problems,
      1_000_000,
    ),
    deliveryQueue: parseDeliveryQueue(env.DELIVERY_QUEUE, problems),
  };

  const channelSecretsKey = env.CHANNEL_SECRETS_KEY?.trim() || linkSigningSecret;
  if (channelSecretsKey.length < 32) problems.push('CHANNEL_SECRETS_KEY must be at least 32 characters');
  const channels: ChannelsConfig = {
    secretsKey: channelSecretsKey,
    allowPrivate: parseBool('WEBHOOK_ALLOW_PRIVATE', env.WEBHOOK_ALLOW_PRIVATE, false, problems),
    httpTimeoutMs:
      parseInteger('CHANNEL_HTTP_TIMEOUT_SECONDS', env.CHANNEL_HTTP_TIMEOUT_SECONDS, 10, 1, problems, 120) * 1000,
    retryBaseMs:
      parseInteger('CHANNEL_RETRY_BASE_SECONDS', env.CHANNEL_RETRY_BASE_SECONDS, 30, 1, problems, 3600) * 1000,
    disableAfterMs:
      parseInteger('CHANNEL_DISABLE_AFTER_HOURS', env.CHANNEL_DISABLE_AFTER_HOURS, 24, 1, problems, 720) * 3_600_000,
    secretOverlapMs:
      parseInteger('WEBHOOK_SECRET_OVERLAP_HOURS', env.WEBHOOK_SECRET_OVERLAP_HOURS, 24, 0, problems, 720) * 3_600_000,
    ackLinkTtlSeconds: parseInteger(
      'CHANNEL_ACK_LINK_TTL_SECONDS',
      env.CHANNEL_ACK_LINK_TTL_SECONDS,
      7 * 86_400,
      60,
      problems,
      90 * 86_400,
    ),
    burstWindowMs:
      parseInteger('CHANNEL_BURST_WINDOW_SECONDS', env.CHANNEL_BURST_WINDOW_SECONDS, 120, 0, problems, 3600) * 1000,
  };

  const matching = parseMatching(env, problems);

  let reminderDays = [30, 7, 1];
  const rawDays = env.EXPIRY_REMINDER_DAYS?.trim();
  if (rawDays) {
    const days = rawDays.split(',').map((d) => Number(d.trim()));
    if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 366))
      problems.push(`EXPIRY_REMINDER_DAYS must be a comma-separated list of whole days 1-366 (got "${rawDays}")`);
    else reminderDays = [...new Set(days)].sort((a, b) => b - a);
  }

  const sources = loadSourcesConfig(env, problems);
  const partners: PartnersConfig = {
    secrets: {},
    toleranceSeconds: parseInteger(
      'PARTNER_WEBHOOK_TOLERANCE_SECONDS',
      env.PARTNER_WEBHOOK_TOLERANCE_SECONDS,
      300,
      10,
      problems,
      3600,
    ),
  };
  for (const pair of parseList(env.PARTNER_WEBHOOK_SECRETS, [])) {
    const m = /^([a-z0-9][a-z0-9-]{0,39})=(.{16,})$/.exec(pair);
    if (!m)
      problems.push(
        'PARTNER_WEBHOOK_SECRETS must be "name=secret" pairs, comma-separated (name a-z0-9-, secret 16+ characters)',
      );
    else partners.secrets[m[1]!] = m[2]!;
  }

  const adminEmail = env.ADMIN_EMAIL?.trim().toLowerCase() || '';
  const adminPassword = env.ADMIN_PASSWORD ?? '';
  let firstAdmin: AuthConfig['firstAdmin'] = null;
  if (adminEmail || adminPassword) {
    if (!/^[^@\s]+@[^@\s]+$/.test(adminEmail))
      problems.push('ADMIN_EMAIL must be an email address when ADMIN_PASSWORD is set');
    if (adminPassword.length < MIN_PASSWORD_LENGTH)
      problems.push(`ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters when ADMIN_EMAIL is set`);
    firstAdmin = { email: adminEmail, password: adminPassword, name: env.ADMIN_NAME?.trim() || 'Platform admin' };
  }
  const auth: AuthConfig = {
    accessTokenTtlSeconds: parseInteger('ACCESS_TOKEN_TTL_SECONDS', env.ACCESS_TOKEN_TTL_SECONDS, 900, 30, problems),
    refreshTokenTtlSeconds: parseInteger(
      'REFRESH_TOKEN_TTL_SECONDS',
      env.REFRESH_TOKEN_TTL_SECONDS,
      30 * 86400,
      60,
      problems,
    ),
    firstAdmin,
    maxFailedLogins: parseInteger('LOGIN_MAX_FAILURES', env.LOGIN_MAX_FAILURES, 5, 1, problems),
    loginDelayBaseSeconds: parseInteger('LOGIN_DELAY_BASE_SECONDS', env.LOGIN_DELAY_BASE_SECONDS, 2, 1, problems, 3600),
    loginMaxDelaySeconds:
      env.LOGIN_MAX_DELAY_SECONDS === undefined && env.LOGIN_LOCKOUT_SECONDS !== undefined
        ? parseInteger('LOGIN_LOCKOUT_SECONDS', env.LOGIN_LOCKOUT_SECONDS, 900, 1, problems, 86_400)
        : parseInteger('LOGIN_MAX_DELAY_SECONDS', env.LOGIN_MAX_DELAY_SECONDS, 900, 1, problems, 86_400),
    loginRateLimitPerMinute: parseInteger(
      'LOGIN_RATE_LIMIT_PER_MINUTE',
      env.LOGIN_RATE_LIMIT_PER_MINUTE,
      10,
      1,
      problems,
    ),
    invitationTtlSeconds: parseInteger('INVITATION_TTL_SECONDS', env.INVITATION_TTL_SECONDS, 72 * 3600, 60, problems),
    passwordResetTtlSeconds: parseInteger(
      'PASSWORD_RESET_TTL_SECONDS',
      env.PASSWORD_RESET_TTL_SECONDS,
      3600,
      60,
      problems,
    ),
  };

  if (problems.length) throw new ConfigError(problems);
  return {
    database,
    migrateOnBoot,
    mail,
    mailFrom,
    port,
    host,
    publicUrl,
    trustProxy,
    corsOrigins,
    shutdownTimeoutMs,
    schedulesEnabled,
    processRole,
    logLevel,
    dataDir,
    ingestToken,
    auth,
    linkSigningSecret,
    smtpPool,
    dkim,
    metrics,
    outbox,
    channels,
    matching,
    reminderDays,
    sources,
    partners,
  };
}

/**
 * MATCH_SHARDS (integer 1-1024, default 1) and WORKER_SHARDS (`all`, the default, or distinct shard numbers 0 to
 * MATCH_SHARDS - 1, comma-separated); see {@link AppConfig.matching}.
 */
function parseMatching(env: Record<string, string | undefined>, problems: string[]): AppConfig['matching'] {
  const shards = parseInteger('MATCH_SHARDS', env.MATCH_SHARDS, 1, 1, problems, 1024);
  const raw = env.WORKER_SHARDS?.trim() ?? '';
  if (raw === '' || raw.toLowerCase() === 'all') return { shards, workerShards: null };
  const items = raw.split(',').map((s) => s.trim());
  const numbers = items.map(Number);
  if (
    items.some((s) => !/^\d+$/.test(s)) ||
    numbers.some((n) => n >= shards) ||
    new Set(numbers).size !== numbers.length
  ) {
    problems.push(
      `WORKER_SHARDS must be "all" or distinct shard numbers 0-${shards - 1}, comma-separated (MATCH_SHARDS=${shards}; got "${raw}")`,
    );
    return { shards, workerShards: null };
  }
  return { shards, workerShards: [...numbers].sort((a, b) => a - b) };
}

/** DKIM settings from the environment: all of domain, selector and key, or none (a partial set is a problem). */
function parseDkim(env: NodeJS.ProcessEnv, cwd: string, problems: string[]): AppConfig['dkim'] {
  const domainName = env.DKIM_DOMAIN?.trim() || '';
  const keySelector = env.DKIM_SELECTOR?.trim() || '';
  const keyFile = env.DKIM_PRIVATE_KEY_FILE?.trim() || '';
  let privateKey = env.DKIM_PRIVATE_KEY?.trim().replace(/\\n/g, '\n') || '';
  if (!domainName && !keySelector && !privateKey && !keyFile) return null;
  if (keyFile && !privateKey) {
    try {
      privateKey = readFileSync(resolve(cwd, keyFile), 'utf8').trim();
    } catch (error) {
      problems.push(`DKIM_PRIVATE_KEY_FILE cannot be read: ${(error as Error).message}`);
      return null;
    }
  }
  if (!domainName) problems.push('DKIM_DOMAIN is required when DKIM is configured (the d= domain)');
  if (!keySelector) problems.push('DKIM_SELECTOR is required when DKIM is configured (the s= selector)');
  if (!privateKey) problems.push('DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE is required when DKIM is configured');
  else if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey))
    problems.push('DKIM private key must be a PEM private key (-----BEGIN PRIVATE KEY-----)');
  return domainName && keySelector && privateKey ? { domainName, keySelector, privateKey } : null;
}

/** TRUST_PROXY: unset/false, true, a hop count, or a list of addresses/subnets/names for Express `trust proxy`. */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  const v = raw?.trim() ?? '';
  if (v === '' || /^(0|false|no|off)$/i.test(v)) return false;
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^\d+$/.test(v)) return Number(v);
  const items = parseList(v, []);
  for (const item of items)
    if (!/^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/.test(item))
      problems.push(
        `TRUST_PROXY: "${item}" is not true/false, a hop count, an address, a subnet or loopback/linklocal/uniquelocal`,
      );
  return items.join(',');
}

function parseList(raw: string | undefined, fallback: string[]): string[] {
  if (raw === undefined) return fallback;
  return raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseUrls(name: string, raw: string | undefined, problems: string[]): string[] {
  const urls = parseList(raw, []);
  for (const u of urls) if (!/^https?:\/\/\S+$/.test(u)) problems.push(`${name}: "${u}" is not an http(s) URL`);
  return urls;
}

/**
 * Source connector variables (all off by default): SOURCE_FEDERAL_REGISTER_ENABLED, FEDERAL_REGISTER_BASE_URL,
 * FEDERAL_REGISTER_AGENCIES, FEDERAL_REGISTER_TERMS, FEDERAL_REGISTER_SINCE, FEDERAL_REGISTER_INTERVAL_MINUTES;
 * SOURCE_MOFCOM_ENABLED, MOFCOM_PAGE_URLS, MOFCOM_INTERVAL_MINUTES; SOURCE_NEWS_ENABLED, NEWS_FEED_URLS,
 * NEWS_INTERVAL_MINUTES; SOURCE_US_CSL_ENABLED, US_CSL_URL, US_CSL_INTERVAL_MINUTES; SOURCES_HTTP_TIMEOUT_MS. Lists are comma-separated.
 */
function loadSourcesConfig(env: Record<string, string | undefined>, problems: string[]): SourcesConfig {
  const frBase = (env.FEDERAL_REGISTER_BASE_URL?.trim() || 'https://www.federalregister.gov/api/v1').replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\//.test(frBase)) problems.push('FEDERAL_REGISTER_BASE_URL must start with http:// or https://');
  const since = env.FEDERAL_REGISTER_SINCE?.trim() || '2025-01-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since))
    problems.push(`FEDERAL_REGISTER_SINCE must be a date YYYY-MM-DD (got "${since}")`);
  const mofcomUrls = parseUrls('MOFCOM_PAGE_URLS', env.MOFCOM_PAGE_URLS, problems);
  const feedUrls = parseUrls('NEWS_FEED_URLS', env.NEWS_FEED_URLS, problems);
  const cslUrl =
    env.US_CSL_URL?.trim() || 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json';
  if (!/^https?:\/\/\S+$/.test(cslUrl)) problems.push('US_CSL_URL must be an http(s) URL');
  return {
    httpTimeoutMs: parseInteger(
      'SOURCES_HTTP_TIMEOUT_MS',
      env.SOURCES_HTTP_TIMEOUT_MS,
      30_000,
      1000,
      problems,
      600_000,
    ),
    userAgent: 'Lodestone/0.1 (procurement alerting; +https://github.com/lodestone)',
    federalRegister: {
      enabled: parseBool('SOURCE_FEDERAL_REGISTER_ENABLED', env.SOURCE_FEDERAL_REGISTER_ENABLED, false, problems),
      baseUrl: frBase,
      intervalMinutes: parseInteger(
        'FEDERAL_REGISTER_INTERVAL_MINUTES',
        env.FEDERAL_REGISTER_INTERVAL_MINUTES,
        360,
        1,
        problems,
        10_080,
      ),
      agencies: parseList(env.FEDERAL_REGISTER_AGENCIES, ['industry-and-security-bureau']),
      terms: parseList(env.FEDERAL_REGISTER_TERMS, [
        'rare earth',
        'critical mineral',
        'Entity List',
        'gallium',
        'germanium',
        'graphite',
      ]),
      since,
      maxPages: 20,
    },
    mofcom: {
      enabled: parseBool('SOURCE_MOFCOM_ENABLED', env.SOURCE_MOFCOM_ENABLED, false, problems),
      pageUrls: mofcomUrls,
      intervalMinutes: parseInteger('MOFCOM_INTERVAL_MINUTES', env.MOFCOM_INTERVAL_MINUTES, 360, 1, problems, 10_080),
    },
    news: {
      enabled: parseBool('SOURCE_NEWS_ENABLED', env.SOURCE_NEWS_ENABLED, false, problems),
      feedUrls,
      intervalMinutes: parseInteger('NEWS_INTERVAL_MINUTES', env.NEWS_INTERVAL_MINUTES, 60, 1, problems, 10_080),
    },
    csl: {
      enabled: parseBool('SOURCE_US_CSL_ENABLED', env.SOURCE_US_CSL_ENABLED, false, problems),
      url: cslUrl,
      intervalMinutes: parseInteger('US_CSL_INTERVAL_MINUTES', env.US_CSL_INTERVAL_MINUTES, 1440, 1, problems, 10_080),
    },
  };
}

/** Nest injection token of {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');

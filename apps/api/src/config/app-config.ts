import { resolve } from 'node:path';

/** Where the database lives, derived from DATABASE_URL. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** `dataDir` null means in-memory (tests). */
  | { kind: 'pglite'; dataDir: string | null };

/** Where mail goes, derived from SMTP_URL. */
export type MailTarget = { kind: 'smtp'; url: string } | { kind: 'outbox-dir'; dir: string };

/** The one typed configuration of the API. Built only by {@link loadConfig}; nothing else reads process.env. */
export interface AppConfig {
  database: DatabaseTarget;
  /** Apply pending migrations at start-up (default: on for PGlite, off for PostgreSQL). */
  migrateOnBoot: boolean;
  mail: MailTarget;
  /** RFC 5322 From, e.g. `Lodestone <alerts@example.com>`. */
  mailFrom: string;
  /** TCP port of the HTTP API. */
  port: number;
  /** Base URL people reach the API at, used in links. */
  publicUrl: string;
  /** Run @nestjs/schedule jobs in this process (off for tests, CLIs and extra workers). */
  schedulesEnabled: boolean;
  /** pino level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Root folder of the embedded default's files (database, outbox). */
  dataDir: string;
  /** When set, the ingestion endpoints require `Authorization: Bearer <token>`. */
  ingestToken: string | null;
  auth: AuthConfig;
}

/** Sign-in settings (durations in seconds). */
export interface AuthConfig {
  /** Lifetime of an access token (ACCESS_TOKEN_TTL_SECONDS, default 900 = 15 min). */
  accessTokenTtlSeconds: number;
  /** Lifetime of a refresh token (REFRESH_TOKEN_TTL_SECONDS, default 2592000 = 30 days). */
  refreshTokenTtlSeconds: number;
  /** First platform admin created at start-up when no platform admin exists (ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NAME). */
  firstAdmin: { email: string; password: string; name: string } | null;
  /** Consecutive failed logins before the account is locked (LOGIN_MAX_FAILURES, default 5). */
  maxFailedLogins: number;
  /** How long a locked account stays locked (LOGIN_LOCKOUT_SECONDS, default 900). */
  lockoutSeconds: number;
  /** Login attempts allowed per client IP per minute (LOGIN_RATE_LIMIT_PER_MINUTE, default 10). */
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

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    problems.push(`${name} must be an integer >= ${min} (got "${raw}")`);
    return fallback;
  }
  return n;
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
 * PUBLIC_URL, SCHEDULES_ENABLED, DB_MIGRATE_ON_BOOT, LOG_LEVEL, DATA_DIR (default ./.data, relative to the working
 * directory), MAIL_OUTBOX_DIR, INGEST_API_TOKEN (when set, required as a bearer token on ingestion endpoints),
 * ADMIN_EMAIL / ADMIN_PASSWORD / ADMIN_NAME (first platform admin), ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS,
 * LOGIN_MAX_FAILURES, LOGIN_LOCKOUT_SECONDS, LOGIN_RATE_LIMIT_PER_MINUTE, INVITATION_TTL_SECONDS,
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
    problems.push('DATABASE_URL must start with postgresql://, postgres:// or pglite:// (or be unset for the embedded default)');
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
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be an integer 0-65535 (got "${env.PORT}")`);

  const mailFrom = env.MAIL_FROM?.trim() || 'Lodestone <alerts@lodestone.localhost>';
  if (!/<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an address or "Name <address>" (got "${mailFrom}")`);
  }

  const publicUrl = (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl)) problems.push('PUBLIC_URL must start with http:// or https://');

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const schedulesEnabled = parseBool('SCHEDULES_ENABLED', env.SCHEDULES_ENABLED, true, problems);
  const migrateOnBoot = parseBool('DB_MIGRATE_ON_BOOT', env.DB_MIGRATE_ON_BOOT, database.kind === 'pglite', problems);

  const ingestToken = env.INGEST_API_TOKEN?.trim() || null;
  if (ingestToken !== null && ingestToken.length < 16) problems.push('INGEST_API_TOKEN must be at least 16 characters');

  const adminEmail = env.ADMIN_EMAIL?.trim().toLowerCase() || '';
  const adminPassword = env.ADMIN_PASSWORD ?? '';
  let firstAdmin: AuthConfig['firstAdmin'] = null;
  if (adminEmail || adminPassword) {
    if (!/^[^@\s]+@[^@\s]+$/.test(adminEmail)) problems.push('ADMIN_EMAIL must be an email address when ADMIN_PASSWORD is set');
    if (adminPassword.length < MIN_PASSWORD_LENGTH) problems.push(`ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters when ADMIN_EMAIL is set`);
    firstAdmin = { email: adminEmail, password: adminPassword, name: env.ADMIN_NAME?.trim() || 'Platform admin' };
  }
  const auth: AuthConfig = {
    accessTokenTtlSeconds: parseInteger('ACCESS_TOKEN_TTL_SECONDS', env.ACCESS_TOKEN_TTL_SECONDS, 900, 30, problems),
    refreshTokenTtlSeconds: parseInteger('REFRESH_TOKEN_TTL_SECONDS', env.REFRESH_TOKEN_TTL_SECONDS, 30 * 86400, 60, problems),
    firstAdmin,
    maxFailedLogins: parseInteger('LOGIN_MAX_FAILURES', env.LOGIN_MAX_FAILURES, 5, 1, problems),
    lockoutSeconds: parseInteger('LOGIN_LOCKOUT_SECONDS', env.LOGIN_LOCKOUT_SECONDS, 900, 1, problems),
    loginRateLimitPerMinute: parseInteger('LOGIN_RATE_LIMIT_PER_MINUTE', env.LOGIN_RATE_LIMIT_PER_MINUTE, 10, 1, problems),
    invitationTtlSeconds: parseInteger('INVITATION_TTL_SECONDS', env.INVITATION_TTL_SECONDS, 72 * 3600, 60, problems),
    passwordResetTtlSeconds: parseInteger('PASSWORD_RESET_TTL_SECONDS', env.PASSWORD_RESET_TTL_SECONDS, 3600, 60, problems),
  };

  if (problems.length) throw new ConfigError(problems);
  return { database, migrateOnBoot, mail, mailFrom, port, publicUrl, schedulesEnabled, logLevel, dataDir, ingestToken, auth };
}

/** Nest injection token of {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');

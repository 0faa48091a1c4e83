import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';

/**
 * Nest injection token of the log destination: null writes to stdout (production); tests substitute a stream to read
 * what would have been logged.
 */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/** What replaces a secret in a log line. */
export const REDACTED = '[REDACTED]';

/** Lodestone tokens: access (lsa_), refresh (lsr_), API (lst_) and one-time link (lsl_) tokens. */
const LODESTONE_TOKEN = /\bls[arlt]_[A-Za-z0-9_-]*/g;
/** Query parameters that carry a credential (emailed links: `token`; signed unsubscribe/preferences links too). */
const TOKEN_QUERY = /([?&](?:token|refreshToken|accessToken|access_token|refresh_token)=)[^&#\s"]*/gi;

/**
 * Removes credentials from text bound for a log: every Lodestone token (in paths, messages, anything) and the values
 * of token query parameters. @returns the text with each secret replaced by {@link REDACTED}.
 */
export function redactSecrets(text: string): string {
  return text.replace(TOKEN_QUERY, `$1${REDACTED}`).replace(LODESTONE_TOKEN, REDACTED);
}

/**
 * pino-http options: level, request logging, and redaction. Headers that carry credentials (Authorization, Cookie,
 * Set-Cookie, X-Ingest-Token-like X-Api-Key) are censored by pino's `redact`; request URLs lose token query values;
 * and, as a last line of defence, every line written is passed through {@link redactSecrets}, so a token that reaches
 * a message or an error by another route is removed too.
 */
export function pinoHttpOptions(config: Pick<AppConfig, 'logLevel'>): Options {
  return {
    level: config.logLevel,
    autoLogging: config.logLevel !== 'silent',
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'req.headers["proxy-authorization"]',
        'res.headers["set-cookie"]',
        'req.query.token',
      ],
      censor: REDACTED,
    },
    serializers: {
      req(req: { url?: string }) {
        if (typeof req.url === 'string') req.url = redactSecrets(req.url);
        return req;
      },
    },
    hooks: { streamWrite: redactSecrets },
  };
}

/** The `pinoHttp` parameter of nestjs-pino: options alone (stdout), or options and a destination. */
export function pinoHttpParams(
  config: Pick<AppConfig, 'logLevel'>,
  destination: DestinationStream | null,
): Options | [Options, DestinationStream] {
  const options = pinoHttpOptions(config);
  return destination ? [options, destination] : options;
}

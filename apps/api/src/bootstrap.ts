import { XLSX_CONTENT_TYPE } from './common/content-types.js';
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { Lifecycle } from './common/lifecycle.js';
import { createOpenApiDocument } from './common/openapi/document.js';
import { securityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.js';
import { loadConfig } from './config/app-config.js';
import { DatabaseLockedError } from './database/connection.js';
import { IMPORT_TOO_LARGE_MESSAGE } from './modules/imports/csv-body.js';
import { checkDatabaseReady, DatabaseNotReadyError } from './database/readiness.js';

/**
 * Largest accepted request body: an event's `body` may hold 200,000 characters (the DTO's limit), which is 600 KB of
 * UTF-8 when they are Chinese; with the other fields that fits in 1 MB.
 */
export const BODY_LIMIT = '1mb';

/**
 * Largest import file (XLSX body of POST /v1/parts/import; text/csv bodies are read by the import routes themselves,
 * with the same limit: modules/imports/csv-body.ts); see docs/imports.md.
 */
export const CSV_BODY_LIMIT = '20mb';

/**
 * Answers a body over its limit with 413 naming the limit (body-parser's own message does not), as JSON:
 * `{ statusCode: 413, error, message }`.
 */
function bodyTooLarge(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = err as { type?: string } | null;
  if (e?.type !== 'entity.too.large') {
    next(err);
    return;
  }
  const csv = /^(text\/csv|application\/vnd\.openxmlformats)\b/i.test(req.headers['content-type'] ?? '');
  res.status(413).json({
    statusCode: 413,
    error: 'Payload Too Large',
    message: csv
      ? IMPORT_TOO_LARGE_MESSAGE
      : `The request body is larger than the limit of ${BODY_LIMIT.toUpperCase().replace('MB', ' MB')} (1,048,576 bytes)`,
  });
}

/**
 * Express middleware placed right after the JSON body parser: a JSON body that parsed to `null`, a string, a number or
 * a boolean is answered 400 `{ statusCode: 400, error: "Bad Request", message: "body must be a JSON object" }` (the
 * parser runs non-strict so that these are told apart from malformed JSON, which stays 400 "... is not valid JSON").
 * Arrays pass on to their route, which names its own rule (the ingestion endpoints answer the same 400). Requests
 * without a JSON body pass unchanged.
 */
export function requireJsonObjectBody(req: Request, res: Response, next: NextFunction): void {
  const parsed = req.body !== undefined && typeof req.is('application/json') === 'string';
  const body: unknown = req.body;
  if (parsed && (body === null || typeof body !== 'object')) {
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'body must be a JSON object' });
    return;
  }
  next();
}

/** The paths a worker process (PROCESS_ROLE=worker) serves: its liveness and readiness probes and its metrics. */
const WORKER_PATHS = /^\/(health(\/live|\/ready)?|metrics)\/?$/;

/**
 * Express middleware of a worker process (PROCESS_ROLE=worker): GET /health, /health/live, /health/ready and
 * /metrics pass; every other request is answered 404 `{ statusCode: 404, error: "Not Found", message }` saying
 * that this process serves no API (the API runs in the processes with PROCESS_ROLE=api or all).
 */
export function workerRoutesOnly(req: Request, res: Response, next: NextFunction): void {
  if ((req.method === 'GET' || req.method === 'HEAD') && WORKER_PATHS.test(req.path)) {
    next();
    return;
  }
  res.status(404).json({
    statusCode: 404,
    error: 'Not Found',
    message:
      'This process runs PROCESS_ROLE=worker: it serves only /health/live, /health/ready and /metrics. The API is served by the processes with PROCESS_ROLE=api or all',
  });
}

/**
 * Configures an HTTP application exactly as production runs it (proxy trust, security headers, CORS, validation, body
 * limit, OpenAPI at /docs, logger, shutdown hooks).
 * Used by main.ts and by the e2e tests, which may have overridden providers before calling it.
 */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  // req.ip (the login throttle's client address) and req.secure (HSTS) from X-Forwarded-* only behind a trusted proxy.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Counts requests in flight (shutdown waits for them) and turns new ones away while draining.
  app.use(app.get(Lifecycle).requestTracker());
  // A worker process (PROCESS_ROLE=worker) serves its probes and metrics only.
  if (config.processRole === 'worker') app.use(workerRoutesOnly);
  app.use(securityHeaders());
  // Same-origin only (no CORS headers) unless CORS_ORIGINS lists the origins of other web clients.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true, maxAge: 600 });
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: false });
  app.use(requireJsonObjectBody);
  // text/csv (CSV imports: watchlist, suppliers, parts) has no body parser: the import routes read the body as it
  // arrives (readCsvBody), so that a 20 MB file is neither decoded in one piece nor kept twice (rawBody).
  app.useBodyParser('raw', { type: XLSX_CONTENT_TYPE, limit: CSV_BODY_LIMIT }); // XLSX imports (parts)
  app.use(bodyTooLarge);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document);
  if (config.processRole !== 'worker') serveConsole(app);
  return app;
}

/** The built web console (apps/web/dist), or WEB_DIST_DIR; null when it has not been built. */
export function consoleDir(): string | null {
  const dir = process.env.WEB_DIST_DIR
    ? resolve(process.env.WEB_DIST_DIR)
    : join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/** Paths the API answers itself: never the console's, even when nothing matches (a 404 stays JSON). */
const API_PATHS = /^\/(v1|docs|health|metrics)(\/|-json|-yaml|$)/;

/**
 * Serves the web console on the API's port: its hashed assets (cached for a year) and, for any other GET that accepts
 * HTML and is not an API path, index.html (client-side routes such as /alerts/…). API routes, /docs and /health keep
 * precedence.
 */
function serveConsole(app: NestExpressApplication): void {
  const dir = consoleDir();
  if (!dir) return;
  const index = join(dir, 'index.html');
  app.use(
    (
      req: { method: string; path: string; headers: Record<string, string | string[] | undefined> },
      res: {
        setHeader(name: string, value: string): void;
        sendFile(path: string): void;
      },
      next: () => void,
    ) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
      if (req.path.startsWith('/assets/')) return next();
      const accept = String(req.headers.accept ?? '');
      if (!accept.includes('text/html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    },
  );
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
}

/**
 * Checks the database before start-up ({@link checkDatabaseReady}) and, when it is not usable (PostgreSQL not
 * migrated or unreachable, the embedded database held by another process), prints what to do and exits with code 1,
 * without a stack trace. Other errors (e.g. an invalid configuration) are thrown.
 */
export async function preflightOrExit(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    await checkDatabaseReady(loadConfig(env));
  } catch (error) {
    if (!(error instanceof DatabaseNotReadyError || error instanceof DatabaseLockedError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Creates the HTTP application (not listening yet), after {@link preflightOrExit}. */
export async function createApp(): Promise<NestExpressApplication> {
  await preflightOrExit();
  // rawBody: partner webhooks verify their HMAC over the bytes received.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
    rawBody: true,
  });
  configureApp(app);
  return app;
}

/** Creates the application without HTTP, for CLIs (demo, ingest), after {@link preflightOrExit}. */
export async function createContext(): Promise<INestApplicationContext> {
  await preflightOrExit();
  return NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
}

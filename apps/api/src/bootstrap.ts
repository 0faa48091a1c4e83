import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/validation.js';

/**
 * Largest accepted request body: an event's `body` may hold 200,000 characters (the DTO's limit), which is 600 KB of
 * UTF-8 when they are Chinese; with the other fields that fits in 1 MB.
 */
export const BODY_LIMIT = '1mb';

/**
 * Configures an HTTP application exactly as production runs it (validation, body limit, OpenAPI at /docs, logger).
 * Used by main.ts and by the e2e tests, which may have overridden providers before calling it.
 */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('text', { type: 'text/csv', limit: BODY_LIMIT }); // CSV imports (watchlist, suppliers)
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lodestone API')
      .setDescription('Procurement alerting for rare earths and other critical minerals')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  serveConsole(app);
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
const API_PATHS = /^\/(v1|docs|health)(\/|-json|-yaml|$)/;

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

/** Creates the HTTP application (not listening yet). */
export async function createApp(): Promise<NestExpressApplication> {
  // rawBody: partner webhooks verify their HMAC over the bytes received.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
    rawBody: true,
  });
  configureApp(app);
  return app;
}

/** Creates the application without HTTP, for CLIs (demo, ingest). */
export function createContext(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
}

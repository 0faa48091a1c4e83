import 'reflect-metadata';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { createOpenApiDocument } from './common/openapi/document.js';
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
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document);
  return app;
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

import 'reflect-metadata';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/validation.js';

/**
 * Largest accepted request body: an event's `body` may hold 200,000 characters (the DTO's limit), which is 600 KB of
 * UTF-8 when they are Chinese; with the other fields that fits in 1 MB.
 */
export const BODY_LIMIT = '1mb';

/** Largest CSV import (text/csv body of POST /v1/watchlist/import and /v1/suppliers/import); see docs/imports.md. */
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
  const csv = /^text\/csv\b/i.test(req.headers['content-type'] ?? '');
  res.status(413).json({
    statusCode: 413,
    error: 'Payload Too Large',
    message: csv
      ? `The CSV file is larger than the limit of ${CSV_BODY_LIMIT.toUpperCase().replace('MB', ' MB')} (20,971,520 bytes); split it into several imports`
      : `The request body is larger than the limit of ${BODY_LIMIT.toUpperCase().replace('MB', ' MB')} (1,048,576 bytes)`,
  });
}

/**
 * Configures an HTTP application exactly as production runs it (validation, body limit, OpenAPI at /docs, logger).
 * Used by main.ts and by the e2e tests, which may have overridden providers before calling it.
 */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('text', { type: 'text/csv', limit: CSV_BODY_LIMIT }); // CSV imports (watchlist, suppliers)
  app.use(bodyTooLarge);
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

import 'reflect-metadata';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { Lifecycle } from './common/lifecycle.js';
import { securityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.js';

/**
 * Largest accepted request body: an event's `body` may hold 200,000 characters (the DTO's limit), which is 600 KB of
 * UTF-8 when they are Chinese; with the other fields that fits in 1 MB.
 */
export const BODY_LIMIT = '1mb';

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
  app.use(securityHeaders());
  // Same-origin only (no CORS headers) unless CORS_ORIGINS lists the origins of other web clients.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true, maxAge: 600 });
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

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppModule } from '../app.module.js';
import { configureApp } from '../bootstrap.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, loadConfig } from '../config/app-config.js';

/**
 * Builds the real AppModule with a test configuration (env-style variables), optionally a fake clock, and other
 * provider overrides (e.g. a recorded HTTP client for source connectors). DELIVERY_QUEUE is `queue` (default `outbox`)
 * unless `env` sets it: a module that is compiled but not initialised (db specs) has not started pg-boss, and pg-boss
 * cannot start inside a transaction on the embedded PGlite (one connection).
 */
export async function createTestingModule(
  env: Record<string, string>,
  clock?: Clock,
  overrides: [token: unknown, value: unknown][] = [],
  queue: 'outbox' | 'pgboss' = 'outbox',
): Promise<TestingModule> {
  const config = loadConfig({
    SCHEDULES_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    DB_MIGRATE_ON_BOOT: 'true',
    LINK_SIGNING_SECRET: 'test-link-signing-secret-0123456789abcdef',
    // Production rules of PostgreSQL mode that tests on a local PostgreSQL opt out of (docs/security-defaults.md).
    INGEST_OPEN: 'true',
    ALLOW_HTTP_PUBLIC_URL: 'true',
    // One email per alert unless a test is about email bursts (those set it, e.g. to 120).
    EMAIL_BURST_WINDOW_SECONDS: '0',
    MAIL_OUTBOX_DIR: join(mkdtempSync(join(tmpdir(), 'lodestone-outbox-')), 'outbox'),
    // The product's default is pgboss. Tests with a FakeClock get the outbox fallback: they drive the claims step by
    // step (due times, retries, claim timeouts, burst windows), which pg-boss's own clock and timers do not follow.
    DELIVERY_QUEUE: queue,
    // The lanes the tests were written for (the default is 10 since 2026-12-06): claims of 20 rows, so that two workers
    // over a few dozen rows each take a share (channels.db-spec), unless a test sets it.
    OUTBOX_CONCURRENCY: '5',
    ...env,
  });
  let builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config);
  if (clock) builder = builder.overrideProvider(CLOCK).useValue(clock);
  for (const [token, value] of overrides) builder = builder.overrideProvider(token as string).useValue(value);
  return builder.compile();
}

/**
 * The HTTP application configured exactly as production (bootstrap.ts configureApp), initialised, not listening.
 * `overrides` as for {@link createTestingModule} (e.g. LOG_DESTINATION to read the log). Deliveries run on the
 * product's default, pg-boss (DELIVERY_QUEUE=pgboss), unless `clock` is given (then the outbox) or `env` sets it.
 */
export async function createTestApp(
  env: Record<string, string>,
  clock?: Clock,
  overrides: [token: unknown, value: unknown][] = [],
): Promise<INestApplication> {
  // The production bootstrap runs the product's default delivery queue (pgboss) unless the test drives a FakeClock.
  const moduleRef = await createTestingModule(env, clock, overrides, clock ? 'outbox' : 'pgboss');
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, rawBody: true });
  configureApp(app);
  await app.init();
  return app;
}

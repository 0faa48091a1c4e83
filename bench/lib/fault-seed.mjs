// Shared set-up of the fault benchmarks (webhook-fault, delivery-fault): a fresh PostgreSQL database, the environment
// of the built API (apps/api/dist) for it, tenants watching Dy with their buyer and channel endpoints at local
// receivers, and events matching all of them ingested through the API's use case.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const pg = require('pg');
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The URL of a module of the built API, for `import()`, e.g. `dist('bootstrap.js')`. */
export const dist = (path) => pathToFileURL(join(root, 'apps/api/dist', path)).href;

/**
 * Creates an empty database `<prefix>_<random>` on the server at TEST_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/postgres).
 * @returns `{ url, drop }`: its connection URL, and `drop()` (removes it, ending the connections left).
 */
export async function createBenchDatabase(prefix) {
  const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Sets the environment the built API (and the worker CLIs the benchmarks spawn, which inherit it) reads: the database
 * `url`, migrations on boot, a link-signing secret, open ingestion, no schedules (the bench drives the workers), error
 * logs only, local (private) receivers allowed; `extra` adds or overrides variables (SMTP, retry and timeout settings).
 */
export function setBenchEnv(url, extra = {}) {
  Object.assign(process.env, {
    DATABASE_URL: url,
    DB_MIGRATE_ON_BOOT: 'true',
    LINK_SIGNING_SECRET: 'fault-bench-link-signing-secret-0123456789',
    INGEST_OPEN: 'true',
    ALLOW_HTTP_PUBLIC_URL: 'true',
    SCHEDULES_ENABLED: 'false',
    LOG_LEVEL: 'error',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...extra,
  });
}

/**
 * Provisions `count` tenants watching Dy in the application context `app` (built from `dist('bootstrap.js')`), each
 * with the buyer `buyer(i)` (or none when it returns null) and the channel endpoints `endpoints(i)`:
 * `[{ kind?: 'WEBHOOK' | 'SLACK' | 'TEAMS', name, url }]` (a webhook when `kind` is absent).
 * @returns the webhook signing secrets by endpoint path (`new URL(url).pathname`), as the receivers verify them.
 */
export async function seedTenants(app, { count, slug, buyer = () => null, endpoints }) {
  const { TenantsService } = await import(dist('modules/tenants/tenants.service.js'));
  const { ChannelsService } = await import(dist('modules/channels/channels.service.js'));
  const tenants = app.get(TenantsService);
  const channels = app.get(ChannelsService);
  const secrets = new Map();
  for (let i = 0; i < count; i++) {
    const user = buyer(i);
    const { id } = await tenants.provision({
      slug: slug(i),
      name: `${slug(i)} GmbH`,
      users: user ? [{ ...user, role: 'BUYER' }] : [],
      watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
      suppliers: [],
    });
    const principal = {
      kind: 'user',
      userId: null,
      tokenId: null,
      sessionId: null,
      tenantId: id,
      role: 'TENANT_ADMIN',
    };
    for (const e of endpoints(i)) {
      const webhook = !e.kind || e.kind === 'WEBHOOK';
      const created = await channels.create(principal, id, webhook ? { name: e.name, url: e.url } : e);
      if (webhook) secrets.set(new URL(e.url).pathname, created.secret);
    }
  }
  return secrets;
}

/**
 * Ingests `events` MOFCOM/GAC-like policy changes on Dy (each matches every seeded tenant) through EventsService, one
 * after the other. @returns `{ alerts, ingestMs }`: the alerts of all of them, and the wall-clock milliseconds taken.
 */
export async function ingestDyEvents(app, events = 1) {
  const { EventsService } = await import(dist('modules/events/events.service.js'));
  const started = Date.now();
  let alerts = 0;
  for (let e = 0; e < events; e++) {
    const r = await app.get(EventsService).ingestPolicyChange({
      source: 'mofcom',
      externalId: `bench-${Date.now()}-${e}`,
      jurisdiction: 'CN',
      issuer: 'MOFCOM/GAC',
      action: 'IMPOSED',
      title: `Export licences required for dysprosium (bench ${e + 1})`,
      summary: '',
      elements: ['Dy'],
      effectiveDate: '2025-04-04',
    });
    alerts += r.alerts;
  }
  return { alerts, ingestMs: Date.now() - started };
}

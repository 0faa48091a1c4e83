// npm run bench -- import [rows] [--db postgres] [--no-events]
// Boots the production API (apps/api/dist/main.js, NODE_ENV=production) in a child process on the embedded database
// in a temporary DATA_DIR (or, with --db postgres, on a new database at TEST_POSTGRES_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres), imports a `rows`-row watchlist CSV (default 100,000) and a
// `rows`-row supplier CSV through HTTP (POST .../import answers 202; GET /v1/imports/:id is polled), and calls
// /health every ~20 ms meanwhile. Prints one JSON line: rowsPerSecond (both files, from the POST to the job's end),
// per-kind rates, worstHealthMs / p99HealthMs (latency of /health during the imports; goal worstHealthMs <= 100), and
// the same for 3 s before the imports (baseline*: the machine's own scheduling delays, e.g. when its cores are shared).
// The demo events (apps/api/demo/events-2025.json: policy changes and licences naming exporters) are ingested first,
// so that each import's back-matching (the stored events against the imported watches and suppliers) has work to do;
// `--no-events` leaves the event store empty (back-matching then has nothing to match).
// With --parts (issue 15, docs/parts.md): 1,000 suppliers, then a `rows`-row parts CSV (materials, an HS code, a
// supplier by name, a product by code) instead of the watchlist and the supplier files.
import { SERVER_NODE_FLAGS } from './lib/server-flags.mjs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(3);
const dbKind = args.includes('--db') ? args[args.indexOf('--db') + 1] : 'pglite';
const ROWS = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const WITH_EVENTS = !args.includes('--no-events');
const PARTS = args.includes('--parts');
const ELEMENTS = ['Dy', 'Tb', 'Nd', 'Pr', 'Sm', 'Ga', 'Ge', 'Sb', 'W', 'Gd', 'Lu', 'Ce'];

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// --- database
const dataDir = mkdtempSync(join(tmpdir(), 'lodestone-bench-import-'));
const env = {
  ...process.env,
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  SCHEDULES_ENABLED: 'false',
  ADMIN_EMAIL: 'bench@lodestone.localhost',
  ADMIN_PASSWORD: 'bench-password-123',
  ACCESS_TOKEN_TTL_SECONDS: '86400',
  LINK_SIGNING_SECRET: 'bench-link-signing-secret-0123456789abcdef',
};
let dropDatabase = async () => {};
if (dbKind === 'postgres') {
  const pg = createRequire(import.meta.url)('pg');
  const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `lodestone_bench_import_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.href;
  env.DB_MIGRATE_ON_BOOT = 'true';
  env.INGEST_OPEN = 'true';
  env.ALLOW_HTTP_PUBLIC_URL = 'true'; // the API listens on 127.0.0.1 over http here
  dropDatabase = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}

// --- the API, as `npm start` runs it
const port = await freePort();
env.PORT = String(port);
env.PUBLIC_URL = `http://127.0.0.1:${port}`;
const api = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  ['--max-semi-space-size=64', ...SERVER_NODE_FLAGS, join(root, 'apps/api/dist/main.js')],
  {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
// A failed request (the bench cannot go on) must not leave the server, its database or its data folder behind.
const abort = (error) => {
  console.error(error);
  server.kill('SIGKILL');
  dropDatabase()
    .catch(() => {})
    .finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(1);
    });
};
process.on('uncaughtException', abort);
process.on('unhandledRejection', abort);
const stop = async () => {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
};
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${api}/health`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 600 || server.exitCode !== null) {
    // Leave no database or data folder behind (the server's stderr above says why it did not start).
    if (server.exitCode === null) server.kill('SIGKILL');
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(server.exitCode === null ? 'the API did not start within 60 s' : 'the API exited at start');
  }
  await new Promise((r) => setTimeout(r, 100));
}

const json = async (path, init = {}) => {
  const res = await fetch(`${api}${path}`, init);
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
};
const { accessToken } = await json('/v1/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }),
});
const tenant = await json('/v1/tenants', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
  body: JSON.stringify({ slug: 'bench-import', name: 'Bench Import GmbH' }),
});
const headers = { authorization: `Bearer ${accessToken}`, 'x-tenant-id': (tenant.tenant ?? tenant).id };

// --- stored events for back-matching (ingested before the tenant imports anything)
let storedEvents = 0;
if (WITH_EVENTS) {
  const demo = JSON.parse(readFileSync(join(root, 'apps/api/demo/events-2025.json'), 'utf8'));
  for (const [path, list] of [
    ['/v1/policy-changes', demo.policyChanges],
    ['/v1/permit-events', demo.permitEvents],
  ]) {
    for (const event of list) {
      await json(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify(event),
      });
      storedEvents++;
    }
  }
}

// --- the files
const watchRows = ['kind,elementSymbol,hsPrefix,controlEntry,jurisdiction,note'];
// Watches are unique per tenant (a repeat is skipped as a duplicate), so every row must be a different watch: the
// elements and a few control-list entries once each, then HS prefixes, one per row.
for (let i = 0; i < ROWS; i++) {
  if (i < ELEMENTS.length) watchRows.push(`ELEMENT,${ELEMENTS[i]},,,CN,bench row ${i}`);
  else if (i < ELEMENTS.length + 6) watchRows.push(`CONTROL_ENTRY,,,1C90${i - ELEMENTS.length},,bench row ${i}`);
  else watchRows.push(`HS_CODE,,${10_000_000 + i},,,bench row ${i}`);
}
const supplierRows = ['legalNameEn,legalNameZh,aliases,country,tickers'];
for (let i = 0; i < (PARTS ? 1000 : ROWS); i++)
  supplierRows.push(
    `"Bench Rare Earth ${i} Co., Ltd.",稀土基准${i}有限公司,BRE ${i}; Bench ${i},CN,SZSE:${300000 + i}`,
  );
const partRows = ['partNumber,description,hsCode,annualQuantity,annualSpend,currency,materials,suppliers,products'];
if (PARTS) {
  await json('/v1/products', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'BENCH-EDU', name: 'Bench drive unit' }),
  });
  for (let i = 0; i < ROWS; i++)
    partRows.push(
      `BENCH-${i},Bench magnet ${i},8505111000,${1000 + i},${12000 + i}.50,${i % 3 ? 'EUR' : 'USD'},NDFEB_MAGNET:Dy=1.2g;NDFEB_MAGNET:${ELEMENTS[i % 4]}=14g,"Bench Rare Earth ${i % 1000} Co., Ltd.=1",BENCH-EDU=2`,
    );
}
const files = PARTS
  ? [
      { kind: 'suppliers', path: '/v1/suppliers/import', csv: `${supplierRows.join('\n')}\n` },
      { kind: 'parts', path: '/v1/parts/import', csv: `${partRows.join('\n')}\n` },
    ]
  : [
      { kind: 'watchlist', path: '/v1/watchlist/import', csv: `${watchRows.join('\n')}\n` },
      { kind: 'suppliers', path: '/v1/suppliers/import', csv: `${supplierRows.join('\n')}\n` },
    ];

// --- /health every ~20 ms: for 3 s before the imports (the baseline on this machine as loaded now), then during them
const baseline = [];
let latencies = baseline;
let polling = true;
const poller = (async () => {
  while (polling) {
    const t0 = performance.now();
    const res = await fetch(`${api}/health`);
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    latencies.push({ ms, ok: res.ok });
    await new Promise((r) => setTimeout(r, Math.max(0, 20 - ms)));
  }
})();

await new Promise((r) => setTimeout(r, 3000));
latencies = [];
const results = {};
const t0 = performance.now();
for (const f of files) {
  const started = performance.now();
  const res = await fetch(`${api}${f.path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv', prefer: 'respond-async' },
    body: f.csv,
  });
  const job = await res.json();
  if (res.status !== 202) throw new Error(`${f.path}: ${res.status} ${JSON.stringify(job).slice(0, 500)}`);
  let done;
  for (;;) {
    done = await json(`/v1/imports/${job.id}`, { headers });
    if (!['QUEUED', 'RUNNING'].includes(done.status)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  results[f.kind] = {
    status: done.status,
    rows: done.total,
    created: done.created,
    errorCount: done.errorCount,
    megabytes: Math.round((Buffer.byteLength(f.csv) / 1024 / 1024) * 10) / 10,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(done.total / seconds),
  };
}
const totalSeconds = (performance.now() - t0) / 1000;
polling = false;
await poller;
await stop();

const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
const pct = (p, s = sorted) => Math.round(s[Math.min(s.length - 1, Math.floor(s.length * p))] * 10) / 10;
const idle = baseline.map((l) => l.ms).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: 'import',
    db: dbKind,
    rowsPerFile: ROWS,
    storedEvents,
    rowsPerSecond: Math.round(Object.values(results).reduce((n, r) => n + r.rows, 0) / totalSeconds),
    worstHealthMs: Math.round(sorted[sorted.length - 1] * 10) / 10,
    p99HealthMs: pct(0.99),
    medianHealthMs: pct(0.5),
    healthChecks: latencies.length,
    healthFailures: latencies.filter((l) => !l.ok).length,
    // /health with no import running, same machine, just before: how much of the above is the machine's load
    baselineWorstHealthMs: pct(1, idle),
    baselineP99HealthMs: pct(0.99, idle),
    ...results,
    goal: 'worstHealthMs <= 100',
    cpus: cpus().length,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  }),
);

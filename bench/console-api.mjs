// The web console's API calls at scale (`npm run bench -- console-api`): one tenant with 100,000 alerts and 1,000
// watches on the embedded database (in memory), served by the production bootstrap over HTTP. Times, from a client on
// the same machine:
// - alertsP95Ms: the alerts inbox's first page (GET /v1/alerts?limit=50), unfiltered and with the console's filters
//   (status, severity, element), and the next page through the cursor;
// - exposureP95Ms: what the exposure home loads today (useExposure: watchlist, suppliers, measures, the latest 200
//   alerts, in parallel), until GET /v1/exposure replaces it;
// - initialJsGzipKb: the console's JavaScript loaded before any page (apps/web/dist, as the build prints it).
// Prints one JSON line. Goal: p95 <= 150 ms for both, initial JS <= 250 KB gzipped.
//
//   npm run bench -- console-api [--alerts 100000] [--watches 1000] [--rounds 60]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ALERTS = arg('alerts', 100_000);
const WATCHES = arg('watches', 1000);
const ROUNDS = arg('rounds', 60);
const PASSWORD = 'bench-console-password-1';

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
Object.assign(process.env, {
  DATABASE_URL: 'pglite://memory',
  LOG_LEVEL: 'silent',
  SCHEDULES_ENABLED: 'false',
  PORT: String(port),
  LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
});
const dist = (p) => import(join(root, 'apps/api/dist', p));
const { createApp } = await dist('bootstrap.js');
const { TenantsService } = await dist('modules/tenants/tenants.service.js');
const { PrismaService } = await dist('database/prisma.service.js');
const { PasswordHasher } = await dist('modules/auth/password-hasher.js');

const app = await createApp();
await app.listen(port, '127.0.0.1');
const base = `http://127.0.0.1:${port}`;
const setup = JSON.parse(readFileSync(join(root, 'apps/api/demo/demo-tenant.json'), 'utf8'));
const tenantId = (await app.get(TenantsService).provision(setup)).id;
const db = app.get(PrismaService).db;
await db.user.updateMany({ where: { tenantId }, data: { passwordHash: await app.get(PasswordHasher).hash(PASSWORD) } });

const seedStart = performance.now();
const watches = [];
for (let i = watches.length; i < WATCHES - setup.watches.length; i++) {
  watches.push({ tenantId, kind: 'HS_CODE', hsPrefix: String(28000000 + i * 7), note: `bench watch ${i}` });
}
await db.watchlistItem.createMany({ data: watches });
const supplier = await db.supplier.findFirst({ where: { tenantId } });
const ELEMENTS = ['Dy', 'Tb', 'Sm', 'Gd', 'Lu', 'Sc', 'Y', 'Nd', 'Pr', 'Ga', 'Ge', 'Sb'];
const SEVERITIES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const STATUSES = ['OPEN', 'OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
const t0 = Date.parse('2025-01-01T00:00:00Z');
for (let start = 0; start < ALERTS; start += 5000) {
  const data = [];
  for (let i = start; i < Math.min(ALERTS, start + 5000); i++) {
    const element = ELEMENTS[i % ELEMENTS.length];
    data.push({
      tenantId,
      severity: SEVERITIES[i % 5],
      status: STATUSES[i % 4],
      title: `Bench alert ${i}: export control on ${element}`,
      dedupeKey: `${tenantId}:BENCH:${i}`,
      createdAt: new Date(t0 + i * 60_000),
      reasons: [
        {
          via: 'ELEMENT_NAMED',
          subject: { type: 'WATCH', watchId: tenantId, label: element },
          matched: { field: 'elements', value: element },
          element,
          text: `Your watch on ${element} matched the event's element ${element}`,
        },
        ...(i % 10 === 0 && supplier
          ? [
              {
                via: 'SUPPLIER_EXPORTER',
                subject: { type: 'SUPPLIER', supplierId: supplier.id, label: supplier.legalNameEn },
                matched: { field: 'exporterName', value: supplier.legalNameEn },
                text: 'Your supplier is the exporter',
              },
            ]
          : []),
      ],
    });
  }
  await db.alert.createMany({ data });
}
// PostgreSQL's autovacuum would gather statistics after such a bulk load; PGlite runs none, so do it here.
await app.get(PrismaService).db.$executeRawUnsafe('ANALYZE "Alert"');
const seedMs = performance.now() - seedStart;

const login = await fetch(`${base}/v1/auth/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ email: 'buyer@demo-magnets.example', password: PASSWORD }),
}).then((r) => r.json());
const headers = { Authorization: `Bearer ${login.accessToken}` };
const get = async (path) => {
  const res = await fetch(`${base}${path}`, { headers });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] * 10) / 10;
};
const timed = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

// Warm-up (JIT, caches) before measuring.
for (let i = 0; i < 5; i++) await get('/v1/alerts?limit=50');

const alertQueries = ['', '&status=OPEN', '&severity=HIGH', '&element=Dy', `&supplierId=${supplier?.id}`];
const alertTimes = [];
const byQuery = {};
for (let r = 0; r < ROUNDS; r++) {
  const q = alertQueries[r % alertQueries.length];
  const label = q ? q.slice(1).split('=')[0] : 'none';
  let first;
  const t = await timed(async () => {
    first = await get(`/v1/alerts?limit=50${q}`);
  });
  alertTimes.push(t);
  byQuery[label] ??= [];
  byQuery[label].push(t);
  if (first.nextCursor) {
    const n = await timed(() => get(`/v1/alerts?limit=50${q}&cursor=${first.nextCursor}`));
    alertTimes.push(n);
    byQuery[label].push(n);
  }
}

const exposureTimes = [];
for (let r = 0; r < ROUNDS; r++) {
  exposureTimes.push(
    await timed(() =>
      Promise.all([
        get('/v1/watchlist'),
        get('/v1/suppliers'),
        get('/v1/measures?limit=200'),
        get('/v1/alerts?limit=200'),
      ]),
    ),
  );
}

let initialJsGzipKb = null;
try {
  const web = join(root, 'apps/web/dist');
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const js = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  initialJsGzipKb = Math.round(js.reduce((n, f) => n + gzipSync(readFileSync(join(web, f))).length, 0) / 102.4) / 10;
} catch {
  /* console not built */
}

await app.close();
console.log(
  JSON.stringify({
    bench: 'console-api',
    alerts: ALERTS,
    watches: WATCHES,
    seedSeconds: Math.round(seedMs / 100) / 10,
    alertsP95Ms: p95(alertTimes),
    alertsRequests: alertTimes.length,
    alertsP95MsByFilter: Object.fromEntries(Object.entries(byQuery).map(([k, v]) => [k, p95(v)])),
    exposureP95Ms: p95(exposureTimes),
    exposureRounds: exposureTimes.length,
    initialJsGzipKb,
    goals: { alertsP95Ms: 150, exposureP95Ms: 150, initialJsGzipKb: 250 },
    cpus: cpus().length,
    load1: Math.round(loadavg()[0] * 10) / 10,
  }),
);
process.exit(0);

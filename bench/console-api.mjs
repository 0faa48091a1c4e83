// The web console's API calls at scale (`npm run bench -- console-api`): one tenant with 100,000 alerts and 1,000
// watches on the embedded database (in memory), served by the production bootstrap over HTTP. Times, from a client on
// the same machine:
// - alertsP95Ms: the alerts inbox's first page (GET /v1/alerts?limit=50), unfiltered and with each of the console's
//   filters (status, severity, element, supplier, assignee me / none), and the next page through the cursor; the
//   p95 of each filter is in alertsP95MsByFilter (each must meet the goal, not only the mix);
// - exposureP95Ms: what the exposure home loads, GET /v1/exposure (its charts and "what changed in the last 7 days"
//   are drawn from it, no other call), for a second tenant with 1,000 watches (element watches in several
//   jurisdictions and HS-code watches) back-matched against the 2025 events of the demo;
// - exposureAt100kAlertsP95Ms (information, few rounds): the same call for the tenant with 100,000 alerts.
// - initialJsGzipKb: the console's JavaScript loaded before any page (apps/web/dist, as the build prints it).
// Prints one JSON line. Goal: p95 <= 150 ms for the inbox (each filter) and the exposure, initial JS <= 250 KB gzipped.
//
//   npm run bench -- console-api [--alerts 100000] [--watches 1000] [--rounds 60]
//   --explain also prints (on stderr) the query plan of each filtered alerts query.
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
const { EventsService } = await dist('modules/events/events.service.js');
const { ExposureService } = await dist('modules/exposure/exposure.service.js');
const { readEventFile, ingestEventFile } = await dist('cli/event-file.js');
const { watchKey } = await dist('modules/watchlist/watch-identity.js');

const app = await createApp();
await app.listen(port, '127.0.0.1');
const base = `http://127.0.0.1:${port}`;
const seedStart = performance.now();
// The demo's 2025 events (MOFCOM/GAC announcements, suspensions, licences), as `npm run demo` stores them.
await ingestEventFile(app.get(EventsService), await readEventFile(join(root, 'apps/api/demo/events-2025.json')));
const setup = JSON.parse(readFileSync(join(root, 'apps/api/demo/demo-tenant.json'), 'utf8'));
const tenantId = (await app.get(TenantsService).provision(setup)).id;
const db = app.get(PrismaService).db;
const passwordHash = await app.get(PasswordHasher).hash(PASSWORD);
await db.user.updateMany({ where: { tenantId }, data: { passwordHash } });

// The exposure tenant: the demo's watches and suppliers plus element watches in several jurisdictions and HS-code
// watches under the chapters rare earths are traded in, 1,000 in all, back-matched as after an import.
const exposureSetup = {
  ...setup,
  slug: 'bench-exposure',
  name: 'Bench Exposure GmbH',
  users: setup.users.map((u) => ({ ...u, email: u.email.replace('demo-magnets', 'bench-exposure') })),
};
const exposureTenantId = (await app.get(TenantsService).provision(exposureSetup)).id;
await db.user.updateMany({ where: { tenantId: exposureTenantId }, data: { passwordHash } });
const ELEMENT_WATCHES = ['La', 'Ce', 'Pr', 'Nd', 'Sm', 'Eu', 'Gd', 'Ho', 'Er', 'Tm', 'Yb', 'Lu', 'Y', 'Sc', 'Ga', 'Ge'];
const JURISDICTIONS = [null, 'CN', 'US', 'EU', 'JP'];
const keys = new Set(setup.watches.map((w) => watchKey(w)));
const watches = [];
const addWatch = (w) => {
  const key = watchKey(w);
  if (keys.has(key)) return;
  keys.add(key);
  watches.push({ ...w, watchKey: key });
};
for (const elementSymbol of ELEMENT_WATCHES)
  for (const jurisdiction of JURISDICTIONS) addWatch({ kind: 'ELEMENT', elementSymbol, jurisdiction });
const CHAPTERS = ['2805', '2846', '8505', '7202', '8112'];
for (let i = 0; watches.length < WATCHES - setup.watches.length; i++) {
  const hsPrefix = `${CHAPTERS[i % CHAPTERS.length]}${String(Math.floor(i / CHAPTERS.length)).padStart(4, '0')}`;
  addWatch({ kind: 'HS_CODE', hsPrefix, jurisdiction: null, note: `bench watch ${i}` });
}
await db.watchlistItem.createMany({ data: watches.map((w) => ({ ...w, tenantId: exposureTenantId })) });
await app.get(ExposureService).backfill(undefined, exposureTenantId);
const supplier = await db.supplier.findFirst({ where: { tenantId } });
const buyer = await db.user.findFirst({ where: { tenantId, email: 'buyer@demo-magnets.example' } });
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
      // One alert in 50 is assigned to the buyer (the "assigned to me" filter), the rest to nobody.
      assigneeId: i % 50 === 7 ? buyer.id : null,
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

const signIn = async (email) => {
  const res = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  }).then((r) => r.json());
  return { Authorization: `Bearer ${res.accessToken}` };
};
const inboxBuyer = await signIn('buyer@demo-magnets.example');
const exposureBuyer = await signIn('buyer@bench-exposure.example');
const get = async (path, headers = inboxBuyer) => {
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

const alertQueries = [
  '',
  '&status=OPEN',
  '&severity=HIGH',
  '&element=Dy',
  // No alert names holmium: the worst case for reading newest first (the GIN index answers it).
  '&element=Ho',
  `&supplierId=${supplier?.id}`,
  '&assignee=me',
  '&assignee=none',
  '&element=Dy&status=OPEN',
];
if (process.argv.includes('--explain')) await explainAlertQueries();
const alertTimes = [];
const byQuery = {};
for (let r = 0; r < ROUNDS; r++) {
  const q = alertQueries[r % alertQueries.length];
  const label = q ? q.slice(1).replace(/=[0-9a-f-]{36}/, '') : 'none';
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

for (let i = 0; i < 3; i++) await get('/v1/exposure', exposureBuyer);
const exposure = await get('/v1/exposure', exposureBuyer);
const exposureTimes = [];
for (let r = 0; r < ROUNDS; r++) exposureTimes.push(await timed(() => get('/v1/exposure', exposureBuyer)));
const exposureAt100k = [];
for (let r = 0; r < 5; r++) exposureAt100k.push(await timed(() => get('/v1/exposure')));

/**
 * The plan PostgreSQL (PGlite) picks for the filtered first pages, on stderr: the WHERE clauses the alerts repository
 * builds (AlertsApiRepository.list), written out in SQL as Prisma sends them (with its JSONB_TYPEOF guard).
 */
async function explainAlertQueries() {
  const cases = {
    element: `"reasons" @> '[{"element":"Dy"}]'::jsonb AND JSONB_TYPEOF("reasons") = 'array'`,
    supplierId: `"reasons" @> '[{"subject":{"supplierId":"${supplier?.id}"}}]'::jsonb AND JSONB_TYPEOF("reasons") = 'array'`,
    'rare element': `"reasons" @> '[{"element":"Ho"}]'::jsonb AND JSONB_TYPEOF("reasons") = 'array'`,
    'assignee=me': `"assigneeId" = '${buyer.id}'`,
    'assignee=none': `"assigneeId" IS NULL`,
  };
  for (const [name, where] of Object.entries(cases)) {
    const plan = await db.$queryRawUnsafe(
      `EXPLAIN ANALYZE SELECT id FROM "Alert" WHERE "tenantId" = '${tenantId}' AND ${where} ORDER BY id DESC LIMIT 51`,
    );
    console.error(`-- ${name}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
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
    exposureTenant: {
      watches: exposure.counts.watches,
      alerts: exposure.counts.alerts,
      elements: exposure.byElement.length,
      measures: exposure.byMeasure.length,
    },
    exposureAt100kAlertsP95Ms: p95(exposureAt100k),
    initialJsGzipKb,
    goals: { alertsP95Ms: 150, exposureP95Ms: 150, initialJsGzipKb: 250 },
    cpus: cpus().length,
    load1: Math.round(loadavg()[0] * 10) / 10,
  }),
);
process.exit(0);

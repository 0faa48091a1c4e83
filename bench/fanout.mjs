// npm run bench -- fanout [tenants=10000] [buyersPerTenant=3] [timeoutSeconds=300] [--parts N] [--semiSpace 64] [--workers 0]
//   [--queue outbox|pgboss] [--root DIR]
// The fan-out benchmark of issue 11. Starts the production server (apps/api/dist/main.js, as `npm start` does) on a
// fresh PostgreSQL database (TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres) with a local
// SMTP sink, seeds `tenants` tenants with `buyersPerTenant` buyers each, every tenant watching dysprosium, then POSTs
// one No. 18-like policy change that matches them all. While it runs it polls GET /health every 20 ms and samples the
// server's resident memory every 100 ms. Prints one JSON line: postMs (the POST's answer time), postStatus,
// healthP99Ms / healthMaxMs (over the whole run), allAcceptedSeconds (POST sent -> last expected email accepted by the
// sink; null when the timeout came first), peakRssMb, expected, accepted, lost, duplicated (by Message-ID).
// `--parts N` gives every tenant N parts (issue 15, docs/parts.md): 3 in 5 contain Dy or Tb in an NdFeB magnet (reached
// by the event), the others Co or Ni (not reached); every third has an HS line; spend in EUR or USD; 5 products per
// tenant. The line then also reports `parts` (per tenant), `partsSeedMs` and `emailsWithImpact` (outbox rows whose
// payload carries the parts impact, read after the run). `fanoutJobSeconds`: how long the fan-out job took from its
// creation (in the ingestion transaction) to its last chunk of outbox rows (the parts impact is computed there).
// Compare a line with parts against one without (same size). `--semiSpace` sets the server's --max-semi-space-size (MB,
// 64 as in `npm start`). `--workers N` starts N more server processes on the same database with PROCESS_ROLE=worker
// (own ports, probes only; the API process stays `all`, as `npm start`): they take their share of the fan-out and the
// outbox through the shared claims on their outbox tick (every 10 s). Memory and CPU are reported per process: `peakRssMb` is the largest single process's peak,
// `rssPeaksMb` each process's peak (the API first), `peakRssSumMb` the largest sum of one sample; `cpuSeconds` each
// process's CPU time (user + system, /proc) from the POST to the last email, `benchCpuSeconds` this process's (the SMTP
// sink and the probes), the CPU a run needs whatever the machine's load; `machineBusySeconds` every core's busy time
// over that span (/proc/stat), PostgreSQL's included.
// `--queue` sets DELIVERY_QUEUE for every process: `pgboss` (default, as `npm start`: email, channels and the fan-out
// job on pg-boss jobs written with their rows, docs/delivery-engine.md) or `outbox` (the fallback: the outbox claims).
// The line reports it. `calibrationMs` [before, after]: how long this machine took, just before the servers started and
// just after they stopped, to build 1,000 alert-sized emails with nodemailer (bench/lib/calibrate.mjs): on a shared
// machine the same code's wall and CPU seconds move with it.
// Goals (issue 11): postMs <= 2000, healthP99Ms <= 200, allAcceptedSeconds <= 60, peakRssMb <= 600, lost 0, duplicated 0.
import { calibrationMs } from './lib/calibrate.mjs';
import { SERVER_NODE_FLAGS } from './lib/server-flags.mjs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startSmtpSink } from './lib/smtp-sink.mjs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pg = require('pg');

// `--root DIR`: run the build of another checkout (A/B comparisons with the same bench script).
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? process.argv[rootArg + 1] : join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PARTS = flag('parts', 0);
// The server's young generation (MB per semi-space), as `npm start` runs it (64) unless given.
const SEMI_SPACE = flag('semiSpace', 64);
const WORKERS = flag('workers', 0);
const queueArg = process.argv.indexOf('--queue');
const QUEUE = queueArg > 0 ? process.argv[queueArg + 1] : 'pgboss';
if (!['outbox', 'pgboss'].includes(QUEUE)) throw new Error(`--queue must be outbox or pgboss (got ${QUEUE})`);
// `--metrics 1`: the API runs with METRICS_ENABLED and its /metrics is read every 500 ms; the line then reports the
// memory at the API's RSS peak (`memoryAtPeakMb`: RSS, V8 heap used and committed, young generation, external).
const METRICS = flag('metrics', 0) > 0;
const positional = process.argv
  .slice(3)
  .filter((_, i, a) => !a[i].startsWith('--') && !(a[i - 1] ?? '').startsWith('--'));
const TENANTS = Number(positional[0] ?? 10_000);
const BUYERS = Number(positional[1] ?? 3);
const TIMEOUT_S = Number(positional[2] ?? 300);
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const INGEST_TOKEN = `bench-ingest-token-${randomBytes(8).toString('hex')}`;
const log = (m) => process.stderr.write(`[fanout] ${m}\n`);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// --- database
const dbName = `lodestone_fanout_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;

// --- SMTP sink: counts Message-IDs
const accepted = new Map(); // messageId -> count
let acceptedTotal = 0;
let lastAcceptedAt = 0;
const sink = await startSmtpSink({
  onAccepted: (messageId) => {
    const id = messageId ?? `?${acceptedTotal}`;
    accepted.set(id, (accepted.get(id) ?? 0) + 1);
    acceptedTotal++;
    lastAcceptedAt = Date.now();
  },
});

// The machine's speed before the run (bench/lib/calibrate.mjs); again after the servers stopped.
const calibrationBefore = await calibrationMs();

// --- the production server (and --workers more processes)
const serverEnv = (port) => ({
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: dbUrl.toString(),
  DB_MIGRATE_ON_BOOT: 'true',
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: 'https://lodestone.bench.example',
  LINK_SIGNING_SECRET: 'fanout-bench-link-signing-secret-0123456789',
  INGEST_API_TOKEN: INGEST_TOKEN,
  SMTP_URL: sink.url,
  SMTP_RATE_LIMIT: '0',
  LOG_LEVEL: 'error',
  DELIVERY_QUEUE: QUEUE,
});
const startServer = (port, extra = {}) =>
  spawn(
    process.execPath,
    [`--max-semi-space-size=${SEMI_SPACE}`, ...SERVER_NODE_FLAGS, join(root, 'apps/api/dist/main.js')],
    {
      env: { ...serverEnv(port), ...extra },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = startServer(port, METRICS ? { METRICS_ENABLED: 'true' } : {});
const serverExited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
async function waitHealthy(base, deadline) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}
await waitHealthy(base, Date.now() + 120_000);
// Workers start after the API migrated the database, one after the other.
const workers = [];
for (let i = 0; i < WORKERS; i++) {
  const wPort = await freePort();
  workers.push(startServer(wPort, { PROCESS_ROLE: 'worker' }));
  await waitHealthy(`http://127.0.0.1:${wPort}`, Date.now() + 120_000);
}
const processes = [server, ...workers];

// --- seed: tenants, buyers, one Dy watch each (set-based SQL: seconds, not the benchmark's subject)
const db = new pg.Client({ connectionString: dbUrl.toString() });
await db.connect();
const seedStarted = Date.now();
await db.query(
  `INSERT INTO "Tenant" (id, slug, name, status, "createdAt", "updatedAt")
   SELECT gen_random_uuid(), 'bench-' || i, 'Bench Magnetics ' || i, 'ACTIVE', now(), now() FROM generate_series(1, $1) i`,
  [TENANTS],
);
await db.query(
  `INSERT INTO "User" (id, "tenantId", email, name, role, "createdAt", "updatedAt")
   SELECT gen_random_uuid(), t.id, 'buyer' || b || '@' || t.slug || '.example', 'Buyer ' || b, 'BUYER', now(), now()
   FROM "Tenant" t CROSS JOIN generate_series(1, $1) b WHERE t.slug LIKE 'bench-%'`,
  [BUYERS],
);
await db.query(
  `INSERT INTO "WatchlistItem" (id, "tenantId", kind, "elementSymbol", "watchKey", "createdAt")
   SELECT gen_random_uuid(), t.id, 'ELEMENT', 'Dy', 'ELEMENT:Dy:', now() FROM "Tenant" t WHERE t.slug LIKE 'bench-%'`,
);
log(`seeded ${TENANTS} tenants x ${BUYERS} buyers in ${Date.now() - seedStarted} ms`);
let partsSeedMs = null;
if (PARTS > 0) {
  const partsStarted = Date.now();
  await db.query(
    `INSERT INTO "Product" (id, "tenantId", code, name, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), t.id, 'PRD-' || k, 'Product ' || k, now(), now()
     FROM "Tenant" t CROSS JOIN generate_series(1, 5) k WHERE t.slug LIKE 'bench-%'`,
  );
  await db.query(
    `INSERT INTO "Part" (id, "tenantId", "partNumber", description, "hsCode", "unitMass", "unitMassUnit",
       "annualQuantity", "quantityUnit", "annualSpend", currency, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), t.id, 'P-' || n, 'Bench part ' || n,
       CASE WHEN n % 3 = 0 THEN '8505111000' END, 12.5, 'G', 1000 + n, 'PCS', 1000.25 * n,
       CASE WHEN n % 2 = 0 THEN 'EUR' ELSE 'USD' END, now(), now()
     FROM "Tenant" t CROSS JOIN generate_series(1, $1) n WHERE t.slug LIKE 'bench-%'`,
    [PARTS],
  );
  await db.query(
    `INSERT INTO "PartMaterial" (id, "tenantId", "partId", "elementSymbol", "materialForm", "massFraction", position)
     SELECT gen_random_uuid(), p."tenantId", p.id,
       (ARRAY['Dy', 'Tb', 'Dy', 'Co', 'Ni'])[1 + substr(p."partNumber", 3)::int % 5],
       CASE WHEN substr(p."partNumber", 3)::int % 5 < 3 THEN 'NDFEB_MAGNET' END, 0.008, 0
     FROM "Part" p`,
  );
  await db.query(
    `INSERT INTO "PartProduct" ("tenantId", "partId", "productId", "quantityPerProduct")
     SELECT p."tenantId", p.id, pr.id, 2
     FROM "Part" p JOIN "Product" pr
       ON pr."tenantId" = p."tenantId" AND pr.code = 'PRD-' || (1 + substr(p."partNumber", 3)::int % 5)`,
  );
  await db.query('ANALYZE');
  partsSeedMs = Date.now() - partsStarted;
  log(`seeded ${PARTS} parts per tenant in ${partsSeedMs} ms`);
}
const expected = TENANTS * BUYERS;

// --- probes: /health every 20 ms, RSS every 100 ms
const healthMs = [];
let probing = true;
const healthLoop = (async () => {
  while (probing) {
    const t0 = performance.now();
    try {
      await fetch(`${base}/health`);
    } catch {}
    healthMs.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
const rssPeaksKb = processes.map(() => 0);
let peakRssSumKb = 0;
const rssKb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};
const rssTimer = setInterval(() => {
  let sum = 0;
  processes.forEach((p, i) => {
    const kb = rssKb(p.pid);
    rssPeaksKb[i] = Math.max(rssPeaksKb[i], kb);
    sum += kb;
  });
  peakRssSumKb = Math.max(peakRssSumKb, sum);
}, 100);
let memoryAtPeak = null;
const metricsLoop = (async () => {
  const mb = (text, re) => Math.round(Number(re.exec(text)?.[1] ?? Number.NaN) / 1048576);
  while (METRICS && probing) {
    try {
      const text = await (await fetch(`${base}/metrics`)).text();
      const sample = {
        rss: mb(text, /^lodestone_process_resident_memory_bytes (\S+)/m),
        heapUsed: mb(text, /^lodestone_nodejs_heap_size_used_bytes (\S+)/m),
        heapTotal: mb(text, /^lodestone_nodejs_heap_size_total_bytes (\S+)/m),
        newSpace: mb(text, /^lodestone_nodejs_heap_space_size_total_bytes\{space="new"\} (\S+)/m),
        oldSpaceUsed: mb(text, /^lodestone_nodejs_heap_space_size_used_bytes\{space="old"\} (\S+)/m),
        external: mb(text, /^lodestone_nodejs_external_memory_bytes (\S+)/m),
      };
      if (!memoryAtPeak || sample.rss > memoryAtPeak.rss) memoryAtPeak = sample;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
})();
// CPU seconds (utime + stime) of a process so far, from /proc/<pid>/stat (clock ticks of 1/100 s on Linux).
const cpuSeconds = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};
// The whole machine's busy CPU seconds (every core; /proc/stat: all but idle and iowait), to tell a run limited by
// the server's thread from one where the cores were full (PostgreSQL, the sink, GC threads, other work).
const machineBusySeconds = () => {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return Number.NaN;
  }
};
const cpuAtPost = processes.map((p) => cpuSeconds(p.pid));
const benchCpuAtPost = process.cpuUsage();
const machineBusyAtPost = machineBusySeconds();

// --- the event
const event = {
  source: 'bench',
  externalId: `fanout-${randomBytes(4).toString('hex')}`,
  jurisdiction: 'CN',
  issuer: 'MOFCOM/GAC',
  reference: 'MOFCOM/GAC Announcement 2025 No. 18',
  action: 'IMPOSED',
  title: 'Export licences required for seven medium and heavy rare earths (fan-out benchmark)',
  summary: 'Sm, Gd, Tb, Dy, Lu, Sc and Y items need a dual-use export licence.',
  effectiveDate: '2025-04-04',
  publishedAt: '2025-04-04T00:00:00Z',
  elements: ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y'],
  controlEntries: ['1C902', '1C904', '1C905'],
  hsCodes: ['2846901940'],
};
const posted = Date.now();
const t0 = performance.now();
let postStatus = 0;
let postBody = '';
let postText = '';
try {
  const res = await fetch(`${base}/v1/policy-changes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}` },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(TIMEOUT_S * 1000),
  });
  postStatus = res.status;
  postText = await res.text();
  postBody = postText.slice(0, 300);
} catch (error) {
  postBody = error.message;
}
const postMs = Math.round(performance.now() - t0);
log(`POST answered ${postStatus} in ${postMs} ms: ${postBody}`);

// --- wait for every email (or the timeout, or the server's death), reading the fan-out's progress every 500 ms
// (GET /v1/fanouts/:id, the `fanout.href` of the answer) as a client following it would
const deadline = posted + TIMEOUT_S * 1000;
let died = null;
void serverExited.then((e) => {
  died = e;
});
let href = null;
try {
  href = JSON.parse(postText).fanout?.href ?? null;
} catch {}
const progressMs = [];
let progressLast = null;
let nextProgress = 0;
while (accepted.size < expected && Date.now() < deadline && !died && postStatus < 300) {
  if (href && Date.now() >= nextProgress) {
    nextProgress = Date.now() + 500;
    const p0 = performance.now();
    try {
      const res = await fetch(`${base}${href}`, { headers: { authorization: `Bearer ${INGEST_TOKEN}` } });
      progressLast = await res.json();
      progressMs.push(performance.now() - p0);
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 100));
}
if (href) {
  try {
    const res = await fetch(`${base}${href}`, { headers: { authorization: `Bearer ${INGEST_TOKEN}` } });
    progressLast = await res.json();
  } catch {}
}
const allAccepted = accepted.size >= expected;
const cpuUsed = processes.map((p, i) => Math.round((cpuSeconds(p.pid) - cpuAtPost[i]) * 10) / 10);
const benchCpu = process.cpuUsage(benchCpuAtPost);
const machineBusy = Math.round((machineBusySeconds() - machineBusyAtPost) * 10) / 10;
probing = false;
await healthLoop;
await metricsLoop;
clearInterval(rssTimer);

for (const p of processes) p.kill('SIGTERM');
await Promise.race([serverExited, new Promise((r) => setTimeout(r, 15_000))]);
for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
const calibrationAfter = await calibrationMs();
// The fan-out job (docs/fanout.md): from its creation to the last chunk of outbox rows written.
const job = (
  await db.query(
    `SELECT extract(epoch FROM "finishedAt" - "createdAt") AS s FROM "FanoutJob" ORDER BY "createdAt" DESC LIMIT 1`,
  )
).rows[0];
const fanoutJobSeconds = job?.s == null ? null : Math.round(Number(job.s) * 10) / 10;
const emailsWithImpact =
  PARTS > 0
    ? Number((await db.query(`SELECT count(*) AS n FROM "EmailDelivery" WHERE payload ? 'impact'`)).rows[0].n)
    : 0;
await db.end();
await sink.close();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.end();

const sorted = [...healthMs].sort((a, b) => a - b);
const pct = (p) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]) : null;
const duplicated = [...accepted.values()].filter((n) => n > 1).length;
console.log(
  JSON.stringify({
    bench: 'fanout',
    tenants: TENANTS,
    buyersPerTenant: BUYERS,
    parts: PARTS,
    semiSpaceMb: SEMI_SPACE,
    workers: WORKERS,
    queue: QUEUE,
    partsSeedMs,
    emailsWithImpact,
    postStatus,
    postMs,
    healthSamples: sorted.length,
    healthP99Ms: pct(0.99),
    healthMaxMs: sorted.length ? Math.round(sorted[sorted.length - 1]) : null,
    fanoutJobSeconds,
    // GET /v1/fanouts/:id every 500 ms during the run: its answer time, and its last answer (after the last email).
    progressReads: progressMs.length,
    progressP50Ms: progressMs.length ? Math.round(progressMs.sort((a, b) => a - b)[progressMs.length >> 1]) : null,
    progressMaxMs: progressMs.length ? Math.round(progressMs[progressMs.length - 1]) : null,
    progressLast: progressLast && {
      status: progressLast.status,
      alertsExpanded: progressLast.alertsExpanded,
      emailsQueued: progressLast.emailsQueued,
      emails: progressLast.emails,
    },
    allAcceptedSeconds: allAccepted ? Math.round((lastAcceptedAt - posted) / 100) / 10 : null,
    peakRssMb: Math.round(Math.max(...rssPeaksKb) / 1024),
    rssPeaksMb: rssPeaksKb.map((kb) => Math.round(kb / 1024)),
    peakRssSumMb: Math.round(peakRssSumKb / 1024),
    cpuSeconds: cpuUsed,
    ...(METRICS ? { memoryAtPeakMb: memoryAtPeak } : {}),
    benchCpuSeconds: Math.round((benchCpu.user + benchCpu.system) / 1e5) / 10,
    // Every core's busy seconds over the same span (2 cores x allAcceptedSeconds would be a full machine).
    machineBusySeconds: machineBusy,
    expected,
    accepted: accepted.size,
    lost: expected - accepted.size,
    duplicated,
    serverDied: died,
    loadAvg1m: Math.round(loadavg()[0] * 100) / 100,
    calibrationMs: [calibrationBefore, calibrationAfter],
    goals: { postMs: 2000, healthP99Ms: 200, allAcceptedSeconds: 60, peakRssMb: 600, lost: 0, duplicated: 0 },
  }),
);
process.exit(0);

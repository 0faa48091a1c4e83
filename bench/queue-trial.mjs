// npm run bench -- queue-trial [libs=pgboss-b2,graphile (also pgboss = batches of 5, pgboss-b1)] [jobs=3000] [killAfter=800] [failEvery=10] [closeEvery=23]
//   [hangEvery=31] [concurrency=10]
// A trial of two PostgreSQL job queues for delivery (issue 11, docs/delivery-engine.md): pg-boss and graphile-worker,
// each on its own scratch database of the local PostgreSQL (TEST_POSTGRES_URL, default postgres@127.0.0.1:5432),
// under the same faults. Not a test and not run by CI. For each library:
// 1. atomicity: a transaction inserts a row of ours (`bench_alert`) and enqueues its job through the library's
//    transactional enqueue (graphile-worker: the `graphile_worker.add_job()` SQL function on our connection; pg-boss:
//    `insert(name, jobs, { db })` with `db.executeSql` running on our connection), then rolls back: no row, no job.
// 2. two worker processes (this file run as `worker <lib>`) deliver jobs by POST to a local HTTP receiver that
//    answers 500 to every `failEvery`-th request, closes every `closeEvery`-th connection and leaves every
//    `hangEvery`-th unanswered (the worker's deadline is 2 s); `jobs` jobs are enqueued in transactions of 500 that
//    also insert our rows, while the workers run; the first worker is killed with SIGKILL once the receiver accepted
//    `killAfter` deliveries.
// 3. counted at the receiver, by the delivery id header (`x-delivery-id`: our row's id, the Message-ID analogue):
//    lost (committed rows never accepted), duplicated (accepted more than once), resentSameId (ids offered more than
//    once), time until all delivered, attempts per id and the gaps between attempts (backoff), latency from commit to
//    first attempt, and PostgreSQL transactions per job (pg_stat_database.xact_commit of the scratch database; idle
//    transactions per second are measured before enqueueing).
// graphile-worker holds a dead worker's locks for 4 hours; when only such jobs are left (no accept for `stallSeconds`)
// the bench records them as `stuckAtDeadWorker` and calls `force_unlock_workers()` with the dead process's worker ids
// (what an operator or a supervisor would do), then continues.
// Prints one JSON line per library.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pg = require(require.resolve('pg', { paths: [join(root, 'apps/api')] }));
const QUEUE = 'deliver';
const TIMEOUT_MS = 2000;
const load1 = () => Math.round(loadavg()[0] * 10) / 10;
const phase = (m) =>
  process.env.QUEUE_TRIAL_VERBOSE === '1' && console.error(`[trial ${new Date().toISOString()}] ${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- worker process
if (process.argv[2] === 'worker') {
  const [, , , lib, dbUrl, concurrency] = process.argv;
  const deliver = async (data, attempt) => {
    const res = await fetch(data.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-delivery-id': data.deliveryId, 'x-attempt': String(attempt) },
      body: JSON.stringify(data),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  };
  if (lib === 'graphile') {
    const { run, Logger } = await import('graphile-worker');
    const logger = new Logger(() => (level, message) => {
      if (process.env.QUEUE_TRIAL_VERBOSE === '2' || level === 'error')
        console.error(`[graphile ${process.pid}] ${level} ${message}`);
    });
    const { EventEmitter } = await import('node:events');
    const events = new EventEmitter();
    // Jobs are locked by the pool's id (`locked_by`); the workers' own ids are sent too.
    events.on('pool:create', ({ workerPool }) => process.send?.({ workerId: workerPool.id }));
    events.on('worker:create', ({ worker }) => process.send?.({ workerId: worker.workerId }));
    const runner = await run({
      events,
      connectionString: dbUrl,
      concurrency: Number(concurrency),
      maxPoolSize: Number(concurrency) + 2,
      pollInterval: 1000,
      noHandleSignals: true,
      logger,
      taskList: { [QUEUE]: async (payload, helpers) => deliver(payload, helpers.job.attempts) },
    });
    process.send?.({ ready: true });
    process.on('SIGTERM', () => runner.stop().then(() => process.exit(0)));
  } else {
    const { PgBoss } = await import('pg-boss');
    const boss = new PgBoss({
      connectionString: dbUrl,
      max: Number(concurrency) + 2,
      superviseIntervalSeconds: 2,
      monitorIntervalSeconds: 2,
      schedule: false,
      migrate: false,
      useListenNotify: true,
    });
    boss.on('error', (e) => console.error(`[pgboss ${process.pid}] ${e.message}`));
    await boss.start();
    // batchSize 1 fetches once per polling interval per slot (no burst at batchSize 1; notify wakes each slot once):
    // batches of 5 settled per job, fetched back to back while full.
    // `pgboss-b<k>`: batches of k (`pgboss`: 5) in concurrency / k slots; `pgboss-b1`: one job per fetch in
    // `concurrency` slots, fetching back to back while the queue's cached ready count (refreshed by the monitor, every
    // 2 s here) is above 1.
    const batchSize = /^pgboss-b\d+$/.test(lib) ? Number(lib.slice(8)) : 5;
    await boss.work(
      QUEUE,
      {
        batchSize,
        localConcurrency: Math.max(1, Math.round(Number(concurrency) / batchSize)),
        perJobResults: true,
        ...(batchSize === 1 ? { burstWhenReadyExceeds: 1 } : { burstWhenBatchFull: true }),
        pollingIntervalSeconds: 0.5,
        notifyPollingIntervalSeconds: 1,
      },
      async (jobs) => {
        const settled = await Promise.allSettled(jobs.map((job) => deliver(job.data, job.retryCount + 1)));
        return jobs.map((job, i) => ({
          id: job.id,
          status: settled[i].status === 'fulfilled' ? 'completed' : 'failed',
          output: settled[i].status === 'fulfilled' ? undefined : { message: String(settled[i].reason?.message) },
        }));
      },
    );
    process.send?.({ ready: true });
    process.on('SIGTERM', () => boss.stop({ graceful: true }).then(() => process.exit(0)));
  }
} else {
  await main();
}

async function main() {
  const arg = (i, d) => process.argv[3 + i] ?? d;
  const LIBS = String(arg(0, 'pgboss-b2,graphile')).split(',');
  const JOBS = Number(arg(1, 3000));
  const KILL_AFTER = Number(arg(2, 800));
  const FAIL_EVERY = Number(arg(3, 10));
  const CLOSE_EVERY = Number(arg(4, 23));
  const HANG_EVERY = Number(arg(5, 31));
  const CONCURRENCY = Number(arg(6, 10));
  const STALL_SECONDS = 5;
  const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  for (const lib of LIBS) {
    const line = await trial(lib, {
      adminUrl,
      JOBS,
      KILL_AFTER,
      FAIL_EVERY,
      CLOSE_EVERY,
      HANG_EVERY,
      CONCURRENCY,
      STALL_SECONDS,
    });
    console.log(JSON.stringify(line));
  }
}

async function trial(lib, o) {
  const started = Date.now();
  const loadBefore = load1();
  const dbName = `lodestone_queuetrial_${lib.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: o.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(o.adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  await db.query('CREATE TABLE bench_alert (id uuid PRIMARY KEY, batch int NOT NULL)');

  // ---- receiver
  const offered = new Map(); // deliveryId -> attempt times (ms)
  const accepted = new Map(); // deliveryId -> times accepted
  const injected = { refused: 0, closed: 0, hung: 0 };
  const attemptHeaders = new Map(); // deliveryId -> x-attempt values seen
  let requests = 0;
  let acceptedTotal = 0;
  let lastAcceptAt = Date.now();
  let onAccept = () => {};
  const hung = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const n = ++requests;
      const id = req.headers['x-delivery-id'];
      const at = Date.now();
      if (!offered.has(id)) offered.set(id, []);
      offered.get(id).push(at);
      if (!attemptHeaders.has(id)) attemptHeaders.set(id, []);
      attemptHeaders.get(id).push(Number(req.headers['x-attempt']));
      if (n % o.FAIL_EVERY === 0) {
        injected.refused++;
        return res.writeHead(500).end('busy');
      }
      if (n % o.CLOSE_EVERY === 0) {
        injected.closed++;
        return req.socket.destroy();
      }
      if (n % o.HANG_EVERY === 0) {
        injected.hung++;
        hung.push(setTimeout(() => req.socket.destroy(), TIMEOUT_MS * 2));
        return;
      }
      accepted.set(id, (accepted.get(id) ?? 0) + 1);
      acceptedTotal++;
      lastAcceptAt = at;
      res.writeHead(200).end('ok');
      onAccept(acceptedTotal);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/hook`;

  // ---- schema and the transactional enqueue of each library
  let boss = null;
  let enqueue; // (client, rows: {deliveryId, batch}[]) => Promise<void>, inside the caller's transaction
  let countJobs; // () => Promise<number>
  const schemaStarted = Date.now();
  if (lib === 'graphile') {
    const { runMigrations } = await import('graphile-worker');
    await runMigrations({ connectionString: dbUrl.toString(), logger: undefined });
    enqueue = async (client, rows) => {
      // One statement: add_job per row (the documented SQL API), in our transaction.
      await client.query(
        `SELECT graphile_worker.add_job('${QUEUE}', json_build_object('deliveryId', r.id, 'batch', r.batch, 'url', $3::text),
                max_attempts := 25, job_key := 'delivery:' || r.id)
         FROM unnest($1::uuid[], $2::int[]) AS r(id, batch)`,
        [rows.map((r) => r.deliveryId), rows.map((r) => r.batch), url],
      );
    };
    countJobs = async () => Number((await db.query('SELECT count(*) FROM graphile_worker.jobs')).rows[0].count);
  } else {
    const { PgBoss } = await import('pg-boss');
    boss = new PgBoss({ connectionString: dbUrl.toString(), supervise: false, schedule: false, max: 3 });
    boss.on('error', (e) => console.error(`[pgboss producer] ${e.message}`));
    await boss.start();
    await boss.createQueue(QUEUE, {
      retryLimit: 25,
      retryDelay: 1,
      retryBackoff: true,
      retryDelayMax: 30,
      expireInSeconds: 6,
      notify: true,
    });
    enqueue = async (client, rows) => {
      const tx = { executeSql: (text, values) => client.query(text, values) };
      await boss.insert(
        QUEUE,
        rows.map((r) => ({ data: { deliveryId: r.deliveryId, batch: r.batch, url }, singletonKey: r.deliveryId })),
        { db: tx },
      );
    };
    countJobs = async () => Number((await db.query('SELECT count(*) FROM pgboss.job')).rows[0].count);
  }
  const schemaMs = Date.now() - schemaStarted;

  phase('schema ready');
  // ---- 1. atomicity: rolled back and committed
  const rbId = randomUUID();
  await db.query('BEGIN');
  await db.query('INSERT INTO bench_alert (id, batch) VALUES ($1, -1)', [rbId]);
  await enqueue(db, [{ deliveryId: rbId, batch: -1 }]);
  const jobsInsideTx = await countJobs();
  await db.query('ROLLBACK');
  const atomicity = {
    jobsSeenInsideTx: jobsInsideTx,
    jobsAfterRollback: await countJobs(),
    rowsAfterRollback: Number((await db.query('SELECT count(*) FROM bench_alert')).rows[0].count),
  };

  phase('atomicity done');
  // ---- 2. workers
  const workers = [];
  const startWorker = () =>
    new Promise((resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), ['worker', lib, dbUrl.toString(), String(o.CONCURRENCY)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const w = { child, workerIds: [], exit: null };
      child.on('message', (m) => {
        if (m.workerId) w.workerIds.push(m.workerId);
        if (m.ready) resolve(w);
      });
      child.on('exit', (code, signal) => {
        w.exit = { code, signal };
        reject(new Error(`worker exited before ready: ${code} ${signal}`));
      });
      workers.push(w);
    });
  await Promise.all([startWorker(), startWorker()]);

  const dbStats = async () => {
    const r = await admin.query(
      'SELECT xact_commit::bigint AS c, xact_rollback::bigint AS r, tup_inserted + tup_updated + tup_deleted AS w FROM pg_stat_database WHERE datname = $1',
      [dbName],
    );
    return { xacts: Number(r.rows[0].c) + Number(r.rows[0].r), writes: Number(r.rows[0].w) };
  };
  phase('workers ready');
  await sleep(1500);
  const idle0 = await dbStats();
  await sleep(5000);
  await sleep(600); // stats flush (PostgreSQL 15 reports at most once a second per backend)
  const idle1 = await dbStats();
  const idleXactsPerSecond = Math.round(((idle1.xacts - idle0.xacts) / 5.6) * 10) / 10;

  phase('idle measured');
  // ---- kill the first worker after killAfter accepted deliveries
  let killedAt = null;
  let acceptedAtKill = null;
  const dead = workers[0];
  onAccept = (n) => {
    if (killedAt === null && n >= o.KILL_AFTER) {
      killedAt = Date.now();
      dead.child.kill('SIGKILL');
      dead.child.once('exit', () => {
        acceptedAtKill = acceptedTotal;
      });
    }
  };

  // ---- enqueue while the workers run: transactions of 500 rows + jobs
  const commitAt = new Map(); // batch -> commit time
  const committed = [];
  const run0 = await dbStats();
  const enqueueStarted = Date.now();
  const BATCH = 500;
  for (let b = 0; b * BATCH < o.JOBS; b++) {
    const rows = Array.from({ length: Math.min(BATCH, o.JOBS - b * BATCH) }, () => ({
      deliveryId: randomUUID(),
      batch: b,
    }));
    await db.query('BEGIN');
    await db.query('INSERT INTO bench_alert (id, batch) SELECT unnest($1::uuid[]), $2', [
      rows.map((r) => r.deliveryId),
      b,
    ]);
    await enqueue(db, rows);
    await db.query('COMMIT');
    commitAt.set(b, Date.now());
    committed.push(...rows);
  }
  phase('enqueued');
  const enqueueMs = Date.now() - enqueueStarted;
  const committedRows = Number((await db.query('SELECT count(*) FROM bench_alert')).rows[0].count);

  // ---- wait until all delivered (graphile: unlock the dead worker's jobs once nothing else moves)
  const deadline = Date.now() + 600_000;
  let stuckAtDeadWorker = null;
  let forceUnlockAt = null;
  const missing = () => committed.filter((r) => !accepted.has(r.deliveryId)).length;
  while (missing() > 0 && Date.now() < deadline) {
    await sleep(250);
    if (lib === 'graphile' && acceptedAtKill !== null && forceUnlockAt === null) {
      // Only jobs locked by the dead process left: graphile-worker would release them after 4 hours.
      const r = await db.query(
        `SELECT count(*) FILTER (WHERE locked_by = ANY($1::text[])) AS stuck,
                count(*) FILTER (WHERE locked_by IS NULL OR NOT locked_by = ANY($1::text[])) AS other
         FROM graphile_worker._private_jobs`,
        [dead.workerIds],
      );
      const stuck = Number(r.rows[0].stuck);
      if (stuck > 0 && Number(r.rows[0].other) === 0 && Date.now() - lastAcceptAt > o.STALL_SECONDS * 1000) {
        stuckAtDeadWorker = stuck;
        forceUnlockAt = Date.now();
        await db.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead.workerIds]);
      }
    }
  }
  const allDeliveredAt = missing() === 0 ? Date.now() : null;
  await sleep(1500); // late duplicates and the stats flush
  const run1 = await dbStats();

  phase('delivered or deadline');
  // ---- 3. counts
  const lost = missing();
  let duplicated = 0;
  let resentSameId = 0;
  let maxAttempts = 0;
  const gaps = [];
  const firstLatency = [];
  const committedIds = new Set(committed.map((r) => r.deliveryId));
  let unknownIds = 0;
  for (const [id, times] of offered) {
    if (!committedIds.has(id)) unknownIds++;
    if (times.length > 1) resentSameId++;
    maxAttempts = Math.max(maxAttempts, times.length);
    for (let i = 1; i < times.length; i++) gaps.push(times[i] - times[i - 1]);
  }
  for (const n of accepted.values()) if (n > 1) duplicated++;
  for (const r of committed) {
    const t = offered.get(r.deliveryId);
    if (t) firstLatency.push(t[0] - commitAt.get(r.batch));
  }
  const pct = (a, p) => {
    if (a.length === 0) return null;
    const s = [...a].sort((x, y) => x - y);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  };
  const retriedIds = [...offered.values()].filter((t) => t.length > 1).length;

  // the surviving worker stops gracefully
  const survivor = workers[1];
  const survivorExit = new Promise((r) => survivor.child.once('exit', (code, signal) => r({ code, signal })));
  survivor.child.kill('SIGTERM');
  const survivorExited = await Promise.race([survivorExit, sleep(15000).then(() => 'timeout')]);
  if (survivorExited === 'timeout') survivor.child.kill('SIGKILL');
  for (const h of hung) clearTimeout(h);
  server.closeAllConnections?.();
  server.close();
  if (boss) await boss.stop({ graceful: false });
  await db.end();
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();

  const round = (x) => (x === null ? null : Math.round(x));
  return {
    bench: 'queue-trial',
    lib,
    version: JSON.parse(
      readFileSync(
        join(root, 'node_modules', lib === 'graphile' ? 'graphile-worker' : 'pg-boss', 'package.json'),
        'utf8',
      ),
    ).version,
    jobs: o.JOBS,
    committedRows,
    workers: 2,
    concurrencyPerWorker: o.CONCURRENCY,
    atomicity,
    schemaMs,
    enqueueMs,
    killAfter: o.KILL_AFTER,
    killed: { signal: 'SIGKILL', acceptedAtKill, killedAfterMs: killedAt === null ? null : killedAt - enqueueStarted },
    lost,
    duplicated,
    resentSameId,
    unknownIds,
    retriedIds,
    maxOffersPerId: maxAttempts,
    retryGapMs: { p50: pct(gaps, 50), p90: pct(gaps, 90), max: pct(gaps, 100) },
    firstAttemptLatencyMs: { p50: pct(firstLatency, 50), p95: pct(firstLatency, 95), max: pct(firstLatency, 100) },
    allDeliveredSeconds: allDeliveredAt === null ? null : (allDeliveredAt - enqueueStarted) / 1000,
    stuckAtDeadWorker,
    forceUnlockAfterSeconds: forceUnlockAt === null ? null : (forceUnlockAt - enqueueStarted) / 1000,
    requests,
    injected,
    postgres: {
      idleXactsPerSecond,
      xactsPerJob: Math.round(((run1.xacts - run0.xacts) / o.JOBS) * 100) / 100,
      rowWritesPerJob: Math.round(((run1.writes - run0.writes) / o.JOBS) * 100) / 100,
    },
    survivorExit: survivorExited,
    machine: { cpus: cpus().length, loadAvg1mBefore: loadBefore, loadAvg1mAfter: load1() },
    seconds: round((Date.now() - started) / 1000),
  };
}

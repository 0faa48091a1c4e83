// npm run bench -- webhook-fault [tenants] [failFirst] [closeEvery] [killAfter] [--queue pgboss|outbox]
// Signed webhooks under faults, on PostgreSQL: N tenants each with one webhook endpoint at a local receiver that
// verifies every request with the standardwebhooks library; one event matching all of them is ingested (the outbox
// rows are written in its transaction); two channel workers (separate instances, as two processes would be) drain the
// outbox at once. The receiver answers 500 to the first `failFirst` requests and closes the connection on every
// `closeEvery`-th. Prints one JSON line: ingestMs, allDeliveredSeconds, lost, duplicated (distinct webhook-ids accepted
// more than once), retries that kept their webhook-id, bad signatures. With killAfter > 0 the outbox is drained by
// worker processes instead (apps/api/dist/cli/deliver-channels.js): the first is killed with SIGKILL right after the
// receiver accepted request number killAfter (inside the accept-to-commit window), then a second one finishes; the
// duplicates inside that window are counted apart. Needs PostgreSQL (TEST_POSTGRES_URL).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase, dist, ingestDyEvents, seedTenants, setBenchEnv } from './lib/fault-seed.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { Webhook } = require(
  require.resolve('standardwebhooks', { paths: [join(dirname(fileURLToPath(import.meta.url)), '../apps/api')] }),
);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--queue outbox|pgboss` anywhere after the bench's name sets DELIVERY_QUEUE (default: the product's, pgboss; or the
// environment's DELIVERY_QUEUE); the other arguments are positional.
const queueAt = process.argv.indexOf('--queue');
if (queueAt > 2) {
  process.env.DELIVERY_QUEUE = process.argv[queueAt + 1];
  process.argv.splice(queueAt, 2);
}
process.env.DELIVERY_QUEUE ||= 'pgboss';
const TENANTS = Number(process.argv[3] ?? 300);
const FAIL_FIRST = Number(process.argv[4] ?? 50);
const CLOSE_EVERY = Number(process.argv[5] ?? 37);
const KILL_AFTER = Number(process.argv[6] ?? 0);
const started = Date.now();

const database = await createBenchDatabase('lodestone_hookfault');

// --- the receiver
const secrets = new Map(); // path -> secret
const accepted = new Map(); // webhook-id -> times accepted (2xx)
const seenIds = new Map(); // webhook-id -> requests (any answer)
let requests = 0;
let badSignatures = 0;
let acceptedCount = 0;
let onAccepted = () => {};
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const n = ++requests;
    const id = req.headers['webhook-id'];
    seenIds.set(id, (seenIds.get(id) ?? 0) + 1);
    if (n <= FAIL_FIRST) return res.writeHead(500).end('busy');
    if (n % CLOSE_EVERY === 0) return req.socket.destroy();
    try {
      new Webhook(secrets.get(req.url)).verify(Buffer.concat(chunks).toString('utf8'), req.headers);
    } catch {
      badSignatures++;
      return res.writeHead(401).end('bad signature');
    }
    accepted.set(id, (accepted.get(id) ?? 0) + 1);
    res.writeHead(204).end();
    onAccepted(++acceptedCount);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

setBenchEnv(database.url, {
  CHANNEL_RETRY_BASE_SECONDS: '1',
  CHANNEL_HTTP_TIMEOUT_SECONDS: '5',
  OUTBOX_CLAIM_TIMEOUT_SECONDS: '3',
});
const { createContext } = await import(dist('bootstrap.js'));
const { ChannelWorker } = await import(dist('modules/channels/channel-worker.js'));
const { ChannelsRepository } = await import(dist('modules/channels/channels.repository.js'));
const { ACK_LINK_SIGNER } = await import(dist('modules/channels/ack-links.js'));
const { CHANNEL_HTTP_CLIENT } = await import(dist('modules/channels/http-client.js'));
const { MetricsService } = await import(dist('modules/metrics/metrics.service.js'));
const { APP_CONFIG } = await import(dist('config/app-config.js'));
const { CLOCK } = await import(dist('common/clock.js'));
const { DELIVERY_QUEUE } = await import(dist('outbox/delivery-queue.js'));

const app = await createContext();
for (const [path, secret] of await seedTenants(app, {
  count: TENANTS,
  slug: (i) => `hook-${i}`,
  endpoints: (i) => [{ name: 'bench', url: `${base}/h/${i}` }],
}))
  secrets.set(path, secret);
const { alerts, ingestMs } = await ingestDyEvents(app, 1);

const workers = [
  app.get(ChannelWorker),
  new ChannelWorker(
    app.get(ChannelsRepository),
    app.get(CHANNEL_HTTP_CLIENT),
    app.get(ACK_LINK_SIGNER),
    app.get(CLOCK),
    app.get(APP_CONFIG),
    app.get(MetricsService),
    app.get(DELIVERY_QUEUE),
  ),
];
const db = new pg.Client({ connectionString: database.url });
await db.connect();
const open = async () =>
  Number(
    (await db.query(`SELECT count(*) FROM "ChannelDelivery" WHERE status IN ('PENDING','SENDING')`)).rows[0].count,
  );
const deliverStarted = Date.now();
const shares = [0, 0];
let kill = null;
if (KILL_AFTER > 0) {
  // Two worker processes one after the other: the first is killed inside the accept-to-commit window.
  const cli = join(root, 'apps/api/dist/cli/deliver-channels.js');
  const run = () => {
    const child = spawn(process.execPath, [cli, '--until-empty'], {
      env: process.env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return { child, done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
  };
  const first = run();
  const killed = new Promise((resolve) => {
    onAccepted = (n) => {
      if (n === KILL_AFTER && !kill) {
        first.child.kill('SIGKILL');
        kill = { acceptedIds: new Set(accepted.keys()) };
        resolve();
      }
    };
  });
  await Promise.race([killed, first.done]);
  const exit1 = await first.done;
  onAccepted = () => {};
  const atKill = (await db.query(`SELECT "messageId", status FROM "ChannelDelivery"`)).rows;
  kill.signal = exit1.signal;
  kill.rowsSendingAtKill = atKill.filter((r) => r.status === 'SENDING').length;
  kill.inWindow = new Set(
    atKill.filter((r) => r.status === 'SENDING' && kill.acceptedIds.has(r.messageId)).map((r) => r.messageId),
  );
  const second = await run().done;
  kill.secondExitCode = second.code;
} else {
  while ((await open()) > 0 && Date.now() - deliverStarted < 300_000) {
    const reports = await Promise.all(workers.map((w) => w.drain()));
    for (const [i, r] of reports.entries()) shares[i] += r.sent;
    if (reports.every((r) => r.sent + r.retried + r.failed === 0)) await new Promise((r) => setTimeout(r, 200));
  }
}
const allDeliveredSeconds = (Date.now() - deliverStarted) / 1000;
const rows = (await db.query(`SELECT "messageId", status, attempts FROM "ChannelDelivery"`)).rows;
await db.end();
await app.close();
await new Promise((resolve) => server.close(resolve));
await database.drop();

const retriedIds = [...seenIds].filter(([, n]) => n > 1).map(([id]) => id);
console.log(
  JSON.stringify({
    bench: 'webhook-fault',
    queue: process.env.DELIVERY_QUEUE,
    tenants: TENANTS,
    alerts,
    rows: rows.length,
    ingestMs,
    requests,
    injected500: Math.min(FAIL_FIRST, requests),
    injectedClosed: Math.floor(Math.max(0, requests - FAIL_FIRST) / CLOSE_EVERY),
    allDeliveredSeconds,
    workerShares: KILL_AFTER > 0 ? 'processes' : shares,
    sent: rows.filter((r) => r.status === 'SENT').length,
    failed: rows.filter((r) => r.status === 'FAILED').length,
    lost: rows.filter((r) => !accepted.has(r.messageId)).length,
    duplicated: [...accepted.values()].filter((n) => n > 1).length,
    ...(kill
      ? {
          killed: {
            signal: kill.signal,
            afterAccepted: KILL_AFTER,
            rowsSendingAtKill: kill.rowsSendingAtKill,
            secondWorkerExitCode: kill.secondExitCode,
          },
          duplicatedInsideWindow: [...accepted].filter(([id, n]) => n > 1 && kill.inWindow.has(id)).length,
          duplicatedOutsideWindow: [...accepted].filter(([id, n]) => n > 1 && !kill.inWindow.has(id)).length,
        }
      : {}),
    retriedWithSameWebhookId: retriedIds.length,
    unknownWebhookIds: [...seenIds.keys()].filter((id) => !rows.some((r) => r.messageId === id)).length,
    badSignatures,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }),
);

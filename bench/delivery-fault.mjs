// npm run bench -- delivery-fault [tenants=100] [events=3] [failFirst=20] [closeEvery=23] [hangEvery=31] [killAfter=40]
//   [--queue outbox|pgboss]
// Delivery under faults over every channel, on PostgreSQL. N tenants each with one buyer (email), one signed webhook,
// one Slack and one Teams endpoint at local receivers; `events` events matching all of them are ingested (email and
// channel outbox rows written in their transactions; with events > 1 the buyer's alerts go as one email burst and the
// Slack and Teams ones as chat bursts). Faults:
// - SMTP sink: the first `failFirst` messages answered 421, every 7th 421 too, every 11th connection closed after the
//   data without an answer;
// - HTTP receivers (per kind: webhook verifying with standardwebhooks, Slack- and Teams-shaped ones answering 400
//   unless the payload has their shape): the first `failFirst` requests 500, every `closeEvery`-th connection closed,
//   every `hangEvery`-th left without an answer (longer than CHANNEL_HTTP_TIMEOUT_SECONDS=2);
// - workers are processes (apps/api/dist/cli/deliver.js and deliver-channels.js, both at once): each is killed with
//   SIGKILL right after its receivers accepted `killAfter` messages, and a second one of each finishes.
// Prints one JSON line: per channel (email, webhook, slack, teams) and overall, `sent` (rows SENT), `lost` (rows whose
// alert never reached its receiver), `duplicated` (rows accepted more than once; `duplicatedInsideKillWindow` of them
// were SENDING at the kill with their message already accepted), `resentSameId` (message ids offered more than once:
// retries and resends that kept their id) and `unknownIds` (ids offered that belong to no row: a resend with a new id).
// Ids: email Message-ID, webhook `webhook-id`, Slack/Teams `x-lodestone-delivery`; delivery of a row is read from the
// alert ids in the message (a burst lists several). `email-fault` and `webhook-fault` remain as they were.
// `--queue outbox|pgboss` (or DELIVERY_QUEUE in the environment) sets DELIVERY_QUEUE for the seeding app and the
// workers: `pgboss` by default (as `npm start`: every channel taken from the pg-boss job queue, docs/delivery-engine.md),
// `outbox` for the fallback's claims; the JSON line names the queue.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase, dist, ingestDyEvents, seedTenants, setBenchEnv } from './lib/fault-seed.mjs';
import { startSmtpSink } from './lib/smtp-sink.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { Webhook } = require(require.resolve('standardwebhooks', { paths: [join(root, 'apps/api')] }));

// `--queue <kind>` anywhere after the bench's name sets DELIVERY_QUEUE; the other arguments are positional.
const queueAt = process.argv.indexOf('--queue');
if (queueAt > 2) {
  process.env.DELIVERY_QUEUE = process.argv[queueAt + 1];
  process.argv.splice(queueAt, 2);
}
// The product's default (`npm start`) unless set: pgboss.
const QUEUE = process.env.DELIVERY_QUEUE || 'pgboss';
process.env.DELIVERY_QUEUE = QUEUE;
const arg = (i, d) => Number(process.argv[3 + i] ?? d);
const TENANTS = arg(0, 100);
const EVENTS = arg(1, 3);
const FAIL_FIRST = arg(2, 20);
const CLOSE_EVERY = arg(3, 23);
const HANG_EVERY = arg(4, 31);
const KILL_AFTER = arg(5, 40);
const started = Date.now();
const loadBefore = Math.round(loadavg()[0] * 10) / 10;

const database = await createBenchDatabase('lodestone_deliveryfault');

// --- what each receiver saw, per channel
const CHANNELS = ['email', 'webhook', 'slack', 'teams'];
const seen = Object.fromEntries(CHANNELS.map((c) => [c, new Map()])); // id -> times offered
const delivered = Object.fromEntries(CHANNELS.map((c) => [c, new Map()])); // row key -> times accepted
const acceptedIds = Object.fromEntries(CHANNELS.map((c) => [c, new Set()]));
const injected = Object.fromEntries(CHANNELS.map((c) => [c, { refused: 0, closed: 0, hung: 0 }]));
let badSignatures = 0;
let badShapes = 0;
const acceptedCount = { email: 0, channel: 0 };
const onAccepted = { email: () => {}, channel: () => {} };
const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
const alertIdsIn = (text) => new Set([...text.matchAll(/alerts\?alert=([0-9a-f-]{36})/g)].map((m) => m[1]));

// SMTP: an email row is delivered when its Message-ID was accepted (a burst's rows share the message's id).
const emailAcceptLog = [];
const smtp = await startSmtpSink({
  refuse: (n) => {
    const r = n <= FAIL_FIRST || n % 7 === 0;
    if (r) injected.email.refused++;
    return r;
  },
  drop: (n) => {
    const d = n > FAIL_FIRST && n % 11 === 0 && n % 7 !== 0;
    if (d) injected.email.closed++;
    return d;
  },
  onOffered: (messageId) => bump(seen.email, messageId),
  onAccepted: (messageId) => {
    emailAcceptLog.push(messageId);
    acceptedIds.email.add(messageId);
    acceptedCount.email++;
    onAccepted.email(acceptedCount.email);
  },
});

const counters = { webhook: 0, slack: 0, teams: 0 };
const secrets = new Map(); // path -> webhook secret
const hung = [];
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const kind = req.url.startsWith('/w/') ? 'webhook' : req.url.startsWith('/s/') ? 'slack' : 'teams';
    const n = ++counters[kind];
    const id = kind === 'webhook' ? req.headers['webhook-id'] : req.headers['x-lodestone-delivery'];
    bump(seen[kind], id);
    if (n <= FAIL_FIRST) {
      injected[kind].refused++;
      return res.writeHead(500).end('busy');
    }
    if (n % CLOSE_EVERY === 0) {
      injected[kind].closed++;
      return req.socket.destroy();
    }
    if (n % HANG_EVERY === 0) {
      injected[kind].hung++;
      hung.push(setTimeout(() => req.socket.destroy(), 5000));
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    if (kind === 'webhook') {
      try {
        new Webhook(secrets.get(req.url)).verify(body, req.headers);
      } catch {
        badSignatures++;
        return res.writeHead(401).end('bad signature');
      }
    } else {
      const json = JSON.parse(body);
      const ok =
        kind === 'slack'
          ? typeof json.text === 'string' && Array.isArray(json.blocks)
          : json.type === 'message' && json.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive';
      if (!ok) {
        badShapes++;
        return res.writeHead(400).end(`not a ${kind} payload`);
      }
    }
    acceptedIds[kind].add(id);
    for (const alertId of alertIdsIn(body)) bump(delivered[kind], `${req.url}|${alertId}`);
    res.writeHead(kind === 'teams' ? 202 : 200).end('ok');
    onAccepted.channel(++acceptedCount.channel);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

setBenchEnv(database.url, {
  SMTP_URL: smtp.url,
  SMTP_RATE_LIMIT: '0',
  OUTBOX_RETRY_BASE_SECONDS: '1',
  CHANNEL_RETRY_BASE_SECONDS: '1',
  CHANNEL_HTTP_TIMEOUT_SECONDS: '2',
  OUTBOX_CLAIM_TIMEOUT_SECONDS: '4',
  EMAIL_BURST_WINDOW_SECONDS: '3',
  CHANNEL_BURST_WINDOW_SECONDS: '3',
});
const { createContext } = await import(dist('bootstrap.js'));

const app = await createContext();
for (const [path, secret] of await seedTenants(app, {
  count: TENANTS,
  slug: (i) => `fault-${i}`,
  buyer: (i) => ({ email: `buyer${i}@fault-${i}.example`, name: `Buyer ${i}` }),
  endpoints: (i) => [
    { name: 'erp', url: `${base}/w/${i}` },
    { kind: 'SLACK', name: 'slack', url: `${base}/s/${i}` },
    { kind: 'TEAMS', name: 'teams', url: `${base}/t/${i}` },
  ],
}))
  secrets.set(path, secret);
const { alerts, ingestMs } = await ingestDyEvents(app, EVENTS);
await app.close();

const db = new pg.Client({ connectionString: database.url });
await db.connect();
const emailRows = async () =>
  (await db.query(`SELECT id, "messageId", "alertId", recipient, status FROM "EmailDelivery"`)).rows;
const channelRows = async () =>
  (
    await db.query(
      `SELECT d.id, d."messageId", d."alertId", d.status, e.kind, e.url FROM "ChannelDelivery" d
       JOIN "ChannelEndpoint" e ON e.id = d."endpointId"`,
    )
  ).rows;

// --- workers: one email and one channel process at once, each killed after `killAfter` accepted, then a second each
function run(cli) {
  const child = spawn(process.execPath, [join(root, 'apps/api/dist/cli', cli), '--until-empty'], {
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
}
const deliverStarted = Date.now();
const kills = {};
async function killedRun(kind, cli, rowsOf, idOf) {
  const first = run(cli);
  const killed = new Promise((resolve) => {
    onAccepted[kind] = (n) => {
      if (n === KILL_AFTER && !kills[kind]) {
        first.child.kill('SIGKILL');
        kills[kind] = {};
        resolve();
      }
    };
  });
  await Promise.race([killed, first.done]);
  const exit1 = await first.done;
  onAccepted[kind] = () => {};
  // What the receivers accepted up to the worker's death (messages already on the wire when the kill was sent count):
  // a row SENDING at the kill whose message was accepted is inside the accept-to-commit window.
  const acceptedAtKill = new Set(
    kind === 'email' ? acceptedIds.email : CHANNELS.slice(1).flatMap((c) => [...delivered[c].keys()]),
  );
  const atKill = await rowsOf();
  kills[kind] ??= {};
  const k = kills[kind];
  k.signal = exit1.signal;
  k.rowsSendingAtKill = atKill.filter((r) => r.status === 'SENDING').length;
  k.inWindow = new Set(atKill.filter((r) => r.status === 'SENDING' && acceptedAtKill.has(idOf(r))).map((r) => r.id));
  k.secondExitCode = (await run(cli).done).code;
}
await Promise.all([
  killedRun('email', 'deliver.js', emailRows, (r) => r.messageId),
  killedRun('channel', 'deliver-channels.js', channelRows, (r) => `${new URL(r.url).pathname}|${r.alertId}`),
]);
const allDeliveredSeconds = (Date.now() - deliverStarted) / 1000;

// Email rows are delivered when their Message-ID was accepted; count by row.
const finalEmail = await emailRows();
const emailAccepted = new Map();
for (const id of emailAcceptLog) bump(emailAccepted, id);
for (const r of finalEmail) delivered.email.set(r.id, emailAccepted.get(r.messageId) ?? 0);
const finalChannels = await channelRows();
await db.end();
for (const t of hung) clearTimeout(t);
await new Promise((resolve) => server.close(resolve));
server.closeAllConnections?.();
await smtp.close();
await database.drop();

const per = {};
const rowsBy = {
  email: finalEmail.map((r) => ({ ...r, key: r.id, sentId: r.messageId })),
  webhook: [],
  slack: [],
  teams: [],
};
for (const r of finalChannels) {
  const kind = r.kind === 'WEBHOOK' ? 'webhook' : r.kind === 'SLACK' ? 'slack' : 'teams';
  rowsBy[kind].push({
    ...r,
    key: `${new URL(r.url).pathname}|${r.alertId}`,
    sentId: kind === 'webhook' ? r.messageId : r.id,
  });
}
for (const c of CHANNELS) {
  const rows = rowsBy[c];
  const ids = new Set(rows.map((r) => r.sentId));
  const times = (r) => delivered[c].get(r.key) ?? 0;
  const window = c === 'email' ? kills.email?.inWindow : kills.channel?.inWindow;
  per[c] = {
    rows: rows.length,
    sent: rows.filter((r) => r.status === 'SENT').length,
    failed: rows.filter((r) => r.status === 'FAILED').length,
    lost: rows.filter((r) => times(r) === 0).length,
    duplicated: rows.filter((r) => times(r) > 1).length,
    duplicatedInsideKillWindow: rows.filter((r) => times(r) > 1 && window?.has(r.id)).length,
    resentSameId: [...seen[c]].filter(([id, n]) => n > 1 && ids.has(id)).length,
    unknownIds: [...seen[c].keys()].filter((id) => !ids.has(id)).length,
    messagesAccepted: acceptedIds[c].size,
    injected: injected[c],
  };
}
const sum = (k) => CHANNELS.reduce((s, c) => s + per[c][k], 0);
console.log(
  JSON.stringify({
    bench: 'delivery-fault',
    queue: QUEUE,
    tenants: TENANTS,
    events: EVENTS,
    alerts,
    ingestMs,
    allDeliveredSeconds,
    killAfter: KILL_AFTER,
    killed: Object.fromEntries(
      Object.entries(kills).map(([k, v]) => [
        k,
        { signal: v.signal, rowsSendingAtKill: v.rowsSendingAtKill, secondExitCode: v.secondExitCode },
      ]),
    ),
    channels: per,
    overall: {
      rows: sum('rows'),
      sent: sum('sent'),
      failed: sum('failed'),
      lost: sum('lost'),
      duplicated: sum('duplicated'),
      duplicatedInsideKillWindow: sum('duplicatedInsideKillWindow'),
      resentSameId: sum('resentSameId'),
      unknownIds: sum('unknownIds'),
    },
    badSignatures,
    badShapes,
    machine: { cpus: cpus().length, loadAvg1mBefore: loadBefore, loadAvg1mAfter: Math.round(loadavg()[0] * 10) / 10 },
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }),
);

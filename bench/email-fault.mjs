// npm run bench -- email-fault [messages] [failFirst] [killAfter] [--queue pgboss|outbox]
// The delivery fault test. A local SMTP server refuses the first `failFirst` DATA commands with 421, then accepts;
// a delivery worker (a child process: apps/api/dist/cli/deliver.js) is killed with SIGKILL right after the server's
// 250 for message number `killAfter` (inside the 250-to-commit window), and a new worker is started. Prints JSON:
// sent, lost and duplicated, with duplicates split into those inside the 250-to-commit window (allowed: the row was
// still SENDING at the kill although the server had accepted it) and outside it (the goal is 0), and whether every
// resend carried the same Message-ID. Needs PostgreSQL (TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { startSmtpSink } from './lib/smtp-sink.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pg = require('pg');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--queue outbox|pgboss` anywhere after the bench's name sets DELIVERY_QUEUE (default: the product's, pgboss; or the
// environment's DELIVERY_QUEUE); the other arguments are positional.
const queueAt = process.argv.indexOf('--queue');
if (queueAt > 2) {
  process.env.DELIVERY_QUEUE = process.argv[queueAt + 1];
  process.argv.splice(queueAt, 2);
}
process.env.DELIVERY_QUEUE ||= 'pgboss';
const MESSAGES = Number(process.argv[3] ?? 300);
const FAIL_FIRST = Number(process.argv[4] ?? 25);
const KILL_AFTER = Number(process.argv[5] ?? 100);
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const started = Date.now();

// --- database
const dbName = `lodestone_fault_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;

// --- SMTP server with faults; records every accepted Message-ID with its acceptance order
const accepted = []; // { messageId, at }
let onAccepted = () => {};
const sink = await startSmtpSink({
  refuse: (n) => n <= FAIL_FIRST,
  onAccepted: (messageId) => {
    accepted.push({ messageId: messageId ?? '?', at: Date.now() });
    onAccepted(accepted.length);
  },
});
const env = {
  ...process.env,
  DATABASE_URL: dbUrl.toString(),
  DB_MIGRATE_ON_BOOT: 'true',
  LINK_SIGNING_SECRET: 'fault-test-link-signing-secret-0123456789',
  INGEST_OPEN: 'true', // PostgreSQL requires an ingestion token or this (docs/security-defaults.md)
  ALLOW_HTTP_PUBLIC_URL: 'true',
  SMTP_URL: sink.url,
  SMTP_RATE_LIMIT: '0',
  OUTBOX_RETRY_BASE_SECONDS: '1',
  OUTBOX_CLAIM_TIMEOUT_SECONDS: '3',
  LOG_LEVEL: 'error',
};
const cli = join(root, 'apps/api/dist/cli/deliver.js');
function run(args) {
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const done = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
  return { child, done };
}

// --- seed the outbox, start worker 1, SIGKILL it right after the 250 of message KILL_AFTER, start worker 2
const seed = await run(['--seed', String(MESSAGES)]).done;
if (seed.code !== 0) throw new Error(`seeding failed: ${seed.out}`);
const db = new pg.Client({ connectionString: dbUrl.toString() });
await db.connect();
const rowsOf = async () => (await db.query(`SELECT "messageId", status FROM "EmailDelivery"`)).rows;

const worker1 = run(['--until-empty']);
let killedAt = null;
const killed = new Promise((resolve) => {
  onAccepted = (count) => {
    if (count === KILL_AFTER && !killedAt) {
      worker1.child.kill('SIGKILL');
      killedAt = Date.now();
      resolve();
    }
  };
});
await Promise.race([killed, worker1.done]);
const exit1 = await worker1.done;
onAccepted = () => {};
// Rows SENDING at the kill whose message the server had already accepted: the 250-to-commit window.
const acceptedBeforeKill = new Set(accepted.map((a) => a.messageId));
const atKill = await rowsOf();
const inWindow = new Set(
  atKill.filter((r) => r.status === 'SENDING' && acceptedBeforeKill.has(r.messageId)).map((r) => r.messageId),
);
const sendingAtKill = atKill.filter((r) => r.status === 'SENDING').length;

const worker2 = await run(['--until-empty']).done;
const final = await rowsOf();
await db.end();
await sink.close();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.end();

// --- the count
const counts = new Map();
for (const a of accepted) counts.set(a.messageId, (counts.get(a.messageId) ?? 0) + 1);
const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
const rowIds = new Set(final.map((r) => r.messageId));
console.log(
  JSON.stringify(
    {
      bench: 'email-fault',
      queue: process.env.DELIVERY_QUEUE,
      messages: MESSAGES,
      smtpTemporaryFailuresInjected: Math.min(FAIL_FIRST, sink.dataCommands()),
      worker1: {
        killedBySignal: exit1.signal,
        killedAfterAccepted: killedAt ? KILL_AFTER : null,
        rowsSendingAtKill: sendingAtKill,
      },
      worker2: { exitCode: worker2.code },
      sent: final.filter((r) => r.status === 'SENT').length,
      failed: final.filter((r) => r.status === 'FAILED').length,
      lost: final.filter((r) => !counts.has(r.messageId)).length,
      delivered: counts.size,
      duplicated: duplicated.length,
      duplicatedInsideWindow: duplicated.filter((id) => inWindow.has(id)).length,
      duplicatedOutsideWindow: duplicated.filter((id) => !inWindow.has(id)).length,
      resendsWithSameMessageId: duplicated.every((id) => rowIds.has(id)),
      unknownMessageIds: [...counts.keys()].filter((id) => !rowIds.has(id)).length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    },
    null,
    2,
  ),
);

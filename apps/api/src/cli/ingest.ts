/**
 * npm run ingest -- <file.json>
 *   Ingests a file of events (`{ policyChanges: [...], permitEvents: [...] }`, or one event object as POSTed to
 *   /v1/policy-changes or /v1/permit-events; see cli/event-file.ts) through the same use case, printing each event as
 *   it is stored, then sends the queued emails. Exit 0 on success, 1 on bad input (every bad field printed, nothing
 *   stored) or when the database cannot be used (a running API holds the embedded database: the message says how to
 *   POST the file to it; PostgreSQL not migrated), 2 on usage errors.
 *
 * npm run ingest -- --source <name> --file <path>
 *   Replays a saved payload of a source (a Federal Register API page, a MOFCOM page or announcement file, a feed ...)
 *   through that source's parser and the same use case; the payload is stored (origin REPLAY) and the run recorded on
 *   the source. Exit 0 when the payload was read (rejected items are printed), 1 when it could not be, 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FieldValidationException } from '../common/validation.js';

process.env.SCHEDULES_ENABLED ??= 'false';
process.env.LOG_LEVEL ??= 'warn';

const USAGE = 'usage: npm run ingest -- <file.json>\n       npm run ingest -- --source <name> --file <path>';
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const cwd = process.env.INIT_CWD ?? process.cwd();
const sourceName = option('--source');

const { createContext, preflightOrExit } = await import('../bootstrap.js');
const { DeliveryWorker } = await import('../mail/delivery-worker.js');
const { FanoutService } = await import('../modules/events/fanout.service.js');

if (sourceName !== undefined || args.includes('--file')) {
  const filePath = option('--file');
  if (!sourceName || !filePath) {
    console.error(USAGE);
    process.exit(2);
  }
  let body: string;
  try {
    body = readFileSync(resolve(cwd, filePath), 'utf8');
  } catch (error) {
    console.error(`Cannot read ${filePath}: ${(error as Error).message}`);
    process.exit(1);
  }
  const { SourcesService } = await import('../modules/sources/sources.service.js');
  const app = await createContext();
  let code = 0;
  try {
    const sources = app.get(SourcesService);
    if (!sources.names().includes(sourceName)) {
      console.error(`Unknown source "${sourceName}"; known: ${sources.names().join(', ')}`);
      code = 2;
    } else {
      const contentType = /\.x?html?$/i.test(filePath)
        ? 'text/html'
        : /\.(xml|rss|atom)$/i.test(filePath)
          ? 'application/xml'
          : /\.csv$/i.test(filePath)
            ? 'text/csv'
            : 'application/json';
      const report = await sources.replay(sourceName, { url: null, status: null, contentType, body });
      console.log(`${sourceName}: ${report.outcome}; items seen ${report.itemsSeen}, new ${report.itemsNew}`);
      for (const e of report.errors) console.log(`  rejected ${e.item}: ${e.message}`);
      if (report.outcome !== 'ok') {
        console.error(report.error);
        code = 1;
      }
      // Events alerting many tenants queue their emails through the fan-out job (docs/fanout.md): expand it first.
      await app.get(FanoutService).drain();
      const sent = await app.get(DeliveryWorker).drain();
      console.log(`emails sent ${sent.sent}, retrying ${sent.retried}, failed ${sent.failed}`);
    }
  } finally {
    await app.close();
  }
  process.exit(code);
}

const [path] = args;
if (!path || path.startsWith('--')) {
  console.error(USAGE);
  process.exit(2);
}
const { EventsService } = await import('../modules/events/events.service.js');
const { readEventFile, ingestEventFile, formatIngestLine, lockedDatabaseAdvice } = await import('./event-file.js');
const { loadConfig } = await import('../config/app-config.js');
const { embeddedDatabaseHolder } = await import('../database/readiness.js');

function reportBadInput(error: unknown): never {
  if (!(error instanceof FieldValidationException)) {
    console.error((error as Error).message);
    process.exit(1);
  }
  console.error(`${path}: nothing ingested; fix these fields:`);
  for (const e of error.errors) console.error(`  ${e.field}: ${e.messages.join('; ')}`);
  process.exit(1);
}

const file = await readEventFile(resolve(cwd, path)).catch(reportBadInput);
const config = loadConfig(process.env);
const holder =
  config.database.kind === 'pglite' && config.database.dataDir ? embeddedDatabaseHolder(config.database.dataDir) : null;
if (holder !== null && config.database.kind === 'pglite') {
  console.error(
    lockedDatabaseAdvice({
      file: path,
      dataDir: config.database.dataDir!,
      pid: holder,
      publicUrl: config.publicUrl,
      tokenRequired: config.ingestToken !== null,
      single: file.single,
    }),
  );
  process.exit(1);
}
await preflightOrExit();
const app = await createContext();
try {
  // Each event is printed as soon as it is stored: a run stopped half-way shows how far it got.
  await ingestEventFile(app.get(EventsService), file, (l) => console.log(formatIngestLine(l))).catch(
    async (error: unknown) => {
      await app.close();
      return reportBadInput(error);
    },
  );
  // Events alerting many tenants queue their emails through the fan-out job (docs/fanout.md): expand it first.
  const fannedOut = await app.get(FanoutService).drain();
  if (fannedOut) console.log(`emails queued by the fan-out job ${fannedOut}`);
  const sent = await app.get(DeliveryWorker).drain();
  console.log(`emails sent ${sent.sent}, retrying ${sent.retried}, failed ${sent.failed}`);
} finally {
  await app.close();
}

/**
 * npm run ingest -- <file.json>
 * Ingests a file of events (same JSON as POST /v1/policy-changes and /v1/permit-events, see cli/event-file.ts) through
 * the same use case, then sends the queued emails. Exit 0 on success, 1 on bad input (every bad field printed,
 * nothing stored), 2 on usage errors.
 */
import { resolve } from 'node:path';
import { FieldValidationException } from '../common/validation.js';

process.env.SCHEDULES_ENABLED ??= 'false';
process.env.LOG_LEVEL ??= 'warn';

const [path] = process.argv.slice(2);
if (!path) {
  console.error('usage: npm run ingest -- <file.json>');
  process.exit(2);
}

const { createContext } = await import('../bootstrap.js');
const { EventsService } = await import('../modules/events/events.service.js');
const { DeliveryWorker } = await import('../mail/delivery-worker.js');
const { readEventFile, ingestEventFile } = await import('./event-file.js');

function reportBadInput(error: unknown): never {
  if (!(error instanceof FieldValidationException)) {
    console.error((error as Error).message);
    process.exit(1);
  }
  console.error(`${path}: nothing ingested; fix these fields:`);
  for (const e of error.errors) console.error(`  ${e.field}: ${e.messages.join('; ')}`);
  process.exit(1);
}

const file = await readEventFile(resolve(process.env.INIT_CWD ?? process.cwd(), path!)).catch(reportBadInput);
const app = await createContext();
try {
  const lines = await ingestEventFile(app.get(EventsService), file).catch(async (error: unknown) => {
    await app.close();
    return reportBadInput(error);
  });
  for (const l of lines) {
    console.log(`${l.created ? 'new ' : 'seen'}  ${l.kind.padEnd(13)} ${l.externalId.padEnd(48)} alerts ${l.alerts}  emails queued ${l.emailsQueued}`);
  }
  const sent = await app.get(DeliveryWorker).drain();
  console.log(`emails sent ${sent.sent}, retrying ${sent.retried}, failed ${sent.failed}`);
} finally {
  await app.close();
}

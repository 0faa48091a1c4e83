import { readFileSync } from 'node:fs';
import { FieldValidationException, validateDto, type FieldError } from '../common/validation.js';
import type { IngestAcceptedDto } from '../modules/events/dto/match-job.dto.js';
import { type IngestResultDto, PermitEventDto } from '../modules/events/dto/permit-event.dto.js';
import { PolicyChangeDto } from '../modules/events/dto/policy-change.dto.js';
import type { EventsService } from '../modules/events/events.service.js';

/**
 * A file of events: `{ "policyChanges": PolicyChangeDto[], "permitEvents": PermitEventDto[] }` (keys starting with _
 * are comments), or one event object as POSTed to the API (a policy change has `action`, a permit event `status` and
 * `exporterName`).
 */
export interface EventFile {
  policyChanges: PolicyChangeDto[];
  permitEvents: PermitEventDto[];
  /** Set when the file held one event object rather than the two lists. */
  single?: 'policy change' | 'permit event';
}

/** Which kind of event a single-event object is, from its own fields; null when it is not one. */
function singleEventKind(json: Record<string, unknown>): EventFile['single'] | null {
  if ('policyChanges' in json || 'permitEvents' in json) return null;
  if ('exporterName' in json || 'status' in json) return 'permit event';
  if ('action' in json) return 'policy change';
  return null;
}

/**
 * Reads and validates an event file, all of it before anything is stored: the two lists, or one event object.
 * @throws FieldValidationException listing every bad field with its path (e.g. `permitEvents[0].status`, or
 *   `status` for a single event); Error for unreadable or non-JSON files, and for JSON that is not an object.
 */
export async function readEventFile(path: string): Promise<EventFile> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new Error(
      `${path} must hold a JSON object: { "policyChanges": [...], "permitEvents": [...] } or one policy change or permit event`,
    );
  const single = singleEventKind(json);
  if (single === 'policy change')
    return { policyChanges: [await validateDto(PolicyChangeDto, json)], permitEvents: [], single };
  if (single === 'permit event')
    return { policyChanges: [], permitEvents: [await validateDto(PermitEventDto, json)], single };
  const errors: FieldError[] = [];
  for (const key of Object.keys(json ?? {})) {
    if (!key.startsWith('_') && key !== 'policyChanges' && key !== 'permitEvents') {
      errors.push({
        field: key,
        messages: [
          `${key} is not a known field (expected policyChanges and permitEvents, or one event: a policy change with action, a permit event with status and exporterName)`,
        ],
      });
    }
  }
  const file: EventFile = { policyChanges: [], permitEvents: [] };
  const collect = async <T extends object>(cls: new () => T, key: keyof EventFile, out: T[]) => {
    const list = json[key] ?? [];
    if (!Array.isArray(list)) return void errors.push({ field: key, messages: [`${key} must be an array`] });
    for (const [i, item] of list.entries()) {
      try {
        out.push(await validateDto(cls, item, `${key}[${i}]`));
      } catch (error) {
        if (!(error instanceof FieldValidationException)) throw error;
        errors.push(...error.errors);
      }
    }
  };
  await collect(PolicyChangeDto, 'policyChanges', file.policyChanges);
  await collect(PermitEventDto, 'permitEvents', file.permitEvents);
  if (errors.length) throw new FieldValidationException(errors);
  return file;
}

/** One line per event ingested. */
export interface IngestLine {
  kind: 'policy change' | 'permit event';
  externalId: string;
  title: string;
  created: boolean;
  alerts: number;
  emailsQueued: number;
  /** For a repeat: the fields whose content differs from the stored event (ignored; the first version is kept). */
  differs?: string[];
}

/** One printed line for an ingested event: `new|seen  <kind> <externalId> alerts N  emails queued M [(differs)]`. */
export function formatIngestLine(l: IngestLine): string {
  const ignored = l.differs?.length
    ? `  (already stored with other ${l.differs.join(', ')}: kept the stored version)`
    : '';
  return `${l.created ? 'new ' : 'seen'}  ${l.kind.padEnd(13)} ${l.externalId.padEnd(48)} alerts ${l.alerts}  emails queued ${l.emailsQueued}${ignored}`;
}

/**
 * Ingests a validated event file through the same use case as the HTTP API. Element symbols of every event are checked
 * first, so a file with an unknown element stores nothing. Each event is stored in its own transaction; `onStored` is
 * called right after each one (the CLI prints it, so a killed run shows how far it got).
 * @throws FieldValidationException listing every unknown element with its path.
 */
export async function ingestEventFile(
  events: EventsService,
  file: EventFile,
  onStored: (line: IngestLine) => void = () => undefined,
): Promise<IngestLine[]> {
  const errors: FieldError[] = [];
  const check = async (dto: PolicyChangeDto | PermitEventDto, path: string) => {
    await events.checkReferences(dto, path).catch((error: unknown) => {
      if (!(error instanceof FieldValidationException)) throw error;
      errors.push(...error.errors);
    });
  };
  for (const [i, dto] of file.policyChanges.entries()) await check(dto, `policyChanges[${i}]`);
  for (const [i, dto] of file.permitEvents.entries()) await check(dto, `permitEvents[${i}]`);
  if (errors.length) throw new FieldValidationException(errors);
  const lines: IngestLine[] = [];
  // With sharded matching (MATCH_SHARDS > 1) a new event's alerts are raised later by the match jobs: 0 so far.
  const counts = (r: IngestResultDto | IngestAcceptedDto) => ({
    ...r,
    alerts: r.alerts ?? 0,
    emailsQueued: r.emailsQueued ?? 0,
  });
  for (const dto of file.policyChanges) {
    const r = await events.ingestPolicyChange(dto);
    lines.push({ kind: 'policy change', externalId: dto.externalId, title: dto.title, ...counts(r) });
    onStored(lines.at(-1)!);
  }
  for (const dto of file.permitEvents) {
    const r = await events.ingestPermitEvent(dto);
    lines.push({ kind: 'permit event', externalId: dto.externalId, title: dto.title, ...counts(r) });
    onStored(lines.at(-1)!);
  }
  return lines;
}

/**
 * What to tell a user whose `npm run ingest` found the embedded database held by a running API (PGlite has one
 * connection per folder): that the API holds it, and how to send the same file to that API over HTTP instead (one
 * `curl` for a single-event file; a `jq` loop per list for the two-list file), or to stop the API first.
 *
 * @param o.file - the path as the user typed it; o.publicUrl - the API's base URL (PUBLIC_URL, e.g.
 *   http://localhost:3000); o.tokenRequired - whether INGEST_API_TOKEN is set (the calls then carry it).
 * @returns several lines of text, ending without a newline.
 */
export function lockedDatabaseAdvice(o: {
  file: string;
  dataDir: string;
  pid: string | number;
  publicUrl: string;
  tokenRequired: boolean;
  single?: EventFile['single'];
}): string {
  const auth = o.tokenRequired ? ` -H "Authorization: Bearer $INGEST_API_TOKEN"` : '';
  const post = (path: string, data: string) =>
    `curl -sS -X POST ${o.publicUrl}${path} -H 'Content-Type: application/json'${auth} ${data}`;
  const quoted = `'${o.file.replace(/'/g, "'\\''")}'`;
  const how =
    o.single === 'policy change'
      ? [`  ${post('/v1/policy-changes', `--data-binary @${quoted}`)}`]
      : o.single === 'permit event'
        ? [`  ${post('/v1/permit-events', `--data-binary @${quoted}`)}`]
        : [
            `  jq -c '.policyChanges[]?' ${quoted} | while read -r e; do ${post('/v1/policy-changes', '-d "$e"')}; echo; done`,
            `  jq -c '.permitEvents[]?' ${quoted} | while read -r e; do ${post('/v1/permit-events', '-d "$e"')}; echo; done`,
          ];
  return [
    `The embedded database (${o.dataDir}) is in use by a running Lodestone API (process ${o.pid}); only one process can open it.`,
    'Send the events to that API instead:',
    ...how,
    'or stop the API and run `npm run ingest` again.',
  ].join('\n');
}

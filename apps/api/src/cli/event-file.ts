import { readFileSync } from 'node:fs';
import { FieldValidationException, validateDto, type FieldError } from '../common/validation.js';
import { PermitEventDto } from '../modules/events/dto/permit-event.dto.js';
import { PolicyChangeDto } from '../modules/events/dto/policy-change.dto.js';
import type { EventsService } from '../modules/events/events.service.js';

/** A file of events: `{ "policyChanges": PolicyChangeDto[], "permitEvents": PermitEventDto[] }` (keys starting with _ are comments). */
export interface EventFile {
  policyChanges: PolicyChangeDto[];
  permitEvents: PermitEventDto[];
}

/**
 * Reads and validates an event file, all of it before anything is stored.
 * @throws FieldValidationException listing every bad field with its path (e.g. `permitEvents[0].status`); Error for
 *   unreadable or non-JSON files.
 */
export async function readEventFile(path: string): Promise<EventFile> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  const errors: FieldError[] = [];
  for (const key of Object.keys(json ?? {})) {
    if (!key.startsWith('_') && key !== 'policyChanges' && key !== 'permitEvents') {
      errors.push({ field: key, messages: [`${key} is not a known field (expected policyChanges, permitEvents)`] });
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

/**
 * Ingests a validated event file through the same use case as the HTTP API. Element symbols of every event are checked
 * first, so a file with an unknown element stores nothing.
 * @throws FieldValidationException listing every unknown element with its path.
 */
export async function ingestEventFile(events: EventsService, file: EventFile): Promise<IngestLine[]> {
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
  for (const dto of file.policyChanges) {
    const r = await events.ingestPolicyChange(dto);
    lines.push({ kind: 'policy change', externalId: dto.externalId, title: dto.title, ...r });
  }
  for (const dto of file.permitEvents) {
    const r = await events.ingestPermitEvent(dto);
    lines.push({ kind: 'permit event', externalId: dto.externalId, title: dto.title, ...r });
  }
  return lines;
}

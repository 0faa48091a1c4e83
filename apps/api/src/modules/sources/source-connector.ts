import type { SourceKind } from '../../generated/prisma/enums.js';
import type { ReferenceIndex } from '../../matching/reference-index.js';
import type { HttpClient } from './http-client.js';
import type { ScreeningEntryInput } from './screening/csl.js';

/** A payload as received from a source: one API page, one HTML page, one feed, one file. Stored as is for replay. */
export interface RawPayload {
  /** Where it came from (null for a file replay). */
  url: string | null;
  /** HTTP status when fetched (null for files). */
  status: number | null;
  contentType: string | null;
  body: string;
}

/** A problem with one item of a payload (the others go on). `item` names it, e.g. `results[3].publication_date`. */
export interface ItemError {
  item: string;
  message: string;
}

/** What a connector made of one payload: plain objects for the ingestion DTOs (validated by the runner). */
export interface ParsedPayload {
  policyChanges: Record<string, unknown>[];
  permitEvents: Record<string, unknown>[];
  /** Items that could not be mapped. */
  errors: ItemError[];
  /** The connector's cursor after this payload (stored when the run finishes well), e.g. the latest date seen. */
  cursor?: unknown;
  /** Screening-list entries (screening sources); `complete`: the payload is the whole list. */
  screening?: { entries: ScreeningEntryInput[]; complete: boolean };
  /** Another page to fetch (pagination), when the connector follows one. */
  nextUrl?: string | null;
}

/** The whole payload is unusable (truncated JSON, HTML without the expected parts ...). The payload is still kept. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

/**
 * What a connector gets to parse with: the reference data (elements, control-list entries, customs codes, material
 * forms), for the free-text tagger (matching/tagger.ts textFacts).
 */
export interface ParseContext {
  reference: ReferenceIndex;
}

/**
 * A source connector. `fetch` talks to the outside world only through the injected {@link HttpClient} and yields raw
 * payloads one at a time; the runner stores each, parses it with `parse` (pure) and hands the outcome back to the
 * generator (`next(parsed)`), so a connector can follow pagination or stop. Tests replay recorded payloads.
 */
export interface SourceConnector {
  /** The source slug; also the `source` of every event it produces. */
  readonly name: string;
  readonly kind: SourceKind;
  /** Whether scheduled runs are on (from configuration). */
  readonly enabled: boolean;
  /** Minutes between scheduled runs; null when the source only takes replays or pushes. */
  readonly intervalMinutes: number | null;
  /** Fetches new payloads since `cursor` (null on the first run). */
  fetch(http: HttpClient, cursor: unknown): AsyncGenerator<RawPayload, void, ParsedPayload | null>;
  /**
   * Maps one payload to events.
   * @throws PayloadError when the payload as a whole cannot be read.
   */
  parse(payload: RawPayload, context: ParseContext): ParsedPayload | Promise<ParsedPayload>;
}

/** What the configuration of every polled source has (its part of AppConfig['sources']). */
export interface PolledSourceConfig {
  enabled: boolean;
  intervalMinutes: number;
}

/**
 * Base of the connectors that poll on a schedule (Federal Register, MOFCOM, news, screening lists): `enabled` and
 * `intervalMinutes` come from the source's configuration, and `enabled` also needs `hasTargets` (e.g. at least one
 * page or feed URL configured). Subclasses give `name`, `kind`, `fetch` and `parse`.
 */
export abstract class PolledConnector<C extends PolledSourceConfig> implements SourceConnector {
  abstract readonly name: string;
  abstract readonly kind: SourceKind;
  readonly enabled: boolean;
  readonly intervalMinutes: number;

  protected constructor(
    protected readonly config: C,
    hasTargets = true,
  ) {
    this.enabled = config.enabled && hasTargets;
    this.intervalMinutes = config.intervalMinutes;
  }

  abstract fetch(http: HttpClient, cursor: unknown): AsyncGenerator<RawPayload, void, ParsedPayload | null>;
  abstract parse(payload: RawPayload, context: ParseContext): ParsedPayload | Promise<ParsedPayload>;
}

/**
 * GETs one URL as a raw payload, with `accept` as the Accept header. Resolves for every HTTP status (the runner marks
 * a non-2xx payload failed and keeps it); rejects on network errors and timeouts.
 */
export async function fetchPayload(http: HttpClient, url: string, accept: string): Promise<RawPayload> {
  const res = await http.get(url, { accept });
  return { url: res.url, status: res.status, contentType: res.contentType, body: res.body };
}

/** GETs each URL in turn and yields one raw payload per URL; the runner stores and parses each before the next. */
export async function* fetchEach(
  http: HttpClient,
  urls: readonly string[],
  accept: string,
): AsyncGenerator<RawPayload, void, ParsedPayload | null> {
  for (const url of urls) yield await fetchPayload(http, url, accept);
}

/** Nest token of the list of connectors (SourceConnector[]). */
export const SOURCE_CONNECTORS = Symbol('SOURCE_CONNECTORS');

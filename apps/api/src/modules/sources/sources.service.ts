import { createHash, randomUUID } from 'node:crypto';
import { Once } from '../../common/once.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { SourceKind } from '../../generated/prisma/enums.js';
import { FieldValidationException } from '../../common/validation.js';
import { PermitEventDto } from '../events/dto/permit-event.dto.js';
import { PolicyChangeDto } from '../events/dto/policy-change.dto.js';
import { EventsService } from '../events/events.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { HTTP_CLIENT, type HttpClient } from './http-client.js';
import {
  SOURCE_CONNECTORS,
  type ItemError,
  type ParseContext,
  type ParsedPayload,
  type RawPayload,
  type SourceConnector,
} from './source-connector.js';
import { ScreeningService } from './screening/screening.service.js';
import { SourcesRepository } from './sources.repository.js';

/** How long a run may hold its source's lease before another process may take over (a crashed run). */
export const LEASE_MS = 15 * 60_000;

/** What one run (or one replay) did. */
export interface RunReport {
  source: string;
  /** `skipped`: another run of this source holds the lease. */
  outcome: 'ok' | 'failed' | 'skipped';
  payloads: number;
  itemsSeen: number;
  itemsNew: number;
  /** Item-level and payload-level problems. */
  errors: ItemError[];
  /** The run-level error (fetch failure, unreadable payload), when `failed`. */
  error: string | null;
}

/** A source and its last run, as GET /v1/sources shows it. Dates are ISO-8601 instants (UTC). */
export interface SourceStatus {
  name: string;
  kind: SourceKind;
  enabled: boolean;
  intervalMinutes: number | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastItemsSeen: number;
  lastItemsNew: number;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  cursor: unknown;
  /** true while a run holds the lease. */
  running: boolean;
}

interface PayloadOutcome {
  parsed: ParsedPayload | null;
  failed: string | null;
  itemsSeen: number;
  itemsNew: number;
  errors: ItemError[];
}

/**
 * Runs source connectors: fetch (through the injected HTTP client), keep every raw payload, parse, validate and
 * ingest each item through the same use case as the HTTP API, and record the run on the source. One run at a time
 * per source across processes (a lease on the Source row). A payload or an item that fails never stops the others.
 */
@Injectable()
export class SourcesService {
  private readonly logger = new Logger(SourcesService.name);
  private readonly byName: Map<string, SourceConnector>;
  private readonly context = new Once(async (): Promise<ParseContext> => ({ reference: await this.reference.index() }));
  private readonly synced = new Once(async () => {
    for (const c of this.byName.values()) await this.repository.ensure(c.name, c.kind, c.enabled, c.intervalMinutes);
  });

  constructor(
    private readonly repository: SourcesRepository,
    private readonly events: EventsService,
    private readonly reference: ReferenceService,
    private readonly screening: ScreeningService,
    @Inject(SOURCE_CONNECTORS) connectors: SourceConnector[],
    @Inject(HTTP_CLIENT) private readonly http: HttpClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {
    this.byName = new Map(connectors.map((c) => [c.name, c]));
  }

  /** Names of the configured connectors. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** @returns every source with its last run (GET /v1/sources). */
  async list(): Promise<SourceStatus[]> {
    await this.sync();
    const now = this.clock.now();
    return (await this.repository.list()).map((s) => ({
      name: s.name,
      kind: s.kind,
      enabled: s.enabled,
      intervalMinutes: s.intervalMinutes,
      lastAttemptAt: s.lastAttemptAt?.toISOString() ?? null,
      lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
      lastItemsSeen: s.lastItemsSeen,
      lastItemsNew: s.lastItemsNew,
      lastError: s.lastError,
      lastErrorAt: s.lastErrorAt?.toISOString() ?? null,
      consecutiveFailures: s.consecutiveFailures,
      cursor: s.cursor ?? null,
      running: !!s.leaseUntil && s.leaseUntil > now,
    }));
  }

  /** Runs every enabled, scheduled source whose interval has passed since its last attempt (the schedule tick). */
  async runDue(): Promise<RunReport[]> {
    await this.sync();
    const now = this.clock.now().getTime();
    const reports: RunReport[] = [];
    for (const s of await this.repository.list()) {
      const connector = this.byName.get(s.name);
      if (!connector || !s.enabled || !s.intervalMinutes) continue;
      if (s.lastAttemptAt && s.lastAttemptAt.getTime() + s.intervalMinutes * 60_000 > now) continue;
      reports.push(await this.run(s.name));
    }
    return reports;
  }

  /**
   * Runs one source now: fetches from its cursor, stores and ingests every payload.
   * @throws NotFoundException (404) for an unknown source.
   */
  async run(name: string): Promise<RunReport> {
    const connector = this.connector(name);
    return this.withLease(connector, async (cursor) => {
      const gen = connector.fetch(this.http, cursor);
      const outcomes: PayloadOutcome[] = [];
      let fetchError: string | null = null;
      try {
        let step = await gen.next(null);
        while (!step.done) {
          const outcome = await this.process(connector, step.value, 'SCHEDULED');
          outcomes.push(outcome);
          step = await gen.next(outcome.parsed);
        }
      } catch (error) {
        fetchError = `fetch failed: ${(error as Error).message}`;
      }
      return { outcomes, fetchError };
    });
  }

  /**
   * Replays a saved payload (a file, or a stored SourcePayload body) through a source's parser and ingestion, exactly
   * as a fetched one; the payload is stored again with origin REPLAY.
   * @throws NotFoundException (404) for an unknown source.
   */
  async replay(name: string, payload: RawPayload, origin: 'REPLAY' | 'PUSH' = 'REPLAY'): Promise<RunReport> {
    const connector = this.connector(name);
    return this.withLease(
      connector,
      async () => ({ outcomes: [await this.process(connector, payload, origin)], fetchError: null }),
      false,
    );
  }

  /**
   * Takes a pushed payload (partner webhook): stored (origin PUSH), parsed and ingested like any other, recorded on
   * the source; no lease, so pushes are never skipped.
   * @throws NotFoundException (404) for an unknown source.
   */
  async push(name: string, payload: RawPayload): Promise<RunReport> {
    const connector = this.connector(name);
    await this.sync();
    const o = await this.process(connector, payload, 'PUSH');
    const report: RunReport = {
      source: name,
      outcome: o.failed ? 'failed' : 'ok',
      payloads: 1,
      itemsSeen: o.itemsSeen,
      itemsNew: o.itemsNew,
      errors: o.errors,
      error: o.failed,
    };
    const itemProblems = o.errors.length
      ? `${o.errors.length} item(s) rejected; first: ${o.errors[0]!.item}: ${o.errors[0]!.message}`
      : null;
    await this.repository.recordPush(name, this.clock.now(), {
      ok: !o.failed,
      itemsSeen: o.itemsSeen,
      itemsNew: o.itemsNew,
      error: o.failed ?? itemProblems,
    });
    return report;
  }

  private connector(name: string): SourceConnector {
    const connector = this.byName.get(name);
    if (!connector)
      throw new NotFoundException(`Unknown source "${name}" (known: ${this.names().join(', ') || 'none'})`);
    return connector;
  }

  /** Registers the connectors' rows once; a failed attempt is forgotten so the next call tries again. */
  private sync(): Promise<void> {
    return this.synced.get();
  }

  /** The reference data parsers read, loaded once; a failed load is forgotten so the next call tries again. */
  private parseContext(): Promise<ParseContext> {
    return this.context.get();
  }

  private async withLease(
    connector: SourceConnector,
    body: (cursor: unknown) => Promise<{ outcomes: PayloadOutcome[]; fetchError: string | null }>,
    moveCursor = true,
  ): Promise<RunReport> {
    await this.sync();
    const owner = randomUUID();
    const now = this.clock.now();
    const empty = { source: connector.name, payloads: 0, itemsSeen: 0, itemsNew: 0, errors: [] };
    if (!(await this.repository.acquireLease(connector.name, owner, now, new Date(now.getTime() + LEASE_MS)))) {
      return { ...empty, outcome: 'skipped', error: 'another run of this source is in progress' };
    }
    let report: RunReport = { ...empty, outcome: 'failed', error: 'run aborted' };
    let cursor: unknown;
    try {
      const source = await this.repository.get(connector.name);
      const { outcomes, fetchError } = await body(source?.cursor ?? null);
      const failed = outcomes.find((o) => o.failed)?.failed ?? null;
      const errors = outcomes.flatMap((o) => o.errors);
      for (const o of outcomes) if (o.parsed?.cursor !== undefined) cursor = latest(cursor, o.parsed.cursor);
      const error = fetchError ?? failed;
      report = {
        source: connector.name,
        outcome: error ? 'failed' : 'ok',
        payloads: outcomes.length,
        itemsSeen: outcomes.reduce((n, o) => n + o.itemsSeen, 0),
        itemsNew: outcomes.reduce((n, o) => n + o.itemsNew, 0),
        errors,
        error,
      };
    } catch (error) {
      report.error = (error as Error).message;
    } finally {
      const itemProblems = report.errors.length
        ? `${report.errors.length} item(s) rejected; first: ${report.errors[0]!.item}: ${report.errors[0]!.message}`
        : null;
      await this.repository.finishRun(connector.name, owner, this.clock.now(), {
        ok: report.outcome === 'ok',
        itemsSeen: report.itemsSeen,
        itemsNew: report.itemsNew,
        error: report.error ?? itemProblems,
        cursor: moveCursor && report.outcome === 'ok' ? cursor : undefined,
      });
    }
    this.metrics.sourceRun(connector.name, report.outcome);
    const line = `${connector.name}: ${report.outcome}, ${report.payloads} payload(s), ${report.itemsSeen} item(s) seen, ${report.itemsNew} new`;
    if (report.outcome === 'ok' && !report.errors.length) this.logger.log(line);
    else this.logger.warn(`${line}; ${report.error ?? `${report.errors.length} item error(s)`}`);
    return report;
  }

  /** Stores one payload, parses it, validates and ingests each item. Never throws for bad input. */
  private async process(
    connector: SourceConnector,
    payload: RawPayload,
    origin: 'SCHEDULED' | 'REPLAY' | 'PUSH',
  ): Promise<PayloadOutcome> {
    const outcome: PayloadOutcome = { parsed: null, failed: null, itemsSeen: 0, itemsNew: 0, errors: [] };
    if (payload.status !== null && (payload.status < 200 || payload.status >= 300)) {
      outcome.failed = `HTTP ${payload.status} from ${payload.url}`;
    } else {
      try {
        outcome.parsed = await connector.parse(payload, await this.parseContext());
      } catch (error) {
        outcome.failed = `${connector.name}: ${(error as Error).message}`;
      }
    }
    if (outcome.failed) outcome.errors.push({ item: '(payload)', message: outcome.failed });
    if (outcome.parsed) {
      outcome.errors.push(...outcome.parsed.errors);
      const ingest = async <T extends PolicyChangeDto | PermitEventDto>(
        cls: new () => T,
        list: Record<string, unknown>[],
        key: string,
        use: (dto: T) => Promise<{ created: boolean }>,
      ) => {
        for (const [i, plain] of list.entries()) {
          outcome.itemsSeen++;
          try {
            // As the HTTP endpoints validate: every bad field of the item, element symbols included, in one error.
            const dto = await this.events.validate(cls, plain, `${key}[${i}]`);
            if ((await use(dto)).created) outcome.itemsNew++;
          } catch (error) {
            const ref = `${key}[${i}]${plain.externalId ? ` (${String(plain.externalId)})` : ''}`;
            const message =
              error instanceof FieldValidationException
                ? error.errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ')
                : (error as Error).message;
            outcome.errors.push({ item: ref, message });
          }
        }
      };
      await ingest(PolicyChangeDto, outcome.parsed.policyChanges, 'policyChanges', (dto) =>
        this.events.ingestPolicyChange(dto),
      );
      await ingest(PermitEventDto, outcome.parsed.permitEvents, 'permitEvents', (dto) =>
        this.events.ingestPermitEvent(dto),
      );
      if (outcome.parsed.screening) {
        const { entries, complete } = outcome.parsed.screening;
        const imported = await this.screening.importList(connector.name, entries, complete);
        outcome.itemsSeen += imported.seen;
        outcome.itemsNew += imported.added;
      }
    }
    await this.repository.savePayload({
      sourceName: connector.name,
      origin,
      url: payload.url,
      contentType: payload.contentType,
      body: payload.body,
      sha256: createHash('sha256').update(payload.body).digest('hex'),
      status: outcome.failed ? 'FAILED' : outcome.errors.length ? 'PARTIAL' : 'PARSED',
      itemsSeen: outcome.itemsSeen,
      itemsNew: outcome.itemsNew,
      errors: outcome.errors,
      receivedAt: this.clock.now(),
    });
    return outcome;
  }
}

/** Of two cursors, the later: compared field by field as strings (dates YYYY-MM-DD compare correctly). */
function latest(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>))
      if (out[k] === undefined || String(v) > String(out[k])) out[k] = v;
    return out;
  }
  return b;
}

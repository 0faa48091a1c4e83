import { TransactionRunner } from '../../database/transaction-runner.js';
import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service.js';
import type { EventSummary, EventType } from '@lodestone/shared-types';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { FieldValidationException, validateDto, type FieldError } from '../../common/validation.js';
import { isUniqueViolation } from '../../database/errors.js';
import type { Tx } from '../../database/prisma.service.js';
import { hsDigits, normalizeEntryCode } from '../../matching/normalize.js';
import type { ReferenceIndex } from '../../matching/reference-index.js';
import type { EventFacts, TextTag } from '../../matching/types.js';
import { AlertRaiser, type RaiseResult } from '../alerts/alert-raiser.js';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { REVERSAL_STATUS } from '../notifications/notifications.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { ELEMENT_PATTERN } from './dto/common.js';
import type { IngestResultDto, PermitEventDto } from './dto/permit-event.dto.js';
import type { PolicyChangeDto } from './dto/policy-change.dto.js';
import { MeasuresService } from '../measures/measures.service.js';
import { actionLabel } from '../notifications/alert-labels.js';
import { EventsRepository } from './events.repository.js';
import { FanoutService } from './fanout.service.js';
import { MatchJobsService } from './match-jobs.service.js';
import { planReversal } from './reversal-plan.js';
import type { IngestAcceptedDto } from './dto/match-job.dto.js';
import { TenantIndexCache } from './tenant-index.cache.js';

/**
 * Options of the ingestion transaction: `timeout` (ms) is how long the interactive transaction may run before Prisma
 * rolls it back; `maxWait` (ms) how long it may wait for a connection. The transaction writes the event, its alerts
 * (one INSERT per 2,000) and one fan-out job (about 1 s at 10,000 tenants), not the emails; the limit leaves room for
 * a slow disk or a busy machine.
 */
const INGEST_TRANSACTION = { timeoutMs: 60_000, maxWaitMs: 10_000, label: 'EventsService.ingest' } as const;

/** Listens for new outbox rows (the delivery worker), so it can send without waiting for its next tick. */
export interface OutboxListener {
  outboxChanged(): void;
}

/**
 * The ingestion use case (the main job): store an event with the tags found in its free text (title, summary, body;
 * see matching/tagger.ts), match it against every tenant (structured fields and text tags; reasons resting on the
 * text say so), and raise the alerts through the {@link AlertRaiser} in the same transaction (trigger INGESTION, or
 * REVERSAL for a policy change that suspends, amends, reinstates or lifts measures): its subscribers write one
 * fan-out job with them, and the emails follow through the job ({@link FanoutService}: before the answer for an event
 * alerting at most FANOUT_INLINE_MAX_ALERTS tenants, after it otherwise). Idempotent on (source, externalId).
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);
  private readonly listeners: OutboxListener[] = [];

  constructor(
    private readonly events: EventsRepository,
    private readonly tenantIndex: TenantIndexCache,
    private readonly alerts: AlertsRepository,
    private readonly raiser: AlertRaiser,
    private readonly reference: ReferenceService,
    private readonly measures: MeasuresService,
    private readonly metrics: MetricsService,
    private readonly transactions: TransactionRunner,
    private readonly matchJobs: MatchJobsService,
    private readonly fanout: FanoutService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Each chunk of emails the fan-out commits is sent at once (the delivery worker listens).
    this.fanout.onRowsWritten(() => this.notifyOutboxChanged());
  }

  /** Tells the listeners that emails were queued (by another use case, e.g. screening), after its commit. */
  notifyOutboxChanged(): void {
    for (const l of this.listeners) l.outboxChanged();
  }

  /** Registers a listener told after each commit that queued emails. */
  onOutboxChanged(listener: OutboxListener): void {
    this.listeners.push(listener);
  }

  /**
   * Checks what DTO validation cannot: every element symbol (also in permit items) is a known element.
   * Lets a caller validate a whole batch before storing any of it.
   * @throws FieldValidationException naming each bad field, prefixed with `path` (e.g. `policyChanges[3].elements[1]`).
   */
  async checkReferences(dto: PolicyChangeDto | PermitEventDto, path = ''): Promise<void> {
    const errors = await this.referenceErrors(dto, path);
    if (errors.length) throw new FieldValidationException(errors);
  }

  /**
   * Validates a body as the HTTP pipe does ({@link validateDto}) and checks its element symbols even when that fails,
   * so one 400 names every bad field.
   * @returns the DTO instance.
   * @throws BadRequestException (400 "body must be a JSON object") for a whole body (no `path`) that is not an object;
   *   FieldValidationException naming each bad field, prefixed with `path`.
   */
  async validate<T extends PolicyChangeDto | PermitEventDto>(cls: new () => T, plain: unknown, path = ''): Promise<T> {
    if (!path && (plain === null || typeof plain !== 'object' || Array.isArray(plain)))
      throw new BadRequestException('body must be a JSON object');
    const [dto, errors] = await validateDto(cls, plain, path).then(
      (d) => [d, []] as const,
      (error: unknown) => {
        if (!(error instanceof FieldValidationException)) throw error;
        return [null, error.errors] as const;
      },
    );
    const all = [...errors, ...(await this.referenceErrors(plain, path))];
    if (all.length || !dto) throw new FieldValidationException(all);
    return dto;
  }

  /** Unknown element symbols of a body (validated or not; values that are not symbols at all are left to the DTO check). */
  private async referenceErrors(plain: unknown, path: string): Promise<FieldError[]> {
    const ref = await this.reference.index();
    const prefix = path ? `${path}.` : '';
    const body = (plain && typeof plain === 'object' ? plain : {}) as { elements?: unknown; items?: unknown };
    const items = Array.isArray(body.items) ? (body.items as unknown[]) : [];
    return [
      ...unknownElements(ref, body.elements, `${prefix}elements`),
      ...items.flatMap((item, i) =>
        unknownElements(ref, (item as { elements?: unknown } | null)?.elements, `${prefix}items[${i}].elements`),
      ),
    ];
  }

  /**
   * Ingests a policy change.
   * @returns `{ id, created, alerts, emailsQueued, differs? }`; `created` is false when (source, externalId) was already
   * stored: the stored event is kept, and `differs` names the fields sent with another value (see {@link materialDifferences}).
   * With sharded matching (MATCH_SHARDS > 1) a new event answers `{ id, created: true, matchJobs }` instead
   * ({@link IngestAcceptedDto}): its alerts are raised by the match jobs after the answer ({@link MatchJobsService}).
   * @throws FieldValidationException (400) naming each unknown element symbol.
   */
  async ingestPolicyChange(dto: PolicyChangeDto): Promise<IngestResultDto | IngestAcceptedDto> {
    const ref = await this.reference.index();
    const elements = checkElements(ref, dto.elements ?? [], 'elements');
    const textTags = await this.reference.tagText({ title: dto.title, summary: dto.summary, body: dto.body });
    const facts: EventFacts = {
      type: 'POLICY_CHANGE',
      jurisdiction: dto.jurisdiction,
      reference: dto.reference ?? null,
      action: dto.action,
      elements,
      hsCodes: uniq((dto.hsCodes ?? []).map(hsDigits)),
      controlEntries: uniq((dto.controlEntries ?? []).map(normalizeEntryCode)),
      textTags: matchable(textTags),
    };
    const summary: EventSummary = {
      type: 'POLICY_CHANGE',
      title: dto.title,
      summary: dto.summary ?? '',
      jurisdiction: dto.jurisdiction,
      issuer: dto.issuer,
      // A news report is never presented as an official measure: the label (shown in the email) says so.
      actionLabel: actionLabel({ policyAction: dto.action, official: dto.official !== false }),
      effectiveDate: dto.effectiveDate ?? null,
      sourceUrl: dto.sourceUrl ?? null,
      reference: dto.reference ?? null,
    };
    const reversal = dto.affects?.length && REVERSAL_STATUS[dto.action] ? dto : null;
    return this.ingest('POLICY_CHANGE', dto, facts, summary, reversal, async (tx) => {
      const stored = await this.events.createPolicyChange(tx, {
        source: dto.source,
        externalId: dto.externalId,
        jurisdiction: dto.jurisdiction,
        issuer: dto.issuer,
        action: dto.action,
        title: dto.title,
        summary: dto.summary ?? '',
        reference: dto.reference ?? null,
        publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : null,
        publishedOn: calendarDate(dto.publishedOn),
        official: dto.official ?? true,
        effectiveDate: calendarDate(dto.effectiveDate),
        endDate: calendarDate(dto.endDate),
        elements: facts.elements,
        hsCodes: facts.hsCodes,
        controlEntries: facts.controlEntries,
        affects: dto.affects ?? [],
        destinations: dto.destinations ?? [],
        sourceUrl: dto.sourceUrl ?? null,
        raw: JSON.parse(JSON.stringify(dto)),
        textTags: JSON.parse(JSON.stringify(textTags)),
      });
      // The measures it is about (its own announcement, what it affects, what it cites) get a timeline step.
      await this.measures.link(tx, stored);
      return stored;
    });
  }

  /**
   * Ingests a permit event. Elements, HS codes and entries of its items count as the event's own.
   * @returns as {@link ingestPolicyChange}.
   * @throws FieldValidationException (400) naming each unknown element symbol.
   */
  async ingestPermitEvent(dto: PermitEventDto): Promise<IngestResultDto | IngestAcceptedDto> {
    const ref = await this.reference.index();
    const items = dto.items ?? [];
    const elements = uniq([
      ...checkElements(ref, dto.elements ?? [], 'elements'),
      ...items.flatMap((item, i) => checkElements(ref, item.elements ?? [], `items[${i}].elements`)),
    ]);
    const textTags = await this.reference.tagText({ title: dto.title, summary: dto.summary, body: dto.body });
    const facts: EventFacts = {
      type: 'PERMIT_EVENT',
      jurisdiction: dto.jurisdiction,
      reference: null,
      permitStatus: dto.status,
      elements,
      hsCodes: uniq([...(dto.hsCodes ?? []), ...items.flatMap((i) => (i.hsCode ? [i.hsCode] : []))].map(hsDigits)),
      controlEntries: uniq(
        [...(dto.controlEntries ?? []), ...items.flatMap((i) => (i.controlEntry ? [i.controlEntry] : []))].map(
          normalizeEntryCode,
        ),
      ),
      textTags: matchable(textTags),
      exporterName: dto.exporterName,
      endUser: dto.endUser ?? null,
    };
    const summary: EventSummary = {
      type: 'PERMIT_EVENT',
      title: dto.title,
      summary: dto.summary ?? '',
      jurisdiction: dto.jurisdiction,
      issuer: dto.issuer,
      actionLabel: actionLabel({ permitStatus: dto.status }),
      effectiveDate: dto.validFrom ?? null,
      sourceUrl: dto.sourceUrl ?? null,
      reference: null,
    };
    return this.ingest('PERMIT_EVENT', dto, facts, summary, null, (tx) =>
      this.events.createPermitEvent(tx, {
        source: dto.source,
        externalId: dto.externalId,
        jurisdiction: dto.jurisdiction,
        issuer: dto.issuer,
        status: dto.status,
        title: dto.title,
        summary: dto.summary ?? '',
        exporterName: dto.exporterName,
        endUser: dto.endUser ?? null,
        items: JSON.parse(JSON.stringify(items)),
        elements: facts.elements,
        hsCodes: facts.hsCodes,
        controlEntries: facts.controlEntries,
        occurredAt: dto.occurredAt ? new Date(dto.occurredAt) : null,
        validFrom: calendarDate(dto.validFrom),
        validTo: calendarDate(dto.validTo),
        quantity: dto.quantity ? String(dto.quantity.value) : null,
        quantityUnit: dto.quantity?.unit ?? null,
        sourceUrl: dto.sourceUrl ?? null,
        raw: JSON.parse(JSON.stringify(dto)),
        textTags: JSON.parse(JSON.stringify(textTags)),
      }),
    );
  }

  private async ingest(
    type: EventType,
    dto: PolicyChangeDto | PermitEventDto,
    facts: EventFacts,
    summary: EventSummary,
    reversal: PolicyChangeDto | null,
    create: (tx: Tx) => Promise<{ id: string }>,
  ): Promise<IngestResultDto | IngestAcceptedDto> {
    if (this.config.matching.shards > 1) return this.ingestSharded(type, dto, facts, summary, reversal, create);
    const { source, externalId } = dto;
    const find = (tx: Tx) => this.findEvent(tx, type, dto);
    const existingResult = (tx: Tx, existing: { id: string; raw: unknown }) => this.repeated(tx, type, dto, existing);
    let result: IngestResultDto;
    /** The alerts raised with a new event: their subscribers' after-commit step (the inline fan-out) runs next. */
    let raised: RaiseResult | null = null;
    const started = performance.now();
    try {
      result = await this.transactions.run(async (tx) => {
        const existing = await find(tx);
        if (existing) return existingResult(tx, existing);
        const event = await create(tx);
        const ref = await this.reference.index();
        const index = await this.tenantIndex.get(tx, ref);
        const matchStarted = performance.now();
        const matches = index.match(facts);
        this.metrics.observeMatch((performance.now() - matchStarted) / 1000);
        // The raiser writes the alerts in bulk and publishes them: the fan-out subscriber writes one durable job row
        // with them (the emails, channel messages and parts impact come from it), a transaction whose size does not
        // grow with the recipients.
        const raisedEvent = { type: type as 'POLICY_CHANGE' | 'PERMIT_EVENT', id: event.id, summary };
        const change = reversal ? await planReversal(tx, this.events, this.alerts, reversal, matches) : null;
        raised = change?.earlier.length
          ? await this.raiser.raise(tx, {
              trigger: 'REVERSAL',
              event: { ...raisedEvent, type: 'POLICY_CHANGE' },
              matches: [...matches, ...change.added],
              change,
            })
          : await this.raiser.raise(tx, { trigger: 'INGESTION', event: raisedEvent, matches });
        return { id: event.id, created: true, alerts: raised.alerts.length, emailsQueued: 0 };
      }, INGEST_TRANSACTION);
    } catch (error) {
      // Two identical events raced: the loser's insert hit the unique (source, externalId). Report the winner.
      if (!isUniqueViolation(error)) throw error;
      raised = null;
      result = await this.transactions.run(async (tx) => {
        const existing = await find(tx);
        if (!existing) throw error;
        return existingResult(tx, existing);
      });
    }
    const committed = raised as RaiseResult | null;
    if (committed) result.emailsQueued = await committed.afterCommit();
    const deferred = result.alerts > this.config.outbox.fanoutInlineMaxAlerts;
    // The fan-out job the raise wrote (its subscriber writes one per event with alerts): where its progress is read.
    if (committed?.alerts.length) result.fanout = (await this.fanout.referenceOfEvent(result.id)) ?? undefined;
    if (result.created) {
      this.metrics.observeIngest(type, (performance.now() - started) / 1000);
      this.logger.log(
        `${type} ${source}/${externalId}: ${result.alerts} alert(s), ${deferred ? 'emails queued by the fan-out job after this answer' : `${result.emailsQueued} email(s) queued`}`,
      );
    } else if (result.differs?.length) {
      this.logger.warn(
        `${type} ${source}/${externalId} sent again with other ${result.differs.join(', ')}: ignored, the stored event is kept (send a correction under a new externalId)`,
      );
    }
    return result;
  }

  /** The stored event with the same (source, externalId), or null. */
  private findEvent(tx: Tx, type: EventType, dto: PolicyChangeDto | PermitEventDto) {
    return type === 'POLICY_CHANGE'
      ? this.events.findPolicyChange(tx, dto.source, dto.externalId)
      : this.events.findPermitEvent(tx, dto.source, dto.externalId);
  }

  /** The answer to an event sent again: `created: false`, its alerts so far, and what differs from the stored one. */
  private async repeated(
    tx: Tx,
    type: EventType,
    dto: PolicyChangeDto | PermitEventDto,
    existing: { id: string; raw: unknown },
  ): Promise<IngestResultDto> {
    return {
      id: existing.id,
      created: false,
      alerts: await this.alerts.countForEvent(tx, type, existing.id),
      emailsQueued: 0,
      differs: materialDifferences(existing.raw, dto),
    };
  }

  /**
   * Sharded matching (MATCH_SHARDS > 1): stores the event and one match job per shard in one transaction, and
   * answers; the workers serving the shards match it and raise the alerts ({@link MatchJobsService}). Kicks this
   * process's worker when it runs schedules. A repeat answers as unsharded (the alerts raised so far).
   */
  private async ingestSharded(
    type: EventType,
    dto: PolicyChangeDto | PermitEventDto,
    facts: EventFacts,
    summary: EventSummary,
    reversal: PolicyChangeDto | null,
    create: (tx: Tx) => Promise<{ id: string }>,
  ): Promise<IngestResultDto | IngestAcceptedDto> {
    const { source, externalId } = dto;
    const eventType = type as 'POLICY_CHANGE' | 'PERMIT_EVENT';
    const find = (tx: Tx) => this.findEvent(tx, type, dto);
    const repeat = (tx: Tx, existing: { id: string; raw: unknown }) => this.repeated(tx, type, dto, existing);
    const started = performance.now();
    let result: IngestResultDto | IngestAcceptedDto;
    try {
      result = await this.transactions.run(async (tx) => {
        const existing = await find(tx);
        if (existing) return repeat(tx, existing);
        const event = await create(tx);
        const matchJobs = await this.matchJobs.enqueue(tx, {
          eventType,
          eventId: event.id,
          payload: { facts, summary, reversal },
        });
        return { id: event.id, created: true as const, matchJobs };
      }, INGEST_TRANSACTION);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      result = await this.transactions.run(async (tx) => {
        const existing = await find(tx);
        if (!existing) throw error;
        return repeat(tx, existing);
      });
    }
    if ('matchJobs' in result) {
      this.metrics.observeIngest(type, (performance.now() - started) / 1000);
      this.logger.log(
        `${type} ${source}/${externalId}: stored with ${result.matchJobs.length} match job(s), matched after this answer`,
      );
      if (this.config.schedulesEnabled) this.matchJobs.kick();
    } else if (result.differs?.length) {
      this.logger.warn(
        `${type} ${source}/${externalId} sent again with other ${result.differs.join(', ')}: ignored, the stored event is kept (send a correction under a new externalId)`,
      );
    }
    return result;
  }
}

/** How a field is compared on a repeat: formatting (list order, dots in customs codes, an omitted default) is not material. */
const MATERIAL: Record<string, (value: unknown) => unknown> = {
  summary: (v) => v ?? '',
  official: (v) => v ?? true,
  publishedAt: instant,
  occurredAt: instant,
  elements: (v) => sortedSet(v),
  affects: (v) => sortedSet(v),
  destinations: (v) => sortedSet(v),
  hsCodes: (v) => sortedSet(v, hsDigits),
  controlEntries: (v) => sortedSet(v, normalizeEntryCode),
};

/**
 * The fields of an event sent again (same source and externalId) whose value differs from the stored one (`raw`, the
 * DTO as first sent), in the order sent; empty when it is the same event.
 */
export function materialDifferences(raw: unknown, sent: object): string[] {
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const now = JSON.parse(JSON.stringify(sent)) as Record<string, unknown>;
  const fields = uniq([...Object.keys(now), ...Object.keys(stored)]).filter(
    (f) => f !== 'source' && f !== 'externalId',
  );
  const canonical = (field: string, value: unknown) => stableJson((MATERIAL[field] ?? ((v) => v))(value) ?? null);
  return fields.filter((f) => canonical(f, stored[f]) !== canonical(f, now[f]));
}

function instant(value: unknown): unknown {
  return typeof value === 'string' ? new Date(value).getTime() : value;
}

function sortedSet(value: unknown, normalize: (s: string) => string = (s) => s): unknown {
  return Array.isArray(value) ? uniq(value.map((v) => normalize(String(v)))).sort() : value;
}

/** JSON with object keys sorted, so key order does not count. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Text tags the matcher uses (dates are stored, not matched). */
function matchable(tags: TextTag[]): TextTag[] {
  return tags.filter((t) => t.kind !== 'DATE');
}

function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function calendarDate(value: string | undefined): Date | null {
  return value ? new Date(`${value}T00:00:00Z`) : null;
}

/** Each well-formed but unknown element symbol in `symbols` (when it is a list), naming the field and index. */
function unknownElements(ref: ReferenceIndex, symbols: unknown, field: string): FieldError[] {
  if (!Array.isArray(symbols)) return [];
  return symbols.flatMap((s: unknown, i) =>
    typeof s === 'string' && ELEMENT_PATTERN.test(s) && !ref.hasElement(s)
      ? [{ field: `${field}[${i}]`, messages: [`unknown element symbol "${s}" (see GET /v1/elements)`] }]
      : [],
  );
}

/** Unknown element symbols are a 400 naming the field and index. */
function checkElements(ref: ReferenceIndex, symbols: string[], field: string): string[] {
  const errors = unknownElements(ref, symbols, field);
  if (errors.length) throw new FieldValidationException(errors);
  return uniq(symbols);
}

import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { FieldValidationException } from '../../common/validation.js';
import type { Tx } from '../../database/prisma.service.js';
import type { MeasureStatus, PolicyAction } from '../../generated/prisma/enums.js';
import { ReferenceService } from '../reference/reference.service.js';
import { measureLinks, statusAfter } from './measure-keys.js';
import { type CurrentStatus, currentStatus, measureLabel, UNKNOWN_WITHOUT_OWN_ANNOUNCEMENT } from './measure-status.js';
import { type MeasureFilter, MeasuresRepository } from './measures.repository.js';
import { TransactionRunner } from '../../database/transaction-runner.js';

/** A measure in a list. Instants are ISO-8601 UTC. */
export interface MeasureSummaryView {
  /** "MOFCOM-GAC-2025-18", "MOFCOM-2024-46", "FR-2025-19001". */
  key: string;
  /**
   * Where it stands today (UTC calendar date of the server clock): a suspension whose end date has come is shown
   * lapsed (the measure back IN_FORCE; the suspension itself EXPIRED) even before the lapse is recorded as a step.
   */
  status: MeasureStatus;
  /** YYYY-MM-DD: end date of the suspension (status SUSPENDED) or of the measure when it is itself a suspension; else null. */
  until: string | null;
  /** From its own official announcement or document; null while that has not been ingested. */
  title: string | null;
  /** A display label from the key, e.g. "MOFCOM/GAC Announcement 2025 No. 55". */
  label: string;
  /** true once its own announcement / document is stored; false for a measure known only from other events. */
  known: boolean;
  /** What is unknown about it while `known` is false: ["title", "elements", "effectiveDate", "scope"]; else []. */
  unknown: string[];
  /** Elements its own announcement names (never those of events that merely suspend or cite it). */
  elements: string[];
  /** Sources of the events on its timeline ("mofcom", "federal-register", "news", "partner-<name>"). */
  sources: string[];
  /** Number of events on its timeline. */
  events: number;
  createdAt: string;
  updatedAt: string;
}

/** An event on a measure's timeline (a stored policy change). Dates are YYYY-MM-DD; instants ISO-8601 UTC. */
export interface MeasureEventView {
  id: string;
  source: string;
  externalId: string;
  jurisdiction: string;
  issuer: string;
  action: PolicyAction;
  title: string;
  reference: string | null;
  /** false for news reports: never an official measure. */
  official: boolean;
  sourceUrl: string | null;
  publishedAt: string | null;
  publishedOn: string | null;
  effectiveDate: string | null;
  endDate: string | null;
  elements: string[];
}

/** One step of a timeline. */
export interface MeasureStepView {
  /** SELF: the announcement or FR document itself; AFFECTS: it suspends, amends, lifts or reinstates the measure; CITES: it mentions it. */
  role: string;
  action: PolicyAction;
  official: boolean;
  /** The measure's status after this step (only official SELF / AFFECTS steps change it). */
  statusAfter: MeasureStatus;
  /** YYYY-MM-DD: the event's effective date, else its publication date; null when it has neither. */
  occurredOn: string | null;
  /** When the step was recorded (ISO-8601 UTC). */
  recordedAt: string;
  event: MeasureEventView;
}

/** A measure with its status timeline, oldest step first. */
export interface MeasureView extends Omit<MeasureSummaryView, 'sources' | 'events'> {
  timeline: MeasureStepView[];
}

/** What the linker reads of a stored policy change. */
export interface LinkablePolicyChange {
  id: string;
  source: string;
  externalId: string;
  action: PolicyAction;
  official: boolean;
  title: string;
  summary: string;
  reference: string | null;
  affects: string[];
  publishedAt: Date | null;
  publishedOn: Date | null;
  effectiveDate: Date | null;
}

/**
 * Links policy changes from any source (MOFCOM, Federal Register, news, partners) to the measures they are about,
 * building each measure's status timeline: one step per (measure, event), with the event's role (SELF: the
 * announcement itself; AFFECTS: it suspends / amends / lifts / reinstates it; CITES: it mentions it, e.g. news) and
 * the status after it. Runs in the ingestion transaction. Keys and rules: measure-keys.ts.
 */
@Injectable()
export class MeasuresService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: MeasuresRepository,
    private readonly reference: ReferenceService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Today's UTC calendar date (YYYY-MM-DD) on the injected clock. */
  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /**
   * Records every lapse that is due (a suspension's end date on or before today) as a LAPSE step and sets the stored
   * status, so lists filtered by status agree with {@link get}. Called by the reminder tick; idempotent.
   * @returns the keys of the measures changed.
   */
  async recordLapses(): Promise<string[]> {
    const today = this.today();
    const keys = await this.repository.withDueLapses(new Date(`${today}T00:00:00Z`));
    const changed: string[] = [];
    for (const m of await this.repository.statusFacts(null, keys)) {
      const { dueLapse } = currentStatus(m.timeline.map(statusStep), today);
      if (!dueLapse) continue;
      await this.transactions.run(
        (tx) =>
          this.repository.addLapse(
            tx,
            m.key,
            dueLapse.policyChangeId,
            dueLapse.statusAfter,
            new Date(`${dueLapse.on}T00:00:00Z`),
          ),
        { label: 'MeasuresService.recordLapses' },
      );
      changed.push(m.key);
    }
    return changed;
  }

  /**
   * Current status of every measure (or of `keys`), by key, with its identity facts; for alerts and the exposure.
   */
  async statuses(tx: Tx | null, keys?: string[]): Promise<Map<string, MeasureState>> {
    const today = this.today();
    const out = new Map<string, MeasureState>();
    for (const m of await this.repository.statusFacts(tx, keys)) {
      const own = m.timeline.filter((s) => s.role === 'SELF' && s.official);
      out.set(m.key, {
        key: m.key,
        ...currentStatus(m.timeline.map(statusStep), today),
        title: own.length ? m.title : null,
        label: measureLabel(m.key),
        known: own.length > 0,
        elements: [...new Set(own.flatMap((s) => s.policyChange.elements))],
        effectiveDate: day(own[0]?.policyChange.effectiveDate ?? null),
      });
    }
    return out;
  }

  /** The measures each policy change is about (SELF first, then AFFECTS, then CITES), by event id. */
  async measuresOfEvents(
    tx: Tx | null,
    policyChangeIds: string[],
  ): Promise<Map<string, { key: string; role: 'SELF' | 'AFFECTS' | 'CITES' }[]>> {
    const out = new Map<string, { key: string; role: 'SELF' | 'AFFECTS' | 'CITES' }[]>();
    if (!policyChangeIds.length) return out;
    const rank = { SELF: 0, AFFECTS: 1, CITES: 2 } as const;
    for (const s of await this.repository.stepsOfEvents(tx, policyChangeIds)) {
      const role = s.role as 'SELF' | 'AFFECTS' | 'CITES';
      const list = out.get(s.policyChangeId) ?? [];
      list.push({ key: s.measureKey, role });
      out.set(s.policyChangeId, list);
    }
    for (const list of out.values()) list.sort((a, b) => rank[a.role] - rank[b.role]);
    return out;
  }

  /** @returns the keys of the measures the event was linked to. */
  async link(tx: Tx, pc: LinkablePolicyChange): Promise<string[]> {
    const publishedOn =
      pc.publishedOn?.toISOString().slice(0, 10) ?? pc.publishedAt?.toISOString().slice(0, 10) ?? null;
    const links = measureLinks({ ...pc, publishedOn });
    for (const { key, role } of links) {
      const current = await this.repository.find(tx, key);
      const status = statusAfter(pc.action, role, pc.official, current?.status ?? null);
      await this.repository.upsert(
        tx,
        key,
        status,
        // A measure keeps its own identity: only its own official announcement names it (never the event suspending,
        // amending or citing it, which would lend it another announcement's title).
        role === 'SELF' && pc.official ? pc.title : null,
      );
      await this.repository.addStep(tx, {
        measureKey: key,
        policyChangeId: pc.id,
        role,
        action: pc.action,
        official: pc.official,
        statusAfter: status,
        occurredOn:
          pc.effectiveDate ??
          pc.publishedOn ??
          (pc.publishedAt ? new Date(`${pc.publishedAt.toISOString().slice(0, 10)}T00:00:00Z`) : null),
      });
    }
    return links.map((l) => l.key);
  }

  /**
   * A page of measures, first seen newest first, and the cursor of the next page (null at the end).
   * @throws FieldValidationException (400) naming `element` for a symbol Lodestone does not know (GET /v1/elements),
   *   or `cursor` for a cursor this API did not give.
   */
  async list(
    filter: MeasureFilter,
    limit: number,
    cursor?: string,
  ): Promise<{ items: MeasureSummaryView[]; nextCursor: string | null }> {
    if (filter.element && !(await this.reference.index()).hasElement(filter.element)) {
      throw new FieldValidationException([
        {
          field: 'element',
          messages: [`element ${filter.element} is not an element Lodestone knows (see GET /v1/elements)`],
        },
      ]);
    }
    // Lapses due today are recorded first, so a status filter (stored status) agrees with the status shown.
    await this.recordLapses();
    const rows = await this.repository.list(filter, limit + 1, cursor ? decodeCursor(cursor) : undefined);
    const page = rows.slice(0, limit);
    const today = this.today();
    const items = page.map((m) => {
      const own = m.timeline.filter((s) => s.role === 'SELF' && s.official);
      const events = m.timeline.filter((s) => s.role !== 'LAPSE');
      const now = currentStatus(m.timeline.map(statusStep), today);
      return {
        key: m.key,
        status: now.status as MeasureStatus,
        until: now.until,
        title: own.length ? m.title : null,
        label: measureLabel(m.key),
        known: own.length > 0,
        unknown: own.length ? [] : [...UNKNOWN_WITHOUT_OWN_ANNOUNCEMENT],
        elements: [...new Set(own.flatMap((s) => s.policyChange.elements))],
        sources: [...new Set(events.map((s) => s.policyChange.source))],
        events: events.length,
        createdAt: m.createdAt.toISOString(),
        updatedAt: m.updatedAt.toISOString(),
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.key) : null };
  }

  /**
   * A measure with its status timeline and the event (from any source) behind each step.
   * @throws NotFoundException (404) for a key no event has named.
   */
  async get(key: string): Promise<MeasureView> {
    const m = await this.repository.withTimeline(key);
    if (!m) throw new NotFoundException(`No measure ${key}`);
    const own = m.timeline.filter((s) => s.role === 'SELF' && s.official);
    const now = currentStatus(
      m.timeline.map((s) => ({ ...s, endDate: day(s.policyChange.endDate) })),
      this.today(),
    );
    return {
      key: m.key,
      status: now.status as MeasureStatus,
      until: now.until,
      title: own.length ? m.title : null,
      label: measureLabel(m.key),
      known: own.length > 0,
      unknown: own.length ? [] : [...UNKNOWN_WITHOUT_OWN_ANNOUNCEMENT],
      elements: [...new Set(own.flatMap((s) => s.policyChange.elements))],
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
      timeline: m.timeline.map((s) => ({
        role: s.role,
        action: s.action,
        official: s.official,
        statusAfter: s.statusAfter,
        occurredOn: day(s.occurredOn),
        recordedAt: s.createdAt.toISOString(),
        event: {
          ...s.policyChange,
          publishedAt: s.policyChange.publishedAt?.toISOString() ?? null,
          publishedOn: day(s.policyChange.publishedOn),
          effectiveDate: day(s.policyChange.effectiveDate),
          endDate: day(s.policyChange.endDate),
        },
      })),
    };
  }
}

/** A measure's current state (see {@link MeasuresService.statuses}). */
export interface MeasureState extends CurrentStatus {
  key: string;
  title: string | null;
  label: string;
  known: boolean;
  /** Elements its own announcement names. */
  elements: string[];
  /** YYYY-MM-DD its own announcement takes effect, or null. */
  effectiveDate: string | null;
}

function statusStep(s: {
  role: string;
  action: string;
  official: boolean;
  statusAfter: string;
  policyChangeId: string;
  policyChange: { endDate: Date | null };
}) {
  return { ...s, endDate: day(s.policyChange.endDate) };
}

function day(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** The keyset of the last row of a page, opaque to clients (base64url of `[createdAt, key]`). */
function encodeCursor(createdAt: Date, key: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), key])).toString('base64url');
}

/** @throws FieldValidationException naming `cursor` when it is not one {@link encodeCursor} made. */
function decodeCursor(cursor: string): { createdAt: Date; key: string } {
  try {
    const [at, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof at === 'string' && typeof key === 'string' && !Number.isNaN(createdAt.getTime()))
      return { createdAt, key };
  } catch {
    // fall through
  }
  throw new FieldValidationException([{ field: 'cursor', messages: ["cursor must be a previous page's nextCursor"] }]);
}

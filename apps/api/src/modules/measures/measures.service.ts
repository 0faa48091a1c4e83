import { Injectable, NotFoundException } from '@nestjs/common';
import { FieldValidationException } from '../../common/validation.js';
import type { Tx } from '../../database/prisma.service.js';
import type { MeasureStatus, PolicyAction } from '../../generated/prisma/enums.js';
import { ReferenceService } from '../reference/reference.service.js';
import { measureLinks, statusAfter } from './measure-keys.js';
import { type MeasureFilter, MeasuresRepository } from './measures.repository.js';

/** A measure in a list. Instants are ISO-8601 UTC. */
export interface MeasureSummaryView {
  /** "MOFCOM-GAC-2025-18", "MOFCOM-2024-46", "FR-2025-19001". */
  key: string;
  status: MeasureStatus;
  /** From its own announcement when ingested, else from the first event about it. */
  title: string | null;
  /** Elements named by the events on its timeline, in order of first appearance. */
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
export interface MeasureView extends Omit<MeasureSummaryView, 'elements' | 'sources' | 'events'> {
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
    private readonly repository: MeasuresRepository,
    private readonly reference: ReferenceService,
  ) {}

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
        role === 'SELF' && pc.official ? pc.title : current ? null : pc.title,
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
    const rows = await this.repository.list(filter, limit + 1, cursor ? decodeCursor(cursor) : undefined);
    const page = rows.slice(0, limit);
    const items = page.map((m) => ({
      key: m.key,
      status: m.status,
      title: m.title,
      elements: [...new Set(m.timeline.flatMap((s) => s.policyChange.elements))],
      sources: [...new Set(m.timeline.map((s) => s.policyChange.source))],
      events: m.timeline.length,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
    }));
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
    return {
      key: m.key,
      status: m.status,
      title: m.title,
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

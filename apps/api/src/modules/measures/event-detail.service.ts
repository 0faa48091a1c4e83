import { Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import type { TextField, TextTag } from '../../matching/types.js';

/** GET /v1/events/:id as the API answers it (event-detail.responses.ts EventDetailDto). */
export interface EventDetailView {
  id: string;
  type: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  source: string;
  externalId: string;
  jurisdiction: string;
  issuer: string;
  reference: string | null;
  sourceUrl: string | null;
  createdAt: Date;
  text: { title: string; summary: string; body: string | null };
  textTags: {
    kind: TextTag['kind'];
    value: string;
    field: TextField;
    start: number;
    end: number;
    text: string;
    excluded: boolean;
    compound: string | null;
    timeZone: string | null;
  }[];
}

const FIELD_ORDER: Record<TextField, number> = { title: 0, summary: 1, body: 2 };

/**
 * One event with its stored text and its text tags. Events are global data (public announcements, permits, news), the
 * same for every tenant: readable by any signed-in user or API token (like GET /v1/measures).
 */
@Injectable()
export class EventDetailService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The policy change or permit event with id `id`: its text (title, summary, the ingested body) and the tags found in
   * it with their spans (UTF-16 offsets into `text[field]`), ordered by field then start.
   * @throws NotFoundException (404) when no event has this id.
   */
  async get(id: string): Promise<EventDetailView> {
    const db = this.prisma.db;
    const policy = await db.policyChange.findUnique({ where: { id } });
    if (policy)
      return view(id, 'POLICY_CHANGE', policy, policy.reference, policy.raw, policy.textTags, policy.createdAt);
    const permit = await db.permitEvent.findUnique({ where: { id } });
    if (permit) return view(id, 'PERMIT_EVENT', permit, null, permit.raw, permit.textTags, permit.createdAt);
    throw new NotFoundException(`No event with id ${id}`);
  }
}

function view(
  id: string,
  type: EventDetailView['type'],
  e: {
    source: string;
    externalId: string;
    jurisdiction: string;
    issuer: string;
    sourceUrl: string | null;
    title: string;
    summary: string;
  },
  reference: string | null,
  raw: unknown,
  tags: unknown,
  createdAt: Date,
): EventDetailView {
  const body =
    raw && typeof raw === 'object' && typeof (raw as { body?: unknown }).body === 'string'
      ? (raw as { body: string }).body
      : null;
  const stored = (Array.isArray(tags) ? (tags as TextTag[]) : []).filter(
    (t) => t && typeof t.start === 'number' && typeof t.end === 'number' && t.field in FIELD_ORDER,
  );
  return {
    id,
    type,
    source: e.source,
    externalId: e.externalId,
    jurisdiction: e.jurisdiction,
    issuer: e.issuer,
    reference,
    sourceUrl: e.sourceUrl,
    createdAt,
    text: { title: e.title, summary: e.summary, body },
    textTags: stored
      .map((t) => ({
        kind: t.kind,
        value: t.value,
        field: t.field,
        start: t.start,
        end: t.end,
        text: t.text,
        excluded: t.excluded === true,
        compound: t.compound ?? null,
        timeZone: t.timeZone ?? null,
      }))
      .sort((a, b) => FIELD_ORDER[a.field] - FIELD_ORDER[b.field] || a.start - b.start || a.end - b.end),
  };
}

import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { MeasureStatus, PolicyAction } from '../../generated/prisma/enums.js';

/** Filters of the measure list. */
export interface MeasureFilter {
  status?: MeasureStatus;
  /** Element symbol named by the measure's own official announcement. */
  element?: string;
}

/** The fields of a linked event shown on a timeline. */
const eventView = {
  id: true,
  source: true,
  externalId: true,
  jurisdiction: true,
  issuer: true,
  action: true,
  title: true,
  reference: true,
  official: true,
  sourceUrl: true,
  publishedAt: true,
  publishedOn: true,
  effectiveDate: true,
  endDate: true,
  elements: true,
} as const;

/** Measures and their timelines (platform data: global, no tenant's). */
@Injectable()
export class MeasuresRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(tx: Tx, key: string) {
    return tx.measure.findUnique({ where: { key } });
  }

  /** Creates or updates a measure (status; title when given). */
  upsert(tx: Tx, key: string, status: MeasureStatus, title: string | null) {
    return tx.measure.upsert({
      where: { key },
      create: { key, status, title },
      update: { status, ...(title ? { title } : {}) },
    });
  }

  addStep(
    tx: Tx,
    step: {
      measureKey: string;
      policyChangeId: string;
      role: string;
      action: PolicyAction;
      official: boolean;
      statusAfter: MeasureStatus;
      occurredOn: Date | null;
    },
  ) {
    return tx.measureEvent.create({ data: step });
  }

  /** Records a lapse step (idempotent on (measure, event, role)) and sets the measure's status. */
  async addLapse(tx: Tx, measureKey: string, policyChangeId: string, statusAfter: MeasureStatus, on: Date) {
    await tx.measureEvent.createMany({
      data: [
        { measureKey, policyChangeId, role: 'LAPSE', action: 'SUSPENDED', official: true, statusAfter, occurredOn: on },
      ],
      skipDuplicates: true,
    });
    await tx.measure.update({ where: { key: measureKey }, data: { status: statusAfter } });
  }

  /**
   * Keys of measures with an official suspension step (theirs or another event's) whose end date is on or before
   * `today` and no lapse recorded for that event yet.
   */
  async withDueLapses(today: Date): Promise<string[]> {
    const rows = await this.prisma.db.measureEvent.findMany({
      where: {
        official: true,
        action: 'SUSPENDED',
        role: { in: ['SELF', 'AFFECTS'] },
        policyChange: { endDate: { lte: today } },
      },
      select: { measureKey: true, policyChangeId: true },
    });
    if (!rows.length) return [];
    const lapses = await this.prisma.db.measureEvent.findMany({
      where: { role: 'LAPSE', policyChangeId: { in: rows.map((r) => r.policyChangeId) } },
      select: { measureKey: true, policyChangeId: true },
    });
    const done = new Set(lapses.map((l) => `${l.measureKey} ${l.policyChangeId}`));
    return [...new Set(rows.filter((r) => !done.has(`${r.measureKey} ${r.policyChangeId}`)).map((r) => r.measureKey))];
  }

  /** Every measure (or those of `keys`) with the status facts of its timeline, oldest step first. */
  statusFacts(tx: Tx | null, keys?: string[]) {
    return (tx ?? this.prisma.db).measure.findMany({
      where: keys ? { key: { in: keys } } : {},
      select: {
        key: true,
        title: true,
        timeline: {
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: {
            role: true,
            action: true,
            official: true,
            statusAfter: true,
            policyChangeId: true,
            policyChange: { select: { endDate: true, elements: true, effectiveDate: true } },
          },
        },
      },
    });
  }

  /** The measure steps of policy changes: which measures each event is about, and in which role. */
  stepsOfEvents(tx: Tx | null, policyChangeIds: string[]) {
    return (tx ?? this.prisma.db).measureEvent.findMany({
      where: { policyChangeId: { in: policyChangeIds }, role: { in: ['SELF', 'AFFECTS', 'CITES'] } },
      select: { policyChangeId: true, measureKey: true, role: true },
    });
  }

  /**
   * A page of measures, first seen newest first (createdAt descending, then key), after the keyset `after`; each with
   * the source and elements of the events on its timeline.
   */
  list(filter: MeasureFilter, take: number, after?: { createdAt: Date; key: string }) {
    const and: Prisma.MeasureWhereInput[] = [];
    if (filter.status) and.push({ status: filter.status });
    // A measure's elements are those its own announcement names, never those of an event suspending or citing it.
    if (filter.element)
      and.push({
        timeline: { some: { role: 'SELF', official: true, policyChange: { elements: { has: filter.element } } } },
      });
    if (after)
      and.push({
        OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, key: { gt: after.key } }],
      });
    return this.prisma.db.measure.findMany({
      where: { AND: and },
      include: {
        timeline: {
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: {
            role: true,
            action: true,
            official: true,
            statusAfter: true,
            policyChangeId: true,
            policyChange: { select: { source: true, elements: true, endDate: true } },
          },
        },
      },
      orderBy: [{ createdAt: 'desc' }, { key: 'asc' }],
      take,
    });
  }

  /** A measure with its timeline, oldest step first, each with the event it rests on. */
  withTimeline(key: string) {
    return this.prisma.db.measure.findUnique({
      where: { key },
      include: {
        timeline: {
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          include: { policyChange: { select: eventView } },
        },
      },
    });
  }
}

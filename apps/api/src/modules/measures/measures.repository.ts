import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { MeasureStatus, PolicyAction } from '../../generated/prisma/enums.js';

/** Filters of the measure list. */
export interface MeasureFilter {
  status?: MeasureStatus;
  /** Element symbol named by an event on the measure's timeline. */
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

  /**
   * A page of measures, first seen newest first (createdAt descending, then key), after the keyset `after`; each with
   * the source and elements of the events on its timeline.
   */
  list(filter: MeasureFilter, take: number, after?: { createdAt: Date; key: string }) {
    const and: Prisma.MeasureWhereInput[] = [];
    if (filter.status) and.push({ status: filter.status });
    if (filter.element) and.push({ timeline: { some: { policyChange: { elements: { has: filter.element } } } } });
    if (after)
      and.push({
        OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, key: { gt: after.key } }],
      });
    return this.prisma.db.measure.findMany({
      where: { AND: and },
      include: { timeline: { select: { policyChange: { select: { source: true, elements: true } } } } },
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

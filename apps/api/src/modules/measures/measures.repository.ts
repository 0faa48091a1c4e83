import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import type { MeasureStatus, PolicyAction } from '../../generated/prisma/enums.js';

/** Measures and their timelines (platform data). */
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

  addStep(tx: Tx, step: { measureKey: string; policyChangeId: string; role: string; action: PolicyAction; official: boolean; statusAfter: MeasureStatus; occurredOn: Date | null }) {
    return tx.measureEvent.create({ data: step });
  }

  /** A measure with its timeline, oldest step first, each with its event's source, title and reference. */
  withTimeline(key: string) {
    return this.prisma.db.measure.findUnique({
      where: { key },
      include: {
        timeline: {
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          include: { policyChange: { select: { source: true, externalId: true, title: true, reference: true, official: true } } },
        },
      },
    });
  }
}

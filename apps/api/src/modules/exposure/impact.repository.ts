import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';

export const impactView = {
  id: true,
  tenantId: true,
  measureKey: true,
  status: true,
  expectedDurationDays: true,
  ownerId: true,
  note: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.MeasureImpactSelect;

export type ImpactRow = Prisma.MeasureImpactGetPayload<{ select: typeof impactView }>;

export const applicabilityView = {
  id: true,
  tenantId: true,
  applies: true,
  appliesReason: true,
  appliesSetById: true,
  appliesSetAt: true,
} as const satisfies Prisma.AlertSelect;

/** Impact assessments and alert applicability of a tenant. Every query names the tenant. */
@Injectable()
export class ImpactRepository {
  constructor(private readonly prisma: PrismaService) {}

  measureExists(tx: Tx, key: string) {
    return tx.measure.findUnique({ where: { key }, select: { key: true } });
  }

  activeUser(tx: Tx, tenantId: string, userId: string) {
    return tx.user.findFirst({ where: { tenantId, id: userId, active: true }, select: { id: true } });
  }

  find(tx: Tx | null, tenantId: string, measureKey: string) {
    return (tx ?? this.prisma.db).measureImpact.findFirst({ where: { tenantId, measureKey }, select: impactView });
  }

  list(tenantId: string) {
    return this.prisma.db.measureImpact.findMany({
      where: { tenantId },
      select: impactView,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    });
  }

  upsert(
    tx: Tx,
    tenantId: string,
    measureKey: string,
    data: {
      status: ImpactRow['status'];
      expectedDurationDays: number | null;
      ownerId: string | null;
      note: string | null;
    },
  ) {
    return tx.measureImpact.upsert({
      where: { tenantId_measureKey: { tenantId, measureKey }, tenantId },
      create: { tenantId, measureKey, ...data },
      update: data,
      select: impactView,
    });
  }

  addChange(
    tx: Tx,
    tenantId: string,
    data: { impactId: string; actorUserId: string | null; before: unknown; after: unknown },
  ) {
    return tx.measureImpactChange.create({
      data: {
        tenantId,
        impactId: data.impactId,
        actorUserId: data.actorUserId,
        before: (data.before ?? undefined) as never,
        after: data.after as never,
      },
    });
  }

  history(tenantId: string, impactId: string) {
    return this.prisma.db.measureImpactChange.findMany({
      where: { tenantId, impactId },
      select: { id: true, actorUserId: true, before: true, after: true, createdAt: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  findAlert(tx: Tx, tenantId: string, id: string) {
    return tx.alert.findFirst({ where: { tenantId, id }, select: applicabilityView });
  }

  setApplicability(
    tx: Tx,
    tenantId: string,
    id: string,
    data: { applies: boolean; appliesReason: string; appliesSetById: string | null; appliesSetAt: Date },
  ) {
    return tx.alert.update({ where: { id, tenantId }, data, select: applicabilityView });
  }

  addActivity(tx: Tx, tenantId: string, data: Omit<Prisma.AlertActivityUncheckedCreateInput, 'tenantId'>) {
    return tx.alertActivity.create({ data: { ...data, tenantId } });
  }
}

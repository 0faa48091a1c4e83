import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** Filters of a tenant's alert list. */
export interface AlertFilter {
  element?: string;
  supplierId?: string;
  /** A user id, or null for unassigned alerts; undefined: any. */
  assigneeId?: string | null;
  severity?: Prisma.AlertWhereInput['severity'];
  status?: Prisma.AlertWhereInput['status'];
  from?: Date;
  to?: Date;
}

const alertView = {
  id: true,
  tenantId: true,
  severity: true,
  status: true,
  title: true,
  reasons: true,
  assigneeId: true,
  createdAt: true,
  policyChangeId: true,
  permitEventId: true,
  origin: true,
} as const;

/** Alerts as a tenant's people see and act on them, with their history. Every query names the tenant. */
@Injectable()
export class AlertsApiRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first, keyset-paginated on id (UUIDv7: time-ordered). */
  list(tenantId: string, filter: AlertFilter, take: number, cursor?: string) {
    const and: Prisma.AlertWhereInput[] = [];
    if (filter.element) and.push({ reasons: { array_contains: [{ element: filter.element }] } });
    if (filter.supplierId) and.push({ reasons: { array_contains: [{ subject: { supplierId: filter.supplierId } }] } });
    return this.prisma.db.alert.findMany({
      where: {
        tenantId,
        severity: filter.severity,
        status: filter.status,
        assigneeId: filter.assigneeId,
        createdAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
        ...(cursor ? { id: { lt: cursor } } : {}),
        AND: and,
      },
      select: alertView,
      orderBy: { id: 'desc' },
      take,
    });
  }

  find(tx: Tx | null, tenantId: string, id: string) {
    return (tx ?? this.prisma.db).alert.findFirst({ where: { tenantId, id }, select: alertView });
  }

  update(
    tx: Tx,
    tenantId: string,
    id: string,
    data: { status?: Prisma.AlertUpdateInput['status']; assigneeId?: string | null },
  ) {
    return tx.alert.update({ where: { id, tenantId }, data, select: alertView });
  }

  userOfTenant(tx: Tx | null, tenantId: string, userId: string) {
    return (tx ?? this.prisma.db).user.findFirst({
      where: { tenantId, id: userId, active: true },
      select: { id: true, name: true },
    });
  }

  addActivity(tx: Tx, tenantId: string, data: Omit<Prisma.AlertActivityUncheckedCreateInput, 'tenantId'>) {
    return tx.alertActivity.create({ data: { ...data, tenantId } });
  }

  history(tenantId: string, alertId: string) {
    return this.prisma.db.alertActivity.findMany({ where: { tenantId, alertId }, orderBy: { id: 'asc' } });
  }
}

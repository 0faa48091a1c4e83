import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';

/** Buyers' decisions on possible supplier matches. Every query names the tenant. */
@Injectable()
export class SupplierDecisionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The supplier with this id if it belongs to the tenant, else null. */
  findSupplier(tenantId: string, supplierId: string) {
    return this.prisma.db.supplier.findFirst({
      where: { tenantId, id: supplierId },
      select: { id: true, legalNameEn: true },
    });
  }

  /** Creates or replaces the decision for (tenant, supplier, name key). */
  upsert(input: {
    tenantId: string;
    supplierId: string;
    nameKey: string;
    name: string;
    decision: 'CONFIRMED' | 'REJECTED';
    decidedBy: string | null;
  }) {
    const { tenantId, supplierId, nameKey } = input;
    return this.prisma.db.supplierNameDecision.upsert({
      where: { tenantId_supplierId_nameKey: { tenantId, supplierId, nameKey }, tenantId },
      create: input,
      update: { name: input.name, decision: input.decision, decidedBy: input.decidedBy },
    });
  }

  /** Decisions of one tenant, newest first. */
  list(tenantId: string) {
    return this.prisma.db.supplierNameDecision.findMany({ where: { tenantId }, orderBy: { updatedAt: 'desc' } });
  }
}

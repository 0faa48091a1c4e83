import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** A tenant's watchlist items and suppliers. Every query names the tenant. */
@Injectable()
export class WatchlistRepository {
  constructor(private readonly prisma: PrismaService) {}

  elementExists(symbol: string) {
    return this.prisma.db.element.findUnique({ where: { symbol }, select: { symbol: true } });
  }

  /** Every element symbol of the reference data. */
  async elementSymbols(): Promise<string[]> {
    return (await this.prisma.db.element.findMany({ select: { symbol: true } })).map((e) => e.symbol);
  }

  /** Up to `take` watches after the one with id `afterId`, by id (UUIDv7: creation order). */
  listWatches(tenantId: string, take: number, afterId?: string) {
    return this.prisma.db.watchlistItem.findMany({
      where: { tenantId, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  findWatch(tenantId: string, id: string) {
    return this.prisma.db.watchlistItem.findFirst({ where: { tenantId, id } });
  }

  createWatch(tenantId: string, data: Omit<Prisma.WatchlistItemUncheckedCreateInput, 'tenantId'>) {
    return this.prisma.db.watchlistItem.create({ data: { ...data, tenantId } });
  }

  updateWatch(tenantId: string, id: string, data: { jurisdiction?: string | null; note?: string | null }) {
    return this.prisma.db.watchlistItem.update({ where: { id, tenantId }, data });
  }

  deleteWatch(tenantId: string, id: string) {
    return this.prisma.db.watchlistItem.delete({ where: { id, tenantId } });
  }

  /** Up to `take` suppliers after `after`, by English legal name then id. */
  listSuppliers(tenantId: string, take: number, after?: { legalNameEn: string; id: string }) {
    return this.prisma.db.supplier.findMany({
      where: {
        tenantId,
        ...(after
          ? {
              OR: [
                { legalNameEn: { gt: after.legalNameEn } },
                { legalNameEn: after.legalNameEn, id: { gt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ legalNameEn: 'asc' }, { id: 'asc' }],
      take,
    });
  }

  findSupplier(tenantId: string, id: string) {
    return this.prisma.db.supplier.findFirst({ where: { tenantId, id } });
  }

  createSupplier(tenantId: string, data: Omit<Prisma.SupplierUncheckedCreateInput, 'tenantId'>) {
    return this.prisma.db.supplier.create({ data: { ...data, tenantId } });
  }

  updateSupplier(tenantId: string, id: string, data: Prisma.SupplierUpdateInput) {
    return this.prisma.db.supplier.update({ where: { id, tenantId }, data });
  }

  deleteSupplier(tenantId: string, id: string) {
    return this.prisma.db.supplier.delete({ where: { id, tenantId } });
  }

  /** Stores many items at once (one statement: all or nothing). @returns how many were stored. */
  async createWatches(tenantId: string, rows: Omit<Prisma.WatchlistItemCreateManyInput, 'tenantId'>[]) {
    return (await this.prisma.db.watchlistItem.createMany({ data: rows.map((r) => ({ ...r, tenantId })) })).count;
  }

  /** Stores many suppliers at once (one statement: all or nothing). @returns how many were stored. */
  async createSuppliers(tenantId: string, rows: Omit<Prisma.SupplierCreateManyInput, 'tenantId'>[]) {
    return (await this.prisma.db.supplier.createMany({ data: rows.map((r) => ({ ...r, tenantId })) })).count;
  }
}

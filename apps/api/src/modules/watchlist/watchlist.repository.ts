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

  listWatches(tenantId: string) {
    return this.prisma.db.watchlistItem.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } });
  }

  findWatch(tenantId: string, id: string) {
    return this.prisma.db.watchlistItem.findFirst({ where: { tenantId, id } });
  }

  createWatch(tenantId: string, data: Omit<Prisma.WatchlistItemUncheckedCreateInput, 'tenantId'>) {
    return this.prisma.db.watchlistItem.create({ data: { ...data, tenantId } });
  }

  /** The tenant's watch with this identity ({@link import('./watch-identity.js').watchKey}), or null. */
  findWatchByKey(tenantId: string, watchKey: string) {
    return this.prisma.db.watchlistItem.findFirst({ where: { tenantId, watchKey } });
  }

  /** watchKey → id of every watch of the tenant (for duplicate checks of an import). */
  async watchKeys(tenantId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.db.watchlistItem.findMany({
      where: { tenantId },
      select: { id: true, watchKey: true },
    });
    return new Map(rows.map((r) => [r.watchKey, r.id]));
  }

  updateWatch(
    tenantId: string,
    id: string,
    data: { jurisdiction?: string | null; note?: string | null; watchKey?: string },
  ) {
    return this.prisma.db.watchlistItem.update({ where: { id, tenantId }, data });
  }

  deleteWatch(tenantId: string, id: string) {
    return this.prisma.db.watchlistItem.delete({ where: { id, tenantId } });
  }

  listSuppliers(tenantId: string) {
    return this.prisma.db.supplier.findMany({ where: { tenantId }, orderBy: { legalNameEn: 'asc' } });
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

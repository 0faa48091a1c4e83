import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import { uuid7 } from '../../common/uuid7.js';
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

  /**
   * Stores many items at once: one INSERT ... SELECT FROM json_to_recordset statement (all or nothing), with UUIDv7
   * ids increasing in the order given. About 10 times cheaper than `createMany` on PGlite, whose queries run on the
   * event loop thread (1,000 rows: ~30 ms of CPU instead of 150-600 ms).
   * @returns the ids of the stored rows, in the order given (the statement stores all of them or throws).
   */
  async createWatches(
    tenantId: string,
    rows: Omit<Prisma.WatchlistItemCreateManyInput, 'tenantId'>[],
  ): Promise<string[]> {
    const ids = rows.map(() => uuid7());
    const json = JSON.stringify(
      rows.map((r, i) => ({
        id: ids[i],
        tenantId,
        kind: r.kind,
        elementSymbol: r.elementSymbol ?? null,
        hsPrefix: r.hsPrefix ?? null,
        controlEntry: r.controlEntry ?? null,
        jurisdiction: r.jurisdiction ?? null,
        note: r.note ?? null,
        watchKey: r.watchKey,
      })),
    );
    await this.prisma.db.$executeRaw`
      INSERT INTO "WatchlistItem" (id, "tenantId", kind, "elementSymbol", "hsPrefix", "controlEntry", jurisdiction, note,
        "watchKey")
      SELECT id, "tenantId", kind, "elementSymbol", "hsPrefix", "controlEntry", jurisdiction, note, "watchKey"
      FROM json_to_recordset(${json}::json) AS x(id uuid, "tenantId" uuid, kind "WatchKind", "elementSymbol" text,
        "hsPrefix" text, "controlEntry" text, jurisdiction text, note text, "watchKey" text)`;
    return ids;
  }

  /** Stores many suppliers at once, as {@link createWatches} does. @returns the ids of the stored rows. */
  async createSuppliers(tenantId: string, rows: Omit<Prisma.SupplierCreateManyInput, 'tenantId'>[]): Promise<string[]> {
    const ids = rows.map(() => uuid7());
    const json = JSON.stringify(
      rows.map((r, i) => ({
        id: ids[i],
        tenantId,
        legalNameEn: r.legalNameEn,
        legalNameZh: r.legalNameZh ?? null,
        aliases: r.aliases ?? [],
        country: r.country ?? null,
        uscc: r.uscc ?? null,
        lei: r.lei ?? null,
        tickers: r.tickers ?? [],
      })),
    );
    await this.prisma.db.$executeRaw`
      INSERT INTO "Supplier" (id, "tenantId", "legalNameEn", "legalNameZh", aliases, country, uscc, lei, tickers,
        "updatedAt")
      SELECT id, "tenantId", "legalNameEn", "legalNameZh", aliases, country, uscc, lei, tickers, now()
      FROM json_to_recordset(${json}::json) AS x(id uuid, "tenantId" uuid, "legalNameEn" text, "legalNameZh" text,
        aliases text[], country text, uscc text, lei text, tickers text[])`;
    return ids;
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ScreeningSupplierSpec } from '../../matching/screening.js';
import type { SupplierNameDecisionSpec, SupplierSpec, WatchSpec } from '../../matching/types.js';

/** Tenants and their people, watchlists and suppliers. Every tenant-owned query names the tenant. */
@Injectable()
export class TenantsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findBySlug(slug: string) {
    return this.prisma.db.tenant.findUnique({ where: { slug } });
  }

  create(tx: Tx | null, data: Prisma.TenantCreateInput) {
    return (tx ?? this.prisma.db).tenant.create({ data });
  }

  findById(id: string) {
    return this.prisma.db.tenant.findUnique({ where: { id } });
  }

  /** Every tenant with its user count (platform admins). */
  list() {
    return this.prisma.db.tenant.findMany({
      orderBy: { slug: 'asc' },
      include: { _count: { select: { users: true } } },
    });
  }

  update(id: string, data: Prisma.TenantUpdateInput) {
    return this.prisma.db.tenant.update({ where: { id }, data });
  }

  createWatch(tenantId: string, data: Omit<Prisma.WatchlistItemUncheckedCreateInput, 'tenantId'>) {
    return this.prisma.db.watchlistItem.create({ data: { ...data, tenantId } });
  }

  createSupplier(tenantId: string, data: Omit<Prisma.SupplierUncheckedCreateInput, 'tenantId'>) {
    return this.prisma.db.supplier.create({ data: { ...data, tenantId } });
  }

  watchlist(tenantId: string) {
    return this.prisma.db.watchlistItem.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } });
  }

  suppliers(tenantId: string) {
    return this.prisma.db.supplier.findMany({ where: { tenantId }, orderBy: { legalNameEn: 'asc' } });
  }

  /**
   * Every active tenant's suppliers (names, identifiers, country) and buyers' supplier-name decisions, for screening
   * them against screening lists (platform job, cross-tenant by design; hits are written per tenant).
   */
  screeningProfiles(
    tx: Tx,
  ): Promise<{ suppliers: ScreeningSupplierSpec[]; supplierDecisions: SupplierNameDecisionSpec[] }> {
    return crossTenant("screen every tenant's suppliers against screening lists", async () => {
      const active = { tenant: { status: 'ACTIVE' as const } };
      const suppliers = await tx.supplier.findMany({
        where: active,
        select: {
          id: true,
          tenantId: true,
          legalNameEn: true,
          legalNameZh: true,
          formerNames: true,
          aliases: true,
          uscc: true,
          lei: true,
          tickers: true,
          country: true,
        },
      });
      const supplierDecisions = await tx.supplierNameDecision.findMany({
        where: active,
        select: { tenantId: true, supplierId: true, nameKey: true, decision: true },
      });
      return { suppliers, supplierDecisions };
    });
  }

  /**
   * The matching-profile version: the sum of the per-tenant counters (see the MatchingProfileVersion model) that
   * database triggers raise in the same transaction as any change to watchlist items, suppliers, supplier-name
   * decisions or a tenant's status. It only grows, and it moves with every such change. Read it before
   * {@link matchingProfiles}: profiles read after it are at least as new. 0 on a database where nothing was written yet.
   */
  async matchingProfileVersion(tx: Tx): Promise<bigint> {
    const { _sum } = await tx.matchingProfileVersion.aggregate({ _sum: { version: true } });
    return _sum.version ?? 0n;
  }

  /**
   * Every tenant's matching-profile counter (the nil UUID's row counts TRUNCATEs, which name no tenant). A tenant
   * whose counter differs from the one an index was built at has changed since.
   */
  async matchingProfileVersions(tx: Tx): Promise<Map<string, bigint>> {
    const rows = await tx.matchingProfileVersion.findMany({ select: { tenantId: true, version: true } });
    return new Map(rows.map((r) => [r.tenantId, r.version]));
  }

  /**
   * Watchlists, suppliers and buyers' supplier-name decisions of every active tenant (or of the active ones among
   * `tenantIds`), for matching. Cross-tenant by design: an event is matched against all tenants at once; the results
   * are written per tenant.
   */
  matchingProfiles(
    tx: Tx,
    tenantIds?: readonly string[],
  ): Promise<{ watches: WatchSpec[]; suppliers: SupplierSpec[]; supplierDecisions: SupplierNameDecisionSpec[] }> {
    return crossTenant('match an event against every tenant', async () => {
      const active = {
        tenant: { status: 'ACTIVE' as const },
        ...(tenantIds ? { tenantId: { in: [...tenantIds] } } : {}),
      };
      // One query after another: PGlite has a single connection, and a transaction client runs them in turn anyway.
      const watches = await tx.watchlistItem.findMany({ where: active });
      const suppliers = await tx.supplier.findMany({
        where: active,
        select: {
          id: true,
          tenantId: true,
          legalNameEn: true,
          legalNameZh: true,
          formerNames: true,
          aliases: true,
          uscc: true,
          lei: true,
          tickers: true,
        },
      });
      const supplierDecisions = await tx.supplierNameDecision.findMany({
        where: active,
        select: { tenantId: true, supplierId: true, nameKey: true, decision: true },
      });
      return { watches, suppliers, supplierDecisions };
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { Role, WatchKind } from '@lodestone/shared-types';
import { PrismaService } from '../../database/prisma.service.js';
import { hsDigits, normalizeEntryCode } from '../../matching/normalize.js';
import { TenantsRepository } from './tenants.repository.js';

/** Everything needed to set a tenant up at once (used by the demo, tests and, later, the admin API). */
export interface TenantSetup {
  slug: string;
  name: string;
  users: { email: string; name: string; role: Role; timeZone?: string }[];
  watches: { kind: WatchKind; elementSymbol?: string; hsPrefix?: string; controlEntry?: string; jurisdiction?: string; note?: string }[];
  suppliers: {
    legalNameEn: string;
    legalNameZh?: string;
    formerNames?: string[];
    aliases?: string[];
    country?: string;
    uscc?: string;
    lei?: string;
    tickers?: string[];
  }[];
}

/** Tenant use cases. */
@Injectable()
export class TenantsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tenants: TenantsRepository,
  ) {}

  /**
   * Creates a tenant with its users, watchlist and suppliers in one transaction, or returns the existing tenant with
   * that slug unchanged (`created: false`). HS prefixes are stored digits-only; entry codes canonicalised.
   */
  async provision(setup: TenantSetup): Promise<{ id: string; created: boolean }> {
    const existing = await this.tenants.findBySlug(setup.slug);
    if (existing) return { id: existing.id, created: false };
    const tenant = await this.prisma.db.$transaction(async (tx) => {
      const t = await tx.tenant.create({ data: { slug: setup.slug, name: setup.name } });
      for (const u of setup.users) {
        await tx.user.create({ data: { tenantId: t.id, email: u.email.toLowerCase(), name: u.name, role: u.role, timeZone: u.timeZone ?? 'UTC' } });
      }
      for (const w of setup.watches) {
        await tx.watchlistItem.create({
          data: {
            tenantId: t.id,
            kind: w.kind,
            elementSymbol: w.elementSymbol ?? null,
            hsPrefix: w.hsPrefix ? hsDigits(w.hsPrefix) : null,
            controlEntry: w.controlEntry ? normalizeEntryCode(w.controlEntry) : null,
            jurisdiction: w.jurisdiction ?? null,
            note: w.note ?? null,
          },
        });
      }
      for (const s of setup.suppliers) {
        await tx.supplier.create({
          data: {
            tenantId: t.id,
            legalNameEn: s.legalNameEn,
            legalNameZh: s.legalNameZh ?? null,
            formerNames: s.formerNames ?? [],
            aliases: s.aliases ?? [],
            country: s.country ?? null,
            uscc: s.uscc ?? null,
            lei: s.lei ?? null,
            tickers: s.tickers ?? [],
          },
        });
      }
      return t;
    });
    return { id: tenant.id, created: true };
  }
}

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Role, WatchKind } from '@lodestone/shared-types';
import { isUniqueViolation } from '../../database/errors.js';
import type { Tx } from '../../database/prisma.service.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { hsDigits, normalizeEntryCode } from '../../matching/normalize.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ExposureService } from '../exposure/exposure.service.js';
import { UsersService } from '../users/users.service.js';
import { watchKey } from '../watchlist/watch-identity.js';
import { TenantsRepository } from './tenants.repository.js';

/** Everything needed to set a tenant up at once (used by the demo, tests and, later, the admin API). */
export interface TenantSetup {
  slug: string;
  name: string;
  /**
   * `unsubscribed: true` records the user as opted out of every email (as one-click unsubscribe does); buyers and
   * tenant admins otherwise receive alert emails.
   */
  users: { email: string; name: string; role: Role; timeZone?: string; unsubscribed?: boolean }[];
  watches: {
    kind: WatchKind;
    elementSymbol?: string;
    hsPrefix?: string;
    controlEntry?: string;
    jurisdiction?: string;
    note?: string;
  }[];
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
    private readonly transactions: TransactionRunner,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly exposure: ExposureService,
  ) {}

  /**
   * Creates a tenant and, when `admin` is given, invites its first tenant admin by email, in one transaction: on a
   * conflict nothing is stored.
   * @returns `{ tenant, invitation: { user, invitationExpiresAt } | null }`.
   * @throws ConflictException (409, field `slug`) when the slug is taken; (field `admin.email`) when the email is.
   */
  async create(principal: Principal, input: { slug: string; name: string; admin?: { email: string; name: string } }) {
    const createTenant = async (tx: Tx) => {
      const tenant = await this.tenants
        .create(tx, { slug: input.slug, name: input.name.trim() })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) {
            throw new ConflictException({
              statusCode: 409,
              error: 'Conflict',
              message: 'A tenant with this slug exists',
              errors: [{ field: 'slug', messages: ['slug is already in use'] }],
            });
          }
          throw error;
        });
      await this.audit.record(
        tx,
        principal,
        'tenant.create',
        { type: 'tenant', id: tenant.id, tenantId: tenant.id },
        { after: tenant },
      );
      return tenant;
    };
    if (!input.admin)
      return {
        tenant: await this.transactions.run(createTenant, { label: 'TenantsService.create' }),
        invitation: null,
      };
    const { prepared: tenant, ...invitation } = await this.users
      .inviteAfter(principal, createTenant, { ...input.admin, role: 'TENANT_ADMIN' }, 'Lodestone')
      .catch((error: unknown) => {
        if (
          error instanceof ConflictException &&
          (error.getResponse() as { errors?: { field: string }[] }).errors?.[0]?.field === 'email'
        ) {
          throw new ConflictException({
            statusCode: 409,
            error: 'Conflict',
            message: `A user with the admin's email (admin.email) exists; tenant ${input.slug} was not created`,
            errors: [{ field: 'admin.email', messages: ['email is already in use'] }],
          });
        }
        throw error;
      });
    return { tenant, invitation };
  }

  /** Every tenant with its number of users. */
  list() {
    return this.tenants.list();
  }

  /** @throws NotFoundException when there is no such tenant. */
  async get(id: string) {
    const tenant = await this.tenants.findById(id);
    if (!tenant) throw new NotFoundException('Tenant not found');
    return tenant;
  }

  /**
   * Renames a tenant or changes its status (SUSPENDED stops its users, API tokens and matching).
   * @throws NotFoundException when there is no such tenant.
   */
  async update(principal: Principal, id: string, change: { name?: string; status?: 'ACTIVE' | 'SUSPENDED' }) {
    const before = await this.get(id);
    const after = await this.tenants.update(id, { name: change.name?.trim(), status: change.status });
    const action =
      change.status && change.status !== before.status
        ? change.status === 'SUSPENDED'
          ? 'tenant.suspend'
          : 'tenant.activate'
        : 'tenant.update';
    await this.audit.record(null, principal, action, { type: 'tenant', id, tenantId: id }, { before, after });
    return after;
  }

  /**
   * Creates a tenant with its users, watchlist and suppliers in one transaction, or returns the existing tenant with
   * that slug unchanged (`created: false`). HS prefixes are stored digits-only; entry codes canonicalised; a watch listed
   * twice is stored once.
   */
  async provision(setup: TenantSetup): Promise<{ id: string; created: boolean }> {
    const existing = await this.tenants.findBySlug(setup.slug);
    if (existing) return { id: existing.id, created: false };
    const tenant = await this.transactions.run(
      async (tx) => {
        const t = await tx.tenant.create({ data: { slug: setup.slug, name: setup.name } });
        for (const u of setup.users) {
          const user = await tx.user.create({
            data: {
              tenantId: t.id,
              email: u.email.toLowerCase(),
              name: u.name,
              role: u.role,
              timeZone: u.timeZone ?? 'UTC',
            },
          });
          if (u.unsubscribed)
            await tx.userNotificationPreference.create({
              data: {
                userId: user.id,
                tenantId: t.id,
                mutedElements: [],
                mutedSupplierIds: [],
                unsubscribedAt: new Date(),
              },
            });
        }
        const keys = new Set<string>();
        for (const w of setup.watches) {
          const row = {
            kind: w.kind,
            elementSymbol: w.elementSymbol ?? null,
            hsPrefix: w.hsPrefix ? hsDigits(w.hsPrefix) : null,
            controlEntry: w.controlEntry ? normalizeEntryCode(w.controlEntry) : null,
            jurisdiction: w.jurisdiction ?? null,
          };
          const key = watchKey(row);
          if (keys.has(key)) continue; // a watch is unique per tenant: a repeated one in the setup is stored once
          keys.add(key);
          await tx.watchlistItem.create({ data: { tenantId: t.id, ...row, note: w.note ?? null, watchKey: key } });
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
      },
      { label: 'TenantsService.provision' },
    );
    // Its current exposure at once: stored events that still apply become alerts, one summary email per buyer.
    await this.exposure.backfill(undefined, tenant.id, { trigger: 'TENANT_CREATED' });
    return { id: tenant.id, created: true };
  }
}

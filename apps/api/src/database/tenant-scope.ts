import { AsyncLocalStorage } from 'node:async_hooks';
import { Prisma } from '../generated/prisma/client.js';

/**
 * Tenant isolation, enforced in one place.
 *
 * Every Prisma operation on a tenant-owned model must name the tenant: `where.tenantId` for reads, updates and
 * deletes; `data.tenantId` (or the `tenant` relation) for creates; both for upserts. Operations that don't are
 * refused with {@link TenantScopeViolation} before they reach the database. The one way around it is
 * {@link crossTenant}, which names its reason and is used by platform jobs (matching an event against every tenant).
 */
export const TENANT_MODELS: ReadonlySet<string> = new Set([
  'User',
  'WatchlistItem',
  'Supplier',
  'SupplierNameDecision',
  'Alert',
  'AlertActivity',
  'EmailDelivery',
  'ApiToken',
  'AuditLog',
  'TenantNotificationSettings',
  'UserNotificationPreference',
  'MeasureImpact',
  'MeasureImpactChange',
  'ImportJob',
  'ChannelEndpoint',
  'ChannelDelivery',
  'ChannelAttempt',
  'Part',
  'PartMaterial',
  'PartSupplier',
  'Product',
  'PartProduct',
]);

/** A query on tenant data that does not name the tenant. A programming error: it maps to HTTP 500. */
export class TenantScopeViolation extends Error {
  constructor(model: string, operation: string) {
    super(
      `Refused ${model}.${operation}: tenant-owned data must be queried with a tenantId (see database/tenant-scope.ts)`,
    );
    this.name = 'TenantScopeViolation';
  }
}

const crossTenantContext = new AsyncLocalStorage<string>();

/**
 * Runs `fn` with cross-tenant access for tenant-owned models. `reason` documents why (it shows in stack traces and
 * code review); keep such blocks to platform jobs.
 */
export function crossTenant<T>(reason: string, fn: () => PromiseLike<T>): Promise<T> {
  // Await inside the context: Prisma queries are lazy and run only when awaited.
  return crossTenantContext.run(reason, async () => await fn());
}

type Args = Record<string, unknown> | undefined;

function names(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  // { equals: id } or { in: [...] } both name tenants explicitly.
  return typeof value === 'object';
}

function whereHasTenant(where: unknown): boolean {
  return !!where && typeof where === 'object' && names((where as Record<string, unknown>).tenantId);
}

function dataHasTenant(data: unknown): boolean {
  if (Array.isArray(data)) return data.length > 0 && data.every(dataHasTenant);
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return typeof d.tenantId === 'string' || (!!d.tenant && typeof d.tenant === 'object');
}

/** Whether an operation's arguments name the tenant; exported for tests. */
export function argsNameTenant(operation: string, args: Args): boolean {
  const a = args ?? {};
  switch (operation) {
    case 'create':
    case 'createMany':
    case 'createManyAndReturn':
      return dataHasTenant(a.data);
    case 'upsert':
      return whereHasTenant(a.where) && dataHasTenant(a.create);
    default:
      // find*, count, aggregate, groupBy, update*, delete*
      return whereHasTenant(a.where);
  }
}

/** The Prisma client extension that applies the rule above. */
export const tenantScopeExtension = Prisma.defineExtension({
  name: 'tenant-scope',
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        if (TENANT_MODELS.has(model) && !crossTenantContext.getStore() && !argsNameTenant(operation, args as Args)) {
          throw new TenantScopeViolation(model, operation);
        }
        return query(args);
      },
    },
  },
});

import {
  BadRequestException,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import type { Role } from '@lodestone/shared-types';
import type { Request } from 'express';
import type { Principal } from './principal.js';

export const IS_PUBLIC = 'lodestone:public';
export const ROLES = 'lodestone:roles';
/** Set on handlers with a `@TenantId()` parameter: the guard checks the acting tenant exists before they run. */
export const TENANT_SCOPED = 'lodestone:tenant-scoped';

/** Marks a route (or controller) as open to unauthenticated callers: health, docs, reference data, sign-in. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Restricts a route (or controller) to some roles; callers with another role get 403. PLATFORM_ADMIN always passes
 * (platform admins see all data). Without `@Roles`, any authenticated principal may call the route.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The request with the principal the guard attached. */
export type AuthenticatedRequest = Request & { principal?: Principal };

/** Injects the authenticated {@link Principal}. @throws UnauthorizedException on a public route without one. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('Authentication required');
  return principal;
});

/** Header a platform admin uses to act inside one tenant on tenant-scoped routes. */
export const TENANT_HEADER = 'x-tenant-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant a tenant-scoped route acts on: the principal's own tenant; for a platform admin, the `X-Tenant-Id`
 * header (a UUID). Tenant users cannot choose another tenant: the header is ignored for them.
 * @throws UnauthorizedException without a principal; BadRequestException (field `X-Tenant-Id`) when a platform admin
 * gives no valid header.
 */
export function resolveTenantId(req: AuthenticatedRequest): string {
  const principal = req.principal;
  if (!principal) throw new UnauthorizedException('Authentication required');
  if (principal.tenantId) return principal.tenantId;
  const header = req.headers[TENANT_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !UUID.test(value)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Platform admins must name the tenant with the X-Tenant-Id header (a tenant UUID) on tenant routes',
      errors: [{ field: 'X-Tenant-Id', messages: ['X-Tenant-Id must be a tenant UUID'] }],
    });
  }
  return value.toLowerCase();
}

const tenantIdParam = createParamDecorator((_: unknown, ctx: ExecutionContext): string =>
  resolveTenantId(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);

/**
 * Injects the tenant id the route acts on (see {@link resolveTenantId}) and marks the handler {@link TENANT_SCOPED},
 * so the {@link AuthGuard} answers 404 for a platform admin's `X-Tenant-Id` naming no tenant.
 */
export const TenantId = (): ParameterDecorator => (target, key, index) => {
  if (key !== undefined) Reflect.defineMetadata(TENANT_SCOPED, true, (target as Record<string | symbol, object>)[key]!);
  tenantIdParam()(target, key, index);
};

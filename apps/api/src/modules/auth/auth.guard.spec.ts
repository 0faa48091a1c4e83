import {
  BadRequestException,
  ForbiddenException,
  NotFoundException,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@lodestone/shared-types';
import { AuthGuard } from './auth.guard.js';
import type { AuthService } from './auth.service.js';
import { IS_PUBLIC, ROLES, resolveTenantId, TENANT_SCOPED, TenantId, type AuthenticatedRequest } from './decorators.js';
import type { Principal } from './principal.js';

const TENANT = '0190d2a8-0000-7000-8000-000000000001';

function principal(role: Role, tenantId: string | null = TENANT): Principal {
  return { kind: 'user', userId: 'u', tokenId: null, sessionId: 's', tenantId, role };
}

function context(
  meta: { public?: boolean; roles?: Role[]; tenantScoped?: boolean },
  req: Partial<AuthenticatedRequest>,
): ExecutionContext {
  const handler = () => undefined;
  if (meta.public) Reflect.defineMetadata(IS_PUBLIC, true, handler);
  if (meta.tenantScoped) Reflect.defineMetadata(TENANT_SCOPED, true, handler);
  if (meta.roles) Reflect.defineMetadata(ROLES, meta.roles, handler);
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

function guardFor(p: Principal | null, tenants: string[] = [TENANT]) {
  return new AuthGuard(new Reflector(), {
    authenticate: async () => p,
    tenantExists: async (id: string) => tenants.includes(id),
  } as unknown as AuthService);
}

describe('AuthGuard', () => {
  it('lets public routes through without a token', async () => {
    await expect(guardFor(null).canActivate(context({ public: true }, { headers: {} }))).resolves.toBe(true);
  });

  it('401 without a bearer token or with one that does not authenticate', async () => {
    await expect(guardFor(principal('BUYER')).canActivate(context({}, { headers: {} }))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
    await expect(
      guardFor(null).canActivate(context({}, { headers: { authorization: 'Bearer lsa_x' } })),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('enforces @Roles: 403 for other roles; PLATFORM_ADMIN always passes', async () => {
    const req = () => ({ headers: { authorization: 'Bearer lsa_x' } }) as AuthenticatedRequest;
    await expect(
      guardFor(principal('BUYER')).canActivate(context({ roles: ['TENANT_ADMIN'] }, req())),
    ).rejects.toBeInstanceOf(ForbiddenException);
    await expect(
      guardFor(principal('TENANT_ADMIN')).canActivate(context({ roles: ['TENANT_ADMIN'] }, req())),
    ).resolves.toBe(true);
    await expect(
      guardFor(principal('PLATFORM_ADMIN', null)).canActivate(context({ roles: ['TENANT_ADMIN'] }, req())),
    ).resolves.toBe(true);
  });

  it("tenant-scoped routes: 404 naming a platform admin's unknown X-Tenant-Id, 400 without one; tenant users and other routes are not checked", async () => {
    const unknown = '00000000-0000-0000-0000-000000000000';
    const req = (tenant?: string) =>
      ({
        headers: { authorization: 'Bearer lsa_x', ...(tenant ? { 'x-tenant-id': tenant } : {}) },
      }) as AuthenticatedRequest;
    const admin = guardFor(principal('PLATFORM_ADMIN', null));
    await expect(admin.canActivate(context({ tenantScoped: true }, req(unknown)))).rejects.toThrow(
      new NotFoundException(`tenant ${unknown} not found`),
    );
    await expect(admin.canActivate(context({ tenantScoped: true }, req()))).rejects.toBeInstanceOf(BadRequestException);
    await expect(admin.canActivate(context({ tenantScoped: true }, req(TENANT)))).resolves.toBe(true);
    await expect(admin.canActivate(context({}, req(unknown)))).resolves.toBe(true);
    await expect(
      guardFor(principal('TENANT_ADMIN'), []).canActivate(context({ tenantScoped: true }, req(unknown))),
    ).resolves.toBe(true);
  });

  it('@TenantId() marks its handler tenant-scoped', () => {
    class Probe {
      scoped(@TenantId() _tenantId: string) {}
      open() {}
    }
    expect(new Reflector().get(TENANT_SCOPED, Probe.prototype.scoped)).toBe(true);
    expect(new Reflector().get(TENANT_SCOPED, Probe.prototype.open)).toBeUndefined();
  });

  it('attaches the principal to the request', async () => {
    const req = { headers: { authorization: 'Bearer lsa_x' } } as AuthenticatedRequest;
    await guardFor(principal('BUYER')).canActivate(context({}, req));
    expect(req.principal?.role).toBe('BUYER');
  });
});

describe('resolveTenantId', () => {
  it("is the principal's own tenant for tenant users, whatever header they send", () => {
    const other = '0190d2a8-0000-7000-8000-000000000002';
    expect(
      resolveTenantId({
        principal: principal('TENANT_ADMIN'),
        headers: { 'x-tenant-id': other },
      } as unknown as AuthenticatedRequest),
    ).toBe(TENANT);
  });

  it('is the X-Tenant-Id header for platform admins, and 400 naming the header without a UUID', () => {
    const admin = principal('PLATFORM_ADMIN', null);
    expect(
      resolveTenantId({ principal: admin, headers: { 'x-tenant-id': TENANT } } as unknown as AuthenticatedRequest),
    ).toBe(TENANT);
    expect(() => resolveTenantId({ principal: admin, headers: {} } as unknown as AuthenticatedRequest)).toThrow(
      /X-Tenant-Id/,
    );
    expect(() =>
      resolveTenantId({ principal: admin, headers: { 'x-tenant-id': 'acme' } } as unknown as AuthenticatedRequest),
    ).toThrow(/X-Tenant-Id/);
  });
});

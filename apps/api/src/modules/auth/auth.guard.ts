import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@lodestone/shared-types';
import { AuthService } from './auth.service.js';
import { type AuthenticatedRequest, IS_PUBLIC, resolveTenantId, ROLES, TENANT_SCOPED } from './decorators.js';

/**
 * The global guard (registered as APP_GUARD): every route needs `Authorization: Bearer <token>` (a session access
 * token `lsa_…` or an API token `lst_…`) unless marked `@Public()`. Attaches the {@link Principal} to the request and
 * enforces `@Roles(...)` (PLATFORM_ADMIN always passes). On tenant-scoped routes (a `@TenantId()` parameter) a platform
 * admin's `X-Tenant-Id` must name an existing tenant: checked here, once, for every method.
 * 401 without a valid token; 403 when the role is not allowed; 400 (field `X-Tenant-Id`) when a platform admin gives
 * no tenant UUID on a tenant-scoped route; 404 `tenant <id> not found` when it names no tenant.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token)
      throw new UnauthorizedException('Authentication required: Authorization: Bearer <access token or API token>');
    const principal = await this.auth.authenticate(token);
    if (!principal) throw new UnauthorizedException('Invalid or expired token');
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && principal.role !== 'PLATFORM_ADMIN' && !roles.includes(principal.role)) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    if (!principal.tenantId && this.reflector.get<boolean | undefined>(TENANT_SCOPED, context.getHandler())) {
      const tenantId = resolveTenantId(req);
      if (!(await this.auth.tenantExists(tenantId))) throw new NotFoundException(`tenant ${tenantId} not found`);
    }
    return true;
  }
}

import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@lodestone/shared-types';
import { AuthService } from './auth.service.js';
import { type AuthenticatedRequest, IS_PUBLIC, ROLES } from './decorators.js';

/**
 * The global guard (registered as APP_GUARD): every route needs `Authorization: Bearer <token>` (a session access
 * token `lsa_…` or an API token `lst_…`) unless marked `@Public()`. Attaches the {@link Principal} to the request and
 * enforces `@Roles(...)` (PLATFORM_ADMIN always passes).
 * 401 without a valid token; 403 when the role is not allowed.
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
    if (!token) throw new UnauthorizedException('Authentication required: Authorization: Bearer <access token or API token>');
    const principal = await this.auth.authenticate(token);
    if (!principal) throw new UnauthorizedException('Invalid or expired token');
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && principal.role !== 'PLATFORM_ADMIN' && !roles.includes(principal.role)) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}

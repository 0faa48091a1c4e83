import { timingSafeEqual } from 'node:crypto';
import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuthService } from '../auth/auth.service.js';
import { type AuthenticatedRequest, Public } from '../auth/decorators.js';

/**
 * Whoever may ingest may follow what ingestion started (GET /v1/fanouts/:id): `Authorization: Bearer
 * <INGEST_API_TOKEN>` (as {@link IngestTokenGuard} checks it), or a platform admin's session or API token (as the
 * global AuthGuard checks it; the principal is attached to the request). When no INGEST_API_TOKEN is configured
 * (the embedded default, or INGEST_OPEN=true), ingestion is open and so are these routes.
 * 401 without a valid credential; 403 for a tenant user or API token (not a platform admin).
 */
@Injectable()
export class IngestOrAdminGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    this.expected = config.ingestToken ? Buffer.from(config.ingestToken) : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.expected) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const given = Buffer.from(token);
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    const principal = token ? await this.auth.authenticate(token) : null;
    if (!principal)
      throw new UnauthorizedException(
        'The ingestion token or a platform admin is required: Authorization: Bearer <INGEST_API_TOKEN or access token>',
      );
    if (principal.role !== 'PLATFORM_ADMIN')
      throw new ForbiddenException('Only the ingestion token or a platform admin may read fan-out progress');
    req.principal = principal;
    return true;
  }
}

/**
 * The class decorators of a controller whose routes follow what ingestion started (fan-out and match-job progress):
 * tagged `ingestion` in OpenAPI, not a user-only route ({@link Public}: the global AuthGuard lets the ingestion token
 * through) but guarded by {@link IngestOrAdminGuard}, with its 403 documented.
 */
export const IngestOrAdminRoutes = () =>
  applyDecorators(
    ApiTags('ingestion'),
    ApiBearerAuth(),
    Public(),
    UseGuards(IngestOrAdminGuard),
    ApiForbiddenResponse({
      description: 'A tenant user or tenant API token: only the ingestion token or a platform admin',
    }),
  );

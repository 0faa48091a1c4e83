import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Injectable,
  Module,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { ApiTokenDto, CreatedApiTokenDto } from './api-tokens.responses.js';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { CLOCK, type Clock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { hashToken, newToken } from '../auth/tokens.js';

/** POST /v1/api-tokens body. */
export class CreateApiTokenDto {
  @ApiProperty({ example: 'ERP integration' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ enum: ['TENANT_ADMIN', 'BUYER'] }) @IsIn(['TENANT_ADMIN', 'BUYER']) role!: 'TENANT_ADMIN' | 'BUYER';
}

const tokenView = {
  id: true,
  tenantId: true,
  name: true,
  role: true,
  prefix: true,
  createdById: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

/** API tokens of a tenant (hashes never leave the database). */
@Injectable()
export class ApiTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(tenantId: string) {
    return this.prisma.db.apiToken.findMany({ where: { tenantId }, select: tokenView, orderBy: { createdAt: 'asc' } });
  }

  create(
    tenantId: string,
    data: {
      name: string;
      role: 'TENANT_ADMIN' | 'BUYER';
      tokenHash: string;
      prefix: string;
      createdById: string | null;
    },
  ) {
    return this.prisma.db.apiToken.create({ data: { ...data, tenantId }, select: tokenView });
  }

  find(tenantId: string, id: string) {
    return this.prisma.db.apiToken.findFirst({ where: { tenantId, id }, select: tokenView });
  }

  revoke(tenantId: string, id: string, at: Date) {
    return this.prisma.db.apiToken.update({ where: { id, tenantId }, data: { revokedAt: at }, select: tokenView });
  }
}

/** Creating, listing and revoking API tokens; each change is audited. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly repository: ApiTokensRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates a token. @returns the stored view plus `token`, the secret, which is shown this once and never again. */
  async create(principal: Principal, tenantId: string, dto: CreateApiTokenDto) {
    const token = newToken('api');
    const row = await this.repository.create(tenantId, {
      name: dto.name.trim(),
      role: dto.role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
      createdById: principal.userId,
    });
    await this.audit.record(
      null,
      principal,
      'api-token.create',
      { type: 'api-token', id: row.id, tenantId },
      { after: row },
    );
    return { ...row, token };
  }

  list(tenantId: string) {
    return this.repository.list(tenantId);
  }

  /** Revokes a token (it stops authenticating at once). @throws NotFoundException (404) when not this tenant's. */
  async revoke(principal: Principal, tenantId: string, id: string) {
    const before = await this.repository.find(tenantId, id);
    if (!before) throw new NotFoundException('API token not found');
    const after = before.revokedAt ? before : await this.repository.revoke(tenantId, id, this.clock.now());
    await this.audit.record(
      null,
      principal,
      'api-token.revoke',
      { type: 'api-token', id, tenantId },
      { before, after },
    );
  }
}

/**
 * API tokens for integrations, scoped to the tenant and a role (tenant admins). Token view: `{ id, tenantId, name,
 * role, prefix, createdById, lastUsedAt, revokedAt, createdAt }` (instants ISO-8601 UTC).
 */
@ApiTags('api-tokens')
@ApiBearerAuth()
@Roles('TENANT_ADMIN')
@Controller('v1/api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  /** POST /v1/api-tokens `{ name, role }` → 201 the token view plus `token` (`lst_…`), shown only in this response. */
  @Post()
  @ApiOperation({ summary: 'Create an API token (the secret is shown once)' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  create(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Body() dto: CreateApiTokenDto) {
    return this.tokens.create(p, tenantId, dto);
  }

  /** GET /v1/api-tokens → the tenant's tokens with their last-used time (no secrets). */
  @Get()
  @ApiOperation({ summary: 'List API tokens' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(@TenantId() tenantId: string) {
    return this.tokens.list(tenantId);
  }

  /** DELETE /v1/api-tokens/:id → 204; the token stops working. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API token' })
  @ApiNoContentResponse({ description: 'Revoked (also when it already was)' })
  @ApiErrors(404)
  async revoke(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.tokens.revoke(p, tenantId, id);
  }
}

@Module({ controllers: [ApiTokensController], providers: [ApiTokensRepository, ApiTokensService] })
export class ApiTokensModule {}

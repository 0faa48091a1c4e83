import { ApiProperty } from '@nestjs/swagger';
import { Enum, Instant, Int, Str, TENANT_STATUS_VALUES, Uuid } from '../../common/openapi/properties.js';
import { InvitationDto } from '../users/users.responses.js';

/** A tenant. */
export class TenantDto {
  @Uuid() id!: string;
  @Str({ example: 'nordwerk' }) slug!: string;
  @Str({ example: 'Nordwerk Magnetics GmbH' }) name!: string;
  @Enum(TENANT_STATUS_VALUES, 'TenantStatus', { description: 'SUSPENDED: its users and API tokens stop working' })
  status!: string;
  @Instant() createdAt!: string;
  @Instant() updatedAt!: string;
}

/** Counts of a tenant's rows in GET /v1/tenants. */
export class TenantCountsDto {
  @Int() users!: number;
}

/** A tenant in GET /v1/tenants, with its user count. */
export class TenantListItemDto extends TenantDto {
  @ApiProperty({ type: TenantCountsDto }) _count!: TenantCountsDto;
}

/** POST /v1/tenants answer. */
export class CreatedTenantDto {
  @ApiProperty({ type: TenantDto }) tenant!: TenantDto;
  @ApiProperty({ type: InvitationDto, nullable: true, description: 'The first tenant admin invited; null without one' })
  invitation!: InvitationDto | null;
}

import { ApiProperty } from '@nestjs/swagger';
import {
  Bool,
  Enum,
  Instant,
  NullableInstant,
  NullableUuid,
  ROLE_VALUES,
  Str,
  Uuid,
} from '../../common/openapi/properties.js';

/** A person of a tenant, as the users API shows them (no password hash). */
export class UserDto {
  @Uuid() id!: string;
  @NullableUuid({ description: 'null for platform admins' }) tenantId!: string | null;
  @Str({ example: 'mei.chen@nordwerk.example' }) email!: string;
  @Str({ example: 'Mei Chen' }) name!: string;
  @Enum(ROLE_VALUES, 'Role') role!: string;
  @Str({ example: 'Europe/Berlin', description: 'IANA time zone; digests are scheduled in it' }) timeZone!: string;
  @Bool({ description: 'false: deactivated (cannot sign in, gets no email)' }) active!: boolean;
  @NullableInstant() lastLoginAt!: string | null;
  @Instant() createdAt!: string;
  @Instant() updatedAt!: string;
}

/** An invitation sent by email (the link itself is only in the email). */
export class InvitationDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @Instant({ description: 'When the emailed link expires' }) invitationExpiresAt!: string;
}

/** POST /v1/auth/password-reset answer (the same whether or not the email exists). */
export class AcceptedDto {
  @Bool({ enum: [true] }) accepted!: true;
}

import { OmittedOrValid } from '../../common/dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';

/** Roles a tenant admin can give (PLATFORM_ADMIN is not a tenant role). */
export const TENANT_ROLES = ['TENANT_ADMIN', 'BUYER'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** POST /v1/users/invitations body. */
export class InviteUserDto {
  @ApiProperty({ example: 'mei.chen@nordwerk.example' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Mei Chen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: TENANT_ROLES })
  @IsIn(TENANT_ROLES)
  role!: TenantRole;
}

/** PATCH /v1/users/:id body. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: TENANT_ROLES })
  @OmittedOrValid()
  @IsIn(TENANT_ROLES)
  role?: TenantRole;

  @ApiPropertyOptional({ example: 'Mei Chen' })
  @OmittedOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'false deactivates the user (sessions revoked, no emails)' })
  @OmittedOrValid()
  @IsBoolean()
  active?: boolean;
}

/** POST /v1/auth/invitations/accept and /v1/auth/password-reset/confirm body. */
export class SetPasswordDto {
  @ApiProperty({ description: 'The lsl_… token from the emailed link' })
  @IsString()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password!: string;
}

/** POST /v1/auth/password-reset body. */
export class PasswordResetRequestDto {
  @ApiProperty({ example: 'mei.chen@nordwerk.example' })
  @IsEmail()
  @MaxLength(320)
  email!: string;
}

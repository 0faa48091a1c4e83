import { ApiProperty } from '@nestjs/swagger';
import { Enum, NullableUuid, ROLE_VALUES, Str, Uuid } from '../../../common/openapi/properties.js';
import { TokenPairDto } from './auth.dto.js';

/** The signed-in user, as login returns it. */
export class SignedInUserDto {
  @Uuid() id!: string;
  @Str({ example: 'mei.chen@nordwerk.example' }) email!: string;
  @Str({ example: 'Mei Chen' }) name!: string;
  @Enum(ROLE_VALUES, 'Role') role!: string;
  @NullableUuid({ description: 'null for platform admins' }) tenantId!: string | null;
}

/** POST /v1/auth/login answer: a token pair and who signed in. */
export class LoginResultDto extends TokenPairDto {
  @ApiProperty({ type: SignedInUserDto }) user!: SignedInUserDto;
}

/** GET /v1/auth/me answer: who is calling (see auth/principal.ts). */
export class PrincipalDto {
  @Enum(['user', 'api-token'], 'PrincipalKind', { description: '`user` for a person, `api-token` for an integration' })
  kind!: 'user' | 'api-token';
  @NullableUuid({ description: 'The user; null for API tokens' }) userId!: string | null;
  @NullableUuid({ description: 'The API token; null for users' }) tokenId!: string | null;
  @NullableUuid({ description: "The session behind a user's access token; null for API tokens" })
  sessionId!: string | null;
  @NullableUuid({ description: "The caller's tenant; null only for platform admins" }) tenantId!: string | null;
  @Enum(ROLE_VALUES, 'Role') role!: string;
}

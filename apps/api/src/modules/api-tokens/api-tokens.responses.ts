import {
  Enum,
  Instant,
  NullableInstant,
  NullableUuid,
  ROLE_VALUES,
  Str,
  Uuid,
} from '../../common/openapi/properties.js';

/** An API token as listed (the secret never leaves the create answer). */
export class ApiTokenDto {
  @Uuid() id!: string;
  @Uuid() tenantId!: string;
  @Str({ example: 'ERP integration' }) name!: string;
  @Enum(ROLE_VALUES, 'Role') role!: string;
  @Str({ example: 'lst_3Fq9', description: 'First characters of the token, to recognise it' }) prefix!: string;
  @NullableUuid() createdById!: string | null;
  @NullableInstant() lastUsedAt!: string | null;
  @NullableInstant({ description: 'Set once revoked: the token no longer authenticates' }) revokedAt!: string | null;
  @Instant() createdAt!: string;
}

/** POST /v1/api-tokens answer: the token view plus the secret, shown this once. */
export class CreatedApiTokenDto extends ApiTokenDto {
  @Str({ example: 'lst_…', description: 'Send as Authorization: Bearer <token>; never shown again' }) token!: string;
}

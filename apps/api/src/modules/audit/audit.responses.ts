import {
  AnyJson,
  Enum,
  Instant,
  NullableStr,
  NullableUuid,
  ROLE_VALUES,
  Str,
  Uuid,
} from '../../common/openapi/properties.js';

/** One audit-log entry: who did what, when, with the state before and after. */
export class AuditEntryDto {
  @Uuid() id!: string;
  @NullableUuid({ description: 'null for platform-wide actions' }) tenantId!: string | null;
  @NullableUuid() actorUserId!: string | null;
  @NullableUuid() actorTokenId!: string | null;
  @Enum(ROLE_VALUES, 'Role') actorRole!: string;
  @Str({ example: 'watchlist.delete' }) action!: string;
  @Str({ example: 'watchlist-item' }) targetType!: string;
  @NullableStr() targetId!: string | null;
  @AnyJson() before!: unknown;
  @AnyJson() after!: unknown;
  @Instant() createdAt!: string;
}

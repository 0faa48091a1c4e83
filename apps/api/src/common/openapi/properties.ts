import { MatchVia } from '@lodestone/shared-types';
import {
  AlertActivityKind,
  AlertStatus,
  DigestFrequency,
  DeliveryStatus,
  MeasureStatus,
  PolicyAction,
  Role,
  Severity,
  SourceKind,
  TenantStatus,
  WatchKind,
} from '../../generated/prisma/enums.js';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Short property decorators for response DTOs, so their schemas say what the JSON carries: instants are ISO-8601 UTC
 * strings (`Date` serialised), ids are UUIDs, `null` is documented where the column is nullable.
 */
type Extra = Omit<ApiPropertyOptions, 'type' | 'nullable'> & { description?: string };

/** A UUID. */
export const Uuid = (extra: Extra = {}) =>
  ApiProperty({ type: String, format: 'uuid', ...extra } as ApiPropertyOptions);
/** A UUID or null. */
export const NullableUuid = (extra: Extra = {}) =>
  ApiProperty({ type: String, format: 'uuid', nullable: true, ...extra } as ApiPropertyOptions);
/** An instant, ISO-8601 UTC (e.g. 2026-03-02T09:00:00.000Z). */
export const Instant = (extra: Extra = {}) =>
  ApiProperty({
    type: String,
    format: 'date-time',
    example: '2026-03-02T09:00:00.000Z',
    ...extra,
  } as ApiPropertyOptions);
/** An instant or null. */
export const NullableInstant = (extra: Extra = {}) =>
  ApiProperty({ type: String, format: 'date-time', nullable: true, ...extra } as ApiPropertyOptions);
/** A string. */
export const Str = (extra: Extra = {}) => ApiProperty({ type: String, ...extra } as ApiPropertyOptions);
/** A string or null. */
export const NullableStr = (extra: Extra = {}) =>
  ApiProperty({ type: String, nullable: true, ...extra } as ApiPropertyOptions);
/** A list of strings. */
export const Strs = (extra: Extra = {}) => ApiProperty({ type: [String], ...extra } as ApiPropertyOptions);
/** An integer. */
export const Int = (extra: Extra = {}) => ApiProperty({ type: 'integer', ...extra } as ApiPropertyOptions);
/** An integer or null. */
export const NullableInt = (extra: Extra = {}) =>
  ApiProperty({ type: 'integer', nullable: true, ...extra } as ApiPropertyOptions);
/** A boolean. */
export const Bool = (extra: Extra = {}) => ApiProperty({ type: Boolean, ...extra } as ApiPropertyOptions);
/** One of `values`, named `enumName` in the document so clients share one type. */
export const Enum = (values: readonly string[], enumName: string, extra: Extra = {}) =>
  ApiProperty({ enum: values, enumName, ...extra } as ApiPropertyOptions);
/** One of `values` or null. */
export const NullableEnum = (values: readonly string[], enumName: string, extra: Extra = {}) =>
  ApiProperty({ enum: values, enumName, nullable: true, ...extra } as ApiPropertyOptions);
/** Stored JSON as given (an object, array or scalar), or null. */
export const AnyJson = (extra: Extra = {}) =>
  ApiProperty({
    nullable: true,
    description: 'JSON as stored',
    ...extra,
    type: 'object',
    additionalProperties: true,
  } as ApiPropertyOptions);

/** Enumerations shared by many schemas: the values the database stores (packages/shared-types, prisma/schema.prisma). */
export const ROLE_VALUES = Object.values(Role);
export const SEVERITY_VALUES = Object.values(Severity);
export const WATCH_KIND_VALUES = Object.values(WatchKind);
export const POLICY_ACTION_VALUES = Object.values(PolicyAction);
export const MATCH_VIA_VALUES = Object.values(MatchVia);
export const DELIVERY_STATUS_VALUES = Object.values(DeliveryStatus);
export const ALERT_STATUS_VALUES = Object.values(AlertStatus);
export const MEASURE_STATUS_VALUES = Object.values(MeasureStatus);
export const TENANT_STATUS_VALUES = Object.values(TenantStatus);
export const ALERT_ACTIVITY_KIND_VALUES = Object.values(AlertActivityKind);
export const DIGEST_FREQUENCY_VALUES = Object.values(DigestFrequency);
export const SOURCE_KIND_VALUES = Object.values(SourceKind);

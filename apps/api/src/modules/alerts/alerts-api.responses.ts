import { PartsImpactDto } from '../parts/parts.responses.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_ACTIVITY_KIND_VALUES,
  ALERT_STATUS_VALUES,
  AnyJson,
  Enum,
  Instant,
  Int,
  MATCH_VIA_VALUES,
  NullableStr,
  NullableUuid,
  SEVERITY_VALUES,
  Str,
  Uuid,
} from '../../common/openapi/properties.js';

/** What of the tenant's a reason matched: a watchlist item (`watchId`) or a supplier (`supplierId`). */
export class ReasonSubjectDto {
  @Enum(['WATCH', 'SUPPLIER'], 'ReasonSubjectType') type!: 'WATCH' | 'SUPPLIER';
  @ApiPropertyOptional({ format: 'uuid', description: 'WATCH subjects' }) watchId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'SUPPLIER subjects' }) supplierId?: string;
  @Str({ example: 'dysprosium (Dy)' }) label!: string;
}

/** What in the event a reason matched. */
export class ReasonMatchedDto {
  @Str({ example: 'controlEntries' }) field!: string;
  @Str({ example: '1C905.a.1' }) value!: string;
}

/** The text span a reason rests on, when it comes from free text (UTF-16 offsets). */
export class ReasonTextSpanDto {
  @Enum(['title', 'summary', 'body'], 'TextField') field!: string;
  @Int() start!: number;
  @Int() end!: number;
  @Str() text!: string;
}

/** Why an alert was raised (packages/shared-types MatchReason). */
export class MatchReasonDto {
  @Enum(MATCH_VIA_VALUES, 'MatchVia') via!: string;
  @ApiProperty({ type: ReasonSubjectDto }) subject!: ReasonSubjectDto;
  @ApiProperty({ type: ReasonMatchedDto }) matched!: ReasonMatchedDto;
  @ApiPropertyOptional({ example: 'Dy' }) element?: string;
  @Str({ description: 'One sentence for people' }) text!: string;
  @ApiPropertyOptional({ type: ReasonTextSpanDto }) fromText?: ReasonTextSpanDto;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Supplier reasons: resolution score' }) score?: number;
  @ApiPropertyOptional({ type: [String], description: 'Supplier reasons: how the score was made' })
  evidence?: string[];
  @ApiPropertyOptional({ description: "Possible supplier matches: the key a buyer's decision is remembered under" })
  nameKey?: string;
}

/** An alert of the tenant. */
/** The measure an alert is about, with its current status (the measure's timeline is the one source of status). */
export class AlertMeasureDto {
  @Str({ example: 'MOFCOM-GAC-2025-18' }) key!: string;
  @NullableStr({ description: 'Title or reference; null when the measure is known only from other events' })
  label!: string | null;
  @Str({ example: 'IN_FORCE', description: 'IN_FORCE, SUSPENDED, LIFTED, EXPIRED, PROPOSED, REPORTED, ...' })
  status!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-10', description: 'Suspended until (ISO-8601 date)' })
  until!: string | null;
}

export class AlertDto {
  @Uuid() id!: string;
  @Uuid() tenantId!: string;
  @Enum(SEVERITY_VALUES, 'Severity') severity!: string;
  @Enum(ALERT_STATUS_VALUES, 'AlertStatus') status!: string;
  @Str() title!: string;
  @ApiProperty({ type: [MatchReasonDto] }) reasons!: MatchReasonDto[];
  @NullableUuid({ description: 'The user of the tenant it is assigned to' }) assigneeId!: string | null;
  @Instant() createdAt!: string;
  @NullableUuid() policyChangeId!: string | null;
  @NullableUuid() permitEventId!: string | null;
  @Enum(['EVENT', 'BACKFILL'], 'AlertOrigin', {
    description: 'EVENT: matched when the event arrived; BACKFILL: found when a watch, supplier or tenant was added',
  })
  origin!: string;
  @ApiProperty({
    type: AlertMeasureDto,
    nullable: true,
    required: false,
    description: 'Policy-change alerts: the measure and its status (lists and GET; not in the answers of actions)',
  })
  measure?: AlertMeasureDto | null;
}

/** One entry of an alert's history. */
export class AlertActivityDto {
  @Uuid() id!: string;
  @Uuid() tenantId!: string;
  @Uuid() alertId!: string;
  @NullableUuid() actorUserId!: string | null;
  @Enum(ALERT_ACTIVITY_KIND_VALUES, 'AlertActivityKind') kind!: string;
  @NullableStr() comment!: string | null;
  @AnyJson() before!: unknown;
  @AnyJson() after!: unknown;
  @Instant() createdAt!: string;
}

/** An alert with its history (GET /v1/alerts/{id}). */
export class AlertDetailDto extends AlertDto {
  @ApiProperty({
    type: PartsImpactDto,
    description:
      "What the alert means for the tenant's parts (issue 15): parts reached by what they contain, their codes or their suppliers; products, spend per currency, quantity, element mass, sourcing",
  })
  impact!: PartsImpactDto;
  @ApiProperty({ type: [AlertActivityDto], description: 'Oldest first' }) history!: AlertActivityDto[];
}

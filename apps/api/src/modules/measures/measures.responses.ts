import { ApiProperty } from '@nestjs/swagger';
import {
  Bool,
  Enum,
  Instant,
  Int,
  MEASURE_STATUS_VALUES,
  NullableInstant,
  NullableStr,
  POLICY_ACTION_VALUES,
  Str,
  Strs,
  Uuid,
} from '../../common/openapi/properties.js';

/** A measure in a list (GET /v1/measures). */
export class MeasureSummaryDto {
  @Str({ example: 'MOFCOM-GAC-2025-18' }) key!: string;
  @Enum(MEASURE_STATUS_VALUES, 'MeasureStatus') status!: string;
  @NullableStr() title!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-10', description: 'Suspended until (YYYY-MM-DD)' })
  until!: string | null;
  @Str({ example: 'MOFCOM/GAC Announcement 2025 No. 55', description: 'A display label from the key' }) label!: string;
  @Bool({ description: 'false: known only from other events (its own announcement is not stored)' }) known!: boolean;
  @Strs({ example: ['title', 'elements'], description: 'What is unknown while known is false' }) unknown!: string[];
  @Strs({ description: 'Elements named by the events on its timeline' }) elements!: string[];
  @Strs({ example: ['mofcom', 'news'] }) sources!: string[];
  @Int({ description: 'Events on its timeline' }) events!: number;
  @Instant() createdAt!: string;
  @Instant() updatedAt!: string;
}

/** An event on a measure's timeline (a stored policy change). */
export class MeasureEventDto {
  @Uuid() id!: string;
  @Str() source!: string;
  @Str() externalId!: string;
  @Str({ example: 'CN' }) jurisdiction!: string;
  @Str({ example: 'MOFCOM/GAC' }) issuer!: string;
  @Enum(POLICY_ACTION_VALUES, 'PolicyAction') action!: string;
  @Str() title!: string;
  @NullableStr() reference!: string | null;
  @Bool({ description: 'false for news reports: never an official measure' }) official!: boolean;
  @NullableStr() sourceUrl!: string | null;
  @NullableInstant() publishedAt!: string | null;
  @NullableStr({ format: 'date' }) publishedOn!: string | null;
  @NullableStr({ format: 'date' }) effectiveDate!: string | null;
  @NullableStr({ format: 'date' }) endDate!: string | null;
  @Strs() elements!: string[];
}

/** One step of a measure's timeline. */
export class MeasureStepDto {
  @Enum(['SELF', 'AFFECTS', 'CITES', 'LAPSE'], 'MeasureStepRole') role!: string;
  @Enum(POLICY_ACTION_VALUES, 'PolicyAction') action!: string;
  @Bool() official!: boolean;
  @Enum(MEASURE_STATUS_VALUES, 'MeasureStatus') statusAfter!: string;
  @NullableStr({ format: 'date', description: 'Effective date, else publication date' }) occurredOn!: string | null;
  @Instant() recordedAt!: string;
  @ApiProperty({ type: MeasureEventDto }) event!: MeasureEventDto;
}

/** A measure with its status timeline, oldest step first (GET /v1/measures/{key}). */
export class MeasureDto {
  @Str({ example: 'MOFCOM-GAC-2025-18' }) key!: string;
  @Strs({ description: 'Elements its own announcement names' }) elements!: string[];
  @Enum(MEASURE_STATUS_VALUES, 'MeasureStatus') status!: string;
  @NullableStr() title!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-10', description: 'Suspended until (YYYY-MM-DD)' })
  until!: string | null;
  @Str({ example: 'MOFCOM/GAC Announcement 2025 No. 55', description: 'A display label from the key' }) label!: string;
  @Bool({ description: 'false: known only from other events (its own announcement is not stored)' }) known!: boolean;
  @Strs({ example: ['title', 'elements'], description: 'What is unknown while known is false' }) unknown!: string[];
  @Instant() createdAt!: string;
  @Instant() updatedAt!: string;
  @ApiProperty({ type: [MeasureStepDto] }) timeline!: MeasureStepDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import {
  AnyJson,
  Bool,
  Enum,
  Int,
  NullableInstant,
  NullableInt,
  NullableStr,
  SOURCE_KIND_VALUES,
  Str,
} from '../../common/openapi/properties.js';

/** A source connector and its last run (GET /v1/sources). */
export class SourceStatusDto {
  @Str({ example: 'federal-register' }) name!: string;
  @Enum(SOURCE_KIND_VALUES, 'SourceKind') kind!: string;
  @Bool() enabled!: boolean;
  @NullableInt({ description: 'Minutes between scheduled runs; null: never scheduled' }) intervalMinutes!:
    | number
    | null;
  @NullableInstant() lastAttemptAt!: string | null;
  @NullableInstant() lastSuccessAt!: string | null;
  @Int() lastItemsSeen!: number;
  @Int() lastItemsNew!: number;
  @NullableStr() lastError!: string | null;
  @NullableInstant() lastErrorAt!: string | null;
  @Int() consecutiveFailures!: number;
  @AnyJson({ description: 'Connector-specific position' }) cursor!: unknown;
  @Bool({ description: 'true while a run holds the lease' }) running!: boolean;
}

/** An item that could not be parsed or ingested. */
export class ItemErrorDto {
  @Str({ description: 'Which item, e.g. policyChanges[2]' }) item!: string;
  @Str() message!: string;
}

/** What one run, replay or partner push did. */
export class RunReportDto {
  @Str({ example: 'partner-acme' }) source!: string;
  @Enum(['ok', 'failed', 'skipped'], 'RunOutcome', { description: 'skipped: another run holds the lease' })
  outcome!: string;
  @Int() payloads!: number;
  @Int() itemsSeen!: number;
  @Int() itemsNew!: number;
  @ApiProperty({ type: [ItemErrorDto] }) errors!: ItemErrorDto[];
  @NullableStr({ description: 'The run-level error, when failed' }) error!: string | null;
}

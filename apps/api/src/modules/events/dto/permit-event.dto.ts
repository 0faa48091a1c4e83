import { FanoutRefDto } from './fanout.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { PermitStatus } from '@lodestone/shared-types';
import {
  ELEMENT_PATTERN,
  ENTRY_PATTERN,
  EventDtoBase,
  HS_PATTERN,
  IsCalendarDate,
  IsInstant,
  NotBefore,
  StringList,
} from './common.js';

/** Largest `quantity.value`: the column is Decimal(20,6), 14 digits before the decimal point. */
export const MAX_QUANTITY_VALUE = 99_999_999_999_999;

/** A quantity with its unit, e.g. { value: 1500, unit: "kg" }; value positive, at most 99999999999999, 6 decimals. */
export class QuantityDto {
  @ApiProperty({ example: 1500, maximum: MAX_QUANTITY_VALUE })
  @IsNumber({}, { message: 'quantity.value must be a number with at most 6 decimals' })
  // Not IsNumber's maxDecimalPlaces: it splits the number's text at '.', and throws on 1e-7 (a 500).
  @ValidateBy({
    name: 'atMostSixDecimals',
    validator: {
      validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Number(v.toFixed(6)) === v,
      defaultMessage: () => 'quantity.value must be a number with at most 6 decimals',
    },
  })
  @IsPositive()
  @Min(0.000001, { message: 'quantity.value must be at least 0.000001 (6 decimals)' })
  @Max(MAX_QUANTITY_VALUE, { message: `quantity.value must be at most ${MAX_QUANTITY_VALUE}` })
  value!: number;

  @ApiProperty({ example: 'kg', description: 'Unit: kg, t, g, pcs …' })
  @IsString()
  @Matches(/^[A-Za-z]{1,10}$/, { message: 'quantity.unit must be a unit such as kg, t or pcs' })
  unit!: string;
}

/** One item covered by a licence. */
export class PermitItemDto {
  @ApiProperty({ example: 'Dy-containing NdFeB permanent magnets' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  description!: string;

  @StringList(ELEMENT_PATTERN, 'each value in elements must be an element symbol such as Dy', ['Dy'], 'Element symbols')
  elements?: string[];

  @ApiPropertyOptional({ example: '8505111000' })
  @IsOptional()
  @Matches(HS_PATTERN, { message: 'hsCode must be an HS / customs code of 2-10 digits' })
  hsCode?: string;

  @ApiPropertyOptional({ example: '1C905.a.4' })
  @IsOptional()
  @Matches(ENTRY_PATTERN, { message: 'controlEntry must be a control-list entry such as 1C905.a.4' })
  controlEntry?: string;
}

/**
 * A permit event to ingest: an export licence applied for, granted, denied, expiring or revoked for a named exporter.
 * (source, externalId) identifies it: sending it again changes nothing.
 */
export class PermitEventDto extends EventDtoBase {
  @ApiProperty({ enum: Object.values(PermitStatus), example: 'GRANTED' })
  @IsEnum(PermitStatus, { message: `status must be one of ${Object.values(PermitStatus).join(', ')}` })
  status!: PermitStatus;

  @ApiProperty({ example: '江西金力永磁科技股份有限公司', description: 'Exporter named on the licence (any language)' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  exporterName!: string;

  @ApiPropertyOptional({ example: 'Example Motors Inc.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  endUser?: string;

  @ApiPropertyOptional({ type: [PermitItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PermitItemDto)
  items?: PermitItemDto[];

  @IsInstant('2025-12-02T09:00:00+08:00')
  occurredAt?: string;

  @IsCalendarDate('2025-12-02', 'First day the licence is valid')
  validFrom?: string;

  @IsCalendarDate('2026-12-01', 'Last day the licence is valid; not before validFrom')
  @NotBefore('validFrom')
  validTo?: string;

  @ApiPropertyOptional({ type: QuantityDto })
  @IsOptional()
  @IsObject({ message: 'quantity must be an object such as { "value": 1500, "unit": "kg" }' })
  @ValidateNested()
  @Type(() => QuantityDto)
  quantity?: QuantityDto;
}

/** What an ingestion endpoint returns. */
export class IngestResultDto {
  @ApiProperty({ description: "Lodestone's id of the stored event" })
  id!: string;

  @ApiProperty({ description: 'false when (source, externalId) was already stored: nothing new was created' })
  created!: boolean;

  @ApiProperty({ description: 'Alerts this event has produced (new and earlier), one per matched tenant' })
  alerts!: number;

  @ApiProperty({
    description:
      'Emails queued before this answer (0 on a repeat). An event alerting more tenants than FANOUT_INLINE_MAX_ALERTS (200 by default) answers 0 here: its emails are queued after the answer, in chunks; `fanout.href` tells how far that got',
  })
  emailsQueued!: number;

  @ApiPropertyOptional({
    type: FanoutRefDto,
    description:
      'Present when this request stored a new event that alerted at least one tenant: its fan-out job (the emails and channel messages of its alerts), to follow at `href` (GET /v1/fanouts/:id)',
  })
  fanout?: FanoutRefDto;

  @ApiPropertyOptional({
    type: [String],
    example: ['title', 'action'],
    description:
      'On a repeat (created false): the fields whose value differs from the stored event, which is kept unchanged (the new values are ignored; send a correction under a new externalId). Empty when the same event was sent again. Formatting (list order, dots in customs codes) does not count.',
  })
  differs?: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PermitStatus } from '@lodestone/shared-types';
import {
  ELEMENT_PATTERN,
  ENTRY_PATTERN,
  HS_PATTERN,
  IsCalendarDate,
  IsInstant,
  JURISDICTION_PATTERN,
  SOURCE_PATTERN,
  StringList,
} from './common.js';

/** A quantity with its unit, e.g. { value: 1500, unit: "kg" }. */
export class QuantityDto {
  @ApiProperty({ example: 1500 })
  @IsNumber({ maxDecimalPlaces: 6 }, { message: 'quantity.value must be a number' })
  @IsPositive()
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
export class PermitEventDto {
  @ApiProperty({ example: 'news' })
  @IsString()
  @Matches(SOURCE_PATTERN, { message: 'source must be a lower-case slug (a-z, 0-9, . _ -), at most 64 characters' })
  source!: string;

  @ApiProperty({ example: 'reuters-2025-12-02-jl-mag' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId!: string;

  @ApiProperty({ example: 'CN' })
  @IsString()
  @Matches(JURISDICTION_PATTERN, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 code such as CN or US' })
  jurisdiction!: string;

  @ApiProperty({ example: 'MOFCOM', description: 'Licensing authority' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  issuer!: string;

  @ApiProperty({ enum: Object.values(PermitStatus), example: 'GRANTED' })
  @IsEnum(PermitStatus, { message: `status must be one of ${Object.values(PermitStatus).join(', ')}` })
  status!: PermitStatus;

  @ApiProperty({ example: 'One-year general export licence granted to JL MAG' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  summary?: string;

  @ApiPropertyOptional({
    example: '一、满足以下特性的物项，未经许可，不得出口：……（参考海关商品编号：3801100030、3801909010、6815190020）。',
    description:
      'Full text (English or Chinese), at most 200,000 characters. Tagged for elements, customs codes, control-list entries, material forms and dates; tags found only here are matched too, and alerts say so.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200000)
  body?: string;

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
  @ValidateNested({ each: true })
  @Type(() => PermitItemDto)
  items?: PermitItemDto[];

  @StringList(ELEMENT_PATTERN, 'each value in elements must be an element symbol such as Dy', ['Dy', 'Tb'], 'Element symbols')
  elements?: string[];

  @StringList(HS_PATTERN, 'each value in hsCodes must be an HS / customs code of 2-10 digits (dots allowed)', ['8505111000'], 'HS / customs codes')
  hsCodes?: string[];

  @StringList(ENTRY_PATTERN, 'each value in controlEntries must be a control-list entry such as 1C902', ['1C905'], 'Control-list entries')
  controlEntries?: string[];

  @IsInstant('2025-12-02T09:00:00+08:00')
  occurredAt?: string;

  @IsCalendarDate('2025-12-02', 'First day the licence is valid')
  validFrom?: string;

  @IsCalendarDate('2026-12-01', 'Last day the licence is valid')
  validTo?: string;

  @ApiPropertyOptional({ type: QuantityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuantityDto)
  quantity?: QuantityDto;

  @ApiPropertyOptional({ example: 'https://www.tomshardware.com/…' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'sourceUrl must be an http(s) URL' })
  @MaxLength(2000)
  sourceUrl?: string;
}

/** What an ingestion endpoint returns. */
export class IngestResultDto {
  @ApiProperty({ description: "Lodestone's id of the stored event" })
  id!: string;

  @ApiProperty({ description: 'false when (source, externalId) was already stored: nothing new was created' })
  created!: boolean;

  @ApiProperty({ description: 'Alerts this event has produced (new and earlier), one per matched tenant' })
  alerts!: number;

  @ApiProperty({ description: 'Emails queued by this call (0 on a repeat)' })
  emailsQueued!: number;
}

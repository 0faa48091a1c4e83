import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { PolicyAction } from '@lodestone/shared-types';
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

/**
 * A policy change to ingest: a control imposed, amended, suspended, reinstated or lifted; a licensing rule; a tariff.
 * (source, externalId) identifies it: sending it again changes nothing.
 */
export class PolicyChangeDto {
  @ApiProperty({ example: 'mofcom', description: 'Where it came from: lower-case slug (mofcom, federal-register, manual…)' })
  @IsString()
  @Matches(SOURCE_PATTERN, { message: 'source must be a lower-case slug (a-z, 0-9, . _ -), at most 64 characters' })
  source!: string;

  @ApiProperty({ example: 'MOFCOM-GAC-2025-18', description: "The source's own id of the event" })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId!: string;

  @ApiProperty({ example: 'CN', description: 'Jurisdiction that issued it: ISO 3166-1 alpha-2 (CN, US) or EU' })
  @IsString()
  @Matches(JURISDICTION_PATTERN, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 code such as CN or US' })
  jurisdiction!: string;

  @ApiProperty({ example: 'MOFCOM/GAC', description: 'Issuing authority (MOFCOM, GAC, BIS, USTR …)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  issuer!: string;

  @ApiProperty({ enum: Object.values(PolicyAction), example: 'IMPOSED' })
  @IsEnum(PolicyAction, { message: `action must be one of ${Object.values(PolicyAction).join(', ')}` })
  action!: PolicyAction;

  @ApiProperty({ example: 'Export licences required for seven medium and heavy rare earths' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ example: 'Sm, Gd, Tb, Dy, Lu, Sc and Y items need a dual-use export licence.' })
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

  @ApiPropertyOptional({ example: 'MOFCOM/GAC Announcement 2025 No. 18' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @IsInstant('2025-04-04T00:00:00+08:00')
  publishedAt?: string;

  @IsCalendarDate('2025-04-04', 'Date the measure takes effect')
  effectiveDate?: string;

  @IsCalendarDate('2026-11-10', 'Date a suspension or temporary measure ends')
  endDate?: string;

  @StringList(ELEMENT_PATTERN, 'each value in elements must be an element symbol such as Dy', ['Sm', 'Dy'], 'Element symbols')
  elements?: string[];

  @StringList(HS_PATTERN, 'each value in hsCodes must be an HS / customs code of 2-10 digits (dots allowed)', ['2846901940'], 'HS / customs codes')
  hsCodes?: string[];

  @StringList(ENTRY_PATTERN, 'each value in controlEntries must be a control-list entry such as 1C902 or 1C902.a.1', ['1C902', '1C905.b'], 'Control-list entries')
  controlEntries?: string[];

  @StringList(/^.+$/, 'each value in affects must be an externalId', ['MOFCOM-GAC-2025-57'], 'externalIds (same source) of measures this one suspends, amends, reinstates or lifts')
  affects?: string[];

  @StringList(JURISDICTION_PATTERN, 'each value in destinations must be an ISO 3166-1 alpha-2 code', ['US'], 'Destinations targeted; empty means all')
  destinations?: string[];

  @ApiPropertyOptional({ example: 'https://www.mofcom.gov.cn/zcfb/zc/art/2025/art_a6ea0f03b9be475a9d06ee9d088d605d.html' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'sourceUrl must be an http(s) URL' })
  @MaxLength(2000)
  sourceUrl?: string;
}

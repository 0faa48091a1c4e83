import { applyDecorators } from '@nestjs/common';
import { IsJurisdiction } from '../../../common/dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';

/** An instant: ISO-8601 date-time with a zone, e.g. 2025-04-04T12:00:00+08:00. */
export function IsInstant(example: string) {
  return applyDecorators(
    ApiPropertyOptional({ example, description: 'ISO-8601 date-time with zone (Z or ±hh:mm)' }),
    IsOptional(),
    IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 date-time' }),
    Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, { message: '$property must include a time and a zone (Z or ±hh:mm)' }),
  );
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date without time: YYYY-MM-DD. */
export function IsCalendarDate(example: string, description: string) {
  return applyDecorators(
    ApiPropertyOptional({ example, description: `${description} (YYYY-MM-DD, a date without time)` }),
    IsOptional(),
    Matches(CALENDAR_DATE, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a valid calendar date' }),
  );
}

/**
 * A calendar date (YYYY-MM-DD) that must not be before the date in the property `earlier` of the same object, e.g. an
 * end date not before its start date. The same day is allowed. Checked only when both are dates (a malformed one is
 * reported by {@link IsCalendarDate}).
 */
export function NotBefore(earlier: string) {
  return ValidateBy({
    name: 'notBefore',
    constraints: [earlier],
    validator: {
      validate: (value: unknown, args) => {
        const other = (args?.object as Record<string, unknown> | undefined)?.[earlier];
        const dates =
          typeof value === 'string' &&
          typeof other === 'string' &&
          CALENDAR_DATE.test(value) &&
          CALENDAR_DATE.test(other);
        return !dates || value >= other;
      },
      defaultMessage: (args) => `${args?.property} must not be before ${earlier}`,
    },
  });
}

/** Optional string list with per-item pattern. */
export function StringList(pattern: RegExp, message: string, example: string[], description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], example, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(500),
    IsString({ each: true }),
    MaxLength(64, { each: true }),
    Matches(pattern, { each: true, message }),
  );
}

/**
 * Trims surrounding whitespace of a string (or of each string of a list) before validation, so that " U-14 " and
 * "U-14" name the same event wherever a DTO is built (HTTP, source connectors, the ingest CLI). Other values pass
 * unchanged (and fail their type check).
 */
export function Trimmed() {
  const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
  return Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(trim) : trim(value)));
}

export const SOURCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const JURISDICTION_PATTERN = /^[A-Z]{2}(-[A-Z]{2})?$|^EU$|^WCO$/;
export const ELEMENT_PATTERN = /^[A-Z][a-z]?$/;
export const HS_PATTERN = /^\d{2,4}([ .]?\d{2}){0,3}$/;
export const ENTRY_PATTERN = /^\d[A-Ea-e]\d{3}(\.[a-z0-9-]+)*$/i;

/**
 * Fields every ingested event has. (source, externalId) identifies an event: sending it again changes nothing.
 */
export abstract class EventDtoBase {
  @ApiProperty({
    example: 'mofcom',
    description: 'Where it came from: lower-case slug (mofcom, federal-register, news, manual…)',
  })
  @IsString()
  @Matches(SOURCE_PATTERN, { message: 'source must be a lower-case slug (a-z, 0-9, . _ -), at most 64 characters' })
  source!: string;

  @ApiProperty({
    example: 'MOFCOM-GAC-2025-18',
    description: "The source's own id of the event; surrounding whitespace is removed",
  })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId!: string;

  @ApiProperty({ example: 'CN', description: 'Jurisdiction that issued it: ISO 3166-1 alpha-2 (CN, US) or EU' })
  @IsString()
  @IsJurisdiction('jurisdiction must be an assigned ISO 3166-1 alpha-2 country code such as CN or US (or EU, WCO)')
  jurisdiction!: string;

  @ApiProperty({ example: 'MOFCOM/GAC', description: 'Issuing or licensing authority (MOFCOM, GAC, BIS, USTR …)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  issuer!: string;

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

  @StringList(
    ELEMENT_PATTERN,
    'each value in elements must be an element symbol such as Dy',
    ['Sm', 'Dy'],
    'Element symbols',
  )
  elements?: string[];

  @StringList(
    HS_PATTERN,
    'each value in hsCodes must be an HS / customs code of 2-10 digits (dots allowed)',
    ['2846901940'],
    'HS / customs codes',
  )
  hsCodes?: string[];

  @StringList(
    ENTRY_PATTERN,
    'each value in controlEntries must be a control-list entry such as 1C902 or 1C902.a.1',
    ['1C902', '1C905.b'],
    'Control-list entries',
  )
  controlEntries?: string[];

  @ApiPropertyOptional({
    example: 'https://www.mofcom.gov.cn/zcfb/zc/art/2025/art_a6ea0f03b9be475a9d06ee9d088d605d.html',
  })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'sourceUrl must be an http(s) URL' },
  )
  @MaxLength(2000)
  sourceUrl?: string;
}

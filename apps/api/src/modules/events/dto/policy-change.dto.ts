import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { PolicyAction } from '@lodestone/shared-types';
import { IsJurisdiction } from '../../../common/dto.js';
import {
  EventDtoBase,
  IsCalendarDate,
  IsInstant,
  JURISDICTION_PATTERN,
  NotBefore,
  StringList,
  Trimmed,
} from './common.js';

/** A list of external ids that must not hold the event's own `externalId` (a measure cannot suspend itself). */
function NotOwnExternalId() {
  return ValidateBy({
    name: 'notOwnExternalId',
    validator: {
      validate: (value: unknown, args) =>
        !Array.isArray(value) || !value.includes((args?.object as { externalId?: unknown } | undefined)?.externalId),
      defaultMessage: (args) =>
        `${args?.property} must not list the event's own externalId "${String((args?.object as { externalId?: unknown } | undefined)?.externalId)}"`,
    },
  });
}

/**
 * A policy change to ingest: a control imposed, amended, suspended, reinstated or lifted; a licensing rule; a tariff.
 * (source, externalId) identifies it: sending it again changes nothing.
 */
export class PolicyChangeDto extends EventDtoBase {
  @ApiProperty({ enum: Object.values(PolicyAction), example: 'IMPOSED' })
  @IsEnum(PolicyAction, { message: `action must be one of ${Object.values(PolicyAction).join(', ')}` })
  action!: PolicyAction;

  @ApiPropertyOptional({ example: 'MOFCOM/GAC Announcement 2025 No. 18' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @IsInstant('2025-04-04T00:00:00+08:00')
  publishedAt?: string;

  @IsCalendarDate(
    '2025-01-16',
    'Date of publication, when the source gives only a date (Federal Register publication_date)',
  )
  publishedOn?: string;

  @IsCalendarDate('2025-04-04', 'Date the measure takes effect')
  effectiveDate?: string;

  @IsCalendarDate('2026-11-10', 'Date a suspension or temporary measure ends; not before effectiveDate')
  @NotBefore('effectiveDate')
  endDate?: string;

  @StringList(
    /^.+$/,
    'each value in affects must be an externalId',
    ['MOFCOM-GAC-2025-57'],
    'externalIds (same source) of measures this one suspends, amends, reinstates or lifts; not its own',
  )
  @Trimmed()
  @NotOwnExternalId()
  affects?: string[];

  @StringList(
    JURISDICTION_PATTERN,
    'each value in destinations must be an ISO 3166-1 alpha-2 code',
    ['US'],
    'Destinations targeted; empty means all',
  )
  @IsJurisdiction('each value in destinations must be an assigned ISO 3166-1 alpha-2 country code (or EU)', {
    each: true,
  })
  destinations?: string[];

  @ApiPropertyOptional({
    example: true,
    default: true,
    description: 'false for news reports: kept and matched, never presented as an official measure',
  })
  @IsOptional()
  @IsBoolean({ message: 'official must be true or false' })
  official?: boolean;
}

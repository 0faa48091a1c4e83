import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** An instant: ISO-8601 date-time with a zone, e.g. 2025-04-04T12:00:00+08:00. */
export function IsInstant(example: string) {
  return applyDecorators(
    ApiPropertyOptional({ example, description: 'ISO-8601 date-time with zone (Z or ±hh:mm)' }),
    IsOptional(),
    IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 date-time' }),
    Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, { message: '$property must include a time and a zone (Z or ±hh:mm)' }),
  );
}

/** A calendar date without time: YYYY-MM-DD. */
export function IsCalendarDate(example: string, description: string) {
  return applyDecorators(
    ApiPropertyOptional({ example, description: `${description} (YYYY-MM-DD, a date without time)` }),
    IsOptional(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a valid calendar date' }),
  );
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

export const SOURCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const JURISDICTION_PATTERN = /^[A-Z]{2}(-[A-Z]{2})?$|^EU$|^WCO$/;
export const ELEMENT_PATTERN = /^[A-Z][a-z]?$/;
export const HS_PATTERN = /^\d{2,4}([ .]?\d{2}){0,3}$/;
export const ENTRY_PATTERN = /^\d[A-Ea-e]\d{3}(\.[a-z0-9-]+)*$/i;

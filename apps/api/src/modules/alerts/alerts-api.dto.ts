import { ApiPropertyOptional, ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from './alerts-export.js';

export const SEVERITIES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;

/** GET /v1/alerts query. Dates are ISO-8601 instants with a zone (e.g. 2025-04-01T00:00:00Z); `from` inclusive, `to` exclusive. */
export class ListAlertsQueryDto {
  @ApiPropertyOptional({ example: 'Dy', description: 'alerts with a reason about this element (symbol)' })
  @IsOptional()
  @Matches(/^[A-Z][a-z]?$/, { message: 'element must be an element symbol such as Dy' })
  element?: string;
  @ApiPropertyOptional({ description: 'supplier id: alerts whose reasons name this supplier' })
  @IsOptional()
  @IsUUID()
  supplierId?: string;
  @ApiPropertyOptional({
    example: 'me',
    description:
      "alerts assigned to this person: a user id (UUID) of the tenant, 'me' (the signed-in user; not for API tokens) or 'none' (unassigned)",
  })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: "assignee must be 'me', 'none' or a user id (UUID)",
  })
  assignee?: string;
  @ApiPropertyOptional({ enum: SEVERITIES, enumName: 'Severity', description: 'exactly this severity' })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: (typeof SEVERITIES)[number];
  @ApiPropertyOptional({ enum: ALERT_STATUSES, enumName: 'AlertStatus', description: 'exactly this status' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: (typeof ALERT_STATUSES)[number];
  @ApiPropertyOptional({ example: '2025-04-01T00:00:00Z', description: 'created at or after (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'from must carry a time zone (Z or ±hh:mm)' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'created before (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'to must carry a time zone (Z or ±hh:mm)' })
  to?: string;
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200, description: 'page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ description: "the previous page's nextCursor" }) @IsOptional() @IsUUID() cursor?: string;
}

/** POST /v1/alerts/:id/assign body: a user of the same tenant, or null to unassign. */
export class AssignAlertDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null unassigns' })
  @ValidateIf((o: AssignAlertDto) => o.userId !== null)
  @IsUUID()
  userId!: string | null;
}

/** POST /v1/alerts/:id/comments body. */
export class CommentAlertDto {
  @ApiProperty({ example: 'Asked JL MAG for their licence number.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  text!: string;
}

/** POST /v1/alerts/:id/status body. */
export class AlertStatusDto {
  @ApiProperty({ enum: ALERT_STATUSES, enumName: 'AlertStatus' })
  @IsIn(ALERT_STATUSES)
  status!: (typeof ALERT_STATUSES)[number];
}

/** GET /v1/alerts/export query: the list filters (no limit or cursor: every matching alert) and the file format. */
export class ExportAlertsQueryDto extends OmitType(ListAlertsQueryDto, ['limit', 'cursor'] as const) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description: 'csv (UTF-8 with BOM) or xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}

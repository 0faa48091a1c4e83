import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { SEVERITY_VALUES } from '../../common/openapi/properties.js';
import { CHANNEL_EVENT_TYPES } from './messages.js';

export const CHANNEL_KIND_VALUES = ['WEBHOOK', 'SLACK', 'TEAMS'] as const;

/** POST /v1/webhooks body. */
export class CreateEndpointDto {
  @ApiPropertyOptional({
    enum: CHANNEL_KIND_VALUES,
    enumName: 'ChannelKind',
    default: 'WEBHOOK',
    description:
      'WEBHOOK: signed JSON (Standard Webhooks); SLACK: an incoming-webhook URL; TEAMS: a Workflows webhook URL',
  })
  @IsOptional()
  @IsIn(CHANNEL_KIND_VALUES)
  kind?: (typeof CHANNEL_KIND_VALUES)[number];
  @ApiProperty({ example: 'ERP integration', maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({
    example: 'https://erp.example.com/hooks/lodestone',
    description:
      'https:// URL; its host must resolve to public addresses only (private, loopback, link-local and unique-local targets are refused unless WEBHOOK_ALLOW_PRIVATE=true)',
  })
  @IsString()
  @MaxLength(2000)
  url!: string;
  @ApiPropertyOptional({ type: [String], enum: CHANNEL_EVENT_TYPES, default: [...CHANNEL_EVENT_TYPES] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsIn(CHANNEL_EVENT_TYPES, { each: true })
  eventTypes?: string[];
  @ApiPropertyOptional({
    enum: SEVERITY_VALUES,
    enumName: 'Severity',
    default: 'INFO',
    description: 'alerts below it are not sent',
  })
  @IsOptional()
  @IsIn(SEVERITY_VALUES)
  minSeverity?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

/** PATCH /v1/webhooks/:id body: the fields to change (the kind cannot change). */
export class UpdateEndpointDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ description: 'as on create; checked again' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;
  @ApiPropertyOptional({ type: [String], enum: CHANNEL_EVENT_TYPES })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsIn(CHANNEL_EVENT_TYPES, { each: true })
  eventTypes?: string[];
  @ApiPropertyOptional({ enum: SEVERITY_VALUES, enumName: 'Severity' })
  @IsOptional()
  @IsIn(SEVERITY_VALUES)
  minSeverity?: string;
  @ApiPropertyOptional({ description: 'true also clears a disabled state (failures counted afresh)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** GET /v1/webhooks/:id/deliveries query. */
export class EndpointDeliveriesQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200, description: 'page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ description: "the previous page's nextCursor" }) @IsOptional() @IsUUID() cursor?: string;
}

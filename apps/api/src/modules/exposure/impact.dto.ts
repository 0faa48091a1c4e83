import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
  ValidateIf,
} from 'class-validator';

export const IMPACT_STATUSES = ['POTENTIAL', 'CONFIRMED', 'NO_IMPACT', 'RESOLVED'] as const;

/** PUT /v1/exposure/measures/:key/impact body. */
export class SetImpactDto {
  @ApiProperty({ enum: IMPACT_STATUSES, example: 'CONFIRMED' })
  @IsIn(IMPACT_STATUSES)
  status!: (typeof IMPACT_STATUSES)[number];

  @ApiPropertyOptional({
    example: 90,
    description: 'days; required when status is CONFIRMED',
    minimum: 1,
    maximum: 3650,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expectedDurationDays?: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'an active user of the tenant' })
  @IsOptional()
  @ValidateIf((o: SetImpactDto) => o.ownerId !== null)
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ example: 'Dy stock covers 10 weeks; second source in qualification.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** PUT /v1/alerts/:id/applicability body. */
export class SetApplicabilityDto {
  @ApiProperty({ description: 'true: applies to us; false: does not apply' })
  @IsBoolean()
  applies!: boolean;

  @ApiProperty({ example: 'We buy no Dy metal; our magnets come finished from the EU.', minLength: 1, maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class ImpactDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: 'MOFCOM-GAC-2025-18' }) measureKey!: string;
  @ApiProperty({ enum: IMPACT_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: Number }) expectedDurationDays!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) ownerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ description: 'ISO-8601 UTC' }) createdAt!: string;
  @ApiProperty({ description: 'ISO-8601 UTC' }) updatedAt!: string;
}

export class ImpactChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: Object }) before!: object | null;
  @ApiProperty({ type: Object }) after!: object;
  @ApiProperty({ description: 'ISO-8601 UTC' }) createdAt!: string;
}

/** GET /v1/exposure/measures/:key/impact. */
export class ImpactWithHistoryDto {
  @ApiProperty({ example: 'MOFCOM-GAC-2025-18' }) measureKey!: string;
  @ApiProperty({ type: ImpactDto, nullable: true }) impact!: ImpactDto | null;
  @ApiProperty({ type: [ImpactChangeDto], description: 'oldest first' }) history!: ImpactChangeDto[];
}

export class ApplicabilityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ nullable: true, type: Boolean }) applies!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) appliesReason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) appliesSetById!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO-8601 UTC' }) appliesSetAt!: string | null;
}

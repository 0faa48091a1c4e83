import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MeasureStatus } from '../../generated/prisma/enums.js';

export const MEASURE_STATUSES = Object.values(MeasureStatus);

/** GET /v1/measures query. */
export class ListMeasuresQueryDto {
  @ApiPropertyOptional({
    enum: MEASURE_STATUSES,
    enumName: 'MeasureStatus',
    description: 'current status of the measure',
  })
  @IsOptional()
  @IsIn(MEASURE_STATUSES)
  status?: MeasureStatus;

  @ApiPropertyOptional({
    example: 'Dy',
    description: 'measures an event of whose timeline names this element (symbol, see GET /v1/elements)',
  })
  @IsOptional()
  @Matches(/^[A-Z][a-z]?$/, { message: 'element must be an element symbol such as Dy' })
  element?: string;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200, description: 'page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: "the previous page's nextCursor (opaque)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** POST /v1/supplier-name-decisions body: a buyer's answer to a possible supplier match (reason via SUPPLIER_POSSIBLE). */
export class DecideSupplierNameDto {
  @ApiProperty({ description: "The supplier's id (the reason's subject.supplierId)", format: 'uuid' })
  @IsUUID()
  supplierId!: string;

  @ApiProperty({
    description: "The company name as the event gave it (the reason's matched.value)",
    example: 'Neo Materials',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  name!: string;

  @ApiProperty({ enum: ['CONFIRMED', 'REJECTED'] })
  @IsIn(['CONFIRMED', 'REJECTED'])
  decision!: 'CONFIRMED' | 'REJECTED';
}

/** A remembered decision. */
export class SupplierNameDecisionDto {
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty({ example: 'Neo Materials' }) name!: string;
  @ApiProperty({
    description: 'Normalised key: the decision applies to every spelling of the name',
    example: 'neo material',
  })
  nameKey!: string;
  @ApiProperty({ enum: ['CONFIRMED', 'REJECTED'] }) decision!: 'CONFIRMED' | 'REJECTED';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ description: 'ISO-8601 UTC', example: '2026-11-29T22:15:00.000Z' }) decidedAt!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { Enum, Instant, Int, NullableEnum, NullableStr, Str, Strs, Uuid } from '../../common/openapi/properties.js';
import { MASS_UNITS, QUANTITY_UNITS } from './parts.dto.js';

/** Money: a decimal string in major units and its ISO 4217 currency. */
export class MoneyDto {
  @Str({ example: '1850000.00', description: 'Decimal string, major units' }) amount!: string;
  @Str({ example: 'EUR', description: 'ISO 4217' }) currency!: string;
}

/** A quantity (decimal string) with its unit: pieces or kilograms. */
export class QuantityDto {
  @Str({ example: '240000' }) amount!: string;
  @Enum(QUANTITY_UNITS, 'QuantityUnit') unit!: string;
}

/** One material of a part. */
export class PartMaterialDto {
  @NullableStr({ example: 'Dy' }) elementSymbol!: string | null;
  @NullableStr({ example: 'NDFEB_MAGNET' }) materialForm!: string | null;
  @NullableStr({ example: '4.5', description: 'Mass of the element per piece, in massUnit (decimal string)' })
  massPerUnit!: string | null;
  @NullableEnum(MASS_UNITS, 'MassUnit') massUnit!: string | null;
  @NullableStr({ example: '0.045', description: "Share of the part's unit mass, 0..1 (decimal string)" })
  massFraction!: string | null;
}

/** A supplier of a part. */
export class PartSupplierDto {
  @Uuid() supplierId!: string;
  @Str({ example: 'JL MAG Rare-Earth Co., Ltd.' }) name!: string;
  @NullableStr({ example: '0.7', description: 'Share of volume 0..1 (decimal string)' }) shareOfVolume!: string | null;
}

/** A product a part goes into. */
export class PartProductDto {
  @Uuid() productId!: string;
  @Str({ example: 'EDU-150' }) code!: string;
  @Str() name!: string;
  @Str({ example: '2', description: 'Pieces (or kg) per product' }) quantityPerProduct!: string;
}

/** A part of the tenant's bill of materials. */
export class PartDto {
  @Uuid() id!: string;
  @Uuid() tenantId!: string;
  @Str({ example: 'MAG-TM-0150' }) partNumber!: string;
  @NullableStr() description!: string | null;
  @NullableStr({ example: '8505111000' }) hsCode!: string | null;
  @Strs() sites!: string[];
  @NullableStr({ example: '0.12', description: 'Mass of one piece in unitMassUnit (decimal string)' })
  unitMass!: string | null;
  @NullableEnum(MASS_UNITS, 'MassUnit') unitMassUnit!: string | null;
  @ApiProperty({ type: QuantityDto, nullable: true }) annualQuantity!: QuantityDto | null;
  @ApiProperty({ type: MoneyDto, nullable: true }) annualSpend!: MoneyDto | null;
  @ApiProperty({ type: [PartMaterialDto] }) materials!: PartMaterialDto[];
  @ApiProperty({ type: [PartSupplierDto] }) suppliers!: PartSupplierDto[];
  @ApiProperty({ type: [PartProductDto] }) products!: PartProductDto[];
  @Instant() createdAt!: string;
  @Instant() updatedAt!: string;
}

/** A finished good of the tenant. */
export class ProductDto {
  @Uuid() id!: string;
  @Uuid() tenantId!: string;
  @Str({ example: 'EDU-150' }) code!: string;
  @Str({ example: '150 kW traction drive unit' }) name!: string;
  @NullableStr() description!: string | null;
  @Int({ description: 'Parts going into it' }) partCount!: number;
  @Instant() createdAt!: string;
  @Instant() updatedAt!: string;
}

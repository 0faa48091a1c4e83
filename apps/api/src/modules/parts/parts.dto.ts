import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { DECIMAL, isCurrencyCode } from '../../common/quantities.js';

export const QUANTITY_UNITS = ['PCS', 'KG'] as const;
export const MASS_UNITS = ['MG', 'G', 'KG'] as const;

const IsCurrency = () =>
  ValidateBy({
    name: 'isCurrency',
    validator: {
      validate: isCurrencyCode,
      defaultMessage: () => 'currency must be an ISO 4217 currency code in capitals, e.g. EUR, USD, JPY',
    },
  });

/** One material of a part: an element, a material form, or an element within a form, with its mass per piece. */
export class PartMaterialInputDto {
  @ApiPropertyOptional({ example: 'Dy', description: 'Element symbol (GET /v1/elements)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][a-z]?$/, { message: 'elementSymbol must be an element symbol such as Dy' })
  elementSymbol?: string;
  @ApiPropertyOptional({ example: 'NDFEB_MAGNET', description: 'Material form code (GET /v1/material-forms)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'materialForm must be a material form code such as NDFEB_MAGNET' })
  materialForm?: string;
  @ApiPropertyOptional({ example: 4.5, description: "The element's mass per piece of the part, in massUnit" })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 6 }, { message: 'massPerUnit must be a number with at most 6 decimals' })
  @Min(0)
  @Max(1e9)
  massPerUnit?: number;
  @ApiPropertyOptional({ enum: MASS_UNITS, description: 'Unit of massPerUnit (per piece); required with it' })
  @IsOptional()
  @IsIn(MASS_UNITS)
  massUnit?: (typeof MASS_UNITS)[number];
  @ApiPropertyOptional({
    example: 0.045,
    description: "The element's share of the part's unit mass (0..1); needs the part's unitMass",
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 8 }, { message: 'massFraction must be a number with at most 8 decimals' })
  @Min(0)
  @Max(1)
  massFraction?: number;
}

/** A supplier of a part: one of the tenant's suppliers (GET /v1/suppliers) and its share of the part's volume. */
export class PartSupplierInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "supplierId must be the id of one of the tenant's suppliers" })
  supplierId!: string;
  @ApiPropertyOptional({ example: 0.7, description: "Share of the part's volume, 0..1" })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 }, { message: 'shareOfVolume must be a number with at most 4 decimals' })
  @Min(0)
  @Max(1)
  shareOfVolume?: number;
}

/** A product (GET /v1/products) the part goes into, with pieces (or kg) per product. */
export class PartProductInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "productId must be the id of one of the tenant's products" })
  productId!: string;
  @ApiProperty({ example: 2, description: 'Pieces of the part (kg when its quantity unit is KG) per product' })
  @IsNumber({ maxDecimalPlaces: 6 }, { message: 'quantityPerProduct must be a number with at most 6 decimals' })
  @Min(0.000001)
  @Max(1e9)
  quantityPerProduct!: number;
}

/**
 * POST /v1/parts body. `annualSpend` is a decimal string in major units with `currency` (ISO 4217); `unitMass` with
 * `unitMassUnit`; `annualQuantity` in `quantityUnit` (PCS default, or KG for bulk materials). Lists replace on PATCH.
 */
export class CreatePartDto {
  @ApiProperty({ example: 'MAG-TM-0150', description: 'Unique per tenant' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'partNumber must not be blank' })
  partNumber!: string;
  @ApiPropertyOptional({ example: 'Sintered NdFeB rotor magnet, grain-boundary diffused (Dy)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
  @ApiPropertyOptional({ example: '8505111000', description: 'HS or customs code, 4-10 digits, no dots' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4,10}$/, { message: 'hsCode must be 4 to 10 digits (no dots or spaces)' })
  hsCode?: string;
  @ApiPropertyOptional({ type: [String], example: ['Leipzig'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  sites?: string[];
  @ApiPropertyOptional({ example: 0.12, description: 'Mass of one piece, in unitMassUnit' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 6 }, { message: 'unitMass must be a number with at most 6 decimals' })
  @Min(0)
  @Max(1e9)
  unitMass?: number;
  @ApiPropertyOptional({ enum: MASS_UNITS })
  @IsOptional()
  @IsIn(MASS_UNITS)
  unitMassUnit?: (typeof MASS_UNITS)[number];
  @ApiPropertyOptional({ example: 240000, description: 'Quantity bought per year, in quantityUnit' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 }, { message: 'annualQuantity must be a number with at most 4 decimals' })
  @Min(0)
  @Max(1e14)
  annualQuantity?: number;
  @ApiPropertyOptional({ enum: QUANTITY_UNITS, default: 'PCS' })
  @IsOptional()
  @IsIn(QUANTITY_UNITS)
  quantityUnit?: (typeof QUANTITY_UNITS)[number];
  @ApiPropertyOptional({ example: '1850000.00', description: 'Annual spend in major units, a decimal string' })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'annualSpend must be a decimal string such as "1850000.00" (at most 6 decimals)' })
  annualSpend?: string;
  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217; required with annualSpend' })
  @IsOptional()
  @IsCurrency()
  currency?: string;
  @ApiPropertyOptional({ type: [PartMaterialInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartMaterialInputDto)
  materials?: PartMaterialInputDto[];
  @ApiPropertyOptional({ type: [PartSupplierInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartSupplierInputDto)
  suppliers?: PartSupplierInputDto[];
  @ApiPropertyOptional({ type: [PartProductInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PartProductInputDto)
  products?: PartProductInputDto[];
}

/** PATCH /v1/parts/:id body: any field of {@link CreatePartDto}; a list given replaces the stored one. */
export class UpdatePartDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) partNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\d{4,10}$/, { message: 'hsCode must be 4 to 10 digits (no dots or spaces)' })
  hsCode?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  sites?: string[];
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 6 }, { message: 'unitMass must be a number with at most 6 decimals' })
  @Min(0)
  @Max(1e9)
  unitMass?: number;
  @ApiPropertyOptional({ enum: MASS_UNITS }) @IsOptional() @IsIn(MASS_UNITS) unitMassUnit?: (typeof MASS_UNITS)[number];
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 }, { message: 'annualQuantity must be a number with at most 4 decimals' })
  @Min(0)
  @Max(1e14)
  annualQuantity?: number;
  @ApiPropertyOptional({ enum: QUANTITY_UNITS })
  @IsOptional()
  @IsIn(QUANTITY_UNITS)
  quantityUnit?: (typeof QUANTITY_UNITS)[number];
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'annualSpend must be a decimal string such as "1850000.00" (at most 6 decimals)' })
  annualSpend?: string;
  @ApiPropertyOptional() @IsOptional() @IsCurrency() currency?: string;
  @ApiPropertyOptional({ type: [PartMaterialInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartMaterialInputDto)
  materials?: PartMaterialInputDto[];
  @ApiPropertyOptional({ type: [PartSupplierInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartSupplierInputDto)
  suppliers?: PartSupplierInputDto[];
  @ApiPropertyOptional({ type: [PartProductInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PartProductInputDto)
  products?: PartProductInputDto[];
}

/** A part row of an import: suppliers and products are named (exact English legal name; product code). */
export class ImportPartSupplierDto {
  @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 }, { message: 'shareOfVolume must be a number with at most 4 decimals' })
  @Min(0)
  @Max(1)
  shareOfVolume?: number;
}
export class ImportPartProductDto {
  @IsString() @MinLength(1) @MaxLength(100) code!: string;
  @IsNumber({ maxDecimalPlaces: 6 }, { message: 'quantityPerProduct must be a number with at most 6 decimals' })
  @Min(0.000001)
  @Max(1e9)
  quantityPerProduct!: number;
}
/** One CSV/XLSX row of POST /v1/parts/import after its cells are read (see parts-import.ts). */
export class ImportPartRowDto extends CreatePartDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ImportPartSupplierDto)
  supplierNames?: ImportPartSupplierDto[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ImportPartProductDto)
  productCodes?: ImportPartProductDto[];
}

/** POST /v1/products body. */
export class CreateProductDto {
  @ApiProperty({ example: 'EDU-150', description: 'Product code, unique per tenant' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'code must not be blank' })
  code!: string;
  @ApiProperty({ example: '150 kW traction drive unit' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
}

/** PATCH /v1/products/:id body. */
export class UpdateProductDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(300) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
}

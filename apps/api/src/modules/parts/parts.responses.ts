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

const SOURCING_VALUES = [
  'SOLE_SOURCED_FROM_AFFECTED',
  'DUAL_SOURCED_WITH_UNAFFECTED',
  'SINGLE_SOURCED',
  'NO_SUPPLIER_ON_FILE',
] as const;

/** What in the event the reason matched. */
export class PartReasonMatchedDto {
  @Str({ example: 'controlEntries' }) field!: string;
  @Str({ example: '1C905.a.4' }) value!: string;
}

/** Why an event reaches a part. */
export class PartReasonDto {
  @Enum(['MATERIAL', 'HS_CODE', 'SUPPLIER'], 'PartReasonVia') via!: string;
  @Str({
    example:
      'Part MAG-1 (contains dysprosium (Dy)) matched control-list entry 1C905.a.4 in MOFCOM/GAC Announcement 2025 No. 18',
  })
  text!: string;
  @ApiProperty({ type: String, required: false, example: 'Dy' }) element?: string;
  @ApiProperty({ type: PartReasonMatchedDto, required: false }) matched?: PartReasonMatchedDto;
}

/** An affected supplier of a part. */
export class AffectedSupplierDto {
  @Uuid() supplierId!: string;
  @Str() name!: string;
  @NullableStr({ description: 'Share of volume 0..1' }) shareOfVolume!: string | null;
}

/** Element mass per year in one part. */
export class PartElementMassDto {
  @Str({ example: 'Dy' }) symbol!: string;
  @NullableStr({ example: '288.000', description: 'kg/year; null when unknown (see unknownReason)' })
  kgPerYear!: string | null;
  @ApiProperty({ type: String, required: false, example: 'no annual quantity on file' }) unknownReason?: string;
}

/** One affected part. */
export class AffectedPartDto {
  @Uuid() partId!: string;
  @Str() partNumber!: string;
  @NullableStr() description!: string | null;
  @ApiProperty({ type: [PartReasonDto] }) reasons!: PartReasonDto[];
  @Enum(SOURCING_VALUES, 'SourcingSituation') sourcing!: string;
  @ApiProperty({ type: [AffectedSupplierDto] }) affectedSuppliers!: AffectedSupplierDto[];
  @NullableStr({ description: 'Share of volume from unaffected suppliers (0..1); null when unknown' })
  unaffectedShare!: string | null;
  @ApiProperty({ type: MoneyDto, nullable: true }) annualSpend!: MoneyDto | null;
  @ApiProperty({ type: QuantityDto, nullable: true }) annualQuantity!: QuantityDto | null;
  @ApiProperty({ type: [PartElementMassDto] }) elementMass!: PartElementMassDto[];
  @ApiProperty({ type: [PartProductDto] }) products!: PartProductDto[];
}

/** Element mass at risk per year over the affected parts. */
export class ElementMassAtRiskDto {
  @Str({ example: 'Dy' }) symbol!: string;
  @Str({ example: '288.000', description: 'kg/year over the parts whose mass is known' }) kgPerYear!: string;
  @Int() parts!: number;
  @Int({ description: 'Parts left out of kgPerYear because their mass or quantity is unknown' })
  partsWithUnknownMass!: number;
}

/** Affected parts per sourcing situation. */
export class SourcingCountsDto {
  @Int() SOLE_SOURCED_FROM_AFFECTED!: number;
  @Int() DUAL_SOURCED_WITH_UNAFFECTED!: number;
  @Int() SINGLE_SOURCED!: number;
  @Int() NO_SUPPLIER_ON_FILE!: number;
}

/** An affected supplier and the affected parts it is the sole source of. */
export class SoleSourceDto {
  @Uuid() supplierId!: string;
  @Str() name!: string;
  @Int() parts!: number;
}

/** The impact on the bill of materials, without the list of parts. */
export class PartsImpactSummaryDto {
  @Int() parts!: number;
  @Int() products!: number;
  @ApiProperty({ type: [MoneyDto], description: 'Per currency, never summed across currencies' })
  annualSpend!: MoneyDto[];
  @Int({ description: 'Affected parts without an annual spend on file' }) partsWithoutSpend!: number;
  @ApiProperty({ type: [QuantityDto] }) annualQuantity!: QuantityDto[];
  @ApiProperty({ type: [ElementMassAtRiskDto] }) elementMass!: ElementMassAtRiskDto[];
  @ApiProperty({ type: SourcingCountsDto }) sourcing!: SourcingCountsDto;
  @ApiProperty({ type: [SoleSourceDto] }) soleSourcedFrom!: SoleSourceDto[];
  @Str({ example: '12 parts in 3 products, EUR 4.2 M annual spend, 2 parts sole-sourced from JL MAG' })
  headline!: string;
}

/** The impact on the bill of materials with every affected part. */
export class PartsImpactDto extends PartsImpactSummaryDto {
  @ApiProperty({ type: [AffectedPartDto] }) affectedParts!: AffectedPartDto[];
}

/** A part an alternative supplier already supplies. */
export class SuppliedPartDto {
  @Uuid() partId!: string;
  @Str() partNumber!: string;
  @NullableStr({ description: 'Its share of the part volume, 0..1' }) shareOfVolume!: string | null;
}

/** One of the tenant's suppliers outside the controlling jurisdiction that already supplies the element or form. */
export class OwnAlternativeDto {
  @Uuid() supplierId!: string;
  @Str() name!: string;
  @NullableStr({ example: 'CA' }) country!: string | null;
  @ApiProperty({ type: [SuppliedPartDto] }) supplies!: SuppliedPartDto[];
  @Strs({ description: 'The facts it rests on (the tenant’s own records)' }) evidence!: string[];
}

/** Sources of a reference producer's facts. */
export class ProducerSourcesDto {
  @Strs() country!: string[];
  @Strs() role!: string[];
}

/** A screening-list entry of a producer's exact name. */
export class ProducerScreeningEntryDto {
  @Str() listName!: string;
  @NullableStr() sourceListUrl!: string | null;
}

/** Screening of a producer against the stored lists (exact names). */
export class ProducerScreeningDto {
  @ApiProperty({ type: Boolean }) listed!: boolean;
  @ApiProperty({ type: [ProducerScreeningEntryDto] }) entries!: ProducerScreeningEntryDto[];
  @Strs() checkedNames!: string[];
}

/** A stored licence naming a producer as exporter. */
export class ProducerLicenceDto {
  @Str({ example: 'GRANTED' }) status!: string;
  @NullableStr({ example: '2026-12-01' }) validTo!: string | null;
  @Str() title!: string;
  @NullableStr() sourceUrl!: string | null;
}

/** A producer outside the controlling jurisdiction, from the public company reference. */
export class ReferenceAlternativeDto {
  @Str({ example: 'northern-minerals' }) key!: string;
  @Str() name!: string;
  @Str({ example: 'AU' }) country!: string;
  @Str({ description: 'What it produces, as published' }) role!: string;
  @Enum(['NAMES_ELEMENT', 'NAMES_FORM', 'RARE_EARTHS_GENERALLY'], 'AlternativeMatch') match!: string;
  @Str({ example: 'dysprosium' }) matchedWords!: string;
  @ApiProperty({ type: ProducerSourcesDto }) sources!: ProducerSourcesDto;
  @ApiProperty({ type: ProducerScreeningDto }) screening!: ProducerScreeningDto;
  @ApiProperty({ type: [ProducerLicenceDto] }) licences!: ProducerLicenceDto[];
}

/** GET /v1/exposure/alternatives. */
export class AlternativesDto {
  @NullableStr({ example: 'Dy' }) element!: string | null;
  @NullableStr({ example: 'NDFEB_MAGNET' }) materialForm!: string | null;
  @Str({ example: 'CN', description: 'The controlling jurisdiction left out' }) jurisdiction!: string;
  @ApiProperty({ type: [OwnAlternativeDto] }) ownSuppliers!: OwnAlternativeDto[];
  @ApiProperty({ type: [ReferenceAlternativeDto] }) producers!: ReferenceAlternativeDto[];
  @Str() note!: string;
}

/** Something the tenant's parts contain that no watch covers (GET /v1/parts/watch-gaps). */
export class WatchGapDto {
  @Enum(['ELEMENT', 'HS_CODE'], 'WatchGapKind', {
    description: 'The watch that would cover it: POST /v1/watchlist { kind, elementSymbol | hsPrefix: value }',
  })
  kind!: string;
  @Str({ example: 'Ga', description: 'Element symbol, or a 6-digit HS subheading (digits only)' }) value!: string;
  @Str({ example: 'gallium (Ga)' }) label!: string;
  @Int({ example: 3, description: 'Parts that contain it' }) parts!: number;
  @Strs({ example: ['PE-GAN-650'], description: 'Up to 5 of those part numbers, sorted' }) examples!: string[];
}

/** GET /v1/parts/watch-gaps answer. */
export class WatchGapsDto {
  @ApiProperty({ type: [WatchGapDto], description: 'Elements first, then HS subheadings; most parts first' })
  gaps!: WatchGapDto[];
  @Int({ description: 'Parts read' }) partsRead!: number;
}

import { ApiProperty } from '@nestjs/swagger';
import {
  Bool,
  Enum,
  Instant,
  Int,
  NullableStr,
  Str,
  Strs,
  Uuid,
  WATCH_KIND_VALUES,
} from '../../common/openapi/properties.js';

/** One thing a tenant watches: an element, an HS-code prefix or a control-list entry. */
export class WatchDto {
  @Uuid() id!: string;
  @Uuid() tenantId!: string;
  @Enum(WATCH_KIND_VALUES, 'WatchKind') kind!: string;
  @NullableStr({ example: 'Dy', description: 'ELEMENT watches: the symbol' }) elementSymbol!: string | null;
  @NullableStr({ example: '850511', description: 'HS_CODE watches: digits-only prefix' }) hsPrefix!: string | null;
  @NullableStr({ example: '1C902', description: 'CONTROL_ENTRY watches: entry code or its prefix' })
  controlEntry!: string | null;
  @NullableStr({ example: 'CN', description: 'Jurisdiction filter; null watches every jurisdiction' })
  jurisdiction!: string | null;
  @NullableStr() note!: string | null;
  @Instant() createdAt!: string;
}

/** A company the tenant buys from (or through). */
export class SupplierDto {
  @Uuid() id!: string;
  @Uuid() tenantId!: string;
  @Str({ example: 'JL MAG Rare-Earth Co., Ltd.' }) legalNameEn!: string;
  @NullableStr({ example: '江西金力永磁科技股份有限公司' }) legalNameZh!: string | null;
  @Strs({ description: 'Former legal names, matched like legal names' }) formerNames!: string[];
  @Strs() aliases!: string[];
  @NullableStr({ example: 'CN', description: 'ISO 3166-1 alpha-2' }) country!: string | null;
  @NullableStr({ description: "China's Unified Social Credit Code (18 characters)" }) uscc!: string | null;
  @NullableStr({ description: 'Legal Entity Identifier (20 characters)' }) lei!: string | null;
  @Strs({ example: ['SZSE:300748'] }) tickers!: string[];
  @Instant() createdAt!: string;
  @Instant() updatedAt!: string;
}

/** One problem of a CSV file. */
export class CsvRowErrorDto {
  @Int({ description: '1-based line (line 1 is the header)' }) line!: number;
  @Str({ description: 'The column' }) field!: string;
  @Str() reason!: string;
}

/** Outcome of a CSV import or dry run (also the extra fields of its 422 answer). */
export class ImportReportDto {
  @Bool() dryRun!: boolean;
  @Bool() partial!: boolean;
  @Int({ description: 'Data rows in the file' }) rows!: number;
  @Int({ description: 'Rows without errors' }) valid!: number;
  @Int({ description: 'Rows stored by this call (0 for a dry run)' }) imported!: number;
  @ApiProperty({ type: [CsvRowErrorDto] }) errors!: CsvRowErrorDto[];
}

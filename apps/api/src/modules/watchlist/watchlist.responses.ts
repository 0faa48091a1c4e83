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
  @Str({
    example: 'ELEMENT:Dy:',
    description: 'The watch identity within the tenant (kind, normalised value, jurisdiction): unique per tenant',
  })
  watchKey!: string;
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
  @ApiProperty({
    type: Boolean,
    required: false,
    description: 'true: a valid row skipped by a per-row check (duplicate)',
  })
  skipped?: boolean;
}

/** A watchlist import row skipped as a duplicate: of an earlier line of the file, or of a stored watch. */
export class WatchDuplicateDto {
  @Int({ description: 'The skipped line' }) line!: number;
  @ApiProperty({ type: 'integer', required: false, description: 'The earlier line it repeats' })
  duplicateOfLine?: number;
  @ApiProperty({ type: String, format: 'uuid', required: false, description: 'The stored watch it repeats' })
  duplicateOfId?: string;
}

/** Outcome of a CSV import or dry run (also the extra fields of its 422 answer). */
export class ImportReportDto {
  @Bool() dryRun!: boolean;
  @Bool() partial!: boolean;
  @Int({ description: 'Data rows in the file' }) rows!: number;
  @Int({ description: 'Rows without errors' }) valid!: number;
  @Int({ description: 'Rows stored by this call (0 for a dry run)' }) imported!: number;
  @ApiProperty({ type: [CsvRowErrorDto] }) errors!: CsvRowErrorDto[];
  @Uuid({ description: 'The import job (GET /v1/imports/:id)' }) importId!: string;
  @Int({ description: 'Valid rows skipped by a per-row check (duplicates); each is also in errors' }) skipped!: number;
  @Int({ description: 'Errors found; errors holds at most the first 1,000' }) errorCount!: number;
  @Enum(['SUCCEEDED', 'REJECTED', 'FAILED'], 'ImportOutcomeStatus') status!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Last line of the file whose valid rows are stored' })
  lastStoredLine!: number | null;
  @ApiProperty({ type: String, required: false, description: 'Why a FAILED import stopped' }) failure?: string;
  @ApiProperty({ type: [WatchDuplicateDto], required: false, description: 'Watchlist imports: duplicates skipped' })
  duplicates?: WatchDuplicateDto[];
}

/** A CSV import job (202 answer of a large import, and GET /v1/imports/:id). Times are ISO-8601 UTC. */
export class ImportJobDto {
  @Uuid() id!: string;
  @Enum(['WATCHLIST', 'SUPPLIERS', 'PARTS'], 'ImportKind') kind!: string;
  @Enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'REJECTED', 'FAILED'], 'ImportJobStatus') status!: string;
  @Bool() dryRun!: boolean;
  @Bool() partial!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Data rows; null until the file is parsed' })
  total!: number | null;
  @Int() processed!: number;
  @Int() valid!: number;
  @Int() created!: number;
  @Int() skipped!: number;
  @Int() errorCount!: number;
  @ApiProperty({ type: [CsvRowErrorDto], description: 'One page of the per-row errors' }) errors!: CsvRowErrorDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Offset of the next page of errors' })
  errorsNextOffset!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) lastStoredLine!: number | null;
  @NullableStr() failure!: string | null;
  @Instant() createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

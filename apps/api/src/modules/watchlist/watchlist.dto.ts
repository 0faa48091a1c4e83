import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OmittedOrValid } from '../../common/dto.js';

export const WATCH_KINDS = ['ELEMENT', 'HS_CODE', 'CONTROL_ENTRY'] as const;

/**
 * POST /v1/watchlist body: exactly the field of its kind. ELEMENT needs `elementSymbol` (a symbol in GET
 * /v1/elements), HS_CODE `hsPrefix` (2-10 digits, e.g. "850511"), CONTROL_ENTRY `controlEntry` (e.g. "1C902" or
 * "1C902.a.1").
 */
export class CreateWatchDto {
  @ApiProperty({ enum: WATCH_KINDS }) @IsIn(WATCH_KINDS) kind!: (typeof WATCH_KINDS)[number];
  @ApiPropertyOptional({ example: 'Dy' }) @IsOptional() @IsString() @Matches(/^[A-Z][a-z]?$/, { message: 'elementSymbol must be an element symbol such as Dy' }) elementSymbol?: string;
  @ApiPropertyOptional({ example: '850511' }) @IsOptional() @IsString() @Matches(/^\d{2,10}$/, { message: 'hsPrefix must be 2 to 10 digits (no dots or spaces)' }) hsPrefix?: string;
  @ApiPropertyOptional({ example: '1C902' }) @IsOptional() @IsString() @Matches(/^\d[A-E]\d{3}(\.[A-Za-z0-9]+)*$/, { message: 'controlEntry must be a control-list entry code such as 1C902 or 1C902.a.1' }) controlEntry?: string;
  @ApiPropertyOptional({ example: 'CN', description: 'ISO 3166-1 alpha-2; omit to watch every jurisdiction' }) @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 code such as CN' }) jurisdiction?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** PATCH /v1/watchlist/:id body (the watched thing itself is changed by deleting and re-creating). */
export class UpdateWatchDto {
  @ApiPropertyOptional({ example: 'CN' }) @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 code such as CN' }) jurisdiction?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/**
 * POST /v1/suppliers body; PATCH takes the same fields, all optional. `legalNameEn`, `aliases` and `tickers` may be
 * omitted but not null (400 naming the field); the other optional fields accept null (cleared).
 */
export class CreateSupplierDto {
  @ApiProperty({ example: 'JL MAG Rare-Earth Co., Ltd.' }) @IsString() @MinLength(1) @MaxLength(300) legalNameEn!: string;
  @ApiPropertyOptional({ example: '江西金力永磁科技股份有限公司' }) @IsOptional() @IsString() @MaxLength(300) legalNameZh?: string;
  @ApiPropertyOptional({ type: [String] }) @OmittedOrValid() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(300, { each: true }) aliases?: string[];
  @ApiPropertyOptional({ example: 'CN' }) @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as CN' }) country?: string;
  @ApiPropertyOptional({ description: "China's Unified Social Credit Code, 18 characters" }) @IsOptional() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'uscc must be 18 characters (digits and capital letters except I, O, S, V, Z)' }) uscc?: string;
  @ApiPropertyOptional({ description: 'Legal Entity Identifier (ISO 17442), 20 characters' }) @IsOptional() @Matches(/^[A-Z0-9]{18}\d{2}$/, { message: 'lei must be 20 characters: 18 capital letters or digits and 2 check digits' }) lei?: string;
  @ApiPropertyOptional({ type: [String], example: ['SZSE:300748'] }) @OmittedOrValid() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(40, { each: true }) tickers?: string[];
}

export class UpdateSupplierDto {
  @ApiPropertyOptional() @OmittedOrValid() @IsString() @MinLength(1) @MaxLength(300) legalNameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) legalNameZh?: string;
  @ApiPropertyOptional({ type: [String] }) @OmittedOrValid() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(300, { each: true }) aliases?: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as CN' }) country?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'uscc must be 18 characters (digits and capital letters except I, O, S, V, Z)' }) uscc?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z0-9]{18}\d{2}$/, { message: 'lei must be 20 characters: 18 capital letters or digits and 2 check digits' }) lei?: string;
  @ApiPropertyOptional({ type: [String] }) @OmittedOrValid() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(40, { each: true }) tickers?: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { OmittedOrValid, IsCountryCode, IsJurisdiction } from '../../common/dto.js';
import { canonicalTicker, isValidLei, isValidUscc } from '../../matching/suppliers/identifiers.js';

/**
 * A Unified Social Credit Code (GB 32100-2015): 18 characters of 0-9 and A-Y without I, O, S, V, Z, the last one a
 * check character computed from the other 17. A mistyped code would silently keep the supplier from matching exporters
 * named by their USCC, so a wrong check character is refused.
 */
const IsUscc = () =>
  ValidateBy({
    name: 'isUscc',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && isValidUscc(v),
      defaultMessage: () =>
        'uscc must be 18 characters (digits and capital letters except I, O, S, V, Z) whose last one is the GB 32100-2015 check character',
    },
  });

/**
 * Each ticker must be one the resolver recognises (identifiers.ts canonicalTicker: "SZSE:300748", "601899.SS",
 * "ALB.N", "ASX: ARU", "ASX ARU", "TYO:5713", "(HKEX 2899)", "OTC:LYSDY"); an unrecognised one would be a silently
 * dead identifier, so it is refused, naming the field and the value.
 */
const IsTickers = () =>
  ValidateBy({
    name: 'isTickers',
    validator: {
      validate: (v: unknown) => Array.isArray(v) && v.every((t) => typeof t === 'string' && !!canonicalTicker(t)),
      defaultMessage: (args) => {
        const bad = Array.isArray(args?.value)
          ? args.value.filter((t: unknown) => typeof t !== 'string' || !canonicalTicker(t))
          : [];
        return `tickers: ${bad.map((t: unknown) => JSON.stringify(t)).join(', ')} not recognised; write a ticker with its exchange, e.g. SZSE:300748, 601899.SS, ALB.N, ASX: ARU or (HKEX 2899)`;
      },
    },
  });

/** A Legal Entity Identifier (ISO 17442): 20 characters, the last two check digits (ISO 7064 mod 97-10). */
const IsLei = () =>
  ValidateBy({
    name: 'isLei',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && isValidLei(v),
      defaultMessage: () =>
        'lei must be 20 characters (18 capital letters or digits and 2 check digits) that pass the ISO 7064 mod 97-10 check',
    },
  });

export const WATCH_KINDS = ['ELEMENT', 'HS_CODE', 'CONTROL_ENTRY'] as const;

/**
 * POST /v1/watchlist body: exactly the field of its kind. ELEMENT needs `elementSymbol` (a symbol in GET
 * /v1/elements), HS_CODE `hsPrefix` (2-10 digits, e.g. "850511"), CONTROL_ENTRY `controlEntry` (e.g. "1C902" or
 * "1C902.a.1").
 */
export class CreateWatchDto {
  @ApiProperty({ enum: WATCH_KINDS }) @IsIn(WATCH_KINDS) kind!: (typeof WATCH_KINDS)[number];
  @ApiPropertyOptional({ example: 'Dy' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][a-z]?$/, { message: 'elementSymbol must be an element symbol such as Dy' })
  elementSymbol?: string;
  @ApiPropertyOptional({ example: '850511' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2,10}$/, { message: 'hsPrefix must be 2 to 10 digits (no dots or spaces)' })
  hsPrefix?: string;
  @ApiPropertyOptional({ example: '1C902' })
  @IsOptional()
  @IsString()
  @Matches(/^\d[A-E]\d{3}(\.[A-Za-z0-9]+)*$/, {
    message: 'controlEntry must be a control-list entry code such as 1C902 or 1C902.a.1',
  })
  controlEntry?: string;
  @ApiPropertyOptional({ example: 'CN', description: 'ISO 3166-1 alpha-2; omit to watch every jurisdiction' })
  @IsOptional()
  @IsJurisdiction('jurisdiction must be an ISO 3166-1 alpha-2 country code such as CN (or EU)')
  jurisdiction?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** PATCH /v1/watchlist/:id body (the watched thing itself is changed by deleting and re-creating). */
export class UpdateWatchDto {
  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @IsJurisdiction('jurisdiction must be an ISO 3166-1 alpha-2 country code such as CN (or EU)')
  jurisdiction?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/**
 * POST /v1/suppliers body; PATCH takes the same fields, all optional. `legalNameEn`, `aliases` and `tickers` may be
 * omitted but not null (400 naming the field); the other optional fields accept null (cleared).
 */
export class CreateSupplierDto {
  @ApiProperty({ example: 'JL MAG Rare-Earth Co., Ltd.' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  legalNameEn!: string;
  @ApiPropertyOptional({ example: '江西金力永磁科技股份有限公司' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  legalNameZh?: string;
  @ApiPropertyOptional({ type: [String] })
  @OmittedOrValid()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  aliases?: string[];
  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @IsCountryCode('country must be an assigned ISO 3166-1 alpha-2 country code such as CN')
  country?: string;
  @ApiPropertyOptional({ description: "China's Unified Social Credit Code, 18 characters" })
  @IsOptional()
  @IsUscc()
  uscc?: string;
  @ApiPropertyOptional({ description: 'Legal Entity Identifier (ISO 17442), 20 characters' })
  @IsOptional()
  @IsLei()
  lei?: string;
  @ApiPropertyOptional({ type: [String], example: ['SZSE:300748'] })
  @OmittedOrValid()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @IsTickers()
  tickers?: string[];
}

export class UpdateSupplierDto {
  @ApiPropertyOptional() @OmittedOrValid() @IsString() @MinLength(1) @MaxLength(300) legalNameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) legalNameZh?: string;
  @ApiPropertyOptional({ type: [String] })
  @OmittedOrValid()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  aliases?: string[];
  @ApiPropertyOptional()
  @IsOptional()
  @IsCountryCode('country must be an assigned ISO 3166-1 alpha-2 country code such as CN')
  country?: string;
  @ApiPropertyOptional() @IsOptional() @IsUscc() uscc?: string;
  @ApiPropertyOptional() @IsOptional() @IsLei() lei?: string;
  @ApiPropertyOptional({ type: [String] })
  @OmittedOrValid()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @IsTickers()
  tickers?: string[];
}

import { Bool, Int, NullableStr, Str, Strs, Uuid } from '../../common/openapi/properties.js';

/** A chemical element (or graphite) Lodestone knows. */
export class ElementDto {
  @Str({ example: 'Dy' }) symbol!: string;
  @Int({ example: 66 }) atomicNumber!: number;
  @Str({ example: 'Dysprosium' }) nameEn!: string;
  @Str({ example: '镝' }) nameZh!: string;
  @Str({ example: '鏑' }) nameZhHant!: string;
  @Str({ example: '7429-91-6' }) casRn!: string;
  @Bool() isRareEarth!: boolean;
  @NullableStr({ description: 'light | medium | heavy (Chinese industry grouping)' }) groupCn!: string | null;
  @NullableStr() note!: string | null;
}

/** A material form (metal, oxide, NdFeB magnet …). */
export class MaterialFormDto {
  @Str({ example: 'NDFEB_MAGNET' }) code!: string;
  @Str() nameEn!: string;
  @Str() nameZh!: string;
  @Str() nameZhHant!: string;
  @Strs({ description: 'Element symbols the form names' }) elements!: string[];
  @Strs({ description: 'Elements some grades contain' }) additiveElements!: string[];
  @Strs({ description: 'Customs codes or HS prefixes (digits)' }) hsCodes!: string[];
  @Strs({ description: 'Words that name the form in free text' }) aliases!: string[];
  @Str() source!: string;
}

/** One item of a control list, e.g. MOFCOM/GAC 2025 No. 18 entry 1C902.a.1. */
export class ControlListEntryDto {
  @Uuid() id!: string;
  @Str({ example: 'MOFCOM/GAC' }) issuer!: string;
  @Str({ example: 'MOFCOM-GAC-2025-18' }) announcementId!: string;
  @Str({ example: 'MOFCOM/GAC Announcement 2025 No. 18' }) announcement!: string;
  @Str({ example: '1C902.a.1' }) itemKey!: string;
  @NullableStr({ example: '1C902.a.1', description: 'null for items published without one' })
  entryCode!: string | null;
  @Str() itemEn!: string;
  @Str() itemZh!: string;
  @Strs({ description: 'China customs codes (10 digits); may be empty' }) customsCodes!: string[];
  @NullableStr() customsCodesNote!: string | null;
  @Str({ example: 'Sm' }) elementSymbol!: string;
  @Strs() elementSymbols!: string[];
  @NullableStr({ example: 'NDFEB_MAGNET' }) materialForm!: string | null;
  @Str({ description: 'Confidence of the source data, verbatim' }) confidence!: string;
  @Str() source!: string;
}

/** An HS heading or a national tariff line. */
export class HsCodeDto {
  @Uuid() id!: string;
  @Str({ example: 'CN', description: 'WCO, CN or US' }) jurisdiction!: string;
  @Str({ example: '2846901940' }) code!: string;
  @Str({ example: '2846.90.19.40' }) display!: string;
  @Int() digits!: number;
  @Str() descriptionEn!: string;
  @NullableStr() descriptionZh!: string | null;
  @NullableStr() notes!: string | null;
  @Str() source!: string;
  @Strs({ description: 'Elements the line is tied to (several: it implies none alone)' }) elementSymbols!: string[];
}

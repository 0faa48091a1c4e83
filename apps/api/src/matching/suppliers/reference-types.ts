/**
 * A company of the public reference (reference-companies.ts): producers, processors, magnet makers and traders of
 * rare earths and other controlled minerals. Every fact carries its source: `sources` maps each field that is set to
 * the public page(s) it was read from. A field that could not be verified is absent.
 */
export interface ReferenceCompany {
  /** Stable key, e.g. "xiamen-tungsten". */
  key: string;
  legalNameEn: string;
  /** Chinese legal name, simplified characters. */
  legalNameZh?: string;
  /** Chinese legal name as published in traditional characters (Hong Kong, Taiwan filings). */
  legalNameZhHant?: string;
  /** Japanese legal name. */
  legalNameJa?: string;
  formerNames?: string[];
  /** Short and brand names in use: "XTC", "厦门钨业", "Chinalco". */
  shortNames?: string[];
  /** Tickers in any form identifiers.ts reads ("SHSE:600549", "6680.HK"). */
  tickers?: string[];
  lei?: string;
  uscc?: string;
  /** ISO 3166-1 alpha-2; absent when no source states it. */
  country?: string;
  /** Parent or controlling shareholder, as published (a different legal entity: never matched as this company). */
  parent?: string;
  /** Producer, processor, magnet maker, trader ... and of what. */
  role: string;
  /**
   * Fields whose value is kept as a public page writes it but is not confirmed as the registered form (a name without
   * its legal form, a name only a secondary page gives) or is inferred from another fact (a country from an ISIN
   * prefix). The resolver uses them like the others; the reference marks them so a reader does not take them for
   * verified facts.
   */
  unverified?: Exclude<keyof ReferenceCompany, 'key' | 'sources' | 'unverified'>[];
  /** Field name -> public sources (URLs or documents) of that field's facts. */
  sources: Partial<Record<Exclude<keyof ReferenceCompany, 'key' | 'sources' | 'unverified'>, string[]>>;
}

import type { EventType, MatchReason, PermitStatus, PolicyAction, Severity, WatchKind } from '@lodestone/shared-types';

/** Reference facts the matcher needs (from prisma/seed/reference.json; sources in shared/data/SOURCES.md). */
export interface ReferenceData {
  elements: { symbol: string; nameEn: string; nameZh: string; nameZhHant?: string | null }[];
  controlEntries: {
    /** Stable id of the announcement, e.g. "MOFCOM-GAC-2025-18"; defaults to `announcement`. */
    announcementId?: string;
    announcement: string;
    /** The item's key within the announcement (entry code, or item number when it has none); defaults to entryCode. */
    itemKey?: string;
    /** Published entry code, e.g. "1C904.a.4"; null for items without one. */
    entryCode: string | null;
    itemEn: string;
    /** The item's own element. */
    elementSymbol: string;
    /** Every element the item names, its own first; defaults to [elementSymbol]. */
    elementSymbols?: string[];
    /** MaterialForm code, e.g. "NDFEB_MAGNET". */
    materialForm?: string | null;
    /** Customs codes (digits only) cited for the item. */
    customsCodes: string[];
  }[];
  /** Material forms and the elements and tariff lines each involves. */
  materialForms?: {
    code: string;
    nameEn: string;
    nameZh: string;
    nameZhHant: string;
    elements: string[];
    additiveElements: string[];
    /** Customs codes or HS prefixes (digits) the form falls under. */
    hsCodes: string[];
    /** Words naming the form in free text. */
    aliases: string[];
  }[];
  /** HS headings and tariff lines with the elements the reference data ties to each (several = ambiguous). */
  hsCodes?: { jurisdiction: string; code: string; descriptionEn: string; elementSymbols: string[] }[];
}

/** What the matcher reads of an event (normalised: symbols as in ReferenceData, codes digits-only). */
export interface EventFacts {
  type: EventType;
  jurisdiction: string;
  /** e.g. "MOFCOM/GAC Announcement 2025 No. 18"; used in explanations. */
  reference: string | null;
  /** Set for policy changes. */
  action?: PolicyAction;
  /** Set for permit events. */
  permitStatus?: PermitStatus;
  elements: string[];
  /** HS / customs codes, digits only. */
  hsCodes: string[];
  controlEntries: string[];
  /** Material-form codes the event is about (e.g. "NDFEB_MAGNET"), when the source says so. */
  materialForms?: string[];
  /**
   * Tags found in the event's free text (see tagger.ts). Matched like the fields above; reasons built from them say
   * that they come from the text and quote it.
   */
  textTags?: TextTag[];
  exporterName?: string | null;
  endUser?: string | null;
}

/** Which free-text field of an event a tag was found in. */
export type TextField = 'title' | 'summary' | 'body';

/**
 * One fact found in an event's free text, with the span that produced it: `text` is `source[field].slice(start, end)`
 * (UTF-16 offsets, as JavaScript strings count).
 * - ELEMENT: value is the symbol ("Tb").
 * - HS_CODE: value is the digits ("8505111000", "850511").
 * - CONTROL_ENTRY: value is the normalised entry code ("1C904.a.4").
 * - MATERIAL_FORM: value is the MaterialForm code ("NDFEB_MAGNET").
 * - ELEMENT_IN_COMPOUND: value is the symbol of an element the text reaches only through a compound name
 *   ("bismuth germanate" -> Ge, "tungstate" -> W, 锗酸铋 -> Ge, 锑化铟 -> Sb): a weaker kind than ELEMENT; `compound`
 *   is the word that carries it.
 * - DATE: value is an ISO-8601 calendar date ("2023-12-01") when the text gives only a date, or an ISO-8601 instant
 *   with offset ("2025-10-09T10:00:00+08:00") for a time of day, read in `timeZone` (Asia/Shanghai for naive Beijing
 *   times).
 */
export interface TextTag {
  kind: 'ELEMENT' | 'ELEMENT_IN_COMPOUND' | 'HS_CODE' | 'CONTROL_ENTRY' | 'MATERIAL_FORM' | 'DATE';
  value: string;
  field: TextField;
  start: number;
  end: number;
  text: string;
  /** DATE only: the zone a local date-time was read in. */
  timeZone?: string;
  /**
   * The tag stands in an exclusion ("excluding …", "other than …", "not controlled under …", 不包括 …, …除外): the
   * text names it as NOT covered. Such a tag never makes a watch match as a control.
   */
  excluded?: true;
  /** ELEMENT_IN_COMPOUND only: the compound word that names the element ("germanate", 锗酸). */
  compound?: string;
}

export interface WatchSpec {
  id: string;
  tenantId: string;
  kind: WatchKind;
  elementSymbol?: string | null;
  /** Digits only. */
  hsPrefix?: string | null;
  controlEntry?: string | null;
  /** Jurisdiction filter; null matches every jurisdiction. */
  jurisdiction?: string | null;
}

export interface SupplierSpec {
  id: string;
  tenantId: string;
  legalNameEn: string;
  legalNameZh?: string | null;
  /** Former legal names (e.g. before a rename or reverse takeover). */
  formerNames?: string[];
  aliases: string[];
  /** China's Unified Social Credit Code (18 characters, GB 32100-2015). */
  uscc?: string | null;
  /** Legal Entity Identifier (20 characters, ISO 17442). */
  lei?: string | null;
  /** Exchange tickers in any common form ("SHSE:600111", "600111.SH", "6680.HK"). */
  tickers?: string[];
}

/** A buyer's decision on a possible supplier match, remembered for (tenant, supplier, name key). */
export interface SupplierNameDecisionSpec {
  tenantId: string;
  supplierId: string;
  /** {@link nameKey} of the event's name. */
  nameKey: string;
  decision: 'CONFIRMED' | 'REJECTED';
}

/** Everything one event means for one tenant. */
export interface TenantMatch {
  tenantId: string;
  severity: Severity;
  reasons: MatchReason[];
}

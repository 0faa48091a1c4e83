import type { EventType, MatchReason, PermitStatus, PolicyAction, Severity, WatchKind } from '@lodestone/shared-types';

/** Reference facts the matcher needs (from prisma/seed/reference.json; sources in shared/data/SOURCES.md). */
export interface ReferenceData {
  elements: { symbol: string; nameEn: string; nameZh: string }[];
  controlEntries: {
    announcement: string;
    entryCode: string;
    itemEn: string;
    elementSymbol: string;
    /** Customs codes (digits only) cited for the item. */
    customsCodes: string[];
  }[];
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
  exporterName?: string | null;
  endUser?: string | null;
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

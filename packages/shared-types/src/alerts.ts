import type { EventType, MatchVia, Severity } from './enums.js';

/**
 * One machine-readable reason why an event produced an alert for a tenant.
 * `text` is the human sentence shown in emails and the API; the other fields let a client
 * filter or render it differently.
 */
export interface MatchReason {
  via: MatchVia;
  /** What of the tenant's matched: a watchlist item or a supplier. */
  subject: { type: 'WATCH'; watchId: string; label: string } | { type: 'SUPPLIER'; supplierId: string; label: string };
  /** What in the event it matched, e.g. `{ field: 'controlEntries', value: '1C905.a.1' }`. */
  matched: { field: string; value: string };
  /** Element symbol involved, when there is one. */
  element?: string;
  /** One sentence for people, e.g. "Your watch on dysprosium (Dy) matched control-list entry 1C905.a.1 ...". */
  text: string;
  /**
   * Set when the match rests on a fact found in the event's free text rather than its structured fields: the field
   * and the span (UTF-16 offsets) that produced it.
   */
  fromText?: { field: 'title' | 'summary' | 'body'; start: number; end: number; text: string };
  /** For supplier reasons: the resolution score in [0, 1] (1 for an identifier such as a ticker in common). */
  score?: number;
  /** For supplier reasons: how the score was made, one line per feature, e.g. "distinctive words in common: jl, mag (+0.96)". */
  evidence?: string[];
  /** For possible supplier matches: the key under which a buyer's confirm/reject decision is remembered. */
  nameKey?: string;
}

/** The email-facing summary of an event, shared by the API and the templates. */
export interface EventSummary {
  type: EventType;
  /** Headline of the event. */
  title: string;
  /** Short factual summary (may be empty). */
  summary: string;
  /** e.g. "CN", "US". */
  jurisdiction: string;
  /** The issuing authority, e.g. "MOFCOM/GAC" or "BIS"; for permit events the licensing authority. */
  issuer: string | null;
  /** Human label of the action or permit status, e.g. "Export licence required" or "Licence granted". */
  actionLabel: string;
  /** ISO-8601 date (YYYY-MM-DD) the measure or permit event takes effect, when known. */
  effectiveDate: string | null;
  /** Link to the official or reporting source. */
  sourceUrl: string | null;
  /** Announcement reference, e.g. "MOFCOM/GAC Announcement 2025 No. 18". */
  reference: string | null;
}

/** Props of the alert email template. */
export interface AlertEmailProps {
  recipientName: string;
  tenantName: string;
  severity: Severity;
  event: EventSummary;
  reasons: Pick<MatchReason, 'text' | 'via'>[];
  /** Lodestone's own id of the alert, for reference in replies. */
  alertId: string;
}

import type { AlertEmailProps, AlertImpactSummary, MeasureStatus, Severity } from '@lodestone/shared-types';

/**
 * Props of the `alert` template: the shared {@link AlertEmailProps} plus optional, template-local extras.
 * Any `AlertEmailProps` value is a valid `AlertTemplateProps`.
 */
export interface AlertTemplateProps extends AlertEmailProps {
  /**
   * Short labels of what matched, for the subject line, e.g. `["Dy", "Tb", "HS 2846", "JL MAG"]`.
   * `AlertEmailProps.reasons` only carries `text` and `via`, so without this the labels are guessed from the
   * reason sentences (see `matchedLabels()` in the registry). Senders that have the full `MatchReason`s
   * should pass `reason.element ?? reason.subject.label` here.
   */
  matchedLabels?: string[];
  /** Link to the recipient's email preferences, shown in the footer when present (http(s) only). */
  preferencesUrl?: string | null;
  /** One-click unsubscribe link, shown in the footer when present (http(s) only). */
  unsubscribeUrl?: string | null;
  /**
   * How many reasons the alert has in all, when `reasons` carries only the first ones (senders keep at most
   * `MAX_LISTED_REASONS`); the email then says "and N more". Defaults to `reasons.length`.
   */
  reasonsTotal?: number;
  /** Link to the alert (http(s) only), offered for the reasons not listed. */
  alertUrl?: string | null;
  /**
   * What the alert means for the tenant's parts (issue 15); when present and `parts` > 0 the email leads with its
   * `headline` ("12 parts in 3 products, EUR 4.2 M annual spend, 2 parts sole-sourced from JL MAG").
   */
  impact?: AlertImpactSummary;
}

/** Links every email carries (added by the delivery worker at send time, signed). */
export interface FooterLinks {
  /** Link to the recipient's email preferences (http(s) only). */
  preferencesUrl?: string | null;
  /** One-click unsubscribe link (http(s) only). */
  unsubscribeUrl?: string | null;
}

/** One alert line in a digest. */
export interface DigestAlertItem {
  alertId: string;
  title: string;
  severity: Severity;
  /** e.g. "Export control imposed", "Export licence granted". */
  actionLabel: string;
  reference: string | null;
  /** ISO-8601 instant the alert was raised. */
  createdAt: string;
  sourceUrl: string | null;
  /** Where the measure stands now when a later event changed it, e.g. "SUSPENDED". */
  measureStatus?: MeasureStatus | null;
  /**
   * The tenant's own assessment of the alert's measure (impact workflow), when someone recorded one: `status` is
   * POTENTIAL, CONFIRMED (with `expectedDurationDays`), NO_IMPACT or RESOLVED.
   */
  impact?: { status: string; expectedDurationDays: number | null; note: string | null } | null;
  /** A person's answer to "does this apply to us?" on this alert, with the reason given; absent while unanswered. */
  applies?: { applies: boolean; reason: string | null } | null;
  /**
   * The alert's impact on the tenant's bill of materials as one sentence, e.g. "5 parts in 3 products, EUR 8.2 M
   * annual spend, 2 parts sole-sourced from JL MAG Rare-Earth Co., Ltd."; absent when it reaches no part.
   */
  partsImpact?: string | null;
}

/**
 * One source's line in a digest: when it last succeeded and what it brought in the window; `failing` when its latest
 * attempts failed (read from the source's run record, `Source` and `SourcePayload`).
 */
export interface DigestSourceLine {
  /** The source's name, e.g. "federal-register", "mofcom". */
  source: string;
  /** ISO-8601 instant of its last successful run; null when it never succeeded. */
  lastSuccessAt: string | null;
  /** Items it stored as new during the digest window (runs, replays and pushes received in the window). */
  itemsNew: number;
  /** Set while the source fails: attempts in a row since `lastSuccessAt`, and the latest error with its time. */
  failing: { consecutiveFailures: number; lastErrorAt: string | null; lastError: string | null } | null;
}

/** Props of the `digest` template. */
export interface DigestTemplateProps extends FooterLinks {
  recipientName: string;
  tenantName: string;
  frequency: 'DAILY' | 'WEEKLY';
  /** ISO-8601 instants bounding the window [start, end). */
  windowStart: string;
  windowEnd: string;
  /** IANA zone the window is shown in, e.g. "America/New_York". */
  timeZone: string;
  /** Alerts grouped by what matched: an element (e.g. "Dysprosium (Dy)") or a supplier. Empty for a "nothing new" mail. */
  groups: { label: string; kind: 'ELEMENT' | 'SUPPLIER' | 'OTHER'; alerts: DigestAlertItem[] }[];
  /**
   * For "nothing new" mails when no source connector is enabled (events arrive through the API only): the sources of
   * stored events and when they last delivered one (ISO-8601 instant or null).
   */
  sourcesChecked: { source: string; lastEventAt: string | null }[];
  /**
   * The enabled sources, each with its last success, items new in the window and a warning when failing (shown in
   * every digest). Absent in digests queued before this field existed.
   */
  sources?: DigestSourceLine[];
}

/** Props of the `expiry-reminder` template. */
export interface ExpiryReminderTemplateProps extends FooterLinks {
  recipientName: string;
  tenantName: string;
  /** A supplier's export licence running out, or a suspension of controls lapsing. */
  kind: 'PERMIT_EXPIRY' | 'SUSPENSION_LAPSE';
  /** Whole days until `endDate` (0 = today). */
  daysLeft: number;
  /** ISO-8601 date (YYYY-MM-DD) the licence ends / the suspension lapses. */
  endDate: string;
  title: string;
  reference: string | null;
  /** Exporter named on the licence (PERMIT_EXPIRY). */
  exporterName?: string | null;
  /** The tenant's suppliers concerned (PERMIT_EXPIRY) or the measures back in force (SUSPENSION_LAPSE). */
  concerned: string[];
  alertId: string;
  sourceUrl: string | null;
}

/** Props of the `reversal` template: an update on earlier alerts whose measure a newer event changed. */
export interface ReversalTemplateProps extends FooterLinks {
  recipientName: string;
  tenantName: string;
  /** What happened to the earlier measure. */
  change: 'SUSPENDED' | 'AMENDED' | 'REINSTATED' | 'LIFTED' | 'EXPIRED';
  /** One sentence saying what changed, e.g. "MOFCOM/GAC Announcement 2025 No. 70 suspends … until 2026-11-10." */
  whatChanged: string;
  /** The newer event (for EXPIRED: the suspension that lapsed). */
  event: {
    title: string;
    reference: string | null;
    effectiveDate: string | null;
    endDate: string | null;
    sourceUrl: string | null;
  };
  /** The earlier alerts whose status changed. */
  earlier: { alertId: string; title: string; reference: string | null; newStatus: string }[];
  /** Id of the alert this update belongs to. */
  alertId: string;
}

/** Props of the `invitation` template. */
export interface InvitationTemplateProps {
  recipientName: string;
  tenantName: string;
  /** Who sent the invitation. */
  inviterName: string;
  /** The role the invitee will have. */
  role: 'PLATFORM_ADMIN' | 'TENANT_ADMIN' | 'BUYER';
  /** One-time link (http(s)); not shown when it is not http(s). */
  acceptUrl: string;
  /** When the link expires, ISO-8601 instant; shown in UTC. */
  expiresAt: string;
}

/** Props of the `password-reset` template. */
export interface PasswordResetTemplateProps {
  recipientName: string;
  tenantName: string;
  /** One-time link (http(s)); not shown when it is not http(s). */
  resetUrl: string;
  /** When the link expires, ISO-8601 instant; shown in UTC. */
  expiresAt: string;
}

/** One alert line of the "Your current exposure" summary. */
export interface ExposureSummaryItem {
  alertId: string;
  title: string;
  /** e.g. "MOFCOM/GAC Announcement 2025 No. 18"; null for licences and news. */
  reference: string | null;
  severity: Severity;
  /** Where it stands today, for people: "In force", "Suspended until 2026-11-10", "Licence granted, valid until 2026-12-01". */
  status: string;
  /** Link to the alert (http(s) only). */
  alertUrl: string | null;
  sourceUrl: string | null;
}

/** A group of the summary: an element ("dysprosium (Dy)") or a supplier (its legal name). */
export interface ExposureSummaryGroup {
  label: string;
  /** Short form for the subject ("Dy", "JL MAG"); defaults to label. */
  short?: string;
  items: ExposureSummaryItem[];
}

/** Props of the `exposure-summary` template: what back-matching found already applying, sent once per buyer. */
export interface ExposureSummaryTemplateProps extends FooterLinks {
  recipientName: string;
  tenantName: string;
  /** Why back-matching ran. */
  trigger: 'TENANT_CREATED' | 'WATCHES_ADDED' | 'SUPPLIERS_ADDED' | 'SUPPLIER_DECISION' | 'ADDED';
  /** ISO-8601 instant (UTC) the summary was made. */
  generatedAt: string;
  byElement: ExposureSummaryGroup[];
  bySupplier: ExposureSummaryGroup[];
  /** Alerts matched by HS-code or entry watches naming no element. */
  other: ExposureSummaryItem[];
  /** Link to the tenant's exposure (http(s) only). */
  exposureUrl: string | null;
  /**
   * What these alerts together mean for the tenant's bill of materials, one sentence ("5 parts in 3 products, EUR
   * 8.2 M annual spend"); absent when they reach no part.
   */
  partsImpact?: string | null;
}

/** Props of the "channel disabled" email to a tenant's admins (docs/channels.md). */
export interface ChannelDisabledTemplateProps {
  recipientName: string;
  tenantName: string;
  /** The endpoint's name, as the admin gave it. */
  endpointName: string;
  /** WEBHOOK, SLACK or TEAMS. */
  kind: string;
  /** Scheme and host of the endpoint's URL only (the path of a Slack or Teams URL is a credential). */
  target: string;
  /** When it started failing, ISO-8601 instant; shown in UTC. */
  failingSince: string;
  /** The last error, e.g. "HTTP 500" or "no answer within 10000 ms". */
  lastError: string;
  /** Where the admin re-enables it (console or API). */
  manageUrl: string;
}

/** One alert listed in an `alert-burst` email: what the immediate `alert` email of that alert would have said. */
export interface AlertBurstItem {
  alertId: string;
  severity: Severity;
  /** The event's title. */
  title: string;
  /** e.g. "Export licence required". */
  actionLabel: string;
  /** The measure's reference, e.g. "MOFCOM/GAC Announcement 2025 No. 18"; null when it has none. */
  reference: string | null;
  /** Short labels of what matched, e.g. `["Dy", "Tb"]`. */
  matchedLabels: string[];
  /** The first reason sentence (why it matched); null when the alert has none. */
  reason: string | null;
  /** How many reasons the alert has in all (the others are counted). */
  reasonsTotal: number;
  /** Link to the alert (http(s) only). */
  alertUrl: string | null;
}

/**
 * Props of the `alert-burst` template: the immediate alerts of one recipient that fell within the email burst window
 * (EMAIL_BURST_WINDOW_SECONDS), sent as one message instead of one email each. Built by the delivery worker from the
 * grouped rows' `alert` payloads.
 */
export interface AlertBurstTemplateProps extends FooterLinks {
  recipientName: string;
  tenantName: string;
  /** The burst window in minutes (at least 1), for "in the last 2 minutes". */
  windowMinutes: number;
  /** The alerts, oldest first; at most `MAX_BURST_LISTED` are listed, the rest counted. */
  alerts: AlertBurstItem[];
  /**
   * The console's alert list (`<PUBLIC_URL>/alerts`), linked from "and 12 more alerts: see them in Lodestone"; without
   * it (or when it is not http(s)) that line stays plain text.
   */
  alertsUrl?: string;
}

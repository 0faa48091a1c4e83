import type { MatchReason } from '@lodestone/shared-types';

/** Action labels of policy changes, by action (the one copy: immediate email, digest, exports, chat and webhooks). */
const POLICY_ACTION_LABELS = {
  IMPOSED: 'Export control imposed',
  AMENDED: 'Export control amended',
  SUSPENDED: 'Export control suspended',
  REINSTATED: 'Export control back in force',
  LIFTED: 'Export control lifted',
  LICENSING_RULE: 'Licensing rule changed',
  TARIFF: 'Tariff change',
  NOTICE: 'Notice or proposal (nothing in force yet)',
} as const;

/** Prefix of the action label of events from unofficial sources (news). */
export const UNOFFICIAL_LABEL = 'News report, not an official measure';

/** Action labels of export-licence (permit) events, by status. */
const PERMIT_STATUS_LABELS = {
  APPLIED: 'Export licence applied for',
  GRANTED: 'Export licence granted',
  DENIED: 'Export licence denied',
  EXPIRING: 'Export licence expiring',
  REVOKED: 'Export licence revoked',
} as const;

/** What an alert's event did, as one label, from whichever of its sources the alert has. */
export type ActionOf =
  | { policyAction: keyof typeof POLICY_ACTION_LABELS; official: boolean }
  | { permitStatus: keyof typeof PERMIT_STATUS_LABELS }
  | { screeningHit: { certain: boolean } };

/**
 * The action label of an alert's event, e.g. "Export control imposed", "Export licence revoked". A news report is
 * never presented as an official measure: its label starts with {@link UNOFFICIAL_LABEL}
 * ("News report, not an official measure: Export control imposed"). A screening-list hit is "Supplier on a screening
 * list", or "Possible supplier on a screening list: confirm or reject" when the name match is only possible.
 */
export function actionLabel(of: ActionOf): string {
  if ('policyAction' in of) {
    const label = POLICY_ACTION_LABELS[of.policyAction];
    return of.official ? label : `${UNOFFICIAL_LABEL}: ${label}`;
  }
  if ('permitStatus' in of) return PERMIT_STATUS_LABELS[of.permitStatus];
  return of.screeningHit.certain
    ? 'Supplier on a screening list'
    : 'Possible supplier on a screening list: confirm or reject';
}

/**
 * The short label of what of the tenant's a reason is about, for a subject line: a watched element by its symbol
 * ("dysprosium (Dy)" → "Dy"), a watched HS prefix as labelled ("HS 8505.11"), a watched control-list entry by its
 * code ("control-list entry 1C902" → "1C902"), a supplier by its legal name. Never an element or code of the event
 * itself: a watch on HS 8505.11 that matched samarium is "HS 8505.11", not "Sm".
 */
export function watchedLabel(reason: Pick<MatchReason, 'subject'>): string {
  const label = reason.subject.label.trim();
  if (reason.subject.type === 'SUPPLIER') return label;
  const symbol = /\(([A-Z][a-z]?)\)$/.exec(label);
  if (symbol) return symbol[1]!;
  return label.replace(/^control-list entry\s+/i, '');
}

/**
 * The labels an alert email's subject names: only what this tenant watches or buys from (see {@link watchedLabel}),
 * each once; suppliers first (a permit alert names the supplier before anything else), then watches in reason order.
 *
 * @param reasons - the alert's reasons.
 * @returns e.g. `["JL MAG Rare-Earth Co., Ltd.", "Dy"]`; `[]` when there are no reasons.
 */
export function subjectLabels(reasons: readonly Pick<MatchReason, 'subject'>[]): string[] {
  const suppliers = reasons.filter((r) => r.subject.type === 'SUPPLIER');
  const watches = reasons.filter((r) => r.subject.type !== 'SUPPLIER');
  return [...new Set([...suppliers, ...watches].map(watchedLabel).filter((l) => l !== ''))];
}

import type { MatchReason } from '@lodestone/shared-types';

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

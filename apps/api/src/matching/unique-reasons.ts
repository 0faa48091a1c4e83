import type { MatchReason } from '@lodestone/shared-types';

/**
 * The identity of a reason for deduplication: what of the tenant's matched (subject type and label, not its id, so two
 * stored copies of the same watch count once), how (`via`), what in the event (`matched`) and the sentence.
 */
function reasonKey(r: MatchReason): string {
  return JSON.stringify([r.via, r.subject.type, r.subject.label, r.matched?.field, r.matched?.value, r.text]);
}

/**
 * The reasons of one alert without repeats, in their order (the first of equal reasons is kept). An alert's reasons
 * are unique: duplicate watches (the same kind, value and jurisdiction stored twice) or an event citing the same code
 * twice must not repeat a sentence. Pure; O(n).
 *
 * @param reasons - the reasons as built by matching (any length).
 * @returns a new array (the same objects) with each distinct reason once.
 */
export function uniqueReasons(reasons: readonly MatchReason[]): MatchReason[] {
  const seen = new Set<string>();
  const out: MatchReason[] = [];
  for (const r of reasons) {
    const key = reasonKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

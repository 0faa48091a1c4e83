import type { MatchReason } from '@lodestone/shared-types';
import { uniqueReasons } from './unique-reasons.js';

const reason = (
  watchId: string,
  text = 'Your watch on dysprosium (Dy) matched control-list entry 1C905',
): MatchReason => ({
  via: 'ELEMENT_VIA_CONTROL_ENTRY',
  subject: { type: 'WATCH', watchId, label: 'dysprosium (Dy)' },
  matched: { field: 'controlEntries', value: '1C905' },
  element: 'Dy',
  text,
});

describe('uniqueReasons', () => {
  it('keeps one of 2,500 identical reasons (duplicate watches), the first, in order with the others', () => {
    const dupes = Array.from({ length: 2500 }, (_, i) => reason(`w${i}`));
    const other = reason('w-hs', 'Your watch on HS 2846 matched customs code 2846901940');
    const out = uniqueReasons([...dupes, other, reason('w9')]);
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(dupes[0]);
    expect(out[1]).toBe(other);
  });

  it('keeps reasons that differ in what matched', () => {
    const a = reason('w1');
    const b = { ...reason('w1'), matched: { field: 'controlEntries', value: '1C905.a' } };
    expect(uniqueReasons([a, b])).toEqual([a, b]);
  });
});

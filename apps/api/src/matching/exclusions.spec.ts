/**
 * Issue 14 (tagging): entries, codes and elements the text names only as exclusions are tagged as excluded and never
 * make a watch match as a control; an element reached only through a compound name is tagged with a weaker kind that
 * the reason names. Tagger and matching together, on short texts written the way announcements write them.
 */
import { NaiveWatchScan, assembleWatchMatches } from './watch-index.js';
import { TenantIndex } from './matcher.js';
import { exclusionRanges, tagEventText, textFacts } from './tagger.js';
import type { EventFacts, TextTag, WatchSpec } from './types.js';
import { seedReferenceIndex } from '../testing/reference.js';

const reference = seedReferenceIndex();
const tags = (body: string) => tagEventText({ body }, reference);
const pick = (ts: TextTag[], kind: TextTag['kind'], value: string) =>
  ts.filter((t) => t.kind === kind && t.value === value);

const event = (body: string): EventFacts => ({
  type: 'POLICY_CHANGE',
  jurisdiction: 'CN',
  reference: 'MOFCOM Announcement',
  action: 'IMPOSED',
  elements: [],
  hsCodes: [],
  controlEntries: [],
  textTags: tags(body).filter((t) => t.kind !== 'DATE'),
});
const watch = (id: string, spec: Partial<WatchSpec>): WatchSpec => ({ id, tenantId: 't1', kind: 'ELEMENT', ...spec });
const matchBoth = (watches: WatchSpec[], e: EventFacts) => {
  const fast = new TenantIndex(reference, watches, []).match(e);
  expect(fast).toEqual(assembleWatchMatches(e, new NaiveWatchScan(reference, watches).match(e)));
  return fast;
};

describe('exclusions in event text', () => {
  it('finds the spans of English and Chinese exclusions', () => {
    const en = 'Controls apply to terbium oxide, excluding dysprosium metal; gallium is controlled.';
    const [[a, b]] = exclusionRanges(en) as [[number, number]];
    expect(en.slice(a, b)).toBe('excluding dysprosium metal');
    const zh = '对钐、钆实施出口管制（钕铁硼永磁体除外）。';
    expect(exclusionRanges(zh).map(([x, y]) => zh.slice(x, y))).toEqual(['钕铁硼永磁体除外']);
    const zh2 = '管制物项不包括锑锭，但包括氧化锑。';
    expect(exclusionRanges(zh2).map(([x, y]) => zh2.slice(x, y))).toEqual(['不包括锑锭，但包括氧化锑']);
    const zh3 = '除镓金属外，其他物项均受管制。';
    expect(exclusionRanges(zh3).map(([x, y]) => zh3.slice(x, y))).toEqual(['除镓金属外']);
    const sentence = 'Gallium is controlled. HS 8505.11 is not controlled under this announcement. Germanium is.';
    expect(exclusionRanges(sentence).map(([x, y]) => sentence.slice(x, y))).toEqual([
      'HS 8505.11 is not controlled under this announcement',
    ]);
  });

  it('tags what an exclusion names as excluded, and nothing else', () => {
    const t = tags('Controls apply to terbium oxide (HS 2846.90), excluding dysprosium metal and HS 8505.11.');
    expect(pick(t, 'ELEMENT', 'Tb')[0]!.excluded).toBeUndefined();
    expect(pick(t, 'HS_CODE', '284690')[0]!.excluded).toBeUndefined();
    expect(pick(t, 'ELEMENT', 'Dy')[0]).toMatchObject({ excluded: true, text: 'dysprosium' });
    expect(pick(t, 'HS_CODE', '850511')[0]).toMatchObject({ excluded: true });
    const zh = tags('对钐实施出口管制（镝金属除外），不包括税则号列8505111000。');
    expect(pick(zh, 'ELEMENT', 'Sm')[0]!.excluded).toBeUndefined();
    expect(pick(zh, 'ELEMENT', 'Dy')[0]).toMatchObject({ excluded: true });
    expect(pick(zh, 'HS_CODE', '8505111000')[0]).toMatchObject({ excluded: true });
    // Structured facts taken from text leave excluded tags out.
    expect(textFacts({ body: '对钐实施出口管制（镝金属除外）。' }, reference).elements).toEqual(['Sm']);
  });

  it('does not alert a watch that the text names only in an exclusion, and says so when it alerts anyway', () => {
    const onlyExcluded = event('New controls on terbium, excluding dysprosium metal.');
    expect(matchBoth([watch('w-dy', { elementSymbol: 'Dy' })], onlyExcluded)).toEqual([]);
    const zh = event('对铽实施出口管制（镝除外）。');
    expect(matchBoth([watch('w-dy', { elementSymbol: 'Dy' })], zh)).toEqual([]);
    expect(matchBoth([watch('w-tb', { elementSymbol: 'Tb' })], zh)).toHaveLength(1);
    // Named as controlled and, elsewhere, in an exclusion: the alert stands and its reason says so.
    const both = event('Dysprosium oxide is controlled. Controls cover terbium, excluding dysprosium metal.');
    const [m] = matchBoth([watch('w-dy', { elementSymbol: 'Dy' })], both);
    expect(m!.reasons[0]!.text).toContain('also names "dysprosium" in an exclusion (not covered)');
    expect(m!.reasons[0]!.fromText).toMatchObject({ text: 'Dysprosium' });
    // A code named only as an exclusion does not alert an HS watch.
    const code = event('Controls apply to HS 2846.90 items, other than HS 8505.11.');
    expect(matchBoth([watch('w-hs', { kind: 'HS_CODE', hsPrefix: '850511' })], code)).toEqual([]);
  });
});

describe('elements reached only through a compound name', () => {
  it('tags them with the weaker kind ELEMENT_IN_COMPOUND, naming the compound', () => {
    const t = tags('Exports of bismuth germanate crystals and ammonium paratungstate need a licence.');
    expect(pick(t, 'ELEMENT', 'Bi')).toHaveLength(1);
    expect(pick(t, 'ELEMENT', 'Ge')).toEqual([]);
    expect(pick(t, 'ELEMENT_IN_COMPOUND', 'Ge')[0]).toMatchObject({ compound: 'germanate', text: 'germanate' });
    expect(pick(t, 'ELEMENT_IN_COMPOUND', 'W')[0]).toMatchObject({ compound: 'paratungstate' });
    const zh = tags('锗酸铋晶体、锑化铟和锗化合物');
    expect(pick(zh, 'ELEMENT_IN_COMPOUND', 'Ge')[0]).toMatchObject({ compound: '锗酸', text: '锗' });
    expect(pick(zh, 'ELEMENT_IN_COMPOUND', 'Sb')[0]).toMatchObject({ compound: '锑化' });
    expect(pick(zh, 'ELEMENT', 'Bi')).toHaveLength(1);
    expect(pick(zh, 'ELEMENT', 'In')).toHaveLength(1);
    // 锗化合物 (germanium compounds) names germanium itself.
    expect(pick(zh, 'ELEMENT', 'Ge')).toHaveLength(1);
    // Not a structured element fact.
    expect(textFacts({ body: 'bismuth germanate crystals' }, reference).elements).toEqual(['Bi']);
  });

  it('alerts the element watch with a reason that names the compound, and prefers a direct mention', () => {
    const [m] = matchBoth([watch('w-ge', { elementSymbol: 'Ge' })], event('Licences for bismuth germanate crystals.'));
    expect(m!.reasons[0]!.text).toContain('matched only through a compound name');
    expect(m!.reasons[0]!.text).toContain('"germanate", a compound of');
    const [d] = matchBoth(
      [watch('w-ge', { elementSymbol: 'Ge' })],
      event('Licences for bismuth germanate crystals and germanium ingots.'),
    );
    expect(d!.reasons[0]!.text).not.toContain('compound');
    expect(d!.reasons[0]!.fromText).toMatchObject({ text: 'germanium' });
  });
});

import { parseCalendarDate, shanghaiInstant } from './dates.js';
import { referenceTagger } from './testing.js';

describe('parseCalendarDate', () => {
  it.each([
    ['2025-01-16', '2025-01-16'],
    ['2025-01-16T08:45:00-05:00', '2025-01-16'],
    ['01/16/2025', '2025-01-16'],
    ['January 16, 2025', '2025-01-16'],
    ['Jan. 16, 2025', '2025-01-16'],
    ['16 January 2025', '2025-01-16'],
    ['2025年1月16日', '2025-01-16'],
    ['２０２５年１月１６日', '2025-01-16'],
  ])('reads %s', (input, expected) => expect(parseCalendarDate(input)).toBe(expected));

  it.each(['2025-02-30', '16/01/2025', 'sometime in spring', '', '2025', 'Smarch 1, 2025'])('refuses %j', (input) =>
    expect(parseCalendarDate(input)).toBeNull(),
  );
  it('refuses non-strings', () => expect(parseCalendarDate(20250116)).toBeNull());
});

describe('shanghaiInstant', () => {
  it('gives a naive China time the +08:00 zone, and keeps an explicit zone', () => {
    expect(shanghaiInstant('2025-10-09 16:30')).toBe('2025-10-09T16:30:00+08:00');
    expect(shanghaiInstant('2025/10/09 16:30:05')).toBe('2025-10-09T16:30:05+08:00');
    expect(shanghaiInstant('2025-10-09T08:30:00Z')).toBe('2025-10-09T08:30:00Z');
  });
  it('refuses a date alone or an impossible time', () => {
    expect(shanghaiInstant('2025-10-09')).toBeNull();
    expect(shanghaiInstant('2025-10-09 25:00')).toBeNull();
  });
});

describe('element tagger (temporary, until the issue-3 taxonomy tagger lands)', () => {
  const tagger = referenceTagger();
  it('finds English names as whole words, Chinese names, customs codes and control-list entries', () => {
    expect(tagger.tag('Exports of gallium and germanium; dysprosium oxide (2846.90.1940), ECCN 1C902.a.1')).toEqual({
      elements: ['Dy', 'Ga', 'Ge'],
      hsCodes: ['2846901940'],
      controlEntries: ['1C902.a.1'],
    });
    expect(tagger.tag('原则上不予许可镓、锗、锑相关两用物项出口；石墨（参考海关商品编号：3801100030）').elements).toEqual(['Ga', 'Ge', 'Sb', 'C']);
  });
  it('does not tag parts of words or bare symbols', () => {
    expect(tagger.tag('Indium-free? No: "Tin" and "Y" and Gallium-based are ok but "gallic" is not').elements).toEqual(['Ga', 'In']);
  });
});

import { parseCalendarDate, shanghaiInstant } from './dates.js';

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

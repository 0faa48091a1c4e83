import { FakeClock } from '../../common/clock.js';
import { latestDigestWindow, localTimeToInstant, quietHoursRelease, type DigestSchedule } from './schedule.js';

/** Ticks a fake clock every `stepMin` minutes from `from` to `to` and records each new digest window key with the instant it first became due. */
function simulate(schedule: DigestSchedule, from: string, to: string, stepMin = 5) {
  const clock = new FakeClock(new Date(from));
  const sent = new Map<string, string>();
  while (clock.now() < new Date(to)) {
    const w = latestDigestWindow(schedule, clock.now());
    // The unique (user, window) key is what makes a slot send once: record the first tick that saw each key.
    if (w.end <= clock.now() && !sent.has(w.key)) sent.set(w.key, clock.now().toISOString());
    clock.advance(stepMin * 60_000);
  }
  return { sent };
}

const daily = (localTime: string, timeZone: string): DigestSchedule => ({
  frequency: 'DAILY',
  localTime,
  weekday: 1,
  timeZone,
});

describe('localTimeToInstant (cron-like DST handling)', () => {
  it('maps a time skipped by spring-forward to the same day, shifted by the gap (New York, 2026-03-08)', () => {
    expect(localTimeToInstant({ year: 2026, month: 3, day: 8 }, '02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(localTimeToInstant({ year: 2026, month: 3, day: 7 }, '02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-07T07:30:00.000Z',
    );
  });

  it('maps a time repeated by fall-back to its first occurrence (New York, 2026-11-01: 01:30 EDT)', () => {
    expect(localTimeToInstant({ year: 2026, month: 11, day: 1 }, '01:30', 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('handles Berlin, Melbourne (southern hemisphere) and Shanghai (no DST)', () => {
    // Berlin springs forward 2026-03-29 02:00 -> 03:00; falls back 2026-10-25 03:00 -> 02:00.
    expect(localTimeToInstant({ year: 2026, month: 3, day: 29 }, '02:30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(localTimeToInstant({ year: 2026, month: 10, day: 25 }, '02:30', 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // Melbourne falls back 2026-04-05 03:00 -> 02:00 (first 02:30 is AEDT, UTC+11); springs forward 2026-10-04 02:00 -> 03:00.
    expect(localTimeToInstant({ year: 2026, month: 4, day: 5 }, '02:30', 'Australia/Melbourne').toISOString()).toBe(
      '2026-04-04T15:30:00.000Z',
    );
    expect(localTimeToInstant({ year: 2026, month: 10, day: 4 }, '02:30', 'Australia/Melbourne').toISOString()).toBe(
      '2026-10-03T16:30:00.000Z',
    );
    expect(localTimeToInstant({ year: 2026, month: 3, day: 8 }, '08:00', 'Asia/Shanghai').toISOString()).toBe(
      '2026-03-08T00:00:00.000Z',
    );
  });

  it('rejects malformed times and unknown zones', () => {
    expect(() => localTimeToInstant({ year: 2026, month: 1, day: 1 }, '24:00', 'UTC')).toThrow(RangeError);
    expect(() => localTimeToInstant({ year: 2026, month: 1, day: 1 }, '08:00', 'Mars/Olympus')).toThrow(
      /unknown IANA time zone/,
    );
  });
});

describe('latestDigestWindow with a fake clock ticking every 5 minutes', () => {
  it('sends a 02:30 New York digest once on the spring-forward day, at 03:30 EDT', () => {
    const { sent } = simulate(daily('02:30', 'America/New_York'), '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z');
    expect([...sent]).toEqual([
      ['daily:2026-03-06', '2026-03-07T00:00:00.000Z'], // the slot already past when the clock starts (caught up once)
      ['daily:2026-03-07', '2026-03-07T07:30:00.000Z'],
      ['daily:2026-03-08', '2026-03-08T07:30:00.000Z'],
      ['daily:2026-03-09', '2026-03-09T06:30:00.000Z'],
    ]);
  });

  it('does not send a 01:30 New York digest twice on the fall-back day', () => {
    const { sent } = simulate(daily('01:30', 'America/New_York'), '2026-10-31T12:00:00Z', '2026-11-03T00:00:00Z');
    expect([...sent].filter(([k]) => k >= 'daily:2026-10-31')).toEqual([
      ['daily:2026-10-31', '2026-10-31T12:00:00.000Z'],
      ['daily:2026-11-01', '2026-11-01T05:30:00.000Z'],
      ['daily:2026-11-02', '2026-11-02T06:30:00.000Z'],
    ]);
    // Each window starts where the previous one ended: no gap, no overlap, even across the 25-hour day.
    const w1 = latestDigestWindow(daily('01:30', 'America/New_York'), new Date('2026-11-02T07:00:00Z'));
    expect(w1.start.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(w1.end.getTime() - w1.start.getTime()).toBe(25 * 3_600_000);
  });

  it.each([
    ['Europe/Berlin', '2026-03-28T12:00:00Z', '2026-03-31T00:00:00Z', ['daily:2026-03-29', 'daily:2026-03-30']],
    ['Europe/Berlin', '2026-10-24T12:00:00Z', '2026-10-27T00:00:00Z', ['daily:2026-10-25', 'daily:2026-10-26']],
    ['Australia/Melbourne', '2026-04-04T00:00:00Z', '2026-04-07T00:00:00Z', ['daily:2026-04-05', 'daily:2026-04-06']],
    ['Australia/Melbourne', '2026-10-03T00:00:00Z', '2026-10-06T00:00:00Z', ['daily:2026-10-04', 'daily:2026-10-05']],
    ['Asia/Shanghai', '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', ['daily:2026-03-08', 'daily:2026-03-09']],
  ])('sends a 02:30 digest in %s exactly once per local day around DST (from %s)', (zone, from, to, mustContain) => {
    const { sent } = simulate(daily('02:30', zone), from, to);
    const keys = [...sent.keys()];
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of mustContain) expect(keys).toContain(k);
    // Consecutive days, none missing.
    const days = keys.map((k) => Date.parse(k.slice(6)));
    for (let i = 1; i < days.length; i++) expect(days[i]! - days[i - 1]!).toBe(86_400_000);
  });

  it('gives weekly windows keyed by the slot date, seven days long in Shanghai', () => {
    const w = latestDigestWindow(
      { frequency: 'WEEKLY', localTime: '09:00', weekday: 1, timeZone: 'Asia/Shanghai' },
      new Date('2026-03-11T00:00:00Z'),
    );
    expect(w.key).toBe('weekly:2026-03-09');
    expect(w.end.toISOString()).toBe('2026-03-09T01:00:00.000Z');
    expect(w.start.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    // Before Monday 09:00 local, the previous week's slot is the latest.
    expect(
      latestDigestWindow(
        { frequency: 'WEEKLY', localTime: '09:00', weekday: 1, timeZone: 'Asia/Shanghai' },
        new Date('2026-03-09T00:59:00Z'),
      ).key,
    ).toBe('weekly:2026-03-02');
  });
});

describe('quietHoursRelease', () => {
  const quiet = { start: '22:00', end: '07:00' };
  it('holds a message sent at night until quiet hours end (wrapping midnight, local time)', () => {
    // 23:30 in Berlin on 2026-01-14 (UTC+1) -> 07:00 on the 15th = 06:00Z.
    expect(quietHoursRelease(quiet, 'Europe/Berlin', new Date('2026-01-14T22:30:00Z')).toISOString()).toBe(
      '2026-01-15T06:00:00.000Z',
    );
    // 05:00 local -> 07:00 the same day.
    expect(quietHoursRelease(quiet, 'Europe/Berlin', new Date('2026-01-15T04:00:00Z')).toISOString()).toBe(
      '2026-01-15T06:00:00.000Z',
    );
  });
  it('lets a message outside quiet hours go at once', () => {
    const now = new Date('2026-01-15T10:00:00Z');
    expect(quietHoursRelease(quiet, 'Europe/Berlin', now)).toEqual(now);
    expect(quietHoursRelease(null, 'Europe/Berlin', now)).toEqual(now);
  });
});

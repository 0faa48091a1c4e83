import { dueReminderOffset, utcToday } from './reminders.service.js';

describe('dueReminderOffset', () => {
  it('picks the smallest configured offset at or above the days left', () => {
    const offsets = [30, 7, 1];
    expect([31, 30, 29, 8, 7, 6, 2, 1, 0, -1].map((d) => dueReminderOffset(d, offsets))).toEqual([
      null,
      30,
      30,
      30,
      7,
      7,
      7,
      1,
      1,
      null,
    ]);
  });
  it('takes the calendar date in UTC', () => {
    expect(utcToday(new Date('2026-11-09T23:59:00-05:00')).toISOString()).toBe('2026-11-10T00:00:00.000Z');
  });
});

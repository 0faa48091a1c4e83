import { DateTime, IANAZone } from 'luxon';

/**
 * Time-zone math of notifications (digests, quiet hours), on luxon over the platform's Intl/ICU time-zone data.
 * Pure: every function takes the instant it reasons about. Wall-clock times are "HH:MM" strings (24 h).
 */

/** A calendar date in some zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Parses "HH:MM" (00:00-23:59) into minutes after midnight; null when malformed. */
export function parseLocalTime(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Whether `zone` is an IANA time-zone name this runtime knows (e.g. "Europe/Berlin"). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The instant at which the wall clock in `zone` shows `time` on `date`, the way a good cron treats daylight saving:
 * - a time skipped by a spring-forward jump (02:30 on 2026-03-08 in America/New_York) maps to the instant the clock
 *   jumps past it, shifted by the gap (03:30 EDT): the job still runs that day, once;
 * - a time that occurs twice on a fall-back day (01:30 on 2026-11-01 in America/New_York) maps to its first
 *   occurrence (01:30 EDT, UTC-4); the second is not another slot.
 * @throws RangeError when `time` is not "HH:MM" or `zone` is unknown.
 */
export function localTimeToInstant(date: LocalDate, time: string, zone: string): Date {
  const minutes = parseLocalTime(time);
  if (minutes === null) throw new RangeError(`local time must be HH:MM, got "${time}"`);
  if (!isValidTimeZone(zone)) throw new RangeError(`unknown IANA time zone "${zone}"`);
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const naiveUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The offsets in force around that day; each is a candidate for the wall time.
  const z = IANAZone.create(zone);
  const offsets = new Set([z.offset(naiveUtc - 86_400_000), z.offset(naiveUtc), z.offset(naiveUtc + 86_400_000)]);
  const matches = [...offsets]
    .map((offsetMin) => naiveUtc - offsetMin * 60_000)
    .filter((instant) => {
      const local = DateTime.fromMillis(instant, { zone });
      return (
        local.year === date.year &&
        local.month === date.month &&
        local.day === date.day &&
        local.hour === hour &&
        local.minute === minute
      );
    })
    .sort((a, b) => a - b);
  if (matches.length) return new Date(matches[0]!);
  // Skipped by a forward jump: luxon shifts forward by the gap (02:30 -> 03:30 on a 1 h jump).
  return DateTime.fromObject({ ...date, hour, minute }, { zone }).toJSDate();
}

/** The calendar date in `zone` at `instant`. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  const d = DateTime.fromJSDate(instant, { zone });
  return { year: d.year, month: d.month, day: d.day };
}

/** `date` plus `days` (calendar arithmetic, no zone). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "YYYY-MM-DD". */
export function formatDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const wd = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** How often, and when, a user gets a digest. */
export interface DigestSchedule {
  frequency: 'DAILY' | 'WEEKLY';
  /** "HH:MM" local time. */
  localTime: string;
  /** ISO weekday for WEEKLY (1 = Monday). */
  weekday: number;
  /** IANA zone, e.g. "Australia/Melbourne". */
  timeZone: string;
}

/** One digest window: alerts created in [start, end) go into the digest sent at `end`. */
export interface DigestWindow {
  /** Unique per user and window: "daily:2026-03-08" or "weekly:2026-03-09" (the local date of the slot). */
  key: string;
  start: Date;
  end: Date;
}

function slotDate(schedule: DigestSchedule, date: LocalDate): LocalDate {
  if (schedule.frequency === 'DAILY') return date;
  return addDays(date, schedule.weekday - isoWeekday(date));
}

/**
 * The latest digest slot at or before `now` in the user's zone, with its window (from the slot before it). A tick calls
 * this and sends the window unless its key was already used: a late tick catches up the latest slot; DST days give
 * exactly one slot (see {@link localTimeToInstant}).
 */
export function latestDigestWindow(schedule: DigestSchedule, now: Date): DigestWindow {
  const step = schedule.frequency === 'DAILY' ? 1 : 7;
  const at = (d: LocalDate) => localTimeToInstant(d, schedule.localTime, schedule.timeZone);
  let date = slotDate(schedule, localDateOf(now, schedule.timeZone));
  // The slot of "today"/"this week" may still be ahead (or, on a jump day, computed ahead): step back until <= now.
  for (let i = 0; at(date).getTime() > now.getTime() && i < 3; i++) date = addDays(date, -step);
  const end = at(date);
  const start = at(addDays(date, -step));
  return { key: `${schedule.frequency.toLowerCase()}:${formatDate(date)}`, start, end };
}

/** Quiet hours as local "HH:MM" bounds; `end` may be earlier than `start` (wraps midnight). */
export interface QuietHours {
  start: string;
  end: string;
}

/**
 * When an immediate email may go out: `now` if outside quiet hours, else the instant quiet hours end (local time,
 * in `zone`, DST-aware as above).
 */
export function quietHoursRelease(quiet: QuietHours | null, zone: string, now: Date): Date {
  if (!quiet) return now;
  const start = parseLocalTime(quiet.start);
  const end = parseLocalTime(quiet.end);
  if (start === null || end === null || start === end) return now;
  const local = DateTime.fromJSDate(now, { zone });
  const minutes = local.hour * 60 + local.minute;
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return now;
  const today = { year: local.year, month: local.month, day: local.day };
  const endDate = start < end || minutes < end ? today : addDays(today, 1);
  return localTimeToInstant(endDate, quiet.end, zone);
}

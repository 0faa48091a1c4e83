const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function ymd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A calendar date (YYYY-MM-DD) from the forms sources use: 2025-01-16, 2025-01-16T08:45:00-05:00 (the date as written),
 * 01/16/2025 (US month/day/year, as the Federal Register and the CSL write), January 16, 2025 / Jan. 16, 2025,
 * 16 January 2025, 2025年1月16日 / 2025年01月16日. A date stays a date: no time zone is applied.
 * @returns the date, or null for anything else (including impossible dates such as 2025-02-30).
 */
export function parseCalendarDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.normalize('NFKC').trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return ymd(+m[3]!, +m[1]!, +m[2]!);
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) return monthName(m[1]!, +m[3]!, +m[2]!);
  m = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(s);
  if (m) return monthName(m[2]!, +m[3]!, +m[1]!);
  return null;
}

function monthName(name: string, y: number, d: number): string | null {
  const n = name.toLowerCase();
  const i = MONTHS.findIndex((mo) => mo === n || (n.length >= 3 && mo.startsWith(n)));
  return i < 0 ? null : ymd(y, i + 1, d);
}

/**
 * An instant from a date-time without a zone that is known to be China Standard Time (Asia/Shanghai, UTC+08:00 all
 * year, no daylight saving since 1991): "2025-10-09 16:30" or "2025-10-09 16:30:05" -> "2025-10-09T16:30:05+08:00".
 * A value with its own zone (Z or ±hh:mm) keeps it. @returns null for anything else.
 */
export function shanghaiInstant(value: string): string | null {
  const s = value.normalize('NFKC').trim();
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m) return null;
  const date = ymd(+m[1]!, +m[2]!, +m[3]!);
  if (!date || +m[4]! > 23) return null;
  return `${date}T${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${m[7] ?? '+08:00'}`;
}

import type { Severity } from '@lodestone/shared-types';

/**
 * Returns `url` normalised if it is an absolute `http:` or `https:` URL, otherwise `null`
 * (so `javascript:`, `data:`, relative and malformed URLs are never rendered as links).
 *
 * @param url - any string, `null` or `undefined`.
 * @returns the URL as given (trimmed) when safe to link to, else `null`. Never throws.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string') return null;
  const trimmed = url.trim();
  if (trimmed === '') return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? trimmed : null;
  } catch {
    return null;
  }
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An `Intl.DateTimeFormat` for `locale`, `options` and `timeZone`, built once per distinct combination: building one
 * costs about as much as rendering a small template, and a digest needs three.
 *
 * @param key - names `options` in the cache (one key per distinct `options` object).
 * @throws RangeError when `timeZone` is not an IANA zone (nothing is cached then).
 */
export function dateTimeFormat(
  key: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
  timeZone: string,
): Intl.DateTimeFormat {
  const id = `${key}|${locale}|${timeZone}`;
  let format = dateTimeFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    dateTimeFormats.set(id, format);
  }
  return format;
}

let regionNames: Intl.DisplayNames | undefined;

/**
 * Human label of a jurisdiction code: `"CN"` → `"China (CN)"`, `"EU"` → `"European Union (EU)"`.
 * Falls back to the input unchanged when it is not a region code Node's ICU knows.
 *
 * @param code - an ISO 3166-1 alpha-2 code or `EU` (anything else is returned as is).
 * @returns a display string. Never throws.
 */
export function jurisdictionLabel(code: string): string {
  const trimmed = code.trim();
  if (!/^[A-Za-z]{2}$/.test(trimmed)) return trimmed;
  const upper = trimmed.toUpperCase();
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const name = regionNames.of(upper);
    return name && name !== upper ? `${name} (${upper})` : upper;
  } catch {
    return upper;
  }
}

/** Badge colours per severity. Text always says the severity too; colour is never the only signal. */
export const SEVERITY_STYLE: Readonly<Record<Severity, { background: string; color: string }>> = {
  CRITICAL: { background: '#7f1d1d', color: '#ffffff' },
  HIGH: { background: '#b91c1c', color: '#ffffff' },
  MEDIUM: { background: '#b45309', color: '#ffffff' },
  LOW: { background: '#1d4ed8', color: '#ffffff' },
  INFO: { background: '#4b5563', color: '#ffffff' },
};

/**
 * Unicode bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): invisible characters
 * that reorder the text around them, so that a name or subject can read differently from what it is (CVE-2021-42574,
 * "Trojan Source"). Removed from every subject and display name and from the text of every email.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * `s` without bidirectional control characters ({@link BIDI_CONTROLS}).
 *
 * @param s - any string.
 * @returns the string without U+202A-U+202E and U+2066-U+2069. Never throws.
 */
export function stripBidi(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}

/**
 * `value` with {@link stripBidi} applied to every string in it, at any depth of plain arrays and objects (other values
 * are returned unchanged). Used on template props, which come from JSON.
 *
 * @param value - any JSON-like value.
 * @returns a copy when something changed; never throws.
 */
export function stripBidiDeep<T>(value: T): T {
  if (typeof value === 'string') return stripBidi(value) as T;
  if (Array.isArray(value)) return value.map(stripBidiDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripBidiDeep(v);
    return out as T;
  }
  return value;
}

/**
 * Collapses all whitespace (including CR/LF, which must never reach a mail header) to single spaces,
 * drops other control characters and bidirectional controls ({@link BIDI_CONTROLS}) and trims.
 *
 * @param s - any string.
 * @returns the single-line string. Never throws.
 */
export function singleLine(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
      .replace(BIDI_CONTROLS, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Shortens `s` to at most `max` characters (code points), ending in `…` when cut. Cuts at a word
 * boundary when one is within the last 20 characters.
 *
 * @param s - the string to shorten.
 * @param max - maximum length in code points, at least 1.
 * @returns `s` when short enough, else the shortened string. Throws `RangeError` when `max < 1`.
 */
export function truncate(s: string, max: number): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`truncate: max must be an integer >= 1, got ${max}`);
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  let cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > 0 && cut.length - space <= 20) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

/**
 * Normalisation of customs (HS) codes and control-list entry codes. Pure functions; no I/O. Company names are
 * normalised in suppliers/name.ts.
 */

/** Digits of an HS / customs code ("8505.11" -> "850511", "2846 90 19 40" -> "2846901940"). */
export function hsDigits(code: string): string {
  return code.replace(/[\s.-]/g, '');
}

/** Display form of an HS digits string: "850511" -> "8505.11", "2846901940" -> "2846.90.1940". */
export function formatHs(digits: string): string {
  if (digits.length <= 4) return digits;
  if (digits.length <= 6) return `${digits.slice(0, 4)}.${digits.slice(4)}`;
  return `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
}

/** Control-list entry code in canonical case: "1c902.A.1" -> "1C902.a.1" (category upper, sub-items lower). */
export function normalizeEntryCode(code: string): string {
  const [head, ...rest] = code.trim().split('.');
  return [head!.toUpperCase(), ...rest.map((p) => p.toLowerCase())].join('.');
}

/** Whether `code` is `watched` or falls under it at a dot boundary ("1C902.a.1" is under "1C902"). */
export function entryUnder(code: string, watched: string): boolean {
  return code === watched || code.startsWith(watched + '.');
}

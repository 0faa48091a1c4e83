/**
 * Normalisation of codes and company names. Pure functions; no I/O.
 */

/** Digits of an HS / customs code ("8505.11" -> "850511", "2846 90 19 40" -> "2846901940"). */
export function hsDigits(code: string): string {
  return code.replace(/[\s.-]/g, '');
}

/** A valid HS / customs code or prefix: 2 to 10 digits once separators are removed. */
export function isHsCode(code: string): boolean {
  return /^\d{2,10}$/.test(hsDigits(code));
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

// Legal-form words removed before comparing names. Longest first for Chinese (a suffix may contain another).
const LEGAL_FORMS_ZH = ['股份有限公司', '有限责任公司', '有限公司', '株式会社', '公司'];
const LEGAL_FORMS_EN = new Set([
  'co',
  'company',
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'plc',
  'llc',
  'gmbh',
  'kg',
  'ag',
  'sa',
  'nv',
  'bv',
  'spa',
  'pty',
  'class',
  'a',
]);

/**
 * A comparison key for a company name: Unicode NFKC (full-width to half-width), lower case, dashes unified,
 * bracketed ticker remarks removed, legal-form words (English and Chinese) dropped, punctuation and spaces removed.
 * Returns '' when nothing distinctive is left (e.g. "Co., Ltd.").
 */
export function companyKey(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  s = s.replace(/[\u2010-\u2015\u2212]/g, '-');
  s = s.replace(/\((?:nyse|nasdaq|asx|tsx|hkex|shse|szse|otc)[^)]*\)/g, ' ');
  for (const suffix of LEGAL_FORMS_ZH) s = s.split(suffix).join(' ');
  const words = s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0 && !LEGAL_FORMS_EN.has(w));
  return words.join('');
}

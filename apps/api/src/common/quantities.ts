/**
 * Exact decimal arithmetic for money, quantities and masses of parts (issue 15): values are decimal strings scaled to
 * integers (BigInt), so that sums of annual spend never pick up binary floating-point error. Pure.
 */

/** Digits after the decimal point kept in sums (the columns are DECIMAL(20, 4) or (20, 6)). */
export const SCALE = 6;
const TEN = 10n;
const FACTOR = TEN ** BigInt(SCALE);

/** ISO 4217 currency codes this runtime knows (Intl, ICU data), e.g. EUR, USD, JPY, CNY. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** True for an active ISO 4217 alphabetic code in capitals (EUR; not "eur", not "XYZ"). */
export function isCurrencyCode(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && CURRENCIES.has(value);
}

/** A non-negative decimal string such as "1250000", "1250000.5", "0.0042"; at most 15 integer and 6 fraction digits. */
export const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;

/** Parses a decimal string or number into a scaled integer (value × 10^6). @throws RangeError for anything else. */
export function toScaled(value: string | number | { toString(): string }): bigint {
  let s = typeof value === 'number' ? value.toFixed(SCALE) : value.toString();
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new RangeError(`not a decimal: ${s}`);
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const [int, frac = ''] = s.split('.');
  const scaled = BigInt(int!) * FACTOR + BigInt((frac + '0'.repeat(SCALE)).slice(0, SCALE));
  return negative ? -scaled : scaled;
}

/** A scaled integer back to a decimal string with `digits` fraction digits (rounded half up), e.g. "4200000.00". */
export function fromScaled(scaled: bigint, digits = 2): string {
  const negative = scaled < 0n;
  let v = negative ? -scaled : scaled;
  const drop = TEN ** BigInt(SCALE - digits);
  v = (v + drop / 2n) / drop;
  const unit = TEN ** BigInt(digits);
  const int = v / unit;
  const frac = digits ? `.${(v % unit).toString().padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}

/** Product of two scaled integers, scaled. */
export function mulScaled(a: bigint, b: bigint): bigint {
  return (a * b) / FACTOR;
}

/** Kilograms in one of each mass unit, as decimal strings: MG 1e-6, G 1e-3, KG 1. */
export const KG_PER = { MG: '0.000001', G: '0.001', KG: '1' } as const;

/** Minor-unit digits of a currency (EUR 2, JPY 0, BHD 3) from Intl; 2 when unknown. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * A short money figure for sentences: "EUR 4.2 M", "USD 850 k", "JPY 12,000". Exact figures are in the amounts; this is
 * for people only.
 */
export function shortMoney(amount: string, currency: string): string {
  const n = Number(amount);
  if (n >= 1e9) return `${currency} ${trim(n / 1e9)} bn`;
  if (n >= 1e6) return `${currency} ${trim(n / 1e6)} M`;
  if (n >= 1e4) return `${currency} ${trim(n / 1e3)} k`;
  return `${currency} ${n.toLocaleString('en', { maximumFractionDigits: currencyDigits(currency) })}`;
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, '');
}

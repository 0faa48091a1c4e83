/**
 * Company identifiers found in names and free text: China's Unified Social Credit Code (USCC), the Legal Entity
 * Identifier (LEI) and exchange tickers. Pure functions; no I/O.
 */

/** A company identifier in canonical form. */
export interface CompanyId {
  scheme: 'USCC' | 'LEI' | 'TICKER';
  /** Canonical value: the 18-character USCC, the 20-character LEI, or a ticker as `MIC:SYMBOL` (e.g. `XSHG:600111`). */
  value: string;
}

/** An identifier found in a text, with the UTF-16 span [start, end) it came from. */
export interface FoundId extends CompanyId {
  start: number;
  end: number;
}

// GB 32100-2015: 18 characters from this 31-character alphabet (no I, O, S, V, Z); the 18th is a check character
// computed over the first 17 with weights 3^(i-1) mod 31.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Whether `code` is a well-formed USCC (统一社会信用代码) whose check character is right, per GB 32100-2015 §5.
 * Case-insensitive; no separators allowed.
 */
export function isValidUscc(code: string): boolean {
  const s = code.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(s[i]!) * USCC_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[check] === s[17];
}

/**
 * Whether `code` is a well-formed LEI whose two check digits are right, per ISO 17442 (ISO 7064 MOD 97-10: letters
 * become 10..35 and the whole number mod 97 is 1). Case-insensitive; no separators allowed.
 */
export function isValidLei(code: string): boolean {
  const s = code.toUpperCase();
  if (!/^[0-9A-Z]{18}[0-9]{2}$/.test(s)) return false;
  let rem = 0;
  for (const ch of s) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

/**
 * Exchange names and codes as written in the wild -> one canonical code (the ISO 10383 MIC where there is one;
 * `OTC` for the US over-the-counter markets). Shenzhen is written XSHE (its MIC) or XSEC (Morningstar's code).
 */
const EXCHANGES: Record<string, string> = {
  SH: 'XSHG',
  SS: 'XSHG',
  SHSE: 'XSHG',
  SSE: 'XSHG',
  SHA: 'XSHG',
  XSHG: 'XSHG',
  SZ: 'XSHE',
  SZSE: 'XSHE',
  SZE: 'XSHE',
  SHE: 'XSHE',
  XSEC: 'XSHE',
  XSHE: 'XSHE',
  HK: 'XHKG',
  HKEX: 'XHKG',
  HKSE: 'XHKG',
  SEHK: 'XHKG',
  HKG: 'XHKG',
  XHKG: 'XHKG',
  ASX: 'XASX',
  AX: 'XASX',
  XASX: 'XASX',
  NYSE: 'XNYS',
  XNYS: 'XNYS',
  NASDAQ: 'XNAS',
  NASDAQGS: 'XNAS',
  NASDAQGM: 'XNAS',
  NASDAQCM: 'XNAS',
  XNAS: 'XNAS',
  TSX: 'XTSE',
  TO: 'XTSE',
  XTSE: 'XTSE',
  TYO: 'XTKS',
  T: 'XTKS',
  JPX: 'XTKS',
  XTKS: 'XTKS',
  OTC: 'OTC',
  OTCMKTS: 'OTC',
  OTCQX: 'OTC',
  OTCQB: 'OTC',
  OTCPK: 'OTC',
  PINK: 'OTC',
  LSE: 'XLON',
  LON: 'XLON',
  XLON: 'XLON',
  ETR: 'XETR',
  XETRA: 'XETR',
  XETR: 'XETR',
  FRA: 'XFRA',
  XFRA: 'XFRA',
  EPA: 'XPAR',
  XPAR: 'XPAR',
  EBR: 'XBRU',
  XBRU: 'XBRU',
  BR: 'XBRU',
  PA: 'XPAR',
  KRX: 'XKRX',
  KS: 'XKRX',
  XKRX: 'XKRX',
  // Reuters RIC suffixes (".N" NYSE, ".O"/".OQ" Nasdaq, ".L" London, ".DE" Xetra, ".V" TSX Venture, ".TW" Taiwan).
  N: 'XNYS',
  O: 'XNAS',
  OQ: 'XNAS',
  L: 'XLON',
  DE: 'XETR',
  V: 'XTSX',
  TSXV: 'XTSX',
  XTSX: 'XTSX',
  TW: 'XTAI',
  TWSE: 'XTAI',
  XTAI: 'XTAI',
  AMEX: 'XASE',
  NYSEAMERICAN: 'XASE',
  'NYSE-AMERICAN': 'XASE',
  NYSEMKT: 'XASE',
  'NYSE-MKT': 'XASE',
  XASE: 'XASE',
  KOSDAQ: 'XKOS',
  KQ: 'XKOS',
  XKOS: 'XKOS',
};
/** Exchange words allowed before a colon ("SHSE:600111"): every key above of 3+ letters. */
const PREFIX_EXCHANGES = Object.keys(EXCHANGES).filter((k) => k.length >= 3);
/** Suffixes allowed after a dot ("600111.SH", "6680.HK", "4063.T", "SOLB.BR"). */
const SUFFIX_EXCHANGES = [
  'SH',
  'SS',
  'SZ',
  'HK',
  'AX',
  'TO',
  'T',
  'BR',
  'PA',
  'KS',
  'KQ',
  'N',
  'OQ',
  'O',
  'L',
  'DE',
  'V',
  'TW',
];
/**
 * Exchanges allowed in the spaced form without a colon ("ASX ARU", "(HKEX 2899)", "NYSE ALB"): names that are not
 * English words, so that a company name is not read as a ticker.
 */
const SPACED_EXCHANGES = [
  'ASX',
  'NYSE',
  'NASDAQ',
  'TSX',
  'TSXV',
  'HKEX',
  'SEHK',
  'HKSE',
  'TYO',
  'SHSE',
  'SSE',
  'SZSE',
  'OTC',
  'OTCQX',
  'OTCQB',
  'OTCMKTS',
  'AMEX',
  'NYSE-AMERICAN',
  'NYSE-MKT',
  'KRX',
  'KOSDAQ',
  'TWSE',
];

/** Canonical symbol on a canonical exchange, or null when the symbol cannot be listed there. */
function canonicalSymbol(mic: string, raw: string): string | null {
  const sym = raw.toUpperCase();
  if (mic === 'XSHG' || mic === 'XSHE') return /^\d{6}$/.test(sym) ? sym : null;
  if (mic === 'XHKG') return /^\d{1,5}$/.test(sym) ? String(Number(sym)).padStart(4, '0') : null;
  if (mic === 'XTKS') return /^\d{4}$|^\d{3}[A-Z]$/.test(sym) ? sym : null;
  return /^[A-Z0-9][A-Z0-9.-]{0,9}$/.test(sym) ? sym.replace(/[.-]$/, '') : null;
}

/**
 * Canonical form of one ticker written in any common form: `SHSE:600111`, `XSHG: 600111`, `600111.SH` and `600111.SS`
 * all give `XSHG:600111`; `000970.SZ`, `XSEC:000970`, `SZSE:000970` give `XSHE:000970`; `6680.HK`, `HKEX:06680` give
 * `XHKG:6680`; `ASX:LYC` gives `XASX:LYC`; `OTC:LYSDY` gives `OTC:LYSDY`. Returns null when `text` is not one ticker.
 */
export function canonicalTicker(text: string): string | null {
  // Upper case: a registered ticker may be typed "asx aru" or "601899.ss"; the spaced and RIC forms need capitals.
  const s = text.normalize('NFKC').trim().toUpperCase();
  const found = findIdentifiers(s);
  if (found.length !== 1 || found[0]!.scheme !== 'TICKER') return null;
  const f = found[0]!;
  const rest = `${s.slice(0, f.start)} ${s.slice(f.end)}`.trim();
  return rest.replace(/[()（）\s]/g, '') === '' || isExchangeRemark(rest) ? f.value : null;
}

/** Whether `text` is only an exchange name in brackets or alone, e.g. "(HKEX)". */
export function isExchangeRemark(text: string): boolean {
  const m = /^[\s(]*([A-Za-z]{2,8})[\s)]*$/.exec(text);
  return !!m && m[1]!.toUpperCase() in EXCHANGES && m[1]!.length >= 2;
}

const PREFIX_RE = new RegExp(
  `(?<![A-Za-z0-9])(${PREFIX_EXCHANGES.join('|')})\\s*:\\s*([A-Za-z0-9][A-Za-z0-9.\\-]{0,9})(?![A-Za-z0-9])`,
  'gi',
);
const SUFFIX_RE = new RegExp(
  `(?<![A-Za-z0-9.])([0-9]{1,6}|[A-Z][A-Z0-9]{0,5})\\.(${SUFFIX_EXCHANGES.join('|')})(?![A-Za-z0-9])`,
  'g',
);
// Spaced, no colon: "ASX ARU", "(HKEX 2899)", "TYO 5713"; the symbol ends the text or a bracket / list item.
const SPACED_RE = new RegExp(
  `(?<![A-Za-z0-9])(${SPACED_EXCHANGES.join('|')})\\s+([A-Z0-9][A-Z0-9.]{0,9})(?=\\s*(?:$|[),;]))`,
  'g',
);
// Mainland quote-site form with the market glued in front: "SH601899", "SZ000970".
const GLUED_CN_RE = /(?<![A-Za-z0-9])(SH|SZ)(\d{6})(?![A-Za-z0-9])/g;
// A bare six-digit A-share code, in brackets ("SHRC(600392)", "Co.Ltd(000970)") or as the whole text.
const BARE_CN_RE = /(?:(?<=[(（]\s*)|^\s*)(\d{6})(?=\s*[)）]|\s*$)/g;
const USCC_RE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Za-z])/g;
const LEI_RE = /(?<![0-9A-Za-z])[0-9A-Z]{18}[0-9]{2}(?![0-9A-Za-z])/g;

/** Exchange of a bare six-digit A-share code by its first digits (SSE: 60x, 68x, 900; SZSE: 00x, 30x, 200). */
function bareCnExchange(code: string): string | null {
  if (/^(60|68|90)/.test(code)) return 'XSHG';
  if (/^(00|30|20)/.test(code)) return 'XSHE';
  return null;
}

/**
 * Every identifier in `text` (expected NFKC-normalised): valid USCCs and LEIs (check characters verified), and tickers
 * in the forms `EXCHANGE:SYMBOL` (`SHSE:600111`, `NYSE: MP`, `ASX:LYC`, `TYO:5713`), `SYMBOL.SUFFIX` including Reuters
 * RICs (`600111.SH`, `601899.SS`, `6680.HK`, `ALB.N`, `LYC.AX`), the spaced form `EXCHANGE SYMBOL` at the end of the
 * text, a bracket or a list item (`ASX ARU`, `(HKEX 2899)`, `OTCQX LYSDY`), the glued mainland form `SH601899`, and
 * bare six-digit A-share codes in brackets (`SHRC(600392)`). Spans do not overlap; ordered by position.
 * The exchange in a ticker is taken as written: "NYSE: 600111" gives `XNYS:600111`, which no company has.
 */
export function findIdentifiers(given: string): FoundId[] {
  // "NYSE American" / "NYSE MKT" as one exchange word, the text's length (and so the spans) unchanged.
  const text = given.replace(/\bNYSE\s(American|MKT)\b/gi, (m) => m.replace(/\s/, '-').toUpperCase());
  const found: FoundId[] = [];
  const overlaps = (s: number, e: number) => found.some((f) => s < f.end && f.start < e);
  const add = (scheme: CompanyId['scheme'], value: string, start: number, end: number) => {
    if (!overlaps(start, end)) found.push({ scheme, value, start, end });
  };
  for (const m of text.matchAll(USCC_RE))
    if (isValidUscc(m[0])) add('USCC', m[0].toUpperCase(), m.index!, m.index! + m[0].length);
  for (const m of text.matchAll(LEI_RE)) if (isValidLei(m[0])) add('LEI', m[0], m.index!, m.index! + m[0].length);
  for (const m of text.matchAll(PREFIX_RE)) {
    const mic = EXCHANGES[m[1]!.toUpperCase()]!;
    const sym = canonicalSymbol(mic, m[2]!);
    if (sym) add('TICKER', `${mic}:${sym}`, m.index!, m.index! + m[0].length);
  }
  for (const m of text.matchAll(SPACED_RE)) {
    const mic = EXCHANGES[m[1]!]!;
    const sym = canonicalSymbol(mic, m[2]!);
    if (sym) add('TICKER', `${mic}:${sym}`, m.index!, m.index! + m[0].length);
  }
  for (const m of text.matchAll(GLUED_CN_RE)) {
    const mic = EXCHANGES[m[1]!]!;
    if (bareCnExchange(m[2]!) === mic) add('TICKER', `${mic}:${m[2]}`, m.index!, m.index! + m[0].length);
  }
  for (const m of text.matchAll(SUFFIX_RE)) {
    const mic = EXCHANGES[m[2]!]!;
    if (mic === 'XTKS' && !/^\d{4}$/.test(m[1]!)) continue;
    const sym = canonicalSymbol(mic, m[1]!);
    if (sym) add('TICKER', `${mic}:${sym}`, m.index!, m.index! + m[0].length);
  }
  for (const m of text.matchAll(BARE_CN_RE)) {
    const mic = bareCnExchange(m[1]!);
    const start = m.index! + m[0].indexOf(m[1]!);
    if (mic) add('TICKER', `${mic}:${m[1]}`, start, start + 6);
  }
  return found.sort((a, b) => a.start - b.start);
}

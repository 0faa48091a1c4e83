import { normalizeEntryCode } from './normalize.js';
import type { ReferenceIndex } from './reference-index.js';
import type { TextField, TextTag } from './types.js';

/** The free text of an event. */
export interface EventText {
  title?: string | null;
  summary?: string | null;
  body?: string | null;
}

export interface TaggerOptions {
  /** IANA zone in which naive date-times are read; default Asia/Shanghai (the sources are Chinese authorities). */
  naiveTimeZone?: string;
}

// Names not in the element table. Sources: shared/data/elements.csv note (Lu: "Taiwan usage also 鎦"); the table
// lists graphite under C, so "graphite"/"石墨" name it (elements.csv: "Graphite (carbon)", 石墨).
const EXTRA_NAMES: Record<string, string[]> = { Lu: ['鎦'], C: ['graphite', '石墨'] };
// Compound names that reach an element only through the compound (IUPAC -ate / -ide / -ite anion names, oxide names
// ending in -ia, and the ores named after one element): tagged ELEMENT_IN_COMPOUND, a weaker kind than a name of the
// element itself. "Bismuth germanate" names bismuth and, through the germanate, germanium.
const COMPOUND_EN: Record<string, string[]> = {
  Ge: ['germanate', 'germanates', 'germanide', 'germanides', 'germania'],
  Ga: ['gallate', 'gallates', 'gallide'],
  Sb: ['antimonate', 'antimonates', 'antimonide', 'antimonides', 'antimonite', 'stibnite'],
  W: ['tungstate', 'tungstates', 'paratungstate', 'metatungstate', 'wolframite', 'scheelite'],
  Mo: ['molybdate', 'molybdates', 'molybdenite'],
  Te: ['tellurate', 'tellurates', 'telluride', 'tellurides', 'tellurite'],
  Bi: ['bismuthate', 'bismuthates', 'bismuthide', 'bismuthinite'],
  In: ['indate', 'indide'],
  Sc: ['scandate', 'scandia'],
  Y: ['yttria', 'yttrate'],
  Ce: ['ceria', 'cerate'],
  La: ['lanthana'],
  Gd: ['gadolinia'],
  Sm: ['samaria'],
  Dy: ['dysprosia'],
  Er: ['erbia'],
  Yb: ['ytterbia'],
  Nd: ['neodymia'],
};
// A single-character element name followed by 酸 (acid: 锗酸铋, bismuth germanate; 钨酸铵, ammonium tungstate) or by
// 化 and a partner (锑化铟, indium antimonide): the element is in the anion, named only through the compound. Not
// 化合物 / 化学 (锗化合物: germanium compounds, which name germanium).
const CJK_COMPOUND_AFTER = /^(?:酸|化(?!合物|学|學))/;
// Exclusions. Forward: the clause after the trigger, up to the end of the clause. Backward: 除外 ends a clause that
// names what is excepted. Sentence: a sentence that says something is not controlled / not covered.
const EXCLUDE_FORWARD =
  /\b(?:excluding|excludes|exclusive of|except(?: for)?|other than|not including|with the exception of|(?:does|do) not (?:apply|extend) to)\b|不包括|不包含|不含|不适用于|不適用於/gi;
const EXCLUDE_BETWEEN = /除了?(?!外)([^。；;\n，,]{1,60}?)(?:以)?外/g;
const EXCLUDE_BACKWARD = /除外/g;
const EXCLUDE_SENTENCE =
  /\bnot (?:be )?(?:controlled|covered|subject to (?:export )?controls?|listed|included)\b|\b(?:are|is) (?:exempt|excluded)\b|不受[^。；;\n]{0,12}管制|不(?:属于|屬於|在)[^。；;\n]{0,12}管制|不实施[^。；;\n]{0,6}管制|不納入|不纳入/gi;
const CLAUSE_END = /[;；。\n)）]|\.(?=\s|$)/g;
const SENTENCE_END = /[;；。\n]|\.(?=\s|$)/g;
// Two-letter symbols that, standing alone, mean the element: not English words, abbreviations or common initials.
// Excluded on purpose: In, Y, W, C, La, Mo, Bi, Ho, Er, Pm (words, letters, "Ho Chi Minh", "Mo"/"Bi" prefixes, "pm").
const SAFE_SYMBOLS = ['Sc', 'Ce', 'Pr', 'Nd', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Tm', 'Yb', 'Lu', 'Ga', 'Ge', 'Sb', 'Te'];
// Every chemical symbol, to recognise formulas (NdFeB, GaAs, InP) and alloy notation (Sm-Co, Y-Al, W-Ni-Fe).
const CHEM = new Set(
  (
    'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo ' +
    'Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl ' +
    'Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu'
  ).split(' '),
);
// Characters that follow 鈥 (Ho, traditional) when it is mojibake of a curly quote or dash, not holmium.
const MOJIBAKE_AFTER_HO = new Set([...'檚渀淐攢溿滭濇樿�']);
const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const CODE_CONTEXT =
  /(?:\bHS\b|H\.S\.|heading|subheading|tariff|customs|commodity|\bcodes?\b|税号|编号|编码|税则|号列)[^\n]{0,40}$/i;

/**
 * Finds elements, HS / customs codes, control-list entry numbers, material forms and dates in an event's free text.
 * Pure; no I/O. Each tag carries the field and the span that produced it (UTF-16 offsets into that field).
 *
 * - Elements: English names (word-bounded, any case), Chinese names simplified and traditional (single characters
 *   such as 铽 / 鋱), two-letter symbols standing alone only when unambiguous (Dy, Tb … but not "In", "Y", "W", "Mo"),
 *   and any symbol inside a formula or alloy notation (NdFeB → Nd, Y-Al → Y, InP → In).
 * - Codes: 10-digit China customs codes anywhere; dotted forms (8505.11, 2846.90.1940) and 4-, 6- or 8-digit codes only
 *   after words such as "HS", "tariff", "customs code", 税则号列 or 商品编号. Value: digits only.
 * - Control-list entries: 1C904, 1C904.a.4 …; a range ("6C001.a-d") is tagged as its parent (6C001).
 * - Material forms: the aliases in the reference data (NdFeB, 钕铁硼, samarium-cobalt magnet …).
 * - Elements through a compound only (kind ELEMENT_IN_COMPOUND, weaker): -ate / -ide / -ite / -ia compound names
 *   ("bismuth germanate" -> Ge, "ammonium paratungstate" -> W, "yttria" -> Y) and single-character Chinese names
 *   followed by 酸 or 化 (锗酸铋 -> Ge, 锑化铟 -> Sb); `compound` is the word.
 * - Exclusions: a tag inside an exclusion ({@link exclusionRanges}: "excluding …", "other than …", "not controlled
 *   under …", 不包括 …, …除外) carries `excluded: true`.
 * - Dates: 2023年12月1日, 2025-10-09, October 9, 2025, 9 Oct 2025; with a time of day (2025年10月9日10时, 2025-10-09 10:00)
 *   a naive time is read in Asia/Shanghai and given as an ISO instant with offset; a date alone stays a date.
 *
 * @returns tags ordered by field (title, summary, body) and start; overlapping element tags are kept once per span.
 */
export function tagEventText(text: EventText, ref: ReferenceIndex, options: TaggerOptions = {}): TextTag[] {
  const zone = options.naiveTimeZone ?? 'Asia/Shanghai';
  const lexicon = buildLexicon(ref);
  const out: TextTag[] = [];
  for (const field of ['title', 'summary', 'body'] as TextField[]) {
    const s = text[field];
    if (!s) continue;
    const tags: TextTag[] = [];
    const tag = (kind: TextTag['kind'], value: string, start: number, end: number, extra: Partial<TextTag> = {}) =>
      tags.push({ kind, value, field, start, end, text: s.slice(start, end), ...extra });

    // elements by name
    for (const m of s.matchAll(lexicon.latinNames))
      tag('ELEMENT', lexicon.byLatin.get(m[0].toLowerCase())!, m.index!, m.index! + m[0].length);
    for (let i = 0; i < s.length; i++) {
      const two = s.slice(i, i + 2);
      if (lexicon.byCjk.has(two)) {
        tag('ELEMENT', lexicon.byCjk.get(two)!, i, i + 2);
        i++;
        continue;
      }
      const symbol = lexicon.byCjk.get(s[i]!);
      if (!symbol) continue;
      if (s[i] === '鈥' && MOJIBAKE_AFTER_HO.has(s[i + 1] ?? '')) continue;
      const anion = CJK_COMPOUND_AFTER.exec(s.slice(i + 1, i + 4));
      if (anion && (anion[0] === '酸' || i + 2 < s.length))
        tag('ELEMENT_IN_COMPOUND', symbol, i, i + 1, { compound: s.slice(i, i + 2) });
      else tag('ELEMENT', symbol, i, i + 1);
    }
    // elements reached only through a compound name ("germanate", "tungstate", "yttria")
    for (const m of s.matchAll(lexicon.compoundNames)) {
      const symbol = lexicon.byCompound.get(m[0].toLowerCase())!;
      tag('ELEMENT_IN_COMPOUND', symbol, m.index!, m.index! + m[0].length, { compound: m[0] });
    }
    // elements by symbol: alone (safe ones), in alloy notation, in formulas
    for (const m of s.matchAll(lexicon.safeSymbols)) tag('ELEMENT', m[1]!, m.index!, m.index! + m[1]!.length);
    for (const m of s.matchAll(/(?<![A-Za-z0-9-])[A-Z][a-z]?(?:-[A-Z][a-z]?)+(?![A-Za-z0-9-])/g)) {
      const parts = m[0].split('-');
      if (!parts.every((p) => CHEM.has(p)) || !parts.some((p) => p.length === 2)) continue;
      let at = m.index!;
      for (const p of parts) {
        if (ref.hasElement(p) && p !== 'C') tag('ELEMENT', p, at, at + p.length);
        at += p.length + 1;
      }
    }
    for (const m of s.matchAll(/(?<![A-Za-z0-9])(?:[A-Z][a-z]?\d*){2,}(?![A-Za-z0-9])/g)) {
      if (!/[a-z]/.test(m[0])) continue;
      const parts = [...m[0].matchAll(/([A-Z][a-z]?)\d*/g)];
      if (!parts.every((p) => CHEM.has(p[1]!)) || parts.length < 2) continue;
      for (const p of parts) {
        const sym = p[1]!;
        if (sym.length === 2 && ref.hasElement(sym)) tag('ELEMENT', sym, m.index! + p.index!, m.index! + p.index! + 2);
      }
    }

    // customs / HS codes
    for (const m of s.matchAll(/(?<![\d.])(\d{4})\.(\d{2})(?:\.(\d{2,4}))?(?![\d]|\.\d)/g)) {
      if (!CODE_CONTEXT.test(s.slice(Math.max(0, m.index! - 60), m.index!))) continue;
      tag('HS_CODE', m[1]! + m[2]! + (m[3] ?? ''), m.index!, m.index! + m[0].length);
    }
    for (const m of s.matchAll(/(?<![\d.\-/:])(\d{10}|\d{8}|\d{6}|\d{4})(?![\d\-/:]|\.\d|年)/g)) {
      const digits = m[1]!;
      const chapter = Number(digits.slice(0, 2));
      if (chapter < 1 || chapter > 97) continue;
      if (digits.length !== 10 && !CODE_CONTEXT.test(s.slice(Math.max(0, m.index! - 60), m.index!))) continue;
      if (digits.length === 4 && /^(19|20)\d\d$/.test(digits)) continue; // a year
      tag('HS_CODE', digits, m.index!, m.index! + digits.length);
    }

    // control-list entries
    for (const m of s.matchAll(/(?<![A-Za-z0-9])([0-9][A-E][0-9]{3})((?:\.[a-z](?:\.\d{1,2})?)?)(?![A-Za-z0-9])/g)) {
      let code = normalizeEntryCode(m[1]! + m[2]!);
      let end = m.index! + m[0].length;
      if (s[end] === '-' && code.includes('.')) {
        code = code.split('.').slice(0, -1).join('.');
        end = m.index! + m[1]!.length + (code.length - m[1]!.length);
      }
      tag('CONTROL_ENTRY', code, m.index!, end);
    }

    // material forms
    for (const m of s.matchAll(lexicon.formAliases)) {
      const form = lexicon.formByAlias.get(m[0].toLowerCase());
      if (form) tag('MATERIAL_FORM', form, m.index!, m.index! + m[0].length);
    }

    // dates
    for (const m of s.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})(?:时|點|点|:|：)(?:(\d{2})分?)?)?/g)) {
      dateTag(tag, zone, m.index!, m[0].length, +m[1]!, +m[2]!, +m[3]!, m[4], m[5]);
    }
    for (const m of s.matchAll(
      /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?(?![\d-])/g,
    )) {
      if (m[7]) {
        const instant = new Date(
          `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7].length === 5 ? m[7].slice(0, 3) + ':' + m[7].slice(3) : m[7]}`,
        );
        if (!Number.isNaN(instant.getTime())) tag('DATE', instant.toISOString(), m.index!, m.index! + m[0].length);
        continue;
      }
      dateTag(tag, zone, m.index!, m[0].length, +m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6]);
    }
    for (const m of s.matchAll(
      /\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (\d{1,2}),? (\d{4})\b/g,
    )) {
      dateTag(tag, zone, m.index!, m[0].length, +m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!);
    }
    for (const m of s.matchAll(
      /\b(\d{1,2}) (Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?,? (\d{4})\b/g,
    )) {
      dateTag(tag, zone, m.index!, m[0].length, +m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!);
    }

    const excluded = exclusionRanges(s);
    if (excluded.length)
      for (const t of tags) if (excluded.some(([a, b]) => t.start >= a && t.end <= b)) t.excluded = true;
    out.push(...dedupe(tags));
  }
  return out;
}

/**
 * The spans of `s` that name what is NOT covered: after "excluding", "except (for)", "other than", "not including",
 * "does not apply to", 不包括, 不含, 不适用于 up to the end of the clause; between 除(了) … 外; before 除外 back to
 * the start of the clause; and the whole sentence that says something is not controlled, not covered, not subject to
 * control, exempt or excluded (不受…管制, 不属于…管制, 不纳入). UTF-16 offsets [start, end).
 */
export function exclusionRanges(s: string): [number, number][] {
  const out: [number, number][] = [];
  const endFrom = (re: RegExp, from: number) => {
    re.lastIndex = from;
    const m = re.exec(s);
    return m ? m.index : s.length;
  };
  const startBefore = (at: number, boundaries: string) => {
    let i = at - 1;
    while (i >= 0 && !boundaries.includes(s[i]!)) i--;
    return i + 1;
  };
  for (const m of s.matchAll(EXCLUDE_FORWARD)) out.push([m.index!, endFrom(CLAUSE_END, m.index! + m[0].length)]);
  for (const m of s.matchAll(EXCLUDE_BETWEEN)) out.push([m.index!, m.index! + m[0].length]);
  for (const m of s.matchAll(EXCLUDE_BACKWARD))
    out.push([startBefore(m.index!, '。；;\n（(，,：:'), m.index! + m[0].length]);
  for (const m of s.matchAll(EXCLUDE_SENTENCE)) {
    let start = m.index!;
    while (start > 0) {
      const c = s[start - 1]!;
      if ('。；;\n'.includes(c) || (c === '.' && /\s/.test(s[start] ?? ''))) break;
      start--;
    }
    while (/\s/.test(s[start] ?? '')) start++;
    out.push([start, endFrom(SENTENCE_END, m.index! + m[0].length)]);
  }
  return out;
}

/** The facts free text names, as the structured fields of an event carry them. */
export interface TextFacts {
  /** Element symbols, in the reference data's order (e.g. ["Ga", "Ge", "Sb", "C"]). */
  elements: string[];
  /** HS / customs codes, digits only, in order of appearance. */
  hsCodes: string[];
  /** Control-list entry codes (normalised, e.g. "1C904.a.4"), in order of appearance. */
  controlEntries: string[];
  /** MaterialForm codes (e.g. "NDFEB_MAGNET"), in order of appearance. */
  materialForms: string[];
}

/**
 * The distinct elements, codes, entries and material forms {@link tagEventText} finds in `text` (dates and spans left
 * out): for sources that fill an event's structured fields from its text (Federal Register abstracts, MOFCOM pages,
 * news items). Tags in an exclusion are left out, and so are elements reached only through a compound name.
 */
export function textFacts(text: EventText, ref: ReferenceIndex, options: TaggerOptions = {}): TextFacts {
  // Structured facts are strong evidence: a tag in an exclusion is not a fact the event states as covered, and an
  // element reached only through a compound name stays a text tag (its weaker kind is kept there).
  const tags = tagEventText(text, ref, options).filter((t) => !t.excluded);
  const of = (kind: TextTag['kind']) => [...new Set(tags.filter((t) => t.kind === kind).map((t) => t.value))];
  const named = new Set(of('ELEMENT'));
  return {
    elements: ref
      .elements()
      .map((e) => e.symbol)
      .filter((s) => named.has(s)),
    hsCodes: of('HS_CODE'),
    controlEntries: of('CONTROL_ENTRY'),
    materialForms: of('MATERIAL_FORM'),
  };
}

function dateTag(
  tag: (kind: TextTag['kind'], value: string, start: number, end: number, extra?: Partial<TextTag>) => void,
  zone: string,
  start: number,
  length: number,
  y: number,
  mo: number,
  d: number,
  h?: string,
  mi?: string,
  sec?: string,
): void {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) return;
  const ymd = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined) {
    tag('DATE', ymd, start, start + length);
    return;
  }
  const hh = Number(h);
  const mm = Number(mi ?? 0);
  const ss = Number(sec ?? 0);
  if (hh > 23 || mm > 59 || ss > 59) {
    tag('DATE', ymd, start, start + length);
    return;
  }
  const offset = zoneOffset(zone, Date.UTC(y, mo - 1, d, hh, mm, ss));
  tag('DATE', `${ymd}T${pad(hh)}:${pad(mm)}:${pad(ss)}${offset}`, start, start + length, { timeZone: zone });
}

/** "+08:00" for Asia/Shanghai: the zone's UTC offset at (about) the given local time. */
function zoneOffset(zone: string, localAsUtc: number): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(localAsUtc))
    .find((p) => p.type === 'timeZoneName')!.value; // "GMT+08:00" or "GMT"
  return part === 'GMT' ? '+00:00' : part.slice(3);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * One tag per (kind, value, span); an element tag inside a longer tag of the same element is dropped. Linear after
 * the sort: tags come by start, so an earlier tag of the same element contains this one exactly when the furthest
 * end among the earlier kept ones reaches this one's end (a text that names an element 10,000 times costs 10,000
 * steps, not 10,000² as a search of the kept tags would).
 */
function dedupe(tags: TextTag[]): TextTag[] {
  tags.sort((a, b) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind));
  const out: TextTag[] = [];
  const seen = new Set<string>();
  const furthestEnd = new Map<string, number>(); // element symbol -> furthest end of its kept tags so far
  for (const t of tags) {
    const k = `${t.kind}|${t.value}|${t.start}|${t.end}`;
    if (seen.has(k)) continue;
    if (t.kind === 'ELEMENT') {
      if ((furthestEnd.get(t.value) ?? -1) >= t.end) continue;
      furthestEnd.set(t.value, t.end);
    }
    seen.add(k);
    out.push(t);
  }
  return out;
}

interface Lexicon {
  compoundNames: RegExp;
  byCompound: Map<string, string>;
  latinNames: RegExp;
  byLatin: Map<string, string>;
  byCjk: Map<string, string>;
  safeSymbols: RegExp;
  formAliases: RegExp;
  formByAlias: Map<string, string>;
}

const lexicons = new WeakMap<ReferenceIndex, Lexicon>();

function buildLexicon(ref: ReferenceIndex): Lexicon {
  const cached = lexicons.get(ref);
  if (cached) return cached;
  const byLatin = new Map<string, string>();
  const byCjk = new Map<string, string>();
  for (const e of ref.elements()) {
    const names = [e.nameEn.replace(/\s*\(.*\)$/, ''), e.nameZh, e.nameZhHant ?? '', ...(EXTRA_NAMES[e.symbol] ?? [])];
    for (const n of names) {
      if (!n) continue;
      if (/^[A-Za-z ]+$/.test(n)) byLatin.set(n.toLowerCase(), e.symbol);
      else byCjk.set(n, e.symbol);
    }
  }
  const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const latinNames = new RegExp(
    `\\b(?:${[...byLatin.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join('|')})\\b`,
    'gi',
  );
  const present = SAFE_SYMBOLS.filter((s) => ref.hasElement(s));
  const safeSymbols = new RegExp(`(?<![A-Za-z0-9-])(${present.join('|')})(?![A-Za-z0-9-])`, 'g');
  const formByAlias = new Map<string, string>();
  for (const f of ref.forms()) for (const a of f.aliases) formByAlias.set(a.toLowerCase(), f.code);
  const aliasPattern = [...formByAlias.keys()]
    .sort((a, b) => b.length - a.length)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is 'all ASCII', control range included
    .map((a) => (/^[\x00-\x7f]+$/.test(a) ? `(?<![A-Za-z0-9])${escapeRe(a)}(?![A-Za-z0-9])` : escapeRe(a)))
    .join('|');
  const formAliases = new RegExp(aliasPattern || '(?!)', 'gi');
  const byCompound = new Map<string, string>();
  for (const [symbol, words] of Object.entries(COMPOUND_EN))
    if (ref.hasElement(symbol)) for (const w of words) byCompound.set(w, symbol);
  const compoundNames = new RegExp(
    `\\b(?:${[...byCompound.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join('|')})\\b`,
    'gi',
  );
  const lexicon = { compoundNames, byCompound, latinNames, byLatin, byCjk, safeSymbols, formAliases, formByAlias };
  lexicons.set(ref, lexicon);
  return lexicon;
}

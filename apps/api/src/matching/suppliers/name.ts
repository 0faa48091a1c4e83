/**
 * Company-name normalisation for supplier resolution. Pure; no I/O.
 *
 * Steps: Unicode NFKC (full-width forms to half-width), identifiers taken out (USCC, LEI, tickers: see
 * identifiers.ts), remarks dropped ("Class A", "(HKEX)", "(ILU)", possessive "'s"), traditional Chinese to simplified
 * (OpenCC's dictionaries through `opencc-js`, bundled, offline), lower case, dashes of every kind (U+2010-2015, U+2011
 * non-breaking hyphen, U+2212, U+FE58, U+FE63) and all other punctuation to spaces, legal forms dropped in English and
 * Chinese/Japanese, abbreviations canonicalised (Grp, Tech, Hi-Tech/High-Tech, Intl, Comm ...). What is left is split
 * into units of three kinds: distinctive words (what tells companies apart), industry words and place words
 * (vocabulary.ts). Chinese/Japanese runs are segmented greedily against the industry and place word lists; their
 * distinctive parts are compared by character bigrams.
 */
import * as OpenCC from 'opencc-js/t2cn';
import { findIdentifiers, isExchangeRemark, type CompanyId } from './identifiers.js';
import { PINYIN_GENERIC, PINYIN_PLACES, PINYIN_SUFFIXES } from './pinyin.js';
import {
  CANONICAL_EN,
  GENERIC_EN,
  GENERIC_ZH,
  LEGAL_FORMS_CJK,
  LEGAL_FORMS_EN,
  PLACE_SUFFIXES_ZH,
  PLACES_EN,
  PLACES_ZH,
} from './vocabulary.js';

/** A company name, normalised for comparison. */
export interface NameForm {
  /** As given. */
  raw: string;
  /** Identifiers found in it (e.g. a ticker in "SHRC(600392)"). */
  ids: CompanyId[];
  /** Every unit (distinctive, industry and place), in order, space-separated: equal cores mean the same name. */
  core: string;
  /** Distinctive units -> weight (Latin words: their length; Chinese/Japanese: 4 per character bigram, 2 for a lone character). */
  distinctive: Map<string, number>;
  /** Sum of the weights in {@link distinctive}. */
  distinctiveWeight: number;
  /** Latin distinctive words joined without spaces ("zhongkesanhuan"), to catch spacing variants. */
  fingerprint: string;
  /** Industry words (canonical). */
  generic: Set<string>;
  /** Place words. */
  places: Set<string>;
  /**
   * Places written alone in brackets ("JL MAG Rare Earth (Baotou) Co., Ltd.", "Lynas Rare Earths (Malaysia)"): how a
   * subsidiary or a local company of a group is named. A name without that place is not that company.
   */
  bracketPlaces: Set<string>;
  /** The name carries a legal form ("Co., Ltd.", "Corporation", "有限公司", "株式会社"): it is written as a full legal name. */
  legalForm: boolean;
}

/** Words of LEGAL_FORMS_EN that are stop words, not legal forms. */
const STOP_WORDS = new Set(['and', 'the', 'of', 'et', 'und']);

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
const HAS_HAN = /\p{Script=Han}/u;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\u058A\u05BE\u1806\u2E3A\u2E3B]/g;

interface Lexeme {
  word: string;
  kind: 'generic' | 'place';
}
// Longest first so that 高科技 wins over 科技 and 内蒙古 over shorter words.
const CJK_LEXICON: Lexeme[] = [
  ...GENERIC_ZH.map((word) => ({ word, kind: 'generic' as const })),
  ...PLACES_ZH.map((word) => ({ word, kind: 'place' as const })),
].sort((a, b) => b.word.length - a.word.length);
const CJK_BY_FIRST = new Map<string, Lexeme[]>();
for (const lx of CJK_LEXICON) {
  const list = CJK_BY_FIRST.get(lx.word[0]!) ?? [];
  list.push(lx);
  CJK_BY_FIRST.set(lx.word[0]!, list);
}

/** Identifiers and remarks out of a name: returns the identifiers and the text left. */
function takeRemarks(text: string): { ids: CompanyId[]; rest: string } {
  const found = findIdentifiers(text);
  let rest = '';
  let at = 0;
  for (const f of found) {
    rest += text.slice(at, f.start) + ' ';
    at = f.end;
  }
  rest += text.slice(at);
  rest = rest
    // Exchange names left alone in brackets, e.g. "6680.HK (HKEX)", and empty brackets.
    .replace(/\(([^()]*)\)/g, (m, inner: string) => (inner.trim() === '' || isExchangeRemark(inner) ? ' ' : m))
    // A bracketed bare symbol in capitals, e.g. "Iluka Resources (ILU)": a ticker without its exchange.
    .replace(/\(\s*[A-Z]{1,5}\s*\)/g, ' ')
    // Share classes: "Class A", "H shares".
    .replace(/\bclass\s+[A-Za-z]\b/gi, ' ')
    .replace(/\b[ABH][-\s]shares?\b/g, ' ')
    // Possessive, in any case: "Lynas Corp's", "INDUSTRY'S".
    .replace(/(\p{L})['’][sS]\b/gu, '$1');
  return { ids: found.map(({ scheme, value }) => ({ scheme, value })), rest };
}

const GLUED_LEGAL_FORM = /^([a-z]{3,})(ltd|limited|inc|corp|co)$/;
const TONE_NUMBERS = /(?<![\p{L}\p{N}])(?:[a-zA-Zü]+[1-5]){2,}(?![\p{L}\p{N}])/gu;

/**
 * Romanised Chinese written as one word, split at known pinyin industry words and legal forms at its end:
 * "zijinkuangye" -> "zijin", "kuangye"; "xiamenwuye" -> "xiamen", "wuye". Words of 7 letters or fewer, and words that
 * are themselves vocabulary, are left alone.
 */
function splitGluedPinyin(w: string): string[] {
  if (w.length < 7 || CANONICAL_EN[w] || GENERIC_EN.has(w) || PLACES_EN.has(w) || PINYIN_GENERIC.has(w)) return [w];
  const tail: string[] = [];
  let rest = w;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of PINYIN_SUFFIXES) {
      if (rest.length - suffix.length >= 2 && rest.endsWith(suffix)) {
        tail.unshift(suffix);
        rest = rest.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  // A place glued in front: "xiamenwuye" is split above into "xiamen", "wuye"; "jiangxijinli" -> "jiangxi", "jinli".
  const head: string[] = [];
  if (tail.length || PINYIN_PLACES.has(rest) === false) {
    for (const place of PINYIN_PLACES_LONGEST) {
      if (rest.length - place.length >= 4 && rest.startsWith(place)) {
        head.push(place);
        rest = rest.slice(place.length);
        break;
      }
    }
  }
  return tail.length || head.length ? [...head, rest, ...tail] : [w];
}
const PINYIN_PLACES_LONGEST = [...PINYIN_PLACES].sort((a, b) => b.length - a.length);

/** Latin words of a text segment, legal forms dropped (`seen.legalForm` set when one was) and abbreviations canonicalised. */
function latinUnits(given: string[], seen: { legalForm: boolean }): string[] {
  // A legal form glued to a known word, as some pages print it: "High-TechLtd" -> "tech", "ltd".
  const words = given.flatMap((w) => {
    const glued = GLUED_LEGAL_FORM.exec(w);
    return glued && (CANONICAL_EN[glued[1]!] || GENERIC_EN.has(glued[1]!))
      ? [glued[1]!, glued[2]!]
      : splitGluedPinyin(w);
  });
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // Pinyin syllables of one industry or place word written apart ("Xia Men" -> "xiamen"): "Li Ye" (锂业), "Kuang Ye" (矿业) -> "liye", "kuangye".
    const joined3 = i + 2 < words.length ? w + words[i + 1] + words[i + 2] : '';
    if (joined3 && !GENERIC_EN.has(w) && (PINYIN_GENERIC.has(joined3) || PINYIN_PLACES.has(joined3))) {
      out.push(joined3);
      i += 2;
      continue;
    }
    const joined = i + 1 < words.length ? w + words[i + 1] : '';
    if (joined && !GENERIC_EN.has(w) && (PINYIN_GENERIC.has(joined) || PINYIN_PLACES.has(joined))) {
      out.push(joined);
      i++;
      continue;
    }
    const pair = i + 1 < words.length ? `${w} ${words[i + 1]}` : '';
    if (pair && CANONICAL_EN[pair]) {
      out.push(CANONICAL_EN[pair]!);
      i++;
      continue;
    }
    if (w === 'gufen' && words[i + 1] !== 'youxian' && words[i + 1] !== 'gongsi') {
      out.push('gufen');
      continue;
    }
    if (LEGAL_FORMS_EN.has(w)) {
      if (!STOP_WORDS.has(w)) seen.legalForm = true;
      continue;
    }
    out.push(CANONICAL_EN[w] ?? w);
  }
  return out;
}

/** One Chinese/Japanese run: legal forms dropped, then segmented into industry, place and distinctive parts. */
function cjkSegments(
  run: string,
  seen: { legalForm: boolean },
): { text: string; kind: 'generic' | 'place' | 'distinctive' }[] {
  let s = run;
  for (const lf of LEGAL_FORMS_CJK) s = s.split(lf).join('|');
  if (s !== run) seen.legalForm = true;
  // Japanese "…社" (company) at the end of a katakana name.
  s = s.replace(/([\p{Script=Katakana}ー])社(\||$)/gu, '$1$2');
  const out: { text: string; kind: 'generic' | 'place' | 'distinctive' }[] = [];
  for (const part of s.split('|')) {
    let pending = '';
    const flush = () => {
      if (pending) out.push({ text: pending, kind: 'distinctive' });
      pending = '';
    };
    for (let i = 0; i < part.length; ) {
      const lx = (CJK_BY_FIRST.get(part[i]!) ?? []).find((l) => part.startsWith(l.word, i));
      if (!lx) {
        pending += part[i];
        i++;
        continue;
      }
      flush();
      let end = i + lx.word.length;
      if (lx.kind === 'place') {
        const suffix = PLACE_SUFFIXES_ZH.find((x) => part.startsWith(x, end));
        if (suffix) end += suffix.length;
      }
      out.push({ text: lx.word, kind: lx.kind });
      i = end;
    }
    flush();
  }
  return out;
}

/** Names kept in {@link normalizeName}'s memo before it is cleared (a bound on its memory: ~1 KB per form). */
const NAME_MEMO_LIMIT = 20_000;
const nameMemo = new Map<string, NameForm>();

/**
 * Normalises a company name (English, Chinese traditional or simplified, Japanese, or mixed) into a {@link NameForm}.
 * Never throws; an empty or all-legal-form name gives an empty core. Pure, and memoised (bounded): the same name
 * gives the same form object, which callers share and must never modify (the resolver normalises an exporter's name,
 * each of its variants and each romanised form again and again: on a back-match of a whole tenant this was a quarter
 * of the time).
 */
export function normalizeName(raw: string): NameForm {
  let form = nameMemo.get(raw);
  if (form === undefined) {
    if (nameMemo.size >= NAME_MEMO_LIMIT) nameMemo.clear();
    form = formOf(raw);
    nameMemo.set(raw, form);
  }
  return form;
}

function formOf(raw: string): NameForm {
  let text = raw.normalize('NFKC');
  const { ids, rest: remarkless } = takeRemarks(text);
  // Tone marks and other diacritics off Latin letters ("Xiàmén", "Sillamäe"), tone numbers off pinyin ("Xia4men2").
  const rest = remarkless
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(TONE_NUMBERS, (m) => m.replace(/[1-5]/g, ''));
  text = HAS_HAN.test(rest) ? toSimplified(rest) : rest;
  text = text.toLowerCase().replace(DASHES, ' ').replace(/&/g, ' and ');
  // Put Chinese/Japanese runs apart from Latin words, then split on anything that is not a letter or digit.
  text = text.replace(CJK_RUN, (m) => ` ${m} `);
  const tokens = text
    .split(/[^\p{L}\p{N}'’]+|['’](?!\p{L})/u)
    .map((t) => t.replace(/['’]/g, ''))
    .filter(Boolean);

  const units: { text: string; kind: 'generic' | 'place' | 'distinctive'; cjk: boolean }[] = [];
  let latin: string[] = [];
  const legal = { legalForm: false };
  const flushLatin = () => {
    for (const u of latinUnits(latin, legal)) {
      const kind =
        GENERIC_EN.has(u) || PINYIN_GENERIC.has(u)
          ? 'generic'
          : PLACES_EN.has(u) || PINYIN_PLACES.has(u)
            ? 'place'
            : 'distinctive';
      units.push({ text: u, kind, cjk: false });
    }
    latin = [];
  };
  for (const t of tokens) {
    if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(t)) {
      flushLatin();
      for (const seg of cjkSegments(t, legal)) units.push({ ...seg, cjk: true });
    } else latin.push(t);
  }
  flushLatin();

  const distinctive = new Map<string, number>();
  const generic = new Set<string>();
  const places = new Set<string>();
  let fingerprint = '';
  // A word said twice says nothing more ("MP Materials Co. Mp"): keep the first.
  // The fingerprint keeps repeats: romanised syllables may repeat ("Bao Gang Gang Lian").
  for (const u of units) if (u.kind === 'distinctive' && !u.cjk) fingerprint += u.text;
  const seen = new Set<string>();
  const kept = units.filter((u) => !seen.has(u.text) && seen.add(u.text));
  units.length = 0;
  units.push(...kept);
  for (const u of units) {
    if (u.kind === 'generic') generic.add(u.text);
    else if (u.kind === 'place') places.add(u.text);
    else if (!u.cjk) {
      distinctive.set(`l:${u.text}`, u.text.length);
    } else if (u.text.length === 1) distinctive.set(`c:${u.text}`, 2);
    else for (let i = 0; i + 1 < u.text.length; i++) distinctive.set(`c:${u.text.slice(i, i + 2)}`, 4);
  }
  let distinctiveWeight = 0;
  for (const w of distinctive.values()) distinctiveWeight += w;
  return {
    raw,
    ids,
    core: units.map((u) => u.text).join(' '),
    distinctive,
    distinctiveWeight,
    fingerprint,
    generic,
    places,
    bracketPlaces: bracketPlacesOf(remarkless),
    legalForm: legal.legalForm,
  };
}

/** The places written alone in brackets in a name (see {@link NameForm.bracketPlaces}). */
function bracketPlacesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const [, inner] of text.matchAll(/[(（]([^()（）]+)[)）]/g)) {
    const f = normalizeName(inner!);
    if (f.places.size && !f.distinctive.size && !f.generic.size) for (const p of f.places) out.add(p);
  }
  return out;
}

/**
 * The key under which a buyer's decision about a name is remembered: the normalised core of the name, or its
 * identifiers when it has no words ("SHSE:600111" -> "XSHG:600111"). "JL MAG Rare-Earth Co., Ltd." and
 * "jl mag rare earth" share a key.
 */
export function nameKey(name: string): string {
  const form = normalizeName(name);
  return form.core || form.ids.map((i) => i.value).join(' ');
}

/**
 * Acronyms and initialisms (issue 14): "XTC" for Xiamen Tungsten Co., Ltd., "SMM" for Sumitomo Metal Mining Co., Ltd.,
 * "GRINM" for General Research Institute for Nonferrous Metals, both ways. A name is acronym-like when its only
 * distinctive word is one Latin word of 3 to 6 letters written in capitals ("XTC", "GRINM Group"); a full name gives
 * its initialisms (of all its words but "and/of/for/the", with and without legal forms, without a trailing "Ltd").
 * Guards (resolver.ts): an acronym meets only initialisms, never another acronym or a word; 2-letter acronyms never
 * count; 3 letters are at most a possible match; an initialism shared by two different companies is at most possible.
 */
import type { NameForm } from './name.js';
import { LEGAL_FORMS_EN } from './vocabulary.js';

const STOP = new Set(['and', 'of', 'for', 'the', 'de', 'du', 'des', 'la', 'le', 'und', 'et']);

/** The acronym a name is, upper case, or null ("XTC" -> "XTC"; "GRINM Group" -> "GRINM"; "Lynas" -> null). */
export function acronymOf(form: NameForm): string | null {
  if (form.distinctive.size !== 1) return null;
  const [unit] = form.distinctive.keys();
  if (!unit!.startsWith('l:')) return null;
  const word = unit!.slice(2);
  if (!/^[a-z]{3,6}$/.test(word)) return null;
  // Written in capitals in the name as given.
  const upper = word.toUpperCase();
  return new RegExp(`(?<![A-Za-z])${upper}(?![A-Za-z])`).test(form.raw.normalize('NFKC')) ? upper : null;
}

/** The initialisms of a full name (Latin words only; at least 3 letters; at least 3 words behind them). */
export function initialismsOf(form: NameForm): string[] {
  if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(form.raw)) return [];
  const words = form.raw
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, (m) => (/^\((group|holdings?)\)$/i.test(m) ? m : ' '))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP.has(w.toLowerCase()) && /^\p{L}/u.test(w));
  const lower = words.map((w) => w.toLowerCase());
  const out = new Set<string>();
  const initials = (ws: string[]) => ws.map((w) => w[0]!.toUpperCase()).join('');
  const all = initials(words);
  out.add(all);
  if (/^(ltd|limited|inc|llc|plc)$/.test(lower.at(-1) ?? '')) out.add(all.slice(0, -1));
  out.add(initials(words.filter((_, i) => !LEGAL_FORMS_EN.has(lower[i]!))));
  return [...out].filter((a) => a.length >= 3 && a.length <= 6);
}

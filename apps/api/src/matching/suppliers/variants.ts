/**
 * Name variants that are the same legal entity as a shorter name inside them (issue 14):
 * - branches: "Xiamen Tungsten Co., Ltd. Xiamen Branch", "厦门钨业股份有限公司厦门分公司" (a branch, 分公司, is not a
 *   separate legal person: it is the company itself);
 * - extra words: a site, plant, project or address added to the name: "Energy Fuels Inc. White Mesa Mill",
 *   "Shin-Etsu Chemical Co., Ltd. (Osaka, Japan)", "Nolans Project / Arafura Rare Earths", "…有限公司包头工厂".
 * Each variant names the head (the company's own name) and the tail that was set aside. A bare country or place in
 * brackets ("Lynas (Malaysia)") is NOT set aside: that is how subsidiaries are named.
 */
import { findIdentifiers } from './identifiers.js';
import { normalizeName } from './name.js';

export interface NameVariant {
  kind: 'branch' | 'extra';
  /** The company's own name. */
  head: string;
  /** What was set aside ("Xiamen Branch", "(Osaka, Japan)"). */
  tail: string;
}

const SITE_WORDS =
  /\b(plant|mill|mine|mines|project|site|factory|refinery|works|facility|operations|complex|deposit|campus|smelter|warehouse|office|headquarters|hq)\b/i;
const ADDRESS_WORDS =
  /\b(road|rd|street|st|avenue|ave|no|building|bldg|district|zone|park|floor|suite|chome|po box)\b|\d/i;
const LEGAL_END_EN =
  /\b(co\.?,?\s*ltd\.?|limited|ltd\.?|inc\.?|incorporated|corp\.?|corporation|llc|plc|gmbh(?:\s*&\s*co\.?\s*kg)?|ag|s\.?a\.?|pty\.?\s*ltd\.?|n\.?v\.?|k\.?k\.?)(?=[\s,;(（]|$)/gi;
const LEGAL_END_ZH = /(股份有限公司|有限责任公司|有限責任公司|有限公司|株式会社|集团公司|集團公司|公司)/g;
const SITE_ZH = /(工厂|工廠|厂|廠|矿山|礦山|矿|礦|项目|項目|基地|车间|車間|冶炼厂|园区|園區)$/u;
const ADDRESS_ZH = /[路街号號弄室楼樓]|\d/u;

/** Whether a set-aside tail is a site, an address or several place words (not one bare place, not a business). */
function isSiteOrAddress(tail: string): boolean {
  if (findIdentifiers(tail).length) return false;
  if (SITE_WORDS.test(tail) || ADDRESS_WORDS.test(tail)) return true;
  const f = normalizeName(tail);
  if (f.places.size >= 2 && f.distinctiveWeight === 0 && f.generic.size === 0) return true;
  // "Shanghang, Fujian", "Mountain Pass, California": a list whose last item is a place alone.
  const parts = tail.split(/[,，]/).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 4) return false;
  // The last item a place, alone or with one more word ("North Carolina", "Nova Scotia", "Inner Mongolia").
  const lastText = parts.at(-1)!;
  const last = normalizeName(lastText);
  return last.places.size >= 1 && last.generic.size === 0 && lastText.split(/\s+/).length <= 2;
}
const LEGAL_WORD = /^(co|ltd|limited|inc|corp|corporation|company|plc|llc|gmbh|ag|sa)\.?,?$/i;

/** The variants of `name` (none for most names). */
export function nameVariants(name: string): NameVariant[] {
  const text = name.normalize('NFKC').trim();
  const out: NameVariant[] = [];
  const add = (kind: NameVariant['kind'], head: string, tail: string) => {
    const h = head.replace(/[\s,;:(（/|–—-]+$/u, '').trim();
    if (h && normalizeName(h).core && !out.some((v) => v.head === h)) out.push({ kind, head: h, tail: tail.trim() });
  };

  // English branches: "<company> [<place>] Branch [Office]".
  const br = /^(.*?)[\s,(（-]*\bbranch(?:\s+(?:office|company))?\s*[)）]?\s*$/iu.exec(text);
  if (br?.[1]) {
    const words = br[1].split(/\s+/);
    for (const k of [1, 2, 0]) {
      if (words.length - k < 1) continue;
      // The words set aside name the branch (a place), never the company's legal form.
      if (words.slice(words.length - k).some((w) => LEGAL_WORD.test(w))) continue;
      const tail = [...words.slice(words.length - k), 'Branch'].join(' ');
      add('branch', words.slice(0, words.length - k).join(' '), tail);
    }
  }
  // Chinese branches: "<company>[<place>]分公司" (also 分厂, 办事处): the head ends at the last legal form.
  const zbr = /^(.*)(分公司|分廠|分厂|办事处|辦事處)[)）]?$/u.exec(text);
  if (zbr?.[1]) {
    const ends = [...zbr[1].matchAll(LEGAL_END_ZH)];
    const last = ends.at(-1);
    if (last) {
      const cut = last.index! + last[0].length;
      add('branch', zbr[1].slice(0, cut), zbr[1].slice(cut) + zbr[2]);
    }
  }

  // A bracketed remark at the end: "(Osaka, Japan)", "(Kalgoorlie plant)".
  const bracket = /^(.*\S)\s*[(（]([^()（）]+)[)）]\s*$/u.exec(text);
  if (bracket && isSiteOrAddress(bracket[2]!)) add('extra', bracket[1]!, `(${bracket[2]})`);
  // Words after the last English legal form: ", 4-1 Otemachi, Tokyo", " White Mesa Mill".
  const ends = [...text.matchAll(LEGAL_END_EN)];
  const last = ends.at(-1);
  if (last) {
    const cut = last.index! + last[0].length;
    const tail = text.slice(cut).replace(/^[\s,;:–—-]+/u, '');
    if (tail && !/^[(（]/u.test(tail) && isSiteOrAddress(tail)) add('extra', text.slice(0, cut), tail);
  }
  // Chinese: a site or address after the last legal form ("…有限公司包头工厂").
  const zends = [...text.matchAll(LEGAL_END_ZH)];
  const zlast = zends.at(-1);
  if (zlast) {
    const cut = zlast.index! + zlast[0].length;
    const tail = text.slice(cut);
    if (tail && !/分公司|分厂|分廠|办事处|辦事處/u.test(tail) && (SITE_ZH.test(tail) || ADDRESS_ZH.test(tail)))
      add('extra', text.slice(0, cut), tail);
  }
  // "Nolans Project / Arafura Rare Earths": one part names a site, the other the company.
  const parts = text.split(/\s+[/|]\s+|\s+[–—]\s+/u);
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    if (isSiteOrAddress(a) && !isSiteOrAddress(b)) add('extra', b, a);
    if (isSiteOrAddress(b) && !isSiteOrAddress(a)) add('extra', a, b);
  }
  return out;
}

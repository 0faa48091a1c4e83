/**
 * Cross-script forms of a Chinese company name, so that it meets the same company written in Latin letters:
 * - its pinyin ("厦门钨业股份有限公司" -> "xiamen wuye", "紫金矿业集团" -> "zijin kuangye jituan"), for names written
 *   in romanised Chinese, with or without tones or spaces (name.ts strips tones and splits glued pinyin);
 * - its English rendering: place words as English writes them and industry words translated (vocabulary.ts
 *   PLACES_ZH_EN, GENERIC_ZH_EN), the distinctive part in pinyin ("厦门钨业" -> "xiamen tungsten", "北京中科三环高技术"
 *   -> "beijing zhongkesanhuan hightech"), for English names of Chinese companies, which mostly write the distinctive
 *   part in pinyin.
 * Pinyin comes from pinyin-pro (pinyin.ts). Japanese names (kana, 株式会社) are not romanised: their kanji are not
 * read in pinyin, and no maintained offline library gives company-name readings (Hepburn) soundly.
 */
import { normalizeName, type NameForm } from './name.js';
import { pinyinOf } from './pinyin.js';
import { GENERIC_ZH_EN, PLACES_ZH_EN } from './vocabulary.js';

const HAN = /\p{Script=Han}/u;
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}]|株式会社|有限会社|合同会社/u;

/** The romanised forms of a name with Chinese characters (pinyin, English rendering; distinct cores), else none. */
export function romanisedForms(form: NameForm): NameForm[] {
  if (!HAN.test(form.core) || JAPANESE.test(form.raw)) return [];
  const py: string[] = [];
  const en: string[] = [];
  for (const unit of form.core.split(' ')) {
    if (!HAN.test(unit)) {
      py.push(unit);
      en.push(unit);
      continue;
    }
    const p = pinyinOf(unit);
    py.push(p);
    if (form.places.has(unit)) en.push(PLACES_ZH_EN[unit] ?? p);
    else if (form.generic.has(unit)) en.push(GENERIC_ZH_EN[unit] ?? p);
    else en.push(p);
  }
  const out: NameForm[] = [];
  for (const text of [py.join(' '), en.join(' ')]) {
    const f = normalizeName(text);
    if (f.core && f.distinctiveWeight + f.generic.size > 0 && !out.some((o) => o.core === f.core)) out.push(f);
  }
  return out;
}

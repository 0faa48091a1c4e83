/**
 * Romanisation of Chinese through pinyin-pro (maintained; dictionary-based, picks the reading of polyphonic characters
 * from the word: 厦门 -> xia men, 重庆 -> chong qing). Toneless, ü written u, syllables joined per word. Also the
 * pinyin of the general vocabulary (vocabulary.ts), so that a romanised name's industry and place words are read as
 * such ("Zijin Kuangye Jituan": kuangye, jituan are industry words; "Xiamen Wuye": wuye is one).
 */
import { pinyin } from 'pinyin-pro';
import { GENERIC_ZH, PLACES_ZH } from './vocabulary.js';

/** Toneless pinyin of a Chinese text, syllables joined without spaces ("紫金" -> "zijin"). Non-Chinese characters dropped. */
export function pinyinOf(han: string): string {
  let p = cache.get(han);
  if (p === undefined) {
    p = (pinyin(han, { toneType: 'none', type: 'array', nonZh: 'removed' }) as string[])
      .join('')
      .replace(/ü/g, 'u')
      .replace(/[^a-z]/g, '');
    // Units of company names repeat (places, industry words, brands): a bounded cache saves pinyin-pro's work.
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(han, p);
  }
  return p;
}
const CACHE_MAX = 100_000;
const cache = new Map<string, string>();

/** Pinyin of the Chinese industry words ("kuangye", "xitu", "jituan", "keji"), 4 letters or more. */
export const PINYIN_GENERIC: ReadonlySet<string> = new Set(GENERIC_ZH.map(pinyinOf).filter((p) => p.length >= 4));

/** Pinyin of the Chinese place words ("xiamen", "ganzhou", "zhongguo"), 4 letters or more. */
export const PINYIN_PLACES: ReadonlySet<string> = new Set(PLACES_ZH.map(pinyinOf).filter((p) => p.length >= 4));

/** Pinyin words that may be glued to the end of a romanised name ("zijinkuangye", "youxiangongsi"), longest first. */
export const PINYIN_SUFFIXES: readonly string[] = [
  ...new Set([...PINYIN_GENERIC, 'gongsi', 'youxian', 'gufen', 'zeren']),
].sort((a, b) => b.length - a.length);

/**
 * A romanised text with tone marks or tone numbers made plain: "Xiàmén Wūyè", "Xia4men2 Wu1ye4" -> "Xiamen Wuye",
 * "Lǚ" -> "Lu". Only digits 1-5 right after a pinyin final are tone numbers; other digits stay.
 */
export function stripTones(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/([aeiouvnrgAEIOUVNRG])[1-5](?![0-9])/g, '$1');
}

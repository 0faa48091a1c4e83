// A synthetic supplier corpus for the matching benchmarks: 1,000 tenants with 100 suppliers each, every supplier with
// an English and a Chinese legal name (200,000 supplier aliases), drawn from 20,000 synthetic companies (pinyin brand,
// place and industry words; random Han characters for the Chinese names) and the real companies of the quality
// fixtures, so that a company is a supplier of several tenants as in life; and exporter names for events: variants of
// registered names (case, legal forms, brand only, traditional characters, a ticker inside), generic-words-only names
// and names of unregistered companies. Deterministic for a seed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * @param {{ tenants?: number, suppliersPerTenant?: number, companies?: number, seed?: number, tenantId?: (t: number) => string }} o
 * @returns {{ suppliers: object[], aliases: number, exporterName: () => string }}
 */
export function supplierCorpus({
  tenants: TENANTS = 1000,
  suppliersPerTenant: SUPPLIERS_PER_TENANT = 100,
  companies: COMPANIES = 20000,
  seed = 42,
  tenantId = (t) => `tenant-${String(t).padStart(4, '0')}`,
} = {}) {
  const rnd = (n) => {
    // xorshift32: deterministic across runs.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const pick = (list) => list[rnd(list.length)];

  const SYLLABLES = (
    'an ao ba bai bao bei ben bo cai can chang chen cheng chu da dan de deng ding dong du fang fei feng fu gao ' +
    'ge gong gu guan guang hai han hao he heng hong hua huan hui jia jian jiang jin jing jiu kai kang lan le li lian liang ' +
    'lin long lu mei ming nan ning pei ping qi qian qiang qing rong rui sen shan sheng shi shun tai tian tong wan wei wen xi ' +
    'xiang xin xing xu ya yang yao yi ying yong yu yuan yue yun ze zhen zheng zhi zhong zhou'
  ).split(' ');
  const PLACES = [
    '',
    '',
    '',
    'Ningbo ',
    'Baotou ',
    'Ganzhou ',
    'Jiangxi ',
    'Beijing ',
    'Shanghai ',
    'Inner Mongolia ',
    'Sichuan ',
  ];
  const GENERIC = [
    'Rare Earth',
    'Magnet',
    'Magnetics',
    'Materials',
    'New Materials',
    'Resources Holding',
    'High-Tech',
    'Rare-Earth (Group) Hi-Tech',
    'Metals',
    'Technology',
    'Advanced Materials',
    'Mining',
    'Industrial',
    'Electronics',
  ];
  const LEGAL = ['Co., Ltd.', 'Co.,Ltd', 'Company Limited', 'Corp.', 'Inc.', 'Limited', 'Group Co., Ltd.', 'GmbH'];
  const HANZI = (
    '金力永磁韵升中科三环盛和北方南方华宏鑫瑞博通达利丰泰安恒昌盛兴隆德正元天宇星海东西龙凤祥云明光新华宝福' +
    '嘉美康宁远志诚信科创佳豪晟昊凯鼎峰岭川江河山石林森铭睿智勤'
  ).split('');
  const PLACES_ZH = ['', '', '宁波', '包头', '赣州', '江西', '北京', '上海', '内蒙古', '四川'];
  const GENERIC_ZH = ['稀土', '磁业', '新材料', '科技', '永磁科技', '资源控股', '稀土集团高科技', '磁材', '材料'];
  const LEGAL_ZH = ['股份有限公司', '有限公司', '有限责任公司', '集团有限公司'];
  const T_CHARS = {
    华: '華',
    丰: '豐',
    龙: '龍',
    凤: '鳳',
    东: '東',
    兴: '興',
    宝: '寶',
    诚: '誠',
    业: '業',
    团: '團',
    资: '資',
    顺: '順',
  };

  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  function syntheticCompany(i) {
    const brand = cap(Array.from({ length: 2 + rnd(2) }, () => pick(SYLLABLES)).join(''));
    const zhBrand = Array.from({ length: 2 + rnd(2) }, () => pick(HANZI)).join('');
    const ticker = rnd(3) === 0 ? `${600000 + rnd(4000)}.SH` : null;
    return {
      key: `c${i}`,
      legalNameEn: `${pick(PLACES)}${brand} ${pick(GENERIC)} ${pick(LEGAL)}`,
      legalNameZh: `${pick(PLACES_ZH)}${zhBrand}${pick(GENERIC_ZH)}${pick(LEGAL_ZH)}`,
      brand,
      tickers: ticker ? [ticker] : [],
    };
  }

  const real = JSON.parse(
    readFileSync(join(here, '../../apps/api/src/matching/suppliers/fixtures/rare_earth_companies.json'), 'utf8'),
  )
    .companies.filter((c) => c.legal_name_zh || c.legal_name_ja)
    .map((c) => ({
      key: c.key,
      legalNameEn: c.legal_name_en,
      legalNameZh: c.legal_name_zh ?? c.legal_name_ja ?? null,
      tickers: c.tickers ?? [],
      brand: null,
    }));
  const pool = [...real, ...Array.from({ length: COMPANIES }, (_, i) => syntheticCompany(i))];

  const suppliers = [];
  for (let t = 0; t < TENANTS; t++) {
    const tid = tenantId(t);
    const chosen = new Set();
    while (chosen.size < SUPPLIERS_PER_TENANT) chosen.add(rnd(pool.length));
    for (const i of chosen) {
      const c = pool[i];
      suppliers.push({
        id: `${tid}/${c.key}`,
        tenantId: tid,
        legalNameEn: c.legalNameEn,
        legalNameZh: c.legalNameZh,
        aliases: [],
        tickers: c.tickers,
      });
    }
  }
  const aliases = suppliers.reduce((n, s) => n + 1 + (s.legalNameZh ? 1 : 0) + s.aliases.length, 0);

  function eventName() {
    const c = pick(pool);
    switch (rnd(10)) {
      case 0:
        return c.legalNameEn.toUpperCase();
      case 1:
        return c.legalNameEn.replace(/\s+(Co\.,? ?Ltd\.?|Company Limited|Corp\.|Inc\.|Limited|GmbH)$/, '');
      case 2:
        return c.brand ? `${c.brand} ${pick(GENERIC)}` : c.legalNameEn;
      case 3:
        return c.tickers[0] ? `${c.legalNameEn} (${c.tickers[0]})` : c.legalNameEn;
      case 4:
        return c.legalNameZh ?? c.legalNameEn;
      case 5:
        return (
          (c.legalNameZh ?? '')
            .split('')
            .map((ch) => T_CHARS[ch] ?? ch)
            .join('') || c.legalNameEn
        );
      case 6:
        return `${pick(PLACES)}${pick(GENERIC)} Group Co., Ltd.`; // generic words only
      default:
        return syntheticCompany(COMPANIES + rnd(1e6)).legalNameEn; // an unregistered company
    }
  }

  return { suppliers, aliases, exporterName: eventName };
}

#!/usr/bin/env node
// Builds apps/api/src/matching/suppliers/fixtures/supplier_eval.csv, the labelled set of `npm run eval -- suppliers`,
// from public facts only: the public reference companies (names, tickers, sites and cities, each with its source),
// name variants observed on public pages (the shared dev set), and related-but-different entities named on the
// pages cited (hard negatives). Rows of a "derived" kind write a real name the way announcements and buyers write it
// (a ticker form, a branch, a site added, pinyin); their source is the page of the fact they start from.
// Run after `npm run build`: node scripts/build-supplier-eval.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { pinyin } from 'pinyin-pro';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'apps/api/src/matching/suppliers/fixtures');
const { REFERENCE_COMPANIES } = await import(join(root, 'apps/api/dist/matching/suppliers/reference-companies.js'));
const { canonicalTicker } = await import(join(root, 'apps/api/dist/matching/suppliers/identifiers.js'));
const { normalizeName } = await import(join(root, 'apps/api/dist/matching/suppliers/name.js'));
const { legalFormsOf } = await import(join(root, 'apps/api/dist/matching/suppliers/resolver.js'));
// Names of every reference company with their legal forms: a derived variant that spells another company's name
// (Chalco's legal name without "Limited" is its parent's) is no variant of the first.
const spelled = new Map();
for (const c of REFERENCE_COMPANIES)
  for (const n of [
    c.legalNameEn,
    c.legalNameZh,
    c.legalNameZhHant,
    c.legalNameJa,
    ...(c.formerNames ?? []),
    ...(c.shortNames ?? []),
  ])
    if (n) spelled.set(`${normalizeName(n).core}|${legalFormsOf(n)}`, c.key);
// Cores two reference companies share (a parent and its listed arm): a derived variant with such a core and no
// legal form names neither for sure, so it is no labelled variant of one.
const coreOwners = new Map();
for (const c of REFERENCE_COMPANIES)
  for (const n of [c.legalNameEn, c.legalNameZh, c.legalNameZhHant, c.legalNameJa, ...(c.formerNames ?? [])]) {
    if (!n) continue;
    const core = normalizeName(n).core;
    coreOwners.set(core, new Set([...(coreOwners.get(core) ?? []), c.key]));
  }
const othersName = (input, key) => {
  if (
    (coreOwners.get(normalizeName(input).core)?.size ?? 0) > 1 &&
    !spelled.has(`${normalizeName(input).core}|${legalFormsOf(input)}`)
  )
    return true;
  const other = spelled.get(`${normalizeName(input).core}|${legalFormsOf(input)}`);
  return other !== undefined && other !== key;
};

const rows = [];
const add = (input, cls, key, relation, derivation, source, entity = '') => {
  if (!input || rows.some((r) => r.input === input && r.expected_key === key)) return;
  if (relation === 'same' && derivation !== 'as published' && othersName(input, key)) return;
  rows.push({ input, class: cls, expected_key: key, relation, derivation, source, entity_key: entity });
};
const src = (c, field) => (c.sources[field] ?? c.sources.legalNameEn)[0];

const LEGAL_EN =
  /[\s,]+(Co\.?,?\s*Ltd\.?|Company Limited|Co\.,?\s*Limited|Corporation Limited|Group Limited|Limited|Ltd\.?|Corporation|Corp\.?|Inc\.?|Co\.)\s*$/i;
const LEGAL_ZH = /(股份有限公司|有限责任公司|有限公司|株式会社|公司)$/;
// Places of head offices and sites, as the sources of the reference give them (city, region or country).
const PLACES = {
  'yantai-zhenghai': {
    en: 'Yantai, Shandong',
    zh: '烟台',
    city: 'Yantai',
    src: 'https://marketcap.company/net-assets/she-300224-yantai-zhenghai-magnetic-mat',
  },
  'rising-nonferrous': {
    en: 'Guangzhou, Guangdong',
    zh: '广州',
    city: 'Guangzhou',
    src: 'https://investorscraft.com/stocks/600259.ss',
  },
  'huayou-cobalt': {
    en: 'Tongxiang, Zhejiang',
    zh: '桐乡',
    city: 'Tongxiang',
    src: 'https://longbridge.com/en/quote/603799.SH.md',
  },
  'xinyuan-germanium': {
    en: 'Kunming, Yunnan',
    zh: '昆明',
    city: 'Kunming',
    src: 'https://www.wisesheets.io/pe-ratio/002428.SZ',
  },
  albemarle: {
    en: 'Charlotte, North Carolina',
    city: 'Charlotte',
    src: 'https://en.wikipedia.org/wiki/Albemarle_Corporation',
  },
  sqm: {
    en: 'Santiago, Chile',
    city: 'Santiago',
    src: 'https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Soquimich',
  },
  ucore: {
    en: 'Halifax, Nova Scotia',
    city: 'Halifax',
    src: 'https://retirefunds.blogspot.com/search/label/National%20Security',
  },
  'baotou-steel': {
    en: 'Baotou, Inner Mongolia',
    zh: '包头',
    city: 'Baotou',
    src: 'https://wikimili.com/en/Baotou_Steel',
  },
  'xiamen-tungsten': {
    en: 'Xiamen, Fujian',
    zh: '厦门',
    city: 'Xiamen',
    src: 'https://www.alphaspread.com/security/sse/600549/profitability/ratio/net-margin',
  },
  'zijin-mining': {
    en: 'Shanghang, Fujian',
    zh: '上杭',
    city: 'Longyan',
    src: 'https://en.wikipedia.org/wiki/Zijin_Mining',
  },
  cmoc: { en: 'Luoyang, Henan', zh: '洛阳', city: 'Luoyang', src: 'https://ng.investing.com/equities/china-molybden' },
  'ganfeng-lithium': {
    en: 'Xinyu, Jiangxi',
    zh: '新余',
    city: 'Xinyu',
    src: 'https://wiki.riteme.site/wiki/Ganfeng_Lithium',
  },
  'tianqi-lithium': {
    en: 'Chengdu, Sichuan',
    zh: '成都',
    city: 'Chengdu',
    src: 'https://handwiki.org/wiki/index.php?oldid=3475428&title=Company%3ATianqi_Lithium',
  },
  chalco: {
    en: 'Beijing, China',
    zh: '北京',
    city: 'Beijing',
    src: 'https://lowcostdomainnames.domain.workers.dev/wiki/Aluminum_Corporation_of_China',
  },
  'sumitomo-metal-mining': {
    en: 'Minato-ku, Tokyo',
    city: 'Tokyo',
    src: 'http://www.referenceforbusiness.com/history2/93/SUMITOMO-METAL-MINING-CO-LTD.html',
  },
  'china-northern-rare-earth': {
    en: 'Baotou, Inner Mongolia',
    zh: '包头',
    city: 'Baotou',
    src: 'shared/data/companies/rare_earth_companies.json (hq)',
  },
  'jl-mag': {
    en: 'Ganzhou, Jiangxi',
    zh: '赣州',
    city: 'Ganzhou',
    src: 'shared/data/companies/rare_earth_companies.json (hq)',
  },
  'zhong-ke-san-huan': {
    en: 'Beijing, China',
    zh: '北京',
    city: 'Beijing',
    src: 'shared/data/companies/rare_earth_companies.json',
  },
  'shenghe-resources': { en: 'Chengdu, Sichuan', zh: '成都', city: 'Chengdu', src: null },
};
const SITES = {
  'australian-strategic-materials': ['Dubbo Project', 'https://asm-au.com/category/uncategorized/'],
  'usa-rare-earth': ['Stillwater magnet plant, Oklahoma', 'https://www.stocktitan.net/overview/USAR'],
  'northern-minerals': [
    'Browns Range Project',
    'https://investingnews.com/daily/resource-investing/critical-metals-investing/rare-earth-investing/northern-minerals-progress-browns-range-project/',
  ],
  ucore: [
    'Louisiana Strategic Metals Complex',
    'https://www.investorwire.com/investor-news-breaks/investornewsbreaks-ucore-rare-metals-inc-tsx-v-ucu-otcqx-uuraf-executing-louisiana-project-with-potential-to-significantly-enhance-north-americas-manufacturing-landscape/',
  ],
  lynas: ['Kalgoorlie processing plant', 'shared/data/companies/rare_earth_companies.json (sites)'],
  'mp-materials': ['Mountain Pass, California', 'shared/data/companies/rare_earth_companies.json (sites)'],
  'energy-fuels': ['White Mesa Mill', 'https://investorshangout.com/post/view?id=5768266'],
  arafura: ['Nolans Project', 'https://www.arultd.com/projects/nolans/'],
  iluka: ['Eneabba rare earths refinery', 'shared/data/companies/rare_earth_companies.json (sites)'],
  'neo-performance': ['Silmet plant, Sillamäe, Estonia', 'shared/data/companies/rare_earth_companies.json (sites)'],
};
const RIC = { XSHG: 'SS', XSHE: 'SZ', XHKG: 'HK', XASX: 'AX', XTKS: 'T', XNYS: 'N', XNAS: 'O', XTSE: 'TO' };
const SPACED = {
  XSHG: 'SSE',
  XSHE: 'SZSE',
  XHKG: 'HKEX',
  XASX: 'ASX',
  XTKS: 'TYO',
  XNYS: 'NYSE',
  XNAS: 'NASDAQ',
  XTSE: 'TSX',
  XASE: 'NYSE American',
  OTC: 'OTC',
};

const tonePinyin = (han) => pinyin(han, { toneType: 'symbol', type: 'array', nonZh: 'removed' });
const plainPinyin = (han) => pinyin(han, { toneType: 'none', type: 'array', nonZh: 'removed' });
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

for (const c of REFERENCE_COMPANIES) {
  const k = c.key;
  const en = c.legalNameEn;
  add(en, 'legal_name', k, 'same', 'as published', src(c, 'legalNameEn'));
  add(en.toUpperCase(), 'legal_name', k, 'same', 'upper case', src(c, 'legalNameEn'));
  for (const f of ['legalNameZh', 'legalNameZhHant', 'legalNameJa'])
    if (c[f]) add(c[f], 'legal_name', k, 'same', 'as published', src(c, f));
  const shortEn = en.replace(LEGAL_EN, '').replace(/[\s,]+$/, '');
  if (shortEn !== en) add(shortEn, 'short_form', k, 'same', 'legal form dropped', src(c, 'legalNameEn'));
  const han = c.legalNameZh ?? c.legalNameZhHant ?? c.legalNameJa;
  if (han) {
    const shortHan = han.replace(LEGAL_ZH, '');
    if (shortHan !== han)
      add(
        shortHan,
        'short_form',
        k,
        'same',
        'legal form dropped',
        src(c, c.legalNameZh ? 'legalNameZh' : c.legalNameZhHant ? 'legalNameZhHant' : 'legalNameJa'),
      );
    const noGroup = shortHan.replace(/(集团|集團)$/, '');
    // Only when a distinctive part is left: "中国稀土" (China Rare Earth Group without 集团) names no one company.
    if (noGroup !== shortHan && normalizeName(noGroup).distinctiveWeight > 0)
      add(noGroup, 'short_form', k, 'same', 'legal form and industry tail dropped', src(c, 'legalNameZh'));
  }
  for (const n of c.shortNames ?? [])
    add(n, /^[A-Z]{3,6}$/.test(n) ? 'acronym' : 'short_brand', k, 'same', 'as published', src(c, 'shortNames'));
  for (const n of c.formerNames ?? []) add(n, 'former_name', k, 'same', 'as published', src(c, 'formerNames'));
  // Pinyin of a Chinese name (not Japanese): syllables with tone marks, and glued without tones.
  const zh = c.legalNameZh ?? c.legalNameZhHant;
  if (zh && !c.legalNameJa && !othersName(zh.replace(LEGAL_ZH, ''), k)) {
    const short = zh.replace(LEGAL_ZH, '').replace(/[()（）]/g, '');
    add(
      tonePinyin(short).map(cap).join(' '),
      'pinyin',
      k,
      'same',
      'pinyin-pro romanisation, tone marks, syllables apart',
      src(c, c.legalNameZh ? 'legalNameZh' : 'legalNameZhHant'),
    );
    add(
      cap(plainPinyin(short).join('')),
      'pinyin',
      k,
      'same',
      'pinyin-pro romanisation, no tones, no spaces',
      src(c, c.legalNameZh ? 'legalNameZh' : 'legalNameZhHant'),
    );
  }
  // Tickers in the forms announcements write them.
  for (const t of c.tickers ?? []) {
    const canon = canonicalTicker(t);
    if (!canon) continue;
    const [mic, sym] = canon.split(':');
    add(t, 'ticker', k, 'same', 'as published', src(c, 'tickers'));
    if (RIC[mic] && (mic !== 'XTKS' || /^\d{4}$/.test(sym)))
      add(
        `${mic === 'XHKG' ? sym.padStart(4, '0') : sym}.${RIC[mic]}`,
        'ticker',
        k,
        'same',
        'Reuters RIC form',
        src(c, 'tickers'),
      );
    if (SPACED[mic]) {
      add(`${SPACED[mic]}: ${sym}`, 'ticker', k, 'same', 'exchange-prefixed form', src(c, 'tickers'));
      const named = othersName(shortEn, k) ? en : shortEn;
      add(`${named} (${SPACED[mic]} ${sym})`, 'ticker', k, 'same', 'name with spaced ticker', src(c, 'tickers'));
    }
  }
  // Word forms.
  const swaps = [
    [/\bChemical\b/, 'Chemicals'],
    [/\bMaterials\b/, 'Material'],
    [/\bTechnology\b/, 'Technologies'],
    [/\bNorthern\b/, 'North'],
    [/\bSouthern\b/, 'South'],
    [/\bCorporation\b/, 'Corp.'],
    [/\bCo\., Ltd\./, 'Company Limited'],
    [/\bLimited\b/, 'Ltd'],
    [/\bResources\b/, 'Resource'],
    [/\bHigh-Tech\b/, 'Hi-Tech'],
    [/\bRare Earths\b/, 'Rare Earth'],
  ];
  for (const [re, to] of swaps)
    if (re.test(en))
      add(
        en.replace(re, to),
        'word_form',
        k,
        'same',
        `word form: ${re.source.replace(/\\b/g, '')} -> ${to}`,
        src(c, 'legalNameEn'),
      );
  // Extra words: a site, or the head office's city and region.
  const place = PLACES[k];
  if (place?.src) add(`${en} (${place.en})`, 'extra_words', k, 'same', 'head office place added', place.src);
  if (SITES[k]) {
    add(`${en}, ${SITES[k][0]}`, 'extra_words', k, 'same', 'site added', SITES[k][1]);
    add(`${SITES[k][0]} / ${shortEn}`, 'extra_words', k, 'same', 'site before the name', SITES[k][1]);
  }
  // Branches: a branch (分公司) is the company itself.
  if (place?.src) {
    add(`${en} ${place.city} Branch`, 'branch', k, 'same', 'branch form of the legal name', place.src);
    if (c.legalNameZh && place.zh)
      add(`${c.legalNameZh}${place.zh}分公司`, 'branch', k, 'same', 'branch form of the legal name', place.src);
  }
}

// Romanised names as published.
const OBSERVED_PINYIN = [
  ['zǐjīn kuàngyè jítuán gǔfèn yǒuxiàn gōngsī', 'zijin-mining', 'https://en.wikipedia.org/wiki/Zijin_Mining'],
  [
    'Yunnan Lincang Xinyuan Germanium Industrial Co Ltd',
    'xinyuan-germanium',
    'https://penketrading.com/symbols/002428.SHE/',
  ],
  [
    'Sociedad Quimica Y Minera De Chile SA',
    'sqm',
    'http://basecontabode.be-villa.com/rd/yh/alldata/ychart1/adr_usa/SQM.txt',
  ],
  ['Sociedad Quimica y Minera de Chile', 'sqm', 'https://policyrisk.com/supplymap/input/csp-molten-salt-heat-transfer'],
  ['Albemarle Corp.', 'albemarle', 'https://metalpilot.com/stock/albemarle-corp'],
  ['Zhejiang Huayou Cobalt Co.,Ltd', 'huayou-cobalt', 'https://longbridge.com/en/quote/603799.SH.md'],
  [
    'Northern Minerals Ltd',
    'northern-minerals',
    'https://www.proactiveinvestors.com.au/companies/news/902642/northern-minerals-eyes-globally-significant-role-for-browns-range-project-amid-heightened-interest-in-rare-earth-elements-902642.html',
  ],
  ['USA RARE EARTH INC', 'usa-rare-earth', 'https://attn.today/en/articles/2025-10-13-USA-RARE-EARTH-INC'],
  [
    'Baogang Group',
    'baotou-steel',
    'https://www.steelorbis.com/steel-news/latest-news/chinas-baowu-group-to-cooperate-with-baogang-group-1232408.htm',
  ],
  ['Hitachi Metals, Ltd.', 'proterial', 'https://www.marklines.com/en/top500/cf/s500_455_hl2012'],
  [
    'JIANGXI COPPER INDUSTRY CO., LTD.',
    'jiangxi-copper',
    'https://www.marketscreener.com/quote/stock/JIANGXI-COPPER-INDUSTRY-C-6497372/news/China-s-August-copper-imports-slip-from-record-high-31244125/?utm_medium=RSS&utm_content=20200907',
  ],
  [
    'Jiangxi Copper Co Ltd',
    'jiangxi-copper',
    'https://www.minichart.com.sg/2025/09/16/jiangxi-copper-co-ltd-600362-ss-stock-analysis-2025-strong-earnings-dividend-growth-price-outlook',
  ],
  [
    'Rising Nonferrous Metals Share Co.Ltd(600259)',
    'rising-nonferrous',
    'https://chinastockmarketnews.com/post/753300.html',
  ],
  ['Grinm Group Corporation Ltd', 'grinm', 'https://regnum.ru/news/3460822.html'],
  ['Gànfēng Lǐ Yè', 'ganfeng-lithium', 'https://wiki.riteme.site/wiki/Ganfeng_Lithium'],
  [
    'Tiānqí Lǐ Yè',
    'tianqi-lithium',
    'https://handwiki.org/wiki/index.php?oldid=3475428&title=Company%3ATianqi_Lithium',
  ],
  ['Luòyáng mù yè', 'cmoc', 'https://wikizero.org/wiki/en/China_Molybdenum'],
];
// Those with tone marks are romanised Chinese; the others are observed spellings of legal names.
for (const [input, key, source] of OBSERVED_PINYIN)
  add(
    input,
    /[\u0300-\u036f]/.test(input.normalize('NFD')) ? 'pinyin' : 'observed_variant',
    key,
    'same',
    'as published',
    source,
  );

// Related but different entities named on the pages cited: subsidiaries, parents, shareholders, joint ventures,
// peers and namesakes. None may be matched as the company.
const NEGATIVES = [
  [
    'Fujian Golden Dragon Rare-Earth Co., Ltd.',
    'xiamen-tungsten',
    'subsidiary',
    'https://sentiment-trading.com/articles/how-xiamen-tungstens-capital-boost--raremetal-expansion-drives-batterysector-gains',
  ],
  [
    'Golden Dragon Rare-Earth',
    'xiamen-tungsten',
    'subsidiary',
    'https://sentiment-trading.com/articles/xiamen-tungsten-eyes-strong-growth-with-rareearth-ipo-and-rising-metal-demand',
  ],
  [
    'Luoyang Yulu Mining Co. Ltd.',
    'xiamen-tungsten',
    'joint venture with CMOC',
    'https://wikizero.org/wiki/en/China_Molybdenum',
  ],
  [
    'Luoyang Yulu Mining Co. Ltd.',
    'cmoc',
    'joint venture with Xiamen Tungsten',
    'https://wikizero.org/wiki/en/China_Molybdenum',
  ],
  [
    '廈鎢新能源',
    'xiamen-tungsten',
    'subsidiary (new energy materials)',
    'http://mallikadua.com/fangchan/2023/0803/571912.html',
  ],
  [
    'China Minmetals Corporation',
    'xiamen-tungsten',
    'partner, different group',
    'http://www.minmetals.com/english/News/202101/t20210108_278204.html',
  ],
  [
    'Zhongtian Tungsten High-Tech',
    'china-tungsten-hightech',
    'peer',
    'https://sentiment-trading.com/articles/xiamen-tungsten-eyes-strong-growth-with-rareearth-ipo-and-rising-metal-demand',
  ],
  [
    'Zhangyuan Tungsten',
    'xiamen-tungsten',
    'peer',
    'https://sentiment-trading.com/articles/xiamen-tungsten-eyes-strong-growth-with-rareearth-ipo-and-rising-metal-demand',
  ],
  [
    'China Minmetals Corporation',
    'china-tungsten-hightech',
    'parent',
    'https://reportify.ai/reports/1106754685542469632',
  ],
  [
    'Minmetals Tungsten Industry',
    'china-tungsten-hightech',
    'sister company',
    'https://reportify.ai/news/1181014816626708480',
  ],
  [
    'Yuanjing Tungsten Industry',
    'china-tungsten-hightech',
    'acquired subsidiary',
    'https://reportify.ai/news/1181014816626708480',
  ],
  [
    'Changcheng Tungsten Molybdenum',
    'china-tungsten-hightech',
    'subsidiary',
    'https://reportify.ai/reports/1106754685542469632',
  ],
  ['Shizhu Garden', 'china-tungsten-hightech', 'acquired subsidiary', 'https://reportify.ai/news/1181014816626708480'],
  ['Guoxin Investment', 'china-tungsten-hightech', 'shareholder', 'https://reportify.ai/news/1181014816626708480'],
  ['Zijin Gold International', 'zijin-mining', 'spun-off subsidiary', 'https://www.itiger.com/hans/news/1142304940'],
  ['Zijin Mining International', 'zijin-mining', 'subsidiary', 'https://reportify.ai/news/1211390796746592256'],
  ['紫金黄金国际', 'zijin-mining', 'spun-off subsidiary', 'https://reportify.ai/news/1211390796746592256'],
  ['Fujian Longking Co.,Ltd.', 'zijin-mining', 'affiliate', 'https://www.itiger.com/hans/news/1142304940'],
  ['Zangge Mining Company Limited', 'zijin-mining', 'affiliate', 'https://www.itiger.com/hans/news/1142304940'],
  [
    'Tibet Julong Copper Co. Ltd.',
    'zijin-mining',
    'subsidiary (50.1%)',
    'https://ch.marketscreener.com/kurs/aktie/ZIJIN-MINING-GROUP-COMPAN-6171013/news/Zijin-Mining-Group-Company-Limited-gibt-den-Abschluss-der-Bauarbeiten-und-den-Beginn-der-Produktion-37430939/',
  ],
  [
    'Shanghang Minxi Xinghang State-Owned Property Investment Company',
    'zijin-mining',
    'largest shareholder',
    'https://en.wikipedia.org/wiki/Zijin_Mining',
  ],
  ['Cathay Fortune', 'cmoc', 'largest shareholder', 'https://wikizero.org/wiki/en/China_Molybdenum'],
  ['IXM', 'cmoc', 'subsidiary', 'https://wikizero.org/wiki/en/China_Molybdenum'],
  ['CATL', 'cmoc', 'shareholder', 'https://wikizero.org/wiki/en/China_Molybdenum'],
  ['Mali Lithium', 'ganfeng-lithium', 'subsidiary', 'https://www.redplanx.com/html/news/1279987.html'],
  [
    'Inner Mongolia Anda New Energy Technology',
    'ganfeng-lithium',
    'subsidiary (60%)',
    'https://www.redplanx.com/html/news/1280011.html',
  ],
  [
    'Talison Lithium',
    'tianqi-lithium',
    'subsidiary (51%)',
    'https://handwiki.org/wiki/index.php?oldid=3475428&title=Company%3ATianqi_Lithium',
  ],
  [
    '天齊鋰業香港',
    'tianqi-lithium',
    'wholly owned subsidiary (Hong Kong)',
    'http://mallikadua.com/fangchan/2023/0803/571912.html',
  ],
  [
    'Aluminum Corporation of China',
    'chalco',
    'parent (Chinalco)',
    'https://en.wikipedia.org/wiki/Aluminum_Corporation_of_China',
  ],
  [
    '中国铝业公司',
    'chalco',
    'parent (Chinalco)',
    'https://lowcostdomainnames.domain.workers.dev/wiki/Aluminum_Corporation_of_China',
  ],
  ['Chinalco', 'chalco', 'parent', 'https://en.wikipedia.org/wiki/Aluminum_Corporation_of_China'],
  [
    'Aluminum Corporation of China Limited',
    'chinalco',
    'listed subsidiary (Chalco)',
    'https://en.wikipedia.org/wiki/Aluminum_Corporation_of_China',
  ],
  [
    '中国铝业股份有限公司',
    'chinalco',
    'listed subsidiary (Chalco)',
    'https://lowcostdomainnames.domain.workers.dev/wiki/Aluminum_Corporation_of_China',
  ],
  ['Chalco', 'chinalco', 'listed subsidiary', 'https://en.wikipedia.org/wiki/Aluminum_Corporation_of_China'],
  ['Yunaluminum Co., Ltd.', 'chalco', 'managed listed company', 'https://gzmsxj.com/t20201215_64811.html'],
  ['Yinxing Energy Co., Ltd.', 'chalco', 'managed listed company', 'https://gzmsxj.com/t20201215_64811.html'],
  [
    'Guangxi Investment (Group) Co., Ltd.',
    'chalco',
    'promoter shareholder',
    'http://www.pearltrees.com/richardetienne/aluminium-internat/id3366009',
  ],
  [
    'Guizhou Provincial Materials Development and Investment Corporation',
    'chalco',
    'promoter shareholder',
    'http://www.pearltrees.com/richardetienne/aluminium-internat/id3366009',
  ],
  [
    'China Hongqiao Group',
    'chalco',
    'peer',
    'https://lowcostdomainnames.domain.workers.dev/wiki/Aluminum_Corporation_of_China',
  ],
  [
    'Shandong Xinfa',
    'chalco',
    'peer',
    'https://lowcostdomainnames.domain.workers.dev/wiki/Aluminum_Corporation_of_China',
  ],
  [
    'Sumitomo Corporation',
    'sumitomo-metal-mining',
    'same group, different company',
    'https://globalny.biz/catalog/id/725',
  ],
  [
    'Hyuga Smelting Co., Ltd.',
    'sumitomo-metal-mining',
    'subsidiary',
    'https://www.smm.co.jp/en/corp_info/story/history/',
  ],
  [
    'Sumitomo Metal Mining Arizona Inc.',
    'sumitomo-metal-mining',
    'subsidiary',
    'https://strainer.jp/companies/1626/history',
  ],
  [
    'Tokyo Electronic Metal Co., Ltd.',
    'sumitomo-metal-mining',
    'subsidiary',
    'https://www.smm.co.jp/en/corp_info/story/history/',
  ],
  [
    'Sumiko I.S.P. Co., Ltd.',
    'sumitomo-metal-mining',
    'subsidiary',
    'https://www.smm.co.jp/en/corp_info/story/history/',
  ],
  [
    'Siporex Manufacturing Co., Ltd',
    'sumitomo-metal-mining',
    'subsidiary',
    'https://www.smm.co.jp/en/corp_info/story/history/',
  ],
  [
    'Sumitomo Coal Mining Co., Ltd.',
    'sumitomo-metal-mining',
    'predecessor, different entity',
    'https://www.smm.co.jp/en/corp_info/story/history/',
  ],
  [
    'Sumitomo Mining Co., Ltd.',
    'sumitomo-metal-mining',
    'predecessor, different entity',
    'https://www.smm.co.jp/en/corp_info/story/history/',
  ],
  [
    'Sumitomo Besshi Mining Co., Ltd.',
    'sumitomo-metal-mining',
    'predecessor, different entity',
    'https://www.smm.co.jp/en/corp_info/story/history/',
  ],
  [
    'Seika Kogyo (Mining) Co., Ltd.',
    'sumitomo-metal-mining',
    'predecessor, different entity',
    'https://www.smm.co.jp/en/corp_info/story/history/',
  ],
  ['Sumico Lubricant Co., Ltd.', 'sumitomo-metal-mining', 'subsidiary', 'https://globalny.biz/catalog/id/725'],
  ['Asakawa Industrial Co., Ltd.', 'sumitomo-metal-mining', 'subsidiary', 'https://globalny.biz/catalog/id/725'],
  ['Lumina Gold', 'cmoc', 'acquisition target', 'https://gmteight.com/content/detail/272107'],
  [
    'Santoku Corporation',
    'proterial',
    'acquired subsidiary',
    'https://www.motioncontrolonline.org/content-detail.cfm/Motion-Control-Tech-Papers/Hitachi-Metals-Ltd-announces-that-it-will-purchase-Santoku-Corporation-Santoku-a-rare-earth-material-maker/content_id/2299',
  ],
  [
    'Hitachi Cable, Ltd.',
    'proterial',
    'merged predecessor, different entity',
    'https://www.marklines.com/en/top500/cf/s500_455_hl2013',
  ],
  [
    'Hitachi Tool Engineering Co., Ltd.',
    'proterial',
    'former subsidiary',
    'https://www.marklines.com/en/top500/cf/s500_455_hl2016',
  ],
  [
    'Mitsubishi Hitachi Tool Engineering, Ltd.',
    'proterial',
    'former subsidiary',
    'https://www.marklines.com/en/top500/cf/s500_455_hl2016',
  ],
  [
    'Mitsubishi Materials Corporation',
    'proterial',
    'buyer of a subsidiary',
    'https://www.marklines.com/en/top500/cf/s500_455_hl2016',
  ],
  ['Bain Capital', 'proterial', 'backer', 'https://www.daily8.com/en/hashtag/Proterial'],
  [
    'MIKAS',
    'huayou-cobalt',
    'subsidiary (DRC)',
    'http://www.3a0598.com/index.php?m=content&c=index&a=show&catid=92&id=33475',
  ],
  ['KSM Metals Co., Ltd', 'australian-strategic-materials', 'subsidiary', 'https://asm-au.com/2022/'],
  [
    'Alkane Resources Ltd',
    'australian-strategic-materials',
    'demerged former parent',
    'https://asm-au.com/category/latest-news/page/8',
  ],
  ['Vietnam Rare Earth Company', 'australian-strategic-materials', 'partner', 'https://asm-au.com/2022/'],
  [
    'Export Development Canada',
    'australian-strategic-materials',
    'financier',
    'https://asm-au.com/category/uncategorized/',
  ],
  [
    'Less Common Metals Limited',
    'usa-rare-earth',
    'acquired subsidiary',
    'https://attn.today/en/articles/2025-10-13-USA-RARE-EARTH-INC',
  ],
  [
    'Inflection Point Acquisition Corp',
    'usa-rare-earth',
    'merged SPAC',
    'https://nai500.com/blog/2025/03/usa-rare-earth-stock-soars-70-on-nasdaq-debut/',
  ],
  ['Ketjen', 'albemarle', 'wholly owned subsidiary', 'https://metalpilot.com/stock/albemarle-corp'],
  [
    'Tianqi Lithium Corp.',
    'sqm',
    'shareholder',
    'https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Soquimich',
  ],
  [
    'Nutrien Ltd.',
    'sqm',
    'former shareholder',
    'https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Soquimich',
  ],
  ['Codelco', 'sqm', 'partner', 'https://policyrisk.com/supplymap/input/csp-molten-salt-heat-transfer'],
  [
    'Compañía Nitratera Anglo Lautaro S.A.',
    'sqm',
    'former co-owner',
    'https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Soquimich',
  ],
  [
    'Toro Energy',
    'northern-minerals',
    'joint venture partner',
    'https://resourcesroadhouse.com.au/_blog/Resources_Roadhouse/post/northern-minerals-asx-ntu-explorers-2020/',
  ],
  [
    'Iluka Resources Limited',
    'northern-minerals',
    'offtake partner',
    'https://investorinsight.com.au/northern-minerals-brings-the-heavies-to-diggers-dealers/',
  ],
  [
    'Red Cloud Securities Inc.',
    'ucore',
    'placement agent',
    'https://advos.io/en/ucore-rare-metals-inc-secures-10-million-private-placement-for-l/202515147',
  ],
  [
    'Inner Mongolia Baotou Steel Union Company Limited',
    'baotou-steel',
    'listed subsidiary',
    'https://wikimili.com/en/Baotou_Steel',
  ],
  ['内蒙古包钢钢联股份有限公司', 'baotou-steel', 'listed subsidiary', 'https://wikimili.com/en/Baotou_Steel'],
  ['包钢股份', 'baotou-steel', 'listed subsidiary', 'https://kampuspedia.com/ja/%E5%8C%85%E9%A0%AD%E9%8B%BC%E9%89%84'],
  [
    'Baotou Iron and Steel Group Company Limited',
    'baotou-steel-union',
    'parent',
    'https://wikimili.com/en/Baotou_Steel',
  ],
  ['包头钢铁集团有限公司', 'baotou-steel-union', 'parent', 'https://wikimili.com/en/Baotou_Steel'],
  [
    'Baowu Group',
    'baotou-steel',
    'partner',
    'https://www.steelorbis.com/steel-news/latest-news/chinas-baowu-group-to-cooperate-with-baogang-group-1232408.htm',
  ],
  [
    'Jianlong Baotou Iron and Steel Co., Ltd.',
    'baotou-steel',
    'namesake, different company',
    'http://www.zheruisteel.com/news/industry-news/boiler-steel-supplier2019092304.html',
  ],
  [
    'Jiangxi Copper Corporation',
    'jiangxi-copper',
    'parent (JCC)',
    'https://vdocument.in/eeeoee-jiangxi-copper-company-jiangxi-copper-state-owned.html',
  ],
  [
    'Jiangxi Copper Company Limited',
    'jiangxi-copper-corporation',
    'listed subsidiary',
    'https://vdocument.in/eeeoee-jiangxi-copper-company-jiangxi-copper-state-owned.html',
  ],
  [
    'China Gold Group',
    'jiangxi-copper',
    'partner',
    'https://www.godmode-trader.de/nachricht/china-entdeckt-grose-silber-und-kupfermine-kupfer,452669',
  ],
  [
    'Tongling Nonferrous Metals',
    'jiangxi-copper',
    'peer',
    'https://www.minichart.com.sg/2025/09/16/jiangxi-copper-co-ltd-600362-ss-stock-analysis-2025-strong-earnings-dividend-growth-price-outlook',
  ],
  [
    'Yunnan Copper Co Ltd',
    'jiangxi-copper',
    'peer',
    'https://www.minichart.com.sg/2025/09/16/jiangxi-copper-co-ltd-600362-ss-stock-analysis-2025-strong-earnings-dividend-growth-price-outlook',
  ],
  [
    'Guangdong Rising Holding Group Co., Ltd.',
    'rising-nonferrous',
    'indirect controlling shareholder',
    'https://www.laitimes.com/en/article/6bynl_6saye.html',
  ],
  [
    'Guangdong Rare Earth Industry Group Co., Ltd.',
    'rising-nonferrous',
    'direct shareholder',
    'https://www.laitimes.com/en/article/6bynl_6saye.html',
  ],
  [
    'Guangdong Rising Nonferrous Metals Import & Export Co., Ltd.',
    'rising-nonferrous',
    'wholly owned subsidiary',
    'https://rareearthexchanges.com/news/rising-nonferrous-to-exit-stake-in-zhujiang-rare-earth-with-rmb5-98m-listing',
  ],
  [
    'Guangdong Zhujiang Rare Earth Co., Ltd.',
    'rising-nonferrous',
    'investee (3%)',
    'https://rareearthexchanges.com/news/rising-nonferrous-to-exit-stake-in-zhujiang-rare-earth-with-rmb5-98m-listing',
  ],
  [
    'Xinfeng Guangsheng Rare Earth Development Co., Ltd.',
    'rising-nonferrous',
    'subsidiary (55%)',
    'https://archyde.com/rising-nonferrous-metals-holding-subsidiary-obtained-mining-license-new-rare-earth-reserves-resource-eight-times-the-reserves-in-mining-mountain_mining_xinfeng-county_zuokeng',
  ],
  [
    'Pingyuan County Huaqi Rare Earth Industry Co., Ltd.',
    'rising-nonferrous',
    'subsidiary',
    'https://archyde.com/rising-nonferrous-metals-holding-subsidiary-obtained-mining-license-new-rare-earth-reserves-resource-eight-times-the-reserves-in-mining-mountain_mining_xinfeng-county_zuokeng',
  ],
  [
    'Beijing General Research Institute of Mining and Metallurgy',
    'grinm',
    'different research group (BGRIMM)',
    'http://english.poofta.com/aboutus/history/index.htm',
  ],
  ['BGRIMM Group', 'grinm', 'different research group', 'http://english.bgrimm.com/news/6830.htm'],
  [
    'China Iron & Steel Research Institute Group',
    'grinm',
    'fellow founder of China Rare Earth Group',
    'https://regnum.ru/news/3460822.html',
  ],
  [
    'Grinm Group Corporation Ltd',
    'china-rare-earth-group',
    'founder shareholder',
    'https://regnum.ru/news/3460822.html',
  ],
  ['Phelps Dodge Corporation', 'sumitomo-metal-mining', 'partner', 'https://globalny.biz/catalog/id/725'],
  ['The Chemours Company', 'energy-fuels', 'partner', 'https://investorintel.com/tag/chemours/?print=print-search'],
  [
    'Export Finance Australia',
    'arafura',
    'financier',
    'https://investingnews.com/arafura-nolans-export-finance-australia/',
  ],
  [
    'National Reconstruction Fund Corporation',
    'arafura',
    'financier',
    'https://investingnews.com/arafura-nolans-export-finance-australia/',
  ],
  ['Rio Tinto Ltd', 'chalco', 'investee', 'https://en-academic.com/dic.nsf/enwiki/2629668'],
  [
    'Fujian Golden Dragon Rare-Earth Co., Ltd.',
    'china-rare-earth-group',
    'different company',
    'https://sentiment-trading.com/articles/how-xiamen-tungstens-capital-boost--raremetal-expansion-drives-batterysector-gains',
  ],
  [
    'China Rare Earth Group Resources Technology Co., Ltd.',
    'china-rare-earth-group',
    'listed subsidiary',
    SHARED_SRC(),
  ],
  [
    'China Minmetals Rare Earth Co., Ltd.',
    'china-rare-earth-group',
    'former name of the listed subsidiary',
    SHARED_SRC(),
  ],
  ['Ganzhou Rare Earth Group Co., Ltd.', 'china-rare-earth-group', 'shareholder', SHARED_SRC()],
  ['赣州稀土集团', 'china-rare-earth-group', 'shareholder', SHARED_SRC()],
  ['Aluminum Corporation of China (Chalco)', 'china-rare-earth-group', 'shareholder', SHARED_SRC()],
  ['Ganzhou Chenguang Rare Earth New Materials Co., Ltd.', 'shenghe-resources', 'subsidiary', SHARED_SRC()],
  ['Peak Rare Earths Limited', 'shenghe-resources', 'acquisition target', SHARED_SRC()],
  ['Shin-Etsu Magnetic Materials Vietnam Co., Ltd.', 'shin-etsu', 'subsidiary', SHARED_SRC()],
  ['シンエツ・マグネティック・マテリアルズ・ベトナム社', 'shin-etsu', 'subsidiary', SHARED_SRC()],
  ['e-VAC Magnetics', 'neo-performance', 'different company', SHARED_SRC()],
  ['Lynas Malaysia Sdn Bhd', 'lynas', 'subsidiary', SHARED_SRC()],
  ['Lynas Malaysia', 'lynas', 'subsidiary', SHARED_SRC()],
  ['Baotou Iron and Steel (Group) Co., Ltd.', 'china-northern-rare-earth', 'largest shareholder', SHARED_SRC()],
  ['Tesla', 'jl-mag', 'customer', SHARED_SRC()],
  ['China Southern Rare Earth Group', 'china-northern-rare-earth', 'different group', SHARED_SRC()],
  ['Leshan Shenghe Rare Earth Co., Ltd.', 'shenghe-resources', 'subsidiary', SHARED_SRC()],
  ['乐山盛和稀土有限公司', 'shenghe-resources', 'subsidiary', SHARED_SRC()],
  ['Beijing San Huan Holding', 'zhong-ke-san-huan', 'founder shareholder', SHARED_SRC()],
  [
    'Beijing San Huan New Materials High-Tech',
    'zhong-ke-san-huan',
    'founder (former name of the holding)',
    SHARED_SRC(),
  ],
  ['Ara Partners', 'vac', 'owner', SHARED_SRC()],
  [
    'Hancock Prospecting Pty Ltd',
    'mp-materials',
    'shareholder',
    'https://abix.com.au/tag/rare-earth-industry-united-states',
  ],
  [
    'Hancock Prospecting Pty Ltd',
    'brazilian-rare-earths',
    'shareholder',
    'https://abix.com.au/tag/rare-earth-industry-united-states',
  ],
  [
    'Hancock Prospecting Pty Ltd',
    'arafura',
    'shareholder',
    'https://abix.com.au/tag/rare-earth-industry-united-states',
  ],
  [
    'JL MAG Rare Earth (Baotou) Co., Ltd.',
    'jl-mag',
    'a separate company (Baotou factory)',
    'http://en.people.cn/n3/2023/0215/c90000-10207706.html',
  ],
  [
    'Northern Gold Dragon (Baotou) Rare Earth Co., Ltd.',
    'china-northern-rare-earth',
    'joint venture',
    'https://rareearthexchanges.com/news/northern-gold-dragons-greenlight-baotou-expands-its-grip-on-rare-earth-separation',
  ],
  [
    'Northern Gold Dragon (Baotou) Rare Earth Co., Ltd.',
    'fujian-golden-dragon',
    'joint venture',
    'https://rareearthexchanges.com/news/northern-gold-dragons-greenlight-baotou-expands-its-grip-on-rare-earth-separation',
  ],
  [
    'Baotou Huamei Rare Earth Hi-Tech',
    'china-northern-rare-earth',
    'subsidiary',
    'https://newsflash.city/2402/2473855de9228aa1.html',
  ],
  [
    'Gansu Rare Earth New Materials Co., Ltd.',
    'china-northern-rare-earth',
    'subsidiary',
    'https://newsflash.city/2402/2473855de9228aa1.html',
  ],
  [
    'Beijing Jiya Semiconductor Material Co., Ltd.',
    'axt',
    'joint venture',
    'https://www.asianmetal.com/metal_cron/2021/index_lunshi_fengchen_en.shtml',
  ],
  [
    'Japan Australia Rare Earth',
    'sojitz',
    'co-founded joint company',
    'https://www.sojitz.com/en/news/2022/09/20220920.php',
  ],
  [
    'Japan Australia Rare Earth',
    'lynas',
    'shareholder and lender',
    'https://www.sojitz.com/en/news/2022/09/20220920.php',
  ],
  [
    'Japan Oil, Gas and Metals National Corporation',
    'sojitz',
    'co-founder of JARE',
    'https://www.sojitz.com/en/news/2022/09/20220920.php',
  ],
  [
    'Zhejiang Dongyang Dongci Rare Earth Co., Ltd.',
    'innuovo',
    'wholly owned subsidiary',
    'https://news.metal.com/newscontent/103400395/Innuovo:-The-wholly-owned-grand-subsidiary-company-plans-to-invest-424-million-to-construct-an-expansion-project-for-the-annual-production-of-5000-mt-of-sintered-NdFeB-blanks',
  ],
  [
    'Global Tungsten & Powders',
    'plansee',
    'subsidiary',
    'https://cuttingtools.ceratizit.com/in/en/services/sustainability/well-catered-for-even-in-the-future.html',
  ],
  [
    'CERATIZIT',
    'plansee',
    'affiliate (50 %)',
    'https://www.plansee.com/de/news-archiv/News/detail/neue-wolfram-quelle.html',
  ],
  [
    'Tikomet Oy',
    'global-tungsten-powders',
    'acquired subsidiary',
    'https://www.oe24.at/businesslive/plansee-uebernimmt-recycler-tikomet/192542259',
  ],
  ['Stadler', 'plansee', 'acquired subsidiary', 'https://plansee-group.com/en/articles/detail/tungsten-supply'],
  [
    'China Rare Earth Group Co Ltd',
    'china-rare-earth-resources',
    'parent',
    'https://bootstrapperguild.com/group-sets-eyes-on-nations-rare-earth-industry/',
  ],
  [
    'TALCO Gold',
    'talco',
    'joint venture',
    'https://mining.com/web/chinese-venture-to-start-mining-battery-metal-antimony-in-tajikistan',
  ],
  [
    'TALCO Gold',
    'tibet-huayu',
    'joint venture',
    'https://mining.com/web/chinese-venture-to-start-mining-battery-metal-antimony-in-tajikistan',
  ],
  [
    'Trafigura',
    'nyrstar',
    'owner',
    'https://mmta.co.uk/gallium-production-is-coming-back-to-europe-after-chinas-export-controls/',
  ],
  ['Indium Corporation', 'rio-tinto', 'partner', 'https://ogvenergy.au/tag/indium-corporation/'],
  // Related entities of the second part of the reference (reference-companies-more.ts), named on the pages cited.
  [
    'Guangdong TDK Rising Rare Earth High Technology Material Co.',
    'tdk',
    'joint venture (TDK 59 %)',
    'https://blog.supramagnets.com/tag/china-rare-earth/',
  ],
  [
    'Guangdong TDK Rising Rare Earth High Technology Material Co.',
    'rising-nonferrous',
    'joint venture (Rising Nonferrous 37 %)',
    'https://blog.supramagnets.com/tag/china-rare-earth/',
  ],
  ['Tokai Trade Co.', 'tdk', 'joint-venture partner', 'https://blog.supramagnets.com/tag/china-rare-earth/'],
  ['Hunan Anhua Zhazixi Mining Co., Ltd.', 'hunan-gold', 'subsidiary', 'https://mugglehead.com/?p=1426962'],
  ['Hunan Gold Corp Ltd', 'hunan-anhua-zhazixi', 'parent', 'https://mugglehead.com/?p=1426962'],
  [
    'Beijing Tongmei Xtal Technology Co., Ltd.',
    'axt',
    'subsidiary',
    'https://stocktitan.net/news/AXTI/tongmei-receives-initial-export-permits-from-china-s-central-rxmtyicm06gr.html',
  ],
  [
    'AXT, Inc.',
    'beijing-tongmei',
    'parent',
    'https://stocktitan.net/news/AXTI/tongmei-receives-initial-export-permits-from-china-s-central-rxmtyicm06gr.html',
  ],
  [
    'Daido Steel Co.',
    'daido-electronics',
    'parent',
    'http://www.bloomberg.com/news/articles/2010-12-07/daido-to-triple-china-rare-earth-magnet-output-to-take-on-rivals',
  ],
  [
    'Daido Electronics Co., Ltd.',
    'daido-steel',
    'subsidiary',
    'http://www.bloomberg.com/news/articles/2010-12-07/daido-to-triple-china-rare-earth-magnet-output-to-take-on-rivals',
  ],
  [
    'Perpetua Resources Idaho, Inc.',
    'perpetua',
    'subsidiary',
    'https://news.canadianminingreport.com/news/testing-partnership-aims-to-boost-u-s-antimony-supply-chain',
  ],
  [
    'Young Poong',
    'korea-zinc',
    'shareholder in a management dispute',
    'https://cm.asiae.co.kr/en/article/2025050908311642506',
  ],
  [
    'Ruitong New Material Technology (Heilongjiang)',
    'btr',
    'joint venture (BTR 60 %)',
    'https://www.energytrend.com/news/20221005-30004.html',
  ],
  [
    'Heilongjiang Communications Investment Group',
    'btr',
    'joint-venture partner',
    'https://www.energytrend.com/news/20221005-30004.html',
  ],
  [
    'Hunan Non-Ferrous',
    'hsikwangshan-twinkling-star',
    'owner (2015)',
    'https://investorintel.com/sectors/technology-metals/technology-metals-intel/twinkle-twinkle-never/',
  ],
  [
    'Guangdong Rare Earth Group',
    'rising-nonferrous',
    'parent',
    'https://www.atechmagnet.com/china-guangsheng-plans-to-build-a-ndfeb-magnet-pla.html',
  ],
  [
    'Minmetals Development Co.',
    'china-minmetals',
    'sister company (shares the word Minmetals)',
    'https://mining.com/?p=371011',
  ],
  [
    'Chinalco Rare Earth & Metals Co',
    'chinalco',
    'subsidiary (merged into China Rare Earth Group)',
    'https://asiatimes.com/tag/near-monopoly/',
  ],
  [
    'Nyrstar',
    'teck',
    'peer (another germanium source of 5N Plus)',
    'https://www.mining.com/web/pentagon-strikes-deal-with-canadas-5n-plus',
  ],
  [
    'Jiangxi Copper Corporation',
    'china-southern-rare-earth',
    'shareholder (35 %)',
    'http://bayanihan.org/2015/04/17/major-rare-earth-group-founded-in-central-china/',
  ],
  [
    'Ganzhou Rare Earth Group Co., Ltd.',
    'china-southern-rare-earth',
    'shareholder (60 %)',
    'http://bayanihan.org/2015/04/17/major-rare-earth-group-founded-in-central-china/',
  ],
];
function SHARED_SRC() {
  return 'shared/data/companies/rare_earth_companies.json';
}
// The entity a negative names, where it is itself a reference company (a match to it is right).
const ENTITY = {
  'Fujian Golden Dragon Rare-Earth Co., Ltd.': 'fujian-golden-dragon',
  'Golden Dragon Rare-Earth': 'fujian-golden-dragon',
  'China Minmetals Corporation': 'china-minmetals',
  'Aluminum Corporation of China': 'chinalco',
  中国铝业公司: 'chinalco',
  Chinalco: 'chinalco',
  'Aluminum Corporation of China Limited': 'chalco',
  中国铝业股份有限公司: 'chalco',
  Chalco: 'chalco',
  'Aluminum Corporation of China (Chalco)': 'chalco',
  'Tianqi Lithium Corp.': 'tianqi-lithium',
  'Iluka Resources Limited': 'iluka',
  'Inner Mongolia Baotou Steel Union Company Limited': 'baotou-steel-union',
  内蒙古包钢钢联股份有限公司: 'baotou-steel-union',
  包钢股份: 'baotou-steel-union',
  'Baotou Iron and Steel Group Company Limited': 'baotou-steel',
  包头钢铁集团有限公司: 'baotou-steel',
  'Baotou Iron and Steel (Group) Co., Ltd.': 'baotou-steel',
  'USA Rare Earth': 'usa-rare-earth',
  'Jiangxi Copper Corporation': 'jiangxi-copper-corporation',
  'Jiangxi Copper Company Limited': 'jiangxi-copper',
  'Grinm Group Corporation Ltd': 'grinm',
  'Zhangyuan Tungsten': 'zhangyuan-tungsten',
  'Less Common Metals Limited': 'less-common-metals',
  'Ganzhou Rare Earth Group Co., Ltd.': 'ganzhou-rare-earth-group',
  赣州稀土集团: 'ganzhou-rare-earth-group',
  'China Southern Rare Earth Group': 'china-southern-rare-earth',
  'Guangdong TDK Rising Rare Earth High Technology Material Co.': 'tdk-rising-jv',
  'Hunan Anhua Zhazixi Mining Co., Ltd.': 'hunan-anhua-zhazixi',
  'Hunan Gold Corp Ltd': 'hunan-gold',
  'Beijing Tongmei Xtal Technology Co., Ltd.': 'beijing-tongmei',
  'AXT, Inc.': 'axt',
  'Daido Steel Co.': 'daido-steel',
  'Daido Electronics Co., Ltd.': 'daido-electronics',
  'Ruitong New Material Technology (Heilongjiang)': 'ruitong-heilongjiang',
  'Hunan Non-Ferrous': 'hunan-nonferrous',
  'Guangdong Rare Earth Group': 'guangdong-rare-earth-group',
  'Minmetals Development Co.': 'minmetals-development',
  'Chinalco Rare Earth & Metals Co': 'chinalco-rare-earth',
  Nyrstar: 'nyrstar',
  'JL MAG Rare Earth (Baotou) Co., Ltd.': 'jl-mag-baotou',
  'Northern Gold Dragon (Baotou) Rare Earth Co., Ltd.': 'northern-jinlong',
  'Baotou Huamei Rare Earth Hi-Tech': 'baotou-huamei',
  'Gansu Rare Earth New Materials Co., Ltd.': 'gansu-rare-earth',
  'Beijing Jiya Semiconductor Material Co., Ltd.': 'beijing-jiya',
  'Japan Australia Rare Earth': 'jare',
  'Zhejiang Dongyang Dongci Rare Earth Co., Ltd.': 'dongyang-dongci-rare-earth',
  'Global Tungsten & Powders': 'global-tungsten-powders',
  CERATIZIT: 'ceratizit',
  'Tikomet Oy': 'tikomet',
  Stadler: 'stadler',
  'China Rare Earth Group Co Ltd': 'china-rare-earth-group',
  'TALCO Gold': 'talco-gold',
  'Indium Corporation': 'indium-corporation',
  'Rio Tinto Ltd': 'rio-tinto',
  'China Rare Earth Group Resources Technology Co., Ltd.': 'china-rare-earth-resources',
  'China Minmetals Rare Earth Co., Ltd.': 'china-rare-earth-resources',
};
for (const [input, key, relation, source] of NEGATIVES)
  add(input, 'hard_negative', key, relation, 'as published', source, ENTITY[input] ?? '');

// The shared dev set: names observed on public pages (shared/data/supplier_name_variants.dev.csv, SOURCES.md).
const KIND = {
  variant_observed: 'observed_variant',
  hard_negative_or_related: 'hard_negative',
  ticker: 'ticker',
  former_name: 'former_name',
};
// Dev-set labels that public sources contradict: the row keeps its input, takes the company the sources name, and
// says so in `derivation` and `source`. "Minmetals Rare Earth" is China Minmetals Rare Earth Co Ltd, renamed China
// Rare Earth Group Resources Technology Co Ltd, a listed subsidiary of China Rare Earth Group (China Daily, cited);
// the dev set itself labels "China Minmetals Rare Earth Co., Ltd." as that subsidiary, not the group.
const RELABEL = {
  'Minmetals Rare Earth': [
    'china-rare-earth-resources',
    'https://bootstrapperguild.com/group-sets-eyes-on-nations-rare-earth-industry/',
  ],
};
for (const r of parse(readFileSync(join(fixtures, 'supplier_name_variants.dev.csv'), 'utf8'), { columns: true })) {
  const cls = KIND[r.kind] ?? (r.kind.startsWith('legal_name') ? 'legal_name' : 'observed_variant');
  const relabel = r.relation_note === 'same' ? RELABEL[r.input] : undefined;
  add(
    r.input,
    cls,
    relabel ? relabel[0] : r.expected_key,
    r.relation_note,
    relabel ? `observed (shared dev set), relabelled from ${r.expected_key}` : 'observed (shared dev set)',
    relabel
      ? `shared/data/supplier_name_variants.dev.csv; ${relabel[1]}`
      : 'shared/data/supplier_name_variants.dev.csv',
    r.relation_note === 'same' ? '' : (ENTITY[r.input] ?? ''),
  );
}

const esc = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const header = ['input', 'class', 'expected_key', 'relation', 'entity_key', 'derivation', 'source'];
writeFileSync(
  join(fixtures, 'supplier_eval.csv'),
  [header.join(','), ...rows.map((r) => header.map((h) => esc(String(r[h]))).join(','))].join('\n') + '\n',
);
const negatives = rows.filter((r) => r.relation !== 'same').length;
console.log(JSON.stringify({ rows: rows.length, negatives, companies: new Set(rows.map((r) => r.expected_key)).size }));

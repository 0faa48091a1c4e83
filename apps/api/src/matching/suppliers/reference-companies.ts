/**
 * Public reference of companies that produce, process, make magnets of or trade rare earths and other controlled
 * minerals (reference-types.ts). Facts only (names, identifiers, country, parent, role), each field with the public
 * page(s) it was read from; nothing guessed: a field not seen on a source is absent. Companies marked "shared data"
 * come from the project's shared public data set (shared/data/companies/rare_earth_companies.json, its sources per
 * company); the others were read from the pages cited, 2026-12-04. Parents, subsidiaries and joint ventures named
 * here are different legal entities: a supplier resolves to one of them only by its own names.
 */
import type { ReferenceCompany } from './reference-types.js';

/** All fields of a company from the same sources. */
const all = (fields: (keyof ReferenceCompany['sources'])[], sources: string[]): ReferenceCompany['sources'] =>
  Object.fromEntries(fields.map((f) => [f, sources]));

const SHARED = 'shared/data/companies/rare_earth_companies.json';

export const REFERENCE_COMPANIES: readonly ReferenceCompany[] = [
  // ---- shared data (shared/data/companies/rare_earth_companies.json) ----
  {
    key: 'china-northern-rare-earth',
    legalNameEn: 'China Northern Rare Earth (Group) High-Tech Co.,Ltd',
    legalNameZh: '中国北方稀土(集团)高科技股份有限公司',
    legalNameZhHant: '中國北方稀土(集團)高科技股份有限公司',
    formerNames: ['Inner Mongolia Baotou Steel Rare-Earth (Group) Hi-Tech Co., Ltd.'],
    tickers: ['SHSE:600111'],
    country: 'CN',
    parent: 'Baotou Iron and Steel (Group) Co., Ltd. (largest shareholder)',
    role: 'rare earth mining, separation, metals and oxides',
    sources: all(
      ['legalNameEn', 'legalNameZh', 'legalNameZhHant', 'formerNames', 'tickers', 'country', 'parent', 'role'],
      [SHARED, 'https://longbridge.com/en/quote/600111.SH.md', 'https://www.morningstar.com/stocks/xshg/600111/quote'],
    ),
  },
  {
    key: 'china-rare-earth-group',
    legalNameEn: 'China Rare Earth Group Co., Ltd.',
    legalNameZh: '中国稀土集团有限公司',
    country: 'CN',
    parent: 'SASAC (central state-owned enterprise)',
    role: 'rare earth group (mining, separation)',
    sources: all(
      ['legalNameEn', 'legalNameZh', 'country', 'parent', 'role'],
      [
        SHARED,
        'https://www.shine.cn/biz/company/2112239895/',
        'https://www.cmgroup.net/news/china-re-group-established/',
      ],
    ),
  },
  {
    key: 'shenghe-resources',
    legalNameEn: 'Shenghe Resources Holding Co., Ltd.',
    legalNameZh: '盛和资源控股股份有限公司',
    shortNames: ['盛和资源'],
    formerNames: ['Taiyuan Technology Tiansheng Science and Technology Company Limited', 'TaiGong Tiansheng'],
    tickers: ['SHSE:600392'],
    country: 'CN',
    role: 'rare earth separation and trading',
    sources: all(
      ['legalNameEn', 'legalNameZh', 'shortNames', 'formerNames', 'tickers', 'country', 'role'],
      [
        SHARED,
        'https://wiki.riteme.site/wiki/Shenghe_Resources',
        'https://simplywall.st/stocks/cn/materials/shse-600392/shenghe-resources-holding-shares',
      ],
    ),
  },
  {
    key: 'jl-mag',
    legalNameEn: 'JL MAG Rare-Earth Co., Ltd.',
    legalNameZh: '江西金力永磁科技股份有限公司',
    shortNames: ['JL Mag'],
    tickers: ['6680.HK', 'SZSE:300748'],
    country: 'CN',
    role: 'sintered NdFeB magnet maker',
    sources: all(
      ['legalNameEn', 'legalNameZh', 'shortNames', 'tickers', 'country', 'role'],
      [SHARED, 'https://longbridge.com/en/quote/300748.SZ/llms.txt', 'http://www.earths-book.com/index-969.html'],
    ),
  },
  {
    key: 'ningbo-yunsheng',
    legalNameEn: 'Ningbo Yunsheng Co., Ltd.',
    shortNames: ['宁波韵升', 'Ningbo Yunsheng'],
    tickers: ['600366.SH'],
    country: 'CN',
    role: 'sintered and bonded NdFeB magnet maker',
    sources: all(
      ['legalNameEn', 'shortNames', 'tickers', 'country', 'role'],
      [
        SHARED,
        'https://stoxray.com/stocks/xshg/600366',
        'https://eulerpool.com/en/stock/Ningbo-Yunsheng-Stock-CNE000001584',
      ],
    ),
  },
  {
    key: 'zhong-ke-san-huan',
    legalNameEn: 'Beijing Zhong Ke San Huan High-Tech Co., Ltd.',
    legalNameZh: '北京中科三环高技术股份有限公司',
    shortNames: ['中科三环', 'Zhong Ke San Huan'],
    tickers: ['000970.SZ'],
    country: 'CN',
    role: 'NdFeB magnet maker',
    sources: all(
      ['legalNameEn', 'legalNameZh', 'shortNames', 'tickers', 'country', 'role'],
      [
        SHARED,
        'https://longbridge.com/quote/000970.SZ/llms.txt',
        'https://simplywall.st/stocks/cn/tech/xsec-000970/beijing-zhong-ke-san-huan-high-tech-shares',
      ],
    ),
  },
  {
    key: 'lynas',
    legalNameEn: 'Lynas Rare Earths Limited',
    formerNames: ['Lynas Corporation Limited'],
    tickers: ['ASX:LYC', 'OTC:LYSDY'],
    country: 'AU',
    role: 'rare earth mining (Mt Weld) and separation (Kalgoorlie, Malaysia)',
    sources: all(
      ['legalNameEn', 'formerNames', 'tickers', 'country', 'role'],
      [
        SHARED,
        'https://vdocuments.us/corporate-directory-for-personal-use-only-corporate-directory-abn-27-009-066-648.html',
        'https://www.mining.com/?p=1046785',
      ],
    ),
  },
  {
    key: 'mp-materials',
    legalNameEn: 'MP Materials Corp.',
    tickers: ['NYSE:MP'],
    country: 'US',
    role: 'rare earth mining and processing (Mountain Pass), magnets',
    sources: all(
      ['legalNameEn', 'tickers', 'country', 'role'],
      [
        SHARED,
        'https://www.boursorama.com/bourse/actualites/mp-materials-atteint-un-niveau-record-grace-a-une-perte-trimestrielle-moins-importante-2672ea84eff88e63541974a0f48904f9',
      ],
    ),
  },
  {
    key: 'neo-performance',
    legalNameEn: 'Neo Performance Materials Inc.',
    tickers: ['TSX:NEO', 'OTC:NOPMF'],
    country: 'CA',
    role: 'rare earth processing (Silmet, Estonia) and magnets',
    sources: all(
      ['legalNameEn', 'tickers', 'country', 'role'],
      [SHARED, 'https://www.mining.com/web/neo-performance-materials-launches-strategic-review/'],
    ),
  },
  {
    key: 'iluka',
    legalNameEn: 'Iluka Resources Limited',
    tickers: ['ASX:ILU'],
    country: 'AU',
    role: 'mineral sands; Eneabba rare earths refinery',
    sources: all(
      ['legalNameEn', 'tickers', 'country', 'role'],
      [
        SHARED,
        'https://investorintel.com/tag/iluka-resources/?print=print-search',
        'https://nrinvesting.com/?p=441223',
      ],
    ),
  },
  {
    key: 'shin-etsu',
    legalNameEn: 'Shin-Etsu Chemical Co., Ltd.',
    legalNameJa: '信越化学工業株式会社',
    shortNames: ['信越化'],
    country: 'JP',
    role: 'rare earth separation and magnets (Japan, Vietnam)',
    sources: all(
      ['legalNameEn', 'legalNameJa', 'shortNames', 'country', 'role'],
      [
        SHARED,
        'https://www.shinetsu.co.jp/en/news/news-release/shin-etsu-chemical-to-double-its-production-capacity-of-rare-earth-magnets-in-vietnam/',
      ],
    ),
  },
  // ---- read from the pages cited ----
  {
    key: 'xiamen-tungsten',
    legalNameEn: 'Xiamen Tungsten Co., Ltd.',
    shortNames: ['XTC', '厦门钨业'],
    tickers: ['SSE:600549'],
    country: 'CN',
    role: 'tungsten, molybdenum and rare earth smelting and processing',
    sources: {
      legalNameEn: [
        'https://www.minmetals.com/english/News/202101/t20210108_278204.html',
        'https://www.morningstar.com/quotes/0P00007XBU',
      ],
      shortNames: [
        'https://www.minmetals.com/english/News/202101/t20210108_278204.html ("hereinafter referred to as XTC")',
        'http://content.etnet.com.hk/content/sywg/sc/business_review.php?code=3993+ (厦门钨业)',
      ],
      tickers: ['https://www.alphaspread.com/security/sse/600549/profitability/ratio/net-margin'],
      country: ['https://www.alphaspread.com/security/sse/600549/profitability/ratio/net-margin'],
      role: ['https://www.morningstar.com/quotes/0P00007XBU'],
    },
  },
  {
    key: 'fujian-golden-dragon',
    legalNameEn: 'Fujian Golden Dragon Rare-Earth Co., Ltd.',
    country: 'CN',
    parent: 'Xiamen Tungsten Co., Ltd. (holding company)',
    role: 'rare earth processing',
    sources: all(
      ['legalNameEn', 'country', 'parent', 'role'],
      [
        'https://sentiment-trading.com/articles/how-xiamen-tungstens-capital-boost--raremetal-expansion-drives-batterysector-gains',
      ],
    ),
  },
  {
    key: 'zijin-mining',
    legalNameEn: 'Zijin Mining Group Co., Ltd.',
    legalNameZhHant: '紫金礦業集團股份有限公司',
    formerNames: ['Shanghang Mineral Company'],
    shortNames: ['紫金矿业', 'Zijin Mining'],
    tickers: ['601899.SH', '2899.HK'],
    country: 'CN',
    parent: 'Shanghang Minxi Xinghang State-Owned Property Investment Company (largest shareholder)',
    role: 'gold, copper, zinc and lithium mining',
    sources: {
      legalNameEn: [
        'https://www.marketscreener.com/ZIJIN-MINING-GROUP-COMPAN-6171013/news/Zijin-Mining-Notice-of-the-Second-Extraordinary-General-Meeting-in-2019-29577397/',
      ],
      legalNameZhHant: [
        'https://www.marketscreener.com/ZIJIN-MINING-GROUP-COMPAN-6171013/news/Zijin-Mining-Notice-of-the-Second-Extraordinary-General-Meeting-in-2019-29577397/',
      ],
      formerNames: ['https://en.wikipedia.org/wiki/Zijin_Mining'],
      shortNames: ['https://en.wikipedia.org/wiki/Zijin_Mining'],
      tickers: ['https://www.itiger.com/hans/news/1142304940'],
      country: ['https://en.wikipedia.org/wiki/Zijin_Mining'],
      parent: ['https://en.wikipedia.org/wiki/Zijin_Mining'],
      role: ['https://en.wikipedia.org/wiki/Zijin_Mining'],
    },
  },
  {
    key: 'cmoc',
    legalNameEn: 'CMOC Group Limited',
    legalNameZh: '洛阳栾川钼业集团股份有限公司',
    formerNames: ['China Molybdenum Co., Ltd.', 'China Molybdenum Company Limited'],
    shortNames: ['CMOC', '洛阳钼业', '洛陽鉬業'],
    tickers: ['SSE:603993', 'HKEX:3993', 'OTC:CMCLF'],
    country: 'CN',
    parent: 'Cathay Fortune (largest shareholder)',
    role: 'copper, cobalt, molybdenum, tungsten, niobium mining',
    sources: {
      legalNameEn: ['https://ng.investing.com/equities/china-molybden'],
      legalNameZh: ['http://content.etnet.com.hk/content/sywg/sc/business_review.php?code=3993+'],
      formerNames: [
        'https://ng.investing.com/equities/china-molybden',
        'https://wikizero.org/wiki/en/China_Molybdenum',
      ],
      shortNames: ['https://wikizero.org/wiki/en/China_Molybdenum'],
      tickers: [
        'http://content.etnet.com.hk/content/sywg/sc/business_review.php?code=3993+',
        'https://www.alphaspread.com/security/sse/600549/profitability/ratio/net-margin (OTC:CMCLF)',
      ],
      country: ['https://ng.investing.com/equities/china-molybden'],
      parent: ['https://wikizero.org/wiki/en/China_Molybdenum'],
      role: ['https://ng.investing.com/equities/china-molybden'],
    },
  },
  {
    key: 'ganfeng-lithium',
    legalNameEn: 'Ganfeng Lithium Co., Ltd.',
    legalNameZh: '赣锋锂业股份有限公司',
    shortNames: ['赣锋锂业', '贛鋒鋰業'],
    tickers: ['SZSE:002460', 'SEHK:1772'],
    country: 'CN',
    role: 'lithium chemicals, metal and batteries',
    sources: all(
      ['legalNameEn', 'legalNameZh', 'shortNames', 'tickers', 'country', 'role'],
      ['https://wiki.riteme.site/wiki/Ganfeng_Lithium'],
    ),
  },
  {
    key: 'tianqi-lithium',
    legalNameEn: 'Tianqi Lithium Corporation',
    legalNameZh: '天齐锂业股份有限公司',
    formerNames: ['Sichuan Tianqi Lithium Industries, Inc.'],
    shortNames: ['天齐锂业', 'Tianqi Lithium'],
    tickers: ['SZSE:002466', 'HKEX:9696'],
    country: 'CN',
    role: 'lithium mining and chemicals',
    sources: {
      legalNameEn: ['https://handwiki.org/wiki/index.php?oldid=3475428&title=Company%3ATianqi_Lithium'],
      legalNameZh: ['http://epaper.zqrb.cn/html/2025-08/30/content_1178762.htm?div=-1'],
      formerNames: ['https://handwiki.org/wiki/index.php?oldid=3475428&title=Company%3ATianqi_Lithium'],
      shortNames: ['http://epaper.zqrb.cn/html/2025-08/30/content_1178762.htm?div=-1'],
      tickers: ['https://metalpilot.com/stock/tianqi-lithium-corp'],
      country: ['https://metalpilot.com/stock/tianqi-lithium-corp'],
      role: ['https://metalpilot.com/stock/tianqi-lithium-corp'],
    },
  },
  {
    key: 'china-tungsten-hightech',
    legalNameEn: 'China Tungsten and Hightech Materials Co., Ltd.',
    shortNames: ['中钨高新'],
    tickers: ['SZSE:000657'],
    country: 'CN',
    parent: 'China Minmetals Corporation',
    role: 'tungsten mining, carbide and tungsten products',
    sources: {
      legalNameEn: ['https://www.morningstar.com/stocks/xshe/000657/quote'],
      shortNames: ['https://reportify.ai/news/1181014816626708480'],
      tickers: ['https://stockanalysis.com/quote/she/000657/statistics'],
      country: ['https://stockanalysis.com/quote/she/000657/statistics'],
      parent: ['https://reportify.ai/reports/1106754685542469632'],
      role: ['https://www.morningstar.com/stocks/xshe/000657/quote'],
    },
  },
  {
    key: 'china-minmetals',
    legalNameEn: 'China Minmetals Corporation',
    country: 'CN',
    role: 'metals and minerals group (mining, trading); shareholder of China Rare Earth Group',
    sources: all(
      ['legalNameEn', 'country', 'role'],
      ['http://www.minmetals.com/english/News/202101/t20210108_278204.html', SHARED],
    ),
  },
  {
    key: 'chalco',
    legalNameEn: 'Aluminum Corporation of China Limited',
    legalNameZh: '中国铝业股份有限公司',
    shortNames: ['Chalco', '中国铝业'],
    tickers: ['SSE:601600', 'SEHK:2600'],
    country: 'CN',
    parent: 'Aluminum Corporation of China (Chinalco), about 35.78%',
    role: 'alumina and aluminium producer',
    sources: {
      legalNameEn: ['https://gzmsxj.com/t20201215_64811.html'],
      legalNameZh: ['https://lowcostdomainnames.domain.workers.dev/wiki/Aluminum_Corporation_of_China'],
      shortNames: ['https://gzmsxj.com/t20201215_64811.html', 'https://m.laikanxia.com/asia/china/view/12200.html'],
      tickers: ['https://en-academic.com/dic.nsf/enwiki/2629668'],
      country: ['https://gzmsxj.com/t20201215_64811.html'],
      parent: ['https://en.wikipedia.org/wiki/Aluminum_Corporation_of_China'],
      role: ['https://gzmsxj.com/t20201215_64811.html'],
    },
  },
  {
    key: 'chinalco',
    legalNameEn: 'Aluminum Corporation of China',
    legalNameZh: '中国铝业公司',
    shortNames: ['Chinalco'],
    country: 'CN',
    parent: 'SASAC (wholly owned)',
    role: 'state-owned holding company of the non-ferrous metals industry (parent of Chalco)',
    sources: all(
      ['legalNameEn', 'legalNameZh', 'shortNames', 'country', 'parent', 'role'],
      [
        'https://en.wikipedia.org/wiki/Aluminum_Corporation_of_China',
        'https://lowcostdomainnames.domain.workers.dev/wiki/Aluminum_Corporation_of_China',
      ],
    ),
  },
  {
    key: 'arafura',
    legalNameEn: 'Arafura Rare Earths Limited',
    formerNames: ['Arafura Resources Limited'],
    shortNames: ['Arafura'],
    tickers: ['ASX:ARU', 'OTC:ARAFF'],
    country: 'AU',
    role: 'rare earths developer (Nolans Project, Northern Territory)',
    sources: {
      legalNameEn: ['https://www.naif.gov.au/our-projects/arafura-nolans-bore-rare-earths-project'],
      formerNames: [
        'https://editionamerica.com/index.php/2020/07/31/arafura-resources-poised-to-progress-nolans-ndpr-project-development/',
        'https://gateway.icn.org.au/project/3697/nolans-project',
      ],
      shortNames: ['https://www.naif.gov.au/our-projects/arafura-nolans-bore-rare-earths-project'],
      tickers: ['https://investingnews.com/arafura-nolans-export-finance-australia/'],
      country: ['https://www.naif.gov.au/our-projects/arafura-nolans-bore-rare-earths-project'],
      role: ['https://www.arultd.com/projects/nolans/'],
    },
  },
  {
    key: 'sumitomo-metal-mining',
    legalNameEn: 'Sumitomo Metal Mining Co., Ltd.',
    legalNameJa: '住友金属鉱山株式会社',
    formerNames: ['Besshi Mining Co., Ltd.'],
    shortNames: ['住友金属鉱山', 'SMM'],
    tickers: ['TYO:5713'],
    country: 'JP',
    role: 'non-ferrous smelting (copper, nickel, gold), battery and electronic materials',
    sources: {
      legalNameEn: ['https://www.smm.co.jp/en/corp_info/story/history/'],
      legalNameJa: ['https://paperzz.com/doc/5752760/ (事業概況 - 住友金属鉱山株式会社)'],
      formerNames: ['https://www.smm.co.jp/en/corp_info/story/history/'],
      shortNames: [
        'https://strainer.jp/companies/1626/history',
        'http://www.referenceforbusiness.com/history2/93/SUMITOMO-METAL-MINING-CO-LTD.html',
      ],
      tickers: ['https://strainer.jp/companies/1626/history'],
      country: ['https://www.smm.co.jp/en/corp_info/story/history/'],
      role: ['http://www.referenceforbusiness.com/history2/93/SUMITOMO-METAL-MINING-CO-LTD.html'],
    },
  },
  {
    key: 'energy-fuels',
    legalNameEn: 'Energy Fuels Inc.',
    tickers: ['NYSEAMERICAN:UUUU', 'TSX:EFR'],
    country: 'US',
    role: 'uranium, vanadium and rare earth processing (White Mesa Mill, Utah)',
    sources: all(
      ['legalNameEn', 'tickers', 'country', 'role'],
      [
        'https://investorshangout.com/post/view?id=5768266',
        'https://investorintel.com/tag/chemours/?print=print-search',
      ],
    ),
  },
];

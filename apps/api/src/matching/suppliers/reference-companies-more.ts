/**
 * Public reference companies, second part (see reference-companies.ts for the first 40 and reference-types.ts for the
 * shape): producers, processors, magnet makers and traders of rare earths, gallium, germanium, graphite, antimony,
 * tungsten, indium, bismuth and tellurium, read from the public pages cited (2026-12-04). Facts only: every field
 * carries the page(s) it was read from. Where a page writes a company's name informally (no legal form, or a form that
 * may not be the registered one) or a fact is inferred from another fact (a country from an ISIN prefix or a listing),
 * the field is named in `unverified`: the value is kept, because it is how announcements write the company, but it is
 * not claimed to be the registered form. Chinese legal names are given only where a page printed them.
 */
import type { ReferenceCompany } from './reference-types.js';

type Facts = Omit<ReferenceCompany, 'sources'>;

/**
 * One company: `sources` apply to every field set; `per` overrides the sources of single fields.
 * @param facts the company's fields (a field not seen on a source is left out)
 * @param sources public pages that state the facts
 * @param per per-field sources where a field came from another page
 */
const co = (facts: Facts, sources: string[], per: ReferenceCompany['sources'] = {}): ReferenceCompany => {
  const out: ReferenceCompany['sources'] = {};
  for (const field of Object.keys(facts) as (keyof Facts)[]) {
    if (field === 'key' || field === 'unverified') continue;
    out[field as keyof ReferenceCompany['sources']] = per[field as keyof ReferenceCompany['sources']] ?? sources;
  }
  return { ...facts, sources: out };
};

const YICAI_GA_GE =
  'https://yicaiglobal.com/news/20230704-02-chinese-gallium-germanium-giants-soar-as-china-says-to-control-export-of-key-semiconductor-materials';
const REUTERS_GE_FACTBOX =
  'https://ch.marketscreener.com/kurs/index/S-P-GSCI-ALUMINUM-INDEX-46869176/news/Chinas-wichtigste-Germanium-und-Galliumproduzenten-44289013/';
const MATERIALSTODAY_W = 'https://www.materialstoday.com/metal-industry/news/overview-of-chinese-tungsten-market/';
const MINING_W = 'https://mining.com/?p=371011';
const XINHUA_SOUTHERN_RE = 'http://bayanihan.org/2015/04/17/major-rare-earth-group-founded-in-central-china/';
const CSI_RE_INDEX_1 = 'https://www.newtimespace.com/en/etf/1369747.html';
const CSI_RE_INDEX_2 = 'https://www.newtimespace.com/en/etf/1373566.html';
const BAOTOU_EXCHANGE = 'https://gmteight.com/content/detail/349886';
const INVESTORINTEL_GRAPHITE =
  'https://investorintel.com/critical-minerals-rare-earths/the-top-5-graphite-miners-to-watch-in-2022-as-battery-materials-prices-rise/';
const ASX_RE_2023 = 'http://realestatedatamining.com/index-1683.html';
const TDK_JV = 'https://blog.supramagnets.com/tag/china-rare-earth/';
const TDK_JV_2 =
  'http://institut-seltene-erden.org/en/tdk-overcomes-resistance-and-Grundet-Japanese-Chinese-rare-earth-magnet-company/';
const GUANGXI_YUSHENG = 'https://wap.asianmetal.com/interview/2025/interview_junwuEn.shtml';
const TWINKLING_STAR =
  'https://www.asianmetal.com/Executive-Interviews/Antimony-products-market-promising-Interview-with-Jiasheng-Li-General-Manager-Hsikwangshan-Twinkling-Star-Co.shtml';
const TWINKLING_STAR_OWNER =
  'https://investorintel.com/sectors/technology-metals/technology-metals-intel/twinkle-twinkle-never/';
const FIVEN_DOD = 'https://www.mining.com/web/pentagon-strikes-deal-with-canadas-5n-plus';
const FIVEN_TE =
  'https://6ix.com/company/5n-plus-inc/news/5n-plus-partners-with-rio-tinto-for-domestic-supply-of-critical-mineral-tellurium';
const UMICORE_WIKI = 'https://www.knowpia.com/knowpedia/Umicore';
const KOREA_ZINC_PR =
  'https://ca.advfn.com/stock-market/stock-news/95379918/korea-zinc-secures-critical-metals-supply-chain-amid-global-export-controls';
const AXT_8K = 'http://archive.fast-edgar.com/20250611/A8ZZN22CZM22N2Z2222H22ZZT8MAZ6Y86A72';
const AXT_PERMITS =
  'https://stocktitan.net/news/AXTI/tongmei-receives-initial-export-permits-from-china-s-central-rxmtyicm06gr.html';
const TONGMEI_ZH = 'https://m.laoyaoba.com/n/878324';
const PERPETUA =
  'https://news.canadianminingreport.com/news/testing-partnership-aims-to-boost-u-s-antimony-supply-chain';
const PERPETUA_RENAME = 'https://mining.com/web/midas-gold-gets-nasdaq-listing-and-new-name-in-nod-to-idaho';
const USGS_SB_2016 = 'https://docslib.org/doc/3487244/antimony-2016';

const GRAPHITE_CVD =
  'https://news.metal.com/newscontent/103340250/The-US-Takes-Action-Against-Chinas-Battery-Materials-Again-A-Quick-Look-at-the-Overseas-Layout-of-Top-tier-Enterprises';
const BTR_HLJ = 'https://www.energytrend.com/news/20221005-30004.html';
const BTR_SHANSHAN = 'https://juxingtansu.com/q_856.html';
const SHANSHAN_CO = 'https://www.redplanx.com/html/news/1794549.html';
const YICAI_GRAPHITE = 'https://yicaiglobal.com/news/china-adjusts-export-restrictions-for-graphite';
const ASX_GRAPHITE = 'https://themarketonline.com.au/?p=664578';
const IG6 = 'https://investingnews.com/45m-government-grant-secures-construction-start-for-collie-micronising-facility';
const WESTWATER = 'https://investorintel.com/tag/graphite-companies/?print=print-search';
const NOVONIX =
  'https://newsbite.mooo.com/www.theaustralian.com.au/business/stockhead/news/high-voltage-novonix-accuses-chinas-cheap-graphite-of-blocking-us-domestic-producers/news-story/d115a6df156daf8ac9362f0e709175c4';
const GRAPHITE_ONE = 'https://seekingalpha.com/article/4215247-graphite-miners-news-month-october-2018';
const RAINBOW = 'https://d3ur5s4dyg6skx.cloudfront.net/rns/news/34632212';
const RAINBOW_2021 =
  'https://www.stockopedia.com/share-prices/rainbow-rare-earths-LON:RBW/news/reg-rainbow-rare-earths-preliminary-results-for-year-ended-30-june-2021-urn:newsml:reuters.com:20211028:nRSb4913Qa/';
const PENSANA = 'https://www.thetimes.co.uk/article/london-float-for-miner-with-angola-on-its-mind-wjc0c0rk2';
const MKANGO =
  'https://sharecast.com/news/new-issues/mkango-mining-plots-london-listing-to-speed-rare-earth-exploration--951273.html';
const METEORIC = 'https://stockpick.market/2023/05/22/guess-which-asx-rare-earths-share-has-exploded-1300-in-a-year/';
const ASX_RE_SMALLCAPS = 'http://en.sh-re.com/news_view.aspx?Fid=t2%3A28%3A2&Id=1258&TypeId=28';
const DAIDO_BLOOMBERG =
  'http://www.bloomberg.com/news/articles/2010-12-07/daido-to-triple-china-rare-earth-magnet-output-to-take-on-rivals';
const DAIDO_INTERVIEW = 'https://www.theworldfolio.com/interviews/heavyrareearthfree-m/5149/';
const DAIDO_JA =
  'https://sub-asate.ssl-lolipop.jp/wiki/index.php?title=%E5%A4%A7%E5%90%8C%E7%89%B9%E6%AE%8A%E9%8B%BC&oldid=61724';
const TDK_JA = 'https://word.onionslice.net/tdk';
const JP_RE_STOCKS = 'https://www.research.think-front.com/p/japan-rare-earth-related-stocks-in';
const TDK_6762 =
  'https://tradevae.com/news/stock-markets/tdk-faces-supply-headwinds-after-china-curbs-on-rare-earth-exports-seeks-procurement-alternatives';
const GANZHOU_FORTUNE = 'http://www.china.org.cn/business/2019-08/07/content_75074907_2.htm';
const CREH =
  'https://realmoney.thestreet.com/investing/stocks/rare-earth-stocks-strike-gold-as-china-mulls-cutting-off-us-supply-14974554';
const ALMONTY =
  'https://news.financial/comments/problems-at-masan-high-tech-materials-low-grades-at-xiamen-tungsten-how-almonty-is-becoming-a-strategic-lifeline-for-boeing-rheinmetall-co';
const ALMONTY_2 = 'https://fintechnews.site/tungsten-export-ban-raises-concerns-over-supply-chain';
const ZHANGYUAN = 'https://www.gateex.cc/post/status/19189476';
const JIANGXI_W_2020 = 'http://en.sh-re.com/news_view.aspx?fid=t2%3A28%3A2&id=948&typeid=28';
const CHINA_RE_MERGER = 'https://asiatimes.com/tag/near-monopoly/';
const CREG_SHAREHOLDERS = 'https://www.cmgroup.net/news/china-re-group-established/';
const GUANGSHENG_MAGNET = 'https://www.atechmagnet.com/china-guangsheng-plans-to-build-a-ndfeb-magnet-pla.html';
const CRML =
  'https://2024.minexeurope.com/2024/06/12/critical-metals-corp-acquires-controlling-interest-in-worlds-largest-rare-earth-deposit';
const ETM = 'https://iiab.me/kiwix/content/wikipedia_en_all_maxi_2023-10/A/Greenland_Minerals';
const RER =
  'https://www.rareelementresources.com/investor-information/overview/2023/11/16/rare-element-resources-announces-receipt-of-final-nepa-approval-for-rare-earth-processing-and-separation-demonstration-plant';
const ARR = 'https://investingnews.com/arr-trading-halt';
const ACLARA = 'https://investingnews.com/pearl-gull-to-farm-in-to-potential-ionic-clay-rare-earth-project';
const WEST_RE = 'https://www.kitco.com/news/off-the-wire/2024-06-17/western-rare-earths-supply-chain-springs-gear';
const SOLVAY_DEALS = 'https://rawmaterials.net/samarium-dysprosium-and-more-solvay-secures-supply-deals-in-the-u-s';
const SOLVAY_CYCLIC = 'https://cen.acs.org/environment/recycling/Solvay-separate-rare-earths-recycled/102/i19';
const TOKIOX =
  'http://tokiox.com/wp/%e4%b8%ad%e5%9b%bd%e3%80%81ev%e3%83%90%e3%83%83%e3%83%86%e3%83%aa%e3%83%bc%e9%9c%80%e8%a6%81%e3%81%a7%e9%bb%92%e9%89%9b%e3%83%bb%e3%83%a1%e3%82%ac%e3%83%95%e3%82%a1%e3%82%af%e3%83%88%e3%83%aa%e3%83%bc/?lang=en';
const ZHAZIXI = 'https://mugglehead.com/?p=1426962';

const NORTHERN_RE_SUBS = 'https://newsflash.city/2402/2473855de9228aa1.html';
const NORTHERN_JINLONG =
  'https://rareearthexchanges.com/news/northern-gold-dragons-greenlight-baotou-expands-its-grip-on-rare-earth-separation';
const NORTHERN_JINLONG_SMM =
  'https://news.metal.com/newscontent/103123160/China-Northern-Rare-Earth-Plans-to-Invest-153-Million-to-Establish-a-Joint-Venture-with-Jinlong-Rare-Earth-to-Build-a-5000-mt-Rare-Earth-Oxide-Separation-Production-Line-Project';
const BAOTOU_2023 = 'http://en.people.cn/n3/2023/0215/c90000-10207706.html';
const CREG_RENAME = 'https://bootstrapperguild.com/group-sets-eyes-on-nations-rare-earth-industry/';
const JDC_MOLY = 'https://menfem.com/companies/jinduicheng-molybdenum';
const MOLY_BLOOMBERG =
  'http://www.bloomberg.com/news/articles/2010-11-01/china-molybdenum-s-shares-advance-on-report-mining-of-metal-to-be-limited';
const GALLIUM_PRODUCERS = 'https://investingallium.com/gallium-major-producers';
const JIYA = 'https://www.asianmetal.com/metal_cron/2021/index_lunshi_fengchen_en.shtml';
const DMEGC = 'https://longbridge.com/en/quote/002056.SZ/llms.txt';
const INNUOVO =
  'https://news.metal.com/newscontent/103400395/Innuovo:-The-wholly-owned-grand-subsidiary-company-plans-to-invest-424-million-to-construct-an-expansion-project-for-the-annual-production-of-5000-mt-of-sintered-NdFeB-blanks';
const SOJITZ_JARE = 'https://www.sojitz.com/en/news/2022/09/20220920.php';
const SOJITZ_TICKER = 'https://www.tradingkey.com/news/commodities/251250616-reuters';
const GTP = 'https://cuttingtools.ceratizit.com/in/en/services/sustainability/well-catered-for-even-in-the-future.html';
const PLANSEE_W = 'https://plansee-group.com/en/articles/detail/tungsten-supply';
const PLANSEE_DRAKELANDS = 'https://www.plansee.com/de/news-archiv/News/detail/neue-wolfram-quelle.html';
const TIKOMET = 'https://www.oe24.at/businesslive/plansee-uebernimmt-recycler-tikomet/192542259';

const IREL = 'https://en.wikipedia.org/wiki/IREL_(India)';
const IREL_MAGNETS =
  'https://rareearthexchanges.com/news/indias-irel-launches-rare-earth-magnet-production-amid-strategic-pivot-from-china';
const TALCO_GOLD = 'https://mining.com/web/chinese-venture-to-start-mining-battery-metal-antimony-in-tajikistan';
const TALCO_ARGUS = 'https://thestlouisgroup.com/china-launches-antimony-gold-project/';
const ELECTRODES =
  'https://www.einpresswire.com/article/507708676/the-asia-pacific-region-dominated-the-market-share-in-2018';
const GRAPHITE_INDIA_HEG =
  'http://www.livemint.com/Money/525sRDfxFfhKAM2GrFtwyL/These-top-Indian-stocks-seen-extending-rally-after-400-surg.html';
const METLEN = 'https://thetimes.gr/greece-set-to-cover-europes-needs-for-rare-earth-metal-gallium/';
const METLEN_2 = 'https://mining.com/web/greek-metlen-expands-alumina-output-to-extract-critical-mineral-gallium';
const NYRSTAR_GA = 'https://mmta.co.uk/gallium-production-is-coming-back-to-europe-after-chinas-export-controls/';
const RIO_GA = 'https://ogvenergy.au/tag/indium-corporation/';
const ALCOA_GA = 'https://www.japanmetaldaily.com/articles/-/247904';
const VAC_FACTBOX = 'https://finoracle.net/?p=47753';

export const MORE_REFERENCE_COMPANIES: readonly ReferenceCompany[] = [
  // ---- germanium, gallium, indium, bismuth, tellurium ----
  co(
    {
      key: 'yunnan-chihong',
      legalNameEn: 'Yunnan Chihong Zinc & Germanium Co., Ltd.',
      shortNames: ['驰宏锌锗', 'Chihong Zinc', 'Yunnan Chihong'],
      tickers: ['600497.SS'],
      country: 'CN',
      parent: 'Aluminum Corporation of China (Chinalco) (subsidiary of)',
      role: 'zinc, lead and primary germanium producer (Yunnan)',
    },
    ['https://dcfmodeling.com/products/600497ss-bcg-matrix'],
    {
      shortNames: ['https://reportify.ai/companies/SH:600497/documents?page=12', REUTERS_GE_FACTBOX],
      parent: [REUTERS_GE_FACTBOX],
      role: [REUTERS_GE_FACTBOX, YICAI_GA_GE],
    },
  ),
  co(
    {
      key: 'guangxi-yusheng-germanium',
      legalNameEn: 'Guangxi Yusheng Germanium Hi-Tech Co., Ltd.',
      shortNames: ['Yusheng Germanium'],
      country: 'CN',
      role: 'zinc, lead and antimony ingots, high-purity germanium dioxide and zone-refined germanium (Hechi, Guangxi)',
    },
    [GUANGXI_YUSHENG],
  ),
  co(
    {
      key: 'zhongjin-lingnan',
      legalNameEn: 'Zhongjin Lingnan Nonfemet Company Limited',
      legalNameZh: '中金岭南有色金属股份有限公司',
      shortNames: ['Zhongjin Lingnan'],
      tickers: ['SZSE:000060'],
      country: 'CN',
      parent: 'Guangdong Rising Assets Management (about 36 %)',
      role: 'zinc and lead mining, smelting and trading, by-products incl. indium (Shenzhen)',
    },
    ['https://en.kevinzhw153.workers.dev/wiki/Zhongjin_Lingnan'],
  ),
  co(
    {
      key: 'umicore',
      legalNameEn: 'Umicore SA',
      formerNames: ['Union Minière'],
      shortNames: ['Umicore N.V.', 'Umicore'],
      tickers: ['EBR:UMI'],
      country: 'BE',
      role: 'materials technology: precious-metal refining and recycling, cobalt, germanium and zinc products; trimethylgallium (Hanau)',
    },
    [UMICORE_WIKI, 'https://hessslslslsls.azureedge.net/wiki/Umicore'],
    {
      role: [UMICORE_WIKI, 'https://www.usinenouvelle.com/article/umicore-renforce-en-tmg-en-allemagne.N1253427'],
    },
  ),
  co(
    {
      key: '5n-plus',
      legalNameEn: '5N Plus Inc.',
      shortNames: ['5N Plus'],
      tickers: ['TSX:VNP'],
      country: 'CA',
      role: 'specialty semiconductors: germanium refining and wafers (St. George, Utah), tellurium and bismuth, gallium chemicals (Montreal)',
    },
    [FIVEN_TE, FIVEN_DOD],
    { role: [FIVEN_DOD, FIVEN_TE, 'https://www.wirenewsfax.com/letko-brosseau-increases-its-investment-in-5n-plus'] },
  ),
  co(
    {
      key: 'korea-zinc',
      legalNameEn: 'Korea Zinc',
      tickers: ['KRX:010130'],
      country: 'KR',
      role: 'zinc and lead smelter (Onsan); indium, bismuth, tellurium, antimony; germanium supply to the US',
      unverified: ['legalNameEn'],
    },
    [KOREA_ZINC_PR],
    {
      role: [
        KOREA_ZINC_PR,
        'https://biz.chosun.com/en/en-industry/2025/12/01/6VIIHIGTEVGGNB7DHIJFCQ36CI/?outputType=amp',
        'https://guru.today/korea-zinc-aims-to-bolster-u-s-critical-mineral-supply-chain',
      ],
    },
  ),
  co(
    {
      key: 'axt',
      legalNameEn: 'AXT, Inc.',
      shortNames: ['AXT'],
      tickers: ['NASDAQ:AXTI'],
      country: 'US',
      role: 'gallium arsenide, indium phosphide and germanium substrates (made in China by its subsidiary Tongmei)',
    },
    [AXT_8K, AXT_PERMITS],
  ),
  co(
    {
      key: 'beijing-tongmei',
      legalNameEn: 'Beijing Tongmei Xtal Technology Co., Ltd.',
      legalNameZh: '北京通美晶体技术股份有限公司',
      shortNames: ['Tongmei'],
      country: 'CN',
      parent: 'AXT, Inc. (subsidiary of)',
      role: 'gallium arsenide and germanium substrates; export permits from MOFCOM (2023)',
    },
    [AXT_PERMITS],
    { legalNameZh: [TONGMEI_ZH] },
  ),
  co(
    {
      key: 'teck',
      legalNameEn: 'Teck Resources Ltd.',
      country: 'CA',
      role: 'germanium source of 5N Plus (Canada)',
    },
    [FIVEN_DOD],
  ),
  co(
    {
      key: 'nyrstar',
      legalNameEn: 'Nyrstar NV',
      shortNames: ['Nyrstar'],
      parent: 'Trafigura (owner)',
      role: 'germanium source of 5N Plus (Europe); proposed gallium production',
    },
    [FIVEN_DOD],
    { parent: [NYRSTAR_GA], role: [FIVEN_DOD, NYRSTAR_GA] },
  ),
  // ---- antimony ----
  co(
    {
      key: 'hsikwangshan-twinkling-star',
      legalNameEn: 'Hsikwangshan Twinkling Star Co., Ltd.',
      shortNames: ['Twinkling Star'],
      country: 'CN',
      parent: 'Hunan Non-Ferrous (HNC) (owner, as reported in 2015)',
      role: 'antimony mining, dressing, smelting (Xikuangshan, Lengshuijiang, Hunan); antimony ingot and products',
    },
    [TWINKLING_STAR],
    { shortNames: [TWINKLING_STAR_OWNER], parent: [TWINKLING_STAR_OWNER] },
  ),
  co(
    {
      key: 'hunan-gold',
      legalNameEn: 'Hunan Gold Corp Ltd',
      tickers: ['SZSE:002155'],
      country: 'CN',
      role: 'gold and antimony; parent of the antimony smelter Hunan Anhua Zhazixi Mining',
      unverified: ['legalNameEn'],
    },
    ['https://mugglehead.com/?p=1426962'],
  ),
  co(
    {
      key: 'us-antimony',
      legalNameEn: 'United States Antimony Corporation',
      shortNames: ['USAC', 'US Antimony', 'U.S. Antimony Corp.'],
      country: 'US',
      role: 'antimony smelter (Thompson Falls, Montana; Madero, Mexico): antimony metal, oxide, sodium antimonate',
    },
    [PERPETUA],
    { shortNames: [PERPETUA, USGS_SB_2016, 'https://mining.com/?p=1062416'], role: [USGS_SB_2016] },
  ),
  co(
    {
      key: 'perpetua',
      legalNameEn: 'Perpetua Resources Corp.',
      formerNames: ['Midas Gold Corp.'],
      tickers: ['NASDAQ:PPTA', 'TSX:PPTA'],
      country: 'US',
      role: 'antimony and gold developer (Stibnite Gold Project, Idaho)',
    },
    [PERPETUA, PERPETUA_RENAME],
  ),
  co(
    {
      key: 'hunan-anhua-zhazixi',
      legalNameEn: 'Hunan Anhua Zhazixi Mining Co., Ltd.',
      country: 'CN',
      parent: 'Hunan Gold Corp Ltd (subsidiary of)',
      role: 'antimony smelter (about 500 t a year; suspended July 2025)',
    },
    [ZHAZIXI],
  ),
  // ---- graphite ----
  co(
    {
      key: 'btr',
      legalNameEn: 'BTR New Energy Materials',
      shortNames: ['BTR', 'BTR New Energy'],
      country: 'CN',
      role: 'lithium-ion battery anode materials: artificial, flake and natural graphite',
      unverified: ['legalNameEn'],
    },
    [TOKIOX],
    { shortNames: [BTR_HLJ, BTR_SHANSHAN], role: [BTR_HLJ, BTR_SHANSHAN] },
  ),
  co(
    {
      key: 'ruitong-heilongjiang',
      legalNameEn: 'Ruitong New Material Technology (Heilongjiang)',
      formerNames: ['Huarun Mining'],
      country: 'CN',
      parent: 'BTR (60 %) and a subsidiary of Heilongjiang Communications Investment Group (40 %)',
      role: 'flake and natural graphite anode materials project (Luobei County, Heilongjiang)',
      unverified: ['legalNameEn'],
    },
    [BTR_HLJ],
  ),
  co(
    {
      key: 'shanshan',
      legalNameEn: 'Shanshan Co., Ltd.',
      shortNames: ['Shanshan Corporation', 'Shanshan Technology'],
      country: 'CN',
      role: 'lithium-ion battery graphite anode materials',
      unverified: ['legalNameEn'],
    },
    [SHANSHAN_CO],
    { shortNames: [BTR_SHANSHAN, TOKIOX], role: [BTR_SHANSHAN] },
  ),
  co(
    {
      key: 'huzhou-kaijin',
      legalNameEn: 'Huzhou Kaijin New Energy Technology Corp., Ltd.',
      country: 'CN',
      role: 'active anode material (graphite) producer and exporter, named in the US countervailing-duty case (2025)',
    },
    [GRAPHITE_CVD],
  ),
  co(
    {
      key: 'shenzhen-xfh',
      legalNameEn: 'Shenzhen XFH Technology',
      tickers: ['SZSE:300890'],
      country: 'CN',
      role: 'graphite (named among the graphite stocks moved by the 2023 graphite export controls)',
      unverified: ['legalNameEn'],
    },
    [YICAI_GRAPHITE],
  ),
  co(
    {
      key: 'syrah',
      legalNameEn: 'Syrah Resources Limited',
      shortNames: ['Syrah'],
      tickers: ['ASX:SYR', 'OTC:SYAAF'],
      role: 'graphite producer (Balama, Mozambique); anode material',
    },
    [ASX_GRAPHITE],
    { tickers: [ASX_GRAPHITE, 'https://comparemela.com/ampnews/syrah-resources-limited/14'] },
  ),
  co(
    {
      key: 'international-graphite',
      legalNameEn: 'International Graphite Limited',
      tickers: ['ASX:IG6'],
      country: 'AU',
      role: 'graphite micronising plant (Collie, Western Australia); Springdale graphite mine to anode material',
    },
    [IG6],
  ),
  co(
    {
      key: 'leading-edge-materials',
      legalNameEn: 'Leading Edge Materials Corp.',
      shortNames: ['Leading Edge'],
      tickers: ['TSXV:LEM', 'OTCQB:LEMIF'],
      country: 'CA',
      role: 'graphite: Woxna mine and processing plant (Sweden); anode material plans',
    },
    [INVESTORINTEL_GRAPHITE],
  ),
  co({ key: 'talga', legalNameEn: 'Talga Group Ltd.', role: 'graphite miner (named among graphite miners, 2022)' }, [
    INVESTORINTEL_GRAPHITE,
  ]),
  co(
    {
      key: 'nextsource',
      legalNameEn: 'NextSource Materials Inc.',
      role: 'graphite miner (named among graphite miners, 2022)',
    },
    [INVESTORINTEL_GRAPHITE],
  ),
  co(
    {
      key: 'triton-minerals',
      legalNameEn: 'Triton Minerals Limited',
      role: 'graphite miner (named among graphite miners, 2022)',
    },
    [INVESTORINTEL_GRAPHITE],
  ),
  co(
    {
      key: 'westwater',
      legalNameEn: 'Westwater Resources, Inc.',
      tickers: ['NYSE American:WWR'],
      country: 'US',
      role: 'graphite miner and natural graphite anode producer (Coosa, Alabama; Colorado head office)',
    },
    [WESTWATER],
  ),
  co(
    {
      key: 'novonix',
      legalNameEn: 'NOVONIX Limited',
      shortNames: ['Novonix'],
      tickers: ['ASX:NVX'],
      country: 'AU',
      role: 'synthetic graphite anode material (Riverside facility, Chattanooga, Tennessee)',
      unverified: ['legalNameEn'],
    },
    [NOVONIX],
    {
      legalNameEn: [
        'https://hotcopper.co.nz/threads/nvx-to-become-1st-graphite-manufacture-in-usa-for-north-american-market-q1-2019.4531870 ("novonix limited")',
      ],
      country: ['https://www.bocvip.com/?p=1055298'],
    },
  ),
  co(
    {
      key: 'graphite-one',
      legalNameEn: 'Graphite One Resources Inc.',
      country: 'CA',
      role: 'graphite developer (Graphite Creek, Alaska; Vancouver-based)',
    },
    [GRAPHITE_ONE],
  ),
  co(
    {
      key: 'nouveau-monde',
      legalNameEn: 'Nouveau Monde',
      role: 'graphite processing (spherical graphite plant, North America)',
      unverified: ['legalNameEn'],
    },
    ['https://www.mining.com/markets/commodity/tin-3m-futures/page/3841'],
  ),
  // ---- rare earths outside China ----
  co(
    {
      key: 'rainbow-rare-earths',
      legalNameEn: 'Rainbow Rare Earths Limited',
      shortNames: ['Rainbow'],
      tickers: ['LSE:RBW'],
      role: 'rare earths from phosphogypsum (Phalaborwa, South Africa; Uberaba, Brazil); mixed carbonate and NdPr oxide',
    },
    [RAINBOW, RAINBOW_2021],
  ),
  co(
    {
      key: 'pensana',
      legalNameEn: 'Pensana Metals',
      shortNames: ['Pensana'],
      role: 'neodymium-praseodymium project (Longonjo, Angola); ASX-traded, London listing 2020',
      unverified: ['legalNameEn'],
    },
    [PENSANA],
  ),
  co(
    {
      key: 'mkango',
      legalNameEn: 'Mkango Resources',
      country: 'CA',
      role: 'rare earth explorer (Songwe Hill, Malawi); Toronto-listed, Calgary-based, AIM listing',
      unverified: ['legalNameEn'],
    },
    [MKANGO],
  ),
  co(
    {
      key: 'meteoric',
      legalNameEn: 'Meteoric Resources NL',
      shortNames: ['Meteoric'],
      tickers: ['ASX:MEI'],
      role: 'ionic clay rare earth project (Caldeira, Brazil)',
    },
    [METEORIC],
  ),
  co(
    {
      key: 'hastings',
      legalNameEn: 'Hastings Technology Metals',
      tickers: ['ASX:HAS'],
      role: 'rare earths developer (Yangibana project, Western Australia)',
      unverified: ['legalNameEn'],
    },
    [ASX_RE_SMALLCAPS, 'https://crafmin.com/asx-rare-earths-secure-global-supply-chains'],
  ),
  co(
    {
      key: 'larvotto',
      legalNameEn: 'Larvotto Resources',
      role: 'named among emerging ASX-listed rare earths companies (2023)',
      unverified: ['legalNameEn'],
    },
    [ASX_RE_2023],
  ),
  co(
    {
      key: 'eastern-metals',
      legalNameEn: 'Eastern Metals',
      role: 'named among emerging ASX-listed rare earths companies (2023)',
      unverified: ['legalNameEn'],
    },
    [ASX_RE_2023],
  ),
  co(
    {
      key: 'critical-metals',
      legalNameEn: 'Critical Metals Corp.',
      tickers: ['NASDAQ:CRML'],
      role: 'Tanbreez rare earth project (Greenland, controlling interest); Wolfsberg lithium (Austria)',
    },
    [CRML, 'https://www.bestmag.co.uk/critical-metals-corp-to-acquire-controlling-interest-in-greenland-mine/'],
  ),
  co(
    {
      key: 'energy-transition-minerals',
      legalNameEn: 'Energy Transition Minerals Ltd',
      formerNames: ['Greenland Minerals Limited'],
      tickers: ['ASX:ETM'],
      country: 'AU',
      role: 'rare earth exploration (Kvanefjeld, Greenland; Villasrubias, Spain); Perth head office',
    },
    [ETM, 'https://en.m.wikipedia.org/wiki/Greenland_Minerals_and_Energy'],
  ),
  co(
    {
      key: 'rare-element-resources',
      legalNameEn: 'Rare Element Resources Ltd.',
      shortNames: ['RER'],
      tickers: ['OTCQB:REEMF'],
      country: 'US',
      role: 'rare earths: Bear Lodge project (Wyoming), processing and separation demonstration plant (Upton)',
    },
    [RER, 'https://www.stocktitan.net/overview/REEMF'],
  ),
  co(
    {
      key: 'american-rare-earths',
      legalNameEn: 'American Rare Earths Limited',
      tickers: ['ASX:ARR', 'OTCQX:ARRNF'],
      role: 'rare earth exploration (Halleck Creek, Wyoming)',
    },
    [ARR],
  ),
  co(
    {
      key: 'aclara',
      legalNameEn: 'Aclara Resources Inc',
      tickers: ['TSX:ARA'],
      role: 'ionic clay heavy rare earths project (Penco, Chile)',
    },
    [ACLARA],
  ),
  co(
    {
      key: 'solvay',
      legalNameEn: 'Solvay',
      country: 'BE',
      role: 'rare earth processing and separation (La Rochelle, France); samarium and oxides for magnet makers',
      unverified: ['legalNameEn'],
    },
    [WEST_RE, SOLVAY_DEALS],
  ),
  co(
    {
      key: 'carester',
      legalNameEn: 'Carester',
      country: 'FR',
      role: 'magnet recycling and heavy rare earth separation (France, from 2026)',
      unverified: ['legalNameEn'],
    },
    [WEST_RE],
  ),
  co(
    {
      key: 'cyclic-materials',
      legalNameEn: 'Cyclic Materials',
      country: 'CA',
      role: 'rare earth magnet recycling (Ontario); recycled mixed rare earth oxides',
      unverified: ['legalNameEn'],
    },
    [WEST_RE, SOLVAY_CYCLIC],
  ),
  co(
    {
      key: 'vac',
      legalNameEn: 'Vacuumschmelze',
      shortNames: ['VAC'],
      country: 'DE',
      role: 'rare earth permanent magnet maker; NdFeB magnet plant in South Carolina (US funding of $111.6 million)',
      unverified: ['legalNameEn'],
    },
    [WEST_RE],
    { shortNames: [VAC_FACTBOX], role: [WEST_RE, VAC_FACTBOX] },
  ),
  co(
    {
      key: 'less-common-metals',
      legalNameEn: 'Less Common Metals',
      country: 'GB',
      role: 'rare earth metals and alloys (metallisation); USA Rare Earth announced plans to acquire it',
      unverified: ['legalNameEn'],
    },
    [SOLVAY_DEALS],
  ),
  co(
    {
      key: 'permag',
      legalNameEn: 'Permag',
      country: 'US',
      role: 'samarium-cobalt magnet maker (North America)',
      unverified: ['legalNameEn'],
    },
    [SOLVAY_DEALS],
  ),
  co(
    {
      key: 'noveon',
      legalNameEn: 'Noveon Magnetics',
      country: 'US',
      role: 'rare earth magnet maker (Texas)',
      unverified: ['legalNameEn'],
    },
    [SOLVAY_DEALS],
  ),
  // ---- magnet makers in Japan and China ----
  co(
    {
      key: 'daido-electronics',
      legalNameEn: 'Daido Electronics Co., Ltd.',
      shortNames: ['ダイドー電子'],
      country: 'JP',
      parent: 'Daido Steel Co. (unit of)',
      role: 'rare earth (neodymium) magnet maker, hot-deformed magnets; plants in Japan and China (Nakatsugawa)',
    },
    [DAIDO_INTERVIEW, DAIDO_BLOOMBERG],
    { shortNames: [DAIDO_JA] },
  ),
  co(
    {
      key: 'daido-steel',
      legalNameEn: 'Daido Steel Co., Ltd.',
      legalNameJa: '大同特殊鋼株式会社',
      formerNames: ['大同製鋼株式会社', '新大同製鋼株式会社'],
      shortNames: ['Daido Steel Co.', 'Daido Steel'],
      tickers: ['TYO:5471'],
      country: 'JP',
      role: 'specialty steel; magnetic materials; heavy-rare-earth-free magnets; parent of Daido Electronics',
    },
    [DAIDO_JA, DAIDO_BLOOMBERG],
    {
      formerNames: ['https://www4.atwiki.jp/sysd/pages/641.html'],
      shortNames: [DAIDO_BLOOMBERG, JP_RE_STOCKS],
      tickers: [JP_RE_STOCKS],
      role: [DAIDO_JA, DAIDO_BLOOMBERG, JP_RE_STOCKS],
    },
  ),
  co(
    {
      key: 'tdk',
      legalNameEn: 'TDK Corporation',
      legalNameJa: 'TDK株式会社',
      formerNames: ['東京電気化学工業株式会社', 'ティーディーケイ株式会社'],
      shortNames: ['TDK'],
      tickers: ['TYO:6762'],
      country: 'JP',
      role: 'electronic components and rare earth (neodymium) magnets',
    },
    [TDK_JV_2, TDK_6762],
    { legalNameJa: [TDK_JA], formerNames: [TDK_JA, 'http://kotobank.jp/word/TDK'], tickers: [TDK_6762] },
  ),
  co(
    {
      key: 'tdk-rising-jv',
      legalNameEn: 'Guangdong TDK Rising Rare Earth High Technology Material Co.',
      shortNames: ['Guangdong Rising TDK Rare Earth Advanced Material Co.'],
      country: 'CN',
      parent: 'joint venture of TDK (59 %), Rising Nonferrous Metals (37 %) and Tokai Trade (4 %)',
      role: 'high-performance NdFeB magnets (1,500 t a year planned, Guangdong)',
    },
    [TDK_JV, TDK_JV_2],
    { shortNames: [TDK_JV_2] },
  ),
  co(
    {
      key: 'ganzhou-fortune',
      legalNameEn: 'Ganzhou Fortune Electronic Co',
      country: 'CN',
      role: 'sintered NdFeB magnets (2,000 t a year, Ganzhou)',
      unverified: ['legalNameEn'],
    },
    [GANZHOU_FORTUNE],
  ),
  co(
    {
      key: 'zhongke-magnetic',
      legalNameEn: 'Zhongke Magnetic Industry Co., Ltd.',
      country: 'CN',
      role: 'magnetic materials; constituent of the CSI Rare Earth Industry Index',
    },
    [CSI_RE_INDEX_1],
  ),
  co(
    {
      key: 'galaxy-magnetic',
      legalNameEn: 'Galaxy Magnetic Co., Ltd.',
      country: 'CN',
      role: 'magnetic materials; constituent of the CSI Rare Earth Industry Index',
    },
    [CSI_RE_INDEX_1],
  ),
  co(
    {
      key: 'huatai-xinding',
      legalNameEn: 'Huatai Xinding(Beijing)Metal Materials Co., Ltd.',
      country: 'CN',
      role: 'magnet maker and magnetic solutions provider (Beijing)',
    },
    [GUANGSHENG_MAGNET],
  ),
  // ---- rare earth groups and producers in China ----
  co(
    {
      key: 'china-rare-earth-holdings',
      legalNameEn: 'China Rare Earth Holdings',
      tickers: ['HKEX:0769'],
      role: 'rare earths, chiefly yttrium; refractory and fluorescent products (Hong Kong-listed)',
      unverified: ['legalNameEn'],
    },
    [CREH],
  ),
  co(
    {
      key: 'china-rare-earth-resources',
      legalNameEn: 'China Rare Earth Resources And Technology Co., Ltd.',
      formerNames: ['China Minmetals Rare Earth Co Ltd'],
      shortNames: ['China Rare Earth Group Resources Technology Co Ltd'],
      tickers: ['000831.SZ'],
      country: 'CN',
      parent: 'China Rare Earth Group Co Ltd (subsidiary of)',
      role: 'rare earths; a founder of the Baotou Rare Earth Products Exchange',
    },
    [BAOTOU_EXCHANGE],
    { formerNames: [CREG_RENAME], shortNames: [CREG_RENAME], parent: [CREG_RENAME] },
  ),
  co(
    {
      key: 'nfc',
      legalNameEn: "China Nonferrous Metal Industry's Foreign Engineering and Construction Co., Ltd.",
      country: 'CN',
      role: 'rare earths (constituent of the CSI Rare Earth Industry Index; a founder of the Baotou Rare Earth Products Exchange)',
    },
    [CSI_RE_INDEX_1, CSI_RE_INDEX_2, BAOTOU_EXCHANGE],
  ),
  co(
    {
      key: 'china-southern-rare-earth',
      legalNameEn: 'China Southern Rare Earth Group',
      country: 'CN',
      parent:
        'Ganzhou Rare Earth Group Co., Ltd. (60 %), Jiangxi Copper Corporation (35 %), Jiangxi Rare Earth and Rare Metals Tungsten Group Corporation (5 %)',
      role: 'rare earth group (one of the six state-owned rare earth groups), Ganzhou',
      unverified: ['legalNameEn'],
    },
    [XINHUA_SOUTHERN_RE],
    { role: [XINHUA_SOUTHERN_RE, JIANGXI_W_2020] },
  ),
  co(
    {
      key: 'ganzhou-rare-earth-group',
      legalNameEn: 'Ganzhou Rare Earth Group Co., Ltd.',
      shortNames: ['Ganzhou Rare-earth Holding Group'],
      country: 'CN',
      role: 'rare earths; shareholder of China Southern Rare Earth Group and of China Rare Earth Group',
    },
    [XINHUA_SOUTHERN_RE],
    { shortNames: [CREG_SHAREHOLDERS], role: [XINHUA_SOUTHERN_RE, CREG_SHAREHOLDERS] },
  ),
  co(
    {
      key: 'jiangxi-rare-earth-tungsten',
      legalNameEn: 'Jiangxi Rare Earth and Rare Metals Tungsten Group Corporation',
      shortNames: ['Jiangxi Rare Earth Metals Tungsten'],
      country: 'CN',
      role: 'rare earths and tungsten; shareholder of China Southern Rare Earth Group',
    },
    [XINHUA_SOUTHERN_RE],
    { shortNames: ['https://studymode.com/essays/Tungsten-Industry-In-China-2014-2017-56638830.html'] },
  ),
  co(
    {
      key: 'chinalco-rare-earth',
      legalNameEn: 'Chinalco Rare Earth & Metals Co',
      country: 'CN',
      role: 'rare earths; merged into China Rare Earth Group (2021)',
      unverified: ['legalNameEn'],
    },
    [CHINA_RE_MERGER],
  ),
  co(
    {
      key: 'guangdong-rare-earth-group',
      legalNameEn: 'Guangdong Rare Earth Group',
      country: 'CN',
      role: 'one of the state-controlled rare earth groups; parent of Guangsheng Nonferrous Metals',
      unverified: ['legalNameEn'],
    },
    [GUANGSHENG_MAGNET],
  ),
  // ---- tungsten ----
  co(
    {
      key: 'zhangyuan-tungsten',
      legalNameEn: 'Chongyi Zhangyuan Tungsten Co., Ltd.',
      shortNames: ['Zhangyuan Tungsten'],
      country: 'CN',
      role: 'tungsten mining and products (Jiangxi); qualified tungsten exporter',
    },
    [ZHANGYUAN, MINING_W],
    { role: [MATERIALSTODAY_W, MINING_W] },
  ),
  co(
    {
      key: 'jiangxi-tungsten',
      legalNameEn: 'Jiangxi Tungsten Holding Group Company Ltd.',
      shortNames: ['Jiangxi Tungsten Industry'],
      country: 'CN',
      role: 'tungsten (leading supplier, Jiangxi)',
    },
    [JIANGXI_W_2020],
    { shortNames: ['https://studymode.com/essays/Tungsten-Industry-In-China-2014-2017-56638830.html'] },
  ),
  co(
    {
      key: 'hunan-nonferrous',
      legalNameEn: 'Hunan Nonferrous Metals Holding Group Co Ltd',
      shortNames: ['Hunan Non-Ferrous', 'HNC'],
      country: 'CN',
      parent: 'China Minmetals (as reported in 2015)',
      role: 'tungsten exporter; antimony (owner of Hsikwangshan Twinkling Star, 2015)',
      unverified: ['legalNameEn'],
    },
    [MATERIALSTODAY_W],
    {
      shortNames: [TWINKLING_STAR_OWNER],
      parent: [TWINKLING_STAR_OWNER],
      role: [MATERIALSTODAY_W, TWINKLING_STAR_OWNER],
    },
  ),
  co(
    {
      key: 'chenzhou-mining',
      legalNameEn: 'Hunan Chenzhou Mining Group Co Ltd',
      shortNames: ['Chenzhou Mining Group', 'Hunan Chenzhou Mining'],
      country: 'CN',
      role: 'tungsten ore resources; antimony',
      unverified: ['legalNameEn'],
    },
    [MATERIALSTODAY_W],
    {
      shortNames: [MINING_W, 'https://thegreentowninvestor.blogspot.com/2015/07/an-introduction-to-antimony.html'],
      role: [MATERIALSTODAY_W, 'https://thegreentowninvestor.blogspot.com/2015/07/an-introduction-to-antimony.html'],
    },
  ),
  co(
    {
      key: 'minmetals-development',
      legalNameEn: 'Minmetals Development Co.',
      country: 'CN',
      role: "named among China's tungsten companies (2016)",
      unverified: ['legalNameEn'],
    },
    [MINING_W],
  ),
  co(
    {
      key: 'almonty',
      legalNameEn: 'Almonty Industries Inc.',
      shortNames: ['Almonty'],
      country: 'CA',
      role: 'tungsten (Sangdong mine, South Korea; Portugal); molybdenum',
      unverified: ['country'],
    },
    [ALMONTY, ALMONTY_2],
    { country: [`${ALMONTY} (ISIN CA0203987072)`] },
  ),
  co(
    {
      key: 'masan-high-tech',
      legalNameEn: 'Masan High-Tech Materials',
      country: 'VN',
      role: 'tungsten (Vietnam)',
      unverified: ['legalNameEn'],
    },
    [ALMONTY],
  ),
  // ---- rare earth subsidiaries, joint ventures and listed arms in China ----
  co(
    {
      key: 'baotou-huamei',
      legalNameEn: 'Baotou Huamei Rare Earth Hi-Tech',
      country: 'CN',
      parent: 'China Northern Rare Earth (Group) High-Tech Co., Ltd. (subsidiary of)',
      role: 'rare earth raw materials',
      unverified: ['legalNameEn'],
    },
    [NORTHERN_RE_SUBS],
  ),
  co(
    {
      key: 'gansu-rare-earth',
      legalNameEn: 'Gansu Rare Earth New Materials Co., Ltd.',
      country: 'CN',
      parent: 'China Northern Rare Earth (Group) High-Tech Co., Ltd. (subsidiary of)',
      role: 'rare earth raw materials',
    },
    [NORTHERN_RE_SUBS],
  ),
  co(
    {
      key: 'northern-jinlong',
      legalNameEn: 'Northern Gold Dragon (Baotou) Rare Earth Co., Ltd.',
      shortNames: ['Northern Jinlong (Baotou) Rare Earth Co., Ltd.'],
      country: 'CN',
      parent: 'joint venture of China Northern Rare Earth and Fujian Jinlong Rare Earth Co., Ltd.',
      role: 'rare earth oxide separation (5,000 t REO a year, Baotou)',
    },
    [NORTHERN_JINLONG],
    { shortNames: [NORTHERN_JINLONG_SMM] },
  ),
  co(
    {
      key: 'jl-mag-baotou',
      legalNameEn: 'JL MAG Rare Earth (Baotou) Co., Ltd.',
      country: 'CN',
      role: 'rare earth magnet factory (Baotou)',
    },
    [BAOTOU_2023],
  ),
  // ---- molybdenum ----
  co(
    {
      key: 'jinduicheng-molybdenum',
      legalNameEn: 'Jinduicheng Molybdenum Co.',
      shortNames: ['JDC MOLY', '金钼股份', 'Jinduicheng Molybdenum'],
      country: 'CN',
      role: "primary molybdenum mining, roasting, chemicals and metal products (Xi'an, Shaanxi); tungsten processing",
      unverified: ['legalNameEn'],
    },
    [MOLY_BLOOMBERG],
    { shortNames: [JDC_MOLY], role: [JDC_MOLY] },
  ),
  co(
    {
      key: 'anhui-jinsha-molybdenum',
      legalNameEn: 'Anhui Jinsha Molybdenum Co. Ltd',
      country: 'CN',
      role: 'molybdenum prospecting, exploration and processing (Jinzhai county, Anhui)',
    },
    ['http://www.canindia.com/owner-of-asias-largest-molybdenum-mine-transfers-shares/'],
  ),
  // ---- gallium ----
  co(
    {
      key: 'beijing-jiya',
      legalNameEn: 'Beijing Jiya Semiconductor Material Co., Ltd.',
      shortNames: ['Beijing JiYa'],
      country: 'CN',
      parent:
        'joint venture of AXT, Inc., Consco Group (Hong Kong) and Shanxi Aluminum Plant (Chinalco Shanxi Aluminum)',
      role: 'gallium metal from Bayer liquor (60 t a year; plant in Hejin, Shanxi)',
    },
    [JIYA],
  ),
  co(
    {
      key: 'zhuhai-fangyuan',
      legalNameEn: 'Zhuhai Fangyuan Gallium Industry Co.',
      country: 'CN',
      role: 'gallium (named among key Chinese gallium producers)',
      unverified: ['legalNameEn'],
    },
    [GALLIUM_PRODUCERS],
  ),
  co(
    {
      key: 'nanjing-gallium',
      legalNameEn: 'Nanjing Gallium Corp.',
      country: 'CN',
      role: 'gallium (named among key Chinese gallium producers)',
      unverified: ['legalNameEn'],
    },
    [GALLIUM_PRODUCERS],
  ),
  co(
    {
      key: 'vital-materials',
      legalNameEn: 'Vital Materials Co., Ltd.',
      country: 'CN',
      role: 'gallium (named among key Chinese gallium producers)',
    },
    [GALLIUM_PRODUCERS],
  ),
  co(
    {
      key: 'china-germanium',
      legalNameEn: 'China Germanium Co., Ltd.',
      country: 'CN',
      role: 'gallium and germanium (named among key Chinese gallium producers)',
    },
    [GALLIUM_PRODUCERS],
  ),
  co(
    {
      key: 'dowa',
      legalNameEn: 'Dowa Metals & Mining',
      country: 'JP',
      role: 'high-purity gallium (Japan)',
      unverified: ['legalNameEn'],
    },
    [GALLIUM_PRODUCERS],
  ),
  co({ key: 'furukawa', legalNameEn: 'Furukawa Co., Ltd.', country: 'JP', role: 'high-purity gallium (Japan)' }, [
    GALLIUM_PRODUCERS,
  ]),
  co(
    {
      key: 'ppm-pure-metals',
      legalNameEn: 'PPM Pure Metals GmbH',
      country: 'DE',
      role: 'ultra-high-purity gallium refining (Germany)',
    },
    [GALLIUM_PRODUCERS],
  ),
  // ---- magnet makers ----
  co(
    {
      key: 'hengdian-dmegc',
      legalNameEn: 'Hengdian Group DMEGC Magnetics Co.,Ltd.',
      tickers: ['002056.SZ'],
      country: 'CN',
      role: 'permanent magnets and ferrites; also cemented carbide and high-density tungsten products',
    },
    [DMEGC],
  ),
  co(
    {
      key: 'innuovo',
      legalNameEn: 'Innuovo',
      country: 'CN',
      role: 'sintered NdFeB magnets through its subsidiary Zhejiang Dongyang Dongci Rare Earth',
      unverified: ['legalNameEn'],
    },
    [INNUOVO],
  ),
  co(
    {
      key: 'dongyang-dongci-rare-earth',
      legalNameEn: 'Zhejiang Dongyang Dongci Rare Earth Co., Ltd.',
      country: 'CN',
      parent: 'Innuovo (wholly owned subsidiary of)',
      role: 'sintered NdFeB magnets (expansion by 5,000 t a year, 2025)',
    },
    [INNUOVO],
  ),
  // ---- traders ----
  co(
    {
      key: 'sojitz',
      legalNameEn: 'Sojitz Corporation',
      shortNames: ['Sojitz'],
      tickers: ['2768.T'],
      country: 'JP',
      role: 'trading house: sole distributor of Lynas rare earths in Japan (neodymium, dysprosium, terbium, samarium); gallium study',
    },
    [SOJITZ_JARE],
    {
      tickers: [SOJITZ_TICKER],
      role: [
        SOJITZ_JARE,
        SOJITZ_TICKER,
        'https://energynews.oedigital.com/mining/2026/02/16/as-a-partner-japans-sojitz-will-expand-its-australian-rare-earth-imports',
      ],
    },
  ),
  co(
    {
      key: 'jare',
      legalNameEn: 'Japan Australia Rare Earth',
      shortNames: ['JARE'],
      country: 'JP',
      parent: 'co-founded in 2011 by Sojitz Corporation and JOGMEC',
      role: 'financing and equity in Lynas Rare Earths for rare earth supply to Japan',
      unverified: ['legalNameEn'],
    },
    [SOJITZ_JARE],
  ),
  co(
    {
      key: 'stadler',
      legalNameEn: 'Stadler',
      parent: 'Plansee Group (acquired 2018)',
      role: 'tungsten scrap trading (the largest in Europe)',
      unverified: ['legalNameEn'],
    },
    [PLANSEE_W],
  ),
  // ---- tungsten outside China ----
  co(
    {
      key: 'global-tungsten-powders',
      legalNameEn: 'Global Tungsten & Powders',
      shortNames: ['GTP', 'GTP Powders'],
      country: 'US',
      parent: 'Plansee Group (since 2008); a division of the CERATIZIT Group since July 2021',
      role: 'ammonium paratungstate, tungsten oxide, metal and carbide powders (Towanda, Pennsylvania)',
      unverified: ['legalNameEn'],
    },
    [GTP],
  ),
  co(
    {
      key: 'plansee',
      legalNameEn: 'Plansee Group',
      shortNames: ['Plansee'],
      country: 'AT',
      role: 'largest maker of tungsten products outside China; molybdenum; tungsten recycling (Reutte, Tyrol)',
      unverified: ['legalNameEn'],
    },
    [PLANSEE_W, TIKOMET],
  ),
  co(
    {
      key: 'ceratizit',
      legalNameEn: 'CERATIZIT',
      parent: 'Plansee Group (50 %, 2015)',
      role: 'tungsten carbide tools; processes tungsten oxide (Bruntál, Czech Republic; Niederkorn, Luxembourg)',
      unverified: ['legalNameEn'],
    },
    [GTP, PLANSEE_DRAKELANDS],
  ),
  co(
    {
      key: 'tikomet',
      legalNameEn: 'Tikomet Oy',
      country: 'FI',
      parent: 'Global Tungsten & Powders (acquired)',
      role: 'recycled cemented carbide powder (zinc process, Jyväskylä)',
    },
    [TIKOMET],
  ),
  co(
    {
      key: 'wolf-minerals',
      legalNameEn: 'Wolf Minerals Limited',
      role: 'tungsten: Drakelands mine (Hemerdon, England), about 4,000 t of concentrate a year planned',
    },
    [PLANSEE_DRAKELANDS],
  ),
  // ---- more producers outside China ----
  co(
    {
      key: 'irel',
      legalNameEn: 'IREL (India) Limited',
      formerNames: ['Indian Rare Earths Limited'],
      shortNames: ['IREL'],
      country: 'IN',
      parent: 'Government of India (Department of Atomic Energy)',
      role: 'rare earth mining and refining (Odisha, Kerala): NdPr, samarium, gadolinium, yttrium; samarium-cobalt magnets (Visakhapatnam)',
    },
    [IREL],
    { shortNames: [IREL, IREL_MAGNETS], role: [IREL, IREL_MAGNETS] },
  ),
  co(
    {
      key: 'metlen',
      legalNameEn: 'Metlen Energy & Metals SA',
      formerNames: ['Mytilineos Energy & Metals'],
      shortNames: ['Metlen'],
      country: 'GR',
      role: 'bauxite, alumina and aluminium (Aluminium of Greece plant, Viotia); gallium production from 2027',
    },
    [METLEN, METLEN_2],
    { formerNames: [METLEN, 'https://infobalkans.com/2023/07/16/eu-looks-greece-niche-metals'] },
  ),
  co(
    {
      key: 'alcoa',
      legalNameEn: 'Alcoa',
      country: 'US',
      role: 'aluminium; gallium as a by-product at its Western Australian alumina refinery (100 t a year planned, with Sojitz and JOGMEC)',
      unverified: ['legalNameEn'],
    },
    [ALCOA_GA],
  ),
  co(
    {
      key: 'rio-tinto',
      legalNameEn: 'Rio Tinto',
      role: 'primary gallium extracted from bauxite at the Vaudreuil alumina refinery (Quebec), with Indium Corporation; tellurium from Kennecott (Utah)',
      unverified: ['legalNameEn'],
    },
    [RIO_GA, FIVEN_TE],
  ),
  co(
    {
      key: 'indium-corporation',
      legalNameEn: 'Indium Corporation',
      role: 'gallium extraction partner of Rio Tinto (Vaudreuil)',
    },
    [RIO_GA],
  ),
  co(
    {
      key: 'talco-gold',
      legalNameEn: 'TALCO Gold',
      country: 'TJ',
      parent: 'joint venture of TALCO (Tajik state aluminium company) and Tibet Huayu Mining Co',
      role: 'antimony and gold (Konchoch deposit): about 15,000 t antimony and 6,000 t antimony oxide a year planned',
      unverified: ['legalNameEn'],
    },
    [TALCO_GOLD, TALCO_ARGUS],
  ),
  co(
    {
      key: 'tibet-huayu',
      legalNameEn: 'Tibet Huayu Mining Co',
      shortNames: ['Huayu Mining'],
      country: 'CN',
      role: 'lead, zinc, copper, silver; antimony (about 5,000 t a year from its own mines); co-investor in Talco Gold',
      unverified: ['legalNameEn'],
    },
    [TALCO_GOLD],
    { shortNames: [TALCO_ARGUS], role: [TALCO_ARGUS] },
  ),
  co(
    {
      key: 'talco',
      legalNameEn: 'Tajik Aluminium Company',
      shortNames: ['TALCO', 'Tajikistan Aluminium'],
      country: 'TJ',
      role: 'state aluminium smelter; owns antimony and gold resources; co-investor in Talco Gold',
    },
    ['https://im-mining.com/2018/07/05/china-pursues-gold-antimony-targets-tajikistan'],
    { shortNames: [TALCO_GOLD, TALCO_ARGUS], role: [TALCO_ARGUS] },
  ),
  // ---- graphite electrodes and graphite products ----
  co(
    {
      key: 'graphite-india',
      legalNameEn: 'Graphite India Limited',
      shortNames: ['Graphite India'],
      country: 'IN',
      role: 'graphite electrodes',
    },
    [ELECTRODES, GRAPHITE_INDIA_HEG],
  ),
  co({ key: 'heg', legalNameEn: 'HEG Limited', shortNames: ['HEG'], country: 'IN', role: 'graphite electrodes' }, [
    ELECTRODES,
    GRAPHITE_INDIA_HEG,
  ]),
  co(
    {
      key: 'fangda-carbon',
      legalNameEn: 'Fangda Carbon New Material Technology Co. Ltd',
      country: 'CN',
      role: 'graphite electrodes',
    },
    [ELECTRODES],
  ),
  co(
    {
      key: 'graftech',
      legalNameEn: 'GrafTech International',
      role: 'graphite electrodes',
      unverified: ['legalNameEn'],
    },
    [ELECTRODES],
  ),
  co({ key: 'jilin-carbon', legalNameEn: 'Jilin Carbon Co. Ltd', country: 'CN', role: 'graphite electrodes' }, [
    ELECTRODES,
  ]),
  co({ key: 'kaifeng-carbon', legalNameEn: 'Kaifeng Carbon Co. Ltd', country: 'CN', role: 'graphite electrodes' }, [
    ELECTRODES,
  ]),
  co(
    {
      key: 'nantong-yangzi-carbon',
      legalNameEn: 'Nantong Yangzi Carbon Co. Ltd',
      country: 'CN',
      role: 'graphite electrodes',
    },
    [ELECTRODES],
  ),
  co({ key: 'energoprom', legalNameEn: 'ENERGOPROM Group', role: 'graphite electrodes', unverified: ['legalNameEn'] }, [
    ELECTRODES,
  ]),
  co(
    {
      key: 'imerys-graphite-carbon',
      legalNameEn: 'Imerys Graphite & Carbon',
      role: 'natural and synthetic graphite supplier',
      unverified: ['legalNameEn'],
    },
    ['http://www.imerys-graphite-and-carbon.com/21-graphite-suppliers/24-graphite-suppliers.html'],
  ),
  co(
    {
      key: 'brazilian-rare-earths',
      legalNameEn: 'Brazilian Rare Earths Limited',
      tickers: ['ASX:BRE'],
      role: 'rare earths (ASX-listed; Hancock Prospecting a shareholder)',
    },
    ['https://abix.com.au/tag/rare-earth-industry-united-states'],
  ),
];

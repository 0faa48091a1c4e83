/**
 * Word lists for company-name normalisation. General vocabulary only (legal forms, industry words, place names):
 * no company's name is listed here. Place names are China's provinces, province-level cities and capitals (and a few
 * other prefecture-level cities that prefix company names), and countries; industry words are those common in the
 * names of minerals, metals and materials companies, in English and Chinese.
 */

/** English legal-form words and stop words, dropped anywhere in a name (after lower-casing and splitting). */
export const LEGAL_FORMS_EN = new Set([
  'co', 'cos', 'company', 'companies', 'ltd', 'ltda', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'plc',
  'llc', 'llp', 'lp', 'gmbh', 'kg', 'ag', 'sa', 'nv', 'bv', 'spa', 'srl', 'sas', 'pty', 'pte', 'bhd', 'sdn', 'tbk',
  'kk', 'ab', 'asa', 'oy', 'oyj', 'se', 'jsc', 'pjsc', 'ojsc', 'and', 'the', 'of', 'et', 'und',
]);

/**
 * Abbreviations and variants -> one canonical word. Two-word forms ("hi tech") are joined before lookup.
 */
export const CANONICAL_EN: Record<string, string> = {
  grp: 'group', groups: 'group',
  tech: 'tech', techn: 'tech', technology: 'tech', technologies: 'tech', technological: 'tech',
  'hi tech': 'hightech', 'high tech': 'hightech', hitech: 'hightech', hightech: 'hightech', 'high technology': 'hightech',
  'hi technology': 'hightech', 'new tech': 'newtech',
  intl: 'intl', international: 'intl', internat: 'intl', "int'l": 'intl',
  comm: 'comm', comms: 'comm', communication: 'comm', communications: 'comm',
  holding: 'holding', holdings: 'holding', hldgs: 'holding', hldg: 'holding',
  industry: 'industry', industries: 'industry', industrial: 'industry', ind: 'industry', inds: 'industry',
  mfg: 'manufacturing', manufacturing: 'manufacturing', manufacture: 'manufacturing',
  material: 'material', materials: 'material', matls: 'material', mat: 'material',
  resource: 'resource', resources: 'resource', res: 'resource',
  metal: 'metal', metals: 'metal', mineral: 'mineral', minerals: 'mineral',
  earth: 'earth', earths: 'earth', chem: 'chemical', chemical: 'chemical', chemicals: 'chemical',
  magnet: 'magnet', magnets: 'magnet', magnetic: 'magnet', magnetics: 'magnet',
  sci: 'science', science: 'science', sciences: 'science', scientific: 'science',
  dev: 'development', devt: 'development', development: 'development',
  eng: 'engineering', engg: 'engineering', engineering: 'engineering',
  elec: 'electric', electric: 'electric', electrical: 'electric', electronic: 'electronic', electronics: 'electronic',
  product: 'product', products: 'product', system: 'system', systems: 'system', service: 'service', services: 'service',
  enterprise: 'enterprise', enterprises: 'enterprise', investment: 'investment', investments: 'investment',
  mining: 'mining', mines: 'mining', mine: 'mining', alloy: 'alloy', alloys: 'alloy',
};

/** Industry and organisation words (canonical forms): they describe a business, not which one. */
export const GENERIC_EN = new Set([
  'rare', 'earth', 'group', 'tech', 'hightech', 'newtech', 'intl', 'comm', 'holding', 'industry', 'manufacturing',
  'material', 'resource', 'metal', 'mineral', 'chemical', 'magnet', 'science', 'development', 'engineering', 'electric',
  'electronic', 'product', 'system', 'service', 'enterprise', 'investment', 'mining', 'alloy', 'new', 'advanced',
  'global', 'trading', 'trade', 'import', 'export', 'energy', 'power', 'steel', 'iron', 'aluminium', 'aluminum',
  'copper', 'nickel', 'cobalt', 'lithium', 'tungsten', 'molybdenum', 'antimony', 'gallium', 'germanium', 'graphite',
  'indium', 'bismuth', 'tellurium', 'titanium', 'zirconium', 'vanadium', 'magnesium', 'silicon', 'nonferrous',
  'ferrous', 'smelting', 'refining', 'refinery', 'separation', 'processing', 'precision', 'special', 'specialty',
  'functional', 'applied', 'solutions', 'supply', 'partners', 'capital', 'ventures', 'share', 'shares', 'stock',
  'joint', 'state', 'owned', 'national', 'general', 'works', 'factory', 'plant', 'site', 'mill', 'research',
  'institute', 'co-operative', 'cooperative', 'logistics', 'environmental', 'green', 'clean', 'permanent', 'sintered',
  'bonded', 'oxide', 'oxides', 'compound', 'compounds', 'element', 'elements', 'critical',
]);

/** Place words (English and pinyin): countries, regions, Chinese provinces and cities. */
export const PLACES_EN = new Set([
  'china', 'chinese', 'prc', 'usa', 'us', 'america', 'american', 'united', 'states', 'uk', 'britain', 'british',
  'japan', 'japanese', 'korea', 'korean', 'germany', 'german', 'france', 'french', 'australia', 'australian', 'canada',
  'canadian', 'vietnam', 'malaysia', 'india', 'europe', 'european', 'asia', 'asian', 'pacific', 'africa', 'african',
  'russia', 'brazil', 'estonia', 'texas', 'california',
  'beijing', 'peking', 'tianjin', 'shanghai', 'chongqing', 'hebei', 'shanxi', 'liaoning', 'jilin', 'heilongjiang',
  'jiangsu', 'zhejiang', 'anhui', 'fujian', 'jiangxi', 'shandong', 'henan', 'hubei', 'hunan', 'guangdong', 'hainan',
  'sichuan', 'guizhou', 'yunnan', 'shaanxi', 'gansu', 'qinghai', 'taiwan', 'inner', 'mongolia', 'guangxi', 'tibet',
  'xizang', 'ningxia', 'xinjiang', 'hong', 'kong', 'macau', 'macao', 'shenzhen', 'guangzhou', 'hangzhou', 'nanjing',
  'suzhou', 'wuxi', 'changzhou', 'ningbo', 'wenzhou', 'xiamen', 'fuzhou', 'chengdu', 'wuhan', 'changsha', 'nanchang',
  'hefei', 'jinan', 'qingdao', 'dalian', 'shenyang', 'harbin', 'xian', "xi'an", 'lanzhou', 'kunming', 'nanning',
  'guiyang', 'hohhot', 'urumqi', 'lhasa', 'yinchuan', 'xining', 'taiyuan', 'shijiazhuang', 'zhengzhou', 'haikou',
  'changchun', 'baotou', 'ganzhou', 'leshan', 'longyan', 'chenzhou', 'zibo', 'yantai', 'shaoxing', 'dongguan',
  'foshan', 'xuzhou', 'tangshan', 'handan', 'luoyang', 'zhuzhou', 'ganzhou', 'jiujiang', 'liangshan', 'panzhihua',
  'tokyo', 'osaka',
]);

/** Chinese / Japanese legal-form words (simplified forms), longest first; removed anywhere in a name. */
export const LEGAL_FORMS_CJK = [
  '股份有限公司', '有限责任公司', '股份公司', '有限公司', '株式会社', '有限会社', '合同会社', '合资公司', '总公司', '公司',
];

/** Chinese industry and organisation words (simplified). */
export const GENERIC_ZH = [
  '稀土', '稀有金属', '稀有', '集团', '高新技术', '高科技', '高技术', '新材料', '材料', '科技', '技术', '资源', '控股', '实业', '工业',
  '产业', '化学', '化工', '磁业', '永磁', '磁材', '磁性', '金属', '矿业', '有色', '发展', '投资', '国际', '贸易', '进出口',
  '股份', '新能源', '能源', '电子', '钢铁', '冶炼', '分离', '精密', '制造', '开发', '应用', '合金', '钨业', '研究院', '研究所',
  '工程', '环保', '功能', '磁电', '电机', '开发区', '工业园',
];

/** Chinese place names (simplified): provinces, province-level cities, capitals, and other cities common in names. */
export const PLACES_ZH = [
  '中国', '中华', '中國', '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建',
  '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西',
  '西藏', '宁夏', '新疆', '香港', '澳门', '深圳', '广州', '杭州', '南京', '苏州', '无锡', '常州', '宁波', '温州', '厦门', '福州',
  '成都', '武汉', '长沙', '南昌', '合肥', '济南', '青岛', '大连', '沈阳', '哈尔滨', '西安', '兰州', '昆明', '南宁', '贵阳',
  '呼和浩特', '乌鲁木齐', '拉萨', '银川', '西宁', '太原', '石家庄', '郑州', '海口', '长春', '包头', '赣州', '乐山', '龙岩',
  '郴州', '淄博', '烟台', '绍兴', '东莞', '佛山', '徐州', '唐山', '洛阳', '株洲', '九江', '凉山', '攀枝花', '日本', '东京', '大阪',
  '美国', '澳大利亚', '越南', '德国', '法国', '韩国',
];
/** Administrative suffixes that may follow a Chinese place name ("江西省", "赣州市"). */
export const PLACE_SUFFIXES_ZH = ['维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '特别行政区', '省', '市', '县', '区'];

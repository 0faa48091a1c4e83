import { nameKey, normalizeName } from './name.js';
import { scoreNames, THRESHOLDS } from './score.js';

const score = (q: string, a: string) => scoreNames(normalizeName(q), normalizeName(a)).score;

describe('normalizeName', () => {
  it('folds case, full-width forms, odd hyphens, punctuation and legal forms in English and Chinese', () => {
    const core = 'jl mag rare earth';
    expect(normalizeName('JL MAG Rare-Earth Co., Ltd.').core).toBe(core);
    expect(normalizeName('ＪＬ ＭＡＧ Ｒａｒｅ－Ｅａｒｔｈ Ｃｏ．，Ｌｔｄ．').core).toBe(core);
    expect(normalizeName('Jl Mag Rare\u2011Earth Co.,Ltd').core).toBe(core);
    expect(normalizeName('VACUUMSCHMELZE GmbH & Co. KG').core).toBe('vacuumschmelze');
    expect(normalizeName('Ningbo Yunsheng Co. \u060C Ltd.').core).toBe('ningbo yunsheng');
    expect(normalizeName('宁波韵升股份有限公司').core).toBe(normalizeName('宁波韵升').core);
  });

  it('splits a legal form glued to a known word and drops a repeated word', () => {
    expect(normalizeName('China Northern Rare Earth (Group) High-TechLtd').core).toBe(
      'china north rare earth group hightech',
    );
    expect(normalizeName('MP Materials Co. Mp。').core).toBe('mp material');
    expect(normalizeName('Alcoco').core).toBe('alcoco');
  });

  it('converts traditional Chinese to simplified', () => {
    expect(normalizeName('中國北方稀土(集團)高科技股份有限公司').core).toBe(
      normalizeName('中国北方稀土(集团)高科技股份有限公司').core,
    );
  });

  it('canonicalises abbreviations (Grp, Tech, Hi-Tech/High-Tech, Intl, Comm)', () => {
    expect(normalizeName('Acme Hi-Tech Grp Intl Comm').core).toBe(
      normalizeName('Acme High Tech Group International Communications').core,
    );
    expect(normalizeName('Acme Tech').core).toBe(normalizeName('ACME Technology Co').core);
  });

  it('takes out ticker remarks and share classes, keeping the identifiers', () => {
    const f = normalizeName('China Northern Rare Earth (Group) High-Tech Co Ltd Class A (SHSE: 600111)');
    expect(f.core).toBe('china north rare earth group hightech');
    expect(f.ids).toEqual([{ scheme: 'TICKER', value: 'XSHG:600111' }]);
  });

  it('sorts words into distinctive, industry and place words', () => {
    const f = normalizeName('北京中科三环高技术股份有限公司');
    expect([...f.places]).toEqual(['北京']);
    expect([...f.generic]).toEqual(['高技术']);
    expect([...f.distinctive.keys()]).toEqual(['c:中科', 'c:科三', 'c:三环']);
  });

  it('gives one decision key to spelling variants of a name', () => {
    expect(nameKey('JL MAG Rare-Earth Co., Ltd.')).toBe(nameKey('jl mag rare earth'));
    expect(nameKey('SHSE:600111')).toBe('XSHG:600111');
  });
});

describe('scoreNames', () => {
  it('scores the same name 0.98 and a shortened one as a match', () => {
    expect(score('Shenghe Resources Holding Co.', 'Shenghe Resources Holding Co., Ltd.')).toBe(0.98);
    expect(score('JL Mag', 'JL MAG Rare-Earth Co., Ltd.')).toBeGreaterThanOrEqual(THRESHOLDS.match);
    expect(score('中科三环', '北京中科三环高技术股份有限公司')).toBeGreaterThanOrEqual(THRESHOLDS.match);
    expect(score('Zhongkesanhuan', 'Beijing Zhong Ke San Huan High-Tech Co., Ltd.')).toBeGreaterThanOrEqual(
      THRESHOLDS.match,
    );
  });

  it('does not pass on industry or place words alone', () => {
    expect(score('Rare Earth Group', 'China Rare Earth Group Co., Ltd.')).toBe(0);
    expect(score('Rare Earth Group Company', 'Rare Earth Group Co., Ltd.')).toBeLessThan(THRESHOLDS.match);
    expect(score('Company', 'Materials Co.')).toBe(0);
    expect(score('China Southern Rare Earth Group', 'China Rare Earth Group Co., Ltd.')).toBe(0);
    expect(score('Peak Rare Earths Limited', 'Lynas Rare Earths Limited')).toBe(0);
    expect(score('Materials', 'MP Materials Corp.')).toBe(0);
  });

  it('keeps a place-named subsidiary or a different line of business in the group below the match threshold', () => {
    expect(score('Leshan Shenghe Rare Earth Co., Ltd.', 'Shenghe Resources Holding Co., Ltd.')).toBeLessThan(
      THRESHOLDS.match,
    );
    expect(score('Shenghe Resources Holding Co., Ltd.', 'Leshan Shenghe Rare Earth Co., Ltd.')).toBeLessThan(
      THRESHOLDS.match,
    );
  });

  it('puts a partial name in the possible band', () => {
    const s = score('Neo Materials', 'Neo Performance Materials Inc.');
    expect(s).toBeGreaterThanOrEqual(THRESHOLDS.possible);
    expect(s).toBeLessThan(THRESHOLDS.match);
  });

  it('does not match on two letters', () => {
    expect(score('MP', 'MP Materials Corp.')).toBeLessThan(THRESHOLDS.match);
  });
});

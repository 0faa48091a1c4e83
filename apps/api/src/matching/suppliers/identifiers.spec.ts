import { canonicalTicker, findIdentifiers, isValidLei, isValidUscc } from './identifiers.js';

describe('USCC (GB 32100-2015)', () => {
  it('accepts codes whose check character is right', () => {
    expect(isValidUscc('914403001922038216')).toBe(true);
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100m000100y43')).toBe(true);
  });
  it('rejects a wrong check character, a wrong length and letters outside the alphabet (I, O, S, V, Z)', () => {
    expect(isValidUscc('914403001922038217')).toBe(false);
    expect(isValidUscc('91440300192203821')).toBe(false);
    expect(isValidUscc('91350100M0001O0Y43')).toBe(false);
  });
});

describe('LEI (ISO 17442, MOD 97-10)', () => {
  it('accepts LEIs whose check digits are right and rejects others', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R12')).toBe(true);
    expect(isValidLei('529900T8BM49AURSDO55')).toBe(true);
    expect(isValidLei('5493001KJTIIGC8Y1R13')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1R1')).toBe(false);
  });
});

describe('tickers', () => {
  it.each([
    ['600111.SH', 'XSHG:600111'],
    ['600111.SS', 'XSHG:600111'],
    ['SHSE:600111', 'XSHG:600111'],
    ['XSHG: 600111', 'XSHG:600111'],
    ['SSE:600111', 'XSHG:600111'],
    ['000970.SZ', 'XSHE:000970'],
    ['XSEC:000970', 'XSHE:000970'],
    ['SZSE:000970', 'XSHE:000970'],
    ['6680.HK', 'XHKG:6680'],
    ['6680.HK (HKEX)', 'XHKG:6680'],
    ['HKEX:06680', 'XHKG:6680'],
    ['ASX:LYC', 'XASX:LYC'],
    ['LYC.AX', 'XASX:LYC'],
    ['NYSE:MP', 'XNYS:MP'],
    ['nyse: mp', 'XNYS:MP'],
    ['OTC:LYSDY', 'OTC:LYSDY'],
    ['TSX:NEO', 'XTSE:NEO'],
    ['4063.T', 'XTKS:4063'],
    ['SHSE：600111', 'XSHG:600111'],
    // Reuters RICs, spaced and prefixed forms (issue 14).
    ['601899.SS', 'XSHG:601899'],
    ['601899.ss', 'XSHG:601899'],
    ['SH601899', 'XSHG:601899'],
    ['ALB.N', 'XNYS:ALB'],
    ['NYSE ALB', 'XNYS:ALB'],
    ['USAR.O', 'XNAS:USAR'],
    ['ASX: ARU', 'XASX:ARU'],
    ['ASX ARU', 'XASX:ARU'],
    ['asx aru', 'XASX:ARU'],
    ['ARU.AX', 'XASX:ARU'],
    ['TYO:5713', 'XTKS:5713'],
    ['TYO 5713', 'XTKS:5713'],
    ['5713.T', 'XTKS:5713'],
    ['(HKEX 2899)', 'XHKG:2899'],
    ['HKEX: 02899', 'XHKG:2899'],
    ['OTCQX LYSDY', 'OTC:LYSDY'],
    ['OTC: LYSDY', 'OTC:LYSDY'],
    ['RIO.L', 'XLON:RIO'],
  ])('%s is %s', (text, canonical) => {
    expect(canonicalTicker(text)).toBe(canonical);
  });

  it('is null for a text that is not one ticker', () => {
    expect(canonicalTicker('JL Mag')).toBeNull();
    expect(canonicalTicker('SHSE:6001111')).toBeNull();
    expect(canonicalTicker('ASX:LYC NYSE:MP')).toBeNull();
  });

  it('finds tickers, USCCs and LEIs inside free text', () => {
    const ids = (t: string) => findIdentifiers(t).map((f) => f.value);
    expect(ids('SHRC(600392)')).toEqual(['XSHG:600392']);
    expect(ids('Beijing Zhong Ke San Huan High-Tech Co.Ltd(000970)')).toEqual(['XSHE:000970']);
    expect(ids('Lynas Corp’s (ASX: LYC) and MP Materials Corp. (NYSE:MP)')).toEqual(['XASX:LYC', 'XNYS:MP']);
    expect(ids('exporter 914403001922038216, LEI 529900T8BM49AURSDO55')).toEqual([
      '914403001922038216',
      '529900T8BM49AURSDO55',
    ]);
  });

  it('takes the exchange as written and ignores numbers that are no A-share code', () => {
    expect(findIdentifiers('China Northern Rare Earth (NYSE: 600111)').map((f) => f.value)).toEqual(['XNYS:600111']);
    expect(findIdentifiers('order (123456) of 2025').map((f) => f.value)).toEqual([]);
    expect(findIdentifiers('exporter 914403001922038217').map((f) => f.value)).toEqual([]);
  });
});

describe('tickers inside names', () => {
  it('finds the spaced form only at the end of a name, a bracket or a list item', () => {
    expect(findIdentifiers('Arafura Rare Earths Ltd (ASX ARU)').map((f) => f.value)).toEqual(['XASX:ARU']);
    expect(findIdentifiers('Zijin Mining Group (HKEX 2899), Fujian').map((f) => f.value)).toEqual(['XHKG:2899']);
    expect(findIdentifiers('ASX LISTED MINERS GROUP LTD')).toEqual([]);
    expect(findIdentifiers('Albemarle Corp. ALB.N').map((f) => f.value)).toEqual(['XNYS:ALB']);
  });
  it('refuses what is not one ticker', () => {
    for (const t of ['ASX', 'ARU', 'Lynas', 'HKEX 28999999', 'SH60189', 'NYSE: ', 'Tokyo 5713']) {
      expect(canonicalTicker(t)).toBeNull();
    }
  });
});

import { splitDuplicateWatches, watchKey, type WatchIdentityFields } from './watch-identity.js';

describe('watchKey: a watch is unique per tenant (kind, value as matching reads it, jurisdiction)', () => {
  it('normalises the value the way matching does', () => {
    expect(watchKey({ kind: 'HS_CODE', hsPrefix: '8505.11' })).toBe(watchKey({ kind: 'HS_CODE', hsPrefix: '850511' }));
    expect(watchKey({ kind: 'CONTROL_ENTRY', controlEntry: '1c902.A.1' })).toBe('CONTROL_ENTRY:1C902.a.1:');
    expect(watchKey({ kind: 'ELEMENT', elementSymbol: 'Dy', jurisdiction: 'cn' })).toBe('ELEMENT:Dy:CN');
    expect(watchKey({ kind: 'ELEMENT', elementSymbol: 'Dy', jurisdiction: null })).toBe('ELEMENT:Dy:');
  });

  it('tells apart other values, kinds and jurisdictions', () => {
    const keys = [
      watchKey({ kind: 'ELEMENT', elementSymbol: 'Dy' }),
      watchKey({ kind: 'ELEMENT', elementSymbol: 'Dy', jurisdiction: 'CN' }),
      watchKey({ kind: 'ELEMENT', elementSymbol: 'Tb' }),
      watchKey({ kind: 'HS_CODE', hsPrefix: '8505' }),
      watchKey({ kind: 'HS_CODE', hsPrefix: '850511' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('splitDuplicateWatches', () => {
  it('skips rows repeating a stored watch or an earlier row, naming which', () => {
    const rows: { line: number; dto: WatchIdentityFields }[] = [
      { line: 2, dto: { kind: 'ELEMENT' as const, elementSymbol: 'Dy' } },
      { line: 3, dto: { kind: 'HS_CODE' as const, hsPrefix: '850511' } },
      { line: 4, dto: { kind: 'ELEMENT' as const, elementSymbol: 'Dy' } },
      { line: 5, dto: { kind: 'ELEMENT' as const, elementSymbol: 'Tb' } },
      { line: 6, dto: { kind: 'HS_CODE' as const, hsPrefix: '8505.11' } },
    ];
    const stored = new Map([['ELEMENT:Tb:', 'id-tb']]);
    const out = splitDuplicateWatches(rows, stored);
    expect(out.fresh.map((r) => r.line)).toEqual([2, 3]);
    expect(out.duplicates).toEqual([
      { line: 4, duplicateOfLine: 2 },
      { line: 5, duplicateOfId: 'id-tb' },
      { line: 6, duplicateOfLine: 3 },
    ]);
  });
});

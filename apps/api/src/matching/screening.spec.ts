import { companyKey } from './normalize.js';
import { entryKeys, entryNames, screen, screeningSeverity, type ScreeningEntrySpec, type ScreeningSupplierSpec } from './screening.js';

// The one verified real CSL record in shared/data/us/consolidated_screening_list_examples.json (Entity List).
const volgograd = {
  name: 'OAO Volgogradneftemash (f.k.a. Dochernee Aktsionernoe Obshchestvo Otkrytogo Tipa Volgogradneftemash Rossiiskogo Aktsionernogo Obshchestva Gazprom)',
  altNames: ['JSC Volgogradneftemash', 'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash'],
};
const entry: ScreeningEntrySpec = {
  id: 'e1',
  listName: 'Entity List (EL) - Bureau of Industry and Security',
  listCode: 'EL',
  name: volgograd.name,
  nameKeys: entryKeys(volgograd.name, volgograd.altNames),
  countries: ['RU'],
  federalRegisterNotice: null,
};
const supplier = (over: Partial<ScreeningSupplierSpec>): ScreeningSupplierSpec => ({
  id: 's1',
  tenantId: 't1',
  legalNameEn: 'Acme Magnets GmbH',
  legalNameZh: null,
  aliases: [],
  country: null,
  ...over,
});

describe('screening', () => {
  it('splits a former name embedded in parentheses out of the primary name', () => {
    expect(entryNames(volgograd.name, volgograd.altNames)).toEqual([
      'OAO Volgogradneftemash',
      'JSC Volgogradneftemash',
      'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash',
      'Dochernee Aktsionernoe Obshchestvo Otkrytogo Tipa Volgogradneftemash Rossiiskogo Aktsionernogo Obshchestva Gazprom',
    ]);
  });

  it('finds a supplier by an alternative name, explains it, and is CRITICAL for the Entity List', () => {
    // Word order differs: the key comparison is exact (the issue-3 resolver will do better); punctuation does not count.
    expect(screen([entry], [supplier({ legalNameEn: 'Volgogradneftemash JSC' })])).toHaveLength(0);
    expect(screen([entry], [supplier({ legalNameEn: 'JSC "Volgogradneftemash"' })])).toHaveLength(1);
    const [hit] = screen([entry], [supplier({ legalNameEn: 'Volgograd Neftemash (trading name)', aliases: ['JSC Volgogradneftemash'], country: 'RU' })]);
    expect(hit).toMatchObject({ tenantId: 't1', supplierId: 's1', entryId: 'e1', matchedName: 'JSC Volgogradneftemash', entryKey: companyKey('JSC Volgogradneftemash') });
    expect(hit!.text).toBe(
      `Your supplier Volgograd Neftemash (trading name) appears on the Entity List (EL) - Bureau of Industry and Security as "${volgograd.name}" (matched by the name JSC Volgogradneftemash)`,
    );
    expect(screeningSeverity('EL')).toBe('CRITICAL');
    expect(screeningSeverity('UVL')).toBe('HIGH');
  });

  it('does not report a namesake in another country, nor names that reduce to nothing', () => {
    expect(screen([entry], [supplier({ legalNameEn: 'JSC Volgogradneftemash', country: 'DE' })])).toEqual([]);
    expect(screen([{ ...entry, nameKeys: entryKeys('Co., Ltd.', []) }], [supplier({ legalNameEn: 'Co. Ltd' })])).toEqual([]);
  });

  it('reports each (supplier, entry) pair once', () => {
    const hits = screen([entry], [supplier({ legalNameEn: 'JSC Volgogradneftemash', aliases: ['OAO Volgogradneftemash'] })]);
    expect(hits).toHaveLength(1);
  });
});

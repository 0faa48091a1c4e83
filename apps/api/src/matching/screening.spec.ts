import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot } from '../database/repo-files.js';
import {
  entryNames,
  screen,
  screeningAlertSeverity,
  screeningSeverity,
  type ScreeningEntrySpec,
  type ScreeningSupplierSpec,
} from './screening.js';
import { nameKey } from './suppliers/name.js';
import { reasonText } from '../testing/reason-text.js';

// The one verified real CSL record in shared/data/us/consolidated_screening_list_examples.json (Entity List).
const volgograd = {
  name: 'OAO Volgogradneftemash (f.k.a. Dochernee Aktsionernoe Obshchestvo Otkrytogo Tipa Volgogradneftemash Rossiiskogo Aktsionernogo Obshchestva Gazprom)',
  altNames: ['JSC Volgogradneftemash', 'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash'],
};
const EL = 'Entity List (EL) - Bureau of Industry and Security';
const entry = (over: Partial<ScreeningEntrySpec> = {}): ScreeningEntrySpec => ({
  id: 'e1',
  listName: EL,
  listCode: 'EL',
  name: volgograd.name,
  altNames: volgograd.altNames,
  countries: ['RU'],
  federalRegisterNotice: null,
  ...over,
});
let n = 0;
const supplier = (legalNameEn: string, over: Partial<ScreeningSupplierSpec> = {}): ScreeningSupplierSpec => ({
  id: `s${String(++n).padStart(3, '0')}`,
  tenantId: 't1',
  legalNameEn,
  aliases: [],
  ...over,
});

describe('screening: entry names and severities', () => {
  it('splits a former name embedded in parentheses out of the primary name', () => {
    expect(entryNames(volgograd.name, volgograd.altNames)).toEqual([
      'OAO Volgogradneftemash',
      'JSC Volgogradneftemash',
      'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash',
      'Dochernee Aktsionernoe Obshchestvo Otkrytogo Tipa Volgogradneftemash Rossiiskogo Aktsionernogo Obshchestva Gazprom',
    ]);
    expect(entryNames('Acme Trading (a.k.a. Acme Intl)', [])).toEqual(['Acme Trading', 'Acme Intl']);
  });

  it('is CRITICAL for EL, SDN and DPL, HIGH for other lists, LOW while every supplier is only a possible match', () => {
    expect(screeningSeverity('EL')).toBe('CRITICAL');
    expect(screeningSeverity('UVL')).toBe('HIGH');
    const reason = (via: 'SUPPLIER_SCREENING' | 'SUPPLIER_POSSIBLE') => ({
      via,
      subject: { type: 'SUPPLIER' as const, supplierId: 's', label: 'S' },
      matched: { field: 'screeningEntry', value: 'x' },
      text: '',
    });
    expect(screeningAlertSeverity('EL', [reason('SUPPLIER_POSSIBLE')])).toBe('LOW');
    expect(screeningAlertSeverity('EL', [reason('SUPPLIER_POSSIBLE'), reason('SUPPLIER_SCREENING')])).toBe('CRITICAL');
    expect(screeningAlertSeverity('MEU', [reason('SUPPLIER_SCREENING')])).toBe('HIGH');
  });
});

describe('screening the real Entity List record with the supplier resolver', () => {
  it('finds a supplier written in another form than the list: word order, legal form, quotes, spacing, case', () => {
    for (const name of [
      'Volgogradneftemash JSC',
      'JSC "Volgogradneftemash"',
      'VOLGOGRADNEFTEMASH, OAO',
      'Volgograd Neftemash',
      'OJSC Volgogradneftemash',
    ]) {
      const hits = screen([entry()], [supplier(name)]);
      expect(hits.map((h) => h.band)).toEqual(['MATCH']);
    }
  });

  it("explains a hit with the list's name that matched, the resolver's features and score", () => {
    const s = supplier('Volgogradneftemash JSC', { aliases: ['Volgograd Neftemash'], country: 'RU' });
    const [hit, ...rest] = screen([entry({ federalRegisterNotice: '81 FR 12004' })], [s]);
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({
      tenantId: 't1',
      supplierId: s.id,
      entryId: 'e1',
      band: 'MATCH',
      listedAs: 'JSC Volgogradneftemash',
    });
    expect(hit!.reason).toEqual({
      via: 'SUPPLIER_SCREENING',
      subject: { type: 'SUPPLIER', supplierId: s.id, label: 'Volgogradneftemash JSC' },
      matched: { field: 'screeningEntry', value: 'JSC Volgogradneftemash' },
      text: `${reasonText.screening('Volgogradneftemash JSC', EL, volgograd.name, 'its English legal name', 'the listed name "JSC Volgogradneftemash"', 0.98)}; listed in 81 FR 12004`,
      score: 0.98,
      evidence: ['same name: volgogradneftemash (+0.98)'],
      nameKey: 'volgogradneftemash',
    });
  });

  it('does not hit similar names of other entities, nor the parent named inside the former name', () => {
    const others = [
      'Volgograd Tractor Plant',
      'Volgogradneftegaz',
      'Neftemash Trading LLC',
      'PAO Gazprom',
      'Gazprom',
      'Gazprom Neft',
      'Volgograd Oil Machinery Plant',
    ];
    expect(
      screen(
        [entry()],
        others.map((o) => supplier(o)),
      ),
    ).toEqual([]);
  });

  it('does not report a namesake in another country; an identifier in common is reported wherever the supplier is', () => {
    expect(screen([entry()], [supplier('JSC Volgogradneftemash', { country: 'DE' })])).toEqual([]);
    expect(screen([entry()], [supplier('JSC Volgogradneftemash', { country: 'RU' })])).toHaveLength(1);
    const listed = entry({
      name: 'Acme Magnetics Co., Ltd.',
      altNames: [],
      countries: ['CN'],
      identifiers: ['914403001922038216'],
    });
    const [byUscc] = screen(
      [listed],
      [supplier('Shenzhen Different Name Trading Co.', { uscc: '914403001922038216', country: 'HK' })],
    );
    expect(byUscc).toMatchObject({
      band: 'MATCH',
      listedAs: '914403001922038216',
      reason: {
        score: 1,
        text: expect.stringContaining('its USCC 914403001922038216 matched the identifier the list gives (score 1.00)'),
      },
    });
    // The same name with another USCC is another legal entity.
    expect(screen([listed], [supplier('Acme Magnetics Co., Ltd.', { uscc: '91350100M000100Y43' })])).toEqual([]);
  });

  it('reports each (supplier, entry) pair once, by its best name (the first of equals)', () => {
    const hits = screen(
      [entry()],
      [supplier('Volgograd Neftemash', { aliases: ['OAO Volgogradneftemash', 'JSC Volgogradneftemash'] })],
    );
    expect(hits.map((h) => [h.listedAs, h.reason.score, h.reason.text.split(': ')[1]])).toEqual([
      [
        'OAO Volgogradneftemash',
        0.98,
        'its alias "OAO Volgogradneftemash" matched the listed name "OAO Volgogradneftemash" (score 0.98)',
      ],
    ]);
  });
});

describe('screening: possible matches, decisions, related entities and generic names', () => {
  const sanHuan = entry({
    id: 'e-zksh',
    name: 'Beijing Zhong Ke San Huan High-Tech Co., Ltd.',
    altNames: ['北京中科三环高技术股份有限公司'],
    countries: ['CN'],
  });

  it('a possible match is a SUPPLIER_POSSIBLE reason asking to confirm or reject, keyed for the decision', () => {
    const s = supplier('Zhong Ke San Huan', { country: 'CN' });
    const [hit] = screen([sanHuan], [s]);
    expect(hit).toMatchObject({ band: 'POSSIBLE', listedAs: 'Beijing Zhong Ke San Huan High-Tech Co., Ltd.' });
    expect(hit!.reason).toMatchObject({
      via: 'SUPPLIER_POSSIBLE',
      matched: { field: 'screeningEntry', value: 'Beijing Zhong Ke San Huan High-Tech Co., Ltd.' },
      nameKey: nameKey('Beijing Zhong Ke San Huan High-Tech Co., Ltd.'),
      text: expect.stringMatching(
        /^Possible match: your supplier Zhong Ke San Huan may appear on the Entity List .* \(score 0\.\d\d\); confirm or reject it$/,
      ),
    });
    expect(hit!.reason.evidence).toContain("place in the list's name only: beijing (-0.25)");
    const decided = (decision: 'CONFIRMED' | 'REJECTED') =>
      screen([sanHuan], [s], [{ tenantId: 't1', supplierId: s.id, nameKey: hit!.reason.nameKey!, decision }]);
    const [confirmed] = decided('CONFIRMED');
    expect(confirmed).toMatchObject({
      band: 'MATCH',
      reason: { via: 'SUPPLIER_SCREENING', text: expect.stringContaining(reasonText.confirmedByBuyer) },
    });
    expect(decided('REJECTED')).toEqual([]);
  });

  it('holds a name hit both ways: a place or business only the supplier has is another entity (a subsidiary)', () => {
    const shenghe = entry({
      id: 'e-sh',
      name: 'Shenghe Resources Holding Co., Ltd.',
      altNames: ['盛和资源控股股份有限公司'],
      countries: ['CN'],
    });
    expect(
      screen([shenghe], [supplier('Leshan Shenghe Rare Earth Co., Ltd.'), supplier('乐山盛和稀土有限公司')]),
    ).toEqual([]);
    expect(screen([shenghe], [supplier('SHENGHE Resources Holding Co.')]).map((h) => h.band)).toEqual(['MATCH']);
  });

  it('one distinctive word among many is no possible match on a list; industry and place words alone never hit', () => {
    expect(
      screen(
        [entry({ name: 'Neo Performance Materials Inc.', altNames: [], countries: [] })],
        [supplier('Neo Materials')],
      ),
    ).toEqual([]);
    const generic = entry({ name: 'Rare Earth Group', altNames: ['China Technology Industry Co.'], countries: [] });
    expect(
      screen(
        [generic],
        [
          supplier('Rare Earth Group Co., Ltd.'),
          supplier('China Technology Co.'),
          supplier('Rare Earth Industry Group'),
        ],
      ),
    ).toEqual([]);
  });
});

// Real company names (fixtures/README.md in suppliers/) standing in for list entries: each company is listed under its
// legal names (English, Chinese, Japanese, former names), and every labelled variant is registered as a supplier.
describe('screening labelled real names (suppliers/fixtures: rare_earth_companies.json, supplier_name_variants.dev.csv)', () => {
  const dir = join(repoRoot(), 'apps/api/src/matching/suppliers/fixtures');
  const companies: {
    key: string;
    legal_name_en: string;
    legal_name_zh?: string | null;
    legal_name_zh_traditional?: string | null;
    legal_name_ja?: string | null;
    former_names?: string[];
  }[] = JSON.parse(readFileSync(join(dir, 'rare_earth_companies.json'), 'utf8')).companies;
  const rows: { input: string; kind: string; expected_key: string; relation_note: string }[] = parse(
    readFileSync(join(dir, 'supplier_name_variants.dev.csv'), 'utf8'),
    { columns: true },
  );
  const entries: ScreeningEntrySpec[] = companies.map((c) => ({
    id: c.key,
    listName: EL,
    listCode: 'EL',
    name: c.legal_name_en,
    altNames: [c.legal_name_zh, c.legal_name_zh_traditional, c.legal_name_ja, ...(c.former_names ?? [])].filter(
      (x): x is string => !!x,
    ),
    countries: [],
    federalRegisterNotice: null,
  }));
  // Tickers are identifiers of a listing, not names a supplier master holds as its legal name.
  const variants = rows.filter((r) => r.kind !== 'ticker');
  const suppliers = variants.map((r, i) => ({ ...supplier(r.input), id: `v${String(i).padStart(3, '0')}` }));
  const hits = screen(entries, suppliers);
  const hitsOf = (i: number) => hits.filter((h) => h.supplierId === suppliers[i]!.id);

  it('never reports a related but different entity (parent, shareholder, subsidiary, namesake), not even as possible', () => {
    const related = variants.flatMap((r, i) =>
      r.relation_note === 'same' ? [] : hitsOf(i).map((h) => `${r.input} -> ${h.entryId} (${h.band})`),
    );
    expect(variants.filter((r) => r.relation_note !== 'same').length).toBeGreaterThanOrEqual(9);
    expect(related).toEqual([]);
  });

  it('reports a supplier written as any labelled variant on its own company only, nearly always as a match', () => {
    const same = variants.map((r, i) => [r, hitsOf(i)] as const).filter(([r]) => r.relation_note === 'same');
    const wrong = same.flatMap(([r, hs]) =>
      hs.filter((h) => h.entryId !== r.expected_key).map((h) => `${r.input} -> ${h.entryId}`),
    );
    const matched = same.filter(([r, hs]) => hs.some((h) => h.entryId === r.expected_key && h.band === 'MATCH')).length;
    const possible = same.filter(([r, hs]) =>
      hs.some((h) => h.entryId === r.expected_key && h.band === 'POSSIBLE'),
    ).length;
    process.stdout.write(
      `screening on labelled names: ${JSON.stringify({ variants: same.length, matched, possible, missed: same.length - matched - possible, wrong: wrong.length })}\n`,
    );
    expect(wrong).toEqual([]);
    expect(matched / same.length).toBeGreaterThanOrEqual(0.85);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../database/repo-files.js';
import { seedReferenceIndex } from '../testing/reference.js';
import { tagEventText, textFacts } from './tagger.js';
import type { TextTag } from './types.js';

const reference = seedReferenceIndex();
const fixture = (name: string) => readFileSync(join(repoRoot(), 'apps/api/src/matching/fixtures', name), 'utf8');
const values = (tags: TextTag[], kind: TextTag['kind']) => [
  ...new Set(tags.filter((t) => t.kind === kind).map((t) => t.value)),
];

describe('tagEventText', () => {
  it('tags MOFCOM/GAC 2023 No. 39 (graphite, Chinese): elements, the customs codes of both items, forms and dates', () => {
    const body = fixture('mofcom_2023_39_graphite_zh.md');
    const tags = tagEventText({ body }, reference);
    expect(values(tags, 'ELEMENT')).toEqual(['C']);
    expect(values(tags, 'HS_CODE').sort()).toEqual(
      ['2504101000', '2504109100', '3801100030', '3801901000', '3801909010', '3824999940', '6815190020'].sort(),
    );
    expect(values(tags, 'MATERIAL_FORM').sort()).toEqual(['GRAPHITE_ARTIFICIAL', 'GRAPHITE_NATURAL']);
    // "本公告自2023年12月1日起正式实施": a date alone stays a date; "2006年第50号" is no date
    const effective = tags.find((t) => t.kind === 'DATE' && t.text === '2023年12月1日')!;
    expect(effective.value).toBe('2023-12-01');
    expect(effective.timeZone).toBeUndefined();
    expect(tags.filter((t) => t.kind === 'DATE' && t.text.includes('2006'))).toEqual([]);
    // every tag's span is the text that produced it
    for (const t of tags) expect(body.slice(t.start, t.end)).toBe(t.text);
    // the fetch time in the copy's header is a naive Beijing time
    expect(tags.find((t) => t.text === '2026-01-29 07:39:05')).toMatchObject({
      value: '2026-01-29T07:39:05+08:00',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('tags MOFCOM 2024 No. 46 (to the US, Chinese): gallium, germanium, antimony and graphite', () => {
    const body = fixture('mofcom_2024_46_us_zh.md');
    const tags = tagEventText({ body }, reference);
    expect(values(tags, 'ELEMENT').sort()).toEqual(['C', 'Ga', 'Ge', 'Sb']);
    expect(values(tags, 'HS_CODE')).toEqual([]);
    expect(values(tags, 'DATE')).toContain('2024-12-17'); // the site's repost date, as printed
  });

  const summary61 = join(repoRoot(), '../shared/data/cn/raw/mofcom_2025_61_extraterritorial_en_summary.md');
  // A third-party English summary: read from shared/data, not copied into the repository.
  (existsSync(summary61) ? it : it.skip)(
    'tags the English summary of MOFCOM 2025 No. 61 (skipped when shared/data is absent)',
    () => {
      const tags = tagEventText({ body: readFileSync(summary61, 'utf8') }, reference);
      expect(values(tags, 'ELEMENT')).toEqual([]); // "rare earth" names no single element
      expect(values(tags, 'DATE')).toEqual(expect.arrayContaining(['2025-10-09', '2025-12-01']));
      expect(tags.find((t) => t.text === 'October 9, 2025')!.value).toBe('2025-10-09');
    },
  );

  it('reads English and Chinese names, simplified and traditional, and refuses ambiguous bare symbols', () => {
    const tags = tagEventText(
      {
        title: 'In 2025 the US added Y to nothing; W and Mo rose at 3 pm',
        summary:
          'Terbium and dysprosium; 镝、鋱、鏑; Dy and Tb oxides; Y-Al alloy targets; NdFeB and 釹鐵硼 magnets; GaAs wafers',
      },
      reference,
    );
    const title = tags.filter((t) => t.field === 'title');
    expect(title.filter((t) => t.kind === 'ELEMENT')).toEqual([]);
    const el = tags.filter((t) => t.kind === 'ELEMENT');
    expect(el.map((t) => `${t.value}:${t.text}`)).toEqual([
      'Tb:Terbium',
      'Dy:dysprosium',
      'Dy:镝',
      'Tb:鋱',
      'Dy:鏑',
      'Dy:Dy',
      'Tb:Tb',
      'Y:Y',
      'Nd:Nd',
      'Nd:釹',
      'Ga:Ga',
    ]);
    expect(values(tags, 'MATERIAL_FORM')).toEqual(['NDFEB_MAGNET']);
  });

  it('reads codes only where they are codes, entry numbers, and naive Beijing times', () => {
    const tags = tagEventText(
      {
        title: 'Licences for 1C904.a.4 and 6C001.a-d items; HS 8505.11 and 2846.90.1940; 税则号列：28053019',
        body: 'Price 1234.56 per kg in 2025; 1.73 g/cm3; 自2025年10月9日10时起; 2025-11-08 00:00; 2025-02-30; 2846901940',
      },
      reference,
    );
    expect(values(tags, 'CONTROL_ENTRY')).toEqual(['1C904.a.4', '6C001']);
    expect(values(tags, 'HS_CODE')).toEqual(['850511', '2846901940', '28053019']);
    const dates = tags.filter((t) => t.kind === 'DATE');
    expect(dates.map((d) => d.value)).toEqual(['2025-10-09T10:00:00+08:00', '2025-11-08T00:00:00+08:00']);
    expect(dates.every((d) => d.timeZone === 'Asia/Shanghai')).toBe(true);
  });

  it('keeps every mention of a name repeated thousands of times, and drops element tags nested in a longer one', () => {
    // A body that names terbium 4,000 times (the dedupe step once compared each tag with all kept ones).
    const body = 'terbium 铽 '.repeat(2000);
    const tags = tagEventText({ body }, reference).filter((t) => t.kind === 'ELEMENT');
    expect(tags).toHaveLength(4000);
    expect(new Set(tags.map((t) => t.start)).size).toBe(4000);
    expect(tags.every((t) => t.value === 'Tb' && body.slice(t.start, t.end) === t.text)).toBe(true);
    // "Tb-Dy-Fe" tags Tb and Dy once each, not again inside the alloy notation.
    const alloy = tagEventText({ body: 'Tb-Dy-Fe alloy and terbium' }, reference).filter((t) => t.kind === 'ELEMENT');
    expect(alloy.map((t) => [t.value, t.text])).toEqual(
      expect.arrayContaining([
        ['Tb', expect.any(String)],
        ['Dy', expect.any(String)],
      ]),
    );
    for (const t of alloy)
      expect(alloy.filter((o) => o !== t && o.value === t.value && o.start <= t.start && o.end >= t.end)).toEqual([]);
  });

  it('textFacts: the distinct elements (reference order), codes, entries and forms of a text, as structured fields', () => {
    expect(
      textFacts(
        {
          title: 'Exports of gallium and germanium; dysprosium oxide (HS 2846.90.1940), ECCN 1C902.a.1',
          summary: 'NdFeB magnets; germanium again',
        },
        reference,
      ),
    ).toEqual({
      elements: ['Nd', 'Dy', 'Ga', 'Ge'], // the reference data's order (rare earths, then Ga, Ge ...), not the text's
      hsCodes: ['2846901940'],
      controlEntries: ['1C902.a.1'],
      materialForms: ['NDFEB_MAGNET'],
    });
    expect(
      textFacts({ body: '原则上不予许可镓、锗、锑相关两用物项出口；石墨（参考海关商品编号：3801100030）' }, reference),
    ).toMatchObject({ elements: ['Ga', 'Ge', 'Sb', 'C'], hsCodes: ['3801100030'] });
    expect(
      textFacts({ body: 'Indium-free? No: "Tin" and "Y" and Gallium-based are ok but "gallic" is not' }, reference)
        .elements,
    ).toEqual(['Ga', 'In']);
    // A dotted number without a word saying it is a code is no code (a quantity, a version).
    expect(textFacts({ body: 'dysprosium oxide (2846.90.1940)' }, reference).hsCodes).toEqual([]);
  });
});

import { PayloadError } from '../source-connector.js';
import { fixture } from '../testing.js';
import { CslConnector } from './csl.connector.js';
import { listCode, parseConsolidatedScreeningList } from './csl.js';

const csv = fixture('screening/fixtures/csl.csv');
const json = fixture('screening/fixtures/csl.json');

describe('US Consolidated Screening List parser', () => {
  it('reads the JSON envelope: the real Entity List record, with its countries and alternative names', () => {
    const { entries, errors } = parseConsolidatedScreeningList(json);
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      expect.objectContaining({
        externalId: '6147f95232b8e7cd386148e744ee54bbe4ffa7cf454ec984b16c8f45',
        listName: 'Entity List (EL) - Bureau of Industry and Security',
        listCode: 'EL',
        altNames: ['JSC Volgogradneftemash', 'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash'],
        countries: ['RU'],
        startDate: '2015-12-28',
        federalRegisterNotice: null,
      }),
    ]);
  });

  it('reads the CSV: ";"-packed cells, comma-joined addresses, a leading space, the stray 0x1A line', () => {
    const { entries, errors } = parseConsolidatedScreeningList(csv);
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.listCode, e.name, e.countries, e.federalRegisterNotice])).toEqual([
      ['DPL', 'MICKEY MOUSE', [], '82 F.R. 48792 10/01/2017'],
      ['EL', expect.stringMatching(/^OAO Volgogradneftemash \(f\.k\.a\. /), ['RU'], null],
    ]);
    expect(entries[1]!.altNames).toEqual(['JSC Volgogradneftemash', 'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash']);
  });

  it('names the entries it cannot use and keeps the others', () => {
    const body = JSON.stringify({ results: [{ id: 'x1', source: 'Entity List (EL) - Bureau of Industry and Security', name: 'Good Co' }, { id: 'x2', source: 'SDN' }, { name: 'no id' }] });
    const { entries, errors } = parseConsolidatedScreeningList(body);
    expect(entries.map((e) => e.externalId)).toEqual(['x1']);
    expect(errors).toEqual([
      { item: 'results[1].name', message: 'entry x2 has no name' },
      { item: 'results[2].id', message: 'entry has no id (the only unique key of the list)' },
    ]);
  });

  it('rejects truncated JSON, a CSV of another shape, and an HTML page', () => {
    expect(() => parseConsolidatedScreeningList(json.slice(0, 400))).toThrow(/not valid JSON/);
    expect(() => parseConsolidatedScreeningList('entity,country\nFoo,CN\n')).toThrow(/no "_id" column/);
    expect(() => parseConsolidatedScreeningList('{"error":"quota"}')).toThrow(PayloadError);
    const connector = new CslConnector({ enabled: true, url: 'https://csl.test/consolidated.json', intervalMinutes: 1440 });
    expect(() => connector.parse({ url: null, status: null, contentType: 'text/html', body: '<html><body>Maintenance</body></html>' })).toThrow(PayloadError);
  });

  it('listCode', () => {
    expect(listCode('Military End User (MEU) List - Bureau of Industry and Security')).toBe('MEU');
    expect(listCode('Specially Designated Nationals (SDN) - Treasury Department')).toBe('SDN');
    expect(listCode('Some list')).toBeNull();
  });
});

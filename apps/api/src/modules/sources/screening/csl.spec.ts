import { PayloadError } from '../source-connector.js';
import { fixture } from '../testing.js';
import { CslConnector } from './csl.connector.js';
import { listCode, listedIdentifiers, parseConsolidatedScreeningList } from './csl.js';

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
    expect(entries[1]!.altNames).toEqual([
      'JSC Volgogradneftemash',
      'Otkrytoe Aktsionernoe Obshchestvo Volgogradneftemash',
    ]);
  });

  it('names the entries it cannot use and keeps the others', () => {
    const body = JSON.stringify({
      results: [
        { id: 'x1', source: 'Entity List (EL) - Bureau of Industry and Security', name: 'Good Co' },
        { id: 'x2', source: 'SDN' },
        { name: 'no id' },
      ],
    });
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
    const connector = new CslConnector({
      enabled: true,
      url: 'https://csl.test/consolidated.json',
      intervalMinutes: 1440,
    });
    expect(() =>
      connector.parse({
        url: null,
        status: null,
        contentType: 'text/html',
        body: '<html><body>Maintenance</body></html>',
      }),
    ).toThrow(PayloadError);
  });

  it("keeps the USCC and LEI among an entry's ids (JSON objects or a CSV cell), check characters verified", () => {
    expect(listedIdentifiers(JSON.parse(json).results[0])).toEqual([]); // the real record lists no ids
    const ids = [
      { type: 'Unified Social Credit Code (USCC)', number: '914403001922038216', country: 'CN' },
      { type: 'Legal Entity Number', number: '529900T8BM49AURSDO55' },
      { type: 'Registration Number', number: '1027739001993', country: 'RU' },
      { type: 'Unified Social Credit Code (USCC)', number: '914403001922038217' }, // wrong check character
    ];
    expect(listedIdentifiers({ ids })).toEqual(['914403001922038216', '529900T8BM49AURSDO55']);
    expect(
      listedIdentifiers({
        ids: 'Unified Social Credit Code (USCC), 914403001922038216, CN; Website, http://example.cn',
      }),
    ).toEqual(['914403001922038216']);
    expect(listedIdentifiers({ ids: null })).toEqual([]);
  });

  it('listCode', () => {
    expect(listCode('Military End User (MEU) List - Bureau of Industry and Security')).toBe('MEU');
    expect(listCode('Specially Designated Nationals (SDN) - Treasury Department')).toBe('SDN');
    expect(listCode('Some list')).toBeNull();
  });
});

import { validateDto } from '../../../common/validation.js';
import { PolicyChangeDto } from '../../events/dto/policy-change.dto.js';
import { RecordedHttpClient } from '../http-client.js';
import { PayloadError, type ParsedPayload } from '../source-connector.js';
import { filePayload, fixture, referenceContext } from '../testing.js';
import { FederalRegisterConnector, type FederalRegisterConfig } from './federal-register.connector.js';

const config: FederalRegisterConfig = {
  enabled: true,
  baseUrl: 'https://fr.test/api/v1',
  intervalMinutes: 60,
  agencies: ['industry-and-security-bureau'],
  terms: ['rare earth', 'Entity List'],
  since: '2025-01-01',
  maxPages: 5,
};
const connector = new FederalRegisterConnector(config);
const context = referenceContext();
// Real documents re-assembled in the API v1 layout (shared/data/us/federal_register_examples.json, sources inside).
const examples = fixture('federal-register/federal_register_examples.json');

describe('Federal Register connector: parse', () => {
  const parsed = connector.parse(filePayload(examples), context);
  const byId = Object.fromEntries(parsed.policyChanges.map((p) => [p.externalId, p]));

  it('maps every recorded document to a policy change that passes ingestion validation', async () => {
    expect(parsed.errors).toEqual([]);
    expect(Object.keys(byId).sort()).toEqual([
      '2025-00480',
      '2025-00704',
      '2025-05427',
      '2025-06836',
      '2025-07273',
      '2025-19001',
    ]);
    for (const [i, p] of parsed.policyChanges.entries())
      await expect(validateDto(PolicyChangeDto, p, `[${i}]`)).resolves.toBeInstanceOf(PolicyChangeDto);
  });

  it('maps an Entity List final rule: BIS, imposed, publication and effective dates, citation, html_url', () => {
    expect(byId['2025-00480']).toMatchObject({
      source: 'federal-register',
      jurisdiction: 'US',
      issuer: 'BIS',
      action: 'IMPOSED',
      title: 'Additions to the Entity List',
      reference: 'FR Doc. 2025-00480, 90 FR 4621',
      publishedOn: '2025-01-16',
      effectiveDate: '2025-01-16',
      sourceUrl: 'https://www.federalregister.gov/documents/2025/01/16/2025-00480/additions-to-the-entity-list',
    });
    expect(byId['2025-00480']!.summary).toContain('adding 16 entities to the Entity List');
    expect(byId['2025-00480']!.summary).toContain(
      'Federal Register Rule (Final rule), published 2025-01-16, effective 2025-01-16',
    );
  });

  it('keeps an effective date that precedes publication as given (2025-05427: effective 03-25, published 03-28)', () => {
    expect(byId['2025-05427']).toMatchObject({ publishedOn: '2025-03-28', effectiveDate: '2025-03-25' });
  });

  it('maps notices and presidential documents to NOTICE, without an effective date they lack', () => {
    expect(byId['2025-07273']).toMatchObject({ action: 'NOTICE', issuer: 'BIS' });
    expect(byId['2025-07273']).not.toHaveProperty('effectiveDate');
    expect(byId['2025-07273']).not.toHaveProperty('publishedOn'); // the recorded copy has publication_date null
    expect(byId['2025-06836']).toMatchObject({ action: 'NOTICE', issuer: 'President of the United States' });
    expect(byId['2025-19001']).toMatchObject({
      action: 'IMPOSED',
      publishedOn: '2025-09-30',
      effectiveDate: '2025-09-29',
    });
  });

  it('moves the cursor to the latest publication date seen', () => {
    expect(parsed.cursor).toEqual({ publicationDateGte: '2025-09-30' });
  });

  it('tags elements and codes named in the text', () => {
    const doc = {
      ...JSON.parse(examples).results[0],
      document_number: '2099-00001',
      abstract: 'Controls on gallium, germanium and antimony items (ECCN 1C992; HS 8112.92).',
    };
    const out = connector.parse(filePayload(JSON.stringify({ results: [doc] })), context);
    expect(out.policyChanges[0]).toMatchObject({
      elements: ['Ga', 'Ge', 'Sb'],
      controlEntries: ['1C992'],
      hsCodes: ['811292'],
    });
  });
});

describe('Federal Register connector: broken input', () => {
  it('rejects truncated JSON as a whole', () => {
    expect(() => connector.parse(filePayload(examples.slice(0, 700)), context)).toThrow(PayloadError);
    expect(() => connector.parse(filePayload(examples.slice(0, 700)), context)).toThrow(/not valid JSON/);
  });

  it('rejects an HTML error page and JSON of another shape', () => {
    expect(() => connector.parse(filePayload('<html><body>502 Bad Gateway</body></html>'), context)).toThrow(
      /not valid JSON/,
    );
    expect(() => connector.parse(filePayload('{"errors":["rate limited"]}'), context)).toThrow(/no results array/);
  });

  it('reads dates in odd formats when unambiguous, and rejects only the item whose date it cannot read', () => {
    const [a, b, c] = JSON.parse(examples).results;
    const body = JSON.stringify({
      results: [
        { ...a, publication_date: '01/16/2025', effective_on: 'January 16, 2025' },
        { ...b, publication_date: '16th of Jan' },
        { ...c, effective_on: '2025-02-30' },
        { title: 'no number' },
      ],
    });
    const out = connector.parse(filePayload(body), context);
    expect(out.policyChanges.map((p) => [p.externalId, p.publishedOn, p.effectiveDate])).toEqual([
      ['2025-00480', '2025-01-16', '2025-01-16'],
    ]);
    expect(out.errors).toEqual([
      { item: 'results[1].publication_date', message: 'FR Doc. 2025-00704: unreadable publication_date "16th of Jan"' },
      { item: 'results[2].effective_on', message: 'FR Doc. 2025-05427: unreadable effective_on "2025-02-30"' },
      { item: 'results[3].document_number', message: 'missing document_number' },
    ]);
  });
});

describe('Federal Register connector: fetch', () => {
  it('searches each term since the cursor and follows next_page_url', async () => {
    const docs = JSON.parse(examples).results;
    const page2 = 'https://fr.test/api/v1/documents.json?page=2';
    const http = new RecordedHttpClient({
      [connector.searchUrl('rare earth', '2025-09-01')]: {
        body: JSON.stringify({ count: 2, next_page_url: page2, results: [docs[0]] }),
      },
      [page2]: { body: JSON.stringify({ count: 2, results: [docs[1]] }) },
      [connector.searchUrl('Entity List', '2025-09-01')]: { body: JSON.stringify({ count: 0, results: [] }) },
    });
    const seen: string[] = [];
    const gen = connector.fetch(http, { publicationDateGte: '2025-09-01' });
    let step = await gen.next(null);
    while (!step.done) {
      const parsed: ParsedPayload = connector.parse(step.value, context);
      seen.push(...parsed.policyChanges.map((p) => String(p.externalId)));
      step = await gen.next(parsed);
    }
    expect(seen).toEqual(['2025-00480', '2025-00704']);
    expect(http.requested).toHaveLength(3);
    const first = new URL(http.requested[0]!);
    expect(first.searchParams.get('conditions[term]')).toBe('rare earth');
    expect(first.searchParams.getAll('conditions[agencies][]')).toEqual(['industry-and-security-bureau']);
    expect(first.searchParams.get('conditions[publication_date][gte]')).toBe('2025-09-01');
    expect(first.searchParams.getAll('fields[]')).toContain('effective_on');
  });
});

import { validateDto } from '../../../common/validation.js';
import { PolicyChangeDto } from '../../events/dto/policy-change.dto.js';
import { RecordedHttpClient } from '../http-client.js';
import { PayloadError } from '../source-connector.js';
import { filePayload, fixture, referenceContext } from '../testing.js';
import { NewsConnector, readDate } from './news.connector.js';

const connector = new NewsConnector({ enabled: true, feedUrls: ['https://news.test/feed.xml'], intervalMinutes: 60 });
const context = referenceContext();
// Feeds built from shared/data/news/events_2025.json (see the comment in each file).
const rss = fixture('news/fixtures/critical-minerals.rss.xml');
const atom = fixture('news/fixtures/rare-earth-policy.atom.xml');
const parse = (body: string) => connector.parse(filePayload(body, 'application/xml'), context);

describe('news connector', () => {
  it('reads RSS 2.0: relevant items only, as unofficial policy changes that pass ingestion validation', async () => {
    const out = parse(rss);
    expect(out.policyChanges).toHaveLength(8); // of 10: one off-topic (tariff deal), one naming no jurisdiction
    for (const p of out.policyChanges) {
      expect(p).toMatchObject({ source: 'news', official: false, issuer: 'News: Critical minerals wire (fixture)' });
      await expect(validateDto(PolicyChangeDto, p)).resolves.toBeInstanceOf(PolicyChangeDto);
    }
    expect(out.policyChanges[0]).toMatchObject({
      externalId: 'urn:fixture:2025-04-04-07440',
      jurisdiction: 'CN',
      action: 'IMPOSED',
      title: 'China imposes export licensing on seven medium/heavy rare earths (MOFCOM/GAC No. 18)',
      publishedAt: '2025-04-04T08:00:00.000Z',
      sourceUrl:
        'https://hklaw.com/en/insights/publications/2025/04/china-imposes-export-controls-on-medium-and-heavy-rare-earth-materials',
      // "Sm, Gd, Tb, Dy, Lu, Sc, Y metals ...": unambiguous symbols standing alone are elements; a lone "Y" is not.
      elements: ['Sc', 'Sm', 'Gd', 'Tb', 'Dy', 'Lu'],
    });
    expect(out.errors).toEqual([
      {
        item: 'items[4]',
        message: '"Trump–Xi phone call on rare earth magnets": no jurisdiction named (China, US, EU ...)',
      },
    ]);
  });

  it('reads Atom: ids, alternate links, zoned times, HTML summaries as text, tags from the text', () => {
    const out = parse(atom);
    expect(out.errors).toEqual([]);
    const ban = out.policyChanges.find((p) => p.externalId === 'urn:fixture:2025-11-09:policy_change')!;
    expect(ban).toMatchObject({
      action: 'SUSPENDED',
      jurisdiction: 'CN',
      elements: ['Ga', 'Ge', 'Sb', 'C'],
      publishedAt: '2025-11-09T01:00:00.000Z',
    });
    expect(ban.summary).not.toMatch(/<p>/);
  });

  it('a feed with dates in odd formats: readable ones become dates, the others are kept without a date and reported', () => {
    const item = (title: string, date: string) =>
      `<item><title>${title}</title><link>https://n.test/${encodeURIComponent(date)}</link><pubDate>${date}</pubDate></item>`;
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Odd</title>
      ${item('China widens rare earth export controls', 'Fri, 07 Nov 2025 16:30:00 +0800')}
      ${item('China suspends gallium export ban', '2025-11-09 10:00')}
      ${item('MOFCOM grants rare earth export licences', 'Nov 7th, 2025')}
      ${item('China lifts graphite export controls', '07/11/2025')}
    </channel></rss>`;
    const out = parse(body);
    expect(out.policyChanges.map((p) => [p.action, p.publishedAt ?? null, p.publishedOn ?? null])).toEqual([
      ['IMPOSED', '2025-11-07T08:30:00.000Z', null],
      ['SUSPENDED', null, '2025-11-09'],
      ['LICENSING_RULE', null, null],
      ['LIFTED', null, null],
    ]);
    expect(out.errors.map((e) => e.item)).toEqual(['items[2].date', 'items[3].date']);
    expect(out.errors[0]!.message).toBe(
      '"MOFCOM grants rare earth export licences": date "Nov 7th, 2025" not understood; kept without a date',
    );
  });

  it('rejects truncated XML, HTML and XML of another kind as a whole', () => {
    expect(() => parse(rss.slice(0, 900))).toThrow(PayloadError);
    expect(() => parse(rss.slice(0, 900))).toThrow(/not well-formed XML/);
    expect(() => parse('<html><body><p>Just a moment...</p></body>')).toThrow(/not well-formed XML/);
    expect(() => parse('<?xml version="1.0"?><urlset><url><loc>https://n.test/</loc></url></urlset>')).toThrow(
      /neither RSS/,
    );
  });

  it('readDate', () => {
    expect(readDate('Tue, 04 Nov 2025 08:00:00 GMT')).toEqual({ instant: '2025-11-04T08:00:00.000Z' });
    expect(readDate('2025-11-04T16:00:00+08:00')).toEqual({ instant: '2025-11-04T08:00:00.000Z' });
    expect(readDate('2025-11-04')).toEqual({ date: '2025-11-04' });
    expect(readDate('04/11/2025')).toEqual({});
  });

  it('fetches each configured feed', async () => {
    const http = new RecordedHttpClient({
      'https://news.test/feed.xml': { body: rss, contentType: 'application/rss+xml' },
    });
    const gen = connector.fetch(http);
    expect((await gen.next(null)).value).toMatchObject({ url: 'https://news.test/feed.xml', body: rss });
    expect((await gen.next(null)).done).toBe(true);
  });
});

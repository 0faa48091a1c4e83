import { validateDto } from '../../../common/validation.js';
import { PolicyChangeDto } from '../../events/dto/policy-change.dto.js';
import { RecordedHttpClient } from '../http-client.js';
import { PayloadError } from '../source-connector.js';
import { filePayload, fixture, referenceContext } from '../testing.js';
import { MofcomConnector } from './mofcom.connector.js';

const connector = new MofcomConnector({
  enabled: true,
  pageUrls: ['http://mofcom.test/a/912.html'],
  intervalMinutes: 360,
});
const context = referenceContext();
const html = (body: string, url: string | null = 'http://mofcom.test/a/912.html') => ({
  url,
  status: 200,
  contentType: 'text/html',
  body,
});
const page = (name: string) => html(fixture(`mofcom/fixtures/${name}`), null);

describe('MOFCOM connector: structured announcements (announcements_index.json)', () => {
  // shared/data/cn/announcements_index.json: facts from public copies of MOFCOM/GAC announcements (sources inside).
  const parsed = connector.parse(filePayload(fixture('mofcom/fixtures/announcements_index.json')), context);
  const byId = Object.fromEntries(parsed.policyChanges.map((p) => [p.externalId, p]));

  it('imports every announcement as a policy change that passes ingestion validation', async () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.policyChanges).toHaveLength(13);
    for (const [i, p] of parsed.policyChanges.entries())
      await expect(validateDto(PolicyChangeDto, p, `[${i}]`)).resolves.toBeInstanceOf(PolicyChangeDto);
  });

  it('maps No. 18: number, dates, elements, customs codes', () => {
    expect(byId['MOFCOM-GAC-2025-18']).toMatchObject({
      source: 'mofcom',
      jurisdiction: 'CN',
      issuer: 'MOFCOM/GAC',
      action: 'IMPOSED',
      reference: 'MOFCOM/GAC Announcement 2025 No. 18',
      title: '公布对部分中重稀土相关物项实施出口管制的决定',
      publishedOn: '2025-04-04',
      effectiveDate: '2025-04-04',
      elements: ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y'],
    });
    expect(byId['MOFCOM-GAC-2025-18']!.hsCodes).toContain('2805301910');
  });

  it('maps No. 57 with control-list entries and an 8-digit code, and keeps its status visible', () => {
    expect(byId['MOFCOM-GAC-2025-57']).toMatchObject({
      elements: ['Ho', 'Er', 'Tm', 'Eu', 'Yb'],
      controlEntries: ['1C909', '1C910', '1C911', '1C912', '1C913'],
      hsCodes: ['28053019'],
      effectiveDate: '2025-11-08',
    });
    expect(byId['MOFCOM-GAC-2025-57']!.summary).toContain(
      'Status: suspended 2025-11-07 (before effective date) to 2026-11-10 by No. 70.',
    );
  });

  it('maps the No. 70 suspension: what it suspends and until when', () => {
    expect(byId['MOFCOM-GAC-2025-70']).toMatchObject({
      action: 'SUSPENDED',
      affects: [
        'MOFCOM-GAC-2025-55',
        'MOFCOM-GAC-2025-56',
        'MOFCOM-GAC-2025-57',
        'MOFCOM-GAC-2025-58',
        'MOFCOM-2025-61',
        'MOFCOM-2025-62',
      ],
      effectiveDate: '2025-11-07',
      endDate: '2026-11-10',
    });
    const clause2 = byId['MOFCOM-2025-11-09-suspension-of-46-clause-2']!;
    expect(clause2).toMatchObject({
      action: 'SUSPENDED',
      affects: ['MOFCOM-2024-46'],
      endDate: '2026-11-27',
      reference: 'MOFCOM reported as 2025 No. 72 — UNVERIFIED',
    });
    expect(clause2.summary).toContain('Affects: MOFCOM-2024-46 clause 2.');
  });

  it('maps No. 46 (ban to the US): destination, graphite tagged from words, other items kept in the summary', () => {
    expect(byId['MOFCOM-2024-46']).toMatchObject({
      issuer: 'MOFCOM',
      destinations: ['US'],
      elements: ['Ga', 'Ge', 'Sb', 'C'],
    });
    expect(byId['MOFCOM-2024-46']!.summary).toContain('Items named: superhard materials; graphite (stricter review).');
  });

  it('takes the earliest of several effective dates and keeps them all in the summary (No. 61)', () => {
    expect(byId['MOFCOM-2025-61']).toMatchObject({ effectiveDate: '2025-10-09' });
    expect(byId['MOFCOM-2025-61']!.summary).toContain('Effective: 2025-10-09 (China-origin Annex 1 items); 2025-12-01');
  });

  it('rejects only the broken announcements, naming them', () => {
    const body = JSON.stringify([
      {
        id: 'MOFCOM-GAC-2099-1',
        issuer: ['MOFCOM', 'GAC'],
        issued: '2099-01-01',
        action: 'licence_required',
        elements: ['Dy'],
      },
      { id: 'MOFCOM-GAC-2099-2', issuer: ['MOFCOM'], issued: '1 Smarch 2099', action: 'licence_required' },
      { id: 'MOFCOM-GAC-2099-3', action: 'embargo' },
      'not an object',
    ]);
    const out = connector.parse(filePayload(body), context);
    expect(out.policyChanges.map((p) => p.externalId)).toEqual(['MOFCOM-GAC-2099-1']);
    expect(out.errors.map((e) => e.item)).toEqual(['[1].issued', '[2].action', '[3]']);
  });

  it('rejects truncated JSON as a whole', () => {
    expect(() =>
      connector.parse(filePayload(fixture('mofcom/fixtures/announcements_index.json').slice(0, 300)), context),
    ).toThrow(/not valid JSON/);
  });
});

describe('MOFCOM connector: announcement pages (HTML)', () => {
  it('parses the 2023 No. 39 graphite page: number, issuers, date-only publication, effective date, customs codes', async () => {
    const [dto] = connector.parse(page('mofcom_2023_39_graphite.html'), context).policyChanges;
    expect(dto).toMatchObject({
      source: 'mofcom',
      externalId: 'MOFCOM-GAC-2023-39',
      issuer: 'MOFCOM/GAC',
      action: 'AMENDED',
      reference: 'MOFCOM/GAC Announcement 2023 No. 39',
      title: '商务部 海关总署关于优化调整石墨物项临时出口管制措施的公告',
      publishedOn: '2023-10-20',
      effectiveDate: '2023-12-01',
      elements: ['C'],
      hsCodes: ['3801100030', '3801909010', '6815190020', '2504101000', '2504109100', '3801901000', '3824999940'],
      affects: ['MOFCOM-COSTIND-GAC-2006-50'],
      destinations: [],
      sourceUrl: 'http://exportcontrol.mofcom.gov.cn/article/zcfg/gnzcfg/zcfggzqd/202310/912.html',
    });
    expect(dto).not.toHaveProperty('publishedAt'); // a date stays a date
    await expect(validateDto(PolicyChangeDto, dto)).resolves.toBeInstanceOf(PolicyChangeDto);
  });

  it('parses the 2024 No. 46 page: MOFCOM alone, destination US, elements by Chinese name', () => {
    const [dto] = connector.parse(page('mofcom_2024_46_us.html'), context).policyChanges;
    expect(dto).toMatchObject({
      externalId: 'MOFCOM-2024-46',
      issuer: 'MOFCOM',
      action: 'IMPOSED',
      destinations: ['US'],
      elements: ['Ga', 'Ge', 'Sb', 'C'],
      publishedOn: '2024-12-17',
    });
    expect(dto).not.toHaveProperty('effectiveDate'); // the copied text names none
  });

  it('reads a naive publication time as Asia/Shanghai, and a suspension with what it suspends and until when', () => {
    // Constructed page (facts of No. 70 from announcements_index.json; wording written for the test).
    const body = `<html><head><meta name="ArticleTitle" content="商务部 海关总署关于暂停实施部分出口管制措施的公告"><meta name="PubDate" content="2025-11-07 16:30"></head>
      <body><div class="art-con"><p>商务部 海关总署公告2025年第70号</p><p>暂停实施商务部 海关总署公告2025年第55号、第56号、第57号、第58号及商务部公告2025年第61号、第62号，暂停至2026年11月10日。</p><p>本公告自公布之日起实施。</p></div></body></html>`;
    const [dto] = connector.parse(html(body), context).policyChanges;
    expect(dto).toMatchObject({
      externalId: 'MOFCOM-GAC-2025-70',
      action: 'SUSPENDED',
      publishedAt: '2025-11-07T16:30:00+08:00',
      publishedOn: '2025-11-07',
      effectiveDate: '2025-11-07',
      endDate: '2026-11-10',
      affects: [
        'MOFCOM-GAC-2025-55',
        'MOFCOM-GAC-2025-56',
        'MOFCOM-GAC-2025-57',
        'MOFCOM-GAC-2025-58',
        'MOFCOM-2025-61',
        'MOFCOM-2025-62',
      ],
      sourceUrl: 'http://mofcom.test/a/912.html',
    });
    expect(new Date(dto!.publishedAt as string).toISOString()).toBe('2025-11-07T08:30:00.000Z');
  });

  it('rejects HTML without the expected parts, saying which', () => {
    const graphite = fixture('mofcom/fixtures/mofcom_2023_39_graphite.html');
    expect(() => connector.parse(html('<html><body><p>404 页面不存在</p></body></html>'), context)).toThrow(
      PayloadError,
    );
    expect(() =>
      connector.parse(
        html('<html><head><title>首页</title></head><body><div class="nav">导航</div></body></html>'),
        context,
      ),
    ).toThrow(/no announcement text/);
    expect(() => connector.parse(html(graphite.replace('商务部 海关总署公告2023年第39号', '')), context)).toThrow(
      /names no announcement number/,
    );
    // Truncated mid-page: the parser is lenient, what is there is used.
    const [cut] = connector.parse(html(graphite.slice(0, graphite.indexOf('二、'))), context).policyChanges;
    expect(cut).toMatchObject({ externalId: 'MOFCOM-GAC-2023-39', elements: ['C'] });
    expect(cut).not.toHaveProperty('effectiveDate');
  });

  it('fetches the configured pages', async () => {
    const http = new RecordedHttpClient({
      'http://mofcom.test/a/912.html': { body: '<html></html>', contentType: 'text/html' },
    });
    const gen = connector.fetch(http);
    const first = await gen.next(null);
    expect(first.value).toMatchObject({ url: 'http://mofcom.test/a/912.html', status: 200, contentType: 'text/html' });
    expect((await gen.next(null)).done).toBe(true);
  });
});

import { DigestEmail } from './emails/digest.email.js';
import { ExpiryReminderEmail } from './emails/expiry-reminder.email.js';
import { ReversalEmail } from './emails/reversal.email.js';
import { renderEmail } from './registry.js';
import type { DigestTemplateProps } from './types.js';

const TAG = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i;
const links = {
  preferencesUrl: 'https://lodestone.example/v1/email/preferences?token=a.b',
  unsubscribeUrl: 'https://lodestone.example/v1/email/unsubscribe?token=c.d',
};

describe('digest template', () => {
  const preview: DigestTemplateProps = DigestEmail.PreviewProps;

  it('groups alerts by element and supplier in HTML and text, with local times and footer links', async () => {
    const out = await renderEmail('digest', { ...preview, ...links });
    expect(out.subject).toBe(
      'Lodestone daily digest: 2 alerts (Dysprosium (Dy), JL MAG Rare-Earth Co., Ltd. (江西金力永磁科技股份有限公司)) — 9 Oct 2025',
    );
    expect(out.html).toContain('>Dysprosium (Dy)</h2>');
    expect(out.html).toContain('江西金力永磁科技股份有限公司');
    expect(out.html).toContain('MOFCOM Announcement 2025 No. 61');
    // Window shown in the user's zone (Berlin, CEST in October).
    expect(out.html).toContain('8 Oct 2025, 08:00 CEST');
    expect(out.text).not.toMatch(TAG);
    expect(out.text).toContain('Dysprosium (Dy)');
    expect(out.text).toContain('[HIGH]');
    expect(out.text).toContain(`Unsubscribe ${links.unsubscribeUrl}`);
    expect(out.html).toContain(`href="${links.preferencesUrl}"`);
  });

  it('ends every digest with the enabled sources: last success in the user zone, items new, and a warning for a failing one', async () => {
    const out = await renderEmail('digest', preview);
    expect(out.html).toContain('>Sources</h2>');
    expect(out.text).toContain('federal-register: last success 9 Oct 2025, 07:00 CEST; 2 new items in this period');
    expect(out.text).toContain('mofcom: last success 8 Oct 2025, 00:00 CEST; 1 new item in this period');
    expect(out.text).toContain(
      'Warning: mofcom is failing since its last success (8 Oct 2025, 00:00 CEST), 3 attempts in a row; last error 9 Oct 2025, 06:00 CEST: HTTP 503 from https://www.mofcom.gov.cn/',
    );
    expect(out.html).toMatch(/<div style="color:#b91c1c;font-weight:700">Warning: mofcom is failing/);
    expect(out.text.indexOf('Sources')).toBeGreaterThan(out.text.indexOf('Export licence granted to JL MAG'));
    const never = await renderEmail('digest', {
      ...preview,
      sources: [
        {
          source: 'news',
          lastSuccessAt: null,
          itemsNew: 0,
          failing: {
            consecutiveFailures: 1,
            lastErrorAt: '2025-10-09T05:30:00.000Z',
            lastError: 'getaddrinfo\nENOTFOUND feeds.example',
          },
        },
      ],
    });
    expect(never.text).toContain('news: last success never; 0 new items in this period');
    expect(never.text).toContain(
      'Warning: news is failing and has never succeeded, 1 attempt in a row; last error 9 Oct 2025, 07:30 CEST: getaddrinfo ENOTFOUND feeds.example',
    );
  });

  it('a nothing-new digest shows the sources section instead of the event-based list when sources are given', async () => {
    const out = await renderEmail('digest', {
      ...preview,
      groups: [],
      sourcesChecked: [{ source: 'mofcom', lastEventAt: null }],
    });
    expect(out.text).toContain('Nothing new matched your watchlist or suppliers in this period.');
    expect(out.text).toContain('Warning: mofcom is failing');
    expect(out.text).not.toContain('Sources checked');
  });

  it("shows the team's own assessment: impact of the measure and whether the alert applies", async () => {
    const [group, ...rest] = preview.groups;
    const item = group!.alerts[0]!;
    const out = await renderEmail('digest', {
      ...preview,
      groups: [
        {
          ...group!,
          alerts: [
            { ...item, impact: { status: 'CONFIRMED', expectedDurationDays: 90, note: null } },
            {
              ...item,
              alertId: `${item.alertId}-2`,
              impact: null,
              applies: { applies: false, reason: 'we buy no\nDy-bearing parts' },
            },
            { ...item, alertId: `${item.alertId}-3`, impact: null, applies: null },
          ],
        },
        ...rest,
      ],
    });
    expect(out.text).toContain('Your team: impact confirmed (about 90 days)');
    expect(out.text).toContain('Your team: does not apply (we buy no Dy-bearing parts)');
    expect(out.text.match(/Your team:/g)).toHaveLength(2); // the third item has nothing recorded
  });

  it('leads each alert with its impact on the parts when it reaches any', async () => {
    const out = await renderEmail('digest', preview);
    expect(out.text).toContain(
      'Your parts: 5 parts in 3 products, EUR 8.2 M annual spend, 2 parts sole-sourced from JL MAG Rare-Earth Co., Ltd.',
    );
    expect(out.text.match(/Your parts:/g)).toHaveLength(1); // the licence alert of the preview reaches none
  });

  it('says nothing new and names the sources checked when empty', async () => {
    const out = await renderEmail('digest', {
      ...preview,
      sources: undefined,
      groups: [],
      sourcesChecked: [
        { source: 'mofcom', lastEventAt: '2025-10-09T04:00:00.000Z' },
        { source: 'federal-register', lastEventAt: null },
      ],
    });
    expect(out.subject).toBe('Lodestone daily digest: nothing new — 9 Oct 2025');
    expect(out.text).toContain('Nothing new matched your watchlist or suppliers in this period.');
    expect(out.text).toContain('mofcom: last event 9 Oct 2025, 06:00 CEST');
    expect(out.text).toContain('federal-register: last event none yet');
  });

  it('rejects malformed props', async () => {
    await expect(renderEmail('digest', { ...preview, frequency: 'HOURLY' } as never)).rejects.toThrow(
      /frequency must be DAILY or WEEKLY/,
    );
    await expect(renderEmail('digest', { ...preview, groups: undefined } as never)).rejects.toThrow(
      /props\.groups must be an array/,
    );
    await expect(renderEmail('digest', { ...preview, sources: [{ source: 'mofcom' }] } as never)).rejects.toThrow(
      /props\.sources\[0\] must have a source and itemsNew/,
    );
  });
});

describe('expiry-reminder template', () => {
  it('reminds of a lapsing suspension with the measures back in force', async () => {
    const out = await renderEmail('expiry-reminder', ExpiryReminderEmail.PreviewProps);
    expect(out.subject).toBe(
      '[Reminder] Suspension ends in 30 days (2026-11-10): MOFCOM Announcement 2025 No. 61, MOFCOM/GAC Announcement 2025 No. 62 back in force',
    );
    expect(out.html).toContain('Suspension of controls ends in 30 days');
    expect(out.text).toContain('back in force from that date');
    expect(out.text).toContain('Read the source https://www.mofcom.gov.cn/');
  });

  it('reminds of a supplier licence ending, naming the exporter in Chinese', async () => {
    const out = await renderEmail('expiry-reminder', {
      ...ExpiryReminderEmail.PreviewProps,
      kind: 'PERMIT_EXPIRY',
      daysLeft: 1,
      endDate: '2026-12-01',
      title: 'General rare-earth export licence',
      exporterName: '江西金力永磁科技股份有限公司',
      concerned: ['JL MAG Rare-Earth Co., Ltd.'],
      sourceUrl: null,
    });
    expect(out.subject).toBe('[Reminder] Export licence of 江西金力永磁科技股份有限公司 ends in 1 day (2026-12-01)');
    expect(out.text).toContain('JL MAG Rare-Earth Co., Ltd.');
    expect(out.html).not.toContain('Read the source');
  });
});

describe('reversal template', () => {
  it('says what changed and lists the earlier alerts with their new status', async () => {
    const out = await renderEmail('reversal', ReversalEmail.PreviewProps);
    expect(out.subject).toBe('[Update] MOFCOM Announcement 2025 No. 61 suspended — 1 earlier alert changed');
    expect(out.text).toContain('suspends MOFCOM Announcement 2025 No. 61 until 2026-11-10');
    expect(out.text).toMatch(/now suspended \(alert 01960127-/);
    expect(out.text).not.toMatch(TAG);
  });

  it('renders its button with Outlook (mso) spacers', async () => {
    const out = await renderEmail('reversal', ReversalEmail.PreviewProps);
    expect(out.html).toContain('<!--[if mso]>');
    expect(out.html).toMatch(/mso-text-raise/);
    expect(out.html).toMatch(/<a href="https:\/\/www\.mofcom\.gov\.cn\/"[^>]*padding:10px 18px/);
  });
});

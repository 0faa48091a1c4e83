import { DigestEmail } from './emails/digest.email.js';
import { ExpiryReminderEmail } from './emails/expiry-reminder.email.js';
import { ReversalEmail } from './emails/reversal.email.js';
import { renderEmail } from './registry.js';
import type { DigestTemplateProps } from './types.js';

const TAG = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i;
const links = { preferencesUrl: 'https://lodestone.example/v1/email/preferences?token=a.b', unsubscribeUrl: 'https://lodestone.example/v1/email/unsubscribe?token=c.d' };

describe('digest template', () => {
  const preview: DigestTemplateProps = DigestEmail.PreviewProps;

  it('groups alerts by element and supplier in HTML and text, with local times and footer links', async () => {
    const out = await renderEmail('digest', { ...preview, ...links });
    expect(out.subject).toBe('Lodestone daily digest: 2 alerts (Dysprosium (Dy), JL MAG Rare-Earth Co., Ltd. (江西金力永磁科技股份有限公司)) — 9 Oct 2025');
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

  it('says nothing new and names the sources checked when empty', async () => {
    const out = await renderEmail('digest', {
      ...preview,
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
    await expect(renderEmail('digest', { ...preview, frequency: 'HOURLY' } as never)).rejects.toThrow(/frequency must be DAILY or WEEKLY/);
    await expect(renderEmail('digest', { ...preview, groups: undefined } as never)).rejects.toThrow(/props\.groups must be an array/);
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

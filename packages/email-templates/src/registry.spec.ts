import type { AlertEmailProps } from '@lodestone/shared-types';
import { AlertEmail } from './emails/alert.email.js';
import { MAX_SUBJECT_LENGTH, alertSubject, isTemplateName, matchedLabels, renderEmail } from './registry.js';
import type { AlertTemplateProps } from './types.js';

const preview: AlertEmailProps = AlertEmail.PreviewProps;
const SOURCE_URL = 'https://www.mofcom.gov.cn/zcfb/zc/art/2025/art_a6ea0f03b9be475a9d06ee9d088d605d.html';

/** React escapes `&` in attributes as `&amp;`; our URLs have none, so the href appears verbatim. */
const TAG = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i;

function withEvent(
  patch: Partial<AlertEmailProps['event']>,
  rest: Partial<AlertTemplateProps> = {},
): AlertTemplateProps {
  return { ...preview, ...rest, event: { ...preview.event, ...patch } };
}

describe('renderEmail("alert") with PreviewProps', () => {
  let out: Awaited<ReturnType<typeof renderEmail>>;
  beforeAll(async () => {
    out = await renderEmail('alert', preview);
  });

  it('renders a full HTML document with the headline, facts and severity word', () => {
    expect(out.html.startsWith('<!DOCTYPE html')).toBe(true);
    expect(out.html).toContain('<html dir="ltr" lang="en">');
    expect(out.html).toContain(`<title>HIGH: ${preview.event.title}</title>`);
    expect(out.html).toContain(preview.event.title);
    expect(out.html).toContain('Severity: HIGH');
    for (const fact of [
      'China (CN)',
      'MOFCOM/GAC',
      'Export licence required',
      '2025-04-04',
      'MOFCOM/GAC Announcement 2025 No. 18',
    ]) {
      expect(out.html).toContain(fact);
    }
    expect(out.html).toContain(preview.event.summary);
    expect(out.html).toContain('Why you are receiving this');
    expect(out.html).toContain(preview.alertId);
    expect(out.html).toContain('You receive this because you are a buyer at Nordwerk Magnetics GmbH on Lodestone.');
  });

  it('lists every reason text in the HTML', () => {
    expect(preview.reasons).toHaveLength(3);
    for (const r of preview.reasons) expect(out.html).toContain(`<li style="margin:0 0 8px">${r.text}</li>`);
  });

  it('links the source with a button', () => {
    expect(out.html).toContain(`href="${SOURCE_URL}"`);
    expect(out.html).toMatch(
      /<a href="https:\/\/www\.mofcom\.gov\.cn[^"]*"[^>]*>.*Read the source<\/span><span>.*<\/a>/s,
    );
  });

  it('produces a readable plain-text part with reasons, facts and the source URL and no HTML', () => {
    expect(out.text).not.toMatch(TAG);
    expect(out.text).not.toContain('&amp;');
    expect(out.text).toContain('Severity: HIGH');
    expect(out.text).toContain(preview.event.title); // headings keep their case
    for (const r of preview.reasons) expect(out.text).toContain(r.text);
    expect(out.text).toContain(`Read the source ${SOURCE_URL}`);
    expect(out.text).toMatch(/^Reference\s+MOFCOM\/GAC Announcement 2025 No\. 18$/m);
    expect(out.text).toMatch(/^Effective date\s+2025-04-04$/m);
    expect(out.text).toContain(`Alert ID: ${preview.alertId}`);
    // The hidden preview line is not repeated at the top of the text part.
    expect(out.text.startsWith('Lodestone\n')).toBe(true);
    expect(out.text).not.toMatch(/\n{3,}/);
  });

  it('builds the subject from severity, reference, action and what matched', () => {
    expect(out.subject).toBe(
      '[HIGH] MOFCOM/GAC Announcement 2025 No. 18: export licence required — matches Dy, Tb, HS 2846',
    );
    expect(out.subject).toBe(alertSubject(preview));
  });
});

describe('renderEmail("alert") edge cases', () => {
  it('keeps Chinese text intact in HTML and text', async () => {
    const reason = {
      via: 'SUPPLIER_EXPORTER' as const,
      text: 'Your supplier JL MAG Rare-Earth Co., Ltd. (江西金力永磁科技股份有限公司) is the exporter named in this licence event.',
    };
    const props = withEvent(
      {
        type: 'PERMIT_EVENT',
        title: '出口许可证已批准：氧化镝 (Dy₂O₃) 2 t',
        actionLabel: 'Licence granted',
        issuer: 'MOFCOM',
        reference: null,
      },
      { reasons: [reason] },
    );
    const out = await renderEmail('alert', props);
    expect(out.html).toContain('江西金力永磁科技股份有限公司');
    expect(out.html).toContain('出口许可证已批准：氧化镝 (Dy₂O₃) 2 t');
    expect(out.text).toContain(reason.text);
    expect(out.text).toContain('出口许可证已批准：氧化镝 (Dy₂O₃) 2 t');
    expect(out.html).toContain('export-licence event');
    // No reference: the subject names the title instead; the supplier reason has no short label.
    expect(out.subject).toBe('[HIGH] 出口许可证已批准：氧化镝 (Dy₂O₃) 2 t: licence granted — 1 match for you');
    expect(out.html).not.toContain('>Reference<');
  });

  it('renders without the button when the event has no source URL', async () => {
    const out = await renderEmail('alert', withEvent({ sourceUrl: null }));
    expect(out.html).not.toContain('Read the source');
    expect(out.html).not.toContain('mofcom.gov.cn');
    expect(out.text).not.toContain('Read the source');
    expect(out.html).toContain(preview.event.title);
  });

  it('does not link a non-http(s) source URL', async () => {
    const out = await renderEmail('alert', withEvent({ sourceUrl: 'javascript:alert(1)' }));
    expect(out.html).not.toContain('javascript:');
    expect(out.html).not.toContain('Read the source');
  });

  it('escapes HTML-special characters in the headline and reasons', async () => {
    const title = 'Controls on <script>alert("x")</script> & "friends" <b>now</b>';
    const out = await renderEmail(
      'alert',
      withEvent(
        { title },
        { reasons: [{ via: 'ELEMENT_NAMED', text: 'Your watch on Dy & Tb <img src=x onerror=alert(1)> matched.' }] },
      ),
    );
    expect(out.html).not.toContain('<script>');
    expect(out.html).not.toContain('<b>now</b>');
    expect(out.html).not.toContain('<img src=x');
    expect(out.html).toContain(
      'Controls on &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;friends&quot; &lt;b&gt;now&lt;/b&gt;',
    );
    expect(out.html).toContain('Dy &amp; Tb &lt;img src=x onerror=alert(1)&gt; matched.');
    // The text part carries the characters themselves, unescaped.
    expect(out.text).toContain(title);
    expect(out.text).toContain('Your watch on Dy & Tb <img src=x onerror=alert(1)> matched.');
  });

  it('omits null facts and an empty summary', async () => {
    const out = await renderEmail('alert', withEvent({ issuer: null, effectiveDate: null, summary: '  ' }));
    expect(out.html).not.toContain('>Issuer<');
    expect(out.html).not.toContain('>Effective date<');
    expect(out.text).not.toMatch(/^Issuer/m);
    expect(out.text).toMatch(/^Jurisdiction\s+China \(CN\)$/m);
  });

  it('shows preferences and unsubscribe links in the footer when given', async () => {
    const out = await renderEmail('alert', {
      ...preview,
      preferencesUrl: 'https://lodestone.example/settings/email',
      unsubscribeUrl: 'https://lodestone.example/u/abc?x=1&y=2',
    });
    expect(out.html).toContain('href="https://lodestone.example/settings/email"');
    expect(out.html).toContain('href="https://lodestone.example/u/abc?x=1&amp;y=2"');
    expect(out.text).toContain('Unsubscribe https://lodestone.example/u/abc?x=1&y=2');
  });

  it('rejects unknown templates and malformed props with a TypeError', async () => {
    await expect(renderEmail('nope' as 'alert', preview)).rejects.toThrow(TypeError);
    await expect(
      renderEmail('alert', { ...preview, severity: 'URGENT' } as unknown as AlertEmailProps),
    ).rejects.toThrow(/props\.severity must be one of/);
    await expect(renderEmail('alert', { ...preview, event: undefined } as unknown as AlertEmailProps)).rejects.toThrow(
      /props\.event must be an object/,
    );
    await expect(
      renderEmail('alert', { ...preview, reasons: [{ via: 'ELEMENT_NAMED' }] } as unknown as AlertEmailProps),
    ).rejects.toThrow(/props\.reasons\[0\]\.text must be a string/);
  });
});

describe('alertSubject', () => {
  it('prefers explicit matchedLabels over labels guessed from reason texts', () => {
    expect(matchedLabels(preview)).toEqual(['Dy', 'Tb', 'HS 2846']);
    const props: AlertTemplateProps = { ...preview, matchedLabels: ['Dy', ' JL MAG ', 'Dy', ''] };
    expect(matchedLabels(props)).toEqual(['Dy', 'JL MAG']);
    expect(alertSubject(props)).toBe(
      '[HIGH] MOFCOM/GAC Announcement 2025 No. 18: export licence required — matches Dy, JL MAG',
    );
  });

  it('guesses control-entry labels and keeps acronyms in the action', () => {
    const props = withEvent(
      { reference: '15 CFR 742.X', actionLabel: 'BIS licence requirement' },
      {
        severity: 'CRITICAL',
        reasons: [
          {
            via: 'CONTROL_ENTRY',
            text: 'Your watch on control-list entry 1C902 matched entry 1C902.a.1 in this rule.',
          },
        ],
      },
    );
    expect(alertSubject(props)).toBe('[CRITICAL] 15 CFR 742.X: BIS licence requirement — matches 1C902');
  });

  it('truncates a long headline with an ellipsis and stays within the limit on one line', () => {
    const longTitle = `Export controls on ${'very '.repeat(60)}many items\r\nBcc: victim@example.com`;
    const subject = alertSubject(withEvent({ reference: null, title: longTitle }));
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toMatch(
      /^\[HIGH\] Export controls on very .*…: export licence required — matches Dy, Tb, HS 2846$/,
    );
  });

  it('shortens a long match list before the headline', () => {
    const labels = [
      'Sm',
      'Gd',
      'Tb',
      'Dy',
      'Lu',
      'Sc',
      'Y',
      'HS 2846',
      'HS 2805',
      'HS 8505',
      '1C902',
      '1C903',
      '1C904',
    ];
    const subject = alertSubject({ ...preview, matchedLabels: labels });
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(subject).toContain('MOFCOM/GAC Announcement 2025 No. 18');
    expect(subject).toMatch(/— matches Sm, Gd, Tb, .* \+\d+ more$/);
  });
});

describe('isTemplateName', () => {
  it('accepts known names only', () => {
    expect(isTemplateName('alert')).toBe(true);
    expect(isTemplateName('toString')).toBe(false);
    expect(isTemplateName(undefined)).toBe(false);
  });
});

describe('renderEmail: one render for both parts', () => {
  it("gives the text react-email's own toPlainText gives for the same HTML (the compiled converter changes nothing)", async () => {
    const { toPlainText } = await import('@react-email/render');
    const { DigestEmail } = await import('./emails/digest.email.js');
    const { InvitationEmail } = await import('./emails/invitation.email.js');
    const headings = [
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: '[data-text-format="dataTable"]', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ];
    const tidy = (t: string) =>
      `${t
        .replace(/[ \t]+\n/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()}\n`;
    const cases = [
      await renderEmail('alert', {
        ...preview,
        preferencesUrl: 'https://lodestone.example/p',
        unsubscribeUrl: 'https://lodestone.example/u',
      }),
      await renderEmail('digest', DigestEmail.PreviewProps),
      await renderEmail('invitation', InvitationEmail.PreviewProps),
    ];
    for (const out of cases) expect(out.text).toBe(tidy(toPlainText(out.html, { selectors: headings })));
  });
});

import { AlertEmail, MAX_LISTED_REASONS } from './emails/alert.email.js';
import { stripBidi } from './format.js';
import { alertSubject, labelList, renderEmail } from './registry.js';
import type { AlertTemplateProps } from './types.js';

const preview: AlertTemplateProps = AlertEmail.PreviewProps;
const reasons = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ via: 'HS_CODE_PREFIX' as const, text: `Reason number ${i + 1}.` }));

describe('alert email: a bounded list of reasons', () => {
  it(`lists at most ${MAX_LISTED_REASONS} reasons, then "and N more reasons" with a link to the alert`, async () => {
    const alertUrl = 'https://lodestone.example/v1/alerts/01960127-3b7c-7d2e-9a41-5c3e8f2b6d10';
    const out = await renderEmail('alert', { ...preview, reasons: reasons(22), alertUrl });
    expect(out.text).toContain('Reason number 10.');
    expect(out.text).not.toContain('Reason number 11.');
    expect(out.text).toContain(`and 12 more reasons: see them all at ${alertUrl}`);
    expect(out.html).toContain(`href="${alertUrl}"`);
    expect(out.html).not.toContain('Reason number 11.');
  });

  it('counts the reasons a sender left out (reasonsTotal) and says "reason" for one', async () => {
    const out = await renderEmail('alert', { ...preview, reasons: reasons(10), reasonsTotal: 11 });
    expect(out.text).toContain(`and 1 more reason (alert ${preview.alertId})`);
    const all = await renderEmail('alert', { ...preview, reasons: reasons(10), reasonsTotal: 10 });
    expect(all.text).not.toMatch(/more reason/);
  });

  it('stays small with 2,500 reasons', async () => {
    const out = await renderEmail('alert', { ...preview, reasons: reasons(2500) });
    expect(out.html.length + out.text.length).toBeLessThan(40_000);
    expect(out.text).toContain('and 2490 more reasons');
  });
});

describe('alert subject: counts and names', () => {
  it('names one long label (a supplier) instead of "1 items"', () => {
    const name = 'China Northern Rare Earth (Group) High-Tech Co., Ltd. Baotou Branch Office';
    const subject = alertSubject({ ...preview, matchedLabels: [name] });
    expect(subject).not.toMatch(/\b1 items\b/);
    expect(subject).toContain('China Northern Rare Earth');
    expect(labelList([name], 50).length).toBeLessThanOrEqual(50);
    expect(labelList([name, 'Dy', 'Tb'], 50)).toMatch(/^China Northern.*… \+2 more$/);
  });

  it('strips bidi controls (U+202A-E, U+2066-9) from the subject and the whole email', async () => {
    const evil = 'JL MAG\u202Egnp.exe\u202C \u2066Ltd\u2069';
    const out = await renderEmail('alert', {
      ...preview,
      recipientName: `Anna\u202E Keller`,
      event: { ...preview.event, title: `Licence \u202Bgranted\u202C`, reference: null },
      reasons: [{ via: 'SUPPLIER_EXPORTER', text: `Your supplier ${evil} matched the exporter` }],
      matchedLabels: [evil],
    });
    for (const part of [out.subject, out.html, out.text]) expect(part).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(out.subject).toContain('JL MAGgnp.exe Ltd');
    expect(stripBidi('a\u2067b\u202Ac')).toBe('abc');
  });
});

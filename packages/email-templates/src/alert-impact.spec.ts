import type { AlertTemplateProps } from './types.js';
import { AlertEmail } from './emails/alert.email.js';
import { renderEmail } from './registry.js';

const impact: NonNullable<AlertTemplateProps['impact']> = {
  headline: '12 parts in 3 products, EUR 4.2 M annual spend, 2 parts sole-sourced from JL MAG Rare-Earth Co., Ltd.',
  parts: 12,
  products: 3,
  annualSpend: [{ amount: '4200000.00', currency: 'EUR' }],
  soleSourcedParts: 2,
};

describe('alert template: impact on parts (issue 15)', () => {
  it('leads with the impact sentence in the HTML, the text part and the preview', async () => {
    const out = await renderEmail('alert', { ...AlertEmail.PreviewProps, impact });
    const sentence =
      'Impact on your parts: 12 parts in 3 products, EUR 4.2 M annual spend, 2 parts sole-sourced from JL MAG Rare-Earth Co., Ltd.';
    expect(out.html).toContain(sentence);
    // First in the text part: before the greeting and the facts.
    expect(out.text.indexOf(sentence)).toBeGreaterThan(-1);
    expect(out.text.indexOf(sentence)).toBeLessThan(out.text.indexOf('Hello'));
    expect(out.text).not.toContain('Ltd..');
  });

  it('says nothing of parts when there is no impact or it reaches none', async () => {
    const none = await renderEmail('alert', AlertEmail.PreviewProps);
    expect(none.text).not.toContain('Impact on your parts');
    const zero = await renderEmail('alert', { ...AlertEmail.PreviewProps, impact: { ...impact, parts: 0 } });
    expect(zero.text).not.toContain('Impact on your parts');
  });
});

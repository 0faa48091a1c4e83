import { ExposureSummaryEmail } from './emails/exposure-summary.email.js';
import { renderEmail } from './registry.js';

describe('exposure-summary template', () => {
  it('lists what already applies by element and by supplier, with links to each alert', async () => {
    const out = await renderEmail('exposure-summary', ExposureSummaryEmail.PreviewProps);
    expect(out.subject).toBe('Your current exposure: 2 measures and licences apply to Demo Magnets GmbH (Dy, JL MAG)');
    expect(out.html).toContain('Your current exposure');
    expect(out.text).toContain('dysprosium (Dy)');
    expect(out.text).toContain('JL MAG Rare-Earth Co., Ltd.');
    expect(out.text).toContain(
      'Export licences required for seven medium and heavy rare earths https://lodestone.example/v1/alerts/01960127-3b7c-7d2e-9a41-5c3e8f2b6d13',
    );
    expect(out.text).toContain('Licence granted, valid until 2026-12-01');
    expect(out.text).toContain('Open your exposure https://lodestone.example/v1/exposure');
  });

  it('leads with the impact on the parts when the alerts reach any, and says nothing of parts otherwise', async () => {
    const withParts = await renderEmail('exposure-summary', {
      ...ExposureSummaryEmail.PreviewProps,
      partsImpact: '2 parts in 1 product, EUR 8 M annual spend',
    });
    expect(withParts.text).toContain('Your parts: 2 parts in 1 product, EUR 8 M annual spend');
    const without = await renderEmail('exposure-summary', ExposureSummaryEmail.PreviewProps);
    expect(without.text).not.toContain('Your parts:');
  });

  it('rejects props without groups, naming the field', async () => {
    await expect(
      renderEmail('exposure-summary', { ...ExposureSummaryEmail.PreviewProps, bySupplier: undefined as never }),
    ).rejects.toThrow("renderEmail('exposure-summary'): props.bySupplier must be an array");
  });
});

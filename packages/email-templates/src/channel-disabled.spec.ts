import { ChannelDisabledEmail } from './emails/channel-disabled.email.js';
import { isTemplateName, renderEmail } from './index.js';

describe('channel-disabled template', () => {
  it('names the endpoint, its host only, the failure start in UTC and the last error, with a manage link', async () => {
    const out = await renderEmail('channel-disabled', ChannelDisabledEmail.PreviewProps);
    expect(isTemplateName('channel-disabled')).toBe(true);
    expect(out.subject).toBe('Lodestone disabled the webhook endpoint "ERP integration"');
    expect(out.text).toContain('https://erp.nordwerk.example (WEBHOOK)');
    expect(out.text).toContain('2026-03-04 09:00 UTC');
    expect(out.text).toContain('HTTP 503');
    expect(out.html).toContain('href="http://localhost:3000/v1/webhooks"');
  });

  it('refuses props without the endpoint name', async () => {
    await expect(
      renderEmail('channel-disabled', { ...ChannelDisabledEmail.PreviewProps, endpointName: undefined as never }),
    ).rejects.toThrow("renderEmail('channel-disabled'): props.endpointName must be a string");
  });
});

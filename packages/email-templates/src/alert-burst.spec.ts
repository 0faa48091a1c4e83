import { AlertBurstEmail, MAX_BURST_LISTED } from './emails/alert-burst.email.js';
import type { AlertBurstItem } from './types.js';
import { isTemplateName, renderEmail } from './index.js';

const [first, second] = AlertBurstEmail.PreviewProps.alerts as [AlertBurstItem, AlertBurstItem];

describe('alert-burst template', () => {
  it('lists each alert with its severity, linked title, first reason and id; subject has the top severity and count', async () => {
    const out = await renderEmail('alert-burst', {
      ...AlertBurstEmail.PreviewProps,
      unsubscribeUrl: 'https://lodestone.example/v1/email/unsubscribe?token=t',
      preferencesUrl: 'https://lodestone.example/preferences',
    });
    expect(isTemplateName('alert-burst')).toBe(true);
    expect(out.subject).toBe('[HIGH] 2 alerts in the last 2 minutes — matches Dy, Tb, JL MAG Rare-Earth Co., Ltd.');
    expect(out.text).toContain('2 new alerts in the last 2 minutes');
    for (const a of [first, second]) {
      expect(out.html).toContain(`href="${a.alertUrl}"`);
      expect(out.text).toContain(`Alert ID: ${a.alertId}`);
      expect(out.text).toContain(`Why: ${a.reason}`);
    }
    expect(out.text).toContain('HIGH China imposes export controls');
    expect(out.text).toContain('MEDIUM Export licence granted');
    expect(out.text).toContain('(and 1 more reason)');
    expect(out.text).toContain('Export licence required · MOFCOM/GAC Announcement 2025 No. 18');
    expect(out.html).toContain('href="https://lodestone.example/v1/email/unsubscribe?token=t"');
    // Oldest first.
    expect(out.text.indexOf(first.alertId)).toBeLessThan(out.text.indexOf(second.alertId));
  });

  it('counts the alerts beyond the listed ones and escapes user text', async () => {
    const alerts = Array.from({ length: MAX_BURST_LISTED + 3 }, (_, i) => ({
      ...second,
      alertId: `a-${i}`,
      title: i === 0 ? '<b>Tb</b> & more' : `Alert ${i}`,
    }));
    const out = await renderEmail('alert-burst', {
      ...AlertBurstEmail.PreviewProps,
      alerts,
      alertsUrl: 'https://lodestone.example/alerts',
    });
    expect(out.subject.startsWith(`[MEDIUM] ${MAX_BURST_LISTED + 3} alerts`)).toBe(true);
    expect(out.text).toContain('and 3 more alerts: see them in Lodestone https://lodestone.example/alerts');
    expect(out.html).toMatch(
      /and 3 more alerts: (<!-- -->)?<a href="https:\/\/lodestone\.example\/alerts"[^>]*>see them in Lodestone<\/a>/,
    );
    expect(out.text).toContain(`Alert ID: a-${MAX_BURST_LISTED - 1}`);
    expect(out.text).not.toContain(`Alert ID: a-${MAX_BURST_LISTED}\n`);
    expect(out.html).toContain('&lt;b&gt;Tb&lt;/b&gt; &amp; more');
  });

  it('keeps "see them in Lodestone" as plain text without an http(s) alertsUrl (rows written before it existed)', async () => {
    const alerts = Array.from({ length: MAX_BURST_LISTED + 1 }, (_, i) => ({ ...second, alertId: `b-${i}` }));
    for (const alertsUrl of [undefined, 'javascript:alert(1)']) {
      const out = await renderEmail('alert-burst', { ...AlertBurstEmail.PreviewProps, alerts, alertsUrl });
      expect(out.text).toContain('and 1 more alert: see them in Lodestone.');
      expect(out.html).not.toContain('javascript:');
    }
  });

  it('refuses an alert without a severity', async () => {
    await expect(
      renderEmail('alert-burst', {
        ...AlertBurstEmail.PreviewProps,
        alerts: [{ ...first, severity: undefined as never }],
      }),
    ).rejects.toThrow("renderEmail('alert-burst'): props.alerts[0].severity must be one of");
  });
});

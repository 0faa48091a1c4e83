import { AlertBurstEmail } from './emails/alert-burst.email.js';
import { AlertEmail } from './emails/alert.email.js';
import { DigestEmail } from './emails/digest.email.js';
import { ReversalEmail } from './emails/reversal.email.js';
import { renderEmail, type TemplateName, type TemplateProps } from './registry.js';
import { EmailRenderCache } from './render-cache.js';

/** Per-recipient values: plain, with every character React escapes, CJK, bidi controls, long, and not plain at all. */
const NAMES = [
  'Anna Keller',
  'O\'Brien & "Sons" <Procurement>',
  '李 明',
  '江西金力永磁科技股份有限公司',
  'a',
  `Dr. ${'x'.repeat(300)} Jr.`,
  'R\u202Eevil name',
  'https://not-a-link.example/?a=1&b=2',
  // Not plain: rendered in full, must still be identical.
  '',
  ' leading space',
  'trailing space ',
  'two  spaces',
  'line\nbreak',
  'tab\there',
  'marker \uE000 char',
];
const URLS = [
  undefined,
  null,
  '',
  'https://lodestone.example/v1/email/unsubscribe?token=c.d',
  'https://lodestone.example/v1/email/preferences?token=a.b&x=<1>&q="2"',
  'http://localhost:3000/v1/alerts/0196-x?l=李',
  '  https://lodestone.example/trimmed  ',
  'javascript:alert(1)',
  'not a url',
];

const ALERT = AlertEmail.PreviewProps as TemplateProps['alert'];
const BURST = AlertBurstEmail.PreviewProps as TemplateProps['alert-burst'];
const DIGEST = DigestEmail.PreviewProps as TemplateProps['digest'];
const REVERSAL = ReversalEmail.PreviewProps as TemplateProps['reversal'];

/** Variants of one template's props: each per-recipient field through NAMES / URLS, the others from `base`. */
function variants<N extends TemplateName>(base: TemplateProps[N], text: string[], urls: string[]): TemplateProps[N][] {
  const out: TemplateProps[N][] = [];
  NAMES.forEach((name, i) => {
    const v: Record<string, unknown> = { ...base };
    text.forEach((key, k) => {
      v[key] = NAMES[(i + k * 3) % NAMES.length] ?? name;
    });
    urls.forEach((key, k) => {
      v[key] = URLS[(i + k) % URLS.length];
    });
    out.push(v as TemplateProps[N]);
  });
  return out;
}

async function expectIdentical<N extends TemplateName>(cache: EmailRenderCache, name: N, props: TemplateProps[N]) {
  const full = await renderEmail(name, props);
  const cached = await cache.render(name, props);
  expect(cached.subject).toBe(full.subject);
  expect(cached.html).toBe(full.html);
  expect(cached.text).toBe(full.text);
}

describe('EmailRenderCache', () => {
  it('renders the alert email byte for byte as renderEmail, for every name, tenant, alert id and link', async () => {
    const cache = new EmailRenderCache();
    const all = [
      ...variants<'alert'>(
        ALERT,
        ['recipientName', 'tenantName', 'alertId'],
        ['alertUrl', 'preferencesUrl', 'unsubscribeUrl'],
      ),
      // More reasons than listed: the alert link (or the alert id) is shown in the body.
      ...variants<'alert'>(
        { ...ALERT, reasonsTotal: 14 },
        ['recipientName', 'tenantName', 'alertId'],
        ['alertUrl', 'unsubscribeUrl', 'preferencesUrl'],
      ),
      // With a parts impact (its sentence is in the preview line and the title).
      ...variants<'alert'>(
        {
          ...ALERT,
          impact: { headline: '12 parts in 3 products, EUR 4.2 M annual spend', parts: 12, products: 3 } as never,
        },
        ['tenantName', 'recipientName', 'alertId'],
        ['preferencesUrl', 'alertUrl', 'unsubscribeUrl'],
      ),
    ];
    for (const props of all) await expectIdentical(cache, 'alert', props);
    // Twice: the second pass is served from the kept renders.
    for (const props of all) await expectIdentical(cache, 'alert', props);
    const stats = cache.stats();
    expect(stats.hits).toBeGreaterThanOrEqual(stats.misses);
    expect(stats.full).toBeGreaterThan(0);
  });

  it('renders the alert-burst, digest and reversal emails byte for byte as renderEmail', async () => {
    const cache = new EmailRenderCache();
    for (let pass = 0; pass < 2; pass++) {
      for (const props of variants<'alert-burst'>(
        BURST,
        ['recipientName', 'tenantName'],
        ['preferencesUrl', 'unsubscribeUrl'],
      ))
        await expectIdentical(cache, 'alert-burst', props);
      for (const props of variants<'digest'>(
        DIGEST,
        ['recipientName', 'tenantName'],
        ['unsubscribeUrl', 'preferencesUrl'],
      ))
        await expectIdentical(cache, 'digest', props);
      for (const props of variants<'reversal'>(
        REVERSAL,
        ['recipientName', 'tenantName', 'alertId'],
        ['preferencesUrl', 'unsubscribeUrl'],
      ))
        await expectIdentical(cache, 'reversal', props);
    }
    expect(cache.stats().hits).toBeGreaterThan(0);
  });

  it('renders once for 1,000 recipients of one event and keeps other content apart', async () => {
    const cache = new EmailRenderCache();
    for (let i = 0; i < 1000; i++) {
      const out = await cache.render('alert', {
        ...ALERT,
        recipientName: `Buyer ${i}`,
        tenantName: `Bench Magnetics ${i % 300}`,
        alertId: `alert-${i % 300}`,
        alertUrl: `https://lodestone.example/v1/alerts/alert-${i % 300}`,
        unsubscribeUrl: `https://lodestone.example/u?token=${i}`,
      });
      expect(out.text).toContain(`Hello Buyer ${i}, Lodestone matched`);
      expect(out.html).toContain(`href="https://lodestone.example/u?token=${i}"`);
    }
    expect(cache.stats()).toEqual({ hits: 999, misses: 1, full: 0, size: 1 });
    // Another severity is another render, not the first one with names swapped in.
    const critical = await cache.render('alert', { ...ALERT, severity: 'CRITICAL' });
    expect(critical.html).toContain('Severity: CRITICAL');
    expect(cache.stats().misses).toBe(2);
  });

  it('keeps at most maxEntries renders, dropping the least recently used', async () => {
    const cache = new EmailRenderCache(2);
    const ofSeverity = (severity: 'HIGH' | 'LOW' | 'INFO') => ({ ...ALERT, severity });
    await cache.render('alert', ofSeverity('HIGH'));
    await cache.render('alert', ofSeverity('LOW'));
    await cache.render('alert', ofSeverity('HIGH')); // HIGH is now the most recent
    await cache.render('alert', ofSeverity('INFO')); // drops LOW
    expect(cache.stats()).toMatchObject({ misses: 3, hits: 1, size: 2 });
    await cache.render('alert', ofSeverity('HIGH'));
    await cache.render('alert', ofSeverity('LOW'));
    expect(cache.stats()).toMatchObject({ misses: 4, hits: 2, size: 2 });
  });

  it('rejects what renderEmail rejects', async () => {
    const cache = new EmailRenderCache();
    await expect(cache.render('alert', { ...ALERT, severity: 'URGENT' } as never)).rejects.toThrow(
      /props\.severity must be one of/,
    );
    await expect(cache.render('nope' as never, {} as never)).rejects.toThrow(/unknown template "nope"/);
  });
});

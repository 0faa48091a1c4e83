import { AlertEmail } from './emails/alert.email.js';
import {
  TEMPLATE_VERSIONS,
  TemplatePropsError,
  isTemplateName,
  outboxTemplate,
  renderEmail,
  storedProps,
  upgradeProps,
} from './registry.js';
import type { AlertTemplateProps } from './types.js';

const preview: AlertTemplateProps = AlertEmail.PreviewProps;

describe('versioned template props (outbox rows written by one build, rendered by another)', () => {
  it('has a version for every template', () => {
    for (const [name, v] of Object.entries(TEMPLATE_VERSIONS)) {
      expect(isTemplateName(name)).toBe(true);
      expect(Number.isInteger(v) && v >= 1).toBe(true);
    }
  });

  it('stamps the current version on rows it writes, after checking the props', () => {
    expect(outboxTemplate('alert', preview)).toEqual({
      template: 'alert',
      templateVersion: TEMPLATE_VERSIONS.alert,
      payload: preview,
    });
    expect(() => outboxTemplate('alert', { ...preview, severity: 'URGENT' } as unknown as AlertTemplateProps)).toThrow(
      /props\.severity must be one of/,
    );
    expect(() => outboxTemplate('nope' as 'alert', preview)).toThrow(TemplatePropsError);
  });

  it('renders a stored row of the current version as written', async () => {
    const props = storedProps('alert', TEMPLATE_VERSIONS.alert, JSON.parse(JSON.stringify(preview)));
    expect((await renderEmail('alert', props)).subject).toBe((await renderEmail('alert', preview)).subject);
  });

  it('refuses, with the reason, a row of a newer build, a non-version and a shape that does not fit', () => {
    const newer = TEMPLATE_VERSIONS.alert + 1;
    expect(() => storedProps('alert', newer, preview)).toThrow(
      `template alert: props of version ${newer} were written by a newer Lodestone; this one renders up to version ${TEMPLATE_VERSIONS.alert}`,
    );
    expect(() => storedProps('alert', 0, preview)).toThrow(/stored props version 0 is not a version/);
    expect(() => storedProps('alert', TEMPLATE_VERSIONS.alert, { ...preview, reasons: 'Dy' })).toThrow(
      /props\.reasons must be an array/,
    );
    expect(() => storedProps('digest' as 'alert', 1, null)).toThrow(TemplatePropsError);
  });

  it('upgrades step by step, and names the missing step', () => {
    const steps = {
      1: (p: Record<string, unknown>) => ({ ...p, severity: p.level, level: undefined }),
      2: (p: Record<string, unknown>) => ({ ...p, reasons: p.reasons ?? [] }),
    };
    const v1 = { level: 'HIGH' };
    expect(upgradeProps('alert', 1, 3, steps, v1)).toEqual({ severity: 'HIGH', level: undefined, reasons: [] });
    expect(v1).toEqual({ level: 'HIGH' });
    expect(upgradeProps('alert', 3, 3, steps, v1)).toBe(v1);
    expect(() => upgradeProps('alert', 1, 4, steps, v1)).toThrow(
      'template alert: no upgrade from props version 3 to 4',
    );
    expect(() => upgradeProps('alert', 1, 2, steps, 'text')).toThrow(/props of version 1 must be an object/);
  });
});

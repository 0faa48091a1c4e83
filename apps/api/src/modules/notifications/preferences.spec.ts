import type { MatchReason } from '@lodestone/shared-types';
import { BUILT_IN_DEFAULTS, decideImmediate, isMuted, resolvePreferences } from './preferences.js';

const dyReason: MatchReason = {
  via: 'ELEMENT_NAMED',
  subject: { type: 'WATCH', watchId: 'w1', label: 'Dy' },
  matched: { field: 'elements', value: 'Dy' },
  element: 'Dy',
  text: 'Your watch on dysprosium (Dy) matched',
};
const supplierReason: MatchReason = {
  via: 'SUPPLIER_EXPORTER',
  subject: { type: 'SUPPLIER', supplierId: 's1', label: 'JL MAG' },
  matched: { field: 'exporterName', value: 'JL MAG' },
  text: 'Your supplier JL MAG is the exporter',
};

describe('resolvePreferences', () => {
  it('layers built-in defaults, tenant defaults and user overrides; null inherits', () => {
    const tenant = {
      ...BUILT_IN_DEFAULTS,
      immediateMinSeverity: 'HIGH' as const,
      digestFrequency: 'WEEKLY' as const,
      quietHoursStart: '22:00',
      quietHoursEnd: '07:00',
    };
    const p = resolvePreferences(
      tenant,
      { immediateMinSeverity: null, digestLocalTime: '09:15', quietHoursEnabled: false },
      'Asia/Shanghai',
    );
    expect(p.immediate).toEqual({ enabled: true, minSeverity: 'HIGH' });
    expect(p.digest).toEqual({ frequency: 'WEEKLY', localTime: '09:15', weekday: 1, timeZone: 'Asia/Shanghai' });
    expect(p.quietHours).toBeNull();
    expect(resolvePreferences(tenant, null, 'UTC').quietHours).toEqual({ start: '22:00', end: '07:00' });
    expect(resolvePreferences(null, null, 'UTC').digest).toBeNull();
  });
});

describe('isMuted / decideImmediate', () => {
  const now = new Date('2026-01-14T22:30:00Z'); // 23:30 in Berlin
  const base = resolvePreferences(null, { quietHoursStart: '22:00', quietHoursEnd: '07:00' }, 'Europe/Berlin');

  it('mutes only when every reason is muted', () => {
    const p = { mutedElements: ['Dy'], mutedSupplierIds: ['s1'] };
    expect(isMuted(p, [dyReason])).toBe(true);
    expect(isMuted(p, [dyReason, supplierReason])).toBe(true);
    expect(isMuted({ mutedElements: ['Dy'], mutedSupplierIds: [] }, [dyReason, supplierReason])).toBe(false);
  });

  it('holds a HIGH alert until quiet hours end; CRITICAL overrides unless disabled', () => {
    expect(decideImmediate(base, { severity: 'HIGH', reasons: [dyReason] }, now)).toEqual({
      send: true,
      at: new Date('2026-01-15T06:00:00Z'),
      heldByQuietHours: true,
    });
    expect(decideImmediate(base, { severity: 'CRITICAL', reasons: [dyReason] }, now)).toEqual({
      send: true,
      at: now,
      heldByQuietHours: false,
    });
    const noOverride = { ...base, criticalOverridesQuietHours: false };
    expect(decideImmediate(noOverride, { severity: 'CRITICAL', reasons: [dyReason] }, now)).toMatchObject({
      heldByQuietHours: true,
    });
  });

  it('does not send below the threshold, when off, muted or unsubscribed', () => {
    expect(decideImmediate(base, { severity: 'LOW', reasons: [dyReason] }, now)).toEqual({
      send: false,
      reason: 'below-threshold',
    });
    expect(
      decideImmediate(
        { ...base, immediate: { enabled: false, minSeverity: 'INFO' } },
        { severity: 'HIGH', reasons: [] },
        now,
      ),
    ).toEqual({ send: false, reason: 'immediate-off' });
    expect(decideImmediate({ ...base, mutedElements: ['Dy'] }, { severity: 'HIGH', reasons: [dyReason] }, now)).toEqual(
      { send: false, reason: 'muted' },
    );
    expect(decideImmediate({ ...base, unsubscribed: true }, { severity: 'CRITICAL', reasons: [] }, now)).toEqual({
      send: false,
      reason: 'unsubscribed',
    });
  });
});

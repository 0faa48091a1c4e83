import type { MatchReason } from '@lodestone/shared-types';
import { subjectLabels, watchedLabel } from './alert-labels.js';

const watch = (label: string, element?: string): MatchReason => ({
  via: 'ELEMENT_VIA_CUSTOMS_CODE',
  subject: { type: 'WATCH', watchId: `w-${label}`, label },
  matched: { field: 'hsCodes', value: '850511' },
  text: `Your watch on ${label} matched`,
  ...(element ? { element } : {}),
});
const supplier = (label: string): MatchReason => ({
  via: 'SUPPLIER_EXPORTER',
  subject: { type: 'SUPPLIER', supplierId: 's1', label },
  matched: { field: 'exporterName', value: label },
  text: `Your supplier ${label} matched`,
});

describe('subject labels name only what the tenant watches', () => {
  it('a tenant watching Dy, Tb and HS 8505.11 is told "Dy, Tb, HS 8505.11", never the event elements (Sm) or codes (HS 2846)', () => {
    const reasons = [
      watch('dysprosium (Dy)', 'Dy'),
      watch('terbium (Tb)', 'Tb'),
      watch('HS 8505.11', 'Sm'),
      watch('HS 8505.11', 'Dy'),
    ];
    expect(subjectLabels(reasons)).toEqual(['Dy', 'Tb', 'HS 8505.11']);
  });

  it('a control-list entry watch is named by its code; a supplier by its legal name, first', () => {
    expect(watchedLabel(watch('control-list entry 1C902'))).toBe('1C902');
    expect(subjectLabels([watch('dysprosium (Dy)'), supplier('Xiamen Tungsten Co., Ltd.')])).toEqual([
      'Xiamen Tungsten Co., Ltd.',
      'Dy',
    ]);
  });
});

describe('digest groups name only what the tenant watches', () => {
  it('an HS 8505.11 watch that matched samarium goes to "Other matches", not to a Samarium group', async () => {
    const { groupDigestAlerts } = await import('./digest.service.js');
    const alert = (id: string, reasons: MatchReason[]) =>
      ({
        id,
        title: `alert ${id}`,
        severity: 'HIGH',
        createdAt: new Date('2026-01-01T00:00:00Z'),
        measureStatus: 'IN_FORCE',
        policyChange: { action: 'IMPOSED', reference: null, sourceUrl: null },
        permitEvent: null,
        reasons,
      }) as never;
    const ref = { label: (s: string) => ({ Dy: 'dysprosium (Dy)', Sm: 'samarium (Sm)' })[s] ?? s };
    const groups = groupDigestAlerts(
      [
        alert('a1', [watch('dysprosium (Dy)', 'Dy'), watch('HS 8505.11', 'Sm')]),
        alert('a2', [watch('HS 8505.11', 'Sm')]),
      ],
      ref,
      new Map(),
    );
    expect(groups.map((g) => [g.label, g.alerts.map((a) => a.alertId)])).toEqual([
      ['Dysprosium (Dy)', ['a1']],
      ['Other matches (HS codes, control-list entries)', ['a2']],
    ]);
  });
});

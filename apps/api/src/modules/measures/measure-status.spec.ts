import { currentStatus, measureLabel, type StatusStep } from './measure-status.js';

const step = (s: Partial<StatusStep> & Pick<StatusStep, 'role' | 'action' | 'statusAfter'>): StatusStep => ({
  official: true,
  policyChangeId: `pc-${s.role}-${s.action}`,
  endDate: null,
  ...s,
});
const no57 = step({ role: 'SELF', action: 'IMPOSED', statusAfter: 'IN_FORCE', policyChangeId: 'no57' });
const no70 = step({
  role: 'AFFECTS',
  action: 'SUSPENDED',
  statusAfter: 'SUSPENDED',
  policyChangeId: 'no70',
  endDate: '2026-11-10',
});

describe('currentStatus', () => {
  it('a suspended measure is SUSPENDED until the end date, back IN_FORCE on it (a due lapse)', () => {
    expect(currentStatus([no57, no70], '2026-11-09')).toEqual({
      status: 'SUSPENDED',
      until: '2026-11-10',
      dueLapse: null,
    });
    expect(currentStatus([no57, no70], '2026-11-10')).toEqual({
      status: 'IN_FORCE',
      until: null,
      dueLapse: { policyChangeId: 'no70', on: '2026-11-10', statusAfter: 'IN_FORCE' },
    });
  });

  it('a recorded lapse is not due again', () => {
    const lapse = step({ role: 'LAPSE', action: 'SUSPENDED', statusAfter: 'IN_FORCE', policyChangeId: 'no70' });
    expect(currentStatus([no57, no70, lapse], '2027-01-01')).toEqual({
      status: 'IN_FORCE',
      until: null,
      dueLapse: null,
    });
  });

  it('the suspension itself is in force until its end date, then EXPIRED', () => {
    const self = step({
      role: 'SELF',
      action: 'SUSPENDED',
      statusAfter: 'IN_FORCE',
      policyChangeId: 'no70',
      endDate: '2026-11-10',
    });
    const news = step({ role: 'CITES', action: 'SUSPENDED', statusAfter: 'IN_FORCE', official: false });
    expect(currentStatus([self, news], '2026-11-01')).toMatchObject({ status: 'IN_FORCE', until: '2026-11-10' });
    expect(currentStatus([self, news], '2026-11-10')).toMatchObject({
      status: 'EXPIRED',
      dueLapse: { policyChangeId: 'no70', statusAfter: 'EXPIRED' },
    });
  });

  it('a reinstatement or a lift after a suspension replaces its end date', () => {
    const back = step({ role: 'AFFECTS', action: 'REINSTATED', statusAfter: 'IN_FORCE' });
    const lift = step({ role: 'AFFECTS', action: 'LIFTED', statusAfter: 'LIFTED' });
    expect(currentStatus([no57, no70, back], '2026-01-01')).toEqual({
      status: 'IN_FORCE',
      until: null,
      dueLapse: null,
    });
    expect(currentStatus([no57, no70, lift], '2027-01-01')).toEqual({ status: 'LIFTED', until: null, dueLapse: null });
  });

  it('a suspension without an end date stays SUSPENDED; a measure without steps is REPORTED', () => {
    expect(currentStatus([no57, { ...no70, endDate: null }], '2030-01-01')).toMatchObject({
      status: 'SUSPENDED',
      until: null,
    });
    expect(currentStatus([], '2030-01-01')).toMatchObject({ status: 'REPORTED' });
  });

  it('labels a key', () => {
    expect(measureLabel('MOFCOM-GAC-2025-55')).toBe('MOFCOM/GAC Announcement 2025 No. 55');
    expect(measureLabel('MOFCOM-2025-62')).toBe('MOFCOM Announcement 2025 No. 62');
    expect(measureLabel('FR-2025-19001')).toBe('FR Doc. 2025-19001');
  });
});

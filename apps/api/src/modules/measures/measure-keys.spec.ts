import { citedMeasureKeys, measureLinks, ownMeasureKey, statusAfter } from './measure-keys.js';

const base = { reference: null, title: '', summary: '', affects: [], publishedOn: null };

describe('measure keys', () => {
  it('an announcement or FR document is its own measure; other sources are not', () => {
    expect(ownMeasureKey({ ...base, source: 'mofcom', externalId: 'MOFCOM-GAC-2025-18' })).toBe('MOFCOM-GAC-2025-18');
    expect(ownMeasureKey({ ...base, source: 'federal-register', externalId: '2025-19001' })).toBe('FR-2025-19001');
    expect(ownMeasureKey({ ...base, source: 'news', externalId: 'urn:x' })).toBeNull();
  });

  it('finds citations in text, completing a year-less number from the publication year', () => {
    expect(
      citedMeasureKeys('China suspends October 9 export controls until November 10, 2026 (MOFCOM/GAC No. 70)', '2025'),
    ).toEqual(['MOFCOM-GAC-2025-70']);
    expect(citedMeasureKeys('MOFCOM Announcement 2024 No. 46 and FR Doc. 2025-19001', null)).toEqual([
      'MOFCOM-2024-46',
      'FR-2025-19001',
    ]);
    expect(citedMeasureKeys('No. 70', null)).toEqual([]);
  });

  it('links an event to its own measure, those it affects and those it cites', () => {
    expect(
      measureLinks({
        ...base,
        source: 'mofcom',
        externalId: 'MOFCOM-GAC-2025-70',
        affects: ['MOFCOM-GAC-2025-57', 'MOFCOM-2025-61'],
        summary: 'see MOFCOM/GAC No. 18',
        publishedOn: '2025-11-07',
      }),
    ).toEqual([
      { key: 'MOFCOM-GAC-2025-70', role: 'SELF' },
      { key: 'MOFCOM-GAC-2025-57', role: 'AFFECTS' },
      { key: 'MOFCOM-2025-61', role: 'AFFECTS' },
      { key: 'MOFCOM-GAC-2025-18', role: 'CITES' },
    ]);
  });

  it('only official events move the status', () => {
    expect(statusAfter('IMPOSED', 'SELF', true, null)).toBe('IN_FORCE');
    expect(statusAfter('SUSPENDED', 'AFFECTS', true, 'IN_FORCE')).toBe('SUSPENDED');
    expect(statusAfter('REINSTATED', 'AFFECTS', true, 'SUSPENDED')).toBe('IN_FORCE');
    expect(statusAfter('SUSPENDED', 'CITES', false, 'IN_FORCE')).toBe('IN_FORCE');
    expect(statusAfter('SUSPENDED', 'CITES', false, null)).toBe('REPORTED');
    expect(statusAfter('NOTICE', 'SELF', true, null)).toBe('PROPOSED');
    expect(statusAfter('IMPOSED', 'SELF', true, 'SUSPENDED')).toBe('SUSPENDED'); // the announcement arriving after its suspension
  });
});

import { uuid7 } from './uuid7.js';

describe('uuid7', () => {
  it('makes version-7 UUIDs that increase strictly, also within one millisecond, and carry the time', () => {
    const ids = Array.from({ length: 5000 }, () => uuid7(1_764_849_600_000));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = uuid7(1_764_849_700_000);
    expect(later > ids[ids.length - 1]!).toBe(true);
    expect(Number.parseInt(later.replace(/-/g, '').slice(0, 12), 16)).toBe(1_764_849_700_000);
  });
});

import { uuid7 } from './uuid7.js';

describe('uuid7', () => {
  it('is an RFC 9562 version 7, variant 10 UUID carrying the time in ms', () => {
    const id = uuid7(0x0123_4567_89ab);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const at = Date.now() + 60_000;
    const later = uuid7(at);
    expect(Number.parseInt(later.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('is strictly increasing, also for many ids in the same millisecond and past the 12-bit counter', () => {
    const at = Date.now() + 120_000;
    const ids = Array.from({ length: 10_000 }, () => uuid7(at));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // 10,000 ids at one instant overflow the 4,096-step counter twice: the time part moves on by 2 ms.
    const ms = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms(ids[0]!)).toBe(at);
    expect(ms(ids.at(-1)!)).toBe(at + 2);
    // A clock going backwards does not make ids go backwards.
    expect(uuid7(at - 5_000) > ids.at(-1)!).toBe(true);
  });
});

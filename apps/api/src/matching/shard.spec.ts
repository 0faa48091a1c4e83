import { createHash, randomUUID } from 'node:crypto';
import { fnv1a32, shardOf } from './shard.js';

describe('shardOf', () => {
  it('is the published FNV-1a 32-bit hash mod N (stable across processes and releases)', () => {
    // Reference values of FNV-1a 32 (http://www.isthe.com/chongo/tech/comp/fnv/): "" and "a", "foobar".
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // Pinned shards of fixed tenant ids over 2, 3, 4 and 16 shards: a change here would move tenants between shards
    // in running deployments.
    const pinned: Record<string, number[]> = {
      '0193a5c8-7a10-7000-8000-000000000001': [0, 1, 0, 12],
      '00000000-0000-0000-0000-000000000000': [1, 0, 1, 1],
      'f47ac10b-58cc-4372-a567-0e02b2c3d479': [0, 1, 0, 0],
    };
    for (const [id, shards] of Object.entries(pinned)) {
      expect([2, 3, 4, 16].map((n) => shardOf(id, n))).toEqual(shards);
      expect([2, 3, 4, 16].map((n) => shardOf(id.toUpperCase(), n))).toEqual(shards);
    }
  });

  it('is 0 for one shard and in [0, N) otherwise', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      expect(shardOf(id, 1)).toBe(0);
      const s = shardOf(id, 7);
      expect(Number.isInteger(s) && s >= 0 && s < 7).toBe(true);
    }
  });

  /** 10,000 UUIDs, deterministic (no flaky draw): random-like v4 ids and time-ordered v7 ids (the app's tenant ids). */
  const hex = (i: number, salt: string) => createHash('sha256').update(`${salt}${i}`).digest('hex');
  const v4 = Array.from({ length: 10_000 }, (_, i) => {
    const h = hex(i, 'v4:');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  });
  const v7 = Array.from({ length: 10_000 }, (_, i) => {
    const ms = (1_765_000_000_000 + i * 37).toString(16).padStart(12, '0');
    const h = hex(i, 'v7:');
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${h.slice(0, 3)}-8${h.slice(3, 6)}-${h.slice(6, 18)}`;
  });
  /** The chi-square statistic's 0.1 % critical value by degrees of freedom (n - 1 shards). */
  const CRITICAL: Record<number, number> = { 1: 10.83, 2: 13.82, 3: 16.27, 7: 24.32, 15: 37.7 };

  it.each([
    ['random (v4)', v4],
    ['time-ordered (v7)', v7],
  ])('spreads 10,000 %s UUIDs evenly over 2, 3, 4, 8 and 16 shards', (_kind, ids) => {
    for (const n of [2, 3, 4, 8, 16]) {
      const counts = new Array<number>(n).fill(0);
      for (const id of ids) counts[shardOf(id, n)]!++;
      const expected = ids.length / n;
      // Each shard within 10 % of an even share (the binomial sd at 16 shards is 3.9 % of 625)...
      for (const c of counts) expect(Math.abs(c - expected) / expected).toBeLessThan(0.1);
      // ...and a chi-square statistic under the 0.1 % critical value: nothing a uniform hash would not give.
      const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      expect(chi2).toBeLessThan(CRITICAL[n - 1]!);
    }
  });

  it('refuses a shard count that is not an integer >= 1', () => {
    expect(() => shardOf('x', 0)).toThrow(RangeError);
    expect(() => shardOf('x', 1.5)).toThrow('shards must be an integer >= 1 (got 1.5)');
  });
});

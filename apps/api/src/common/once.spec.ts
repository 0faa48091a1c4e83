import { Once } from './once.js';

describe('Once', () => {
  it('computes once for concurrent and later callers', async () => {
    let calls = 0;
    const once = new Once(async () => ++calls);
    expect(await Promise.all([once.get(), once.get()])).toEqual([1, 1]);
    expect(await once.get()).toBe(1);
    expect(calls).toBe(1);
  });

  it('forgets a failure, so the next call computes again', async () => {
    let calls = 0;
    const once = new Once(async () => {
      calls++;
      if (calls === 1) throw new Error('database not ready');
      return 'loaded';
    });
    await expect(once.get()).rejects.toThrow('database not ready');
    expect(await once.get()).toBe('loaded');
    expect(await once.get()).toBe('loaded');
    expect(calls).toBe(2);
  });
});

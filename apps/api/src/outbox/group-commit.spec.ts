import { GroupCommit } from './outbox.js';

describe('GroupCommit', () => {
  it('writes the first item at once and the items added meanwhile together in the next write', async () => {
    const writes: number[][] = [];
    const gates: (() => void)[] = [];
    const commit = new GroupCommit<number>(async (items) => {
      writes.push(items);
      await new Promise<void>((resolve) => gates.push(resolve));
    });
    const done: number[] = [];
    const add = (n: number) => commit.add(n).then(() => done.push(n));
    const first = add(1);
    await Promise.resolve();
    expect(writes).toEqual([[1]]); // not held back waiting for company
    const rest = [add(2), add(3), add(4)];
    await Promise.resolve();
    expect(writes).toEqual([[1]]); // one write at a time
    gates.shift()!();
    await first;
    expect(done).toEqual([1]); // 2-4 are not reported written before their write ends
    await new Promise(setImmediate);
    expect(writes).toEqual([[1], [2, 3, 4]]);
    gates.shift()!();
    await Promise.all(rest);
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('rejects the items of a failed write only, and keeps writing later ones', async () => {
    let calls = 0;
    const commit = new GroupCommit<string>(async (items) => {
      calls++;
      if (items.includes('bad')) throw new Error('database gone');
    });
    await expect(commit.add('bad')).rejects.toThrow('database gone');
    await expect(commit.add('good')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('with lingerMs, a write that follows another waits for more items, unless fullGroup are waiting', async () => {
    const writes: number[][] = [];
    const gates: (() => void)[] = [];
    const commit = new GroupCommit<number>(
      async (items) => {
        writes.push(items);
        await new Promise<void>((resolve) => gates.push(resolve));
      },
      { lingerMs: 40, fullGroup: 3 },
    );
    const first = commit.add(1);
    await Promise.resolve();
    expect(writes).toEqual([[1]]); // the first item after a quiet spell goes at once
    const second = commit.add(2);
    gates.shift()!();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writes).toEqual([[1]]); // 2 waits for company (up to 40 ms)
    const third = commit.add(3);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toEqual([[1], [2, 3]]); // written together once the linger ended
    const more = [commit.add(4), commit.add(5), commit.add(6)];
    gates.shift()!();
    await Promise.all([second, third]);
    await new Promise(setImmediate);
    expect(writes).toEqual([[1], [2, 3], [4, 5, 6]]); // a full group goes without lingering
    gates.shift()!();
    await Promise.all(more);
  });
});

import { CoalescedDrain } from './outbox.js';

describe('CoalescedDrain', () => {
  it('shares one running drain, runs once more after kicks during it, and reports a failed kick', async () => {
    let runs = 0;
    let release!: () => void;
    const errors: string[] = [];
    const tracked: Promise<number>[] = [];
    const drain = new CoalescedDrain<number>(
      async () => {
        runs++;
        if (runs === 3) throw new Error('database gone');
        if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
        return runs;
      },
      (error) => errors.push(error.message),
      (run) => tracked.push(run),
    );
    const first = drain.run();
    expect(drain.run()).toBe(first); // joined, not started again
    drain.kick();
    drain.kick(); // coalesced with the previous kick
    release();
    expect(await first).toBe(1);
    await drain.idle();
    await new Promise(setImmediate);
    await drain.idle();
    expect(runs).toBe(2); // the first, then one more for both kicks
    drain.kick();
    await new Promise(setImmediate);
    await drain.idle();
    expect(errors).toEqual(['database gone']);
    expect(tracked).toHaveLength(3);
  });
});

import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { PrismaService, Tx } from './prisma.service.js';
import {
  isSerializationFailure,
  NestedTransactionError,
  TRANSACTION_DEFAULTS,
  TRANSACTION_MAX_ATTEMPTS,
  TransactionRunner,
} from './transaction-runner.js';

/** A fake Prisma client: `$transaction` records its options and hands the callback a fresh fake `tx` per attempt. */
function fakeClient(failures: unknown[] = []) {
  const calls: { options: unknown; tx: Tx }[] = [];
  const db = {
    async $transaction<T>(fn: (tx: Tx) => Promise<T>, options: unknown): Promise<T> {
      const tx = { attempt: calls.length + 1 } as unknown as Tx;
      calls.push({ options, tx });
      const result = await fn(tx);
      const failure = failures.shift();
      if (failure) throw failure; // as a failing COMMIT would
      return result;
    },
  };
  return { runner: new TransactionRunner({ db } as unknown as PrismaService), calls };
}

/** Errors as Prisma reports a serialization failure: P2034, the raw SQLSTATE, the adapter's cause. */
const serialization = Object.assign(new Error('could not serialize access'), { code: 'P2034' });
const rawSerialization = Object.assign(new Error('raw query failed'), {
  code: 'P2010',
  meta: { driverAdapterError: { cause: { originalCode: '40001', kind: 'postgres' } } },
});
const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('TransactionRunner', () => {
  afterEach(() => jest.restoreAllMocks());

  it('passes the project defaults, and the caller options in their place', async () => {
    const { runner, calls } = fakeClient();
    await expect(runner.run(async () => 'done')).resolves.toBe('done');
    expect(calls[0]!.options).toEqual({
      maxWait: TRANSACTION_DEFAULTS.maxWaitMs,
      timeout: TRANSACTION_DEFAULTS.timeoutMs,
    });
    await runner.run(async () => 1, { timeoutMs: 120_000, maxWaitMs: 60_000, isolation: 'Serializable', label: 'x' });
    expect(calls[1]!.options).toEqual({ maxWait: 60_000, timeout: 120_000, isolationLevel: 'Serializable' });
  });

  it('hands the callback the transaction client', async () => {
    const { runner, calls } = fakeClient();
    let seen: Tx | undefined;
    await runner.run(async (tx) => {
      seen = tx;
    });
    expect(seen).toBe(calls[0]!.tx);
  });

  it('retries a serialization failure or deadlock only when the work is idempotent, with a fresh tx', async () => {
    for (const error of [serialization, rawSerialization, deadlock]) {
      const retried = fakeClient([error]);
      const fn = jest.fn(async (tx: Tx) => tx);
      const tx = await retried.runner.run(fn, { idempotent: true, label: 'retry' });
      expect(fn).toHaveBeenCalledTimes(2);
      expect(tx).toBe(retried.calls[1]!.tx);

      const once = fakeClient([error]);
      const fnOnce = jest.fn(async () => 1);
      await expect(once.runner.run(fnOnce)).rejects.toBe(error);
      expect(fnOnce).toHaveBeenCalledTimes(1);
    }
  });

  it('gives up after the bounded number of attempts', async () => {
    const { runner } = fakeClient(Array.from({ length: TRANSACTION_MAX_ATTEMPTS + 2 }, () => serialization));
    const fn = jest.fn(async () => 1);
    await expect(runner.run(fn, { idempotent: true })).rejects.toBe(serialization);
    expect(fn).toHaveBeenCalledTimes(TRANSACTION_MAX_ATTEMPTS);
  });

  it('does not retry other errors, even when idempotent', async () => {
    const unique = Object.assign(new Error('unique'), { code: 'P2002' });
    const { runner } = fakeClient();
    const fn = jest.fn(async () => {
      throw unique;
    });
    await expect(runner.run(fn, { idempotent: true })).rejects.toBe(unique);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('refuses a transaction opened inside another one, naming both', async () => {
    const { runner, calls } = fakeClient();
    const inner = jest.fn(async () => 1);
    const outer = runner.run(() => runner.run(inner, { label: 'inner' }), { label: 'outer' });
    await expect(outer).rejects.toThrow(NestedTransactionError);
    await expect(runner.run(() => runner.run(inner, { label: 'inner' }), { label: 'outer' })).rejects.toThrow(
      /"inner" was opened inside transaction "outer"/,
    );
    expect(inner).not.toHaveBeenCalled();
    expect(calls).toHaveLength(2); // only the outer ones reached the client
  });

  it('allows transactions one after another, a detached one from inside, and background work after the commit', async () => {
    const { runner, calls } = fakeClient();
    await runner.run(async () => 1);
    await runner.run(async () => 2);
    let detached: Promise<number> | undefined;
    let later: Promise<number> | undefined;
    await runner.run(async () => {
      expect(runner.inTransaction).toBe(true);
      detached = runner.run(async () => 3, { detached: true, label: 'rebuild' });
      later = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => runner.run(async () => 4));
    });
    expect(runner.inTransaction).toBe(false);
    await expect(detached).resolves.toBe(3);
    await expect(later).resolves.toBe(4); // started in the outer's async context, but after it ended
    expect(calls).toHaveLength(5);
  });

  it('logs a slow transaction with its label', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { runner } = fakeClient();
    await runner.run(async () => 1, { label: 'fast' });
    expect(warn).not.toHaveBeenCalled();
    runner.slowMs = 0;
    await runner.run(async () => 1, { label: 'ingest.policy-change' });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^slow transaction ingest\.policy-change: \d+ ms$/));
  });

  it('recognises serialization failures as both adapters report them, and nothing else', () => {
    expect(isSerializationFailure(serialization)).toBe(true);
    expect(isSerializationFailure(rawSerialization)).toBe(true);
    expect(isSerializationFailure(deadlock)).toBe(true);
    expect(isSerializationFailure({ cause: { kind: 'TransactionWriteConflict' } })).toBe(true);
    expect(isSerializationFailure({ code: 'P2002' })).toBe(false);
    expect(isSerializationFailure({ code: 'P2028' })).toBe(false);
    expect(isSerializationFailure(new Error('40001'))).toBe(false);
    expect(isSerializationFailure(null)).toBe(false);
  });
});

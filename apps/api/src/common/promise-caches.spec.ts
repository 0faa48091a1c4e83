import { FakeClock } from './clock.js';
import { Once } from './once.js';
import { CoalescedDrain } from '../outbox/outbox.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { TenantIndexCache } from '../modules/events/tenant-index.cache.js';
import { EventIndexCache } from '../modules/exposure/event-index.cache.js';
import { PartsService } from '../modules/parts/parts.service.js';
import { ReferenceService } from '../modules/reference/reference.service.js';
import { SourcesService } from '../modules/sources/sources.service.js';
import { seedReferenceData, seedReferenceIndex } from '../testing/reference.js';

/**
 * "No rejected promise is cached" (issue 11; docs/architecture.md): every process-lifetime cache of a load (reference
 * data, sources, parts' reference, the login dummy hash, the exposure's event index, the tenant index, the outbox
 * drains) is given a dependency that fails once and then works: the failed call rejects with the dependency's error,
 * and the next call loads again and succeeds, instead of replaying the old error for the life of the process.
 */

/** A loader that rejects on its first call (`database not ready`) and resolves `value()` after; counts its calls. */
function flaky<A extends unknown[], T>(value: (...args: A) => T | Promise<T>) {
  const f = Object.assign(
    async (...args: A): Promise<T> => {
      f.calls++;
      if (f.calls === 1) throw new Error('database not ready');
      return value(...args);
    },
    { calls: 0 },
  );
  return f;
}

const tx = {} as never;

describe('no rejected promise is cached', () => {
  it('Once: callers that joined the failed load all get its error; the next call loads again', async () => {
    const load = flaky(() => 'loaded');
    const once = new Once(load);
    const joined = await Promise.allSettled([once.get(), once.get()]);
    expect(joined.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(load.calls).toBe(1);
    expect(await once.get()).toBe('loaded');
    expect(await once.get()).toBe('loaded');
    expect(load.calls).toBe(2);
  });

  it('ReferenceService: index() and data() retry a failed load of the reference data', async () => {
    const data = seedReferenceData();
    const elements = flaky(() => data.elements);
    const repository = {
      elements,
      controlListEntries: async () => data.controlEntries,
      materialForms: async () => data.materialForms,
      hsCodes: async () => data.hsCodes,
    };
    const reference = new ReferenceService(repository as never);
    await expect(reference.index()).rejects.toThrow('database not ready');
    const index = await reference.index();
    expect(await reference.index()).toBe(index); // loaded once, kept
    expect((await reference.data()).elements).toBe(data.elements);
    expect(elements.calls).toBe(2);
  });

  it('SourcesService: a failed registration of the connectors and a failed parse context are retried', async () => {
    const ensure = flaky(() => undefined);
    const repository = { ensure, list: async () => [] };
    const index = flaky(() => seedReferenceIndex());
    const connector = { name: 'mofcom', kind: 'OFFICIAL', enabled: true, intervalMinutes: 60 };
    const sources = new SourcesService(
      repository as never,
      {} as never,
      { index } as never,
      {} as never,
      [connector] as never,
      {} as never,
      new FakeClock(new Date('2026-03-02T09:00:00Z')),
      {} as never,
    );
    await expect(sources.list()).rejects.toThrow('database not ready');
    expect(await sources.list()).toEqual([]);
    await sources.list();
    expect(ensure.calls).toBe(2); // registered once, after the failed attempt
    const context = () => (sources as unknown as { parseContext(): Promise<{ reference: unknown }> }).parseContext();
    await expect(context()).rejects.toThrow('database not ready');
    expect((await context()).reference).toBeDefined();
    expect(index.calls).toBe(2);
  });

  it("PartsService: a failed read of the reference's element symbols and forms is retried", async () => {
    const reference = flaky(() => ({ elements: new Set(['Dy']), forms: new Set(['OXIDE']) }));
    const parts = new PartsService({ reference } as never, {} as never, {} as never, {} as never);
    await expect(parts.ref()).rejects.toThrow('database not ready');
    expect((await parts.ref()).elements).toEqual(new Set(['Dy']));
    await parts.ref();
    expect(reference.calls).toBe(2);
  });

  it('AuthService: a failed dummy hash (unknown email at sign-in) is computed again on the next sign-in', async () => {
    const hash = flaky(() => '$argon2id$dummy');
    const verified: string[] = [];
    const hasher = {
      hash,
      verify: async (stored: string) => {
        verified.push(stored);
        return false;
      },
    };
    const throttle = {
      hitAddress: async () => ({ allowed: true }),
      checkPair: async () => ({ allowed: true }),
      pairFailed: async () => 0,
    };
    const auth = new AuthService(
      { findUserByEmail: async () => null } as never,
      hasher as never,
      throttle as never,
      {} as never,
      new FakeClock(new Date('2026-03-02T09:00:00Z')),
    );
    await expect(auth.login('nobody@example.com', 'password-1', '127.0.0.1')).rejects.toThrow('database not ready');
    await expect(auth.login('nobody@example.com', 'password-1', '127.0.0.1')).rejects.toMatchObject({ status: 401 });
    await expect(auth.login('nobody@example.com', 'password-1', '127.0.0.1')).rejects.toMatchObject({ status: 401 });
    expect(verified).toEqual(['$argon2id$dummy', '$argon2id$dummy']);
    expect(hash.calls).toBe(2);
  });

  it('EventIndexCache (exposure): a failed read of the stored events is read again, from the same point', async () => {
    const row = {
      id: '0193a5c8-7a10-7000-8000-000000000018',
      source: 'mofcom',
      externalId: 'MOFCOM-GAC-2025-18',
      jurisdiction: 'CN',
      action: 'IMPOSED',
      title: 'MOFCOM/GAC Announcement 2025 No. 18',
      reference: 'MOFCOM/GAC Announcement 2025 No. 18',
      official: true,
      sourceUrl: null,
      effectiveDate: new Date('2025-04-04T00:00:00Z'),
      endDate: null,
      elements: ['Dy', 'Tb'],
      hsCodes: ['2846901940'],
      controlEntries: ['1C905'],
      textTags: [],
      createdAt: new Date('2026-03-02T09:00:00Z'),
      measures: [],
    };
    const since: (Date | null)[] = [];
    const policyChangesSince = flaky((_tx: unknown, from: Date | null) => {
      since.push(from);
      return [row];
    });
    const repository = { policyChangesSince, permitEventsSince: async () => [] };
    const cache = new EventIndexCache(repository as never);
    const ref = seedReferenceIndex();
    await expect(cache.get(tx, ref)).rejects.toThrow('database not ready');
    const { meta } = await cache.get(tx, ref);
    expect([...meta.keys()]).toEqual([row.id]);
    expect(since[0]).toBeNull(); // the failed read left no watermark: everything is read again
    expect(policyChangesSince.calls).toBe(2);
  });

  describe('TenantIndexCache', () => {
    const reference = seedReferenceIndex();
    function fakeRepo(matchingProfiles: (...args: unknown[]) => Promise<unknown>) {
      const versions = new Map([
        ['t000', 1n],
        ['t001', 1n],
      ]);
      return {
        versions,
        repo: {
          matchingProfileVersion: async () => [...versions.values()].reduce((a, b) => a + b, 0n),
          matchingProfileVersions: async () => new Map(versions),
          matchingProfiles,
        },
      };
    }
    const profiles = async () => ({
      watches: [{ id: 'w0', tenantId: 't000', kind: 'ELEMENT', elementSymbol: 'Dy' }],
      suppliers: [],
      supplierDecisions: [],
    });

    it('a failed build at ingestion is built again by the next one (no failed index or build kept)', async () => {
      const matchingProfiles = flaky(profiles);
      const { repo } = fakeRepo(matchingProfiles);
      const runner = { run: async (fn: (t: unknown) => unknown) => fn(tx) };
      const cache = new TenantIndexCache(repo as never, runner as never);
      await expect(cache.get(tx, reference)).rejects.toThrow('database not ready');
      expect(cache.builds).toBe(0);
      const matcher = await cache.get(tx, reference);
      expect(cache.builds).toBe(1);
      expect(
        matcher
          .match({
            type: 'POLICY_CHANGE',
            jurisdiction: 'CN',
            reference: null,
            action: 'IMPOSED',
            elements: ['Dy'],
            hsCodes: [],
            controlEntries: [],
          })
          .map((m) => m.tenantId),
      ).toEqual(['t000']);
    });

    it('a failed background rebuild is not kept in flight: the next change starts a new one, which succeeds', async () => {
      const matchingProfiles = profiles;
      const { versions, repo } = fakeRepo(matchingProfiles);
      let transactions = 0;
      const runner = {
        run: async (fn: (t: unknown) => unknown) => {
          transactions++;
          if (transactions === 1) throw new Error('database not ready');
          return fn(tx);
        },
      };
      const cache = new TenantIndexCache(repo as never, runner as never);
      await cache.get(tx, reference); // built at ingestion
      versions.set('t001', 2n);
      await cache.get(tx, reference); // an overlay, and a background rebuild that fails
      await cache.settled();
      expect([cache.builds, cache.overlays, transactions]).toEqual([1, 1, 1]);
      versions.set('t000', 2n);
      await cache.get(tx, reference); // another overlay: a new rebuild starts, and succeeds
      await cache.settled();
      expect([cache.builds, cache.overlays, transactions]).toEqual([2, 2, 2]);
      await cache.get(tx, reference); // current again: the rebuilt index answers
      expect([cache.builds, cache.overlays]).toEqual([2, 2]);
    });
  });

  it('CoalescedDrain (outbox, channel, fan-out and match workers): a failed drain is not joined by later runs', async () => {
    const loop = flaky(() => 3);
    const errors: string[] = [];
    const drain = new CoalescedDrain(loop, (e) => errors.push(e.message));
    await expect(drain.run()).rejects.toThrow('database not ready');
    expect(await drain.run()).toBe(3);
    await drain.idle();
    expect(loop.calls).toBe(2);
  });
});

import { Inject, Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import type { Tx } from '../../database/prisma.service.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { TimeSlicer } from '../../common/yield.js';
import { TenantIndex } from '../../matching/matcher.js';
import type { ReferenceIndex } from '../../matching/reference-index.js';
import type { EventFacts, TenantMatch } from '../../matching/types.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';

/** What ingestion matches an event with: every tenant's profile as of the caller's transaction. */
export interface TenantMatcher {
  /** One {@link TenantMatch} per matched tenant, ordered by tenant id (as {@link TenantIndex.match}). */
  match(event: EventFacts): TenantMatch[];
}

/**
 * Which tenants an index covers (a shard's, for sharded matching: `(id) => shardOf(id, N) === k`); every tenant when
 * absent. Nest token: {@link TENANT_INDEX_SCOPE}.
 */
export type TenantScopeFilter = (tenantId: string) => boolean;

/** Injection token of an optional {@link TenantScopeFilter} (the default ingestion index has none). */
export const TENANT_INDEX_SCOPE = Symbol('TENANT_INDEX_SCOPE');

/** Tenant ids per profile read of a scoped build (one `IN` list each, well under the bind-parameter limits). */
const SCOPED_READ_CHUNK = 5000;

/** The counter row raised by a TRUNCATE, which names no tenant: its change means every tenant may have changed. */
const ALL_TENANTS = '00000000-0000-0000-0000-000000000000';

/**
 * Above this many changed tenants an ingestion builds the whole index itself instead of an overlay: an overlay costs
 * about what the whole index costs per tenant, so past a few hundred tenants the shortcut stops paying.
 */
export const OVERLAY_MAX_TENANTS = 256;

/**
 * A built index over every tenant, with the per-tenant counters it was built at; `changed` tenants are matched by a
 * small overlay index of their current profiles instead (their base answers are dropped).
 */
export class LayeredMatcher implements TenantMatcher {
  constructor(
    private readonly base: TenantIndex,
    private readonly overlay: TenantIndex,
    private readonly changed: ReadonlySet<string>,
  ) {}

  match(event: EventFacts): TenantMatch[] {
    const base = this.base.match(event).filter((m) => !this.changed.has(m.tenantId));
    const overlay = this.overlay.match(event);
    if (!overlay.length) return base;
    // Both lists are ordered by tenant id: merge them.
    const out: TenantMatch[] = [];
    let i = 0;
    let j = 0;
    while (i < base.length || j < overlay.length) {
      if (j >= overlay.length || (i < base.length && base[i]!.tenantId < overlay[j]!.tenantId)) out.push(base[i++]!);
      else out.push(overlay[j++]!);
    }
    return out;
  }
}

interface Built {
  /**
   * Sum of every tenant's counter at build time, in scope or not (the fast check: equal sums mean nothing changed,
   * since counters only grow).
   */
  sum: bigint;
  /** The counters of the tenants in scope (and the TRUNCATE row) at build time. */
  versions: Map<string, bigint>;
  reference: ReferenceIndex;
  index: TenantIndex;
}

/**
 * The {@link TenantIndex} of every active tenant's watches, suppliers and supplier-name decisions, kept current
 * without making ingestion wait for a rebuild. Change is seen through the database's per-tenant matching-profile
 * counters (raised by triggers in the same transaction as any change to watches, suppliers, decisions or a tenant's
 * status, whichever process or code path made it), so an ingestion never matches against a profile older than its own
 * transaction's snapshot:
 * - nothing changed (the counters' sum is the one the index was built at): the built index answers;
 * - a few tenants changed: their current profiles are read and indexed apart (an overlay, milliseconds), the built
 *   index answers for everyone else, and one rebuild of the whole index starts in the background (at most one in
 *   flight; ingestion does not wait for it);
 * - no index yet, new reference data, a TRUNCATE, or more than {@link OVERLAY_MAX_TENANTS} tenants changed: the
 *   ingestion builds the whole index (100,000 watches and 200,000 supplier aliases take seconds).
 * The last case is kept rare by {@link refresh}: processes that ingest build the index when they start and rebuild it
 * in the background within seconds of any change (jobs/tenant-index.schedule.ts), so an ingestion meets at most the
 * tenants changed since the last refresh. Every build, in a request or not, gives the event loop a turn every 10 ms
 * ({@link TenantIndex.build}): other requests are served while it runs.
 * Matching an event against a built index takes about a millisecond (`npm run bench -- match`).
 *
 * With a scope ({@link TenantScopeFilter}, a shard's tenants: modules/events/match-jobs.service.ts) only the tenants in
 * scope are read and indexed, and a change of a tenant out of scope costs one read of the counters, no build.
 */
@Injectable()
export class TenantIndexCache implements OnModuleDestroy {
  private readonly logger = new Logger(TenantIndexCache.name);
  private current: Built | undefined;
  private rebuilding: Promise<void> | null = null;
  private fullBuilds = 0;
  private overlayBuilds = 0;

  constructor(
    private readonly tenants: TenantsRepository,
    private readonly transactions: TransactionRunner,
    @Optional() @Inject(TENANT_INDEX_SCOPE) private readonly scope?: TenantScopeFilter,
  ) {}

  /**
   * A matcher for the profiles visible to `tx` (see the class comment for when it builds what).
   * @throws the database error of a failed read.
   */
  async get(tx: Tx, reference: ReferenceIndex): Promise<TenantMatcher> {
    const sum = await this.tenants.matchingProfileVersion(tx);
    const cached = this.current;
    if (cached && cached.reference === reference && cached.sum === sum) return cached.index;
    if (!cached || cached.reference !== reference) return (await this.build(tx, reference)).index;

    const versions = this.inScope(await this.tenants.matchingProfileVersions(tx));
    const changed = new Set<string>();
    for (const [tenantId, version] of versions) if (cached.versions.get(tenantId) !== version) changed.add(tenantId);
    for (const tenantId of cached.versions.keys()) if (!versions.has(tenantId)) changed.add(tenantId);
    if (changed.has(ALL_TENANTS) || changed.size > OVERLAY_MAX_TENANTS) return (await this.build(tx, reference)).index;
    if (!changed.size) {
      // Only tenants out of scope changed: the index is current for this snapshot (keep the newest sum).
      if (this.current === cached && cached.sum < sum) this.current = { ...cached, sum };
      return cached.index;
    }

    const profiles = await this.tenants.matchingProfiles(tx, [...changed]);
    const overlay = await buildIndex(reference, profiles);
    this.overlayBuilds++;
    this.rebuildInBackground(reference);
    return new LayeredMatcher(cached.index, overlay, changed);
  }

  /** Full builds in this process (an ingestion's own, and background ones). */
  get builds(): number {
    return this.fullBuilds;
  }

  /** Overlay builds in this process (ingestions that matched changed tenants apart). */
  get overlays(): number {
    return this.overlayBuilds;
  }

  /**
   * Keeps the index current off the request path: starts a background rebuild when there is no index yet, the
   * reference data changed, or any tenant's profile changed since the last build (one read of the counters' sum), unless
   * a rebuild is in flight. Resolves when the check is done (not when the rebuild is): pass `{ wait: true }` to wait for
   * the rebuild too (start-up). Never rejects (a failed read or build is logged and tried again next time).
   */
  async refresh(reference: ReferenceIndex, options: { wait?: boolean } = {}): Promise<void> {
    if (this.rebuilding === null) {
      try {
        const sum = await this.transactions.run((tx) => this.tenants.matchingProfileVersion(tx), {
          label: 'TenantIndexCache.refresh',
        });
        const cached = this.current;
        if (cached && cached.reference === reference && cached.sum === sum) return;
        this.rebuildInBackground(reference);
      } catch (error) {
        this.logger.warn(`tenant index refresh failed: ${(error as Error).message}`);
        return;
      }
    }
    if (options.wait) await this.settled();
  }

  /** Resolves when no background rebuild is in flight (tests, graceful shutdown). Never rejects. */
  async settled(): Promise<void> {
    while (this.rebuilding !== null) await this.rebuilding;
  }

  /** On shutdown, lets a background rebuild finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    await this.settled();
  }

  /** Reads the counters, then the profiles (so the profiles are at least as new as the counters), and builds. */
  private async build(tx: Tx, reference: ReferenceIndex): Promise<Built> {
    const all = await this.tenants.matchingProfileVersions(tx);
    let sum = 0n;
    for (const v of all.values()) sum += v;
    const versions = this.inScope(all);
    const built: Built = {
      sum,
      versions,
      reference,
      index: await buildIndex(reference, await this.profiles(tx, versions)),
    };
    this.fullBuilds++;
    // Keep the newest: a slower concurrent build of an older snapshot must not replace it.
    if (!this.current || this.current.reference !== reference || this.current.sum <= sum) this.current = built;
    return built;
  }

  /** The counters of the tenants in scope, and the TRUNCATE row (every counter without a scope). */
  private inScope(versions: Map<string, bigint>): Map<string, bigint> {
    const scope = this.scope;
    if (!scope) return versions;
    return new Map([...versions].filter(([tenantId]) => tenantId === ALL_TENANTS || scope(tenantId)));
  }

  /** Every active tenant's profiles, or, with a scope, those of the tenants in scope (read in chunks of ids). */
  private async profiles(tx: Tx, versions: Map<string, bigint>) {
    if (!this.scope) return this.tenants.matchingProfiles(tx);
    const ids = [...versions.keys()].filter((id) => id !== ALL_TENANTS);
    let out = await this.tenants.matchingProfiles(tx, ids.slice(0, SCOPED_READ_CHUNK));
    for (let i = SCOPED_READ_CHUNK; i < ids.length; i += SCOPED_READ_CHUNK) {
      const part = await this.tenants.matchingProfiles(tx, ids.slice(i, i + SCOPED_READ_CHUNK));
      out = {
        watches: out.watches.concat(part.watches),
        suppliers: out.suppliers.concat(part.suppliers),
        supplierDecisions: out.supplierDecisions.concat(part.supplierDecisions),
      };
    }
    return out;
  }

  /** Starts a rebuild in its own transaction unless one is in flight; failures are logged and retried next time. */
  private rebuildInBackground(reference: ReferenceIndex): void {
    if (this.rebuilding !== null) return;
    // Detached: started inside the ingestion's transaction, not awaited by it; it waits for its own connection (on
    // PGlite, until the ingestion's transaction ends).
    this.rebuilding = this.transactions
      .run((tx) => this.build(tx, reference), {
        maxWaitMs: 60_000,
        timeoutMs: 120_000,
        detached: true,
        label: 'TenantIndexCache.rebuildInBackground',
      })
      .then(
        () => undefined,
        (error: unknown) =>
          this.logger.warn(`background rebuild of the tenant index failed: ${(error as Error).message}`),
      )
      .finally(() => {
        this.rebuilding = null;
      });
  }
}

/**
 * A {@link TenantIndex} of `profiles`, built in slices of about 10 ms with a turn of the event loop between them, so
 * that a build of 10,000 tenants (seconds of work) never stalls the requests served meanwhile.
 */
async function buildIndex(
  reference: ReferenceIndex,
  profiles: Awaited<ReturnType<TenantsRepository['matchingProfiles']>>,
): Promise<TenantIndex> {
  const slicer = new TimeSlicer(10);
  return TenantIndex.build(reference, profiles.watches, profiles.suppliers, profiles.supplierDecisions, () =>
    slicer.maybeYield(),
  );
}

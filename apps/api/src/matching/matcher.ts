import type { MatchReason } from '@lodestone/shared-types';
import type { ReferenceIndex } from './reference-index.js';
import { severityOf } from './severity.js';
import { supplierReason } from './suppliers/explain.js';
import { type PreparedSuppliers, prepareSuppliers, SupplierResolver } from './suppliers/resolver.js';
import type { EventFacts, SupplierNameDecisionSpec, SupplierSpec, TenantMatch, WatchSpec } from './types.js';
import { assembleWatchMatches, NaiveWatchScan, WatchIndex } from './watch-index.js';

/**
 * The watchlists and suppliers of all tenants, indexed for matching: watches by the keys they expand to (see
 * expansion.ts and {@link WatchIndex}: an element watch reaches the element's control-list items, the customs codes
 * tied to it alone and the material forms made of it; an HS watch reaches the items and forms under it), suppliers by
 * a {@link SupplierResolver} (identifiers and name keys; buyers' remembered decisions on possible matches). Build once
 * per change of watchlists; {@link match} is then independent of the number of tenants that do not match.
 */
export class TenantIndex {
  /** The watch half (exposed for the benchmark, which times each half against its own goal). */
  readonly watchIndex: WatchIndex;
  /** The supplier-name half. */
  readonly suppliers: SupplierResolver;

  /**
   * @param watches every tenant's watches, or a watch index built of them.
   * @param suppliers every tenant's suppliers, the same prepared ahead, or a resolver built of them (see
   *   {@link TenantIndex.build}; `supplierDecisions` are then the resolver's).
   */
  constructor(
    reference: ReferenceIndex,
    watches: Iterable<WatchSpec> | WatchIndex,
    suppliers: Iterable<SupplierSpec> | PreparedSuppliers | SupplierResolver,
    supplierDecisions: Iterable<SupplierNameDecisionSpec> = [],
  ) {
    this.watchIndex = watches instanceof WatchIndex ? watches : new WatchIndex(reference, watches);
    this.suppliers =
      suppliers instanceof SupplierResolver ? suppliers : new SupplierResolver(suppliers, supplierDecisions);
  }

  /**
   * The same index as the constructor's, built without holding the event loop for long: every pass of the build
   * (the suppliers' names, about 97 % of a build; the resolver's maps; the watch rows) awaits `pause()` (a time
   * slicer's `maybeYield`) between small steps. `npm run bench -- tenant-index` reports the longest stretch between
   * two pauses as `longestSyncMs`.
   */
  static async build(
    reference: ReferenceIndex,
    watches: Iterable<WatchSpec>,
    suppliers: Iterable<SupplierSpec>,
    supplierDecisions: Iterable<SupplierNameDecisionSpec>,
    pause: () => Promise<void>,
  ): Promise<TenantIndex> {
    const prepared = await prepareSuppliers(suppliers, pause);
    const resolver = await SupplierResolver.build(prepared, supplierDecisions, pause);
    return new TenantIndex(reference, await WatchIndex.build(reference, watches, pause), resolver);
  }

  /**
   * Matches one event against every tenant. Returns one {@link TenantMatch} per tenant with at least one reason,
   * ordered by tenant id; reasons are ordered watches first (elements, HS codes, entries), then suppliers (matches
   * and possible matches, see {@link supplierReason}).
   */
  match(event: EventFacts): TenantMatch[] {
    // Supplier reasons first (few), then merged into the watch matches, which come in ascending tenant-id order.
    const supplierReasons = new Map<string, MatchReason[]>();
    const parties: ['exporterName' | 'endUser', string | null | undefined][] = [
      ['exporterName', event.exporterName],
      ['endUser', event.endUser],
    ];
    for (const [field, party] of parties) {
      if (!party) continue;
      for (const hit of this.suppliers.resolve(party)) {
        const reason = supplierReason(hit, field, party);
        const list = supplierReasons.get(hit.supplier.tenantId);
        if (list) list.push(reason);
        else supplierReasons.set(hit.supplier.tenantId, [reason]);
      }
    }

    // Severity depends on the reasons only through supplier hits: one computation serves every watch-only tenant.
    const watchOnly = severityOf(event, []);
    const watchMatches = this.watchIndex.match(event);
    if (!supplierReasons.size)
      return watchMatches.map(({ tenantId, reasons }) => ({ tenantId, reasons, severity: watchOnly }));
    const out: TenantMatch[] = [];
    for (const { tenantId, reasons } of watchMatches) {
      const more = supplierReasons.get(tenantId);
      if (!more) {
        out.push({ tenantId, reasons, severity: watchOnly });
        continue;
      }
      supplierReasons.delete(tenantId);
      reasons.push(...more);
      out.push({ tenantId, reasons, severity: severityOf(event, reasons) });
    }
    if (!supplierReasons.size) return out; // every supplier tenant also matched by watches: order kept
    for (const [tenantId, reasons] of supplierReasons)
      out.push({ tenantId, reasons, severity: severityOf(event, reasons) });
    return out.sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0));
  }
}

/**
 * The naive reference for {@link TenantIndex}: every watch of every tenant checked one by one
 * ({@link NaiveWatchScan}) and every supplier name compared with the exporter and end user
 * ({@link SupplierResolver.resolveByScan}), merged per tenant in the plainest way. Its answers must equal
 * TenantIndex.match's; used by the equivalence tests and `npm run bench -- match`.
 */
export class NaiveTenantScan {
  private readonly watches: NaiveWatchScan;
  private readonly suppliers: SupplierResolver;

  constructor(
    reference: ReferenceIndex,
    watches: Iterable<WatchSpec>,
    suppliers: Iterable<SupplierSpec>,
    supplierDecisions: Iterable<SupplierNameDecisionSpec> = [],
  ) {
    this.watches = new NaiveWatchScan(reference, watches);
    this.suppliers = new SupplierResolver(suppliers, supplierDecisions);
  }

  match(event: EventFacts): TenantMatch[] {
    const byTenant = this.watches.match(event);
    for (const field of ['exporterName', 'endUser'] as const) {
      const party = event[field];
      if (!party) continue;
      for (const hit of this.suppliers.resolveByScan(party)) {
        const list = byTenant.get(hit.supplier.tenantId) ?? [];
        list.push(supplierReason(hit, field, party));
        byTenant.set(hit.supplier.tenantId, list);
      }
    }
    return assembleWatchMatches(event, byTenant);
  }
}

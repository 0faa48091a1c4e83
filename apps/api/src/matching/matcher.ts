import type { MatchReason } from '@lodestone/shared-types';
import type { ReferenceIndex } from './reference-index.js';
import { severityOf } from './severity.js';
import { supplierReason } from './suppliers/explain.js';
import { SupplierResolver } from './suppliers/resolver.js';
import type { EventFacts, SupplierNameDecisionSpec, SupplierSpec, TenantMatch, WatchSpec } from './types.js';
import { WatchIndex } from './watch-index.js';

/**
 * The watchlists and suppliers of all tenants, indexed for matching: watches by the keys they expand to (see
 * expansion.ts and {@link WatchIndex}: an element watch reaches the element's control-list items, the customs codes
 * tied to it alone and the material forms made of it; an HS watch reaches the items and forms under it), suppliers by
 * a {@link SupplierResolver} (identifiers and name keys; buyers' remembered decisions on possible matches). Build once
 * per change of watchlists; {@link match} is then independent of the number of tenants that do not match.
 */
export class TenantIndex {
  private readonly watchIndex: WatchIndex;
  private readonly suppliers: SupplierResolver;

  constructor(
    reference: ReferenceIndex,
    watches: Iterable<WatchSpec>,
    suppliers: Iterable<SupplierSpec>,
    supplierDecisions: Iterable<SupplierNameDecisionSpec> = [],
  ) {
    this.watchIndex = new WatchIndex(reference, watches);
    this.suppliers = new SupplierResolver(suppliers, supplierDecisions);
  }

  /**
   * Matches one event against every tenant. Returns one {@link TenantMatch} per tenant with at least one reason,
   * ordered by tenant id; reasons are ordered watches first (elements, HS codes, entries), then suppliers (matches
   * and possible matches, see {@link supplierReason}).
   */
  match(event: EventFacts): TenantMatch[] {
    const reasons = this.watchIndex.match(event);
    const add = (tenantId: string, reason: MatchReason) => {
      const list = reasons.get(tenantId);
      if (list) list.push(reason);
      else reasons.set(tenantId, [reason]);
    };

    const parties: ['exporterName' | 'endUser', string | null | undefined][] = [
      ['exporterName', event.exporterName],
      ['endUser', event.endUser],
    ];
    for (const [field, party] of parties) {
      if (!party) continue;
      for (const hit of this.suppliers.resolve(party)) add(hit.supplier.tenantId, supplierReason(hit, field, party));
    }

    return [...reasons.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([tenantId, list]) => ({ tenantId, reasons: list, severity: severityOf(event, list) }));
  }
}

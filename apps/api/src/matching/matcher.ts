import type { MatchReason } from '@lodestone/shared-types';
import { companyKey } from './normalize.js';
import type { ReferenceIndex } from './reference-index.js';
import { severityOf } from './severity.js';
import type { EventFacts, SupplierSpec, TenantMatch, WatchSpec } from './types.js';
import { WatchIndex } from './watch-index.js';

type NameKind = 'English legal name' | 'Chinese legal name' | 'alias';
interface SupplierName {
  supplier: SupplierSpec;
  kind: NameKind;
  name: string;
}

/**
 * The watchlists and suppliers of all tenants, indexed for matching: watches by the keys they expand to (see
 * expansion.ts and {@link WatchIndex}: an element watch reaches the element's control-list items, the customs codes
 * tied to it alone and the material forms made of it; an HS watch reaches the items and forms under it), supplier
 * names by {@link companyKey}. Build once per change of watchlists; {@link match} is then independent of the number
 * of tenants that do not match.
 */
export class TenantIndex {
  private readonly watchIndex: WatchIndex;
  private readonly byCompanyKey = new Map<string, SupplierName[]>();

  constructor(
    reference: ReferenceIndex,
    watches: Iterable<WatchSpec>,
    suppliers: Iterable<SupplierSpec>,
  ) {
    const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    this.watchIndex = new WatchIndex(reference, watches);
    for (const s of suppliers) {
      const names: [NameKind, string][] = [['English legal name', s.legalNameEn]];
      if (s.legalNameZh) names.push(['Chinese legal name', s.legalNameZh]);
      for (const a of s.aliases) names.push(['alias', a]);
      const seen = new Set<string>();
      for (const [kind, name] of names) {
        const key = companyKey(name);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        push(this.byCompanyKey, key, { supplier: s, kind, name });
      }
    }
  }

  /**
   * Matches one event against every tenant. Returns one {@link TenantMatch} per tenant with at least one reason,
   * ordered by tenant id; reasons are ordered watches first (elements, HS codes, entries), then suppliers.
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
      const key = companyKey(party);
      const seen = new Set<string>();
      for (const hit of (key && this.byCompanyKey.get(key)) || []) {
        if (seen.has(hit.supplier.id)) continue;
        seen.add(hit.supplier.id);
        const role = field === 'exporterName' ? 'exporter' : 'end user';
        const how = hit.kind === 'alias' ? `its alias "${hit.name}"` : `its ${hit.kind}`;
        add(hit.supplier.tenantId, {
          via: field === 'exporterName' ? 'SUPPLIER_EXPORTER' : 'SUPPLIER_END_USER',
          subject: { type: 'SUPPLIER', supplierId: hit.supplier.id, label: hit.supplier.legalNameEn },
          matched: { field, value: party },
          text: `Your supplier ${hit.supplier.legalNameEn} matched ${role} ${party} by ${how}`,
        });
      }
    }

    return [...reasons.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([tenantId, list]) => ({ tenantId, reasons: list, severity: severityOf(event, list) }));
  }
}

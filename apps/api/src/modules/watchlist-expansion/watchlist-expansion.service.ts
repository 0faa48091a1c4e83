import { Injectable } from '@nestjs/common';
import type { WatchKind } from '@lodestone/shared-types';
import { expandWatch } from '../../matching/expansion.js';
import { ReferenceService } from '../reference/reference.service.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';

/** One expanded key of a watch, for people and clients. */
export interface ExpandedKeyView {
  /** ELEMENT | HS_CODE | CONTROL_ENTRY | REFERENCE_ITEM | MATERIAL_FORM: what an event must carry. */
  kind: 'ELEMENT' | 'HS_CODE' | 'CONTROL_ENTRY' | 'REFERENCE_ITEM' | 'MATERIAL_FORM';
  /** Symbol, code digits, entry code, "<announcementId>|<itemKey>" or material-form code. */
  value: string;
  /** How it relates to the watch (expansion.ts ExpansionPath), e.g. ENTRY_OF_ELEMENT, ENTRY_FORM_UNDER_HS. */
  path: string;
  reason: string;
}

/** A watch and everything it expands to (GET /v1/watchlist/expansion). */
export interface WatchExpansionView {
  watch: {
    id: string;
    kind: WatchKind;
    elementSymbol: string | null;
    hsPrefix: string | null;
    controlEntry: string | null;
    jurisdiction: string | null;
  };
  /** e.g. "terbium (Tb)", "HS 8505.11". */
  label: string;
  expandsTo: ExpandedKeyView[];
  /** Codes and forms related to the watch that are deliberately not matched alone, with why. */
  notUsed: { kind: ExpandedKeyView['kind']; value: string; reason: string }[];
}

const KINDS: Record<string, ExpandedKeyView['kind']> = {
  el: 'ELEMENT',
  hs: 'HS_CODE',
  en: 'CONTROL_ENTRY',
  ref: 'REFERENCE_ITEM',
  form: 'MATERIAL_FORM',
};
const view = (key: string) => {
  const i = key.indexOf(':');
  return { kind: KINDS[key.slice(0, i)]!, value: key.slice(i + 1) };
};

/** What a tenant's watchlist covers, and why (the same expansions the matcher uses). */
@Injectable()
export class WatchlistExpansionService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * Every watch of the tenant with the keys it expands to, each with its reason, in watchlist order.
   * @param tenantId the tenant (from the authenticated principal; never from the request body).
   */
  async expansion(tenantId: string): Promise<WatchExpansionView[]> {
    const [ref, watches] = await Promise.all([this.reference.index(), this.tenants.watchlist(tenantId)]);
    return watches.map((w) => {
      const x = expandWatch(w, ref);
      return {
        watch: {
          id: w.id,
          kind: w.kind,
          elementSymbol: w.elementSymbol,
          hsPrefix: w.hsPrefix,
          controlEntry: w.controlEntry,
          jurisdiction: w.jurisdiction,
        },
        label: x.label,
        expandsTo: x.keys.map((k) => ({ ...view(k.key), path: k.path, reason: k.reason })),
        notUsed: x.notUsed.map((n) => ({ ...view(n.key), reason: n.reason })),
      };
    });
  }
}

import type { MatchReason } from '@lodestone/shared-types';
import { entryUnder, formatHs, normalizeEntryCode } from './normalize.js';
import type { ReferenceIndex } from './reference-index.js';
import { severityOf } from './severity.js';
import { supplierReason } from './suppliers/explain.js';
import { SupplierResolver } from './suppliers/resolver.js';
import type { EventFacts, SupplierNameDecisionSpec, SupplierSpec, TenantMatch, WatchSpec } from './types.js';

/** How the event involves an element; the first found by priority is used in the explanation. */
interface ElementEvidence {
  via: 'ELEMENT_VIA_CONTROL_ENTRY' | 'ELEMENT_NAMED' | 'ELEMENT_VIA_CUSTOMS_CODE';
  field: 'controlEntries' | 'elements' | 'hsCodes';
  value: string;
  /** For control entries: every cited entry code for this element, and the announcement. */
  entries?: string[];
  announcement?: string;
}
const EVIDENCE_RANK = { ELEMENT_VIA_CONTROL_ENTRY: 0, ELEMENT_NAMED: 1, ELEMENT_VIA_CUSTOMS_CODE: 2 } as const;

/**
 * The watchlists and suppliers of all tenants, indexed for matching: elements and control-list categories by key,
 * HS prefixes by their digits (an event code of n digits looks up its n-1 prefixes), suppliers by a
 * {@link SupplierResolver} (identifiers and name keys; buyers' remembered decisions on possible matches). Build once
 * per change of watchlists; {@link match} is then independent of the number of tenants that do not match.
 */
export class TenantIndex {
  private readonly byElement = new Map<string, WatchSpec[]>();
  private readonly byHsPrefix = new Map<string, WatchSpec[]>();
  private readonly byEntryCategory = new Map<string, WatchSpec[]>();
  private readonly suppliers: SupplierResolver;

  constructor(
    private readonly reference: ReferenceIndex,
    watches: Iterable<WatchSpec>,
    suppliers: Iterable<SupplierSpec>,
    supplierDecisions: Iterable<SupplierNameDecisionSpec> = [],
  ) {
    const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const w of watches) {
      if (w.kind === 'ELEMENT' && w.elementSymbol) push(this.byElement, w.elementSymbol, w);
      else if (w.kind === 'HS_CODE' && w.hsPrefix) push(this.byHsPrefix, w.hsPrefix, w);
      else if (w.kind === 'CONTROL_ENTRY' && w.controlEntry) {
        push(this.byEntryCategory, normalizeEntryCode(w.controlEntry).split('.')[0]!, w);
      }
    }
    this.suppliers = new SupplierResolver(suppliers, supplierDecisions);
  }

  /**
   * Matches one event against every tenant. Returns one {@link TenantMatch} per tenant with at least one reason,
   * ordered by tenant id; reasons are ordered watches first (elements, HS codes, entries), then suppliers (matches
   * and possible matches, see {@link supplierReason}).
   */
  match(event: EventFacts): TenantMatch[] {
    const reasons = new Map<string, MatchReason[]>();
    const add = (tenantId: string, reason: MatchReason) => {
      const list = reasons.get(tenantId);
      if (list) list.push(reason);
      else reasons.set(tenantId, [reason]);
    };
    const inJurisdiction = (w: WatchSpec) => !w.jurisdiction || w.jurisdiction === event.jurisdiction;
    const ref = event.reference ?? 'the event';

    for (const [symbol, ev] of this.elementEvidence(event)) {
      for (const w of this.byElement.get(symbol) ?? []) {
        if (!inJurisdiction(w)) continue;
        const label = this.reference.label(symbol);
        const text =
          ev.via === 'ELEMENT_VIA_CONTROL_ENTRY'
            ? `Your watch on ${label} matched control-list entry ${entryList(ev.entries!)} in ${ev.announcement ?? ref}`
            : ev.via === 'ELEMENT_NAMED'
              ? `Your watch on ${label} matched: ${ref} names ${label}`
              : `Your watch on ${label} matched customs code ${ev.value}, which the reference data ties to ${label} alone`;
        add(w.tenantId, {
          via: ev.via,
          subject: { type: 'WATCH', watchId: w.id, label: `${label}` },
          matched: { field: ev.field, value: ev.value },
          element: symbol,
          text,
        });
      }
    }

    const hsHits = new Map<WatchSpec, string[]>();
    for (const code of event.hsCodes) {
      for (let n = 2; n <= code.length; n++) {
        for (const w of this.byHsPrefix.get(code.slice(0, n)) ?? []) {
          if (!inJurisdiction(w)) continue;
          const codes = hsHits.get(w);
          if (codes) codes.push(code);
          else hsHits.set(w, [code]);
        }
      }
    }
    for (const [w, codes] of hsHits) {
      const label = `HS ${formatHs(w.hsPrefix!)}`;
      add(w.tenantId, {
        via: 'HS_CODE_PREFIX',
        subject: { type: 'WATCH', watchId: w.id, label },
        matched: { field: 'hsCodes', value: codes[0]! },
        text: `Your watch on ${label} matched customs code ${codeList(codes)} in ${ref}`,
      });
    }

    const entryHits = new Map<WatchSpec, string[]>();
    for (const raw of event.controlEntries) {
      const code = normalizeEntryCode(raw);
      for (const w of this.byEntryCategory.get(code.split('.')[0]!) ?? []) {
        if (!inJurisdiction(w) || !entryUnder(code, normalizeEntryCode(w.controlEntry!))) continue;
        const codes = entryHits.get(w);
        if (codes) codes.push(code);
        else entryHits.set(w, [code]);
      }
    }
    for (const [w, codes] of entryHits) {
      const label = `control-list entry ${normalizeEntryCode(w.controlEntry!)}`;
      add(w.tenantId, {
        via: 'CONTROL_ENTRY',
        subject: { type: 'WATCH', watchId: w.id, label },
        matched: { field: 'controlEntries', value: codes[0]! },
        text: `Your watch on ${label} matched ${entryList(codes)} in ${ref}`,
      });
    }

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

  /** For each element the event involves, the strongest evidence (see {@link EVIDENCE_RANK}). */
  private elementEvidence(event: EventFacts): Map<string, ElementEvidence> {
    const best = new Map<string, ElementEvidence>();
    const offer = (symbol: string, ev: ElementEvidence) => {
      const current = best.get(symbol);
      if (!current || EVIDENCE_RANK[ev.via] < EVIDENCE_RANK[current.via]) best.set(symbol, ev);
      else if (current.via === 'ELEMENT_VIA_CONTROL_ENTRY' && ev.via === current.via) {
        for (const e of ev.entries!) if (!current.entries!.includes(e)) current.entries!.push(e);
      }
    };
    for (const code of event.controlEntries) {
      const cited = normalizeEntryCode(code);
      const perElement = new Map<string, string>();
      for (const entry of this.reference.entriesFor(cited)) perElement.set(entry.elementSymbol, entry.announcement);
      for (const [symbol, announcement] of perElement) {
        offer(symbol, { via: 'ELEMENT_VIA_CONTROL_ENTRY', field: 'controlEntries', value: cited, entries: [cited], announcement });
      }
    }
    for (const symbol of event.elements) offer(symbol, { via: 'ELEMENT_NAMED', field: 'elements', value: symbol });
    for (const code of event.hsCodes) {
      const elements = this.reference.elementsOfCode(code);
      if (elements.size === 1) {
        offer([...elements][0]!, { via: 'ELEMENT_VIA_CUSTOMS_CODE', field: 'hsCodes', value: code });
      }
    }
    return best;
  }
}

function entryList(codes: string[]): string {
  return codes.length === 1 ? codes[0]! : `${codes[0]} (and ${codes.length - 1} more: ${codes.slice(1, 4).join(', ')}${codes.length > 4 ? ', …' : ''})`;
}

function codeList(codes: string[]): string {
  return codes.length === 1 ? codes[0]! : `${codes[0]} (and ${codes.length - 1} more)`;
}

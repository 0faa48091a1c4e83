import { Injectable } from '@nestjs/common';
import type { WatchKind } from '@lodestone/shared-types';
import { expandWatch } from '../../matching/expansion.js';
import { ReferenceService } from '../reference/reference.service.js';
import { WatchlistExpansionRepository } from './watchlist-expansion.repository.js';
import { FieldValidationException } from '../../common/validation.js';

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
    private readonly repository: WatchlistExpansionRepository,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * A page of the tenant's watches with the keys each expands to, each with its reason, in watchlist order (oldest
   * first, keyset on the UUIDv7 id).
   * @param tenantId the tenant (from the authenticated principal; never from the request body).
   * @param limit watches per page (the controller bounds it to 1-100).
   * @param cursor the previous page's nextCursor (a watch id).
   * @returns `{ items, nextCursor }`; nextCursor is null on the last page.
   * @throws FieldValidationException (400) naming `cursor` when it is not a watch id.
   */
  async expansion(
    tenantId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: WatchExpansionView[]; nextCursor: string | null }> {
    if (cursor !== undefined && !UUID.test(cursor))
      throw new FieldValidationException([
        { field: 'cursor', messages: ["cursor must be a previous page's nextCursor"] },
      ]);
    const [ref, rows] = await Promise.all([
      this.reference.index(),
      this.repository.watchPage(tenantId, limit + 1, cursor),
    ]);
    const watches = rows.slice(0, limit);
    const items = watches.map((w) => {
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
    return { items, nextCursor: rows.length > limit ? watches[watches.length - 1]!.id : null };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

import { entryUnder, formatHs, normalizeEntryCode } from './normalize.js';
import type { RefEntry, ReferenceIndex } from './reference-index.js';
import type { WatchSpec } from './types.js';

/**
 * How an expanded key relates to the watch. The order is the preference when one event reaches a watch by several
 * paths (the first is used in the explanation).
 */
export const EXPANSION_PATHS = [
  // ELEMENT watches
  'ENTRY_OF_ELEMENT', // a control-list item of the element (1C904.a.4 for Tb)
  'ELEMENT_NAMED', // the element itself
  'ENTRY_NAMES_ELEMENT', // an item of another element whose wording names it (1C905.a.2 "Tb-Dy-Fe" for Tb)
  'CODE_TIED_TO_ELEMENT', // a customs code or HS prefix the reference data ties to the element alone
  'FORM_CONTAINS_ELEMENT', // a material form made of the element (NdFeB for Nd)
  // HS_CODE watches
  'HS_PREFIX', // the prefix itself
  'ENTRY_CODE_UNDER_HS', // an item citing a customs code under the prefix
  'ENTRY_FORM_UNDER_HS', // an item whose material form falls under the prefix (1C904.a.4 NdFeB for 8505.11)
  'FORM_UNDER_HS', // a material form falling under the prefix
  // CONTROL_ENTRY watches
  'ENTRY_SELF', // the entry and its sub-items
  'CODE_ONLY_UNDER_ENTRY', // a customs code the reference data cites only under the entry
] as const;
export type ExpansionPath = (typeof EXPANSION_PATHS)[number];
const RANK = Object.fromEntries(EXPANSION_PATHS.map((p, i) => [p, i])) as Record<ExpansionPath, number>;

/**
 * One key a watch expands to. `key` is what an event must carry for the watch to match:
 * - `el:<symbol>`: the event names the element;
 * - `hs:<digits>`: the event cites a customs code starting with these digits;
 * - `en:<entry code>`: the event cites this entry or one under it;
 * - `ref:<announcementId>|<itemKey>`: the event cites this reference item (or its category or a sub-item);
 * - `form:<code>`: the event names this material form.
 */
export interface ExpandedKey {
  key: string;
  path: ExpansionPath;
  /** Preference among paths, lower first. */
  rank: number;
  /** Position in the expansion (ties between equal ranks). */
  ordinal: number;
  /** The reference item, for `ref:` keys. */
  entry?: RefEntry;
  /** The material form code, for `form:` keys and ENTRY_FORM_UNDER_HS. */
  form?: string;
  /** The tariff line that links an item or form to an HS watch, or the code of a CODE_* path. */
  code?: string;
  /** Why the watch covers this key, for people: "control-list entry 1C904.a.4 (Tb-containing NdFeB …) names terbium". */
  reason: string;
}

/** A code listed for the element but not used alone because the reference data ties it to several elements. */
export interface NotUsedKey {
  key: string;
  reason: string;
}

export interface WatchExpansion {
  /** e.g. "terbium (Tb)", "HS 8505.11", "control-list entry 1C904". */
  label: string;
  keys: ExpandedKey[];
  notUsed: NotUsedKey[];
}

/** The part of a watch its expansion depends on. */
export type WatchTarget = Pick<WatchSpec, 'kind' | 'elementSymbol' | 'hsPrefix' | 'controlEntry'>;

/** "ELEMENT:Tb", "HS_CODE:850511", "CONTROL_ENTRY:1C904": watches with equal signatures expand alike. */
export function watchSignature(w: WatchTarget): string {
  switch (w.kind) {
    case 'ELEMENT':
      return `ELEMENT:${w.elementSymbol ?? ''}`;
    case 'HS_CODE':
      return `HS_CODE:${w.hsPrefix ?? ''}`;
    default:
      return `CONTROL_ENTRY:${w.controlEntry ? normalizeEntryCode(w.controlEntry) : ''}`;
  }
}

const quote = (e: RefEntry) => `${e.entryCode ?? e.itemKey} "${e.itemEn}" (${e.announcement})`;

/**
 * Everything a watch covers, each key with its reason. Pure: depends only on the watch target and the reference data.
 *
 * - ELEMENT X: X itself; every control-list item naming X (its own items first, then items of other elements whose
 *   wording names X, e.g. "Tb-Dy-Fe"); every customs code or HS prefix the reference data ties to X alone (codes tied
 *   to several elements are listed in `notUsed`); every material form made of X (NdFeB for Nd). Forms that only
 *   sometimes contain X (Tb in NdFeB) are reached through X's own items (1C904.a.4), not through the form.
 * - HS_CODE P: P itself (every code starting with P); every item citing a code under P; every material form falling
 *   under P (NdFeB and SmCo magnets under 8505.11) and every item of such a form (1C904.a.4, 1C905.a.4, 1C902.a.4).
 * - CONTROL_ENTRY E: E and its sub-items; every customs code that the reference data cites only under E.
 *
 * @returns label, keys (ordered by preference) and the codes deliberately not used.
 */
export function expandWatch(watch: WatchTarget, ref: ReferenceIndex): WatchExpansion {
  const keys: ExpandedKey[] = [];
  const notUsed: NotUsedKey[] = [];
  const seen = new Map<string, ExpandedKey>();
  const add = (k: Omit<ExpandedKey, 'rank' | 'ordinal'>) => {
    const rank = RANK[k.path];
    const prev = seen.get(k.key);
    if (prev && prev.rank <= rank) return;
    const full: ExpandedKey = { ...k, rank, ordinal: 0 };
    if (prev) keys.splice(keys.indexOf(prev), 1, full);
    else keys.push(full);
    seen.set(k.key, full);
  };

  if (watch.kind === 'ELEMENT' && watch.elementSymbol) {
    const x = watch.elementSymbol;
    const label = ref.label(x);
    add({ key: `el:${x}`, path: 'ELEMENT_NAMED', reason: `an event that names ${label}` });
    for (const e of ref.entries()) {
      if (!e.elementSymbols.includes(x)) continue;
      const own = e.elementSymbol === x;
      add({
        key: `ref:${e.id}`,
        path: own ? 'ENTRY_OF_ELEMENT' : 'ENTRY_NAMES_ELEMENT',
        entry: e,
        reason: own
          ? `control-list item ${quote(e)} is an item of ${label}`
          : `control-list item ${quote(e)} names ${label}`,
      });
    }
    for (const code of ref.codesTiedTo(x)) {
      add({
        key: `hs:${code}`,
        path: 'CODE_TIED_TO_ELEMENT',
        code,
        reason: `the reference data ties customs code ${formatHs(code)} to ${label} alone`,
      });
    }
    for (const { code, elements } of ref.ambiguousCodesOf(x)) {
      notUsed.push({
        key: `hs:${code}`,
        reason: `customs code ${code} is tied to ${elements.join(', ')}: it implies none of them alone`,
      });
    }
    for (const f of ref.forms()) {
      if (f.elements.includes(x)) {
        add({
          key: `form:${f.code}`,
          path: 'FORM_CONTAINS_ELEMENT',
          form: f.code,
          reason: `${f.nameEn} contains ${label}`,
        });
      } else if (f.additiveElements.includes(x)) {
        notUsed.push({
          key: `form:${f.code}`,
          reason: `${f.nameEn} contains ${label} only in some grades: matched when the event names ${label} or cites an item of it`,
        });
      }
    }
    return { label, keys: numbered(keys), notUsed };
  }

  if (watch.kind === 'HS_CODE' && watch.hsPrefix) {
    const p = watch.hsPrefix;
    const label = `HS ${formatHs(p)}`;
    add({ key: `hs:${p}`, path: 'HS_PREFIX', code: p, reason: `every customs code starting ${formatHs(p)}` });
    const formsUnder = new Map<string, string>(); // form code -> the form's tariff line under P
    for (const f of ref.forms()) {
      const line = f.hsCodes.find((c) => c.startsWith(p));
      if (line) formsUnder.set(f.code, line);
    }
    for (const e of ref.entries()) {
      const code = e.customsCodes.find((c) => c.startsWith(p));
      if (code) {
        add({
          key: `ref:${e.id}`,
          path: 'ENTRY_CODE_UNDER_HS',
          entry: e,
          code,
          reason: `control-list item ${quote(e)} cites customs code ${code}`,
        });
      } else if (e.materialForm && formsUnder.has(e.materialForm)) {
        const f = ref.form(e.materialForm)!;
        const line = formsUnder.get(e.materialForm)!;
        add({
          key: `ref:${e.id}`,
          path: 'ENTRY_FORM_UNDER_HS',
          entry: e,
          form: f.code,
          code: line,
          reason: `control-list item ${quote(e)} is ${f.nameEn}, which falls under ${formatHs(line)}`,
        });
      }
    }
    for (const [code, line] of formsUnder) {
      const f = ref.form(code)!;
      add({
        key: `form:${code}`,
        path: 'FORM_UNDER_HS',
        form: code,
        code: line,
        reason: `${f.nameEn} falls under ${formatHs(line)}`,
      });
    }
    return { label, keys: numbered(keys), notUsed };
  }

  if (watch.kind === 'CONTROL_ENTRY' && watch.controlEntry) {
    const e = normalizeEntryCode(watch.controlEntry);
    const label = `control-list entry ${e}`;
    add({ key: `en:${e}`, path: 'ENTRY_SELF', reason: `entry ${e} and every entry under it` });
    const codes = new Map<string, RefEntry[]>();
    for (const entry of ref.entries()) {
      if (entry.entryCode && entryUnder(entry.entryCode, e)) {
        for (const c of entry.customsCodes) codes.set(c, [...(codes.get(c) ?? []), entry]);
      }
    }
    for (const [code, under] of codes) {
      const citing = ref.entriesCiting(code);
      if (citing.every((c) => c.entryCode && entryUnder(c.entryCode, e))) {
        add({
          key: `hs:${code}`,
          path: 'CODE_ONLY_UNDER_ENTRY',
          code,
          entry: under[0],
          reason: `customs code ${code} is cited only under ${e} (${under.map((u) => u.entryCode).join(', ')})`,
        });
      } else {
        notUsed.push({
          key: `hs:${code}`,
          reason: `customs code ${code} is also cited outside ${e}: it does not imply ${e}`,
        });
      }
    }
    return { label, keys: numbered(keys), notUsed };
  }
  return { label: watch.kind, keys: [], notUsed };
}

function numbered(keys: ExpandedKey[]): ExpandedKey[] {
  keys.sort((a, b) => a.rank - b.rank);
  for (const [i, k] of keys.entries()) k.ordinal = i;
  return keys;
}

import type { ReferenceData } from '../../matching/types.js';

/** What of one part the gaps are computed from. */
export interface PartContents {
  partNumber: string;
  /** Digits only, or null. */
  hsCode: string | null;
  materials: { elementSymbol: string | null; materialForm: string | null }[];
}

/** The tenant's watches as far as coverage goes (jurisdiction filters are ignored: any watch on it covers it). */
export interface WatchTargets {
  elements: ReadonlySet<string>;
  /** HS prefixes, digits only. */
  hsPrefixes: readonly string[];
}

/** One thing the tenant's parts contain that no watch covers, with the parts that contain it. */
export interface WatchGap {
  /** `ELEMENT` (symbol) or `HS_CODE` (a 6-digit HS subheading, digits only). */
  kind: 'ELEMENT' | 'HS_CODE';
  value: string;
  /** "dysprosium (Dy)" or "HS 8505.11 Permanent magnets … (reference description)". */
  label: string;
  /** How many parts contain it. */
  parts: number;
  /** Up to {@link GAP_EXAMPLES} part numbers, in part-number order. */
  examples: string[];
}

/** Part numbers listed per gap. */
export const GAP_EXAMPLES = 5;

/** The 6-digit HS subheading of a code (or the code itself when shorter), e.g. 8505111000 → 850511. */
const subheading = (code: string) => code.slice(0, 6);

/**
 * What the tenant's parts contain that its watchlist does not cover (alerts are raised by watches and suppliers; the
 * parts then say what an alert means, docs/parts.md), so a buyer can add the missing watches:
 *
 * - an element: named in a part's materials, or an element of a specific material form it contains (NdFeB → Nd,
 *   from the reference's `materialForms[].elements`; additives such as Dy count only when the part lists them, as in
 *   the part index); covered by an ELEMENT watch on that symbol;
 * - an HS subheading (6 digits): of the part's own HS code, and of the tariff lines of its forms (NdFeB → 8505.11);
 *   covered by an HS_CODE watch whose prefix is a prefix of that subheading (8505 or 850511 covers 850511).
 *
 * Pure; O(parts x materials). @returns the gaps, elements first, then codes, each by descending part count.
 */
export function watchGaps(
  parts: Iterable<PartContents>,
  watches: WatchTargets,
  ref: Pick<ReferenceData, 'elements' | 'materialForms' | 'hsCodes'>,
): WatchGap[] {
  const forms = new Map((ref.materialForms ?? []).map((f) => [f.code, f]));
  const known = new Map(ref.elements.map((e) => [e.symbol, e]));
  const covered = (code: string) => watches.hsPrefixes.some((p) => code.startsWith(p));
  const found = new Map<string, { kind: WatchGap['kind']; value: string; parts: string[] }>();
  const add = (kind: WatchGap['kind'], value: string, part: string) => {
    const key = `${kind}:${value}`;
    let g = found.get(key);
    if (!g) {
      g = { kind, value, parts: [] };
      found.set(key, g);
    }
    g.parts.push(part); // once per part: each part's values are collected in sets first
  };
  for (const p of parts) {
    const elements = new Set<string>();
    const codes = new Set<string>();
    if (p.hsCode && p.hsCode.length >= 6) codes.add(subheading(p.hsCode));
    for (const m of p.materials) {
      if (m.elementSymbol) elements.add(m.elementSymbol);
      const form = m.materialForm ? forms.get(m.materialForm) : undefined;
      if (!form) continue;
      for (const e of form.elements) elements.add(e);
      for (const c of form.hsCodes) if (c.length >= 6) codes.add(subheading(c));
    }
    for (const e of elements) if (known.has(e) && !watches.elements.has(e)) add('ELEMENT', e, p.partNumber);
    for (const c of codes) if (!covered(c)) add('HS_CODE', c, p.partNumber);
  }
  const hsDescription = new Map((ref.hsCodes ?? []).map((h) => [h.code, h.descriptionEn]));
  return [...found.values()]
    .map((g): WatchGap => {
      const element = g.kind === 'ELEMENT' ? known.get(g.value) : undefined;
      const dotted = `${g.value.slice(0, 4)}.${g.value.slice(4)}`;
      const description = hsDescription.get(g.value);
      return {
        kind: g.kind,
        value: g.value,
        label: element
          ? `${element.nameEn.toLowerCase()} (${g.value})`
          : `HS ${dotted}${description ? ` ${description}` : ''}`,
        parts: g.parts.length,
        examples: [...g.parts].sort().slice(0, GAP_EXAMPLES),
      };
    })
    .sort((a, b) =>
      a.kind === b.kind ? b.parts - a.parts || a.value.localeCompare(b.value) : a.kind === 'ELEMENT' ? -1 : 1,
    );
}

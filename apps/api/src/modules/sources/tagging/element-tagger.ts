/**
 * TEMPORARY free-text tagger, to be replaced by the taxonomy tagger being built on branch issue-3-taxonomy once it
 * lands on main. It finds, in English or Chinese text: element names from the reference data (whole words in English,
 * e.g. "gallium", "rare earth" is not an element; substrings in Chinese, e.g. 镓), 10-digit customs codes, dotted HS
 * codes (2805.30, 8505.11.0070) and control-list entries / ECCNs (1C902, 1C902.a.1). No scores: a name is there or not.
 */
export interface Tags {
  /** Element symbols, e.g. ["Ga", "Ge"]. */
  elements: string[];
  /** Digits only. */
  hsCodes: string[];
  controlEntries: string[];
}

export interface Tagger {
  tag(...texts: (string | null | undefined)[]): Tags;
}

/** Builds the tagger from the reference elements ({ symbol, nameEn, nameZh }; prisma/seed/reference.json). */
export function createElementTagger(elements: { symbol: string; nameEn: string; nameZh: string }[]): Tagger {
  const en = elements.map((e) => {
    // "Graphite (carbon)" -> graphite: carbon alone is too common a word to mean the controlled material.
    const name = e.nameEn.replace(/\s*\(.*\)\s*/, '').trim().toLowerCase();
    return { symbol: e.symbol, re: new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i') };
  });
  const zh = elements.filter((e) => e.nameZh).map((e) => ({ symbol: e.symbol, name: e.nameZh }));
  return {
    tag(...texts) {
      const text = texts.filter(Boolean).join('\n').normalize('NFKC');
      const found = new Set<string>();
      for (const e of en) if (e.re.test(text)) found.add(e.symbol);
      for (const e of zh) if (text.includes(e.name)) found.add(e.symbol);
      const hs = new Set<string>();
      for (const m of text.matchAll(/(?<![\d.])(\d{10})(?![\d.])/g)) hs.add(m[1]!);
      for (const m of text.matchAll(/(?<![\d.])(\d{4}\.\d{2}(?:\.\d{2,4})?)(?![\d.])/g)) hs.add(m[1]!.replace(/\./g, ''));
      const entries = new Set<string>();
      for (const m of text.matchAll(/(?<![A-Za-z0-9])(\d[A-E]\d{3}(?:\.[a-z0-9]{1,3})*)(?![A-Za-z0-9])/g)) entries.add(m[1]!);
      return {
        elements: elements.map((e) => e.symbol).filter((s) => found.has(s)),
        hsCodes: [...hs],
        controlEntries: [...entries],
      };
    },
  };
}

/**
 * The reason sentences alerts carry, as tests expect them. Tests that assert a reason's wording build the expected
 * sentence here, so a wording change in matching (matching/watch-index.ts, matching/suppliers/explain.ts,
 * matching/screening.ts) touches this file, not every spec. Pure string building; arguments are the parts a sentence
 * names, verbatim.
 */
export const reasonText = {
  /**
   * A watch that matched something an event cites: "Your watch on dysprosium (Dy) matched control-list entry 1C905 in
   * MOFCOM/GAC Announcement 2025 No. 18". `where` omitted: the sentence ends after `matched` (callers append).
   */
  watch(watch: string, matched: string, where?: string): string {
    return `Your watch on ${watch} matched ${matched}${where === undefined ? '' : ` in ${where}`}`;
  },

  /** A watch on an element the event's text names: "Your watch on terbium (Tb) matched: the text of X names terbium (Tb)". */
  watchNamedInText(watch: string, reference: string): string {
    return `Your watch on ${watch} matched: the text of ${reference} names ${watch}`;
  },

  /** The suffix of a reason that rests on a text tag: ` (found in the event's body: "铽")`; `text` omitted: its start. */
  foundInText(field: string, text?: string): string {
    return text === undefined ? ` (found in the event's ${field}` : ` (found in the event's ${field}: "${text}")`;
  },

  /**
   * A supplier named by a permit event: "Your supplier JL MAG Rare-Earth Co., Ltd. matched exporter 江西金力永磁科技股份有限公司
   * by its Chinese legal name (score 0.98)". `score` omitted: the sentence ends before it.
   */
  supplier(supplier: string, role: 'exporter' | 'end user', party: string, how: string, score?: number): string {
    return `Your supplier ${supplier} matched ${role} ${party} by ${how}${score === undefined ? '' : ` (score ${score.toFixed(2)})`}`;
  },

  /**
   * A supplier on a screening list: "Your supplier X appears on the <list> as "<entry>": its English legal name matched
   * the listed name "<name>" (score 0.98)". `score` omitted: the sentence ends before it.
   */
  screening(supplier: string, list: string, entry: string, how: string, against: string, score?: number): string {
    return `Your supplier ${supplier} appears on the ${list} as "${entry}": ${how} matched ${against}${score === undefined ? '' : ` (score ${score.toFixed(2)})`}`;
  },

  /** What a supplier reason adds when a buyer confirmed the name. */
  confirmedByBuyer: ', as confirmed by a buyer',
};

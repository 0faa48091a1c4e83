/** Characters of context shown on each side of a matched span. */
const CONTEXT_CHARS = 90;

/**
 * The sentence around a span of the event's text: up to {@link CONTEXT_CHARS} characters each side, cut at a word
 * boundary where there is one (none in Chinese), with ellipses where text was left out. Offsets are UTF-16, as the
 * tagger stores them. Null when the stored text no longer holds the span (then the span alone is shown).
 */
export function spanInContext(
  text: string | null | undefined,
  span: { start: number; end: number; text: string },
): { before: string; match: string; after: string } | null {
  if (!text || text.slice(span.start, span.end) !== span.text) return null;
  let from = Math.max(0, span.start - CONTEXT_CHARS);
  let to = Math.min(text.length, span.end + CONTEXT_CHARS);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < span.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > span.end) to = space;
  }
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, span.start),
    match: span.text,
    after: text.slice(span.end, to) + (to < text.length ? '…' : ''),
  };
}

import { safeHttpUrl, stripBidiDeep } from './format.js';
import {
  checkedTemplate,
  type RenderedEmail,
  renderBody,
  type TemplateDefinition,
  type TemplateName,
  type TemplateProps,
} from './registry.js';

/** Start and end of a slot marker in a template render: Unicode private-use characters no prop of ours contains. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
/** A slot marker in a render: a text slot `OPEN i CLOSE`, a URL slot the same behind {@link URL_SLOT_BASE}. */
const URL_SLOT_BASE = 'https://slot.invalid/';
const MARKER = new RegExp(`(?:${URL_SLOT_BASE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})?${OPEN}(\\d+)${CLOSE}`, 'g');

/**
 * A value that shows the same in a render whatever surrounds it, so it can be put in the place of a marker: non-empty,
 * no whitespace but single spaces inside (html-to-text collapses runs of whitespace and trims blocks), no control
 * characters, no marker character. Anything else is rendered in full (still correct, only not reused).
 */
const PLAIN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the check refuses
  /^(?! )(?!.* $)(?!.* {2})[^\u0000-\u001f\u007f\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\uE000\uE001]+$/su;

/** React's escaping of text and attribute values (react-dom/server `escapeTextForBrowser`). */
function escapeHtml(s: string): string {
  if (!/["'&<>]/.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#x27;',
  );
}

/** A render split at its slot markers: `parts[0] slot[0] parts[1] … slot[n-1] parts[n]`. */
interface Split {
  parts: string[];
  slots: number[];
}

function split(rendered: string): Split {
  const parts: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of rendered.matchAll(MARKER)) {
    parts.push(rendered.slice(last, m.index));
    slots.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  parts.push(rendered.slice(last));
  return { parts, slots };
}

function join(s: Split, values: readonly string[]): string {
  let out = s.parts[0]!;
  for (let i = 0; i < s.slots.length; i++) out += values[s.slots[i]!]! + s.parts[i + 1]!;
  return out;
}

/** What {@link EmailRenderCache.stats} reports. */
export interface RenderCacheStats {
  /** Renders served by substituting the recipient's fields into a kept render. */
  hits: number;
  /** Renders of a template with markers (then kept). */
  misses: number;
  /** Renders done in full: a template without slots, or a per-recipient value that is not plain. */
  full: number;
  /** Renders kept now. */
  size: number;
}

/**
 * Renders emails like {@link renderEmail}, byte for byte, but renders each template once per distinct content and
 * substitutes the per-recipient fields: one event sent to 30,000 buyers is rendered once, not 30,000 times.
 *
 * How: each template lists its per-recipient props (`slots` in the registry: the name, the tenant's name and the
 * alert id shown as text, the signed links). A render is keyed by the template and every other prop (the event, the
 * reasons, the impact, which links are present); on a miss the template is rendered with markers in place of the
 * slots, and the HTML and text are split at the markers. A hit joins the parts with the recipient's values: escaped
 * as React escapes them in the HTML, as they are in the text. A value that would not show verbatim (empty, leading,
 * trailing or repeated whitespace, control characters) is rendered in full instead. At most `maxEntries` renders are
 * kept (least recently used dropped first; a render is about 10 KB).
 *
 * `render-cache.spec.ts` checks the output against {@link renderEmail} for the alert, alert-burst, digest and reversal
 * templates over names and links with markup characters, quotes, ampersands, CJK and long values.
 */
export class EmailRenderCache {
  private readonly kept = new Map<string, { html: Split; text: Split }>();
  private readonly counts = { hits: 0, misses: 0, full: 0 };

  /** @param maxEntries - renders kept at most (default 256). */
  constructor(private readonly maxEntries = 256) {}

  /**
   * Same contract as {@link renderEmail}: `{ subject, html, text }` of template `name` with `props`.
   * @throws never synchronously; rejects with a `TypeError` for an unknown template or props that do not fit it.
   */
  async render<N extends TemplateName>(name: N, props: TemplateProps[N]): Promise<RenderedEmail> {
    return this.renderSync(name, props);
  }

  /** {@link render}, synchronously (throws the `TypeError` instead of rejecting). */
  renderSync<N extends TemplateName>(name: N, props: TemplateProps[N]): RenderedEmail {
    const def = checkedTemplate(name, props);
    const clean = stripBidiDeep(props);
    const subject = def.subject(clean);
    const slots = def.slots;
    if (!slots) {
      this.counts.full++;
      return { subject, ...renderBody(def, clean) };
    }
    const record = clean as unknown as Record<string, unknown>;
    const values: string[] = [];
    const keyed: Record<string, unknown> = { ...record };
    const marked: Record<string, unknown> = { ...record };
    for (const key of slots.text) {
      const v = record[key];
      if (typeof v !== 'string' || !PLAIN.test(v)) return this.full(def, clean, subject);
      keyed[key] = 0;
      marked[key] = `${OPEN}${values.length}${CLOSE}`;
      values.push(v);
    }
    for (const key of slots.url) {
      const url = safeHttpUrl(record[key] as string | null | undefined);
      if (url === null) {
        keyed[key] = null;
        marked[key] = null;
        continue;
      }
      if (!PLAIN.test(url)) return this.full(def, clean, subject);
      keyed[key] = 1;
      marked[key] = `${URL_SLOT_BASE}${OPEN}${values.length}${CLOSE}`;
      values.push(url);
    }
    const key = `${name}\u0000${JSON.stringify(keyed)}`;
    // A marker character in another prop would be taken for a marker: render such props in full.
    if (key.includes(OPEN) || key.includes(CLOSE)) return this.full(def, clean, subject);
    let entry = this.kept.get(key);
    if (entry) {
      this.counts.hits++;
      this.kept.delete(key); // most recently used last
    } else {
      this.counts.misses++;
      const body = renderBody(def as TemplateDefinition<unknown>, marked);
      entry = { html: split(body.html), text: split(body.text) };
      if (this.kept.size >= this.maxEntries) this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(key, entry);
    return { subject, html: join(entry.html, values.map(escapeHtml)), text: join(entry.text, values) };
  }

  /** Hits, misses and full renders so far, and the renders kept. */
  stats(): RenderCacheStats {
    return { ...this.counts, size: this.kept.size };
  }

  private full<P>(def: TemplateDefinition<P>, props: P, subject: string): RenderedEmail {
    this.counts.full++;
    return { subject, ...renderBody(def, props) };
  }
}

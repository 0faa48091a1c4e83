import { expandWatch, type ExpandedKey, type WatchExpansion } from './expansion.js';
import { formatHs } from './normalize.js';
import type { ReferenceIndex } from './reference-index.js';
import type { EventFacts } from './types.js';
import { type EventEvidence, eventKeys, explain, type Hit } from './watch-index.js';

/** What matching reads of a part (issue 15): its codes, what it contains, and who supplies it. */
export interface PartSpec {
  id: string;
  partNumber: string;
  /** HS or customs code, digits only. */
  hsCode: string | null;
  materials: { elementSymbol: string | null; materialForm: string | null }[];
  supplierIds: string[];
}

/** How an event reaches a part, with one sentence for people. */
export interface PartReason {
  via: 'MATERIAL' | 'HS_CODE' | 'SUPPLIER';
  text: string;
  /** The element involved, when there is one. */
  element?: string;
  /** What in the event it matched (as alert reasons: field and value). */
  matched?: { field: string; value: string };
}

/** One part an event reaches, with every way it does. */
export interface PartHit {
  partId: string;
  reasons: PartReason[];
}

/**
 * One thing parts are reached through, shared by every part that has it: an element they contain (ELEMENT:Dy,
 * expanded as a watch on Dy is), the HS code they are declared under (HS_CODE:8505111000, as a watch on that code,
 * plus events citing a heading or subheading above it), or a specific material form (FORM:NDFEB_MAGNET: the form
 * named, its control-list items, the tariff lines it falls under and the headings above them).
 */
interface Target {
  kind: 'ELEMENT' | 'HS_CODE' | 'FORM';
  value: string;
  /** For ELEMENT and HS_CODE: the expansion a watch on the same value has. */
  expansion?: WatchExpansion;
  parts: number[];
}

/** A key of a target: an expanded key, or (`exact`) a code prefix the event must cite exactly. */
interface TargetKey {
  target: Target;
  key: ExpandedKey;
  /** Set on heading keys: the event's code must be exactly this prefix (not a longer code beside the line). */
  exact?: string;
  /** For FORM targets: the tariff line of the form that the key belongs to. */
  line?: string;
}

/** Shortest code prefix (digits) an event may cite to reach a part under a longer line: HS subheading level. */
const MIN_HEADING_DIGITS = 6;

/**
 * One tenant's parts indexed by the keys events carry (the same keys as {@link import('./watch-index.js').WatchIndex}:
 * `el:`, `hs:`, `en:`, `ref:`, `form:`), so that matching an event costs one lookup per event key plus one reason per
 * reached part, never a scan of the parts. Parts with the same element, code or form share one target and one
 * explanation per event. Supplier matches come from the alert (its supplier reasons): see {@link partsOfSuppliers}.
 *
 * Paths: an element a part contains reaches it as a watch on that element would (the element named, its control-list
 * items, codes tied to it alone, forms made of it); a specific material form (one the reference data gives elements or
 * tariff lines, e.g. NdFeB magnets) reaches it when the event names the form, cites an item of the form, or cites a
 * customs code under the form's tariff line or the subheading/heading above it (an 8505.11 control reaches an NdFeB
 * magnet, 8505111000); the form's own elements (Nd for NdFeB) are contents of the part. Generic forms (oxide, metal,
 * alloy) only qualify the element they are given with. The part's HS code reaches it as a watch on that code would,
 * and also when the event cites the subheading or heading above it.
 */
export class PartIndex {
  private readonly byKey = new Map<string, TargetKey[]>();
  private readonly parts: PartSpec[];
  private readonly bySupplier = new Map<string, number[]>();

  constructor(
    parts: PartSpec[],
    private readonly ref: ReferenceIndex,
  ) {
    this.parts = parts;
    const targets = new Map<string, Target>();
    const target = (kind: Target['kind'], value: string): Target => {
      const sig = `${kind}:${value}`;
      let t = targets.get(sig);
      if (!t) {
        t = { kind, value, parts: [] };
        targets.set(sig, t);
        this.keysOf(t);
      }
      return t;
    };
    for (const [i, p] of parts.entries()) {
      const mine = new Set<Target>();
      for (const m of p.materials) {
        if (m.elementSymbol) mine.add(target('ELEMENT', m.elementSymbol));
        const form = m.materialForm ? ref.form(m.materialForm) : undefined;
        if (form && (form.elements.length || form.hsCodes.length)) {
          mine.add(target('FORM', form.code));
          for (const e of form.elements) if (ref.label(e) !== e) mine.add(target('ELEMENT', e));
        }
      }
      if (p.hsCode) mine.add(target('HS_CODE', p.hsCode));
      for (const t of mine) t.parts.push(i);
      for (const s of p.supplierIds) {
        const list = this.bySupplier.get(s);
        if (list) list.push(i);
        else this.bySupplier.set(s, [i]);
      }
    }
  }

  /** Number of parts indexed. */
  get size(): number {
    return this.parts.length;
  }

  private put(k: TargetKey) {
    const list = this.byKey.get(k.key.key);
    if (list) list.push(k);
    else this.byKey.set(k.key.key, [k]);
  }

  private keysOf(t: Target) {
    const headings = (line: string, reason: string) => {
      for (let n = MIN_HEADING_DIGITS; n < line.length; n++) {
        const prefix = line.slice(0, n);
        this.put({
          target: t,
          exact: prefix,
          line,
          key: { key: `hs:${prefix}`, path: 'HS_PREFIX', rank: 0, ordinal: 0, code: prefix, reason },
        });
      }
    };
    if (t.kind === 'ELEMENT' || t.kind === 'HS_CODE') {
      t.expansion = expandWatch(
        t.kind === 'ELEMENT' ? { kind: 'ELEMENT', elementSymbol: t.value } : { kind: 'HS_CODE', hsPrefix: t.value },
        this.ref,
      );
      for (const key of t.expansion.keys) this.put({ target: t, key });
      if (t.kind === 'HS_CODE') headings(t.value, `a heading above ${formatHs(t.value)}`);
      return;
    }
    const f = this.ref.form(t.value)!;
    const base = { path: 'FORM_UNDER_HS' as const, rank: 0, ordinal: 0, form: f.code };
    this.put({ target: t, key: { ...base, key: `form:${f.code}`, reason: `${f.nameEn} named` } });
    for (const e of this.ref.entries())
      if (e.materialForm === f.code)
        this.put({ target: t, key: { ...base, key: `ref:${e.id}`, entry: e, reason: `an item of ${f.nameEn}` } });
    for (const line of f.hsCodes) {
      this.put({ target: t, line, key: { ...base, key: `hs:${line}`, code: line, reason: `under ${line}` } });
      headings(line, `a heading above ${formatHs(line)}`);
    }
  }

  /**
   * The parts the event reaches through what they contain or their codes, each with its reasons (one per element,
   * code or form that reaches it), in the order the parts were given. Supplier matches are added by the caller
   * ({@link partsOfSuppliers}). Cost: one map lookup per event key, one explanation per reached target, one reason
   * per reached part and target.
   */
  match(event: EventFacts): PartHit[] {
    const keys = eventKeys(event, this.ref);
    const hits = new Map<Target, { key: TargetKey; evidence: EventEvidence }[]>();
    for (const [key, evidence] of keys) {
      const entries = this.byKey.get(key);
      if (!entries) continue;
      for (const k of entries) {
        for (const ev of evidence) {
          if (k.exact !== undefined && ev.value !== k.exact) continue; // 8505.11 cited: yes; 8505.19.xx: no
          let list = hits.get(k.target);
          if (!list) {
            list = [];
            hits.set(k.target, list);
          }
          list.push({ key: k, evidence: ev });
        }
      }
    }
    const out = new Map<number, PartReason[]>();
    for (const [t, list] of hits) {
      const reason = this.explainTarget(t, list, event.reference);
      for (const i of t.parts) {
        const r = { ...reason, text: `Part ${this.parts[i]!.partNumber} ${reason.text}` };
        const prev = out.get(i);
        if (prev) prev.push(r);
        else out.set(i, [r]);
      }
    }
    return [...out.keys()].sort((a, b) => a - b).map((i) => ({ partId: this.parts[i]!.id, reasons: out.get(i)! }));
  }

  /**
   * The parts the event reaches (indexes into the parts given, unordered), without building reasons: for summaries
   * (the alert emails), where only the figures are needed. Same rules as {@link match}.
   */
  reach(event: EventFacts, into: Set<number> = new Set()): Set<number> {
    const keys = eventKeys(event, this.ref);
    const done = new Set<Target>();
    for (const [key, evidence] of keys) {
      const entries = this.byKey.get(key);
      if (!entries) continue;
      for (const k of entries) {
        if (done.has(k.target)) continue;
        if (k.exact !== undefined && !evidence.some((ev) => ev.value === k.exact)) continue;
        done.add(k.target);
        for (const i of k.target.parts) into.add(i);
      }
    }
    return into;
  }

  /** Indexes (into the parts given) of the parts supplied by any of `supplierIds`. */
  partsOfSuppliers(supplierIds: Iterable<string>, into: Set<number> = new Set()): Set<number> {
    const out = into;
    for (const s of supplierIds) for (const i of this.bySupplier.get(s) ?? []) out.add(i);
    return out;
  }

  /** The part at an index of {@link partsOfSuppliers}. */
  part(i: number): PartSpec {
    return this.parts[i]!;
  }

  /** The sentence (after "Part <number> ") for one target's hits. */
  private explainTarget(
    t: Target,
    list: { key: TargetKey; evidence: EventEvidence }[],
    reference: string | null,
  ): PartReason {
    const refText = reference ?? 'the event';
    const best = list.find((h) => !h.evidence.tag) ?? list[0]!;
    const tag = best.evidence.tag;
    const inText = tag ? ` (found in the event's ${tag.field}: "${tag.text}")` : '';
    const matched = { field: best.evidence.field, value: best.evidence.value };
    const heading = list.find((h) => h.key.exact !== undefined && !h.evidence.tag) ?? list.find((h) => h.key.exact);
    const plain = list.filter((h) => h.key.exact === undefined);
    if (t.kind !== 'FORM' && plain.length) {
      const hits: Hit[] = plain.map((h) => ({ key: h.key.key, evidence: h.evidence }));
      const template = explain(t.expansion!, hits, reference, this.ref);
      const what = t.kind === 'ELEMENT' ? `contains ${t.expansion!.label}` : `is declared under ${t.expansion!.label}`;
      return {
        via: t.kind === 'ELEMENT' ? 'MATERIAL' : 'HS_CODE',
        text: `(${what}) ${template.text.replace(/^Your watch on .+? matched/, 'matched')}`,
        ...(template.element ? { element: template.element } : {}),
        matched: template.matched,
      };
    }
    if (t.kind === 'HS_CODE') {
      const h = heading!;
      return {
        via: 'HS_CODE',
        text: `(declared under HS ${formatHs(t.value)}) matched: ${refText} cites ${formatHs(h.evidence.value)}, the heading above it${inText}`,
        matched: { field: h.evidence.field, value: h.evidence.value },
      };
    }
    const f = this.ref.form(t.value)!;
    const b = plain[0] ?? heading!;
    const k = b.key.key;
    const element = f.elements[0];
    const withElement = element ? { element } : {};
    if (k.key.startsWith('ref:')) {
      const e = k.entry!;
      return {
        via: 'MATERIAL',
        text: `(contains ${f.nameEn}) matched control-list entry ${e.entryCode ?? e.itemKey} "${e.itemEn}" (${e.announcement}) in ${refText}, an item of ${f.nameEn}${inText}`,
        element: e.elementSymbol,
        matched,
      };
    }
    if (k.key.startsWith('form:'))
      return {
        via: 'MATERIAL',
        text: `(contains ${f.nameEn}) matched: ${refText} names ${f.nameEn}${inText}`,
        ...withElement,
        matched,
      };
    const line = b.key.line!;
    return {
      via: 'MATERIAL',
      text:
        b.key.exact !== undefined
          ? `(contains ${f.nameEn}, which falls under ${formatHs(line)}) matched: ${refText} cites ${formatHs(b.evidence.value)}, which covers it${inText}`
          : `(contains ${f.nameEn}, which falls under ${formatHs(line)}) matched customs code ${b.evidence.value} in ${refText}${inText}`,
      ...withElement,
      matched: { field: b.evidence.field, value: b.evidence.value },
    };
  }
}

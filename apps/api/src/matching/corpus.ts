import type { ReferenceIndex } from './reference-index.js';
import type { EventFacts, TextTag, WatchSpec } from './types.js';

/** Options of {@link randomCorpus}. */
export interface CorpusOptions {
  tenants: number;
  watchesPerTenant: number;
  events: number;
  /** Upper bound of tags (elements + codes + entries + forms + text tags) per event; at least 1. */
  maxTags: number;
  seed: number;
}

/**
 * A reproducible random corpus of watches and events drawn from the reference vocabulary (elements, cited customs
 * codes and their prefixes, entry codes, material forms), for the equivalence test and the benchmark. Deterministic
 * for a given seed. Tenant ids are "t0000"…, watch ids "t0000-w000"….
 */
export function randomCorpus(ref: ReferenceIndex, o: CorpusOptions): { watches: WatchSpec[]; events: EventFacts[] } {
  const rnd = mulberry32(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const symbols = ref.elements().map((e) => e.symbol);
  const codes = [
    ...new Set([
      ...ref.codes(),
      ...ref.entries().flatMap((e) => e.customsCodes),
      '8505111000',
      '8505119000',
      '2846101000',
    ]),
  ];
  const longCodes = codes.filter((c) => c.length >= 8);
  const entryCodes = [...new Set(ref.entries().flatMap((e) => (e.entryCode ? [e.entryCode] : [])))];
  const forms = ref.forms().map((f) => f.code);
  const watches: WatchSpec[] = [];
  for (let t = 0; t < o.tenants; t++) {
    // A tenant watches 5-15 distinct elements; the rest of its list is distinct HS prefixes and control-list entries.
    const tenantId = `t${String(t).padStart(4, '0')}`;
    const seen = new Set<string>();
    const elementCount = Math.min(o.watchesPerTenant, 5 + Math.floor(rnd() * 11));
    let i = 0;
    const id = () => `${tenantId}-w${String(i++).padStart(3, '0')}`;
    const jurisdiction = () => (rnd() < 0.1 ? pick(['CN', 'US']) : null);
    for (let guard = 0; i < o.watchesPerTenant && guard < 100 * o.watchesPerTenant; guard++) {
      if (i < elementCount) {
        const s = pick(symbols);
        if (seen.has(`el:${s}`)) continue;
        seen.add(`el:${s}`);
        watches.push({ id: id(), tenantId, kind: 'ELEMENT', elementSymbol: s, jurisdiction: jurisdiction() });
      } else if (rnd() < 0.6) {
        const c = pick(codes);
        const p = c.slice(0, Math.min(c.length, pick([4, 6, 6, 8, 8, 10, 10, 10])));
        if (seen.has(`hs:${p}`)) continue;
        seen.add(`hs:${p}`);
        watches.push({ id: id(), tenantId, kind: 'HS_CODE', hsPrefix: p, jurisdiction: jurisdiction() });
      } else {
        const e = pick(entryCodes);
        const v = rnd() < 0.3 ? e.split('.')[0]! : e;
        if (seen.has(`en:${v}`)) continue;
        seen.add(`en:${v}`);
        watches.push({ id: id(), tenantId, kind: 'CONTROL_ENTRY', controlEntry: v, jurisdiction: jurisdiction() });
      }
    }
  }
  const events: EventFacts[] = [];
  for (let n = 0; n < o.events; n++) {
    const tags = 1 + Math.floor(rnd() * o.maxTags);
    const e: EventFacts = {
      type: rnd() < 0.5 ? 'POLICY_CHANGE' : 'PERMIT_EVENT',
      jurisdiction: rnd() < 0.8 ? 'CN' : 'US',
      reference: `Announcement ${n}`,
      elements: [],
      hsCodes: [],
      controlEntries: [],
      materialForms: [],
      textTags: [],
      exporterName: `Exporter ${Math.floor(rnd() * 5000)} Co., Ltd.`,
    };
    if (e.type === 'POLICY_CHANGE') e.action = pick(['IMPOSED', 'AMENDED', 'SUSPENDED', 'LIFTED'] as const);
    else e.permitStatus = pick(['GRANTED', 'DENIED', 'EXPIRING'] as const);
    for (let i = 0; i < tags; i++) {
      const r = rnd();
      const text = rnd() < 0.25;
      const tag = (kind: TextTag['kind'], value: string): TextTag => ({
        kind,
        value,
        field: 'body',
        start: i * 10,
        end: i * 10 + value.length,
        text: value,
      });
      if (r < 0.3) {
        const s = pick(symbols);
        if (text) e.textTags!.push(tag('ELEMENT', s));
        else e.elements.push(s);
      } else if (r < 0.65) {
        const c = pick(longCodes);
        if (text) e.textTags!.push(tag('HS_CODE', c));
        else e.hsCodes.push(c);
      } else if (r < 0.9) {
        const c = pick(entryCodes);
        const v = rnd() < 0.3 ? c.split('.')[0]! : c;
        if (text) e.textTags!.push(tag('CONTROL_ENTRY', v));
        else e.controlEntries.push(v);
      } else {
        const f = pick(forms);
        if (text) e.textTags!.push(tag('MATERIAL_FORM', f));
        else e.materialForms!.push(f);
      }
    }
    e.elements = [...new Set(e.elements)];
    e.hsCodes = [...new Set(e.hsCodes)];
    e.controlEntries = [...new Set(e.controlEntries)];
    events.push(e);
  }
  return { watches, events };
}

/** A small, fast, seedable PRNG (Mulberry32); returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

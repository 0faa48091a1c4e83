/**
 * Evaluation of supplier resolution on a labelled set (fixtures/supplier_eval.csv, built from public sources: see
 * docs/supplier-resolution.md). Pure: takes the rows and the suppliers, returns precision, recall, the possible-band
 * share and hard negatives matched, overall and per class. Used by the quality test and `npm run eval -- suppliers`.
 */
import type { SupplierSpec } from '../types.js';
import type { ReferenceCompany } from './reference-types.js';
import { SupplierResolver } from './resolver.js';

/** One labelled row: `relation` is "same" for the supplier itself, anything else for a related but different entity. */
export interface EvalRow {
  input: string;
  class: string;
  expected_key: string;
  relation: string;
  /** For a related entity that is itself one of the suppliers: its id (a match to it is right). */
  entity_key?: string;
  derivation: string;
  source: string;
}

export interface EvalMeasure {
  rows: number;
  precision: number;
  recall: number;
  /** Share of the true rows that ended in the possible band (a buyer is asked). */
  possibleShare: number;
  hardNegatives: number;
  hardNegativesMatched: number;
}

export interface EvalReport extends EvalMeasure {
  companies: number;
  perClass: Record<string, EvalMeasure>;
  /** Inputs whose answer through the index differs from a scan of every supplier (must be empty). */
  scanDiffers: string[];
  misses: string[];
  falseMatches: string[];
}

interface Tally {
  rows: number;
  tp: number;
  fp: number;
  fn: number;
  possible: number;
  negatives: number;
  negativesMatched: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function measure(t: Tally): EvalMeasure {
  const positives = t.tp + t.fn;
  return {
    rows: t.rows,
    precision: round(t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp)),
    recall: round(positives === 0 ? 1 : t.tp / positives),
    possibleShare: round(positives === 0 ? 0 : t.possible / positives),
    hardNegatives: t.negatives,
    hardNegativesMatched: t.negativesMatched,
  };
}

/** Resolves every row against `suppliers` (one tenant) and tallies the outcome. */
export function evaluateSuppliers(
  rows: EvalRow[],
  suppliers: SupplierSpec[],
  reference?: readonly ReferenceCompany[],
): EvalReport {
  const resolver = new SupplierResolver(suppliers, [], reference);
  const empty = (): Tally => ({ rows: 0, tp: 0, fp: 0, fn: 0, possible: 0, negatives: 0, negativesMatched: 0 });
  const total = empty();
  const perClass = new Map<string, Tally>();
  const scanDiffers: string[] = [];
  const misses: string[] = [];
  const falseMatches: string[] = [];
  for (const row of rows) {
    const cls = perClass.get(row.class) ?? empty();
    perClass.set(row.class, cls);
    const hits = resolver.resolve(row.input);
    if (JSON.stringify(hits) !== JSON.stringify(resolver.resolveByScan(row.input))) scanDiffers.push(row.input);
    const matched = hits.filter((h) => h.band === 'MATCH').map((h) => h.supplier.id);
    const same = row.relation === 'same';
    for (const t of [total, cls]) t.rows++;
    if (!same) for (const t of [total, cls]) t.negatives++;
    for (const id of matched) {
      if (!same && id === row.entity_key) continue;
      if (same && id === row.expected_key) for (const t of [total, cls]) t.tp++;
      else {
        for (const t of [total, cls]) t.fp++;
        falseMatches.push(`${row.input} -> ${id}${same ? '' : ` (${row.relation})`}`);
        if (!same && id === row.expected_key) for (const t of [total, cls]) t.negativesMatched++;
      }
    }
    if (same && !matched.includes(row.expected_key)) {
      for (const t of [total, cls]) t.fn++;
      const possible = hits.find((h) => h.supplier.id === row.expected_key);
      if (possible) for (const t of [total, cls]) t.possible++;
      misses.push(`[${row.class}] ${row.input}${possible ? ` (possible ${possible.score})` : ''}`);
    }
  }
  return {
    ...measure(total),
    companies: new Set(rows.map((r) => `${r.expected_key}\u0000${r.relation === 'same' ? '' : r.input}`)).size,
    perClass: Object.fromEntries([...perClass].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, t]) => [k, measure(t)])),
    scanDiffers,
    misses,
    falseMatches,
  };
}

/**
 * The suppliers of the evaluation: each reference company registered as a buyer would, by its English legal name,
 * its Chinese (or Japanese) legal name and its tickers. Short names, former names and the rest come from the
 * reference (or, evaluated without it, must be found by the resolver's rules).
 */
export function evalSuppliers(companies: readonly ReferenceCompany[]): SupplierSpec[] {
  return companies.map((c) => ({
    id: c.key,
    tenantId: 'eval',
    legalNameEn: c.legalNameEn,
    legalNameZh: c.legalNameZh ?? c.legalNameZhHant ?? c.legalNameJa ?? null,
    aliases: [],
    tickers: c.tickers ?? [],
  }));
}

/**
 * Companies of the shared supplier master (fixtures/rare_earth_companies.json) that the reference leaves out (their
 * legal names are not verified there), registered as the old quality test does, so that their labelled rows resolve.
 */
export function fixtureOnlySuppliers(
  companies: {
    key: string;
    legal_name_en: string;
    legal_name_zh?: string | null;
    legal_name_ja?: string | null;
    tickers?: string[] | null;
  }[],
  reference: readonly ReferenceCompany[],
): SupplierSpec[] {
  const known = new Set(reference.map((c) => c.key));
  return companies
    .filter((c) => !known.has(c.key))
    .map((c) => ({
      id: c.key,
      tenantId: 'eval',
      legalNameEn: c.legal_name_en,
      legalNameZh: c.legal_name_zh ?? c.legal_name_ja ?? null,
      aliases: [],
      tickers: c.tickers ?? [],
    }));
}

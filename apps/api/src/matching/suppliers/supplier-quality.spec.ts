/**
 * Quality of supplier resolution, measured on labelled public data (fixtures/README.md): the companies are registered
 * as suppliers by legal names only (English, Chinese, Japanese legal names, former legal names) and their tickers
 * (exchange identifiers of the same legal entity, like USCC and LEI; no short names or aliases), then every labelled
 * variant is resolved. Prints precision and recall; asserts the goals (precision >= 0.97, recall >= 0.90) and that no
 * related-but-different entity is matched as the supplier.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { SupplierSpec } from '../types.js';
import { type EvalRow, evalSuppliers, evaluateSuppliers, fixtureOnlySuppliers } from './evaluate.js';
import { REFERENCE_COMPANIES } from './reference-companies.js';
import { SupplierResolver } from './resolver.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Company {
  key: string;
  legal_name_en: string;
  legal_name_zh?: string | null;
  legal_name_zh_traditional?: string | null;
  legal_name_ja?: string | null;
  former_names?: string[];
  tickers?: string[];
}
interface Row {
  input: string;
  kind: string;
  expected_key: string;
  relation_note: string;
}

const companies: Company[] = JSON.parse(
  readFileSync(join(here, 'fixtures/rare_earth_companies.json'), 'utf8'),
).companies;
const rows: Row[] = parse(readFileSync(join(here, 'fixtures/supplier_name_variants.dev.csv'), 'utf8'), {
  columns: true,
});

function register(options: { formerNames: boolean }): SupplierSpec[] {
  return companies.map((c) => ({
    id: c.key,
    tenantId: 'tenant-1',
    legalNameEn: c.legal_name_en,
    legalNameZh: c.legal_name_zh ?? null,
    formerNames: options.formerNames ? (c.former_names ?? []) : [],
    // Legal names in other scripts: traditional Chinese, Japanese.
    aliases: [c.legal_name_zh_traditional, c.legal_name_ja].filter((n): n is string => !!n),
    tickers: c.tickers ?? [],
  }));
}

interface Measure {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
  possible: number;
  relatedMatched: string[];
  misses: string[];
  falseMatches: string[];
  scanDiffers: string[];
}

function measure(resolver: SupplierResolver): Measure {
  const m: Measure = {
    precision: 0,
    recall: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    possible: 0,
    relatedMatched: [],
    misses: [],
    falseMatches: [],
    scanDiffers: [],
  };
  for (const row of rows) {
    const hits = resolver.resolve(row.input);
    if (JSON.stringify(hits) !== JSON.stringify(resolver.resolveByScan(row.input))) m.scanDiffers.push(row.input);
    const matched = hits.filter((h) => h.band === 'MATCH').map((h) => h.supplier.id);
    const same = row.relation_note === 'same';
    for (const key of matched) {
      if (same && key === row.expected_key) m.tp++;
      else {
        m.fp++;
        m.falseMatches.push(`${row.input} -> ${key}`);
        if (!same && key === row.expected_key) m.relatedMatched.push(`${row.input} (${row.relation_note})`);
      }
    }
    if (same && !matched.includes(row.expected_key)) {
      m.fn++;
      const possible = hits.find((h) => h.supplier.id === row.expected_key);
      if (possible) m.possible++;
      m.misses.push(`${row.input}${possible ? ` (possible, ${possible.score})` : ''}`);
    }
  }
  m.precision = m.tp + m.fp === 0 ? 1 : m.tp / (m.tp + m.fp);
  m.recall = m.tp / (m.tp + m.fn);
  return m;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

describe('supplier resolution quality on supplier_name_variants.dev.csv', () => {
  // Legal names and tickers only: no public reference (its names would make this the whole-set test below).
  const withFormer = measure(new SupplierResolver(register({ formerNames: true }), [], []));
  const currentOnly = measure(new SupplierResolver(register({ formerNames: false }), [], []));

  beforeAll(() => {
    for (const [label, m] of [
      ['legal names incl. former names + tickers', withFormer],
      ['current legal names + tickers', currentOnly],
    ] as const) {
      process.stdout.write(
        `supplier quality (${label}): ${JSON.stringify({ rows: rows.length, precision: round(m.precision), recall: round(m.recall), tp: m.tp, fp: m.fp, fn: m.fn, fnPossible: m.possible })}\n` +
          `  misses: ${JSON.stringify(m.misses)}\n  false matches: ${JSON.stringify(m.falseMatches)}\n`,
      );
    }
  });

  it('meets the goals with legal names (current and former) and tickers registered', () => {
    expect(withFormer.precision).toBeGreaterThanOrEqual(0.97);
    expect(withFormer.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('never matches a related but different legal entity as the supplier', () => {
    expect(withFormer.relatedMatched).toEqual([]);
    expect(currentOnly.relatedMatched).toEqual([]);
  });

  it('keeps precision without former names (recall drops: renamed companies are not found)', () => {
    expect(currentOnly.precision).toBeGreaterThanOrEqual(0.97);
  });

  it('gives the same answers through the index as by scanning every supplier', () => {
    expect(withFormer.scanDiffers).toEqual([]);
    expect(currentOnly.scanDiffers).toEqual([]);
  });
});

// The whole labelled set (fixtures/supplier_eval.csv: public sources per row, every class of issue 14, hard
// negatives), as `npm run eval -- suppliers` measures it: the suppliers registered by legal names and tickers, with
// the public reference companies (how the product runs) and without them (the rules alone).
describe('supplier resolution quality on the whole labelled set (supplier_eval.csv)', () => {
  const evalRows: EvalRow[] = parse(readFileSync(join(here, 'fixtures/supplier_eval.csv'), 'utf8'), { columns: true });
  const suppliers = [...evalSuppliers(REFERENCE_COMPANIES), ...fixtureOnlySuppliers(companies, REFERENCE_COMPANIES)];
  const withReference = evaluateSuppliers(evalRows, suppliers);
  const rulesOnly = evaluateSuppliers(evalRows, suppliers, []);

  beforeAll(() => {
    const { misses, falseMatches, perClass: _perClass, ...summary } = withReference;
    process.stdout.write(
      `supplier eval set: ${JSON.stringify(summary)}\n  misses: ${JSON.stringify(misses)}\n  false matches: ${JSON.stringify(falseMatches)}\n` +
        `  rules only: ${JSON.stringify({ precision: rulesOnly.precision, recall: rulesOnly.recall, hardNegativesMatched: rulesOnly.hardNegativesMatched })}\n`,
    );
  });

  it('is a set of at least 400 rows, 80 hard negatives, every class, each row with its source', () => {
    expect(evalRows.length).toBeGreaterThanOrEqual(400);
    expect(withReference.hardNegatives).toBeGreaterThanOrEqual(80);
    expect(Object.keys(withReference.perClass).sort()).toEqual(
      expect.arrayContaining([
        'acronym',
        'branch',
        'extra_words',
        'hard_negative',
        'pinyin',
        'short_brand',
        'short_form',
        'ticker',
        'word_form',
      ]),
    );
    expect(evalRows.filter((r) => !r.source)).toEqual([]);
  });

  it('keeps precision >= 0.98 and recall >= 0.92, and matches no related entity', () => {
    expect(withReference.precision).toBeGreaterThanOrEqual(0.98);
    expect(withReference.recall).toBeGreaterThanOrEqual(0.92);
    expect(withReference.hardNegativesMatched).toBe(0);
    expect(rulesOnly.hardNegativesMatched).toBe(0);
    expect(rulesOnly.precision).toBeGreaterThanOrEqual(0.98);
  });

  it('answers through the index as a scan of every supplier does', () => {
    expect(withReference.scanDiffers).toEqual([]);
  });
});

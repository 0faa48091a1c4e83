import { parseCsvRows, splitList } from './csv-import.js';
import { CreateSupplierDto } from './watchlist.dto.js';

const COLUMNS = { known: ['legalNameEn', 'country', 'aliases'], required: ['legalNameEn'] } as const;
const ID_COLUMNS = { known: ['legalNameEn', 'uscc', 'lei'], required: ['legalNameEn'] } as const;
const toPlain = (row: Record<string, string>) => ({ ...row, aliases: splitList(row.aliases) });

describe('parseCsvRows', () => {
  it('reports the line a record starts on, also after a quoted multi-line cell, with field and reason', async () => {
    const csv =
      '\uFEFFlegalNameEn,country,aliases\n"Baotou Example\nRare Earth Co., Ltd.",CN,BER\n\nBad Country Ltd.,China,\n';
    const out = await parseCsvRows(csv, COLUMNS, CreateSupplierDto, toPlain);
    expect(out.rows).toBe(2);
    expect(out.valid.map((v) => [v.line, v.dto.legalNameEn, v.dto.aliases])).toEqual([
      [2, 'Baotou Example\nRare Earth Co., Ltd.', ['BER']],
    ]);
    expect(out.errors).toEqual([
      { line: 5, field: 'country', reason: 'country must be an assigned ISO 3166-1 alpha-2 country code such as CN' },
    ]);
  });

  it('refuses a USCC or LEI whose check character is wrong (a typo would keep the supplier from matching)', async () => {
    // A USCC whose check character (R) is right and a LEI that passes mod 97-10; then each with its last character changed.
    const csv =
      'legalNameEn,uscc,lei\nJL MAG,91360700MA35G5XX0R,529900T8BM49AURSDO55\nTypo USCC,91360700MA35G5XX0X,\nTypo LEI,,529900T8BM49AURSDO56\n';
    const out = await parseCsvRows(csv, ID_COLUMNS, CreateSupplierDto, (row) => ({
      ...row,
      uscc: row.uscc || undefined,
      lei: row.lei || undefined,
    }));
    expect(out.valid.map((v) => v.dto.legalNameEn)).toEqual(['JL MAG']);
    expect(out.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'uscc'],
      [4, 'lei'],
    ]);
    expect(out.errors[0]!.reason).toMatch(/check character/);
  });

  it('reports unknown and missing columns on line 1 and validates no row', async () => {
    const out = await parseCsvRows('name,country\nX,CN\n', COLUMNS, CreateSupplierDto, toPlain);
    expect(out.valid).toEqual([]);
    expect(out.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'name'],
      [1, 'legalNameEn'],
    ]);
  });

  it('reports malformed CSV as one file error instead of throwing', async () => {
    const out = await parseCsvRows('legalNameEn,country\n"unterminated,CN\n', COLUMNS, CreateSupplierDto, toPlain);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ field: '(file)', reason: expect.stringContaining('not valid CSV') });
  });
});

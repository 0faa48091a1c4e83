import { csvTextLength, parseCsvRecords, parseCsvRows, readCsvRecords, splitList } from './csv-import.js';
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

describe('readCsvRecords over the request body as received (byte chunks)', () => {
  const SUPPLIER_COLUMNS = { known: ['legalNameEn', 'legalNameZh', 'country'], required: ['legalNameEn'] } as const;

  /** The UTF-8 bytes of `text` cut into chunks of `size` bytes (cutting through multi-byte characters). */
  const chunksOf = (text: string, size: number) => {
    const bytes = Buffer.from(text, 'utf8');
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
    return out;
  };

  it('reads the same records from byte chunks cut inside characters as from the string, BOM stripped', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `"Rare Earth ${i}, Ltd.",稀土𠀀${i}有限公司,CN`);
    const csv = `\uFEFFlegalNameEn,legalNameZh,country\n${rows.join('\n')}\n`;
    const fromString = await parseCsvRecords(csv, SUPPLIER_COLUMNS);
    for (const size of [1, 7, 16 * 1024 + 1, 65536]) {
      const fromBytes = await parseCsvRecords(chunksOf(csv, size), SUPPLIER_COLUMNS);
      expect(fromBytes.errors).toEqual([]);
      expect(fromBytes.records).toEqual(fromString.records);
    }
    expect(fromString.records).toHaveLength(3000);
    expect(fromString.records[2999]).toEqual({
      line: 3001,
      record: { legalNameEn: 'Rare Earth 2999, Ltd.', legalNameZh: '稀土𠀀2999有限公司', country: 'CN' },
    });
  });

  it('does not split a surrogate pair when a string is handed on in pieces', async () => {
    // 16 KB pieces: put a character outside the BMP (two UTF-16 units) across the first boundary.
    const name = `${'x'.repeat(16 * 1024 - 'legalNameEn\n'.length - 1)}𠀀y`;
    const { records } = await parseCsvRecords(`legalNameEn\n${name}\n`, SUPPLIER_COLUMNS);
    expect(records.map((r) => r.record.legalNameEn)).toEqual([name]);
  });

  it('hands records on one by one while reading, counts them without a callback, and reports header errors once', async () => {
    const csv = 'legalNameEn,country\nA,CN\n\nB,DE\n';
    const seen: number[] = [];
    expect(await readCsvRecords(chunksOf(csv, 3), SUPPLIER_COLUMNS, undefined, (r) => void seen.push(r.line))).toEqual({
      rows: 2,
      errors: [],
    });
    expect(seen).toEqual([2, 4]);
    expect(await readCsvRecords(csv, SUPPLIER_COLUMNS)).toEqual({ rows: 2, errors: [] });
    const bad = await readCsvRecords('name\nA\n', SUPPLIER_COLUMNS, undefined, () => {
      throw new Error('no record may be handed on under a bad header');
    });
    expect(bad.rows).toBe(0);
    expect(bad.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'name'],
      [1, 'legalNameEn'],
    ]);
    expect((await readCsvRecords('', SUPPLIER_COLUMNS)).errors.map((e) => e.field)).toEqual(['', 'legalNameEn']);
  });

  it('counts a text length as String#length: exactly for chunks up to 1 MiB, bytes beyond', () => {
    const text = '稀土𠀀,abc\n';
    expect(csvTextLength(chunksOf(text, 2))).toBe(text.length);
    expect(csvTextLength(text)).toBe(text.length);
    expect(csvTextLength([Buffer.alloc(2 * 1024 * 1024, 0x61)])).toBe(2 * 1024 * 1024);
  });
});

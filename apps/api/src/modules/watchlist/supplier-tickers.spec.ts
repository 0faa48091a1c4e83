/** Supplier tickers are validated at create and update: an unrecognisable ticker is refused, naming the field (issue 14). */
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateSupplierDto, UpdateSupplierDto } from './watchlist.dto.js';

async function errorsOf(cls: typeof CreateSupplierDto | typeof UpdateSupplierDto, body: object) {
  const errors = await validate(plainToInstance(cls, body) as object);
  return errors.map((e) => ({ field: e.property, messages: Object.values(e.constraints ?? {}) }));
}

describe('supplier tickers', () => {
  it('accepts every form the resolver recognises', async () => {
    const tickers = [
      '601899.SS',
      'ALB.N',
      'ASX: ARU',
      'ASX ARU',
      'TYO:5713',
      '(HKEX 2899)',
      'OTC:LYSDY',
      'SZSE:300748',
    ];
    expect(await errorsOf(CreateSupplierDto, { legalNameEn: 'X Ltd', tickers })).toEqual([]);
    expect(await errorsOf(UpdateSupplierDto, { tickers })).toEqual([]);
  });

  it.each([CreateSupplierDto, UpdateSupplierDto])(
    'refuses an unrecognisable ticker, naming field and value (%p)',
    async (cls) => {
      const errors = await errorsOf(cls, { legalNameEn: 'X Ltd', tickers: ['ASX:ARU', 'ARU', 'Tokyo 5713'] });
      expect(errors.map((e) => e.field)).toEqual(['tickers']);
      expect(errors[0]!.messages.join(' ')).toContain('"ARU", "Tokyo 5713" not recognised');
    },
  );
});

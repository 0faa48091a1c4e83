import { createValidationPipe, FieldValidationException, MAX_DEPTH, unstorableText } from './validation.js';

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();
  const refused = async (value: unknown, type: 'body' | 'query' | 'param', data?: string) => {
    const error = await pipe.transform(value, { type, data }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FieldValidationException);
    return (error as FieldValidationException).errors;
  };

  it('refuses a NUL in a path or query parameter, naming the parameter (not "body")', async () => {
    expect(await refused('a\u0000b', 'param', 'key')).toEqual([
      { field: 'key', messages: ['key contains a NUL character (U+0000), which cannot be stored'] },
    ]);
    expect((await refused('\u0000', 'query', 'status'))[0]!.field).toBe('status');
    expect((await refused({ status: '\ud800' }, 'query'))[0]!.field).toBe('status');
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} levels instead of exhausting the stack`, async () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const errors = await refused({ items: deep }, 'body');
    expect(errors[0]!.messages).toEqual([`nests deeper than ${MAX_DEPTH} levels`]);
    // A realistic body passes the check.
    expect(unstorableText({ items: [{ elements: ['Dy'], quantity: { value: 1, unit: 'kg' } }] })).toEqual([]);
  });
});

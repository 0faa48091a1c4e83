// Unit test of the pure span-in-context helper (Node's TypeScript type stripping loads the .ts module directly).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spanInContext } from '../src/components/span-context.ts';

const text =
  'MOFCOM and GAC announce export control measures on certain medium and heavy rare earth items, including samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium, effective 4 April 2025.';

test('quotes the span with whole words around it and ellipses where text is cut', () => {
  const start = text.indexOf('dysprosium');
  const got = spanInContext(text, { start, end: start + 10, text: 'dysprosium' });
  assert.equal(got.match, 'dysprosium');
  assert.ok(got.before.startsWith('…'), got.before);
  assert.ok(got.before.endsWith('terbium, '), got.before);
  assert.ok(got.after.startsWith(', lutetium'), got.after);
  assert.equal(got.before.slice(1), text.slice(text.indexOf(' ', start - 90) + 1, start));
});

test('keeps a short text whole, without ellipses', () => {
  const t = 'Export licence revoked for Dy oxide';
  const got = spanInContext(t, { start: 27, end: 29, text: 'Dy' });
  assert.deepEqual(got, { before: 'Export licence revoked for ', match: 'Dy', after: ' oxide' });
});

test('works on Chinese text (no spaces) by characters', () => {
  const t = `${'商务部'.repeat(40)}对镝实施出口管制${'海关总署'.repeat(40)}`;
  const start = t.indexOf('镝');
  const got = spanInContext(t, { start, end: start + 1, text: '镝' });
  assert.equal(got.match, '镝');
  assert.equal(got.before.length, 91); // the ellipsis and 90 characters
  assert.equal(got.after.length, 91);
});

test('null when the stored text does not hold the span (then the span alone is shown)', () => {
  assert.equal(spanInContext(text, { start: 0, end: 5, text: 'terbi' }), null);
  assert.equal(spanInContext(null, { start: 0, end: 2, text: 'Dy' }), null);
  assert.equal(spanInContext('', { start: 0, end: 2, text: 'Dy' }), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatExactNumber } from '../../../src/internal/format.js';

test('integers are shown in full with the language grouping', () => {
  assert.equal(formatExactNumber(1714550412, 'en'), '1,714,550,412');
  assert.equal(formatExactNumber(1714550412, 'ja'), '1,714,550,412');
  assert.equal(formatExactNumber(-42, 'en'), '-42');
  assert.equal(formatExactNumber(0, 'en'), '0');
  assert.equal(formatExactNumber(Number.MAX_SAFE_INTEGER, 'en'), '9,007,199,254,740,991');
});

test('a timestamp with a fraction keeps every digit (6 significant digits put a real one 35 minutes off)', () => {
  const t = 1714550412.3456788;
  assert.equal(formatExactNumber(t, 'en'), '1,714,550,412.3456788');
  assert.equal(Number(formatExactNumber(t, 'en').replaceAll(',', '')), t);
});

test('floats carry the shortest digits that tell them from their neighbours', () => {
  assert.equal(formatExactNumber(0.1 + 0.2, 'en'), '0.30000000000000004');
  assert.equal(formatExactNumber(0.00010000001, 'en'), '0.00010000001');
  assert.equal(formatExactNumber(0.00010000002, 'en'), '0.00010000002');
  assert.equal(formatExactNumber(2.5, 'en'), '2.5');
  assert.equal(formatExactNumber(-1234.5678, 'en'), '-1,234.5678');
  assert.equal(formatExactNumber(-0.5, 'ja'), '-0.5');
  for (const v of [Math.PI, 1 / 3, 123456.789e-3, 0.97999999, 12345678.9]) {
    assert.equal(Number(formatExactNumber(v, 'en').replaceAll(',', '')), v, String(v));
  }
});

test('very small and very large magnitudes take exponent form, exactly', () => {
  assert.equal(formatExactNumber(3e-5, 'en'), '3e-5');
  assert.equal(formatExactNumber(1.2345678901e-7, 'en'), '1.2345678901e-7');
  assert.equal(formatExactNumber(0.0001, 'en'), '0.0001');
  assert.equal(formatExactNumber(2 ** 60, 'en'), '1.152921504606847e18');
  assert.equal(formatExactNumber(-1e300, 'ja'), '-1e300');
  assert.equal(formatExactNumber(5e-324, 'en'), '5e-324');
  assert.equal(Number(formatExactNumber(2 ** 60, 'en')), 2 ** 60);
});

test('NaN and infinities are shown by name', () => {
  assert.equal(formatExactNumber(NaN, 'en'), 'NaN');
  assert.equal(formatExactNumber(Infinity, 'ja'), 'Infinity');
  assert.equal(formatExactNumber(-Infinity, 'en'), '-Infinity');
});

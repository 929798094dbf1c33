import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatExactNumber, formatFixed, formatNumber } from '../../../src/internal/format.js';
import { spyOnIntlNumbers } from '../../support/intl-spy.js';

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

test('en numbers are written as Intl writes them, without creating an Intl formatter', () => {
  const formats = new Map<string, Intl.NumberFormat>();
  const intl = (options: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options);
    if (!formats.has(key)) formats.set(key, new Intl.NumberFormat('en-US', options));
    return formats.get(key)!;
  };
  const sig = (v: number, d: number) => intl({ maximumSignificantDigits: d }).format(v);
  const fix = (v: number, d: number) => intl({ maximumFractionDigits: d }).format(v);
  // ties in the shortest digits (1.005 holds 1.00499…: Intl rounds the digits, up), carries, −0
  const values = [0, -0, 1, -1, 1.005, -1.005, 1.0005, 9.995, 99.95, 999999.5, 0.00015, 0.000149999, -0.001];
  values.push(123456789012345.6, 1e20, 9.99999e20, 1e21, 2.5, -2.5, 0.125, 1 / 3, Math.PI, 1714550412.3456788);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 3000; i++) {
    let v = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 10);
    if (i % 3 === 0) v = Math.round(v * 1000) / 1000;
    if (i % 7 === 0) v = Math.round(v) + 0.5;
    values.push(v);
  }
  const expected = values.map((v) => ({
    fixed: [0, 1, 2, 3, 6, 12, 20].map((d) => fix(v, d)),
    sig: [1, 2, 3, 6, 10, 17, 21].map((d) => sig(v, d)),
  }));
  const spy = spyOnIntlNumbers();
  try {
    values.forEach((v, i) => {
      [0, 1, 2, 3, 6, 12, 20].forEach((d, k) =>
        assert.equal(formatFixed(v, d, 'en'), expected[i]!.fixed[k], `${v} ${d}`),
      );
      const abs = Math.abs(v);
      // integers and exponent-form magnitudes are not written with significant digits
      if (Number.isInteger(v) || (abs !== 0 && (abs < 1e-4 || abs >= 1e15))) return;
      [1, 2, 3, 6, 10, 17, 21].forEach((d, k) =>
        assert.equal(formatNumber(v, 'en', d), expected[i]!.sig[k], `${v} ${d}`),
      );
    });
    assert.equal(formatNumber(1234567, 'en'), '1,234,567');
    assert.equal(formatExactNumber(-1234.5678, 'en'), '-1,234.5678');
    assert.equal(spy.calls, 0);
    // other languages keep Intl
    assert.equal(formatFixed(1234.5, 1, 'de'), '1.234,5');
    assert.ok(spy.calls > 0);
  } finally {
    spy.restore();
  }
});

test('a language with digits of its own writes the fraction in them too, not in Latin digits', () => {
  const arabic = new Intl.NumberFormat('ar-EG', { maximumFractionDigits: 20 });
  for (const v of [0.1, 1234567.125, 0.30000000000000004, -0.5])
    assert.equal(formatExactNumber(v, 'ar-EG'), arabic.format(v));
  assert.equal(formatExactNumber(1234567.5, 'ar-EG'), '١٬٢٣٤٬٥٦٧٫٥');
});

test('byte sizes are written as Intl writes them, in English without an Intl formatter', () => {
  const sizes = [0, 1, 1023, 1024, 1536, 10 * 1024 ** 2 + 1, 123.4 * 1024 ** 3, 5 * 1024 ** 6, -2048];
  const expected = sizes.map((b) => {
    let v = Math.abs(b);
    let i = 0;
    while (v >= 1024 && i < 5) ((v /= 1024), i++);
    const digits = i === 0 || v >= 100 ? 0 : 1;
    const n = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(v);
    return `${b < 0 ? '-' : ''}${n} ${['B', 'KB', 'MB', 'GB', 'TB', 'PB'][i]}`;
  });
  const spy = spyOnIntlNumbers();
  try {
    sizes.forEach((b, k) => assert.equal(formatBytes(b, 'en'), expected[k]));
    assert.equal(spy.calls, 0);
  } finally {
    spy.restore();
  }
  assert.equal(formatBytes(1536, 'de'), '1,5 KB');
  assert.equal(formatBytes(undefined), '—');
});

test('each kind of formatter is made once per language and options', () => {
  const spy = spyOnIntlNumbers();
  try {
    for (let i = 0; i < 3; i++) {
      formatFixed(1234.5, 1, 'sv');
      formatFixed(1234.5, 2, 'sv');
      formatNumber(1.23456789, 'sv');
      formatBytes(1536, 'sv');
    }
    // fraction digits 1 and 2 (bytes use 1 too), 6 significant digits
    assert.equal(spy.calls, 3);
    assert.equal(
      formatFixed(1234.5, 1, 'sv'),
      new Intl.NumberFormat('sv', { maximumFractionDigits: 1 }).format(1234.5),
    );
  } finally {
    spy.restore();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactDecimal, parseAsciiNumber } from '../../../../src/formats/common/ascii-number.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const parse = (s: string) => parseAsciiNumber(bytes(s), 0, s.length);

test('plain decimal numbers read from bytes equal Number(text), sign of zero included', () => {
  for (const s of [
    '0',
    '-0',
    '-0.0',
    '7',
    '007',
    '-12',
    '0.693147',
    '3e-04',
    '1.2E+5',
    '2.5e22',
    '123456789012345',
    '.5',
    '-.5',
  ]) {
    assert.ok(Object.is(parse(s), Number(s)), s);
  }
});

test('random decimals up to 15 digits and exponents up to 22 are exact', () => {
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < 20000; i++) {
    const digits = 1 + Math.floor(rand() * 15);
    let m = '';
    for (let d = 0; d < digits; d++) m += Math.floor(rand() * 10);
    const dot = Math.floor(rand() * (digits + 1));
    let s = (rand() < 0.5 ? '-' : '') + m.slice(0, dot) + (dot < digits ? '.' + m.slice(dot) : '');
    if (s.endsWith('.') || s === '-' || s === '') s += '0';
    if (rand() < 0.3) s += `e${rand() < 0.5 ? '-' : ''}${Math.floor(rand() * 20)}`;
    const v = parse(s);
    if (v === v) assert.ok(Object.is(v, Number(s)), s);
  }
});

test('what the fast path does not take comes back NaN, for the general parser', () => {
  for (const s of [
    '',
    '-',
    '.',
    '1.',
    'NaN',
    'Infinity',
    '-Infinity',
    ' 1',
    '1 ',
    '0x10',
    '"1"',
    '[1]',
    '1e',
    '1e+',
    '1e400',
    '1e-30',
    '1.2345678901234567',
    '1_0',
    'true',
    '1e12345',
  ]) {
    assert.ok(Number.isNaN(parse(s)), s);
  }
});

test('reads only its range of a larger buffer', () => {
  const b = bytes('xx-1.25yy');
  assert.equal(parseAsciiNumber(b, 2, 7), -1.25);
});

test('digits up to an integer below 2^53 are read exactly; from 2^53 on they are left to the general parser', () => {
  for (const s of [
    '1234567890123456',
    '0.1234567890123456',
    '-9007199254740991',
    '900719925474099.1e-3',
    '0.0000000000001',
  ])
    assert.ok(Object.is(parse(s), Number(s)), s);
  for (const s of ['9007199254740992', '9007199254740993', '0.9007199254740993', '12345678901234567890'])
    assert.ok(Number.isNaN(parse(s)), s);
});

test('exactDecimal scales a mantissa once, as Number reads the same digits, and declines what it cannot', () => {
  let seed = 777;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < 20_000; i++) {
    const mantissa = Math.floor(rand() * 10 ** Math.floor(rand() * 16));
    const scale = Math.floor(rand() * 45) - 22;
    const negative = rand() < 0.5;
    const text = `${negative ? '-' : ''}${mantissa}e${scale}`;
    assert.ok(Object.is(exactDecimal(mantissa, scale, negative), Number(text)), text);
  }
  assert.ok(Object.is(exactDecimal(0, 400, true), -0));
  assert.ok(Number.isNaN(exactDecimal(2 ** 53, 0, false)));
  assert.ok(Number.isNaN(exactDecimal(5, 23, false)));
  assert.ok(Number.isNaN(exactDecimal(5, -23, false)));
});

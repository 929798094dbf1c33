import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FANOUT, FINE, LEAF, MinMaxIndex } from '../../../src/data/minmax-index.js';
import { checksum, indexByteLength, indexFromBytes, indexToBytes } from '../../../src/data/minmax-index-bytes.js';
import { mulberry32 } from '../../../src/data/random.js';

function values(n: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    y[i] = r < 0.01 ? NaN : r < 0.015 ? Infinity : r < 0.2 ? Math.round(10 * rnd()) : rnd() * 100 - 50;
  }
  return y;
}

function sameAnswers(a: MinMaxIndex, b: MinMaxIndex, y: Float64Array, seed: number): void {
  const rnd = mulberry32(seed);
  const x = new Int32Array(6);
  const z = new Int32Array(6);
  for (let q = 0; q < 300; q++) {
    const from = Math.floor(rnd() * y.length);
    const to = from + Math.floor(rnd() * (y.length - from + 1));
    a.query(y, from, to, x);
    b.query(y, from, to, z);
    assert.deepEqual(z, x, `${from}–${to} of ${y.length}`);
  }
}

describe('minmax-index-bytes', () => {
  it('stores an index as bytes that answer as it does, of any length', () => {
    for (const n of [0, 1, FINE - 1, FINE, FINE + 1, LEAF, LEAF + 1, LEAF * FANOUT + 3, 100_000]) {
      const y = values(n, n);
      const index = new MinMaxIndex(y);
      const bytes = indexToBytes(index);
      assert.equal(bytes.byteLength, indexByteLength(n));
      const back = indexFromBytes(bytes, n);
      assert.equal(back.length, n);
      assert.deepEqual(back.parts, index.parts);
      sameAnswers(index, back, y, n + 1);
      // read at an odd offset (a pooled buffer), it is copied
      const odd = new Uint8Array(bytes.byteLength + 1).subarray(1);
      odd.set(bytes);
      assert.deepEqual(indexFromBytes(odd, n).parts, index.parts);
    }
  });

  it('an index read back grows with appended points as a built one does', () => {
    const y = values(50_000, 3);
    const read = indexFromBytes(indexToBytes(new MinMaxIndex(y.subarray(0, 20_001))), 20_001);
    read.extend(y);
    const built = new MinMaxIndex(y);
    assert.deepEqual(read.parts, built.parts);
    sameAnswers(read, built, y, 4);
  });

  it('throws for bytes that cannot be the index of that many points', () => {
    const n = 5000;
    const bytes = indexToBytes(new MinMaxIndex(values(n, 9)));
    assert.throws(() => indexFromBytes(bytes, n + LEAF), /holds \d+ bytes, not/);
    assert.throws(() => indexFromBytes(bytes.subarray(0, bytes.length - 8), n), /holds/);
    assert.throws(() => indexFromBytes(bytes, -1), /an index of -1 points/);
    const leaves = Math.ceil(n / LEAF) * FANOUT;
    const nodes = (bytes.byteLength - ((leaves + 7) & ~7)) / 4;
    const at = (leaves + 7) & ~7;
    // a node naming a point outside the block it covers
    const outside = bytes.slice();
    new Int32Array(outside.buffer, at, nodes)[6 + 1] = 3;
    assert.throws(() => indexFromBytes(outside, n), /names point 3 outside 128–256/);
    // a count of non-finite points more than the node holds
    const count = bytes.slice();
    new Int32Array(count.buffer, at, nodes)[5] = LEAF + 1;
    assert.throws(() => indexFromBytes(count, n), /counts 129 non-finite/);
    // the last leaf's minimum past the last point (5000 = 312 leaves and 8 points)
    const leaf = bytes.slice();
    leaf[Math.floor(n / FINE)] = 0x90;
    assert.throws(() => indexFromBytes(leaf, n), /past the end/);
  });

  it('checksum changes with any bit of the bytes', () => {
    const bytes = indexToBytes(new MinMaxIndex(values(3000, 2)));
    const sum = checksum(bytes);
    assert.equal(checksum(bytes.slice()), sum);
    const rnd = mulberry32(5);
    for (let k = 0; k < 50; k++) {
      const spoiled = bytes.slice();
      const i = Math.floor(rnd() * spoiled.length);
      spoiled[i]! ^= 1 << Math.floor(rnd() * 8);
      assert.notEqual(checksum(spoiled), sum, `byte ${i}`);
    }
    assert.notEqual(checksum(bytes, 1), sum, 'seeded');
    assert.throws(() => checksum(bytes.subarray(0, 3)), /whole 32-bit words/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { CrcRanges } from '../../../../src/formats/common/crc-ranges.js';
import { crcTables } from '../../../../src/data/crc-tables.js';
import { crc32c } from '../../../../src/formats/common/crc32c.js';

const CRC32 = crcTables(0xedb88320);
const CRC32C = crcTables(0x82f63b78);

/** zlib's CRC-32 of `buf[start, end)` through `ranges` (begun on `buf`). */
const crc32 = (ranges: CrcRanges, start: number, end: number) => ~ranges.update(0xffffffff, start, end) >>> 0;

function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

test('CrcRanges: every length 0-70 at every alignment, then ranges across a 200 KB buffer in and out of order', () => {
  const buf = noise(200_000, 1);
  const r = new CrcRanges(CRC32);
  r.begin(buf);
  for (let start = 0; start < 8; start++)
    for (let n = 0; n <= 70; n++)
      assert.equal(crc32(r, start, start + n), zlibCrc32(buf.subarray(start, start + n)), `${start}+${n}`);
  const spans: [number, number][] = [];
  for (let p = 0; p + 40_000 < buf.length; p += 9_973) spans.push([p, p + ((p * 7) % 32_761)]);
  spans.push([100, 300], [199_000, 200_000], [0, 32_761], [65_530, 65_600]);
  for (const [start, end] of spans)
    assert.equal(crc32(r, start, end), zlibCrc32(buf.subarray(start, end)), `[${start}, ${end})`);
  // Longer than a window: read in JS, same result.
  assert.equal(crc32(r, 10, 150_010), zlibCrc32(buf.subarray(10, 150_010)));
});

test('CrcRanges: a buffer begun again with new bytes, and two readers taking turns, each read their own bytes', () => {
  const buf = noise(50_000, 2);
  const a = new CrcRanges(CRC32);
  const b = new CrcRanges(CRC32);
  const other = noise(50_000, 3);
  a.begin(buf);
  b.begin(other);
  for (let p = 0; p < 40_000; p += 5_000) {
    assert.equal(crc32(a, p, p + 900), zlibCrc32(buf.subarray(p, p + 900)));
    assert.equal(crc32(b, p, p + 900), zlibCrc32(other.subarray(p, p + 900)));
  }
  buf.set(noise(1000, 4), 100); // the same buffer object, its bytes rewritten (a reused read buffer)
  a.begin(buf);
  assert.equal(crc32(a, 0, 2000), zlibCrc32(buf.subarray(0, 2000)));
});

test('CrcRanges: the tables decide the polynomial (CRC-32C), and a register carries on across calls', () => {
  const buf = noise(10_000, 5);
  const r = new CrcRanges(CRC32C);
  r.begin(buf);
  assert.equal(~r.update(0xffffffff, 0, 10_000) >>> 0, crc32c(buf));
  const head = r.update(0xffffffff, 0, 3_333);
  assert.equal(~r.update(head, 3_333, 10_000) >>> 0, crc32c(buf));
  r.begin(new TextEncoder().encode('123456789'));
  assert.equal(~r.update(0xffffffff, 0, 9) >>> 0, 0xe3069283); // the CRC-32C check value
});

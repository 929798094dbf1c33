import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ProtobufError,
  decodeUtf8,
  encodeVarint,
  fieldsByNumber,
  readFields,
  readVarint,
  timestampMs,
} from '../../../../src/formats/common/protobuf.js';
import { crc32 } from '../../../../src/data/crc32.js';
import { crc32c } from '../../../../src/formats/common/crc32c.js';
import { crc32 as zlibCrc32 } from 'node:zlib';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

test('varint: the spec example 150 = 96 01', () => {
  const v = readVarint(bytes(0x96, 0x01), 0);
  assert.equal(v.lo, 150);
  assert.equal(v.next, 2);
  assert.deepEqual([...encodeVarint(150)], [0x96, 0x01]);
});

test('varint round trips across the 32-bit boundary and up to 2^53', () => {
  for (const n of [0, 1, 127, 128, 2 ** 28 - 1, 2 ** 28, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 35 + 7, 2 ** 53 - 1]) {
    const [f] = [...readFields(Uint8Array.from([0x08, ...encodeVarint(n)]))];
    assert.equal(f!.asUint(), n, `value ${n}`);
    assert.equal(f!.asBigUint(), BigInt(n));
  }
});

test('negative int64 and int32 are ten-byte varints', () => {
  const minusOne = encodeVarint(-1n);
  assert.equal(minusOne.length, 10);
  const [f] = [...readFields(Uint8Array.from([0x08, ...minusOne]))];
  assert.equal(f!.asInt(), -1);
  assert.equal(f!.asInt32(), -1);
  assert.equal(f!.asBigInt(), -1n);
  const [g] = [...readFields(Uint8Array.from([0x08, ...encodeVarint(-(2n ** 40n) - 5n)]))];
  assert.equal(g!.asInt(), -(2 ** 40) - 5);
});

test('zigzag: 0→0, 1→-1, 2→1, 3→-2, 4294967294→2147483647, 4294967295→-2147483648', () => {
  const cases: [number, number][] = [
    [0, 0],
    [1, -1],
    [2, 1],
    [3, -2],
    [4294967294, 2147483647],
    [4294967295, -2147483648],
    [2 ** 40, 2 ** 39],
  ];
  for (const [raw, want] of cases) {
    const [f] = [...readFields(Uint8Array.from([0x08, ...encodeVarint(raw)]))];
    assert.equal(f!.asSint(), want, `zigzag ${raw}`);
  }
});

test('fixed32, float, fixed64 and double are little-endian', () => {
  const msg = new Uint8Array(1 + 4 + 1 + 8 + 1 + 4);
  const dv = new DataView(msg.buffer);
  msg[0] = (1 << 3) | 5;
  dv.setFloat32(1, 1.5, true);
  msg[5] = (2 << 3) | 1;
  dv.setFloat64(6, -2.25, true);
  msg[14] = (3 << 3) | 5;
  dv.setUint32(15, 0xdeadbeef, true);
  const [a, b, c] = [...readFields(msg)];
  assert.equal(a!.asFloat(), 1.5);
  assert.equal(b!.asDouble(), -2.25);
  assert.equal(c!.asFixed32(), 0xdeadbeef);
  assert.equal(c!.asSfixed32(), 0xdeadbeef | 0);
});

test('length-delimited strings, nested messages and repeated fields', () => {
  const inner = Uint8Array.from([0x0a, 3, ...utf8('abc'), 0x10, 7]);
  const msg = Uint8Array.from([0x0a, 2, ...utf8('hi'), 0x12, inner.length, ...inner, 0x0a, 0]);
  const m = fieldsByNumber(msg);
  assert.deepEqual(
    m.get(1)!.map((f) => f.asString()),
    ['hi', ''],
  );
  const sub = [...m.get(2)![0]!.asMessage()];
  assert.equal(sub[0]!.asString(), 'abc');
  assert.equal(sub[1]!.asUint(), 7);
});

test('packed repeated values', () => {
  const packed = Uint8Array.from([0x0a, 4, 1, 0x96, 0x01, 3]);
  const [f] = [...readFields(packed)];
  assert.deepEqual(f!.asPackedUints(), [1, 150, 3]);
  const floats = new Uint8Array(2 + 8);
  floats[0] = 0x0a;
  floats[1] = 8;
  new DataView(floats.buffer).setFloat32(2, 0.5, true);
  new DataView(floats.buffer).setFloat32(6, 4, true);
  assert.deepEqual([...[...readFields(floats)][0]!.asPackedFloats()], [0.5, 4]);
});

test('groups are skipped, unknown fields still yielded', () => {
  // field 1 start group { field 2 varint 5 } field 1 end group, field 3 varint 9
  const msg = bytes(0x0b, 0x10, 0x05, 0x0c, 0x18, 0x09);
  const fs = [...readFields(msg)];
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.no, 3);
  assert.equal(fs[0]!.asUint(), 9);
});

test('malformed input throws ProtobufError after yielding the good fields', () => {
  const cases = [
    bytes(0x08, 0x01, 0x08, 0x80), // truncated varint
    bytes(0x08, 0x01, 0x12, 0x05, 0x61), // length past the end
    bytes(0x08, 0x01, 0x0e, 0x00), // wire type 6
    bytes(0x08, 0x01, 0x00), // field number 0
    bytes(0x08, 0x01, 0x09, 1, 2, 3), // truncated fixed64
  ];
  for (const c of cases) {
    const got: number[] = [];
    assert.throws(() => {
      for (const f of readFields(c)) got.push(f.asUint());
    }, ProtobufError);
    assert.deepEqual(got, [1]);
  }
});

test('timestamp message to epoch ms', () => {
  const ts = Uint8Array.from([0x08, ...encodeVarint(1651263527), 0x10, ...encodeVarint(500_000_000)]);
  assert.equal(timestampMs(ts), 1651263527500);
});

test('crc32 matches zlib for the standard check string and streams in pieces', () => {
  assert.equal(crc32(utf8('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
  const all = utf8('The quick brown fox jumps over the lazy dog');
  assert.equal(crc32(all), 0x414fa339);
  assert.equal(crc32(all.subarray(10), crc32(all.subarray(0, 10))), 0x414fa339);
  assert.equal(crc32(all, 0, 4, 9), crc32(all.subarray(4, 9)));
});

test('crc32 and crc32c agree with byte-at-a-time references at every length and alignment', () => {
  const bytes = new Uint8Array(300).map((_, i) => (i * 2654435761) >>> 24);
  const bytewise = (poly: number, b: Uint8Array) => {
    let c = 0xffffffff;
    for (const x of b) {
      c ^= x;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  for (let start = 0; start < 17; start++) {
    for (let end = start; end <= start + 70; end++) {
      const part = bytes.subarray(start, end);
      assert.equal(crc32(bytes, 0, start, end), zlibCrc32(part), `crc32 [${start}, ${end})`);
      assert.equal(crc32c(bytes, start, end), bytewise(0x82f63b78, part), `crc32c [${start}, ${end})`);
    }
  }
  assert.equal(crc32(bytes), zlibCrc32(bytes));
  assert.equal(crc32c(bytes), bytewise(0x82f63b78, bytes));
});

test('decodeUtf8 reads every length as TextDecoder does: ASCII, multi-byte and invalid bytes, at any place', () => {
  const td = new TextDecoder('utf-8');
  for (let n = 0; n <= 40; n++) {
    const ascii = Uint8Array.from({ length: n }, (_, i) => 0x20 + ((i * 7) % 95));
    const cases = [ascii];
    for (const at of [0, n >> 1, n - 1]) {
      if (n === 0) break;
      const bad = ascii.slice();
      bad[at] = 0xff; // invalid UTF-8
      const wide = ascii.slice();
      wide[at] = 0xc3; // the lead byte of a two-byte sequence cut short, then a complete one
      if (at + 2 < n) wide.set([0xc3, 0xa9], at + 1);
      cases.push(bad, wide);
    }
    for (const b of cases) {
      const framed = Uint8Array.from([1, 2, 3, ...b, 4]);
      assert.equal(decodeUtf8(framed, 3, 3 + n), td.decode(b), `length ${n}: ${[...b].join(',')}`);
    }
  }
  assert.equal(decodeUtf8(utf8('1.2345678e-05'), 0, 13), '1.2345678e-05');
});

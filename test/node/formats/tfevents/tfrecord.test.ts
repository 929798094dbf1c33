import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c, maskCrc32c, unmaskCrc32c, maskedCrc32c } from '../../../../src/formats/common/crc32c.js';
import { TfRecordReader, readTfRecords, frameTfRecord } from '../../../../src/formats/tfevents/tfrecord.js';

const ascii = (s: string) => new TextEncoder().encode(s);

test('crc32c matches the published check values', () => {
  // RFC 3720 B.4 and the common "123456789" check value for CRC-32C.
  assert.equal(crc32c(ascii('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
  assert.equal(crc32c(new Uint8Array(0)), 0);
  assert.equal(crc32c(ascii('xx123456789yy'), 2, 11), 0xe3069283);
});

test('masking follows TensorFlow: rotate right 15, add 0xa282ead8; unmask inverts it', () => {
  const crc = 0xe3069283;
  const expected = ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) % 2 ** 32;
  assert.equal(maskCrc32c(crc), expected);
  for (const x of [0, 1, 0xffffffff, 0x12345678, crc]) assert.equal(unmaskCrc32c(maskCrc32c(x)), x);
  assert.equal(maskedCrc32c(ascii('123456789')), expected);
});

/** Builds a file of records with distinct, recognisable payloads of varied sizes. */
function makeFile(n: number): { bytes: Uint8Array; payloads: Uint8Array[]; ends: number[] } {
  const payloads: Uint8Array[] = [];
  for (let i = 0; i < n; i++)
    payloads.push(Uint8Array.from({ length: 1 + ((i * 37) % 90) }, (_, j) => (i * 7 + j) & 0xff));
  const framed = payloads.map(frameTfRecord);
  const bytes = new Uint8Array(framed.reduce((s, f) => s + f.length, 0));
  const ends: number[] = [];
  let at = 0;
  for (const f of framed) {
    bytes.set(f, at);
    at += f.length;
    ends.push(at);
  }
  return { bytes, payloads, ends };
}

/** A small deterministic PRNG so failures can be reproduced. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('frames written by frameTfRecord read back with offsets and no warnings', () => {
  const { bytes, payloads, ends } = makeFile(20);
  const { records, warnings } = readTfRecords(bytes);
  assert.deepEqual(warnings, []);
  assert.equal(records.length, 20);
  records.forEach((r, i) => {
    assert.deepEqual(r.data, payloads[i]);
    assert.equal(r.offset, i === 0 ? 0 : ends[i - 1]);
  });
  // header layout: uint64 LE length then masked crc of those 8 bytes
  const f = frameTfRecord(ascii('abc'));
  assert.deepEqual([...f.subarray(0, 8)], [3, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(new DataView(f.buffer).getUint32(8, true), maskedCrc32c(f, 0, 8));
  assert.equal(new DataView(f.buffer).getUint32(15, true), maskedCrc32c(ascii('abc')));
});

test('incremental reader gives the same records whatever the chunking, and waits for partial records', () => {
  const { bytes, payloads } = makeFile(50);
  const next = rng(7);
  for (let trial = 0; trial < 20; trial++) {
    const reader = new TfRecordReader();
    const got: Uint8Array[] = [];
    let at = 0;
    while (at < bytes.length) {
      const size = 1 + Math.floor(next() * 120);
      for (const r of reader.push(bytes.subarray(at, at + size))) got.push(r.data);
      at += size;
      assert.deepEqual(reader.warnings, [], 'a partial record is not a warning while the file may grow');
    }
    for (const r of reader.end()) got.push(r.data);
    assert.deepEqual(got, payloads);
    assert.deepEqual(reader.warnings, []);
    assert.equal(reader.offset, bytes.length);
  }
});

test('a file truncated at any offset keeps every whole record and warns once about the cut', () => {
  const { bytes, payloads, ends } = makeFile(30);
  const next = rng(11);
  const cuts = [1, 5, 11, 12, 13, ends[0]!, ends[0]! + 1, ends[3]! - 1, bytes.length - 1];
  for (let i = 0; i < 60; i++) cuts.push(Math.floor(next() * bytes.length));
  for (const cut of cuts) {
    const { records, warnings } = readTfRecords(bytes.slice(0, cut));
    const whole = ends.filter((e) => e <= cut).length;
    assert.equal(records.length, whole, `cut at ${cut}`);
    assert.deepEqual(
      records.map((r) => r.data),
      payloads.slice(0, whole),
    );
    const atBoundary = cut === 0 || ends.includes(cut);
    assert.equal(warnings.length, atBoundary ? 0 : 1, `cut at ${cut}: ${warnings.join('; ')}`);
    if (!atBoundary) assert.match(warnings[0]!, /Truncated record at byte \d+/);
  }
});

test('a flipped byte loses only the record it hits, and the reader resynchronises', () => {
  const { bytes, payloads, ends } = makeFile(30);
  const next = rng(3);
  for (let trial = 0; trial < 80; trial++) {
    const damaged = bytes.slice();
    const at = Math.floor(next() * damaged.length);
    damaged[at] = damaged[at]! ^ (1 + Math.floor(next() * 255));
    const hit = ends.findIndex((e) => at < e);
    const { records, warnings } = readTfRecords(damaged);
    const expected = payloads.filter((_, i) => i !== hit);
    assert.deepEqual(
      records.map((r) => r.data),
      expected,
      `byte ${at} in record ${hit}`,
    );
    assert.equal(warnings.length, 1, warnings.join('; '));
    assert.match(warnings[0]!, /Corrupt event data at byte \d+ \((length|data) checksum mismatch\); skipped \d+ bytes/);
  }
});

test('garbage between records and at the start is skipped with a warning', () => {
  const { bytes, payloads, ends } = makeFile(5);
  const junk = ascii('not a tfrecord at all');
  const mixed = new Uint8Array(junk.length * 2 + bytes.length);
  mixed.set(junk, 0);
  mixed.set(bytes.subarray(0, ends[1]), junk.length);
  mixed.set(junk, junk.length + ends[1]!);
  mixed.set(bytes.subarray(ends[1]), junk.length * 2 + ends[1]!);
  const { records, warnings } = readTfRecords(mixed);
  assert.deepEqual(
    records.map((r) => r.data),
    payloads,
  );
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, new RegExp(`skipped ${junk.length} bytes \\(0–${junk.length}\\)`));
});

test('zero bytes, pure garbage and absurd lengths never throw', () => {
  assert.deepEqual(readTfRecords(new Uint8Array(0)), { records: [], warnings: [] });
  const garbage = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
  const g = readTfRecords(garbage);
  assert.equal(g.records.length, 0);
  assert.equal(g.warnings.length, 1);
  // a header whose checksum is right but whose length is far beyond the limit
  const header = new Uint8Array(12);
  new DataView(header.buffer).setUint32(4, 7, true);
  new DataView(header.buffer).setUint32(8, maskedCrc32c(header, 0, 8), true);
  const { bytes, payloads } = makeFile(2);
  const withBad = new Uint8Array(12 + bytes.length);
  withBad.set(header);
  withBad.set(bytes, 12);
  const r = readTfRecords(withBad);
  assert.deepEqual(
    r.records.map((x) => x.data),
    payloads,
  );
  assert.match(r.warnings[0]!, /implausible record length/);
});

test('after end() the reader ignores further bytes', () => {
  const { bytes } = makeFile(2);
  const reader = new TfRecordReader();
  reader.end();
  assert.deepEqual(reader.push(bytes), []);
});

test('previewEnd reports a cut-off tail without ending the reader', () => {
  const { bytes, payloads, ends } = makeFile(3);
  const reader = new TfRecordReader();
  assert.deepEqual(
    reader.push(bytes.subarray(0, ends[1]! + 5)).map((r) => r.data),
    payloads.slice(0, 2),
  );
  assert.equal(reader.previewEnd().length, 1);
  assert.match(reader.previewEnd()[0]!, new RegExp(`Truncated record at byte ${ends[1]}`));
  assert.deepEqual(reader.warnings, []);
  assert.deepEqual(
    reader.push(bytes.subarray(ends[1]! + 5)).map((r) => r.data),
    payloads.slice(2),
  );
  assert.deepEqual(reader.previewEnd(), []);
});

test('pushRanges / endRanges hand over the records push / end return, with the same warnings', () => {
  const { bytes } = makeFile(200);
  const damaged = bytes.slice(0, bytes.length - 5);
  damaged[300] ^= 0x40;
  for (const file of [bytes, damaged]) {
    for (const piece of [file.length, 333, 5]) {
      const byPush = new TfRecordReader();
      const byRanges = new TfRecordReader();
      const want: { offset: number; data: number[] }[] = [];
      const got: { offset: number; data: number[] }[] = [];
      const take = (buf: Uint8Array, start: number, end: number, offset: number) =>
        got.push({ offset, data: [...buf.subarray(start, end)] });
      for (let i = 0; i < file.length; i += piece) {
        for (const r of byPush.push(file.subarray(i, i + piece))) want.push({ offset: r.offset, data: [...r.data] });
        byRanges.pushRanges(file.subarray(i, i + piece), take);
      }
      for (const r of byPush.end()) want.push({ offset: r.offset, data: [...r.data] });
      byRanges.endRanges(take);
      assert.deepEqual(got, want);
      assert.deepEqual(byRanges.warnings, byPush.warnings);
      if (file === damaged) assert.ok(byPush.warnings.length >= 2, 'the flipped byte and the cut are reported');
    }
  }
});

test('a damaged file gives the same records and warnings whatever the chunking', () => {
  const { bytes } = makeFile(60);
  const next = rng(19);
  for (let trial = 0; trial < 30; trial++) {
    const damaged = bytes.slice();
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(next() * damaged.length);
      damaged[at] = damaged[at]! ^ (1 + Math.floor(next() * 255));
    }
    const cut = damaged.subarray(0, damaged.length - Math.floor(next() * 40));
    const whole = new TfRecordReader();
    const expected = [...whole.push(cut), ...whole.end()].map((r) => [r.offset, [...r.data]]);
    const reader = new TfRecordReader();
    const got: unknown[] = [];
    for (let at = 0; at < cut.length;) {
      const size = 1 + Math.floor(next() * (trial % 2 ? 40 : 400));
      for (const r of reader.push(cut.subarray(at, at + size))) got.push([r.offset, [...r.data]]);
      at += size;
    }
    for (const r of reader.end()) got.push([r.offset, [...r.data]]);
    assert.deepEqual(got, expected, `trial ${trial}`);
    assert.deepEqual(reader.warnings, whole.warnings, `trial ${trial}`);
  }
});

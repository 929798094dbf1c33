import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDatastoreReader, readDatastore } from '../../../../src/formats/wandb/datastore.js';
import { decodeRecord, type WandbRecord } from '../../../../src/formats/wandb/records.js';
import { BLOCK, frame, outputRecord, sizedOutput } from './helpers.js';

/** Reads bytes fed in pieces of `piece` bytes; returns the output lines and all warnings. */
function readAll(
  bytes: Uint8Array,
  piece = bytes.length || 1,
): { lines: string[]; warnings: string[]; records: WandbRecord[] } {
  const r = createDatastoreReader();
  const records: WandbRecord[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < bytes.length; i += piece) {
    const b = r.push(bytes.subarray(i, i + piece));
    records.push(...b.records);
    warnings.push(...b.warnings);
  }
  const end = r.finish();
  warnings.push(...end.warnings);
  const lines = records.flatMap((x) => (x.type === 'output' ? [x.line] : []));
  return { lines, warnings, records };
}

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

test('FULL records in one block, read whole and byte by byte', () => {
  const want = lines(20);
  const file = frame(want.map((l) => outputRecord(l)));
  assert.deepEqual(readAll(file).lines, want);
  assert.deepEqual(readAll(file).warnings, []);
  assert.deepEqual(readAll(file, 1).lines, want);
  assert.deepEqual(readAll(file, 1).warnings, []);
});

test('records spanning blocks (FIRST/MIDDLE/LAST) reassemble, in any push size', () => {
  const big = 'y'.repeat(80_000); // crosses two block boundaries: FIRST, MIDDLE, LAST
  const want = ['before', big, 'after'];
  const file = frame(want.map((l) => outputRecord(l)));
  assert.ok(file.length > 2 * BLOCK);
  for (const piece of [1, 7, 1000, 32768, 65536, file.length]) {
    const got = readAll(file, piece);
    assert.deepEqual(got.lines, want, `piece ${piece}`);
    assert.deepEqual(got.warnings, [], `piece ${piece}`);
  }
});

test('a block tail shorter than a chunk header is zero padding', () => {
  // First record fills block 0 up to 3 bytes before its end.
  const first = sizedOutput(BLOCK - 7 - 7 - 3, 'fill');
  const file = frame([first, outputRecord('next block')]);
  assert.deepEqual([...file.subarray(BLOCK - 3, BLOCK)], [0, 0, 0]);
  const got = readAll(file);
  assert.equal(got.lines.length, 2);
  assert.equal(got.lines[1], 'next block');
  assert.deepEqual(got.warnings, []);
});

test('exactly seven bytes left in a block: a zero-length FIRST chunk', () => {
  const first = sizedOutput(BLOCK - 7 - 7 - 7, 'fill');
  const file = frame([first, outputRecord('split across')]);
  // the zero-length FIRST header sits at BLOCK-7: type byte 2, length 0
  assert.equal(file[BLOCK - 1], 2);
  assert.equal(file[BLOCK - 3], 0);
  assert.equal(file[BLOCK - 2], 0);
  const got = readAll(file, 5);
  assert.deepEqual(got.lines.slice(1), ['split across']);
  assert.deepEqual(got.warnings, []);
});

test('empty file, short header, wrong magic', () => {
  const empty = readAll(new Uint8Array(0));
  assert.equal(empty.records.length, 0);
  assert.match(empty.warnings.join(), /empty/);

  const short = readAll(Uint8Array.of(0x3a, 0x57, 0x26));
  assert.equal(short.records.length, 0);
  assert.match(short.warnings.join(), /shorter than its 7-byte header/);

  const wrongMagic = frame([outputRecord('still here')], [0x50, 0x4b, 0x03, 0x04, 0, 0, 0]);
  const got = readAll(wrongMagic);
  assert.deepEqual(got.lines, ['still here']);
  assert.match(got.warnings.join(), /not a W&B datastore header/);

  const version = frame([outputRecord('v9')], [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x09]);
  const v = readAll(version);
  assert.deepEqual(v.lines, ['v9']);
  assert.match(v.warnings.join(), /unknown datastore version 9/);
});

test('a flipped byte loses only its block: records of later blocks are kept', () => {
  const want = lines(8000, 'row'); // ~5 blocks
  const file = frame(want.map((l) => outputRecord(l)));
  const damaged = file.slice();
  damaged[BLOCK + 100] ^= 0xff; // somewhere in block 1
  const got = readAll(damaged);
  assert.ok(
    got.warnings.some((w) => /checksum mismatch at offset \d+; skipped to offset 65536/.test(w)),
    got.warnings.join('\n'),
  );
  // Every line outside block 1 survives, in order.
  const lost = want.filter((l) => !got.lines.includes(l));
  assert.ok(lost.length > 0 && lost.length < 1700, `lost ${lost.length}`);
  assert.deepEqual(
    got.lines,
    want.filter((l) => !lost.includes(l)),
  );
  assert.equal(got.lines[0], 'row 0');
  assert.equal(got.lines[got.lines.length - 1], 'row 7999');
});

test('a damaged chunk header (impossible length, unknown type) skips to the next block', () => {
  const file = frame(lines(3000, 'r').map((l) => outputRecord(l)));
  for (const [offset, value] of [
    [7 + 4, 0xff], // length low byte of the first chunk
    [7 + 5, 0xff], // length high byte → runs past its block
    [7 + 6, 9], // type 9
  ] as const) {
    const d = file.slice();
    d[offset] = value;
    const got = readAll(d);
    assert.ok(got.warnings.length > 0);
    assert.equal(got.lines.includes('r 0'), false);
    assert.equal(got.lines[got.lines.length - 1], 'r 2999');
  }
});

test('a record whose FIRST chunk was lost: its MIDDLE/LAST are skipped with one warning', () => {
  const big = 'z'.repeat(70_000);
  const file = frame([outputRecord('a'), outputRecord(big), outputRecord('b')]);
  const d = file.slice();
  d[40] ^= 1; // inside the FIRST chunk of the big record, in block 0
  const got = readAll(d);
  assert.deepEqual(got.lines, ['a', 'b']);
  assert.equal(got.warnings.filter((w) => /start was lost/.test(w)).length, 1, got.warnings.join('\n'));
});

test('cut at every block boundary and at random offsets: intact records kept, a warning, no throw', () => {
  const want = lines(4000, 'cut'); // ~8 blocks
  const payloads = want.map((l) => outputRecord(l));
  const file = frame(payloads);
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const cuts = [];
  for (let b = BLOCK; b < file.length; b += BLOCK) cuts.push(b, b - 1, b + 1);
  for (let i = 0; i < 40; i++) cuts.push(Math.floor(rand() * file.length));
  for (const cut of cuts) {
    const got = readAll(file.subarray(0, cut), 4096);
    // What survives is exactly a prefix of the records.
    assert.deepEqual(got.lines, want.slice(0, got.lines.length), `cut ${cut}`);
    // Every record that ends before the cut (plus framing) is there: the number of complete
    // records is the number whose chunk ends at or before `cut`.
    let end = 7;
    let complete = 0;
    for (const p of payloads) {
      let next = end;
      let left = p.length;
      do {
        let blockLeft = BLOCK - (next % BLOCK);
        if (blockLeft < 7) {
          next += blockLeft;
          blockLeft = BLOCK;
        }
        const n = Math.min(blockLeft - 7, left);
        next += 7 + n;
        left -= n;
      } while (left > 0);
      if (next > cut) break;
      end = next;
      complete++;
    }
    assert.equal(got.lines.length, complete, `cut ${cut}`);
    const mid = end < cut;
    assert.equal(
      got.warnings.some((w) => /ends inside a record/.test(w)),
      mid,
      `cut ${cut}: ${got.warnings}`,
    );
  }
});

test('zero fill after the last record (preallocated space) is not a warning', () => {
  const file = frame([outputRecord('only')]);
  const padded = new Uint8Array(file.length + 500);
  padded.set(file);
  const got = readAll(padded);
  assert.deepEqual(got.lines, ['only']);
  assert.deepEqual(got.warnings, []);
});

test('a payload that is not a protobuf Record is skipped with a warning', () => {
  const bad = Uint8Array.of(0x0a, 0x7f, 0x01); // length 127 with one byte
  const got = readAll(frame([outputRecord('a'), bad, outputRecord('b')]));
  assert.deepEqual(got.lines, ['a', 'b']);
  assert.match(got.warnings.join(), /not a valid protobuf Record/);
});

test('live reading: the offset tracks bytes fed, records arrive as the file grows', () => {
  const file = frame(lines(500).map((l) => outputRecord(l)));
  const r = createDatastoreReader();
  let seen = 0;
  for (let size = 1000; size <= file.length + 1000; size += 1000) {
    const upTo = Math.min(size, file.length);
    const b = r.push(file.subarray(r.offset, upTo));
    seen += b.records.length;
    assert.deepEqual(b.warnings, []);
    assert.equal(r.offset, upTo);
  }
  assert.equal(seen, 500);
  assert.equal(r.recordCount, 500);
  assert.deepEqual(r.finish().warnings, []);
});

test('readDatastore streams from async chunks and reports a failing stream as a warning', async () => {
  const file = frame(lines(50).map((l) => outputRecord(l)));
  async function* chunks(failAt?: number) {
    for (let i = 0; i < file.length; i += 100) {
      if (failAt !== undefined && i >= failAt) throw new Error('disk went away');
      yield file.subarray(i, i + 100);
    }
  }
  const warnings: string[] = [];
  let n = 0;
  for await (const _ of readDatastore(chunks(), (w) => warnings.push(w))) n++;
  assert.equal(n, 50);
  assert.deepEqual(warnings, []);

  const w2: string[] = [];
  let m = 0;
  for await (const _ of readDatastore(chunks(500), (w) => w2.push(w))) m++;
  assert.ok(m > 0 && m < 50);
  assert.match(w2.join('\n'), /disk went away/);
});

test('zeros written over chunk data are reported, not taken for padding', () => {
  const file = frame(lines(300, 'z').map((l) => outputRecord(l)));
  const at = frame(lines(10, 'z').map((l) => outputRecord(l))).length; // the 11th chunk
  const d = file.slice();
  d.fill(0, at, at + 14); // its header and the start of its payload, inside block 0
  const got = readAll(d);
  assert.match(got.warnings.join(), new RegExp(`zeroed bytes over chunk data at offset ${at}`));
  assert.equal(got.lines.length, 10);
  assert.deepEqual(got.lines, lines(300, 'z').slice(0, got.lines.length));
});

test('reading from a later block: records begun before it are skipped quietly, later ones all read', () => {
  const want = [...lines(2000, 'a'), 'q'.repeat(50_000), ...lines(2000, 'b')];
  const file = frame(want.map((l) => outputRecord(l)));
  for (const start of [BLOCK, 2 * BLOCK, 3 * BLOCK]) {
    const r = createDatastoreReader({ start });
    const batch = r.push(file.subarray(start));
    const end = r.finish();
    assert.deepEqual([...batch.warnings, ...end.warnings], [], `start ${start}`);
    const got = batch.records.flatMap((x) => (x.type === 'output' ? [x.line] : []));
    assert.ok(got.length > 0);
    assert.deepEqual(got, want.slice(want.length - got.length), `start ${start}: a suffix of the records`);
    assert.equal(r.offset, file.length);
  }
  // The first record read from block 1 is the first one whose first chunk lies in block 1.
  const fromOne = createDatastoreReader({ start: BLOCK }).push(file.subarray(BLOCK)).records;
  const before = createDatastoreReader().push(file.subarray(0, BLOCK)).records.length;
  const total = createDatastoreReader().push(file).records.length;
  assert.ok(fromOne.length === total - before || fromOne.length === total - before - 1);
});

test('pushRanges hands over the payloads push decodes, in order, with the same warnings', () => {
  const big = 'z'.repeat(70_000);
  const good = frame(['a', big, 'b', 'c'].map((l) => outputRecord(l)));
  const damaged = good.slice();
  damaged[40] ^= 0xff; // the first block's chunk checksum no longer matches
  for (const file of [good, damaged]) {
    for (const piece of [file.length, 1000, 7]) {
      const byPush = createDatastoreReader();
      const byRanges = createDatastoreReader();
      const payloads: Uint8Array[] = [];
      const pushWarnings: string[] = [];
      const rangeWarnings: string[] = [];
      const records: WandbRecord[] = [];
      for (let i = 0; i < file.length; i += piece) {
        const b = byPush.push(file.subarray(i, i + piece));
        records.push(...b.records);
        pushWarnings.push(...b.warnings);
        rangeWarnings.push(
          ...byRanges.pushRanges(file.subarray(i, i + piece), (buf, start, end) =>
            payloads.push(buf.slice(start, end)),
          ),
        );
      }
      assert.deepEqual(rangeWarnings, pushWarnings);
      assert.deepEqual(
        payloads.map((p) => decodeRecord(p)),
        records,
      );
      assert.equal(byRanges.recordCount, byPush.recordCount);
    }
  }
  assert.ok(readAll(damaged).warnings.length > 0, 'the damage is seen');
});

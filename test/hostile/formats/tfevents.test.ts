/**
 * Hostile TensorBoard event files: headers that lie about their length, headers packed over data
 * that does not verify, truncation, garbage, NaN values, a folder of them served. Each case
 * checks what a user would see (the points kept, a warning naming the bytes skipped) and that
 * nothing intact was lost, and that reading stays fast.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { readTfRecords, TfRecordReader } from '../../../src/formats/tfevents/tfrecord.js';
import { readTfeventsRun } from '../../../src/formats/tfevents/folder.js';
import { createNodeFolder } from '../../../src/server/node-folder.js';
import { eventBytes, eventFile, scalarValue } from '../../node/formats/tfevents/encode.js';
import {
  concat,
  lyingHeader,
  scalarFile,
  scalarRecords,
  tempDir,
  verifyingHeadersOverBadData,
  writeTree,
} from './writers.js';

const MiB = 1024 * 1024;
const NOW = 1_800_000_000_000;
/**
 * The slow cases took the old reader minutes (quadratic work); now about a second. The bound is
 * far above that so a loaded machine does not fail them, and far below the old times.
 */
const FAST_MS = 30_000;

function steps(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const r of readTfRecords(bytes).records) {
    // Step is field 2 (varint) of the Event: good enough to tell the scalar records apart.
    const i = r.data.indexOf(0x10);
    if (i > 0 && r.data[0] === 0x09) out.push(r.data[i + 1]!);
  }
  return out;
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('a header claiming far more bytes than follow (under the size cap)', () => {
  const head = scalarFile('loss', [1, 2, 3]);
  const tail = scalarRecords('loss', [4, 5, 6, 7]);

  for (const claim of [300 * MiB, 900 * MiB, 2 * MiB]) {
    it(`${claim / MiB} MiB claimed in the middle: the records after it are kept`, () => {
      const file = concat(head, lyingHeader(claim), tail);
      const { records, warnings } = readTfRecords(file);
      assert.equal(records.length, 1 + 3 + 4);
      assert.deepEqual(steps(file), [1, 2, 3, 4, 5, 6, 7]);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0]!, new RegExp(`at byte ${head.length} .*claims ${claim} bytes.*skipped 12 bytes`));
    });
  }

  it('claimed at the very start: everything after it is kept', () => {
    const file = concat(lyingHeader(400 * MiB), scalarFile('loss', [1, 2]));
    assert.deepEqual(steps(file), [1, 2]);
  });

  it('two lying headers in a row: both skipped, both reported', () => {
    const file = concat(head, lyingHeader(300 * MiB), lyingHeader(200 * MiB), tail);
    const { records, warnings } = readTfRecords(file);
    assert.equal(records.length, 8);
    assert.match(warnings.join('\n'), /skipped 24 bytes/);
  });

  it('read as it grows (a live run): the records after it arrive before the file ends', () => {
    const reader = new TfRecordReader();
    const got = [...reader.push(head), ...reader.push(lyingHeader(300 * MiB))];
    assert.equal(got.length, 4);
    got.push(...reader.push(tail));
    assert.equal(got.length, 8, 'the records after the false header are read without waiting for 300 MiB');
    assert.ok(reader.bufferedBytes < 1024, `${reader.bufferedBytes} bytes held back`);
    assert.match(reader.warnings.join('\n'), /claims 314572800 bytes but an intact record follows/);
  });

  it('a real record cut off at the end is still reported as a cut, not as damage', () => {
    const whole = scalarFile('loss', [1, 2, 3]);
    const { records, warnings } = readTfRecords(whole.subarray(0, whole.length - 5));
    assert.equal(records.length, 3);
    assert.match(warnings[0]!, /^Truncated record at byte/);
  });
});

describe('headers that verify over data that does not', () => {
  it('a file packed with them reads fast, and the intact records after them are kept', () => {
    const bomb = verifyingHeadersOverBadData(60_000, MiB);
    const file = concat(scalarFile('loss', [1, 2]), bomb, scalarRecords('loss', [3, 4]));
    const { value, ms } = timed(() => readTfRecords(file));
    assert.ok(ms < FAST_MS, `took ${ms.toFixed(0)} ms`);
    assert.equal(value.records.length, 5);
    assert.equal(value.warnings.length, 1);
    assert.match(value.warnings[0]!, new RegExp(`skipped ${bomb.length} bytes`));
  });

  it('the same file fed in small pieces (a live run) stays fast', () => {
    const file = concat(scalarFile('loss', [1, 2]), verifyingHeadersOverBadData(20_000, 512 * 1024));
    const reader = new TfRecordReader();
    const { ms } = timed(() => {
      for (let at = 0; at < file.length; at += 4096) reader.push(file.subarray(at, at + 4096));
      reader.end();
    });
    assert.ok(ms < FAST_MS, `took ${ms.toFixed(0)} ms`);
    assert.match(reader.warnings.join('\n'), /skipped \d+ bytes/);
  });

  it('small lying records packed back to back (every length) read fast', () => {
    const parts: Uint8Array[] = [scalarFile('loss', [1])];
    for (let n = 0; n < 4000; n++) parts.push(lyingHeader(n * 16));
    parts.push(scalarRecords('loss', [2]));
    const file = concat(...parts);
    const { value, ms } = timed(() => readTfRecords(file));
    assert.ok(ms < FAST_MS, `took ${ms.toFixed(0)} ms`);
    assert.equal(value.records.length, 3);
  });
});

describe('other damage', () => {
  it('binary garbage between records: skipped with its size, the rest kept', () => {
    const junk = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
    const file = concat(scalarFile('loss', [1, 2]), junk, scalarRecords('loss', [3]));
    const { records, warnings } = readTfRecords(file);
    assert.equal(records.length, 4);
    assert.match(warnings.join('\n'), /skipped 5000 bytes/);
  });

  it('a file of zeros: no records, one warning, no throw', () => {
    const { records, warnings } = readTfRecords(new Uint8Array(100_000));
    assert.equal(records.length, 0);
    assert.equal(warnings.length, 1);
  });

  it('NaN and infinite scalar values are kept as values, not dropped', async () => {
    const dir = tempDir('tf-nan');
    try {
      const events = [NaN, Infinity, -Infinity, 1].map((v, i) =>
        eventBytes(1_700_000_000 + i, i + 1, [scalarValue('loss', v)]),
      );
      writeTree(dir, { 'events.out.tfevents.1.h': eventFile(events) });
      const run = await readTfeventsRun(createNodeFolder(dir), '', { id: 'nan', now: NOW });
      const loss = run.metrics.find((m) => m.key === 'loss')!;
      assert.deepEqual(Array.from(loss.step), [1, 2, 3, 4]);
      assert.ok(Number.isNaN(loss.value[0]));
      assert.equal(loss.value[1], Infinity);
      assert.equal(loss.value[3], 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a run folder of hostile event files', () => {
  let dir: string;
  before(() => {
    dir = tempDir('tf-run');
    writeTree(dir, {
      'events.out.tfevents.1.lying': concat(scalarFile('a', [1, 2]), lyingHeader(500 * MiB), scalarRecords('a', [3])),
      'events.out.tfevents.2.bomb': concat(
        scalarFile('b', [1]),
        verifyingHeadersOverBadData(30_000, MiB),
        scalarRecords('b', [2]),
      ),
      'events.out.tfevents.3.empty': new Uint8Array(0),
      'events.out.tfevents.4.text': 'this is not an event file\n'.repeat(100),
      'train/events.out.tfevents.5.ok': scalarFile('c', [1, 2, 3]),
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every intact point of every file and names each problem', async () => {
    const t = performance.now();
    const run = await readTfeventsRun(createNodeFolder(dir), '', { id: 'tf', now: NOW });
    assert.ok(performance.now() - t < FAST_MS, `took ${(performance.now() - t).toFixed(0)} ms`);
    const stepsOf = (k: string) => Array.from(run.metrics.find((m) => m.key === k)!.step);
    assert.deepEqual(stepsOf('a'), [1, 2, 3]);
    assert.deepEqual(stepsOf('b'), [1, 2]);
    assert.deepEqual(stepsOf('train/c'), [1, 2, 3]);
    const warnings = run.info.warnings!.join('\n');
    assert.match(warnings, /tfevents\.1\.lying: .*claims 524288000 bytes/);
    assert.match(warnings, /tfevents\.2\.bomb: .*skipped \d+ bytes/);
    assert.match(warnings, /tfevents\.3\.empty: empty event file/);
    assert.match(warnings, /tfevents\.4\.text: .*skipped 2600 bytes/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFileBytes } from '../../../../src/elements/file-browser/file-bytes.js';
import { SourceError } from '../../../../src/data/errors.js';

test('well-formed answers pass through', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  assert.deepEqual(checkFileBytes({ path: 'a', bytes, start: 10, size: 100, mime: 'x/y' }, 'a', 10, 3), {
    path: 'a',
    bytes,
    start: 10,
    size: 100,
    mime: 'x/y',
  });
});

test('missing bytes are invalid data', () => {
  assert.throws(
    () => checkFileBytes({ bytes: 'text' }, 'a', 0, 10),
    (e: unknown) => e instanceof SourceError && e.code === 'invalid-data',
  );
  assert.throws(() => checkFileBytes(undefined, 'a', 0, 10), SourceError);
});

test('a missing or impossible size still lets range readers stop', () => {
  const short = checkFileBytes({ bytes: new Uint8Array(4), size: NaN }, 'a', 8, 10);
  assert.equal(short.start, 8);
  assert.equal(short.size, 12, 'less than asked: the file ends here');
  const full = checkFileBytes({ bytes: new Uint8Array(10), size: 3 }, 'a', 0, 10);
  assert.ok(full.size > 10, 'a full chunk with a size smaller than what came: more may follow');
  const empty = checkFileBytes({ bytes: new Uint8Array(0) }, 'a', 50, 10);
  assert.equal(empty.size, 50);
});

test('whole files are read in ranges, and reading stops past the limit', async () => {
  const { readWhole, joinParts } = await import('../../../../src/elements/file-browser/file-bytes.js');
  const data = new Uint8Array(2500).map((_, i) => i % 251);
  const asked: [number, number][] = [];
  const read = async (start: number, end: number) => {
    asked.push([start, end]);
    return { path: 'f', bytes: data.slice(start, end), start, size: data.length, mime: 'x/y' };
  };
  const progress: number[] = [];
  const whole = await readWhole(read, { chunk: 1000, onProgress: (n) => progress.push(n) });
  assert.equal(whole.complete, true);
  assert.deepEqual(joinParts(whole.parts), data);
  assert.equal(whole.mime, 'x/y');
  assert.deepEqual(asked, [
    [0, 1000],
    [1000, 2000],
    [2000, 3000],
  ]);
  assert.deepEqual(progress, [1000, 2000, 2500]);
  asked.length = 0;
  const limited = await readWhole(read, { chunk: 1000, limit: 2000 });
  assert.equal(limited.complete, false);
  assert.equal(limited.size, 2500);
  assert.equal(asked.length, 1, 'nothing more is read once the size is known to be over the limit');
});

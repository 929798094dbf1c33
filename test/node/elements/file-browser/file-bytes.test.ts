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

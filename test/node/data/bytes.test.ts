import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinBytes, readAllBytes } from '../../../src/data/bytes.js';

test('joinBytes puts the parts in order, and hands a single part back uncopied', () => {
  const one = Uint8Array.of(1, 2);
  assert.equal(joinBytes([one]), one);
  assert.deepEqual(joinBytes([one, Uint8Array.of(), Uint8Array.of(3)]), Uint8Array.of(1, 2, 3));
  assert.deepEqual(joinBytes([]), new Uint8Array(0));
});

test('readAllBytes reads a stream of chunks into one array', async () => {
  async function* chunks() {
    yield Uint8Array.of(7);
    yield Uint8Array.of(8, 9);
  }
  assert.deepEqual(await readAllBytes(chunks()), Uint8Array.of(7, 8, 9));
});

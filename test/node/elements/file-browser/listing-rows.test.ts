import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListingRows } from '../../../../src/elements/file-browser/listing-rows.js';
import type { FileEntry } from '../../../../src/data/source.js';

const f = (name: string, size = 1): FileEntry => ({ path: name, name, kind: 'file', size });
const byName = { key: 'name', direction: 'asc' } as const;
const bySize = { key: 'size', direction: 'desc' } as const;

test('sorts, filters and narrows as the filter grows', () => {
  const owner = {};
  const entries = [
    f('train.py', 5),
    f('eval.py', 9),
    f('README.md', 2),
    { path: 'logs', name: 'logs', kind: 'dir' } as FileEntry,
  ];
  const rows = new ListingRows();
  assert.deepEqual(
    rows.rows(owner, entries, 0, byName, '').map((e) => e.name),
    ['logs', 'eval.py', 'README.md', 'train.py'],
  );
  assert.deepEqual(
    rows.rows(owner, entries, 0, byName, 'p').map((e) => e.name),
    ['eval.py', 'train.py'],
  );
  assert.deepEqual(
    rows.rows(owner, entries, 0, byName, 'py').map((e) => e.name),
    ['eval.py', 'train.py'],
  );
  assert.deepEqual(
    rows.rows(owner, entries, 0, byName, '*.md').map((e) => e.name),
    ['README.md'],
  );
  assert.deepEqual(
    rows.rows(owner, entries, 0, byName, '').map((e) => e.name),
    ['logs', 'eval.py', 'README.md', 'train.py'],
  );
  assert.deepEqual(
    rows.rows(owner, entries, 0, bySize, '').map((e) => e.name),
    ['logs', 'eval.py', 'train.py', 'README.md'],
  );
});

test('the same inputs give the same array; appended entries are picked up; hold keeps the last rows', () => {
  const owner = {};
  const entries = [f('b'), f('a')];
  const rows = new ListingRows();
  const first = rows.rows(owner, entries, 0, byName, '');
  assert.equal(rows.rows(owner, entries, 0, byName, ''), first);
  entries.push(f('c'));
  assert.deepEqual(
    rows.rows(owner, entries, 0, byName, '').map((e) => e.name),
    ['a', 'b'],
    'same version: cached',
  );
  assert.deepEqual(
    rows.rows(owner, entries, 1, byName, '').map((e) => e.name),
    ['a', 'b', 'c'],
  );
  entries.push(f('0'));
  assert.deepEqual(
    rows.rows(owner, entries, 2, byName, '', true).map((e) => e.name),
    ['a', 'b', 'c'],
    'held',
  );
  assert.deepEqual(
    rows.rows(owner, entries, 2, byName, '').map((e) => e.name),
    ['0', 'a', 'b', 'c'],
  );
  assert.deepEqual(
    rows.rows({}, [f('z')], 0, byName, '').map((e) => e.name),
    ['z'],
    'a new owner starts over',
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cleanPath,
  crumbsOf,
  nameMatcher,
  parentOf,
  sortEntries,
} from '../../../../src/elements/file-browser/listing.js';
import type { FileEntry } from '../../../../src/data/source.js';
import { globToRegExp } from '../../../../src/data/glob.js';

const f = (name: string, size?: number, modified?: number): FileEntry => ({
  path: name,
  name,
  kind: 'file',
  size,
  modified,
});
const d = (name: string, count?: number): FileEntry => ({ path: name, name, kind: 'dir', count });

test('folders come first, names in natural order', () => {
  const out = sortEntries([f('file10.txt'), d('b'), f('file2.txt'), d('A'), f('File1.txt')], {
    key: 'name',
    direction: 'asc',
  });
  assert.deepEqual(
    out.map((e) => e.name),
    ['A', 'b', 'File1.txt', 'file2.txt', 'file10.txt'],
  );
  const desc = sortEntries([f('a'), d('z'), f('b'), d('y')], { key: 'name', direction: 'desc' });
  assert.deepEqual(
    desc.map((e) => e.name),
    ['z', 'y', 'b', 'a'],
  );
});

test('size and modified sorts keep folders first and unknown values last', () => {
  const entries = [f('a', 10), f('b'), f('c', 5), d('dir', 3), f('e', 99)];
  assert.deepEqual(
    sortEntries(entries, { key: 'size', direction: 'asc' }).map((e) => e.name),
    ['dir', 'c', 'a', 'e', 'b'],
  );
  assert.deepEqual(
    sortEntries(entries, { key: 'size', direction: 'desc' }).map((e) => e.name),
    ['dir', 'e', 'a', 'c', 'b'],
  );
  const dated = [f('x', 1, 300), f('y', 1), f('z', 1, 100)];
  assert.deepEqual(
    sortEntries(dated, { key: 'modified', direction: 'desc' }).map((e) => e.name),
    ['x', 'z', 'y'],
  );
});

test('filter is a substring unless it has glob characters', () => {
  const sub = nameMatcher('LOSS');
  assert.equal(sub('train_loss.png'), true);
  assert.equal(sub('acc.png'), false);
  const glob = nameMatcher('*.py');
  assert.equal(glob('train.py'), true);
  assert.equal(glob('train.pyc'), false);
  assert.equal(nameMatcher('ckpt-??.pt')('ckpt-07.pt'), true);
  assert.equal(nameMatcher('ckpt-??.pt')('ckpt-7.pt'), false);
  assert.equal(nameMatcher('[ab]*')('beta'), true);
  assert.equal(nameMatcher('[!ab]*')('beta'), false);
  assert.equal(nameMatcher('  ')('anything'), true);
});

test('glob escapes regex characters and survives bad classes', () => {
  assert.equal(globToRegExp('a+b(1).txt').test('a+b(1).txt'), true);
  assert.equal(globToRegExp('a+b(1).txt').test('aab(1)xtxt'), false);
  assert.equal(globToRegExp('[z-a]').test('[z-a]'), true);
  assert.equal(globToRegExp('[abc').test('[abc'), true);
});

test('paths: parent, crumbs, cleaning', () => {
  assert.equal(parentOf('a/b/c.txt'), 'a/b');
  assert.equal(parentOf('c.txt'), '');
  assert.deepEqual(crumbsOf('a/b'), [
    { name: 'a', path: 'a' },
    { name: 'b', path: 'a/b' },
  ]);
  assert.deepEqual(crumbsOf(''), []);
  assert.equal(cleanPath('/a//b/./c/'), 'a/b/c');
  assert.equal(cleanPath('a/../../etc'), undefined);
});

test('natural comparison of lower-cased names', async () => {
  const { naturalCompare } = await import('../../../../src/elements/file-browser/listing.js');
  const sorted = ['a', 'a1', 'a01b', 'a2', 'a10', 'a010x', 'ab', 'b', 'ckpt-000099', 'ckpt-100', 'ä'];
  const shuffled = [...sorted].reverse();
  shuffled.sort(naturalCompare);
  assert.deepEqual(shuffled, sorted);
  assert.equal(naturalCompare('x99999999999999999999999', 'x100000000000000000000000') < 0, true);
  assert.equal(naturalCompare('same', 'same'), 0);
  // a common prefix that ends inside a digit run: the run still compares as a whole number
  assert.equal(naturalCompare('run-0010b', 'run-009') > 0, true);
  assert.equal(naturalCompare('run-0091', 'run-0100') < 0, true);
  assert.equal(naturalCompare('x00', 'x0'), 0);
  assert.equal(naturalCompare('x0a', 'x00b') < 0, true);
});

test('listing pages from a source are checked, never trusted', async () => {
  const { readListingPage, normalizeEntry } = await import('../../../../src/elements/file-browser/listing.js');
  const page = readListingPage(
    {
      entries: [
        { path: 'a.txt', name: 'a.txt', kind: 'file', size: 3 },
        { path: '/dir/', kind: 'dir', count: 'many' },
        { path: 'n.bin', name: 42, size: Infinity, modified: 'yesterday' },
        null,
        { name: 'no path' },
        { path: '' },
      ],
      total: -1,
      next: 'c1',
    },
    'c0',
  );
  assert.deepEqual(page.entries, [
    { path: 'a.txt', name: 'a.txt', kind: 'file', size: 3 },
    { path: 'dir', name: 'dir', kind: 'dir' },
    { path: 'n.bin', name: 'n.bin', kind: 'file' },
  ]);
  assert.equal(page.total, undefined);
  assert.equal(page.next, 'c1');
  assert.equal(
    readListingPage({ entries: [], next: 'same' }, 'same').next,
    undefined,
    'a repeated cursor ends the listing',
  );
  assert.deepEqual(readListingPage('garbage'), { entries: [] });
  assert.equal(normalizeEntry({ path: 'x', kind: 'weird' })?.kind, 'file');
});

test('name order: already-sorted input is confirmed, anything else is sorted', async () => {
  const { sortByName } = await import('../../../../src/elements/file-browser/listing.js');
  const sorted = [d('a'), d('b'), f('x1'), f('x2'), f('x10')];
  const out = sortByName(sorted);
  assert.notEqual(out, sorted, 'a copy, never the input');
  assert.deepEqual(out, sorted);
  const almost = [d('a'), d('b'), f('x1'), f('x10'), f('x2')];
  assert.deepEqual(
    sortByName(almost).map((e) => e.name),
    ['a', 'b', 'x1', 'x2', 'x10'],
  );
  assert.deepEqual(
    sortByName([f('z'), d('y')]).map((e) => e.name),
    ['y', 'z'],
  );
});

test('links: where they lead, checked; targets out of the run never shown; bare inode/symlink is a link too', async () => {
  const { linkOf, isClosedLink, normalizeEntry } = await import('../../../../src/elements/file-browser/listing.js');
  const e = (link: unknown, mime?: string): FileEntry =>
    ({ path: 'x', name: 'x', kind: 'file', ...(mime ? { mime } : {}), link }) as FileEntry;
  assert.deepEqual(linkOf(e({ to: 'inside', target: 'logs/a.log' })), { to: 'inside', target: 'logs/a.log' });
  assert.deepEqual(linkOf(e({ to: 'nothing', target: '/run-1/logs/../../x' })), { to: 'nothing' });
  assert.deepEqual(linkOf(e({ to: 'nothing', target: 'run-1//debug.log' })), {
    to: 'nothing',
    target: 'run-1/debug.log',
  });
  assert.deepEqual(linkOf(e({ to: 'outside', target: '/home/me/secret' })), { to: 'outside' });
  assert.deepEqual(linkOf(e(undefined, 'inode/symlink')), { to: 'unknown' });
  assert.deepEqual(linkOf(e({ to: 'sideways' }, 'inode/symlink')), { to: 'unknown' });
  assert.equal(linkOf(e(undefined)), undefined);
  assert.equal(linkOf(e(5)), undefined);
  assert.equal(isClosedLink(e({ to: 'inside', target: 'a' })), false);
  for (const to of ['outside', 'nothing']) assert.equal(isClosedLink(e({ to })), true, to);
  assert.equal(isClosedLink(e(undefined, 'inode/symlink')), true);
  // entries that need cleaning keep their link
  assert.deepEqual(normalizeEntry({ path: '/x/', kind: 'file', link: { to: 'outside' } })?.link, { to: 'outside' });
});

test('globs with a separator: * and ? stay within a segment, ** crosses', () => {
  const re = globToRegExp('train/*', { separator: '/' });
  assert.equal(re.test('train/loss'), true);
  assert.equal(re.test('train/a/b'), false);
  assert.equal(globToRegExp('system/**', { separator: '/' }).test('system/gpu/0/util'), true);
  assert.equal(globToRegExp('Train/*', { separator: '/' }).test('train/loss'), false, 'case counts by default');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { buildZip, collectZipItems, type ZipProgress } from '../../../../src/elements/file-browser/zip-builder.js';
import { SourceError } from '../../../../src/data/errors.js';

const png = new Uint8Array(3000).map((_, i) => (i * 7) % 256);
const source = new MemorySource(
  {
    info: { id: 'r', state: 'finished' },
    files: [
      { path: 'logs/output.log', bytes: 'line\n'.repeat(2000) },
      { path: 'logs/deep/日本語 名前.txt', bytes: 'こんにちは' },
      { path: 'logs/empty/' },
      { path: 'media/a.png', bytes: png, modified: Date.UTC(2024, 0, 2) },
      { path: 'top.txt', bytes: 'top', modified: 0 },
    ],
  },
  { pageSize: 1 },
);
const list = (dir: string, page: { cursor?: string } | undefined, signal?: AbortSignal) =>
  source.listFiles('r', dir, page, { signal });
const read = (path: string, range: { start: number; end?: number }, signal?: AbortSignal) =>
  source.readFile('r', path, range, { signal });

test('collects every file under folders through all pages, relative to the current folder', async () => {
  const root = await source.listFiles('r', '', { limit: 100 });
  const items = await collectZipItems(root.entries, '', list);
  assert.deepEqual(items.map((i) => i.name).sort(), [
    'logs/deep/日本語 名前.txt',
    'logs/empty/',
    'logs/output.log',
    'media/a.png',
    'top.txt',
  ]);
  const inLogs = await source.listFiles('r', 'logs', { limit: 100 });
  const relative = await collectZipItems(
    inLogs.entries.filter((e) => e.name === 'deep'),
    'logs',
    list,
  );
  assert.deepEqual(
    relative.map((i) => i.name),
    ['deep/日本語 名前.txt'],
  );
});

test('the zip holds the right files and bytes, read in small ranges', async () => {
  const root = await source.listFiles('r', '', { limit: 100 });
  const items = await collectZipItems(root.entries, '', list);
  const seen: ZipProgress[] = [];
  const blob = await buildZip(items, read, { chunkSize: 1024, onProgress: (p) => seen.push(p) });
  const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  assert.equal(strFromU8(files['logs/output.log']), 'line\n'.repeat(2000));
  assert.equal(strFromU8(files['logs/deep/日本語 名前.txt']), 'こんにちは');
  assert.deepEqual(files['media/a.png'], png);
  assert.equal(strFromU8(files['top.txt']), 'top');
  assert.ok('logs/empty/' in files);
  const last = seen[seen.length - 1];
  assert.equal(last.files, 4);
  assert.equal(last.bytes, last.totalBytes);
  assert.ok(seen.length > 10, 'progress is reported while reading');
});

test('cancelling rejects with aborted', async () => {
  const root = await source.listFiles('r', '', { limit: 100 });
  const items = await collectZipItems(root.entries, '', list);
  const controller = new AbortController();
  await assert.rejects(
    buildZip(items, read, {
      chunkSize: 1024,
      signal: controller.signal,
      onProgress: (p) => p.bytes > 2000 && controller.abort(),
    }),
    (e: unknown) => e instanceof SourceError && e.code === 'aborted',
  );
});

test('links out of the run or to nothing are left out of a zip; a link inside is zipped as its target', async () => {
  const entries = [
    {
      path: 'debug.log',
      name: 'debug.log',
      kind: 'file' as const,
      mime: 'inode/symlink',
      link: { to: 'nothing' as const },
    },
    {
      path: 'model.pt',
      name: 'model.pt',
      kind: 'file' as const,
      mime: 'inode/symlink',
      link: { to: 'outside' as const },
    },
    { path: 'old', name: 'old', kind: 'file' as const, mime: 'inode/symlink' },
    {
      path: 'top.txt',
      name: 'top.txt',
      kind: 'file' as const,
      link: { to: 'inside' as const, target: 'logs/output.log' },
    },
  ];
  const items = await collectZipItems(entries, '', async (dir) => ({
    dir,
    entries:
      dir === 'logs'
        ? [{ path: 'logs/gone', name: 'gone', kind: 'file', mime: 'inode/symlink', link: { to: 'nothing' } }]
        : [],
  }));
  assert.deepEqual(
    items.map((i) => i.name),
    ['top.txt'],
  );
  const inFolder = await collectZipItems([{ path: 'logs', name: 'logs', kind: 'dir' }], '', async (dir) => ({
    dir,
    entries: [{ path: 'logs/gone', name: 'gone', kind: 'file', mime: 'inode/symlink', link: { to: 'nothing' } }],
  }));
  assert.deepEqual(inFolder, [], 'a folder holding only a dangling link is not an empty folder either');
});

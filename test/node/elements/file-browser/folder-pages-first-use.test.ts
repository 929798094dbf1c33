/**
 * A folder's later pages load their code with the first of them: the listing is busy meanwhile, a
 * failed load is the page's error (the element shows it with its retry), and the next ask loads the
 * code again and reads the page. Its own file: a fresh module graph, where that code has not loaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FolderListing, pagesCode } from '../../../../src/elements/file-browser/folder-listing.js';
import type { FileListing, Page } from '../../../../src/data/source.js';

test('the next page waits for its code; a failed load is the page error, the next ask reads the page', async () => {
  const asked: (Page | undefined)[] = [];
  const pages: Record<string, FileListing> = {
    first: { dir: '', entries: [{ path: 'a.txt', name: 'a.txt', kind: 'file' }], next: 'c2' },
    c2: { dir: '', entries: [{ path: 'b.txt', name: 'b.txt', kind: 'file' }] },
  };
  const source = {
    getRun: async () => ({ id: 'r' }),
    listFiles: async (_runId: string, _dir: string, page?: Page) => {
      asked.push(page);
      return pages[page?.cursor ?? 'first'];
    },
  };
  let updates = 0;
  const host = { addController() {}, requestUpdate: () => void updates++, dataSource: source, runId: 'r' };
  const listing = new FolderListing(host as never, () => ({ dir: '', reloads: 0 }));
  await listing.task.run();
  const folder = listing.folder()!;
  assert.deepEqual(
    folder.entries.map((e) => e.path),
    ['a.txt'],
  );
  assert.equal(pagesCode.now, undefined, 'not loaded with the first page');

  const load = pagesCode.load.bind(pagesCode);
  let release!: () => void;
  pagesCode.load = () => {
    pagesCode.load = load;
    (pagesCode as { failed: unknown }).failed = new Error('chunk gone');
    return new Promise((done) => (release = () => done(undefined)));
  };
  const failing = listing.loadNextPage(folder);
  assert.equal(listing.loading, true, 'busy while the code loads');
  const before = updates;
  release();
  await failing;
  assert.equal(listing.loading, false);
  assert.match(String(listing.error), /chunk gone/);
  assert.ok(updates > before, 'the element shows the error');
  assert.equal(asked.length, 1, 'no page asked without the code');

  listing.retry();
  assert.equal(listing.error, undefined);
  await listing.loadNextPage(folder);
  assert.notEqual(pagesCode.now, undefined);
  assert.equal(listing.error, undefined);
  assert.equal(listing.loading, false);
  assert.equal(asked.at(-1)?.cursor, 'c2');
  assert.deepEqual(
    folder.entries.map((e) => e.path),
    ['a.txt', 'b.txt'],
  );
  assert.equal(folder.next, undefined);

  // a folder no longer shown (another opened while the code loaded) gets no request
  const asks = asked.length;
  await listing.loadNextPage({ dir: 'gone', entries: [], next: 'c9' });
  assert.equal(asked.length, asks);
  assert.equal(listing.loading, false);
});

/**
 * The first search loads the search engine's code: it is searched once the code is in, a failed
 * load is said as a failed search, and the next search loads it again. Its own file: a fresh
 * module graph, where that code has not loaded yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogSearchController, searchCode } from '../../../../src/elements/log-viewer/log-search-controller.js';
import type { LogMatches, LogSearch } from '../../../../src/data/source.js';

function setup() {
  const asked: LogSearch[] = [];
  let updates = 0;
  /** Rows the current match was scrolled to, once per new answer. */
  const scrolled: number[] = [];
  const search = async (q: LogSearch): Promise<LogMatches> => {
    asked.push(q);
    return { lines: [1], positions: [1], total: 1 } as LogMatches;
  };
  const c = new LogSearchController(
    { addController() {}, requestUpdate: () => void updates++ } as never,
    () => ({ search, runId: 'r', filter: {} }),
    { onlyMatching: () => false, topRow: () => 0, isRowVisible: () => false, scrollToRow: (row) => scrolled.push(row) },
  );
  return { c, asked, scrolled, updates: () => updates };
}

/** Waits until `done()`: loading the engine's module through tsx takes long on a busy machine. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 10_000; !done(); await new Promise((r) => setTimeout(r, 5)))
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
}

test('a failed load is said as a failed search; the next search loads the code, once, for the last query', async () => {
  assert.equal(searchCode.now, undefined, 'not loaded before the first search');
  const { c, asked, scrolled } = setup();
  const load = searchCode.load.bind(searchCode);
  searchCode.load = () => {
    searchCode.load = load;
    (searchCode as { failed: unknown }).failed = new Error('chunk gone');
    return Promise.resolve(undefined);
  };
  c.query = 'loss';
  c.schedule(0);
  assert.equal(c.pending, true, 'searching while the code loads');
  await until(() => !c.pending, 'the failed load ends the search');
  assert.equal(c.problem?.kind, 'failed');
  assert.match(c.problem!.reason, /chunk gone/);
  assert.equal(asked.length, 0);

  // typing while the code loads again: one search, for the last query; Enter runs it without the debounce
  c.query = 'lo';
  c.schedule(10_000);
  assert.equal(c.problem, undefined);
  assert.equal(c.pending, true);
  c.query = 'loss';
  c.schedule(10_000);
  assert.equal(c.flush(), true, 'Enter: a search is waiting');
  await until(() => c.result !== undefined, 'the search answers once the code is in');
  assert.notEqual(searchCode.now, undefined);
  assert.deepEqual(
    asked.map((q) => q.query),
    ['loss'],
  );
  assert.deepEqual(c.result?.lines, [1]);
  assert.deepEqual(scrolled, [1], 'the answer made its first match current');
  assert.ok(c.highlight?.test('LOSS'));
});

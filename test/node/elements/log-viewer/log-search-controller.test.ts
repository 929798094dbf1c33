import { afterEach, before, beforeEach, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LogSearchController,
  searchCode,
  type SearchScope,
} from '../../../../src/elements/log-viewer/log-search-controller.js';
import { searchLogLines } from '../../../../src/data/log-search.js';
import { SourceError } from '../../../../src/data/errors.js';
import { advance } from '../../../support/advance.js';
import type { LogMatches, LogSearch, Req } from '../../../../src/data/source.js';

const texts = ['epoch 1 loss=0.5', 'epoch 2 LOSS=0.4', 'done'];

function setup(delayMs = 0) {
  const seen: { q: LogSearch; aborted: () => boolean }[] = [];
  let updates = 0;
  /** Rows the current match was scrolled to: once per new answer, none for a rerun that keeps the match. */
  const scrolled: number[] = [];
  const search = (q: LogSearch, o?: Req): Promise<LogMatches> => {
    seen.push({ q, aborted: () => o?.signal?.aborted === true });
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (o?.signal?.aborted) return reject(new SourceError('aborted', 'aborted'));
        searchLogLines(
          { count: texts.length, text: (i) => texts[i], lineNumber: (i) => i },
          { query: q.query, regex: q.regex === true, caseSensitive: q.caseSensitive === true, limit: 100 },
        ).then(resolve, reject);
      }, delayMs);
    });
  };
  const scope: SearchScope = { search, runId: 'r', filter: { streams: ['stdout'] } };
  const host = { addController() {}, requestUpdate: () => void updates++ } as never;
  const c = new LogSearchController(host, () => scope, {
    onlyMatching: () => false,
    topRow: () => 0,
    isRowVisible: () => false,
    scrollToRow: (row) => scrolled.push(row),
  });
  return { c, seen, scrolled, updates: () => updates };
}

// the search engine's code is in (as after a page's first search); log-search-first-use.test.ts covers its loading
before(() => searchCode.load());
beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

test('debounces, runs in the source with the filter, and reports the answer', async () => {
  const { c, seen, scrolled } = setup();
  c.query = 'loss';
  c.schedule(20);
  assert.equal(c.pending, true);
  assert.equal(seen.length, 0, 'nothing before the debounce');
  await advance(60);
  assert.equal(seen.length, 1);
  assert.deepEqual(seen[0].q, { runId: 'r', query: 'loss', regex: false, caseSensitive: false, streams: ['stdout'] });
  assert.deepEqual(c.result?.lines, [0, 1]);
  assert.equal(c.pending, false);
  assert.equal(c.current, 0, 'the first match is current');
  assert.deepEqual(scrolled, [0]);
  assert.ok(c.highlight?.global && c.highlight.test('LOSS'));
  c.goTo(3);
  assert.equal(c.current, 1, 'wraps around');
  assert.deepEqual(scrolled, [0, 1]);
  // The same search again (live lines) is a rerun: the current match stays.
  c.schedule(0);
  await advance(30);
  assert.equal(c.current, 1);
  assert.deepEqual(scrolled, [0, 1]);
});

test('each new keystroke cancels the search in flight; only the last answers', async () => {
  const { c, seen, scrolled } = setup(30);
  c.query = 'lo';
  c.schedule(0);
  await advance(10);
  c.query = 'loss';
  c.schedule(0);
  await advance(80);
  assert.equal(seen.length, 2);
  assert.equal(seen[0].aborted(), true);
  assert.equal(seen[1].aborted(), false);
  assert.equal(scrolled.length, 1, 'one answer');
  assert.equal(c.result?.total, 2);
});

test('flush runs a waiting search at once; invalid regexes and failures become problems', async () => {
  const { c, seen } = setup();
  c.query = 'done';
  c.schedule(10_000);
  assert.equal(c.flush(), true);
  await advance(20);
  assert.equal(seen.length, 1);
  assert.equal(c.result?.total, 1);
  assert.equal(c.flush(), false, 'nothing waiting');
  c.regex = true;
  c.query = 'loss=(';
  c.schedule(0);
  assert.equal(c.problem?.kind, 'invalid-regex');
  assert.equal(c.result, undefined);
  assert.equal(seen.length, 1, 'an invalid regex is not sent');
  c.query = '';
  c.schedule(0);
  assert.equal(c.problem, undefined);
  assert.equal(c.result, undefined);

  const failing = new LogSearchController(
    { addController() {}, requestUpdate() {} } as never,
    () => ({
      runId: 'r',
      filter: {},
      search: () => Promise.reject(new SourceError('unavailable', 'search server down')),
    }),
    {
      onlyMatching: () => false,
      topRow: () => 0,
      isRowVisible: () => false,
      scrollToRow: () => {},
    },
  );
  failing.query = 'x';
  failing.schedule(0);
  await advance(10);
  assert.deepEqual(failing.problem, { kind: 'failed', reason: 'search server down' });
});

test('without a scope (no searchLogs) nothing runs and nothing stays pending', async () => {
  const c = new LogSearchController({ addController() {}, requestUpdate() {} } as never, () => undefined, {
    onlyMatching: () => false,
    topRow: () => 0,
    isRowVisible: () => false,
    scrollToRow: () => {},
  });
  c.query = 'x';
  c.schedule(0);
  await advance(10);
  assert.equal(c.pending, false);
  assert.equal(c.result, undefined);
});

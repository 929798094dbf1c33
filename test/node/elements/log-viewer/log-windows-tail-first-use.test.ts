/**
 * A live log's tail is asked for again with the window fetch code (log-window-fetch.ts), loaded
 * then when no window was missing before. When that code cannot be fetched the refresh is a
 * failure the viewer shows, and `retry` (the status bar's Retry) asks for the tail again: the
 * new lines are not lost when no further live event comes. Own file: a fresh process, where that
 * code has not loaded yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchCode, LogWindows } from '../../../../src/elements/log-viewer/log-windows.js';
import type { LogChunk } from '../../../../src/data/source.js';
import { failLoads } from '../../../support/failing-load.js';

test('a tail refresh whose code cannot load fails; retry loads the code and asks for the tail', async () => {
  let total = 30;
  const asked: number[] = [];
  const fetch = async (start: number, count: number): Promise<LogChunk> => {
    asked.push(start);
    const lines = [];
    for (let i = start; i < Math.min(total, start + count); i++)
      lines.push({ n: i, text: `line ${i}`, stream: 'stdout' as const });
    return { start, lines, total };
  };
  let changes = 0;
  const w = new LogWindows(fetch, { windowSize: 100, onChange: () => changes++ });
  w.seed(await fetch(0, 100));
  asked.length = 0;
  assert.equal(w.total, 30);

  const failing = failLoads(fetchCode);
  try {
    total = 45; // the run logged 15 more lines, then finished: no further live event
    w.refreshTail();
    await w.settled();
    assert.equal(failing.tries, 1);
    assert.match(String(w.error), /chunk gone/, 'the failure is there to show');
    assert.equal(changes, 1, 'the viewer is told');
    assert.deepEqual(asked, []);
    assert.equal(w.total, 30);

    w.retry();
    await w.settled();
    assert.equal(failing.tries, 2, 'retry loaded the code again');
    assert.deepEqual(asked, [0], 'and asked for the tail');
    assert.equal(w.total, 45);
    assert.equal(w.line(44)?.text, 'line 44');
    assert.equal(w.error, undefined);

    w.retry();
    await w.settled();
    assert.deepEqual(asked, [0], 'asked once: a second retry has nothing to ask');
  } finally {
    failing.restore();
  }
});

/**
 * A chart whose x is another metric, or whose x goes back (a resumed run), loads the join and sort
 * (step-join.ts) with its first query. When that code cannot be fetched the queries waiting on
 * the load fail as a retryable `unavailable` SourceError, and the next query loads it and answers.
 * Its own file: a fresh process, where the join has not loaded yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryRuns, xOrder } from '../../../src/data/memory-runs.js';
import { failLoads } from '../../support/failing-load.js';
import { unavailableChunkGone } from '../../support/chunk-gone.js';

const unavailable = unavailableChunkGone();

test('a join that cannot load fails the queries as retryable; the next query loads it and answers', async () => {
  const source = new MemoryRuns({
    info: { id: 'r', state: 'finished' },
    metrics: [
      { key: 'loss', step: [0, 1, 2], value: [3, 2, 1] },
      { key: 'lr', step: [0, 1, 2], value: [0.3, 0.1, 0.2] },
      { key: 'resumed', step: [0, 2, 1], value: [1, 3, 2] },
    ],
  });
  const byLr = { runIds: ['r'], keys: ['loss'], x: 'lr' };
  const goesBack = { runIds: ['r'], keys: ['resumed'], x: 'step' };
  const failing = failLoads(xOrder);
  try {
    const [a, b] = await Promise.allSettled([source.getSeries(byLr), source.getSeries(goesBack)]);
    assert.equal(a.status, 'rejected');
    assert.equal(b.status, 'rejected');
    unavailable((a as PromiseRejectedResult).reason);
    unavailable((b as PromiseRejectedResult).reason);
    assert.equal(failing.tries, 1, 'both queries waited on one load');
    assert.equal(xOrder.now, undefined);

    const [joined] = await source.getSeries(byLr);
    assert.equal(failing.tries, 2, 'the next query loaded the join again');
    assert.deepEqual([...joined!.x], [0.1, 0.2, 0.3]);
    assert.deepEqual([...joined!.y], [2, 1, 3]);
    const [sorted] = await source.getSeries(goesBack);
    assert.equal(failing.tries, 2);
    assert.deepEqual([...sorted!.x], [0, 1, 2]);
    assert.deepEqual([...sorted!.y], [1, 2, 3]);
  } finally {
    failing.restore();
  }
});

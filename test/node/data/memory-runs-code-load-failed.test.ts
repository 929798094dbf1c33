/**
 * A MemoryRuns loads code with the first request that needs it: a run's info and list of metrics
 * (memory-runs-later.ts), smoothing (smoothing.ts), M4 for series too long to draw whole
 * (memory-m4.ts, also loaded with the source when a column is long). When a chunk cannot be
 * fetched the request fails as a retryable `unavailable` SourceError and the next one loads it
 * and answers. Own file: a fresh process, where none of them is loaded yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bigSeries, MemoryRuns, RUNS_LATER, smoothing } from '../../../src/data/memory-runs.js';
import type { SeriesQuery } from '../../../src/data/source.js';
import { failLoads } from '../../support/failing-load.js';
import { unavailableChunkGone } from '../../support/chunk-gone.js';

const unavailable = unavailableChunkGone();

const steps = (n: number) => Array.from({ length: n }, (_, i) => i);

test('getRun and listMetrics: their code that cannot load is a retryable failure; the next call loads it', async () => {
  const source = new MemoryRuns({
    info: { id: 'r', state: 'finished' },
    metrics: [{ key: 'loss', step: [0], value: [1] }],
  });
  const failing = failLoads(RUNS_LATER);
  try {
    const [run, metrics] = await Promise.allSettled([source.getRun('r'), source.listMetrics('r')]);
    unavailable((run as PromiseRejectedResult).reason);
    unavailable((metrics as PromiseRejectedResult).reason);
    assert.equal(failing.tries, 1);
    assert.equal((await source.getRun('r')).id, 'r');
    assert.equal(failing.tries, 2);
    assert.deepEqual(
      (await source.listMetrics('r')).map((m) => m.key),
      ['loss'],
    );
  } finally {
    failing.restore();
  }
});

test('smoothing that cannot load fails the smoothed query as retryable; the next one loads it', async () => {
  const source = new MemoryRuns({
    info: { id: 'r', state: 'finished' },
    metrics: [{ key: 'loss', step: [0, 1, 2], value: [3, 1, 2] }],
  });
  const q: SeriesQuery = { runIds: ['r'], keys: ['loss'], x: 'step', smoothing: { kind: 'ema', weight: 0.5 } };
  const failing = failLoads(smoothing);
  try {
    await assert.rejects(source.getSeries(q), unavailable);
    const [plain] = await source.getSeries({ ...q, smoothing: undefined });
    assert.deepEqual([...plain!.y], [3, 1, 2], 'a query without smoothing needs no smoothing code');
    assert.equal(failing.tries, 1);
    const [smoothed] = await source.getSeries(q);
    assert.equal(failing.tries, 2);
    assert.equal(smoothed!.smoothed, true);
    assert.deepEqual([...smoothed!.original!.y], [3, 1, 2]);
  } finally {
    failing.restore();
  }
});

test('M4 that cannot load with the source nor with the first query: that query fails, the next loads it', async () => {
  const n = 20_000; // longer than what loads M4 with the source, and than a query of 100 points draws whole
  const failing = failLoads(bigSeries, 2);
  try {
    const source = new MemoryRuns({
      info: { id: 'r', state: 'finished' },
      metrics: [{ key: 'loss', step: steps(n), value: steps(n).map((i) => Math.sin(i)) }],
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(failing.tries, 1, 'loaded with the source, failed quietly');
    const q = { runIds: ['r'], keys: ['loss'], x: 'step', points: 100 };
    await assert.rejects(source.getSeries(q), unavailable);
    assert.equal(failing.tries, 2, 'the first query that needs it loaded it again');
    const [series] = await source.getSeries(q);
    assert.equal(failing.tries, 3);
    assert.equal(series!.total, n);
    assert.ok(series!.x.length <= 4 * 100 && series!.x.length > 0, `downsampled: ${series!.x.length} points`);
  } finally {
    failing.restore();
  }
});

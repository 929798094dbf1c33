/**
 * The run readers load with the first answer or live event about a run, not with a subscription
 * to live events, which a chart makes (own file: each test file runs in a fresh process, so no
 * reader is loaded before this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunEvent } from '../../../src/data/source.js';
import { until } from '../../support/until.js';
import { historyPoint, watchedRun } from './support/watched-run.js';

test('a run event waits for the run readers, and the events behind it wait in order', async () => {
  const { emit, got } = watchedRun();
  emit(historyPoint(0));
  assert.equal(got.length, 0, 'the event readers load with the first event');
  await until(() => got.length > 0, 'events delivered: got.length > 0'); // the event readers load
  assert.equal(got.length, 1, 'metric points are read with the event readers alone');
  emit({ type: 'run', run: { name: 'renamed', tags: 'x' } });
  emit(historyPoint(1));
  assert.equal(got.length, 1, 'the run event and the one behind it wait for the run readers');
  await import('../../../src/data/read/run.js'); // the module the run event started to load
  await until(() => got.length === 3, 'events delivered: got.length === 3');
  assert.deepEqual(
    got.map((e) => e.type),
    ['metrics', 'run', 'metrics'],
  );
  assert.deepEqual((got[1] as Extract<RunEvent, { type: 'run' }>).run, { name: 'renamed', tags: ['x'] });
  emit({ type: 'run', run: { state: 'finished' } });
  assert.equal(got.length, 4, 'once loaded, a run event is delivered as it arrives');
});

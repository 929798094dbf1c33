/**
 * The throttle of "something changed" signals loads with the first signal, not with the
 * subscription, which a chart makes (own file: each test file runs in a fresh process, so nothing
 * is loaded before this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until } from '../../support/until.js';
import { historyPoint, watchedRun } from './support/watched-run.js';

test('a signal waits for its throttle, the events behind it wait in order, and signals are throttled', async () => {
  const { emit, got } = watchedRun();
  emit(historyPoint(0));
  assert.equal(got.length, 0, 'the event readers load with the first event');
  await until(() => got.length > 0, 'events delivered: got.length > 0'); // the event readers load
  assert.equal(got.length, 1, 'metric points are read with the event readers alone');
  emit({ type: 'files-changed' });
  emit(historyPoint(1));
  assert.equal(got.length, 1, 'the signal and the event behind it wait for the throttle');
  await import('../../../src/data/read/later/signals.js'); // the module the signal started to load
  await until(() => got.length === 3, 'events delivered: got.length === 3');
  assert.deepEqual(
    got.map((e) => e.type),
    ['metrics', 'files-changed', 'metrics'],
  );
  emit({ type: 'files-changed' });
  assert.equal(got.length, 3, 'a second signal within the interval waits');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(
    got.map((e) => e.type),
    ['metrics', 'files-changed', 'metrics', 'files-changed'],
  );
});

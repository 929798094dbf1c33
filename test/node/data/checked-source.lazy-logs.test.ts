/**
 * The event readers load with the first live event and the log readers with the first `logs`
 * event, neither with the subscription (own file: each
 * test file runs in a fresh process, so no reader is loaded before this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunEvent } from '../../../src/data/source.js';
import { until } from '../../support/until.js';
import { historyPoint, watchedRun } from './support/watched-run.js';

/** Lets every pending promise callback run (no time passes). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('a logs event waits for the log readers, and the events behind it wait in order', async () => {
  const { emit, got } = watchedRun();
  await import('../../../src/data/read/later/events.js'); // in the module cache, not yet asked for
  await settle();
  emit(historyPoint(0, 1));
  assert.equal(got.length, 0, 'the event readers load with the first event, not with the subscription');
  await until(() => got.length > 0, 'events delivered: got.length > 0');
  assert.equal(got.length, 1, 'the event readers are in');
  emit({ type: 'logs', lines: [{ n: 0, text: 'hello', stream: 'stdout' }], total: 1 });
  emit(historyPoint(1, 2));
  assert.equal(got.length, 1, 'the logs event and the one behind it wait for the log readers');
  await import('../../../src/data/read/logs.js'); // the module the logs event started to load
  await until(() => got.length === 3, 'events delivered: got.length === 3');
  assert.deepEqual(
    got.map((e) => e.type),
    ['metrics', 'logs', 'metrics'],
  );
  const logs = got[1] as Extract<RunEvent, { type: 'logs' }>;
  assert.equal(logs.total, 1);
  assert.equal(logs.lines[0].text, 'hello');
  emit({ type: 'logs', lines: [{ n: 1, text: 'again', stream: 'stdout' }], total: 2 });
  assert.equal(got.length, 4, 'once loaded, a logs event is delivered as it arrives');
});

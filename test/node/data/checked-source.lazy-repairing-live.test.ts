/**
 * A live event that needs the readers' repairing paths (src/data/read/later/repairing.ts) waits
 * for them, and the events behind it wait too, in order (own file: each test file runs in a fresh
 * process, so they are not loaded before this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repairing } from '../../../src/data/read/answer.js';
import type { RunEvent } from '../../../src/data/source.js';
import { until } from '../../support/until.js';
import { historyPoint, watchedRun } from './support/watched-run.js';

test('a live event that needs repairing waits for the repairing paths, and the events behind it wait in order', async () => {
  const { emit, got } = watchedRun();
  emit({ type: 'run', run: { name: 'renamed' } });
  await until(() => got.length === 1, 'events delivered: got.length === 1'); // the run readers load
  assert.equal(repairing.now, undefined, 'a clean run event needs no repairing');
  emit({ type: 'run', run: { config: { when: new Date(0) } } });
  emit(historyPoint(1));
  assert.equal(got.length, 1, 'the event that needs repairing and the one behind it wait');
  await until(() => got.length === 3, 'events delivered: got.length === 3');
  assert.ok(repairing.now, 'the event loaded the repairing paths');
  assert.deepEqual(
    got.map((e) => e.type),
    ['run', 'run', 'metrics'],
  );
  assert.deepEqual((got[1] as Extract<RunEvent, { type: 'run' }>).run, {
    config: { when: '1970-01-01T00:00:00.000Z' },
  });
});

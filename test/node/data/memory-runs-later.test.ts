/**
 * What a MemoryRuns does that a chart never asks (a run's info, its list of metrics, listings,
 * crash checks: memory-runs-later.ts) loads with the first call that needs it: a chart's series and
 * its watch of a finished run never load it. Its own file: the module is loaded once per process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryRuns, type MemoryRun } from '../../../src/data/memory-runs.js';
import type { RunEvent } from '../../../src/data/source.js';
import { until } from '../../support/until.js';

class Runs extends MemoryRuns {
  laterLoaded(): boolean {
    return this.laterCode() !== undefined;
  }
}

const run = (id: string, info: Partial<MemoryRun['info']> = {}): MemoryRun => ({
  info: { id, state: 'finished', ...info },
  metrics: [{ key: 'loss', step: [0, 1, 2], value: [3, 2, 1] }],
});

test('a chart draws without the later code; getRun and listMetrics load it; a crash is told once it is in', async () => {
  const source = new Runs([run('done'), run('live', { state: 'running', heartbeatAt: 0 })], {
    now: () => 10 * 60_000,
    heartbeatThresholdMs: 1000,
  });
  const [series] = await source.getSeries({ runIds: ['done'], keys: ['loss'], x: 'step' });
  assert.deepEqual([...series!.y], [3, 2, 1]);
  const stop = source.watch('done', () => {});
  stop();
  assert.equal(source.laterLoaded(), false, 'a finished run is never checked for a crash');

  // a running run's crash check loads it; the stale heartbeat is told then
  const events: RunEvent[] = [];
  source.watch('live', (e) => events.push(e));
  assert.deepEqual(events, [], 'told once the later code is in');
  await until(() => events.length > 0, 'no crash event');
  assert.deepEqual(events, [{ type: 'run', run: { state: 'crashed' } }]);
  assert.equal(source.laterLoaded(), true);

  assert.equal((await source.getRun('live')).state, 'crashed');
  assert.deepEqual(
    (await source.listMetrics('done')).map((m) => [m.key, m.count]),
    [['loss', 3]],
  );
});

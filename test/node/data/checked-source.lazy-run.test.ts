/**
 * The run readers load with the first answer or live event about a run, not with a subscription
 * to live events, which a chart makes (own file: each test file runs in a fresh process, so no
 * reader is loaded before this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../../../src/data/checked-source.js';
import type { RunEvent, RunSource } from '../../../src/data/source.js';

/** Lets every pending promise callback run (no time passes). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const point = (step: number) => ({
  type: 'metrics',
  group: 'history',
  points: [{ key: 'loss', step, time: step, value: step }],
});

test('a run event waits for the run readers, and the events behind it wait in order', async () => {
  let emit: (e: unknown) => void = () => {};
  const raw: RunSource = {
    getRun: async () => ({ id: 'r', name: 'r', state: 'running', startedAt: 0, tags: [] }),
    watch: (_id, on) => ((emit = on as (e: unknown) => void), () => {}),
  };
  const got: RunEvent[] = [];
  checkSource(raw).watch!('r', (e) => got.push(e));
  await import('../../../src/data/read/metrics-and-events.js'); // what the subscription started to load
  await settle();
  emit(point(0));
  assert.equal(got.length, 1, 'metric points are read with the event readers alone');
  emit({ type: 'run', run: { name: 'renamed', tags: 'x' } });
  emit(point(1));
  assert.equal(got.length, 1, 'the run event and the one behind it wait for the run readers');
  await import('../../../src/data/read/run.js'); // the module the run event started to load
  await settle();
  assert.deepEqual(
    got.map((e) => e.type),
    ['metrics', 'run', 'metrics'],
  );
  assert.deepEqual((got[1] as Extract<RunEvent, { type: 'run' }>).run, { name: 'renamed', tags: ['x'] });
  emit({ type: 'run', run: { state: 'finished' } });
  assert.equal(got.length, 4, 'once loaded, a run event is delivered as it arrives');
});

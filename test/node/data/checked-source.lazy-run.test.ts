/**
 * The run readers load with the first answer or live event about a run, not with a subscription
 * to live events, which a chart makes (own file: each test file runs in a fresh process, so no
 * reader is loaded before this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../../../src/data/checked-source.js';
import type { RunEvent, RunSource } from '../../../src/data/source.js';

/** Waits (at most 5 s) until `ok()`: a module loading through the test's loader takes a while. */
async function until(ok: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !ok() && Date.now() < end;) await new Promise((r) => setTimeout(r, 5));
}

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
  emit(point(0));
  assert.equal(got.length, 0, 'the event readers load with the first event');
  await until(() => got.length > 0); // the event readers load
  assert.equal(got.length, 1, 'metric points are read with the event readers alone');
  emit({ type: 'run', run: { name: 'renamed', tags: 'x' } });
  emit(point(1));
  assert.equal(got.length, 1, 'the run event and the one behind it wait for the run readers');
  await import('../../../src/data/read/run.js'); // the module the run event started to load
  await until(() => got.length === 3);
  assert.deepEqual(
    got.map((e) => e.type),
    ['metrics', 'run', 'metrics'],
  );
  assert.deepEqual((got[1] as Extract<RunEvent, { type: 'run' }>).run, { name: 'renamed', tags: ['x'] });
  emit({ type: 'run', run: { state: 'finished' } });
  assert.equal(got.length, 4, 'once loaded, a run event is delivered as it arrives');
});

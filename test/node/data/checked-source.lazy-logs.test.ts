/**
 * The event readers load with the first live event and the log readers with the first `logs`
 * event, neither with the subscription (own file: each
 * test file runs in a fresh process, so no reader is loaded before this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../../../src/data/checked-source.js';
import type { RunEvent, RunSource } from '../../../src/data/source.js';

/** Lets every pending promise callback run (no time passes). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Waits (at most 5 s) until `ok()`: a module loading through the test's loader takes a while. */
async function until(ok: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !ok() && Date.now() < end;) await new Promise((r) => setTimeout(r, 5));
}

test('a logs event waits for the log readers, and the events behind it wait in order', async () => {
  let emit: (e: unknown) => void = () => {};
  const raw: RunSource = {
    getRun: async () => ({ id: 'r', name: 'r', state: 'running', startedAt: 0, tags: [] }),
    watch: (_id, on) => ((emit = on as (e: unknown) => void), () => {}),
  };
  const got: RunEvent[] = [];
  checkSource(raw).watch!('r', (e) => got.push(e));
  await import('../../../src/data/read/events.js'); // in the module cache, not yet asked for
  await settle();
  emit({ type: 'metrics', group: 'history', points: [{ key: 'loss', step: 0, time: 0, value: 1 }] });
  assert.equal(got.length, 0, 'the event readers load with the first event, not with the subscription');
  await until(() => got.length > 0);
  assert.equal(got.length, 1, 'the event readers are in');
  emit({ type: 'logs', lines: [{ n: 0, text: 'hello', stream: 'stdout' }], total: 1 });
  emit({ type: 'metrics', group: 'history', points: [{ key: 'loss', step: 1, time: 1, value: 2 }] });
  assert.equal(got.length, 1, 'the logs event and the one behind it wait for the log readers');
  await import('../../../src/data/read/logs.js'); // the module the logs event started to load
  await until(() => got.length === 3);
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

/**
 * The readers of answers load the first time an answer of their kind arrives (own file: each test
 * file runs in a fresh process, so nothing is loaded before these tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, loadReaders, type Repair } from '../../../src/data/checked-source.js';
import type { RunEvent, RunSource } from '../../../src/data/source.js';

test('live events that arrive while the readers load are read after, in order; none after stop', async () => {
  const emitters: ((e: unknown) => void)[] = [];
  const raw: RunSource = {
    getRun: async () => ({ id: 'r', name: 'r', state: 'running', startedAt: 0, tags: [] }),
    watch: (_id, on) => (emitters.push(on as (e: unknown) => void), () => {}),
  };
  const repairs: Repair[] = [];
  const source = checkSource(raw, { repaired: (_q, r) => repairs.push(...r) });
  const got: RunEvent[] = [];
  source.watch!('r', (e) => got.push(e));
  const stopped: RunEvent[] = [];
  const stop = checkSource(raw).watch!('r', (e) => stopped.push(e));
  const [emit, emitStopped] = emitters;
  emit({ type: 'run', run: { name: 'first' } });
  emit(null);
  emit({ type: 'run', run: { name: 'second', tags: 'x' } });
  emitStopped({ type: 'run', run: { name: 'before stop' } });
  stop();
  assert.deepEqual(got, [], 'nothing is delivered unread');
  await loadReaders();
  assert.deepEqual(got, [
    { type: 'run', run: { name: 'first' } },
    { type: 'run', run: { name: 'second', tags: ['x'] } },
  ]);
  assert.ok(repairs.some((r) => r.action === 'dropped'));
  assert.deepEqual(stopped, [], 'events waiting for the readers are not delivered after stop');
  emit({ type: 'run', run: { name: 'third' } });
  assert.equal(got.length, 3, 'once loaded, an event is delivered as it arrives');
});

test('the first answer of a kind waits for its readers, and is read like any other', async () => {
  const raw: Record<string, unknown> = {
    getRun: async () => ({ id: 'r', name: 'r', state: 'finished', startedAt: 0, tags: [] }),
    getSeries: async () => [{ runId: 'r', key: 'loss', x: [1, 2], y: [3, 'NaN'] }],
  };
  const source = checkSource(raw as unknown as RunSource);
  const [series] = await source.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' });
  assert.ok(series.x instanceof Float64Array);
  assert.deepEqual([...series.y], [3, NaN]);
});

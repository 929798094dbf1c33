/**
 * The bound on the runs a registry keeps in memory (src/server/held-runs.ts): past it the least
 * recently used runs that are not live are let go and read again on their next request.
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { MemoryRun } from '../../../src/data/memory-source.js';
import type { RunLocation } from '../../../src/server/discover.js';
import { HeldRuns, estimateRunBytes } from '../../../src/server/held-runs.js';
import { RunRegistry } from '../../../src/server/registry.js';
import type { LiveFeed, LoadedRun } from '../../../src/server/run-loaders.js';

const T0 = Date.UTC(2024, 0, 2);
const MB = 1024 * 1024;

/** A run of `points` points in one metric (8 bytes × 2 columns × 2 for the indexes each). */
function runOf(id: string, points: number, state: 'finished' | 'running' = 'finished'): MemoryRun {
  const step = new Float64Array(points).map((_, i) => i);
  return {
    info: { id, state, heartbeatAt: T0 } as MemoryRun['info'],
    metrics: [{ key: 'loss', step, value: step.map((s) => 1 / (s + 1)) }],
  };
}

test('HeldRuns lets go of the least recently used runs past its bound, never a pinned one', () => {
  const held = new HeldRuns(100);
  assert.deepEqual(held.add('a', 40), []);
  assert.deepEqual(held.add('b', 40), []);
  held.touch('a'); // b is now the least recently used
  assert.deepEqual(held.add('c', 40), ['b']);
  assert.equal(held.bytes, 80);
  let live = true;
  assert.deepEqual(
    held.add('d', 30, () => live),
    ['a'],
  );
  assert.deepEqual(held.add('e', 60), ['c'], 'the live run d stays though it is the least recently used');
  live = false;
  assert.deepEqual(held.add('f', 50), ['d', 'e'], 'once it has ended, d may go');
  assert.deepEqual(held.add('g', 500), ['f'], 'a run bigger than the bound is held alone');
  assert.equal(held.bytes, 500);
});

test('estimateRunBytes counts each column once and the console lines', () => {
  const shared = new Float64Array(1000);
  const run: MemoryRun = {
    info: { id: 'r' } as MemoryRun['info'],
    metrics: [
      { key: 'a', step: shared, value: new Float64Array(1000) },
      { key: 'b', step: shared, value: new Float64Array(1000) },
    ],
  };
  const base = estimateRunBytes({ info: run.info });
  assert.equal(estimateRunBytes(run) - base, 3 * 2 * 8 * 1000);
  const lazy = estimateRunBytes({ info: run.info, logs: { count: 1000, line: () => ({ text: 'x'.repeat(50) }) } });
  assert.equal(lazy - base, 1000 * (50 + 24));
});

test('a registry keeps read runs within maxHeldBytes: the least recently used is read again, a live one stays', async () => {
  mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
  try {
    const loads: string[] = [];
    const live: LiveFeed = {
      watchPaths: [],
      fileDirs: [],
      poll: async () => undefined,
      done: false,
    };
    const registry = new RunRegistry({
      now: () => T0 + 1000,
      // Each run ≈ 1.6 MB (50,000 points); the bound holds three.
      maxHeldBytes: 5 * MB,
      log: () => undefined,
      loader: async (loc): Promise<LoadedRun> => {
        loads.push(loc.id);
        const running = loc.id === 'live';
        return running ? { run: runOf(loc.id, 50_000, 'running'), live } : { run: runOf(loc.id, 50_000) };
      },
    });
    const loc = (id: string) => ({ id, format: 'wandb', root: '/nowhere', path: id }) as RunLocation;
    registry.addLocations(['live', 'a', 'b', 'c', 'd'].map(loc));
    for (const id of ['live', 'a', 'b']) await registry.get(id);
    assert.deepEqual(loads, ['live', 'a', 'b'], 'three runs fit');
    await registry.get('a'); // a used again: b is the least recently used run that is not live
    await registry.get('c');
    assert.deepEqual(loads.slice(3), ['c']);
    assert.ok(registry.held.bytes <= 5 * MB, `held ${registry.held.bytes}`);
    await registry.get('a');
    await registry.get('c');
    await registry.get('live');
    assert.deepEqual(loads.slice(4), [], 'a, c and the live run were kept');
    await registry.get('b');
    assert.deepEqual(loads.slice(4), ['b'], 'b was let go and is read again');
    // Reading b let a go (least recently used); d lets c go; the live run, though older, stays.
    await registry.get('d');
    await registry.get('live');
    await registry.get('c');
    assert.deepEqual(loads.slice(5), ['d', 'c'], 'd read, c read again, the live run kept');
    const series = await (await registry.get('b')).source.getSeries!({ runIds: ['b'], keys: ['loss'], x: 'step' });
    assert.equal(series[0]!.total, 50_000);
    registry.close();
  } finally {
    mock.timers.reset();
  }
});

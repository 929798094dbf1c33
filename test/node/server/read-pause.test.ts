/**
 * A run's read held back while a key scan answers its first chart (src/server/read-pause.ts):
 * pieces wait while the pause is held and flow, in order and all of them, once every hold is
 * released; and the W&B read of run-loaders.ts waits on it.
 */
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadPause } from '../../../src/server/read-pause.js';
import { loadRun } from '../../../src/server/run-loaders.js';
import { frame, historyRecord, runRecord } from '../formats/wandb/helpers.js';

/** Lets pending promise callbacks and I/O callbacks run until `done()` holds (a hang fails the test by its timeout). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setImmediate(r));
}

async function* counted(n: number, taken: number[]): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    taken.push(i);
    yield i;
  }
}

test('pieces wait while the read is held and all flow once every hold is released', { timeout: 10_000 }, async () => {
  const pause = new ReadPause();
  const taken: number[] = [];
  const seen: number[] = [];
  const releaseA = pause.hold();
  const releaseB = pause.hold();
  assert.equal(pause.held, true);
  const reading = (async () => {
    for await (const p of pause.through(counted(5, taken))) seen.push(p);
  })();
  await until(() => pause.waiting === 1);
  // one piece in hand, none handed on
  assert.deepEqual(taken, [0]);
  assert.deepEqual(seen, []);
  releaseA();
  releaseA(); // a second call of the same release does not release the other hold
  assert.equal(pause.held, true);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(seen, []);
  releaseB();
  assert.equal(pause.held, false);
  await reading;
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
  assert.equal(pause.waiting, 0);
});

test('a pause held again midway stops the pieces again', { timeout: 10_000 }, async () => {
  const pause = new ReadPause();
  const seen: number[] = [];
  let release: (() => void) | undefined;
  const reading = (async () => {
    for await (const p of pause.through(counted(4, []))) {
      seen.push(p);
      if (p === 1) release = pause.hold();
    }
  })();
  await until(() => pause.waiting === 1);
  assert.deepEqual(seen, [0, 1]);
  release!();
  await reading;
  assert.deepEqual(seen, [0, 1, 2, 3]);
});

test('a hold released with a delay keeps the read held until then', { timeout: 10_000 }, async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const pause = new ReadPause();
    const seen: number[] = [];
    const release = pause.hold();
    const reading = (async () => {
      for await (const p of pause.through(counted(3, []))) seen.push(p);
    })();
    await until(() => pause.waiting === 1);
    release(150);
    release(); // a second call does nothing, with or without a delay
    mock.timers.tick(149);
    await new Promise((r) => setImmediate(r));
    assert.equal(pause.held, true);
    assert.deepEqual(seen, []);
    mock.timers.tick(1);
    assert.equal(pause.held, false);
    await reading;
    assert.deepEqual(seen, [0, 1, 2]);
  } finally {
    mock.timers.reset();
  }
});

test(
  'a W&B run read with a held pause waits for its release, then reads as without one',
  { timeout: 20_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'runpage-read-pause-'));
    try {
      const path = join('wandb', 'run-20240101_000000-pause1');
      mkdirSync(join(root, path), { recursive: true });
      const rows = Array.from({ length: 50 }, (_, i) => historyRecord([['loss', String(1 / (i + 1))]], i));
      writeFileSync(join(root, path, 'run-pause1.wandb'), frame([runRecord({ id: 'pause1' }), ...rows]));
      const loc = { id: 'pause1', format: 'wandb' as const, root, path };
      const options = { now: Date.UTC(2030, 0, 1), heartbeatThresholdMs: 300_000, fileUrl: (p: string) => p };
      const pause = new ReadPause();
      const release = pause.hold();
      let settled = false;
      const loading = loadRun(loc, { ...options, pause }).finally(() => (settled = true));
      await until(() => pause.waiting === 1);
      assert.equal(settled, false);
      release();
      const held = await loading;
      const plain = await loadRun(loc, options);
      assert.deepEqual(held.run.metrics, plain.run.metrics);
      assert.equal(held.run.metrics?.find((m) => m.key === 'loss')?.step.length, 50);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);

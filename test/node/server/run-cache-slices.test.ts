/**
 * A run's cache file is encoded in time slices (src/data/time-slices.ts) so that the server
 * answers requests while a big run is written: every pass over a column or the console gives the
 * event loop a turn once a slice has run its time, a request is answered between two slices, and
 * the file is the same however it was sliced. Clocks and turns are fakes: nothing here is timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sortByX } from '../../../src/data/downsample.js';
import type { MemoryRun } from '../../../src/data/memory-source.js';
import { encodeRun, type CacheableRun, type RunCacheKey } from '../../../src/server/run-cache.js';
import { orderByX } from '../../../src/data/x-order.js';
import { BLOCK, TimeSlices, inBlocks, inSlices } from '../../../src/data/time-slices.js';

const KEY: RunCacheKey = { path: '/runs/sliced', heartbeatThresholdMs: 300_000, logsOnDisk: false };
const turnNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Slices whose clock moves 1 ms at every read: with `ms` 1, every block ends its slice. */
function everyBlock(turn: () => Promise<void> = turnNow): TimeSlices {
  let clock = 0;
  return new TimeSlices(1, () => ++clock, turn);
}

/** Slices whose clock never moves: one slice, never a turn. */
const never = () =>
  new TimeSlices(
    1,
    () => 0,
    () => Promise.reject(new Error('no turn expected')),
  );

/** A big run: two metrics on steps that go back (sorted for the cache), one in order, and a console. */
function bigRun(n: number): CacheableRun {
  const back = Float64Array.from({ length: n }, (_, i) => i % 5000);
  back[7] = NaN;
  const inOrder = Float64Array.from({ length: n }, (_, i) => i);
  return {
    info: { id: 'sliced', state: 'finished', startedAt: 0 } as MemoryRun['info'],
    metrics: [
      { key: 'loss', step: back, value: Float64Array.from({ length: n }, (_, i) => Math.sin(i)) },
      { key: 'acc', step: back, value: Float64Array.from({ length: n }, (_, i) => i % 13) },
      { key: 'lr', step: inOrder, value: Float64Array.from({ length: n }, (_, i) => 1 / (i + 1)) },
    ],
    logs: Array.from({ length: 20_000 }, (_, i) => ({ text: `line ${i}`, stream: i % 9 ? 'stdout' : 'stderr' })),
  };
}

test('TimeSlices says a slice is due once its time has run, and a turn starts a new one', async () => {
  let clock = 100;
  let turns = 0;
  const slices = new TimeSlices(
    8,
    () => clock,
    async () => void turns++,
  );
  clock = 107;
  assert.equal(slices.due(), false);
  assert.equal(slices.pause(), undefined, 'no turn before the slice has run its time');
  clock = 108;
  assert.equal(slices.due(), true);
  await slices.pause();
  assert.equal(turns, 1);
  assert.equal(slices.turns, 1);
  assert.equal(slices.due(), false, 'a new slice starts after the turn');
  clock = 116;
  assert.equal(slices.due(), true);
});

test('inBlocks covers every item once, a block at a time, pausing between blocks', async () => {
  const seen = new Uint8Array(50_000);
  const slices = everyBlock();
  await inBlocks(seen.length, slices, (from, to) => {
    assert.ok(to - from <= BLOCK);
    for (let i = from; i < to; i++) seen[i]!++;
  });
  assert.ok(seen.every((c) => c === 1));
  assert.equal(slices.turns, Math.ceil(seen.length / BLOCK));
});

test('orderByX in slices gives what sortByX(step, rows) gives, whichever way it sorts', async () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
  const cases: Record<string, Float64Array> = {
    empty: new Float64Array(0),
    'in order, non-finite between': Float64Array.from({ length: 40_000 }, (_, i) => (i % 1000 === 3 ? NaN : i)),
    'whole steps going back (counting sort)': Float64Array.from({ length: 70_000 }, (_, i) => i % 3001),
    'sparse whole steps (merge sort)': Float64Array.from({ length: 70_000 }, (_, i) => (i % 3001) * 1000),
    'fractions with ties, non-finite and -0 (merge sort)': Float64Array.from({ length: 50_000 }, (_, i) =>
      i % 97 === 0 ? [NaN, Infinity, -Infinity][i % 3]! : i % 101 === 0 ? -0 : Math.floor(random() * 2000) / 8 - 100,
    ),
  };
  for (const [name, step] of Object.entries(cases)) {
    const rows = Float64Array.from({ length: step.length }, (_, i) => i);
    const want = sortByX(step, rows);
    const slices = everyBlock();
    const got = await inSlices(orderByX(step), slices);
    assert.deepEqual(Array.from(got.x), Array.from(want.x), `${name}: steps`);
    assert.deepEqual(Array.from(got.rows), Array.from(want.y), `${name}: rows (stable)`);
    assert.equal(got.nonMonotonic, want.nonMonotonic, `${name}: nonMonotonic`);
    if (step.length > BLOCK) assert.ok(slices.turns > 2, `${name}: sorted in more than one slice`);
  }
});

test('encodeRun gives the event loop a turn after every block of every pass, and the same file', async () => {
  const n = 300_000;
  const whole = Buffer.concat(await encodeRun(bigRun(n), KEY, 'v', [], { slices: never() }));
  const slices = everyBlock();
  const sliced = Buffer.concat(await encodeRun(bigRun(n), KEY, 'v', [], { slices }));
  assert.ok(whole.equals(sliced), 'slicing changes nothing in the file');
  // Per metric its facts (n points), the y of the sorted ones in step order, the index of each
  // big one; the step order once for the two sharing steps; the console in blocks of lines.
  const blocks = Math.ceil(n / BLOCK);
  assert.ok(slices.turns >= 3 * blocks + 2 * blocks + 3 * blocks, `only ${slices.turns} turns`);
});

test('a request to a server is answered between two slices of an encode, which then goes on', async () => {
  const server = createServer((_, res) => res.end('answered'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    let turns = 0;
    let answer: string | undefined;
    let answeredAt = 0;
    // At the third turn the encode waits until a request made then is answered: the request is
    // served by the event loop while the encode is between slices.
    const slices = everyBlock(async () => {
      if (++turns === 3) {
        answer = await (await fetch(url)).text();
        answeredAt = turns;
      }
      await turnNow();
    });
    const parts = await encodeRun(bigRun(100_000), KEY, 'v', [], { slices });
    assert.equal(answer, 'answered');
    assert.equal(answeredAt, 3);
    assert.ok(slices.turns > answeredAt + 10, 'the encode went on after the answer');
    const whole = Buffer.concat(await encodeRun(bigRun(100_000), KEY, 'v', [], { slices: never() }));
    assert.ok(Buffer.concat(parts).equals(whole));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

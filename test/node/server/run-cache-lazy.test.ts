/**
 * A run opened from its cache file reads only its header (src/server/cached-run.ts): a metric's
 * columns are read when a query first needs them, a step chart reads only the points in step
 * order (stored sorted, so a reopened run never sorts), and the file is closed once all of it is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RunCache,
  cachedRunBytes,
  decodeRun,
  encodeRun,
  type CacheableRun,
  type RunCacheKey,
} from '../../../src/server/run-cache.js';
import { MemorySource, type MemoryRun } from '../../../src/data/memory-source.js';
import type { SeriesQuery } from '../../../src/data/source.js';

const KEY: RunCacheKey = { path: '/runs/lazy', heartbeatThresholdMs: 300_000, logsOnDisk: true };
const T0 = Date.UTC(2024, 0, 2);

/** Two metrics logged in the same rows; `back` makes the steps go back (a resumed run). */
function sampleRun(n: number, back: boolean): CacheableRun {
  const step = Float64Array.from({ length: n }, (_, i) => (back ? i % Math.ceil(n / 3) : i));
  if (n > 5) step[5] = NaN;
  const time = Float64Array.from({ length: n }, (_, i) => T0 + 1000 * i);
  return {
    info: { id: 'lazy', state: 'finished', startedAt: T0 } as MemoryRun['info'],
    metrics: [
      { key: 'a', step, value: Float64Array.from({ length: n }, (_, i) => 1 + Math.sin(i)), time },
      { key: 'b', step, value: Float64Array.from({ length: n }, (_, i) => 2 + (i % 7)), time },
    ],
    logs: [{ text: 'hello' }, { text: 'oops', stream: 'stderr' }],
  };
}

const query = (key: string, x: SeriesQuery['x'] = 'step'): SeriesQuery => ({
  runIds: ['lazy'],
  keys: [key],
  x,
  points: 50,
});

async function answers(run: MemoryRun) {
  const source = new MemorySource(run);
  const series = [];
  for (const key of ['a', 'b'])
    for (const x of ['step', 'wallclock', 'relative'] as const) series.push(await source.getSeries(query(key, x)));
  return { metrics: await source.listMetrics('lazy'), info: (await source.getRun('lazy')).warnings, series };
}

for (const back of [false, true]) {
  test(`a run reopened from its cache answers as the run it was written from (steps ${back ? 'going back' : 'in order'})`, async () => {
    const run = sampleRun(2000, back);
    const file = Buffer.concat(await encodeRun(run, KEY, 'v', []));
    const cached = decodeRun(file, KEY, 'v', [])!;
    assert.ok(
      cached.metrics!.every((m) => m.facts !== undefined),
      'listed from facts, columns read on demand',
    );
    assert.deepEqual(await answers(cached), await answers(run));
    assert.equal((await new MemorySource(cached).getSeries(query('a')))[0]!.nonMonotonic, back ? true : undefined);
  });
}

test('a run opened from its cache file reads a metric only when a query needs it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-run-cache-lazy-'));
  try {
    const cache = new RunCache({ dir, version: 'v', log: (m) => assert.fail(m) });
    const run = sampleRun(5000, true);
    await cache.store(KEY, [], run);
    const path = join(dir, readdirSync(dir)[0]!);
    const blank = () => writeFileSync(path, Buffer.alloc(statSync(path).size));
    const expected = await answers(run);

    // Nothing but the header is read on opening: listing needs no column.
    const opened = (await cache.load(KEY, []))!;
    // What the run will hold, for the bound on runs held in memory: its 7 columns (2 step-ordered
    // ones for each metric, whose steps go back), each twice (index, copies).
    assert.ok(cachedRunBytes(opened)! >= 2 * 7 * 8 * 5000, `${cachedRunBytes(opened)} bytes`);
    let source = new MemorySource(opened);
    blank();
    assert.deepEqual(await source.listMetrics('lazy'), expected.metrics);
    const blanked = (await source.getSeries(query('a')))[0]!.y;
    assert.ok(blanked.length > 0 && Array.from(blanked).every((y) => y === 0), 'read after the open');

    // One metric's step chart reads its points in step order; the other metric's stay unread.
    await cache.store(KEY, [], run);
    source = new MemorySource((await cache.load(KEY, []))!);
    const a = await source.getSeries(query('a'));
    assert.deepEqual(a, expected.series[0]);
    blank();
    assert.ok(Array.from((await source.getSeries(query('b')))[0]!.y).every((y) => y === 0));
    assert.deepEqual(await source.getSeries(query('a')), a, 'a metric read stays read');

    // A file cut short after opening (by something else than runpage) gives an error answer, not a crash.
    await cache.store(KEY, [], run);
    source = new MemorySource((await cache.load(KEY, []))!);
    truncateSync(path, 4096);
    await assert.rejects(source.getSeries(query('b')), /shorter than when it was opened/);
    assert.deepEqual(await source.listMetrics('lazy'), expected.metrics);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const fds = '/proc/self/fd';
test(
  'the cache file is closed once every section of it is read',
  { skip: existsSync(fds) ? false : 'no /proc/self/fd' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpage-run-cache-lazy-'));
    try {
      const cache = new RunCache({ dir, version: 'v', log: (m) => assert.fail(m) });
      const run = sampleRun(100, true);
      await cache.store(KEY, [], run);
      const before = readdirSync(fds).length;
      const loaded = (await cache.load(KEY, []))!;
      assert.equal(readdirSync(fds).length, before + 1, 'open while sections are unread');
      for (const m of loaded.metrics!) {
        void [m.step, m.value, m.time, m.runtime];
        m.facts!.byStep!();
      }
      assert.equal(readdirSync(fds).length, before + 1, 'the console is not read yet');
      const logs = loaded.logs as { line(i: number): unknown };
      assert.deepEqual(logs.line(1), { text: 'oops', stream: 'stderr' });
      assert.equal(readdirSync(fds).length, before, 'closed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

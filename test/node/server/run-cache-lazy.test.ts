/**
 * A run opened from its cache file reads only its header (src/server/cached-run.ts): a metric's
 * columns are read when a query first needs them, a step chart reads only the points in step
 * order (stored sorted, so a reopened run never sorts), and the file is closed once all of it is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
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

/** The header of a cache file and where its data starts. */
function headerOf(file: Buffer): {
  header: { metrics: { key: string; paged?: { index: number } }[]; sections: { offset: number }[] };
  start: number;
  length: number;
} {
  const length = file.readUInt32LE(8);
  return { header: JSON.parse(file.toString('utf8', 16, 16 + length)), start: (16 + length + 7) & ~7, length };
}

for (const back of [false, true]) {
  test(`a big metric's step chart answers from its stored index, as the run it was written from (steps ${back ? 'going back' : 'in order'})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpage-run-cache-lazy-'));
    try {
      const cache = new RunCache({ dir, version: 'v', log: (m) => assert.fail(m), pagedFrom: 1000 });
      const run = sampleRun(20_000, back);
      run.metrics.push({ key: 'small', step: [1, 2, 3], value: [3, 2, 1] });
      await cache.store(KEY, [], run);
      const loaded = (await cache.load(KEY, []))!;
      const [a, b, small] = loaded.metrics!;
      assert.ok(a!.facts!.byStepPaged!()!.index.length > 0, 'a big metric is read in pieces');
      assert.equal(a!.facts!.byStepPaged!()!.x, b!.facts!.byStepPaged!()!.x, 'one x for metrics logged together');
      assert.equal(small!.facts!.byStepPaged, undefined, 'a small one is read whole');
      const source = new MemorySource(loaded);
      const fresh = new MemorySource(run);
      for (const key of ['a', 'b', 'small'])
        for (const range of [undefined, [100, 3000], [-5, 2], [4000, 4000]] as const)
          for (const points of [1, 50, 2000, undefined]) {
            const q: SeriesQuery = { runIds: ['lazy'], keys: [key], x: 'step', points };
            if (range) q.range = [...range];
            assert.deepEqual(await source.getSeries(q), await fresh.getSeries(q), `${key} ${String(range)} ${points}`);
          }
      const smoothed: SeriesQuery = { ...query('a'), smoothing: { kind: 'ema', weight: 0.9 } };
      assert.deepEqual(await source.getSeries(smoothed), await fresh.getSeries(smoothed), 'smoothed: read whole');
      assert.deepEqual(await answers(loaded), await answers(run));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a damaged index section is reported, its metric read whole, and the run read again on the next open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-run-cache-lazy-'));
  try {
    const warnings: string[] = [];
    const cache = new RunCache({ dir, version: 'v', log: (m) => warnings.push(m), pagedFrom: 1000 });
    const run = sampleRun(20_000, true);
    const expected = await new MemorySource(run).getSeries(query('a'));
    await cache.store(KEY, [], run);
    const path = join(dir, readdirSync(dir)[0]!);
    const good = readFileSync(path);
    const { header, start, length } = headerOf(good);
    const index = header.sections[header.metrics[0]!.paged!.index]!;

    // a byte changed inside the index: found when a query first reads it
    const spoiled = Buffer.from(good);
    spoiled[start + index.offset + 100]! ^= 4;
    writeFileSync(path, spoiled);
    const source = new MemorySource((await cache.load(KEY, []))!);
    assert.deepEqual(warnings, []);
    assert.deepEqual(await source.getSeries(query('a')), expected, 'answered from the columns');
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /ignored the cache of .*: the index of metric a is damaged \(its checksum does not match\); the run is read again/,
    );
    assert.ok(!existsSync(path), 'removed: the next open reads the run');
    assert.deepEqual(await source.getSeries(query('a')), expected, 'still answers');
    assert.equal(await cache.load(KEY, []), undefined);

    // a header naming a section of another size as an index: found on opening
    warnings.length = 0;
    const text = good.toString('utf8', 16, 16 + length);
    const other = text.replace(/"paged":\{"index":\d+/, (m) =>
      m.replace(/\d+$/, String(header.metrics[0]!.paged!.index - 1)),
    );
    assert.notEqual(other, text);
    const bad = Buffer.from(good);
    bad.write(other, 16, 'utf8');
    writeFileSync(path, bad);
    assert.equal(await cache.load(KEY, []), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /ignored the cache of .*section \d+ holds \d+ bytes, not \d+; the run is read again/);
    assert.ok(!existsSync(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'the cache file of a run with big metrics is closed once every section of it is read, pieces included',
  { skip: existsSync(fds) ? false : 'no /proc/self/fd' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpage-run-cache-lazy-'));
    try {
      const cache = new RunCache({ dir, version: 'v', log: (m) => assert.fail(m), pagedFrom: 50 });
      const run = sampleRun(3000, true);
      run.logs = undefined;
      await cache.store(KEY, [], run);
      const before = readdirSync(fds).length;
      const loaded = (await cache.load(KEY, []))!;
      const source = new MemorySource(loaded);
      await source.getSeries(query('a'));
      await source.getSeries(query('b'));
      assert.equal(readdirSync(fds).length, before + 1, 'open while parts of sections are unread');
      for (const m of loaded.metrics!) {
        void [m.step, m.value, m.time, m.runtime];
        const paged = m.facts!.byStepPaged!()!;
        assert.deepEqual(paged.x.all(), m.facts!.byStep!().x);
        assert.equal(paged.y.all(), m.facts!.byStep!().y, 'one array, read once');
      }
      assert.equal(readdirSync(fds).length, before, 'closed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

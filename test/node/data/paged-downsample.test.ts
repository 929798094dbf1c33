import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { downsample, sortByX } from '../../../src/data/downsample.js';
import { FINE, LEAF, MinMaxIndex } from '../../../src/data/minmax-index.js';
import { indexFromBytes, indexToBytes } from '../../../src/data/minmax-index-bytes.js';
import { CHUNK, PagedColumn, chunkStarts, downsamplePaged } from '../../../src/data/paged-downsample.js';
import { mulberry32 } from '../../../src/data/random.js';

/** Step-ordered points: steps that repeat (a resumed run) or skip, y with spikes, ties and gaps. */
function points(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rnd = mulberry32(seed);
  const step = new Float64Array(n);
  const y = new Float64Array(n);
  let s = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    s += r < 0.3 ? 0 : r < 0.95 ? 1 : Math.floor(rnd() * 500);
    step[i] = s;
    v += rnd() - 0.5;
    const q = rnd();
    y[i] = q < 0.002 ? v * 1e6 : q < 0.004 ? NaN : q < 0.005 ? -Infinity : q < 0.1 ? Math.round(v) : v;
  }
  if (n > 20_000) y.fill(NaN, 10_000, 10_000 + 3 * LEAF);
  return sortByX(step, y);
}

/** A column over `values` that counts the points it reads. */
function paged(values: Float64Array, sorted: boolean) {
  const reads = { points: 0, calls: 0 };
  const column = new PagedColumn(
    values.length,
    (from, into) => {
      reads.calls++;
      reads.points += into.length;
      into.set(values.subarray(from, from + into.length));
    },
    sorted ? chunkStarts(values) : undefined,
  );
  return { column, reads };
}

describe('downsamplePaged', () => {
  it('answers as downsample over the whole columns, for any range and pixel count', () => {
    const rnd = mulberry32(7);
    for (const n of [0, 1, 5, CHUNK - 1, CHUNK + 1, 3 * LEAF + 5, 20_000, 200_000]) {
      const { x, y } = points(n, n + 1);
      const index = new MinMaxIndex(y);
      const stored = indexFromBytes(indexToBytes(index), y.length);
      for (let q = 0; q < 40; q++) {
        const a = x[Math.floor(rnd() * n)] ?? 0;
        const b = x[Math.floor(rnd() * n)] ?? 0;
        const options = {
          points: [1, 3, 50, 1000, undefined][q % 5],
          range: q % 3 === 0 ? undefined : ([a - rnd() * 10, b + (q % 2) * rnd() * 10] as [number, number]),
        };
        const want = downsample(x, y, { ...options, index });
        const got = downsamplePaged(paged(x, true).column, paged(y, false).column, stored, options);
        assert.deepEqual(got, want, `n=${n} ${JSON.stringify(options)}`);
      }
    }
  });

  it('answers as downsample over steps logged again and again (a resumed run)', () => {
    const n = 100_000;
    const rnd = mulberry32(13);
    const { x, y } = sortByX(
      Float64Array.from({ length: n }, (_, i) => i % 37),
      Float64Array.from({ length: n }, () => (rnd() < 0.01 ? NaN : rnd())),
    );
    const index = new MinMaxIndex(y);
    for (const points of [10, 37, 100, 1000])
      for (const range of [undefined, [3, 20], [2.5, 2.5]] as const) {
        const options = { points, range: range && ([...range] as [number, number]) };
        assert.deepEqual(
          downsamplePaged(paged(x, true).column, paged(y, false).column, index, options),
          downsample(x, y, { ...options, index }),
          JSON.stringify(options),
        );
      }
  });

  it('reads a small part of big columns for a chart, and the rest only when asked for them whole', () => {
    const { x, y } = points(1_000_000, 3);
    const index = new MinMaxIndex(y);
    const px = paged(x, true);
    const py = paged(y, false);
    const want = downsample(x, y, { points: 100, index });
    assert.deepEqual(downsamplePaged(px.column, py.column, index, { points: 100 }), want);
    const read = px.reads.points + py.reads.points;
    assert.ok(read < 0.15 * 2 * x.length, `${read} points read of ${2 * x.length}`);
    let whole: Float64Array | undefined;
    const again = new PagedColumn(
      y.length,
      (from, into) => into.set(y.subarray(from, from + into.length)),
      undefined,
      (v) => (whole = v),
    );
    assert.equal(downsamplePaged(px.column, again, index, { points: 1000 }).total, y.length);
    assert.equal(whole, undefined, 'not read whole');
    assert.deepEqual(again.all(), y);
    assert.equal(whole, again.all(), 'told once whole');
    assert.ok(again.complete);
  });

  it('answers a zoomed range reading chunks near its ends only', () => {
    const { x, y } = points(500_000, 9);
    const index = new MinMaxIndex(y);
    const px = paged(x, true);
    const py = paged(y, false);
    const range: [number, number] = [x[200_000]!, x[200_300]!];
    assert.deepEqual(
      downsamplePaged(px.column, py.column, index, { points: 100, range }),
      downsample(x, y, { points: 100, range, index }),
    );
    assert.ok(px.reads.points + py.reads.points < 20 * CHUNK);
  });
});

describe('MinMaxIndex.query', () => {
  // downsamplePaged fills y only within 2 · LEAF of a column's ends before querying it.
  it('reads y only within 2 · LEAF of the range ends', () => {
    const { y } = points(50_000, 5);
    const index = new MinMaxIndex(y);
    const rnd = mulberry32(11);
    for (let q = 0; q < 2000; q++) {
      const from = Math.floor(rnd() * y.length);
      const to = Math.min(y.length, from + 1 + Math.floor(rnd() * (q % 2 ? 40 * FINE : 20 * LEAF)));
      const poisoned = new Float64Array(y.length).fill(-1e300);
      if (to - from <= 4 * LEAF) poisoned.set(y.subarray(from, to), from);
      else {
        poisoned.set(y.subarray(from, from + 2 * LEAF), from);
        poisoned.set(y.subarray(to - 2 * LEAF, to), to - 2 * LEAF);
      }
      const want = new Int32Array(6);
      const got = new Int32Array(6);
      index.query(y, from, to, want);
      index.query(poisoned, from, to, got);
      assert.deepEqual(got, want, `${from}–${to}`);
    }
  });
});

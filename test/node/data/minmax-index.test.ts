import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FANOUT, FINE, LEAF, MinMaxIndex, scanRange } from '../../../src/data/minmax-index.js';
import { downsample, SharedColumns } from '../../../src/data/downsample.js';
import { deoptimisations, optimisationTrace, optimised } from '../../support/v8-trace.js';
import { mulberry32 } from '../../../src/data/random.js';

/** A noisy walk with single-sample spikes, flat runs (ties), gaps (NaN, ±Infinity) and −0. */
function spiky(n: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  const y = new Float64Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) {
    v += rnd() - 0.5;
    const r = rnd();
    if (r < 0.002) y[i] = v + (rnd() < 0.5 ? -1 : 1) * 1e6;
    else if (r < 0.004) y[i] = NaN;
    else if (r < 0.005) y[i] = rnd() < 0.5 ? Infinity : -Infinity;
    else if (r < 0.006) y[i] = -0;
    else if (r < 0.1) y[i] = Math.round(v);
    else y[i] = v;
  }
  // a long stretch without any finite value
  if (n > 5000) y.fill(NaN, 3000, 3000 + 3 * LEAF * FANOUT);
  return y;
}

function scan(y: Float64Array, from: number, to: number): number[] {
  const out = new Int32Array(6);
  scanRange(y, from, to, out);
  return [...out];
}

function query(index: MinMaxIndex, y: Float64Array, from: number, to: number): number[] {
  const out = new Int32Array(6);
  index.query(y, from, to, out);
  return [...out];
}

describe('MinMaxIndex', () => {
  it('answers any index range exactly as a scan does (random data with spikes and gaps)', () => {
    for (const [n, seed] of [
      [0, 1],
      [1, 2],
      [LEAF, 3],
      [LEAF * FANOUT + 5, 4],
      [200_000, 5],
    ] as const) {
      const y = spiky(n, seed);
      const index = new MinMaxIndex(y);
      const rnd = mulberry32(seed * 31);
      for (let t = 0; t < 400; t++) {
        const a = Math.floor(rnd() * (n + 1));
        // short, block-sized and long ranges
        const len = Math.floor(rnd() ** 3 * (n - a + 1));
        assert.deepEqual(query(index, y, a, a + len), scan(y, a, a + len), `n=${n} range [${a}, ${a + len})`);
      }
      assert.deepEqual(query(index, y, 0, n), scan(y, 0, n));
    }
  });

  it('answers like a scan where every value is finite and equal values abound (extremes taken from nodes)', () => {
    // few distinct values: the node extremes that decide a fringe tie with the ones folded before
    for (const [levels, seed] of [
      [3, 41],
      [50, 42],
    ] as const) {
      const rnd = mulberry32(seed);
      const n = 60_000;
      const y = new Float64Array(n);
      let v = 0;
      for (let i = 0; i < n; i++) {
        v = Math.max(0, Math.min(levels - 1, v + Math.round((rnd() - 0.5) * 2.2)));
        y[i] = rnd() < 0.001 ? (rnd() < 0.5 ? -0 : v) : v;
      }
      const index = new MinMaxIndex(y);
      for (let t = 0; t < 3000; t++) {
        const a = Math.floor(rnd() * n);
        const len = Math.floor(rnd() ** 2 * Math.min(n - a, 5 * LEAF * FANOUT));
        assert.deepEqual(query(index, y, a, a + len), scan(y, a, a + len), `levels=${levels} range [${a}, ${a + len})`);
      }
    }
  });

  it('answers like a scan for ranges that start and end at leaf and node edges, or one point off', () => {
    // all-finite nodes beside nodes with NaN, Infinity and -Infinity, so both fringe paths meet every edge
    const n = 6 * LEAF * FANOUT + 37;
    const rnd = mulberry32(61);
    const y = new Float64Array(n);
    let v = 0;
    for (let i = 0; i < n; i++) {
      v += rnd() - 0.5;
      y[i] = Math.round(v * 4) / 4;
    }
    for (const [at, bad] of [
      [LEAF * 3 + 5, NaN],
      [LEAF * 3 + FINE, Infinity],
      [LEAF * 9 + FINE - 1, -Infinity],
      [LEAF * FANOUT * 2 + 64, NaN],
      [LEAF * FANOUT * 4, -Infinity],
    ] as const)
      y[at] = bad;
    y.fill(NaN, LEAF * 20, LEAF * 21);
    const index = new MinMaxIndex(y);
    const edges: number[] = [];
    for (const unit of [FINE, LEAF, LEAF * FANOUT])
      for (let k = 0; k * unit <= n; k += unit === FINE ? 7 : 1)
        for (const d of [-1, 0, 1]) if (k * unit + d >= 0 && k * unit + d <= n) edges.push(k * unit + d);
    for (let t = 0; t < 20_000; t++) {
      const a = edges[Math.floor(rnd() * edges.length)];
      const b = edges[Math.floor(rnd() * edges.length)];
      const [from, to] = a <= b ? [a, b] : [b, a];
      assert.deepEqual(query(index, y, from, to), scan(y, from, to), `range [${from}, ${to})`);
    }
  });

  it('gives the minimum and maximum values with the indexes', () => {
    const y = spiky(20_000, 43);
    const index = new MinMaxIndex(y);
    const rnd = mulberry32(44);
    const out = new Int32Array(6);
    const values = new Float64Array(2);
    for (let t = 0; t < 500; t++) {
      const a = Math.floor(rnd() * y.length);
      const b = a + Math.floor(rnd() ** 2 * (y.length - a));
      index.query(y, a, b, out, values);
      if (out[0] < 0) assert.deepEqual([...values], [NaN, NaN]);
      else assert.deepEqual([...values], [y[out[1]], y[out[2]]], `range [${a}, ${b})`);
      scanRange(y, a, b, out, values);
      if (out[0] >= 0) assert.deepEqual([...values], [y[out[1]], y[out[2]]]);
    }
  });

  it('grows with appended points to the same answers as one built at once', () => {
    const y = spiky(50_000, 9);
    const rnd = mulberry32(10);
    const grown = new MinMaxIndex(y.subarray(0, 0));
    let n = 0;
    while (n < y.length) {
      n = Math.min(y.length, n + 1 + Math.floor(rnd() ** 4 * 5000));
      grown.extend(y.subarray(0, n));
      assert.equal(grown.length, n);
      const a = Math.floor(rnd() * n);
      assert.deepEqual(query(grown, y, a, n), scan(y, a, n), `after growing to ${n}`);
      assert.deepEqual(query(grown, y, 0, n), scan(y, 0, n), `after growing to ${n}`);
    }
    const whole = new MinMaxIndex(y);
    for (let t = 0; t < 200; t++) {
      const a = Math.floor(rnd() * y.length);
      const b = a + Math.floor(rnd() * (y.length - a));
      assert.deepEqual(query(grown, y, a, b), query(whole, y, a, b));
    }
  });

  it('starts again when given a shorter column', () => {
    const y = spiky(10_000, 11);
    const index = new MinMaxIndex(y);
    const other = spiky(3_000, 12);
    index.extend(other);
    assert.equal(index.length, 3_000);
    assert.deepEqual(query(index, other, 0, 3_000), scan(other, 0, 3_000));
  });

  it('is a small fraction of the data it indexes', () => {
    const n = 1_000_000;
    const index = new MinMaxIndex(spiky(n, 13));
    // x and y columns: 16 bytes a point
    assert.ok(index.bytes < 0.03 * 16 * n, `${index.bytes} bytes`);
  });
});

describe('downsample with a MinMaxIndex', () => {
  it('returns exactly what the scan returns (random data with spikes, any range and width)', () => {
    const n = 300_000;
    const y = spiky(n, 21);
    const rnd = mulberry32(22);
    // x with repeats and irregular steps
    const x = new Float64Array(n);
    for (let i = 1; i < n; i++) x[i] = x[i - 1] + (rnd() < 0.1 ? 0 : rnd() * 3);
    const index = new MinMaxIndex(y);
    const end = x[n - 1];
    for (let t = 0; t < 60; t++) {
      const points = 1 + Math.floor(rnd() * 2000);
      const lo = rnd() * end;
      const range: [number, number] | undefined = t % 5 === 0 ? undefined : [lo, lo + rnd() ** 2 * (end - lo)];
      const plain = downsample(x, y, { points, range });
      const fast = downsample(x, y, { points, range, index });
      assert.deepEqual([...fast.x], [...plain.x], `points=${points} range=${range?.join('–')}`);
      assert.deepEqual([...fast.y], [...plain.y]);
      assert.deepEqual([fast.exact, fast.total, fast.nonFinite], [plain.exact, plain.total, plain.nonFinite]);
    }
  });

  it('returns what the scan returns over uneven x whose columns split leaves and nodes anywhere', () => {
    // x gaps that put column ends at leaf and node edges and inside them; y with NaN and ±Infinity
    const n = 120_000;
    const rnd = mulberry32(71);
    const x = new Float64Array(n);
    for (let i = 1; i < n; i++) x[i] = x[i - 1] + (i % LEAF === 0 ? 50 : i % FINE === 0 ? 5 : rnd() < 0.2 ? 0 : rnd());
    const y = spiky(n, 72);
    const index = new MinMaxIndex(y);
    for (let t = 0; t < 40; t++) {
      const points = 1 + Math.floor(rnd() * 3000);
      const lo = x[Math.floor(rnd() * n)];
      const range: [number, number] = [lo, lo + rnd() * (x[n - 1] - lo)];
      const plain = downsample(x, y, { points, range });
      const fast = downsample(x, y, { points, range, index });
      assert.deepEqual([...fast.x], [...plain.x], `points=${points} range=${range.join('–')}`);
      assert.deepEqual([...fast.y], [...plain.y]);
      assert.deepEqual([fast.exact, fast.total, fast.nonFinite], [plain.exact, plain.total, plain.nonFinite]);
    }
  });

  it('keeps every single-sample spike at 1,000 columns', () => {
    const n = 1_000_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = new Float64Array(n);
    const spikes = [17, 123_456, 500_000, 777_777, 999_998];
    for (const s of spikes) y[s] = s % 2 ? 1000 : -1000;
    const d = downsample(x, y, { points: 1000, index: new MinMaxIndex(y) });
    for (const s of spikes) assert.ok(d.x.includes(s), `spike at ${s}`);
  });

  it('finds the same columns for metrics that share their x column', () => {
    const n = 200_000;
    const x = new Float64Array(n);
    const rnd = mulberry32(51);
    for (let i = 1; i < n; i++) x[i] = x[i - 1] + (rnd() < 0.1 ? 0 : rnd() * 3);
    const ys = [spiky(n, 52), spiky(n, 53), spiky(n, 54)];
    const indexes = ys.map((y) => new MinMaxIndex(y));
    const end = x[n - 1];
    for (let t = 0; t < 30; t++) {
      const points = 1 + Math.floor(rnd() * 2000);
      const lo = rnd() * end;
      const range: [number, number] | undefined = t % 5 === 0 ? undefined : [lo, lo + rnd() ** 2 * (end - lo)];
      const columns = new SharedColumns();
      ys.forEach((y, k) => {
        // one of them through a view of the same memory, as a metric store hands its column out
        const xs = k === 1 ? x.subarray(0) : x;
        const shared = downsample(xs, y, { points, range, index: indexes[k], columns });
        const alone = downsample(x, y, { points, range });
        assert.deepEqual([...shared.x], [...alone.x], `points=${points} range=${range?.join('–')}`);
        assert.deepEqual([...shared.y], [...alone.y]);
        assert.deepEqual([shared.exact, shared.total, shared.nonFinite], [alone.exact, alone.total, alone.nonFinite]);
      });
    }
  });

  it('is not used for a column it does not cover', () => {
    const y = spiky(10_000, 31);
    const x = Float64Array.from({ length: y.length }, (_, i) => i);
    const stale = new MinMaxIndex(y.subarray(0, 5_000));
    const d = downsample(x, y, { points: 100, index: stale });
    assert.deepEqual([...d.y], [...downsample(x, y, { points: 100 }).y]);
  });
});

describe('M4 at every zoom level (V8)', () => {
  it('zooms to a new column width with the code the full view optimised: no deoptimisation', () => {
    // A path taken only at some widths (a scan for short ranges, a pass for narrow columns, the
    // range's outer points in the hot loop) first runs at the first zoom to that width: cold, and
    // it throws away the optimised code of its callers. The chart's first zoom to each new level
    // then cost 5–20 ms more than the next one at that level.
    const { warm, zooms } = optimisationTrace(new URL('./support/zoom-levels.ts', import.meta.url));
    const hot = ['query', 'm4Columns', 'columnStarts', 'touchColumnEnds'];
    for (const name of hot) assert.ok(optimised(warm, name), `${name} optimised`);
    assert.deepEqual(deoptimisations(zooms, hot), []);
  });
});

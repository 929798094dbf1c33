import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  downsample,
  evenSpacing,
  EvenSpacingCheck,
  lowerBound,
  SharedColumns,
  sortByX,
  upperBound,
} from '../../../src/data/downsample.js';
import { MinMaxIndex } from '../../../src/data/minmax-index.js';
import { mulberry32 } from '../../../src/data/random.js';

const f64 = (a: number[]): Float64Array => Float64Array.from(a);

/** M4 written the slow, obvious way: group indexes by column, pick, sort, dedupe. */
function naiveM4(x: Float64Array, y: Float64Array, lo: number, hi: number, points: number): number[] {
  const columns = new Map<number, number[]>();
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo || x[i] > hi) continue;
    const c = Math.min(points - 1, Math.floor(((x[i] - lo) / (hi - lo)) * points));
    if (!columns.has(c)) columns.set(c, []);
    columns.get(c)!.push(i);
  }
  const picked: number[] = [];
  for (const idx of columns.values()) {
    const finite = idx.filter((i) => Number.isFinite(y[i]));
    const set = new Set<number>();
    if (finite.length > 0) {
      set.add(finite[0]);
      set.add(finite[finite.length - 1]);
      set.add(finite.reduce((a, b) => (y[b] < y[a] ? b : a)));
      set.add(finite.reduce((a, b) => (y[b] > y[a] ? b : a)));
    }
    const gap = idx.find((i) => !Number.isFinite(y[i]));
    if (gap !== undefined) set.add(gap);
    picked.push(...set);
  }
  return picked.sort((a, b) => a - b);
}

describe('downsample', () => {
  it('handles empty input', () => {
    const r = downsample(f64([]), f64([]), { points: 10 });
    assert.deepEqual([r.x.length, r.total, r.exact, r.nonFinite], [0, 0, true, 0]);
    const ranged = downsample(f64([]), f64([]), { points: 10, range: [0, 5] });
    assert.deepEqual([ranged.x.length, ranged.total, ranged.exact], [0, 0, true]);
  });

  it('returns a single point as is', () => {
    const r = downsample(f64([3]), f64([7]), { points: 1 });
    assert.deepEqual([...r.x], [3]);
    assert.deepEqual([...r.y], [7]);
    assert.equal(r.exact, true);
  });

  it('returns every raw point when they fit in 4 × points, or without points', () => {
    const x = f64(Array.from({ length: 40 }, (_, i) => i));
    const y = f64(Array.from({ length: 40 }, (_, i) => i * i));
    for (const points of [10, 100, undefined]) {
      const r = downsample(x, y, { points });
      assert.deepEqual([...r.x], [...x]);
      assert.deepEqual([...r.y], [...y]);
      assert.equal(r.exact, true);
      assert.equal(r.total, 40);
    }
    assert.equal(downsample(x, y, { points: 9 }).exact, false);
  });

  it('matches an obvious M4 on random data with gaps', () => {
    const rnd = mulberry32(3);
    const n = 5000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += rnd() * 2; // uneven spacing, some equal x
      x[i] = Math.round(t);
      y[i] = rnd() < 0.01 ? NaN : rnd() < 0.005 ? Infinity : rnd() * 100;
    }
    for (const points of [7, 50, 333]) {
      const r = downsample(x, y, { points });
      const expected = naiveM4(x, y, x[0], x[n - 1], points);
      assert.deepEqual(
        [...r.x],
        expected.map((i) => x[i]),
        `x at ${points} px`,
      );
      assert.deepEqual(
        [...r.y],
        expected.map((i) => y[i]),
        `y at ${points} px`,
      );
      assert.equal(r.exact, expected.length === n);
      assert.equal(r.nonFinite, [...y].filter((v) => !Number.isFinite(v)).length);
    }
  });

  it('includes the nearest point beyond each end of a range, not counted in total', () => {
    const x = f64(Array.from({ length: 1000 }, (_, i) => i));
    const y = f64(Array.from({ length: 1000 }, (_, i) => Math.sin(i)));
    const raw = downsample(x, y, { range: [100.5, 110.5], points: 100 });
    assert.deepEqual([...raw.x], [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111]);
    assert.equal(raw.total, 10);
    assert.equal(raw.exact, true);
    const m4 = downsample(x, y, { range: [200, 800], points: 10 });
    assert.equal(m4.x[0], 199);
    assert.equal(m4.x[m4.x.length - 1], 801);
    assert.equal(m4.total, 601);
    assert.equal(m4.exact, false);
    assert.ok(m4.x.length <= 4 * 10 + 2);
    const atEdges = downsample(x, y, { range: [0, 999], points: 10 });
    assert.equal(atEdges.x[0], 0);
    assert.equal(atEdges.x[atEdges.x.length - 1], 999);
  });

  it('keeps a single-sample spike in every column layout', () => {
    const n = 100_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i;
      y[i] = Math.sin(i / 1000);
    }
    y[31_337] = 50;
    y[77_777] = -50;
    for (const points of [1, 2, 3, 100, 999, 1920]) {
      const r = downsample(x, y, { points });
      assert.ok([...r.y].includes(50) && [...r.y].includes(-50), `spikes at ${points} px`);
      assert.ok(r.x.length <= 4 * points);
    }
  });

  it('shows an all-NaN series as gaps and counts them', () => {
    const x = f64(Array.from({ length: 100 }, (_, i) => i));
    const y = new Float64Array(100).fill(NaN);
    const r = downsample(x, y, { points: 10 });
    assert.equal(r.nonFinite, 100);
    assert.equal(r.x.length, 10);
    assert.ok([...r.y].every((v) => Number.isNaN(v)));
    assert.equal(r.exact, false);
    const raw = downsample(x, y, { points: 50 });
    assert.equal(raw.x.length, 100);
    assert.equal(raw.nonFinite, 100);
  });

  it('counts the non-finite values of every-point answers, with or without an index', () => {
    // NaN and ±Infinity in a range of raw points (each value given back), in nodes of every kind
    const n = 5000;
    const x = f64(Array.from({ length: n }, (_, i) => i));
    const y = f64(Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : i % 389 === 0 ? -Infinity : i % 2)));
    y.fill(Infinity, 1280, 1410);
    const index = new MinMaxIndex(y);
    for (const range of [undefined, [1000, 1999], [1281, 1290], [3, 3]] as const) {
      const inRange = range ? y.subarray(range[0], range[1] + 1) : y;
      const expected = [...inRange].filter((v) => !Number.isFinite(v)).length;
      for (const options of [{ range }, { range, index }, { range, points: 4000, index }]) {
        const r = downsample(x, y, options);
        assert.equal(r.exact, true);
        assert.equal(r.nonFinite, expected, `range ${range?.join('–')} ${options.index ? 'with' : 'without'} index`);
      }
    }
  });

  it('places a gap point in x order inside its column and keeps the finite M4 points', () => {
    const x = f64([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const y = f64([5, 1, NaN, 9, 2, 4, 4, 4, 4, 4]);
    const r = downsample(x, y, { points: 2 });
    // Column 0 is x 0…4: first 0 (5), min 1 (1), gap 2, max 3 (9), last 4 (2).
    assert.deepEqual([...r.x.subarray(0, 5)], [0, 1, 2, 3, 4]);
    assert.ok(Number.isNaN(r.y[2]));
    assert.equal(r.nonFinite, 1);
  });

  it('handles duplicate x (a zero-width range of data)', () => {
    const x = new Float64Array(100).fill(5);
    const y = f64(Array.from({ length: 100 }, (_, i) => (i === 40 ? 100 : i === 60 ? -100 : 1)));
    const r = downsample(x, y, { points: 3 });
    assert.deepEqual([...r.y], [1, 100, -100, 1]);
    assert.equal(r.total, 100);
    const ranged = downsample(x, y, { points: 3, range: [5, 5] });
    assert.deepEqual([...ranged.y], [1, 100, -100, 1]);
  });

  it('handles ranges outside the data, reversed and NaN ends', () => {
    const x = f64([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const y = f64([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const right = downsample(x, y, { range: [100, 200], points: 5 });
    assert.deepEqual([right.total, [...right.x]], [0, [9]]);
    const left = downsample(x, y, { range: [-20, -10], points: 5 });
    assert.deepEqual([left.total, [...left.x]], [0, [0]]);
    const between = downsample(x, y, { range: [3.2, 3.8], points: 5 });
    assert.deepEqual([between.total, [...between.x], between.exact], [0, [3, 4], true]);
    const reversed = downsample(x, y, { range: [6, 2], points: 5 });
    assert.deepEqual([...reversed.x], [1, 2, 3, 4, 5, 6, 7]);
    const open = downsample(x, y, { range: [NaN, 4], points: 5 });
    assert.deepEqual([...open.x], [0, 1, 2, 3, 4, 5]);
  });

  it('returns copies, never the input arrays', () => {
    const x = f64([1, 2, 3]);
    const y = f64([1, 2, 3]);
    const r = downsample(x, y);
    r.y[0] = 99;
    assert.equal(y[0], 1);
  });

  it('returns downsampled columns that stay as they are when written to or when asked again', () => {
    const n = 1000;
    const x = f64(Array.from({ length: n }, (_, i) => i));
    const y = f64(Array.from({ length: n }, (_, i) => Math.sin(i / 7) * 10));
    const r = downsample(x, y, { points: 20 });
    const before = { x: [...r.x], y: [...r.y] };
    assert.equal(r.x.length, r.y.length);
    r.x.fill(-1);
    assert.deepEqual([...r.y], before.y);
    r.x.set(before.x);
    r.y.fill(-1);
    assert.deepEqual([...r.x], before.x);
    r.y.set(before.y);
    downsample(x, y, { points: 30, range: [100, 900] });
    assert.deepEqual({ x: [...r.x], y: [...r.y] }, before);
    assert.equal(y[0], 0);
  });

  it('treats bad point counts as absent or 1', () => {
    const x = f64(Array.from({ length: 20 }, (_, i) => i));
    assert.equal(downsample(x, x, { points: NaN }).x.length, 20);
    assert.ok(downsample(x, x, { points: 0 }).x.length <= 4);
    assert.ok(downsample(x, x, { points: -3 }).x.length <= 4);
  });
});

describe('binary search', () => {
  const x = f64([1, 2, 2, 2, 5]);
  it('finds the ends of runs of equal values', () => {
    assert.equal(lowerBound(x, 2), 1);
    assert.equal(upperBound(x, 2), 4);
    assert.equal(lowerBound(x, 0), 0);
    assert.equal(upperBound(x, 9), 5);
    assert.equal(lowerBound(x, 3), 4);
  });
});

describe('sortByX', () => {
  it('keeps monotonic input as is and says so', () => {
    const r = sortByX([1, 2, 2, 3], [10, 20, 21, 30]);
    assert.equal(r.nonMonotonic, false);
    assert.deepEqual([...r.y], [10, 20, 21, 30]);
  });
  it('sorts stably when x goes backwards (a resumed run)', () => {
    const r = sortByX([0, 1, 2, 3, 2, 3, 4], [0, 1, 2, 3, 20, 30, 40]);
    assert.equal(r.nonMonotonic, true);
    assert.deepEqual([...r.x], [0, 1, 2, 2, 3, 3, 4]);
    assert.deepEqual([...r.y], [0, 1, 2, 20, 3, 30, 40]);
  });
  it('drops points whose x is not finite and counts them', () => {
    const r = sortByX([0, NaN, 2, Infinity], [1, 2, 3, 4]);
    assert.deepEqual([...r.x], [0, 2]);
    assert.equal(r.droppedNonFiniteX, 2);
  });
});

describe('evenSpacing', () => {
  it('finds the spacing of steps logged one by one, from any start and by any stride', () => {
    assert.deepEqual(evenSpacing(f64([0, 1, 2, 3])), { x0: 0, dx: 1 });
    assert.deepEqual(evenSpacing(f64([-10, -5, 0, 5, 10])), { x0: -10, dx: 5 });
    assert.deepEqual(evenSpacing(f64([7, 7, 7])), { x0: 7, dx: 0 });
    const strided = Float64Array.from({ length: 1000 }, (_, i) => 1e6 + i * 100);
    assert.deepEqual(evenSpacing(strided), { x0: 1e6, dx: 100 });
  });

  it('gives a single point a spacing of 0 and no points none', () => {
    assert.deepEqual(evenSpacing(f64([42])), { x0: 42, dx: 0 });
    assert.equal(evenSpacing(f64([])), undefined);
  });

  it('refuses uneven, decreasing and non-finite x', () => {
    assert.equal(evenSpacing(f64([0, 1, 2, 4])), undefined);
    assert.equal(evenSpacing(f64([0, 1, 3, 4])), undefined);
    assert.equal(evenSpacing(f64([3, 2, 1])), undefined);
    assert.equal(evenSpacing(f64([0, 1, NaN, 3])), undefined);
    assert.equal(evenSpacing(f64([NaN, 1, 2])), undefined);
    assert.equal(evenSpacing(f64([NaN])), undefined);
    assert.equal(evenSpacing(f64([0, Infinity])), undefined);
    assert.equal(evenSpacing(f64([-Infinity, 0, 1])), undefined);
    assert.equal(evenSpacing(f64([1e308, 1.7e308, Infinity])), undefined, 'x0 + 2 · dx overflows');
  });

  it('takes x only where x0 + i · dx computes exactly that value (float rounding)', () => {
    // 0.1 · i is not the sum of i steps of 0.1: accumulated x drifts from the computed ones
    const summed = new Float64Array(100);
    for (let i = 1; i < 100; i++) summed[i] = summed[i - 1] + 0.1;
    assert.equal(evenSpacing(summed), undefined);
    const computed = Float64Array.from({ length: 100 }, (_, i) => 0 + i * 0.1);
    assert.deepEqual(evenSpacing(computed), { x0: 0, dx: 0.1 });
    // whatever spacing is found gives every x back exactly
    for (const [x0, dx] of [
      [0.1, 0.2],
      [-3, 0.1],
      [100, 0.001],
      [0.5, 1 / 3],
      [1e15, 0.3],
    ]) {
      const x = Float64Array.from({ length: 5000 }, (_, i) => x0 + i * dx);
      const found = evenSpacing(x);
      if (found) x.forEach((v, i) => assert.equal(found.x0 + i * found.dx, v));
    }
    assert.equal(evenSpacing(f64([100, 100.001, 100.002])), undefined, '100.001 − 100 is not 0.001');
  });

  it('follows a column as it grows and stays refused once a point is off', () => {
    const check = new EvenSpacingCheck();
    assert.equal(check.spacing, undefined);
    check.add(5);
    assert.deepEqual(check.spacing, { x0: 5, dx: 0 });
    check.add(7);
    check.add(9);
    assert.deepEqual(check.spacing, { x0: 5, dx: 2 });
    assert.equal(check.add(12), false);
    assert.equal(check.add(13), false);
    assert.equal(check.spacing, undefined);
  });
});

describe('downsample with evenly spaced x', () => {
  function answers(x: Float64Array, y: Float64Array, range: [number, number] | undefined, points: number) {
    const index = new MinMaxIndex(y);
    const read = downsample(x, y, { range, points, index, columns: new SharedColumns() });
    const even = evenSpacing(x);
    assert.ok(even);
    const computed = downsample(x, y, { range, points, index, columns: new SharedColumns(), even });
    return { read, computed };
  }

  it('gives the answer that reading x gives, bit for bit, over random ranges, gaps and strides', () => {
    const rnd = mulberry32(11);
    for (const [x0, dx] of [
      [0, 1],
      [-3, 0.25],
      [1e9, 7],
      [0, 1 / 3],
      [0, 0.1],
    ]) {
      const n = 20_000;
      const x = Float64Array.from({ length: n }, (_, i) => x0 + i * dx);
      const y = Float64Array.from({ length: n }, () => (rnd() < 0.002 ? NaN : rnd() < 0.001 ? -Infinity : rnd()));
      for (let t = 0; t < 30; t++) {
        const a = x0 + rnd() * n * dx;
        const b = a + rnd() * rnd() * n * dx;
        const range: [number, number] | undefined = t === 0 ? undefined : [a, b];
        const points = 1 + Math.floor(rnd() * 700);
        const { read, computed } = answers(x, y, range, points);
        assert.deepEqual([...computed.x], [...read.x], `x of [${range}] at ${points} px, dx ${dx}`);
        assert.deepEqual([...computed.y], [...read.y]);
        assert.deepEqual(
          [computed.exact, computed.total, computed.nonFinite],
          [read.exact, read.total, read.nonFinite],
        );
      }
    }
  });

  it('reads x only to find the ends of the range: the columns and the kept x are computed', () => {
    // a column apart, each read of x is a cache miss; a zoom to half of 1M points made 10,000s of them
    const n = 1_000_000;
    const column = Float64Array.from({ length: n }, (_, i) => 5 + i * 3);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50) + (i % 997 === 0 ? 10 : 0));
    const index = new MinMaxIndex(y);
    let reads = 0;
    // counts the reads of an index (methods and length pass through)
    const x = new Proxy(column, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const range: [number, number] = [5 + 250_000 * 3, 5 + 750_000 * 3];
    const even = evenSpacing(column)!;
    const computed = downsample(x, y, { range, points: 1000, index, columns: new SharedColumns(), even });
    const computedReads = reads;
    reads = 0;
    const read = downsample(x, y, { range, points: 1000, index, columns: new SharedColumns() });
    assert.deepEqual([...computed.x], [...read.x]);
    assert.deepEqual([...computed.y], [...read.y]);
    // two binary searches for the range's ends, its two outer points, the check of the spacing
    assert.ok(computedReads <= 2 * 21 + 4, `${computedReads} reads of x`);
    assert.ok(reads > 1000, `reading x: ${reads} reads`);
  });

  it('reads x after all when the spacing given does not fit the column', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i * 2);
    const y = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const read = downsample(x, y, { points: 10, range: [100, 1500] });
    const wrong = downsample(x, y, { points: 10, range: [100, 1500], even: { x0: 0, dx: 1 } });
    assert.deepEqual([...wrong.x], [...read.x]);
    assert.deepEqual([...wrong.y], [...read.y]);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countUndrawable,
  ensureSorted,
  paddedRange,
  sampleIndexes,
  sharedX,
  valueExtent,
  visibleWindow,
  XYBuffer,
} from '../../../../src/elements/metric-chart/chart-data.js';
import { appendPoint } from '../../../../src/elements/metric-chart/live-append.js';
import { quantileRange } from '../../../../src/elements/metric-chart/outlier-range.js';
import * as order from '../../../../src/data/x-order.js';
import { AlignBuffers, alignColumns } from '../../../../src/elements/metric-chart/x-union.js';

const f = (...v: number[]) => Float64Array.from(v);

test('sharedX uses a shared x as is', () => {
  const x = f(0, 1, 2);
  const a = sharedX([
    { x, y: f(1, 2, 3) },
    { x: f(0, 1, 2), y: f(4, 5, 6) },
  ])!;
  assert.equal(a.x, x);
  assert.deepEqual(a.missing, [null, null]);
  assert.deepEqual(Array.from(a.ys[1]), [4, 5, 6]);
});

test('alignColumns merges different x, marks missing points and keeps repeated x', () => {
  const a = alignColumns([
    { x: f(0, 2, 2, 4), y: f(1, 2, 3, 4) },
    { x: f(1, 2, 5), y: f(10, 20, 50) },
  ]);
  assert.deepEqual(Array.from(a.x), [0, 1, 2, 2, 4, 5]);
  assert.deepEqual(Array.from(a.ys[0]), [1, NaN, 2, 3, 4, NaN]);
  assert.deepEqual(Array.from(a.missing[0]!), [0, 1, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(a.ys[1]), [NaN, 10, 20, NaN, NaN, 50]);
  assert.deepEqual(Array.from(a.missing[1]!), [1, 0, 0, 1, 1, 0]);
});

test('alignColumns keeps a NaN value apart from a missing point', () => {
  const a = alignColumns([
    { x: f(0, 1), y: f(NaN, 1) },
    { x: f(1), y: f(2) },
  ]);
  assert.deepEqual(Array.from(a.missing[0]!), [0, 0]);
  assert.ok(Number.isNaN(a.ys[0][0]));
  assert.deepEqual(Array.from(a.missing[1]!), [1, 0]);
});

test('alignColumns places columns without repeated x as a brute-force merge does', () => {
  // subsets of 0..299 (no repeats in a column): the sorted union, each y at its x, missing elsewhere
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const cols = Array.from({ length: 5 }, () => {
    const xs = Array.from({ length: 300 }, (_, i) => i).filter(() => rnd() < 0.3);
    return { x: Float64Array.from(xs), y: Float64Array.from(xs, (v) => (v % 17 === 0 ? NaN : v * 10 + 1)) };
  });
  const a = alignColumns(cols);
  const union = [...new Set(cols.flatMap((c) => Array.from(c.x)))].sort((p, q) => p - q);
  assert.deepEqual(Array.from(a.x), union);
  cols.forEach((c, j) => {
    const at = new Map(Array.from(c.x, (v, i) => [v, c.y[i]]));
    assert.deepEqual(
      Array.from(a.ys[j]),
      union.map((v) => at.get(v) ?? NaN),
    );
    assert.deepEqual(
      Array.from(a.missing[j]!),
      union.map((v) => (at.has(v) ? 0 : 1)),
    );
  });
});

test('alignColumns of 10 series × 4,000 points stays linear', () => {
  const cols = Array.from({ length: 10 }, (_, k) => {
    const x = new Float64Array(4000);
    for (let i = 0; i < 4000; i++) x[i] = i * 2 + (k % 2);
    return { x, y: x.slice() };
  });
  const a = alignColumns(cols);
  assert.equal(a.x.length, 8000);
  assert.equal(a.ys.length, 10);
});

test('alignColumns into kept buffers gives what fresh columns give, and reuses the memory', () => {
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const columnsOf = (k: number, n: number) =>
    Array.from({ length: k }, () => {
      const xs = Array.from({ length: n }, (_, i) => i).filter(() => rnd() < 0.4);
      // a repeated x in some columns: kept as often as the column that repeats it most
      if (xs.length > 3 && rnd() < 0.5) xs.splice(2, 0, xs[2]);
      return { x: Float64Array.from(xs), y: Float64Array.from(xs, (v) => v * 3 + 1) };
    });
  const buffers = new AlignBuffers();
  let firstY: ArrayBufferLike | undefined;
  // larger, smaller, then larger again: the buffers grow once and are written over after that
  for (const [k, n] of [
    [7, 400],
    [3, 50],
    [7, 380],
    [2, 10],
  ]) {
    const cols = columnsOf(k, n);
    const fresh = alignColumns(cols);
    const kept = alignColumns(cols, buffers);
    assert.deepEqual(Array.from(kept.x), Array.from(fresh.x));
    kept.ys.forEach((y, j) => assert.deepEqual(Array.from(y), Array.from(fresh.ys[j])));
    kept.missing.forEach((m, j) => assert.deepEqual(Array.from(m!), Array.from(fresh.missing[j]!)));
    if (k === 7) {
      firstY ??= kept.ys[0].buffer;
      assert.equal(kept.ys[0].buffer, firstY);
    }
  }
});

test('ensureSorted sorts unsorted input and drops non-finite x', () => {
  const s = ensureSorted({ x: f(2, 1, NaN, 3), y: f(20, 10, 99, 30) }, order);
  assert.deepEqual(Array.from(s.x), [1, 2, 3]);
  assert.deepEqual(Array.from(s.y), [10, 20, 30]);
  assert.equal(s.reordered, true);
  const same = { x: f(1, 2), y: f(1, 2) };
  assert.equal(ensureSorted(same, undefined).x, same.x, 'columns in order need no sort');
});

test('visibleWindow, valueExtent and countUndrawable look only at the window', () => {
  const x = f(0, 1, 2, 3, 4);
  const y = f(5, -1, NaN, 0, Infinity);
  assert.deepEqual(visibleWindow(x, 1, 3), [1, 4]);
  assert.deepEqual(valueExtent([y], 0, 5, false), [-1, 5]);
  assert.deepEqual(valueExtent([y], 0, 5, true), [5, 5]);
  assert.equal(valueExtent([y], 2, 3, false), undefined);
  assert.deepEqual(countUndrawable(y, null, 0, 5), { nonFinite: 2, nonPositive: 2 });
  assert.deepEqual(countUndrawable(y, Uint8Array.from([0, 1, 1, 0, 0]), 0, 5), { nonFinite: 1, nonPositive: 1 });
});

test('quantileRange ignores a single huge outlier', () => {
  const y = new Float64Array(1000);
  for (let i = 0; i < 1000; i++) y[i] = i % 100;
  y[500] = 1e9;
  const [lo, hi] = quantileRange([y], 0, 1000, false)!;
  assert.ok(lo >= 4 && lo <= 6, String(lo));
  assert.ok(hi >= 93 && hi <= 96, String(hi));
  assert.equal(y[500], 1e9); // nothing removed
});

test('quantileRange leaves out what the scale cannot draw', () => {
  const y = Float64Array.from([NaN, Infinity, -Infinity, -4, 0, 1, 2, 3]);
  assert.deepEqual(quantileRange([y], 0, 8, false, 0, 1), [-4, 3]);
  assert.deepEqual(quantileRange([y], 0, 8, true, 0, 1), [1, 3]);
  assert.equal(quantileRange([y], 0, 3, false), undefined);
});

test('paddedRange gives a flat line room and pads log ranges in log space', () => {
  assert.deepEqual(paddedRange(0, 0, false), [-1, 1]);
  assert.deepEqual(paddedRange(0, 10, false), [-0.5, 10.5]);
  const [lo, hi] = paddedRange(1, 100, true);
  assert.ok(Math.abs(Math.log10(lo) + 0.1) < 1e-12 && Math.abs(Math.log10(hi) - 2.1) < 1e-12);
});

test('sampleIndexes spreads at most max indexes, keeping both ends', () => {
  assert.deepEqual(sampleIndexes(0, 3, 10), [0, 1, 2]);
  const s = sampleIndexes(10, 1010, 5);
  assert.deepEqual(s, [10, 260, 510, 759, 1009]);
  assert.deepEqual(sampleIndexes(5, 5, 3), []);
});

test('XYBuffer appends without writing into the arrays it was given', () => {
  const x = f(0, 1);
  const y = f(5, 6);
  const b = new XYBuffer(x, y);
  for (let i = 2; i < 100; i++) appendPoint(b, i, i * 10);
  assert.equal(b.length, 100);
  assert.equal(b.x.length, 100);
  assert.equal(b.x.at(-1), 99);
  assert.equal(b.y.at(-1), 990);
  assert.deepEqual(Array.from(x), [0, 1]);
  assert.deepEqual(Array.from(b.y.subarray(0, 3)), [5, 6, 20]);
});

/**
 * The points of a range when they are few enough to be drawn whole: what `downsample`
 * (downsample.ts) answers when the range holds at most 4 points per pixel column, without its M4
 * and min/max index, which only big series need (a MemorySource loads them with the first one).
 */
import type { MinMaxIndex } from './minmax-index.js';
import { scanRange } from './minmax-scan.js';
import { lowerBound, upperBound } from './sorted-x.js';

export interface Downsampled {
  x: Float64Array;
  y: Float64Array;
  /** True exactly when the returned points include every raw point inside the range. */
  exact: boolean;
  /** Raw points inside the range. */
  total: number;
  /** Non-finite raw values inside the range. */
  nonFinite: number;
}

/** A usable range, or undefined: NaN ends are ignored, reversed ends are swapped. */
export function normalizeRange(range: readonly [number, number] | undefined): [number, number] | undefined {
  if (!range || range.length < 2) return undefined;
  let lo = Number(range[0]);
  let hi = Number(range[1]);
  if (Number.isNaN(lo)) lo = -Infinity;
  if (Number.isNaN(hi)) hi = Infinity;
  if (lo === -Infinity && hi === Infinity) return undefined;
  return lo <= hi ? [lo, hi] : [hi, lo];
}

/** A usable pixel count (integer ≥ 1), or undefined for "no downsampling". */
export function normalizePoints(points: number | undefined): number | undefined {
  if (points === undefined || points === null) return undefined;
  const p = Math.floor(Number(points));
  if (!Number.isFinite(p)) return undefined;
  return Math.max(1, p);
}

/** The rows of a query over sorted x: the range's `[i0, i1)`, and the points just outside it (−1 for none). */
export interface RangeRows {
  range: [number, number] | undefined;
  points: number | undefined;
  i0: number;
  i1: number;
  before: number;
  after: number;
}

export function rangeRows(
  x: Float64Array,
  n: number,
  options: { range?: readonly [number, number]; points?: number },
): RangeRows {
  const range = normalizeRange(options.range);
  const points = normalizePoints(options.points);
  let i0 = 0;
  let i1 = n;
  if (range) {
    i0 = lowerBound(x, range[0], 0, n);
    i1 = upperBound(x, range[1], i0, n);
  }
  return { range, points, i0, i1, before: range && i0 > 0 ? i0 - 1 : -1, after: range && i1 < n ? i1 : -1 };
}

/** Whether the rows are answered whole: no pixel count, or at most 4 raw points per pixel column. */
export function keepsEveryPoint(rows: RangeRows): boolean {
  return rows.points === undefined || rows.i1 - rows.i0 <= 4 * rows.points;
}

/**
 * What `downsample(x, y, options)` answers when it keeps every point of the range, or undefined
 * when the range holds too many for that (then M4 answers). `index`, when it is over this `y`,
 * counts the non-finite values instead of a scan (the same count).
 */
export function wholeSeries(
  x: Float64Array,
  y: Float64Array,
  options: { range?: readonly [number, number]; points?: number; index?: MinMaxIndex },
): Downsampled | undefined {
  const rows = rangeRows(x, Math.min(x.length, y.length), options);
  if (!keepsEveryPoint(rows)) return undefined;
  return everyPoint(x, y, options.index && options.index.length === y.length ? options.index : undefined, rows);
}

const scan = new Int32Array(6);

/**
 * Every raw point of the rows' range, with the points just outside it. Its non-finite values are
 * counted by the code that answers M4 columns (the index's query, or the scan without one),
 * already optimised by the zooms before: a loop of its own would first run at the first zoom this
 * far in, cold.
 */
export function everyPoint(
  x: Float64Array,
  y: Float64Array,
  index: MinMaxIndex | undefined,
  { i0, i1, before, after }: RangeRows,
): Downsampled {
  if (index) index.query(y, i0, i1, scan);
  else scanRange(y, i0, i1, scan);
  const start = before >= 0 ? before : i0;
  const end = after >= 0 ? after + 1 : i1;
  return { x: x.slice(start, end), y: y.slice(start, end), exact: true, total: i1 - i0, nonFinite: scan[5] };
}

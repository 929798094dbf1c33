/**
 * M4 downsampling: per pixel column keep the first, min, max and last point, in x order.
 * That draws exactly the pixels of the raw line, so no single-sample spike is ever lost.
 *
 * Conventions:
 * - `x` is sorted ascending and finite (use `sortByX` first when it may not be).
 * - Non-finite `y` (NaN, ±Infinity) are gaps. They never take part in min/max; a column that holds
 *   any keeps its finite M4 points plus one gap point: the first non-finite raw point of the column,
 *   with its raw value (NaN, Infinity or -Infinity). So a column yields at most 5 points, and at most
 *   4 when it holds no gap.
 * - With a range, the nearest raw point just outside each end is included (when there is one) so a
 *   line runs to the plot edges. `total` counts only the points inside the range.
 * - `exact` is true exactly when every raw point inside the range is returned.
 */
import { scanRange, type MinMaxIndex } from './minmax-index.js';
import { lowerBound, upperBound } from './sorted-x.js';

export { isSortedFinite, lowerBound, sortByX, upperBound, type SortedColumns } from './sorted-x.js';

export interface DownsampleOptions {
  /** Inclusive x range; absent: everything. */
  range?: readonly [number, number];
  /** Pixel columns. Absent (or the range holding ≤ 4 × points raw points): every raw point is returned. */
  points?: number;
  /** A min/max index over this `y`: each column then costs O(log n) instead of a scan (same answer). */
  index?: MinMaxIndex;
  /**
   * Column boundaries kept across calls over the same x (several metrics logged at the same
   * steps): found once for all of them instead of once per metric.
   */
  columns?: SharedColumns;
  /**
   * `x` is evenly spaced (see `EvenSpacing`): M4 then computes the x of the points it keeps instead
   * of reading them, each read a cache miss in a column of millions. Ignored when the ends of the
   * range do not match it.
   */
  even?: EvenSpacing;
}

/**
 * Evenly spaced x, exactly: `x[i] === x0 + i * dx` for every i, as floating point computes the
 * right side, with x0 finite and dx finite and ≥ 0 (so x is sorted and finite too).
 */
export interface EvenSpacing {
  readonly x0: number;
  readonly dx: number;
}

/**
 * Tells, one value at a time (as a column is read or grows), whether x is evenly spaced: the spacing
 * after two points is the second minus the first, and every later point must sit exactly where
 * `x0 + i * dx` computes it.
 */
export class EvenSpacingCheck {
  private x0 = NaN;
  private dx = NaN;
  private n = 0;
  private even = true;

  /** Adds the next value; returns whether the values so far are evenly spaced. */
  add(v: number): boolean {
    const n = this.n++;
    if (!this.even) return false;
    if (n === 0) {
      this.x0 = v;
      // v - v is 0 for finite v, NaN for NaN and ±Infinity
      this.even = v - v === 0;
    } else if (n === 1) {
      this.dx = v - this.x0;
      this.even = this.dx >= 0 && this.dx !== Infinity && this.x0 + this.dx === v;
    } else if (v !== this.x0 + n * this.dx || v - v !== 0) this.even = false;
    return this.even;
  }

  /** The spacing of the values added so far, undefined when there are none or they are not evenly spaced. */
  get spacing(): EvenSpacing | undefined {
    if (!this.even || this.n === 0) return undefined;
    return { x0: this.x0, dx: this.n === 1 ? 0 : this.dx };
  }
}

/** The spacing of `x[0..n)` when it is evenly spaced (see `EvenSpacing`), else undefined. */
export function evenSpacing(x: ArrayLike<number>, n = x.length): EvenSpacing | undefined {
  const check = new EvenSpacingCheck();
  for (let i = 0; i < n; i++) if (!check.add(x[i])) return undefined;
  return check.spacing;
}

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

function isFiniteNumber(v: number): boolean {
  return v === v && v !== Infinity && v !== -Infinity;
}

/** Pixel columns over `x[i0..i1)`: the start of each column that holds points, then `i1`. */
interface ColumnStarts {
  starts: Int32Array;
  /** Columns that hold points. */
  count: number;
}

/**
 * Where each pixel column of `x[i0..i1)` starts: point `i` belongs to column
 * floor((x[i] − lo) · scale), clamped to [0, points).
 */
function columnStarts(
  x: Float64Array,
  i0: number,
  i1: number,
  lo: number,
  scale: number,
  points: number,
): ColumnStarts {
  const starts = new Int32Array(Math.min(points, i1 - i0) + 1);
  let count = 0;
  const last = points - 1;
  if (scale === 0 || i1 - i0 <= 16 * points) {
    // a few points per column: one pass over x (a search per column would read as much)
    let prev = -1;
    for (let i = i0; i < i1; i++) {
      const f = Math.floor((x[i] - lo) * scale);
      const c = f >= last ? last : f > 0 ? f : 0;
      if (c !== prev) {
        starts[count++] = i;
        prev = c;
      }
    }
  } else {
    const columnOf = (v: number): number => {
      const c = Math.floor((v - lo) * scale);
      return c >= last ? last : c > 0 ? c : 0;
    };
    let i = i0;
    let width = 0;
    while (i < i1) {
      starts[count++] = i;
      const col = columnOf(x[i]);
      // End of this column: a binary search for the column's right edge, then corrected with
      // columnOf at the boundary so the assignment is exactly floor((x − lo) · points / span).
      let j: number;
      if (col === last) j = i1;
      else {
        // search near the end the last column's width predicts first (the whole rest costs a cache miss a step)
        const edge = lo + (col + 1) / scale;
        const guess = Math.min(i1, i + 1 + 2 * width);
        j = Math.max(
          i + 1,
          guess < i1 && x[guess] >= edge ? lowerBound(x, edge, i + 1, guess) : lowerBound(x, edge, guess, i1),
        );
        while (j < i1 && columnOf(x[j]) === col) j++;
        while (j > i + 1 && columnOf(x[j - 1]) !== col) j--;
      }
      width = j - i;
      i = j;
    }
  }
  starts[count] = i1;
  return { starts, count };
}

/**
 * Column boundaries found for one x column, range and width, handed to every `downsample` call
 * over that same column (metrics of one run logged at the same steps share their step column).
 * One instance per query: it holds the boundaries of the x columns it has seen.
 */
export class SharedColumns {
  private readonly found: {
    x: Float64Array;
    i0: number;
    i1: number;
    lo: number;
    scale: number;
    points: number;
    at: ColumnStarts;
  }[] = [];

  /** The column starts over `x[i0..i1)`, found once per x column (by the memory it views). */
  starts(x: Float64Array, i0: number, i1: number, lo: number, scale: number, points: number): ColumnStarts {
    for (const f of this.found) {
      if (
        f.i0 === i0 &&
        f.i1 === i1 &&
        f.lo === lo &&
        f.scale === scale &&
        f.points === points &&
        (f.x === x ||
          (f.x.buffer === x.buffer && f.x.byteOffset === x.byteOffset && f.x.length >= i1 && x.length >= i1))
      )
        return f.at;
    }
    const at = columnStarts(x, i0, i1, lo, scale, points);
    this.found.push({ x, i0, i1, lo, scale, points, at });
    return at;
  }
}

/** Output buffers kept between calls: the answer is copied out of them at its exact length. */
let outX = new Float64Array(0);
let outY = new Float64Array(0);
const picked = new Int32Array(5);
const scan = new Int32Array(6);
const extremes = new Float64Array(2);

export function downsample(x: Float64Array, y: Float64Array, options: DownsampleOptions = {}): Downsampled {
  const n = Math.min(x.length, y.length);
  const range = normalizeRange(options.range);
  const points = normalizePoints(options.points);
  const index = options.index && options.index.length === y.length ? options.index : undefined;
  let i0 = 0;
  let i1 = n;
  if (range) {
    i0 = lowerBound(x, range[0], 0, n);
    i1 = upperBound(x, range[1], i0, n);
  }
  const before = range && i0 > 0 ? i0 - 1 : -1;
  const after = range && i1 < n ? i1 : -1;
  const total = i1 - i0;

  if (points === undefined || total <= 4 * points) {
    let nonFinite = 0;
    for (let i = i0; i < i1; i++) if (!isFiniteNumber(y[i])) nonFinite++;
    const start = before >= 0 ? before : i0;
    const end = after >= 0 ? after + 1 : i1;
    return { x: x.slice(start, end), y: y.slice(start, end), exact: true, total, nonFinite };
  }

  const lo = range && Number.isFinite(range[0]) ? range[0] : x[i0];
  const hi = range && Number.isFinite(range[1]) ? range[1] : x[i1 - 1];
  const span = hi - lo;
  const scale = span > 0 ? points / span : 0;
  const { starts, count } = options.columns
    ? options.columns.starts(x, i0, i1, lo, scale, points)
    : columnStarts(x, i0, i1, lo, scale, points);
  if (outX.length < 5 * count + 2) {
    outX = new Float64Array(5 * count + 2);
    outY = new Float64Array(5 * count + 2);
  }
  const xs = outX;
  const ys = outY;
  // with evenly spaced x, the x of a kept point is computed (x0 + i · dx), not read
  const even = options.even;
  const computeX = even !== undefined && x[i0] === even.x0 + i0 * even.dx && x[i1 - 1] === even.x0 + (i1 - 1) * even.dx;
  const x0 = computeX ? even.x0 : 0;
  const dx = computeX ? even.dx : 0;
  let k = 0;
  if (before >= 0) {
    xs[k] = x[before];
    ys[k++] = y[before];
  }

  let kept = 0;
  let nonFinite = 0;
  for (let c = 0; c < count; c++) {
    const i = starts[c];
    const j = starts[c + 1];
    if (index) index.query(y, i, j, scan, extremes);
    else scanRange(y, i, j, scan, extremes);
    nonFinite += scan[5];
    const first = scan[0];
    const min = scan[1];
    const max = scan[2];
    const last = scan[3];
    const gap = scan[4];

    if (gap < 0) {
      // no gap: first ≤ both extremes ≤ last, so the order is known without sorting
      if (first < 0) continue;
      const a = min < max ? min : max;
      const b = min < max ? max : min;
      xs[k] = computeX ? x0 + first * dx : x[first];
      ys[k++] = first === min ? extremes[0] : first === max ? extremes[1] : y[first];
      kept++;
      if (a > first) {
        xs[k] = computeX ? x0 + a * dx : x[a];
        ys[k++] = a === min ? extremes[0] : extremes[1];
        kept++;
      }
      if (b > a) {
        xs[k] = computeX ? x0 + b * dx : x[b];
        ys[k++] = b === min ? extremes[0] : extremes[1];
        kept++;
      }
      if (last > b) {
        xs[k] = computeX ? x0 + last * dx : x[last];
        ys[k++] = y[last];
        kept++;
      }
      continue;
    }
    let m = 0;
    if (first >= 0) {
      picked[m++] = first;
      picked[m++] = min;
      picked[m++] = max;
      picked[m++] = last;
    }
    picked[m++] = gap;
    // Insertion sort of at most 5 indexes, then emit without duplicates.
    for (let a = 1; a < m; a++) {
      const v = picked[a];
      let b = a - 1;
      while (b >= 0 && picked[b] > v) {
        picked[b + 1] = picked[b];
        b--;
      }
      picked[b + 1] = v;
    }
    let prev = -1;
    for (let a = 0; a < m; a++) {
      const idx = picked[a];
      if (idx === prev) continue;
      prev = idx;
      xs[k] = computeX ? x0 + idx * dx : x[idx];
      // the extremes were read already: y is megabytes, and a second read may miss the cache
      ys[k++] = idx === min ? extremes[0] : idx === max ? extremes[1] : y[idx];
      kept++;
    }
  }

  if (after >= 0) {
    xs[k] = x[after];
    ys[k++] = y[after];
  }
  // one fresh buffer for both columns: in a browser each allocation costs more than the copy
  const both = new Float64Array(2 * k);
  both.set(xs.subarray(0, k));
  both.set(ys.subarray(0, k), k);
  return { x: both.subarray(0, k), y: both.subarray(k), exact: kept === total, total, nonFinite };
}

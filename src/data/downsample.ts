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
import type { MinMaxIndex } from './minmax-index.js';
import { scanRange } from './minmax-scan.js';
import { lowerBound } from './source.js';
import { everyPoint, keepsEveryPoint, rangeRows, type Downsampled } from './memory-answers.js';
import type { EvenSpacing } from './even-spacing.js';

export { isSortedFinite, lowerBound, upperBound } from './source.js';
export { sortByX, type SortedColumns } from './x-order.js';
export { normalizePoints, normalizeRange, type Downsampled } from './memory-answers.js';
export { EvenSpacingCheck, evenSpacing, type EvenSpacing } from './even-spacing.js';

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

/** Pixel columns over `x[i0..i1)`: the start of each column that holds points, then `i1`. */
interface ColumnStarts {
  starts: Int32Array;
  /** Columns that hold points. */
  count: number;
}

/** The pixel column of x value `v`: floor((v − lo) · scale), clamped to [0, last]. */
function columnAt(v: number, lo: number, scale: number, last: number): number {
  const c = Math.floor((v - lo) * scale);
  return c >= last ? last : c > 0 ? c : 0;
}

/**
 * Where each pixel column of `x[i0..i1)` starts: point `i` belongs to column
 * floor((x[i] − lo) · scale), clamped to [0, points). One search per column at any width (no
 * separate pass for narrow columns: it would first run, cold, at the first zoom in that far).
 * With `even` (x evenly spaced, see `EvenSpacing`) each column's end is computed from it, and so
 * are the x values that check it: no read of x, whose reads a column apart each miss the cache.
 */
function columnStarts(
  x: Float64Array,
  i0: number,
  i1: number,
  lo: number,
  scale: number,
  points: number,
  even: EvenSpacing | undefined,
): ColumnStarts {
  const starts = new Int32Array(Math.min(points, i1 - i0) + 1);
  let count = 0;
  const last = points - 1;
  const computed = even !== undefined && even.dx > 0;
  const x0 = computed ? even.x0 : 0;
  const dx = computed ? even.dx : 0;
  let i = i0;
  let width = 0;
  while (i < i1) {
    starts[count++] = i;
    const col = columnAt(computed ? x0 + i * dx : x[i], lo, scale, last);
    // End of this column: where its right edge falls (computed, or a binary search), then
    // corrected with columnAt at the boundary so the assignment is exactly floor((x − lo) · scale).
    let j: number;
    if (col === last) j = i1;
    else {
      const edge = lo + (col + 1) / scale;
      if (computed) {
        const k = Math.ceil((edge - x0) / dx);
        j = k > i ? (k < i1 ? k : i1) : i + 1;
      } else {
        // search near the end the last column's width predicts first (the whole rest costs a cache miss a step)
        const guess = Math.min(i1, i + 1 + 2 * width);
        j = Math.max(
          i + 1,
          guess < i1 && x[guess] >= edge ? lowerBound(x, edge, i + 1, guess) : lowerBound(x, edge, guess, i1),
        );
      }
      while (j < i1 && columnAt(computed ? x0 + j * dx : x[j], lo, scale, last) === col) j++;
      while (j > i + 1 && columnAt(computed ? x0 + (j - 1) * dx : x[j - 1], lo, scale, last) !== col) j--;
    }
    width = j - i;
    i = j;
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
  starts(
    x: Float64Array,
    i0: number,
    i1: number,
    lo: number,
    scale: number,
    points: number,
    even?: EvenSpacing,
  ): ColumnStarts {
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
    const at = columnStarts(x, i0, i1, lo, scale, points, even);
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
/** What `m4Columns` counted besides the points it wrote: [raw points kept, non-finite raw points]. */
const tally = new Int32Array(2);

export function downsample(x: Float64Array, y: Float64Array, options: DownsampleOptions = {}): Downsampled {
  const rows = rangeRows(x, Math.min(x.length, y.length), options);
  const index = options.index && options.index.length === y.length ? options.index : undefined;
  if (keepsEveryPoint(rows)) return everyPoint(x, y, index, rows);
  const { range, i0, i1, before, after } = rows;
  const points = rows.points!;
  const total = i1 - i0;

  const lo = range && Number.isFinite(range[0]) ? range[0] : x[i0];
  const hi = range && Number.isFinite(range[1]) ? range[1] : x[i1 - 1];
  const span = hi - lo;
  const scale = span > 0 ? points / span : 0;
  // with evenly spaced x, the column ends and the x of a kept point are computed (x0 + i · dx), not read
  const even = options.even;
  const computeX = even !== undefined && x[i0] === even.x0 + i0 * even.dx && x[i1 - 1] === even.x0 + (i1 - 1) * even.dx;
  const spacing = computeX ? even : undefined;
  const { starts, count } = options.columns
    ? options.columns.starts(x, i0, i1, lo, scale, points, spacing)
    : columnStarts(x, i0, i1, lo, scale, points, spacing);
  if (outX.length < 5 * count + 2) {
    outX = new Float64Array(5 * count + 2);
    outY = new Float64Array(5 * count + 2);
  }
  let k = 0;
  if (before >= 0) {
    outX[k] = x[before];
    outY[k++] = y[before];
  }
  if (index && total >= TOUCH_SPACING * count) touchColumnEnds(y, starts, count);
  k = m4Columns(x, y, index, starts, count, spacing, k);
  if (after >= 0) {
    outX[k] = x[after];
    outY[k++] = y[after];
  }
  // one fresh buffer for both columns: in a browser each allocation costs more than the copy
  const both = new Float64Array(2 * k);
  both.set(outX.subarray(0, k));
  both.set(outY.subarray(0, k), k);
  return { x: both.subarray(0, k), y: both.subarray(k), exact: tally[0] === total, total, nonFinite: tally[1] };
}

/**
 * Points per column from which `touchColumnEnds` pays (a 2 KB stride of y): at 100 points per
 * column (a zoom to 10 %) the CPU's own prefetching keeps up, and the extra pass cost 3 %.
 */
const TOUCH_SPACING = 256;
/** Where `touchColumnEnds` leaves its sum, so that the engine keeps its reads. */
const touched = new Float64Array(1);

/**
 * Reads y where each column ends and the next begins (`y[starts[c] − 1]`, on the cache line of
 * `y[starts[c]]` mostly) before the columns are answered. Each column's answer reads its first and
 * last value there and, through the index, a few values beside them; with columns 500 points
 * apart (a zoom to half of a 1M-point series), those reads land on a new 4 KB page each, which the
 * CPU neither prefetches nor looks ahead to across the answer's branches. These reads do not
 * depend on each other, so the CPU overlaps their cache and TLB misses: M4 of 10 × 1M points at
 * 1000 columns took 20–25 % less CPU time (Node, 12 ranges at 50 %: medians 5.9 → 4.4 ms through
 * MemorySource). Without an index a column is scanned from its start, in order, and gains nothing.
 */
function touchColumnEnds(y: Float64Array, starts: Int32Array, count: number): void {
  let sum = 0;
  for (let c = 0; c <= count; c++) {
    const i = starts[c];
    sum += y[i > 0 ? i - 1 : 0];
  }
  touched[0] = sum;
}

/**
 * The M4 points of each column (`starts[c]` to `starts[c + 1]`), written to `outX`/`outY` from `k`
 * on; returns the new end and leaves the points kept and the non-finite count in `tally`. The hot
 * loop on its own, with nothing in it that depends on the zoom: a branch first taken at some zoom
 * (the range's outer points, every point of a narrow range) would throw its optimised code away
 * there, and that zoom would run it cold.
 */
function m4Columns(
  x: Float64Array,
  y: Float64Array,
  index: MinMaxIndex | undefined,
  starts: Int32Array,
  count: number,
  even: EvenSpacing | undefined,
  k: number,
): number {
  const xs = outX;
  const ys = outY;
  const computeX = even !== undefined;
  const x0 = computeX ? even.x0 : 0;
  const dx = computeX ? even.dx : 0;
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
  tally[0] = kept;
  tally[1] = nonFinite;
  return k;
}

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

export interface DownsampleOptions {
  /** Inclusive x range; absent: everything. */
  range?: readonly [number, number];
  /** Pixel columns. Absent (or the range holding ≤ 4 × points raw points): every raw point is returned. */
  points?: number;
  /** A min/max index over this `y`: each column then costs O(log n) instead of a scan (same answer). */
  index?: MinMaxIndex;
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

/** First index `i` in `[from, to)` with `x[i] >= v` (`to` when none). */
export function lowerBound(x: ArrayLike<number>, v: number, from = 0, to = x.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index `i` in `[from, to)` with `x[i] > v` (`to` when none). */
export function upperBound(x: ArrayLike<number>, v: number, from = 0, to = x.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
  const outX = new Float64Array(5 * points + 2);
  const outY = new Float64Array(5 * points + 2);
  let k = 0;
  if (before >= 0) {
    outX[k] = x[before];
    outY[k++] = y[before];
  }

  const picked = new Int32Array(5);
  const scan = new Int32Array(6);
  let kept = 0;
  let nonFinite = 0;
  const columnOf = (v: number): number => {
    const c = Math.floor((v - lo) * scale);
    return c >= points ? points - 1 : c < 0 ? 0 : c;
  };

  let i = i0;
  /** Points in the last column. */
  let width = 0;
  while (i < i1) {
    const col = columnOf(x[i]);
    // End of this column: binary search for the column's right edge, then corrected with columnOf
    // at the boundary so the assignment is exactly floor((x − lo) · points / span).
    let j: number;
    if (col === points - 1 || scale === 0) {
      j = i1;
    } else {
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
    if (index) index.query(y, i, j, scan);
    else scanRange(y, i, j, scan);
    nonFinite += scan[5];
    const first = scan[0];
    const min = scan[1];
    const max = scan[2];
    const last = scan[3];
    const gap = scan[4];

    let m = 0;
    if (first >= 0) {
      picked[m++] = first;
      picked[m++] = min;
      picked[m++] = max;
      picked[m++] = last;
    }
    if (gap >= 0) picked[m++] = gap;
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
      outX[k] = x[idx];
      outY[k++] = y[idx];
      kept++;
    }
    i = j;
  }

  if (after >= 0) {
    outX[k] = x[after];
    outY[k++] = y[after];
  }
  return { x: outX.slice(0, k), y: outY.slice(0, k), exact: kept === total, total, nonFinite };
}

/** True when every x is finite and none goes backwards (the columns can be used as they are). */
export function isSortedFinite(x: ArrayLike<number>): boolean {
  let prev = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!(v >= prev) || v === Infinity) return false;
    prev = v;
  }
  return true;
}

export interface SortedColumns {
  x: Float64Array;
  y: Float64Array;
  /** True when x went backwards somewhere in the input. */
  nonMonotonic: boolean;
  /** Points dropped because their x was NaN or ±Infinity (they cannot be placed on an axis). */
  droppedNonFiniteX: number;
}

/**
 * Returns fresh columns sorted by x, stably (equal x keep their input order), without the points
 * whose x is not finite, and reports whether the input x was non-monotonic.
 */
export function sortByX(x: ArrayLike<number>, y: ArrayLike<number>): SortedColumns {
  const n = Math.min(x.length, y.length);
  let nonMonotonic = false;
  let dropped = 0;
  let prev = -Infinity;
  let integers = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!isFiniteNumber(v)) {
      dropped++;
      continue;
    }
    if (v < prev) nonMonotonic = true;
    prev = v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && Math.floor(v) !== v) integers = false;
  }
  const m = n - dropped;
  const outX = new Float64Array(m);
  const outY = new Float64Array(m);
  if (!nonMonotonic) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!isFiniteNumber(x[i])) continue;
      outX[k] = x[i];
      outY[k++] = y[i];
    }
    return { x: outX, y: outY, nonMonotonic, droppedNonFiniteX: dropped };
  }
  // Whole steps over a range not much wider than their count (a run that went back and logged
  // the same steps again): a stable counting sort, linear where a comparison sort of millions of
  // points takes seconds.
  if (integers && max - min <= 4 * m + 1024) {
    const starts = new Uint32Array(max - min + 2);
    for (let i = 0; i < n; i++) if (isFiniteNumber(x[i])) starts[x[i] - min + 1]++;
    for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (!isFiniteNumber(v)) continue;
      const at = starts[v - min]++;
      outX[at] = v;
      outY[at] = y[i];
    }
    return { x: outX, y: outY, nonMonotonic, droppedNonFiniteX: dropped };
  }
  const order = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) if (isFiniteNumber(x[i])) order[k++] = i;
  order.sort((a, b) => x[a] - x[b] || a - b);
  for (let i = 0; i < m; i++) {
    outX[i] = x[order[i]];
    outY[i] = y[order[i]];
  }
  return { x: outX, y: outY, nonMonotonic, droppedNonFiniteX: dropped };
}

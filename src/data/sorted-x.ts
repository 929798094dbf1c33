/**
 * Columns sorted by x, and the binary searches over them: what a chart needs of x order without
 * the downsampling (downsample.ts re-exports them), which only a source runs.
 */
import { atOnce, orderByX } from './x-order.js';

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
  const order = atOnce(orderByX(x, n));
  const { rows } = order;
  const outY = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) outY[i] = y[rows[i]!]!;
  return { x: order.x, y: outY, nonMonotonic: order.nonMonotonic, droppedNonFiniteX: order.dropped };
}

/**
 * The binary searches over columns sorted by x, and the test of whether they are: what a chart
 * needs of x order without the downsampling (downsample.ts re-exports them), which only a source
 * runs, nor the sort (`sortByX` in x-order.ts), which only x that go back need.
 */

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

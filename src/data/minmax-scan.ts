/**
 * One M4 column by a scan of its points: what answers a series that is drawn whole (a few
 * thousand points at most), without the min/max index (minmax-index.ts) that big series need.
 */

/**
 * Writes [first, min, max, last] finite indexes (−1 when none), the first non-finite index (−1 when
 * none) and the count of non-finite values of `y[from..to)` into `out` — one M4 column — and, with
 * `values`, the minimum and maximum into it (NaN when no value is finite), so the caller need not
 * read them from y again. A separate small function so the engine optimises this hot loop on its own.
 */
export function scanRange(y: Float64Array, from: number, to: number, out: Int32Array, values?: Float64Array): void {
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  let gap = -1;
  let nonFinite = 0;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let q = from; q < to; q++) {
    const v = y[q];
    // v - v is 0 for finite v, NaN for NaN and ±Infinity.
    if (v - v === 0) {
      if (first < 0) first = q;
      last = q;
      if (v < minV) {
        minV = v;
        min = q;
      }
      if (v > maxV) {
        maxV = v;
        max = q;
      }
    } else {
      nonFinite++;
      if (gap < 0) gap = q;
    }
  }
  // the fields of an M4 column, in the order minmax-index.ts names them (FIRST … NON_FINITE)
  out[0] = first;
  out[1] = min;
  out[2] = max;
  out[3] = last;
  out[4] = gap;
  out[5] = nonFinite;
  if (values) {
    values[0] = first >= 0 ? minV : NaN;
    values[1] = first >= 0 ? maxV : NaN;
  }
}

/**
 * The y view of "ignore outliers": loaded with the first chart that ignores them (the plot waits for
 * it, and a fetch loads it beside the points). It imports nothing: a module of the page's entry that
 * it imported would be split out of the entry into a chunk of its own.
 */

let scratch = new Float64Array(0);

/**
 * The `lo`–`hi` quantile range (e.g. 0.05–0.95) of the drawable values of `ys[i0..i1)`, for
 * "ignore outliers": it sets the view only, no point is removed.
 */
export function quantileRange(
  ys: readonly Float64Array[],
  i0: number,
  i1: number,
  log: boolean,
  lo = 0.05,
  hi = 0.95,
): [number, number] | undefined {
  let n = 0;
  for (const y of ys) n += Math.max(0, Math.min(i1, y.length) - i0);
  if (scratch.length < n) scratch = new Float64Array(n);
  let m = 0;
  for (const y of ys) {
    const end = Math.min(i1, y.length);
    for (let i = i0; i < end; i++) {
      const v = y[i];
      // chart-data.ts's `drawable`, written out as its valueExtent does (v - v is NaN for NaN and ±Infinity)
      if (log ? v > 0 && v !== Infinity : v - v === 0) scratch[m++] = v;
    }
  }
  if (m === 0) return undefined;
  const sorted = scratch.subarray(0, m).sort();
  const at = (q: number): number => sorted[Math.min(m - 1, Math.max(0, Math.round(q * (m - 1))))];
  return [at(lo), at(hi)];
}

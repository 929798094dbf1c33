/**
 * The step order of a metric whose steps go back, for its cache file (run-cache.ts): what
 * `sortByX(step, rows)` gives (downsample.ts: stable, non-finite steps dropped, a counting sort for
 * whole steps over a narrow range), computed in time slices (time-slices.ts) so that a request
 * to the server is answered while a big run's steps are sorted. sortByX itself stays one
 * synchronous call: the charts sort far fewer points at a time. The comparison sort is a merge
 * sort of runs sorted by `TypedArray.sort`, each run short enough for one slice.
 */
import { inBlocks, type TimeSlices } from './time-slices.js';

export interface StepOrder {
  /** The finite steps in order. */
  x: Float64Array;
  /** The row each of them comes from. */
  rows: Uint32Array;
  /** Whether the finite steps went back. */
  nonMonotonic: boolean;
}

const isFiniteNumber = (v: number) => v === v && v !== Infinity && v !== -Infinity;

/** Rows sorted at once by `TypedArray.sort` before the merges (a millisecond or so). */
const RUN = 4096;

/** `sortByX(step, rows)` for rows 0…n-1, in time slices. */
export async function stepOrder(step: Float64Array, slices: TimeSlices): Promise<StepOrder> {
  const n = step.length;
  let nonMonotonic = false;
  let dropped = 0;
  let prev = -Infinity;
  let integers = true;
  let min = Infinity;
  let max = -Infinity;
  await inBlocks(n, slices, (from, to) => {
    for (let i = from; i < to; i++) {
      const v = step[i]!;
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
  });
  const m = n - dropped;
  const x = new Float64Array(m);
  if (!nonMonotonic) {
    const rows = new Uint32Array(m);
    let k = 0;
    await inBlocks(n, slices, (from, to) => {
      for (let i = from; i < to; i++) {
        if (!isFiniteNumber(step[i]!)) continue;
        x[k] = step[i]!;
        rows[k++] = i;
      }
    });
    return { x, rows, nonMonotonic };
  }
  if (integers && max - min <= 4 * m + 1024) {
    const rows = new Uint32Array(m);
    const starts = new Uint32Array(max - min + 2);
    await inBlocks(n, slices, (from, to) => {
      for (let i = from; i < to; i++) if (isFiniteNumber(step[i]!)) starts[step[i]! - min + 1]++;
    });
    await inBlocks(starts.length, slices, (from, to) => {
      for (let b = Math.max(1, from); b < to; b++) starts[b]! += starts[b - 1]!;
    });
    await inBlocks(n, slices, (from, to) => {
      for (let i = from; i < to; i++) {
        const v = step[i]!;
        if (!isFiniteNumber(v)) continue;
        const at = starts[v - min]!++;
        x[at] = v;
        rows[at] = i;
      }
    });
    return { x, rows, nonMonotonic };
  }
  let order = new Uint32Array(m);
  let k = 0;
  await inBlocks(n, slices, (from, to) => {
    for (let i = from; i < to; i++) if (isFiniteNumber(step[i]!)) order[k++] = i;
  });
  const byStep = (a: number, b: number) => step[a]! - step[b]! || a - b;
  await inBlocks(m, slices, (from, to) => void order.subarray(from, to).sort(byStep), RUN);
  let other = new Uint32Array(m);
  for (let width = RUN; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const merge = {
        i: lo,
        j: Math.min(lo + width, m),
        mid: Math.min(lo + width, m),
        hi: Math.min(lo + 2 * width, m),
      };
      const from = order;
      const into = other;
      await inBlocks(merge.hi - lo, slices, (_, b) => mergeSome(step, from, into, merge, lo + b));
    }
    [order, other] = [other, order];
  }
  const rows = order;
  await inBlocks(m, slices, (from, to) => {
    for (let i = from; i < to; i++) x[i] = step[rows[i]!]!;
  });
  return { x, rows, nonMonotonic };
}

/**
 * Merges the sorted rows [i, mid) and [mid, hi) of `from` into `into` up to position `end`
 * (exclusive), equal steps left first (stable); `m` says where the merge stands.
 */
function mergeSome(
  step: Float64Array,
  from: Uint32Array,
  into: Uint32Array,
  m: { i: number; j: number; mid: number; hi: number },
  end: number,
): void {
  let { i, j } = m;
  const { mid, hi } = m;
  for (let k = i + j - mid; k < end; k++) {
    if (j >= hi || (i < mid && step[from[i]!]! <= step[from[j]!]!)) into[k] = from[i++]!;
    else into[k] = from[j++]!;
  }
  m.i = i;
  m.j = j;
}

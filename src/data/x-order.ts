/**
 * The order of points by x (stable; points whose x is not finite dropped), computed a block at a
 * time: `orderByX` is a generator that yields after every block, so one caller runs it to the end
 * at once (`sortByX` below, for a chart's points) and another between turns of the event loop (the
 * server's cache encoder, for millions of steps, time-slices.ts).
 *
 * In a page it loads with the first x that go back (a resumed run): the in-memory source and the
 * chart load it then, so columns already in order never fetch it.
 */

export interface XOrder {
  /** The finite x in order. */
  x: Float64Array;
  /** The input index each of them comes from. */
  rows: Uint32Array;
  /** Whether the finite x went back somewhere. */
  nonMonotonic: boolean;
  /** Points dropped because their x was NaN or ±Infinity. */
  dropped: number;
}

/** Items between two yields: some tens of microseconds of simple array steps. */
const BLOCK = 16_384;

/** Indices sorted at once by `TypedArray.sort` before the merges. */
const RUN = 4096;

const isFiniteNumber = (v: number) => v === v && v !== Infinity && v !== -Infinity;

/** Runs `orderByX` (or any such generator) to its end without yielding to anyone. */
export function atOnce<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
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

/**
 * The stable order of `x[0, n)`. Whole x over a range not much wider than their count (a run that went
 * back and logged the same steps again) take a counting sort, linear where a comparison sort of
 * millions of points takes seconds; others a merge sort of short sorted runs.
 */
export function* orderByX(x: ArrayLike<number>, n = x.length): Generator<void, XOrder> {
  let nonMonotonic = false;
  let dropped = 0;
  let prev = -Infinity;
  let integers = true;
  let min = Infinity;
  let max = -Infinity;
  for (let from = 0; from < n; from += BLOCK) {
    for (let i = from, to = Math.min(n, from + BLOCK); i < to; i++) {
      const v = x[i]!;
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
    yield;
  }
  const m = n - dropped;
  const outX = new Float64Array(m);
  const done = (rows: Uint32Array): XOrder => ({ x: outX, rows, nonMonotonic, dropped });

  if (!nonMonotonic || (integers && max - min <= 4 * m + 1024)) {
    const rows = new Uint32Array(m);
    // In order already: the finite points as they come. Else a counting sort by x - min.
    const starts = nonMonotonic ? new Uint32Array(max - min + 2) : undefined;
    if (starts) {
      for (let from = 0; from < n; from += BLOCK) {
        for (let i = from, to = Math.min(n, from + BLOCK); i < to; i++)
          if (isFiniteNumber(x[i]!)) starts[x[i]! - min + 1]!++;
        yield;
      }
      for (let from = 1; from < starts.length; from += BLOCK) {
        for (let b = from, to = Math.min(starts.length, from + BLOCK); b < to; b++) starts[b]! += starts[b - 1]!;
        yield;
      }
    }
    let k = 0;
    for (let from = 0; from < n; from += BLOCK) {
      for (let i = from, to = Math.min(n, from + BLOCK); i < to; i++) {
        const v = x[i]!;
        if (!isFiniteNumber(v)) continue;
        const at = starts ? starts[v - min]!++ : k++;
        outX[at] = v;
        rows[at] = i;
      }
      yield;
    }
    return done(rows);
  }

  let order = new Uint32Array(m);
  let k = 0;
  for (let from = 0; from < n; from += BLOCK) {
    for (let i = from, to = Math.min(n, from + BLOCK); i < to; i++) if (isFiniteNumber(x[i]!)) order[k++] = i;
    yield;
  }
  const byX = (a: number, b: number) => x[a]! - x[b]! || a - b;
  for (let from = 0; from < m; from += RUN) {
    order.subarray(from, Math.min(m, from + RUN)).sort(byX);
    yield;
  }
  let other = new Uint32Array(m);
  for (let width = RUN; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const merge = { i: lo, j: Math.min(lo + width, m), mid: Math.min(lo + width, m) };
      const hi = Math.min(lo + 2 * width, m);
      for (let end = Math.min(hi, lo + BLOCK); ; end = Math.min(hi, end + BLOCK)) {
        mergeUntil(x, order, other, merge, hi, end);
        yield;
        if (end === hi) break;
      }
    }
    [order, other] = [other, order];
  }
  for (let from = 0; from < m; from += BLOCK) {
    for (let i = from, to = Math.min(m, from + BLOCK); i < to; i++) outX[i] = x[order[i]!]!;
    yield;
  }
  return done(order);
}

/**
 * Merges the sorted indices [i, mid) and [mid, hi) of `from` into `into` up to position `end`
 * (exclusive), equal x left first (stable); `m` says where the merge stands.
 */
function mergeUntil(
  x: ArrayLike<number>,
  from: Uint32Array,
  into: Uint32Array,
  m: { i: number; j: number; mid: number },
  hi: number,
  end: number,
): void {
  let { i, j } = m;
  const { mid } = m;
  for (let k = i + j - mid; k < end; k++) {
    if (j >= hi || (i < mid && x[from[i]!]! <= x[from[j]!]!)) into[k] = from[i++]!;
    else into[k] = from[j++]!;
  }
  m.i = i;
  m.j = j;
}

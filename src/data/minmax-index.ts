/**
 * A multi-resolution min/max index over one y column, so M4 (see downsample.ts) answers a pixel
 * column in O(log n) instead of scanning its points.
 *
 * Level 0 summarises blocks of LEAF points, each level above FANOUT nodes of the one below. A node
 * holds what one M4 column needs, as indexes into y: the first and last finite point, the first
 * minimum and first maximum (ties keep the earliest, as a scan does), the first non-finite point and
 * the count of non-finite points. That is 6 Int32 per 64 points, about 2.5 % of the x and y columns.
 *
 * The index reads values from the y it was built over: pass the same column (or a longer view of
 * it, for appended points: `extend`) to `query`.
 */

/** Points per level-0 node. */
export const LEAF = 64;
/** Nodes of one level per node of the next. */
export const FANOUT = 16;

const FIELDS = 6;
const FIRST = 0;
const MIN = 1;
const MAX = 2;
const LAST = 3;
const GAP = 4;
const NON_FINITE = 5;

/**
 * Writes [first, min, max, last] finite indexes (−1 when none), the first non-finite index (−1 when
 * none) and the count of non-finite values of `y[from..to)` into `out` — one M4 column. A separate
 * small function so the engine optimises this hot loop on its own.
 */
export function scanRange(y: Float64Array, from: number, to: number, out: Int32Array): void {
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
  out[FIRST] = first;
  out[MIN] = min;
  out[MAX] = max;
  out[LAST] = last;
  out[GAP] = gap;
  out[NON_FINITE] = nonFinite;
}

/** Folds the summary `src[s..s+6)` of a later stretch of y into `acc` (the stretch before it). */
function fold(y: Float64Array, acc: Int32Array, src: Int32Array, s: number): void {
  const first = src[s + FIRST];
  if (first >= 0) {
    if (acc[FIRST] < 0) {
      acc[FIRST] = first;
      acc[MIN] = src[s + MIN];
      acc[MAX] = src[s + MAX];
    } else {
      if (y[src[s + MIN]] < y[acc[MIN]]) acc[MIN] = src[s + MIN];
      if (y[src[s + MAX]] > y[acc[MAX]]) acc[MAX] = src[s + MAX];
    }
    acc[LAST] = src[s + LAST];
  }
  if (acc[GAP] < 0) acc[GAP] = src[s + GAP];
  acc[NON_FINITE] += src[s + NON_FINITE];
}

export class MinMaxIndex {
  /** Points covered. */
  length = 0;
  /** Per level, FIELDS Int32 per node (capacity grows by doubling). */
  private levels: Int32Array[] = [];
  /** Nodes in use per level. */
  private counts: number[] = [];
  private readonly part = new Int32Array(FIELDS);

  constructor(y: Float64Array) {
    this.extend(y);
  }

  /** Bytes the index holds. */
  get bytes(): number {
    return this.levels.reduce((sum, l) => sum + l.byteLength, 0);
  }

  /**
   * Covers `y` whole. Points below the length covered so far must be unchanged (append-only
   * columns); only the nodes from the last partial one on are computed again.
   */
  extend(y: Float64Array): void {
    const n = y.length;
    if (n < this.length) {
      this.levels = [];
      this.counts = [];
      this.length = 0;
    }
    // level 0 from the block that held the old end
    let from = Math.floor(this.length / LEAF);
    let count = Math.ceil(n / LEAF);
    let level = this.level(0, count);
    for (let b = from; b < count; b++) {
      scanRange(y, b * LEAF, Math.min(n, (b + 1) * LEAF), this.part);
      level.set(this.part, b * FIELDS);
    }
    this.counts[0] = count;
    let k = 0;
    while (count > 1) {
      const below = level;
      const belowCount = count;
      from = Math.floor(from / FANOUT);
      count = Math.ceil(belowCount / FANOUT);
      level = this.level(++k, count);
      for (let c = from; c < count; c++) {
        const acc = this.part;
        acc.fill(-1);
        acc[NON_FINITE] = 0;
        const end = Math.min(belowCount, (c + 1) * FANOUT);
        for (let d = c * FANOUT; d < end; d++) fold(y, acc, below, d * FIELDS);
        level.set(acc, c * FIELDS);
      }
      this.counts[k] = count;
    }
    this.levels.length = k + 1;
    this.counts.length = k + 1;
    this.length = n;
  }

  /** M4 of `y[from..to)`, written to `out` as `scanRange` does; `to` at most the length covered. */
  query(y: Float64Array, from: number, to: number, out: Int32Array): void {
    to = Math.min(to, this.length);
    if (to - from <= 2 * LEAF) {
      scanRange(y, from, to, out);
      return;
    }
    const a = Math.ceil(from / LEAF);
    const b = Math.floor(to / LEAF);
    scanRange(y, from, a * LEAF, out);
    this.nodes(y, 0, a, b, out);
    scanRange(y, b * LEAF, to, this.part);
    fold(y, out, this.part, 0);
  }

  /** Folds the nodes `[a, b)` of `level` into `acc`, in order, using the level above for the middle. */
  private nodes(y: Float64Array, level: number, a: number, b: number, acc: Int32Array): void {
    const nodes = this.levels[level];
    if (b - a <= 2 * FANOUT || level + 1 >= this.levels.length) {
      for (let c = a; c < b; c++) fold(y, acc, nodes, c * FIELDS);
      return;
    }
    const a2 = Math.ceil(a / FANOUT);
    const b2 = Math.floor(b / FANOUT);
    for (let c = a; c < a2 * FANOUT; c++) fold(y, acc, nodes, c * FIELDS);
    this.nodes(y, level + 1, a2, b2, acc);
    for (let c = b2 * FANOUT; c < b; c++) fold(y, acc, nodes, c * FIELDS);
  }

  /** Level `k`'s node array, grown to hold `count` nodes (keeping what it holds). */
  private level(k: number, count: number): Int32Array {
    const have = this.levels[k];
    if (have && have.length >= count * FIELDS) return have;
    const grown = new Int32Array(Math.max(count, have ? (2 * have.length) / FIELDS : 0) * FIELDS);
    if (have) grown.set(have);
    this.levels[k] = grown;
    return grown;
  }
}

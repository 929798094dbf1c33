/**
 * A multi-resolution min/max index over one y column, so M4 (see downsample.ts) answers a pixel
 * column in O(log n) instead of scanning its points.
 *
 * Level 0 summarises blocks of LEAF points, each level above FANOUT nodes of the one below. A node
 * holds what one M4 column needs, as indexes into y: the first and last finite point, the first
 * minimum and first maximum (ties keep the earliest, as a scan does), the first non-finite point and
 * the count of non-finite points, and the minimum and maximum values themselves (so folding nodes
 * never reads y, where each read would be a cache miss). That is 6 Int32 and 2 Float64 per 128
 * points, with the levels above about 2.2 % of the x and y columns. A query folds at most
 * 2 × (FANOUT − 1) nodes a level: it goes up a level as soon as a whole node of it fits.
 *
 * The index reads values from the y it was built over: pass the same column (or a longer view of
 * it, for appended points: `extend`) to `query`.
 */

/** Points per level-0 node. */
export const LEAF = 128;
/** Nodes of one level per node of the next. */
export const FANOUT = 8;

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

/**
 * Folds node `s` (its indexes in `srcI`, its minimum and maximum values in `srcV`) of a later
 * stretch of y into `accI`/`accV` (the stretch before it). Values are compared from the nodes, not
 * read from y: y is megabytes, and each read would be a cache miss.
 */
function fold(accI: Int32Array, accV: Float64Array, srcI: Int32Array, srcV: Float64Array, s: number): void {
  const i = s * FIELDS;
  const first = srcI[i + FIRST];
  if (first >= 0) {
    const min = srcV[2 * s];
    const max = srcV[2 * s + 1];
    if (accI[FIRST] < 0) {
      accI[FIRST] = first;
      accI[MIN] = srcI[i + MIN];
      accI[MAX] = srcI[i + MAX];
      accV[0] = min;
      accV[1] = max;
    } else {
      if (min < accV[0]) {
        accV[0] = min;
        accI[MIN] = srcI[i + MIN];
      }
      if (max > accV[1]) {
        accV[1] = max;
        accI[MAX] = srcI[i + MAX];
      }
    }
    accI[LAST] = srcI[i + LAST];
  }
  if (accI[GAP] < 0) accI[GAP] = srcI[i + GAP];
  accI[NON_FINITE] += srcI[i + NON_FINITE];
}

/** The minimum and maximum values of a scanned stretch `part` of y, into `v` (as a one-node level). */
function valuesOf(y: Float64Array, part: Int32Array, v: Float64Array): void {
  v[0] = part[FIRST] >= 0 ? y[part[MIN]] : NaN;
  v[1] = part[FIRST] >= 0 ? y[part[MAX]] : NaN;
}

export class MinMaxIndex {
  /** Points covered. */
  length = 0;
  /** Per level, FIELDS Int32 per node (capacity grows by doubling). */
  private levels: Int32Array[] = [];
  /** Per level, the minimum and maximum value of each node (NaN for a node without finite values). */
  private values: Float64Array[] = [];
  /** Nodes in use per level. */
  private counts: number[] = [];
  private readonly part = new Int32Array(FIELDS);
  private readonly partV = new Float64Array(2);
  private readonly accV = new Float64Array(2);

  constructor(y: Float64Array) {
    this.extend(y);
  }

  /** Bytes the index holds. */
  get bytes(): number {
    let sum = 0;
    for (let k = 0; k < this.levels.length; k++) sum += this.levels[k].byteLength + this.values[k].byteLength;
    return sum;
  }

  /**
   * Covers `y` whole. Points below the length covered so far must be unchanged (append-only
   * columns); only the nodes from the last partial one on are computed again.
   */
  extend(y: Float64Array): void {
    const n = y.length;
    if (n < this.length) {
      this.levels = [];
      this.values = [];
      this.counts = [];
      this.length = 0;
    }
    // level 0 from the block that held the old end
    let from = Math.floor(this.length / LEAF);
    let count = Math.ceil(n / LEAF);
    this.grow(0, count);
    let level = this.levels[0];
    let values = this.values[0];
    const part = this.part;
    const partV = this.partV;
    for (let b = from; b < count; b++) {
      scanRange(y, b * LEAF, Math.min(n, (b + 1) * LEAF), part);
      valuesOf(y, part, partV);
      level.set(part, b * FIELDS);
      values.set(partV, 2 * b);
    }
    this.counts[0] = count;
    let k = 0;
    while (count > 1) {
      const below = level;
      const belowV = values;
      const belowCount = count;
      from = Math.floor(from / FANOUT);
      count = Math.ceil(belowCount / FANOUT);
      this.grow(++k, count);
      level = this.levels[k];
      values = this.values[k];
      for (let c = from; c < count; c++) {
        part.fill(-1);
        part[NON_FINITE] = 0;
        partV[0] = partV[1] = NaN;
        const end = Math.min(belowCount, (c + 1) * FANOUT);
        for (let d = c * FANOUT; d < end; d++) fold(part, partV, below, belowV, d);
        level.set(part, c * FIELDS);
        values.set(partV, 2 * c);
      }
      this.counts[k] = count;
    }
    this.levels.length = k + 1;
    this.values.length = k + 1;
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
    const accV = this.accV;
    scanRange(y, from, a * LEAF, out);
    valuesOf(y, out, accV);
    this.nodes(0, a, b, out, accV);
    scanRange(y, b * LEAF, to, this.part);
    valuesOf(y, this.part, this.partV);
    fold(out, accV, this.part, this.partV, 0);
  }

  /** Folds the nodes `[a, b)` of `level` into `acc`, in order, using the level above for the middle. */
  private nodes(level: number, a: number, b: number, acc: Int32Array, accV: Float64Array): void {
    const nodes = this.levels[level];
    const values = this.values[level];
    if (Math.floor(b / FANOUT) <= Math.ceil(a / FANOUT) || level + 1 >= this.levels.length) {
      for (let c = a; c < b; c++) fold(acc, accV, nodes, values, c);
      return;
    }
    const a2 = Math.ceil(a / FANOUT);
    const b2 = Math.floor(b / FANOUT);
    for (let c = a; c < a2 * FANOUT; c++) fold(acc, accV, nodes, values, c);
    this.nodes(level + 1, a2, b2, acc, accV);
    for (let c = b2 * FANOUT; c < b; c++) fold(acc, accV, nodes, values, c);
  }

  /** Grows level `k`'s arrays to hold `count` nodes (keeping what they hold). */
  private grow(k: number, count: number): void {
    const have = this.levels[k];
    if (have && have.length >= count * FIELDS) return;
    const nodes = Math.max(count, have ? (2 * have.length) / FIELDS : 0);
    const grown = new Int32Array(nodes * FIELDS);
    const grownV = new Float64Array(nodes * 2);
    if (have) {
      grown.set(have);
      grownV.set(this.values[k]);
    }
    this.levels[k] = grown;
    this.values[k] = grownV;
  }
}

/**
 * A multi-resolution min/max index over one y column, so M4 (see downsample.ts) answers a pixel
 * column in O(log n) instead of scanning its points.
 *
 * Two kinds of summary:
 * - leaves of FINE points, one byte each: the offsets of the leaf's first minimum and first maximum
 *   (4 bits each), or NOT_FINITE when the leaf holds a non-finite value (such a leaf is scanned);
 * - nodes: level 0 summarises blocks of LEAF = FANOUT leaves, each level above FANOUT nodes of the
 *   one below. A node holds what one M4 column needs, as indexes into y: the first and last finite
 *   point, the first minimum and first maximum (ties keep the earliest, as a scan does), the first
 *   non-finite point and the count of non-finite points, and the minimum and maximum values
 *   themselves (so folding nodes never reads y, where each read would be a cache miss).
 * That is 1 byte per 16 points plus 6 Int32 and 2 Float64 per 128 points: about 2.6 % of the x and
 * y columns. A query scans at most FINE − 1 points at each end and folds at most
 * 2 × (FANOUT − 1) leaves or nodes a level: it goes up a level as soon as a whole node of it fits.
 * So a pixel column of 100 or 500 points costs a few dozen steps, not a scan of its points. A leaf
 * reads its extremes from y, except where the level-0 node around it already tells them.
 *
 * The index reads values from the y it was built over: pass the same column (or a longer view of
 * it, for appended points: `extend`) to `query`.
 */

import { scanRange } from './minmax-scan.js';

export { scanRange } from './minmax-scan.js';

/** Points per leaf. */
export const FINE = 16;
/** Leaves per level-0 node, and nodes of one level per node of the next. */
export const FANOUT = 8;
/** Points per level-0 node. */
export const LEAF = FINE * FANOUT;
// Queries divide point indexes by shifts: indexes fit in 31 bits (the nodes hold them as Int32).
const FINE_BITS = 4;
const FANOUT_BITS = 3;
const LEAF_BITS = FINE_BITS + FANOUT_BITS;
/**
 * The leaf byte of a leaf holding a non-finite value. No all-finite leaf has it: its first minimum
 * and first maximum share an offset only when every value is equal, and that offset is then 0.
 */
const NOT_FINITE = 0xff;

/** The fields of one M4 column, as `scanRange` writes them. */
const FIELDS = 6;
const FIRST = 0;
const MIN = 1;
const MAX = 2;
const LAST = 3;
const GAP = 4;
const NON_FINITE = 5;

/**
 * `scanRange` of the block `y[from..to)` (`from` a multiple of FINE) into `out`, its minimum and
 * maximum values into `outV`, and the leaf bytes of its leaves into `leaves` — one pass over y.
 */
function scanBlock(
  y: Float64Array,
  from: number,
  to: number,
  leaves: Uint8Array,
  out: Int32Array,
  outV: Float64Array,
): void {
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  let gap = -1;
  let nonFinite = 0;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let s = from; s < to; s += FINE) {
    const e = s + FINE < to ? s + FINE : to;
    let lFirst = -1;
    let lLast = -1;
    let lMin = -1;
    let lMax = -1;
    let lMinV = Infinity;
    let lMaxV = -Infinity;
    let bad = 0;
    for (let q = s; q < e; q++) {
      const v = y[q];
      if (v - v === 0) {
        if (lFirst < 0) lFirst = q;
        lLast = q;
        if (v < lMinV) {
          lMinV = v;
          lMin = q;
        }
        if (v > lMaxV) {
          lMaxV = v;
          lMax = q;
        }
      } else {
        bad++;
        if (gap < 0) gap = q;
      }
    }
    leaves[s / FINE] = bad > 0 ? NOT_FINITE : ((lMin - s) << 4) | (lMax - s);
    nonFinite += bad;
    if (lFirst < 0) continue;
    if (first < 0) first = lFirst;
    last = lLast;
    if (lMinV < minV) {
      minV = lMinV;
      min = lMin;
    }
    if (lMaxV > maxV) {
      maxV = lMaxV;
      max = lMax;
    }
  }
  out[FIRST] = first;
  out[MIN] = min;
  out[MAX] = max;
  out[LAST] = last;
  out[GAP] = gap;
  out[NON_FINITE] = nonFinite;
  outV[0] = first >= 0 ? minV : NaN;
  outV[1] = first >= 0 ? maxV : NaN;
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

/** The arrays of an index, each trimmed to the nodes in use (for storing it: minmax-index-bytes.ts). */
export interface MinMaxIndexParts {
  length: number;
  leaves: Uint8Array;
  /** Per level, FIELDS Int32 per node. */
  levels: Int32Array[];
  /** Per level, the minimum and maximum value of each node. */
  values: Float64Array[];
}

export class MinMaxIndex {
  /** Points covered. */
  length = 0;
  /** One byte per leaf (capacity grows by doubling). */
  private leaves = new Uint8Array(0);
  /** Per level, FIELDS Int32 per node (capacity grows by doubling). */
  private levels: Int32Array[] = [];
  /** Per level, the minimum and maximum value of each node (NaN for a node without finite values). */
  private values: Float64Array[] = [];
  /** Nodes in use per level. */
  private counts: number[] = [];
  private readonly part = new Int32Array(FIELDS);
  private readonly partV = new Float64Array(2);
  /** The M4 so far of a query, handed to `foldLeaves`. */
  private readonly acc = new Int32Array(FIELDS);
  private readonly accV = new Float64Array(2);

  constructor(y: Float64Array) {
    this.extend(y);
  }

  /** An index made of stored parts (checked by their reader); `extend` it as one built over y. */
  static fromParts(p: MinMaxIndexParts): MinMaxIndex {
    const index = new MinMaxIndex(new Float64Array(0));
    index.length = p.length;
    index.leaves = p.leaves as typeof index.leaves;
    index.levels = [...p.levels] as typeof index.levels;
    index.values = [...p.values] as typeof index.values;
    index.counts = p.levels.map((l) => l.length / FIELDS);
    return index;
  }

  /** The arrays it is made of (views, not copies). */
  get parts(): MinMaxIndexParts {
    const counts = this.counts;
    return {
      length: this.length,
      leaves: this.leaves.subarray(0, (counts[0] ?? 0) * FANOUT),
      levels: this.levels.map((l, k) => l.subarray(0, counts[k]! * FIELDS)),
      values: this.values.map((v, k) => v.subarray(0, counts[k]! * 2)),
    };
  }

  /** Bytes the index holds. */
  get bytes(): number {
    let sum = this.leaves.byteLength;
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
      this.leaves = new Uint8Array(0);
      this.length = 0;
    }
    // level 0 from the block that held the old end
    let from = Math.floor(this.length / LEAF);
    let count = Math.ceil(n / LEAF);
    this.grow(0, count);
    const leafCount = count * FANOUT;
    if (this.leaves.length < leafCount) {
      const grown = new Uint8Array(Math.max(leafCount, 2 * this.leaves.length));
      grown.set(this.leaves);
      this.leaves = grown;
    }
    let level = this.levels[0];
    let values = this.values[0];
    const part = this.part;
    const partV = this.partV;
    for (let b = from; b < count; b++) {
      scanBlock(y, b * LEAF, Math.min(n, (b + 1) * LEAF), this.leaves, part, partV);
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

  /**
   * M4 of `y[from..to)` (integer indexes), written to `out` (and `values`) as `scanRange` does; `to` at most the
   * length covered. The pieces are folded in any order (ties keep the smaller index, so the answer
   * is the scan's): first the whole level-0 nodes inside the range, level by level, then the
   * partial nodes at its ends, the fringes. A fringe of a node without non-finite values needs no
   * read of y for its first and last point (its ends), nor for an extreme the node's own extreme
   * decides: the node's minimum is inside the fringe, or it already loses to the minimum so far (so
   * every value of the fringe does). Only what is left is read from the fringe's leaves. A range
   * without a whole node (a column of a hundred or of ten points) is one or two fringes.
   *
   * One path for every range length, on purpose: a zoom changes the points per pixel column, and a
   * path kept for short ranges would first run at the first zoom to that width, cold (interpreted,
   * and a deoptimisation of the optimised callers), costing that zoom 5–20 ms more than the next.
   */
  query(y: Float64Array, from: number, to: number, out: Int32Array, values?: Float64Array): void {
    to = Math.min(to, this.length);
    let first = -1;
    let last = -1;
    let min = -1;
    let max = -1;
    let gap = -1;
    let nonFinite = 0;
    let minV = Infinity;
    let maxV = -Infinity;
    // whole level-0 nodes [a0, b0), level by level: each level folds its fringes and hands the middle up
    const a0 = (from + LEAF - 1) >> LEAF_BITS;
    const b0 = to >> LEAF_BITS;
    let na = a0;
    let nb = b0;
    for (let k = 0; na < nb; k++) {
      const nodes = this.levels[k];
      const values = this.values[k];
      let ua = (na + FANOUT - 1) >> FANOUT_BITS;
      let ub = nb >> FANOUT_BITS;
      if (ub <= ua || k + 1 >= this.levels.length) ua = ub = 0;
      const right = ub > ua ? ub * FANOUT : nb;
      for (let c = na, end = ub > ua ? ua * FANOUT : nb; ; c++) {
        if (c === end) {
          if (end === nb) break;
          c = right;
          end = nb;
          if (c === end) break;
        }
        const i = c * FIELDS;
        const g = nodes[i + GAP];
        if (g >= 0 && (gap < 0 || g < gap)) gap = g;
        nonFinite += nodes[i + NON_FINITE];
        const f = nodes[i + FIRST];
        if (f < 0) continue;
        if (first < 0 || f < first) first = f;
        if (nodes[i + LAST] > last) last = nodes[i + LAST];
        const loV = values[2 * c];
        const hiV = values[2 * c + 1];
        if (loV < minV || (loV === minV && nodes[i + MIN] < min)) {
          minV = loV;
          min = nodes[i + MIN];
        }
        if (hiV > maxV || (hiV === maxV && nodes[i + MAX] < max)) {
          maxV = hiV;
          max = nodes[i + MAX];
        }
      }
      na = ua;
      nb = ub;
    }
    // The fringes, the parts of level-0 nodes at the ends: [from, a0) and [max(a0, b0), to) in
    // node units (one fringe when the range is inside one node). The left one comes after the whole
    // nodes (its equal values win over theirs), the right one last (its equal values lose).
    const nodes0 = this.levels[0];
    const values0 = this.values[0];
    const leaves = this.leaves;
    for (let side = 0; side < 2; side++) {
      const s = side === 0 ? from : (a0 > b0 ? a0 : b0) * LEAF;
      const e = side === 0 && a0 * LEAF < to ? a0 * LEAF : to;
      if (s >= e) continue;
      const node = s >> LEAF_BITS;
      const n = node * FIELDS;
      // whole leaves [a, b); the points before and after them: [s, a) and [max(a, b), e) in leaf units
      const a = (s + FINE - 1) >> FINE_BITS;
      const b = e >> FINE_BITS;
      if (nodes0[n + NON_FINITE] === 0) {
        // Every value of the node is finite: the fringe's first and last point are its ends, and
        // its minimum is the node's when that lies inside it; it is not looked for when the
        // node's, no greater than it, already loses (the same for the maximum).
        if (first < 0 || s < first) first = s;
        if (e - 1 > last) last = e - 1;
        let needMin = true;
        let needMax = true;
        const nodeMin = nodes0[n + MIN];
        const nodeMax = nodes0[n + MAX];
        const lo = values0[2 * node];
        const hi = values0[2 * node + 1];
        if (nodeMin >= s && nodeMin < e) {
          needMin = false;
          if (lo < minV || (lo === minV && nodeMin < min)) {
            minV = lo;
            min = nodeMin;
          }
        } else if (lo > minV || (side === 1 && lo === minV)) needMin = false;
        if (nodeMax >= s && nodeMax < e) {
          needMax = false;
          if (hi > maxV || (hi === maxV && nodeMax < max)) {
            maxV = hi;
            max = nodeMax;
          }
        } else if (hi < maxV || (side === 1 && hi === maxV)) needMax = false;
        if (!needMin && !needMax) continue;
        // parts of leaves: a leaf's extreme inside the part is the part's, else the part is scanned
        for (let piece = 0; piece < 2; piece++) {
          const p = piece === 0 ? s : (a > b ? a : b) * FINE;
          const q = piece === 0 && a * FINE < e ? a * FINE : e;
          if (p >= q) continue;
          const base = p & ~(FINE - 1);
          const byte = leaves[p >> FINE_BITS];
          const leafMin = base + (byte >> 4);
          const leafMax = base + (byte & 15);
          const scanMin = needMin && !(leafMin >= p && leafMin < q);
          const scanMax = needMax && !(leafMax >= p && leafMax < q);
          if (needMin && !scanMin) {
            const v = y[leafMin];
            if (v < minV || (v === minV && leafMin < min)) {
              minV = v;
              min = leafMin;
            }
          }
          if (needMax && !scanMax) {
            const v = y[leafMax];
            if (v > maxV || (v === maxV && leafMax < max)) {
              maxV = v;
              max = leafMax;
            }
          }
          if (!scanMin && !scanMax) continue;
          for (let i = p; i < q; i++) {
            const v = y[i];
            if (scanMin && (v < minV || (v === minV && i < min))) {
              minV = v;
              min = i;
            }
            if (scanMax && (v > maxV || (v === maxV && i < max))) {
              maxV = v;
              max = i;
            }
          }
        }
        for (let c = a; c < b; c++) {
          const byte = leaves[c];
          const base = c * FINE;
          if (needMin) {
            const at = base + (byte >> 4);
            const v = y[at];
            if (v < minV || (v === minV && at < min)) {
              minV = v;
              min = at;
            }
          }
          if (needMax) {
            const at = base + (byte & 15);
            const v = y[at];
            if (v > maxV || (v === maxV && at < max)) {
              maxV = v;
              max = at;
            }
          }
        }
        continue;
      }
      // A node with non-finite values: its leaves are folded one by one.
      const acc = this.acc;
      const accV = this.accV;
      acc[FIRST] = first;
      acc[MIN] = min;
      acc[MAX] = max;
      acc[LAST] = last;
      acc[GAP] = gap;
      acc[NON_FINITE] = nonFinite;
      accV[0] = minV;
      accV[1] = maxV;
      this.foldFringe(y, s, e, acc, accV);
      first = acc[FIRST];
      min = acc[MIN];
      max = acc[MAX];
      last = acc[LAST];
      gap = acc[GAP];
      nonFinite = acc[NON_FINITE];
      minV = accV[0];
      maxV = accV[1];
    }
    out[FIRST] = first;
    out[MIN] = min;
    out[MAX] = max;
    out[LAST] = last;
    out[GAP] = gap;
    out[NON_FINITE] = nonFinite;
    if (values) {
      values[0] = first >= 0 ? minV : NaN;
      values[1] = first >= 0 ? maxV : NaN;
    }
  }

  /**
   * Folds `y[s..e)` into the accumulator of `foldLeaves`: the parts of leaves at its ends are
   * scanned, its whole leaves folded from their leaf bytes.
   */
  private foldFringe(y: Float64Array, s: number, e: number, acc: Int32Array, accV: Float64Array): void {
    const a = (s + FINE - 1) >> FINE_BITS;
    const b = e >> FINE_BITS;
    let first = acc[FIRST];
    let min = acc[MIN];
    let max = acc[MAX];
    let last = acc[LAST];
    let gap = acc[GAP];
    let nonFinite = acc[NON_FINITE];
    let minV = accV[0];
    let maxV = accV[1];
    for (let piece = 0; piece < 2; piece++) {
      const p = piece === 0 ? s : (a > b ? a : b) * FINE;
      const q = piece === 0 && a * FINE < e ? a * FINE : e;
      for (let i = p; i < q; i++) {
        const v = y[i];
        if (v - v === 0) {
          if (first < 0 || i < first) first = i;
          if (i > last) last = i;
          if (v < minV || (v === minV && i < min)) {
            minV = v;
            min = i;
          }
          if (v > maxV || (v === maxV && i < max)) {
            maxV = v;
            max = i;
          }
        } else {
          nonFinite++;
          if (gap < 0 || i < gap) gap = i;
        }
      }
    }
    acc[FIRST] = first;
    acc[MIN] = min;
    acc[MAX] = max;
    acc[LAST] = last;
    acc[GAP] = gap;
    acc[NON_FINITE] = nonFinite;
    accV[0] = minV;
    accV[1] = maxV;
    if (a < b) this.foldLeaves(y, a, b, acc, accV);
  }

  /**
   * Folds the whole leaves `[a, b)` into an M4 accumulated so far: `acc` as `scanRange` writes
   * `out`, `accV` the minimum and maximum values (±Infinity while no value is finite). A leaf's
   * extremes are read at its leaf byte's offsets; a leaf holding a non-finite value is scanned.
   * Ties keep the smaller index, so the leaves may come after points to their right.
   */
  private foldLeaves(y: Float64Array, a: number, b: number, acc: Int32Array, accV: Float64Array): void {
    let first = acc[FIRST];
    let min = acc[MIN];
    let max = acc[MAX];
    let last = acc[LAST];
    let gap = acc[GAP];
    let nonFinite = acc[NON_FINITE];
    let minV = accV[0];
    let maxV = accV[1];
    const leaves = this.leaves;
    const part = this.part;
    const partV = this.partV;
    for (let c = a; c < b; c++) {
      const byte = leaves[c];
      const base = c * FINE;
      if (byte === NOT_FINITE) {
        scanRange(y, base, base + FINE, part, partV);
        nonFinite += part[NON_FINITE];
        if (part[GAP] >= 0 && (gap < 0 || part[GAP] < gap)) gap = part[GAP];
        if (part[FIRST] < 0) continue;
        if (first < 0 || part[FIRST] < first) first = part[FIRST];
        if (part[LAST] > last) last = part[LAST];
        if (partV[0] < minV || (partV[0] === minV && part[MIN] < min)) {
          minV = partV[0];
          min = part[MIN];
        }
        if (partV[1] > maxV || (partV[1] === maxV && part[MAX] < max)) {
          maxV = partV[1];
          max = part[MAX];
        }
        continue;
      }
      if (first < 0 || base < first) first = base;
      if (base + FINE - 1 > last) last = base + FINE - 1;
      const lo = base + (byte >> 4);
      const loV = y[lo];
      if (loV < minV || (loV === minV && lo < min)) {
        minV = loV;
        min = lo;
      }
      const hi = base + (byte & 15);
      const hiV = y[hi];
      if (hiV > maxV || (hiV === maxV && hi < max)) {
        maxV = hiV;
        max = hi;
      }
    }
    acc[FIRST] = first;
    acc[MIN] = min;
    acc[MAX] = max;
    acc[LAST] = last;
    acc[GAP] = gap;
    acc[NON_FINITE] = nonFinite;
    accV[0] = minV;
    accV[1] = maxV;
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

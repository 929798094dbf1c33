/**
 * M4 (downsample.ts) over columns read in pieces: a big metric of a server's disk cache answers its
 * first chart without reading its columns whole. Filling megabytes of fresh memory costs more than
 * anything else a reopened run does, and a chart of P pixel columns needs only a few points at
 * each column's ends: x around the column edge (found in a stored list of every CHUNK-th x, then
 * one chunk), y within 2 · LEAF of each end (all a MinMaxIndex query reads there; the index says
 * where the minimum and maximum lie), and the picked points themselves.
 *
 * The answer is `downsample(x, y, { index })`'s, point for point.
 */
import {
  downsample,
  lowerBound,
  normalizePoints,
  normalizeRange,
  upperBound,
  type DownsampleOptions,
  type Downsampled,
} from './downsample.js';
import { LEAF, type MinMaxIndex } from './minmax-index.js';

/** Points read at once, and the spacing of the stored x list. */
export const CHUNK = 256;

/** Fills `into` with the points [from, from + into.length) of a column. */
export type ReadPoints = (from: number, into: Float64Array) => void;

/** Every CHUNK-th value of a sorted column: its stored list of where chunks start. */
export function chunkStarts(x: Float64Array): Float64Array {
  const out = new Float64Array(Math.ceil(x.length / CHUNK));
  for (let p = 0; p < out.length; p++) out[p] = x[p * CHUNK]!;
  return out;
}

/**
 * A float64 column of `length` points read a chunk (or a point) at a time, into one array of its
 * full length whose untouched pages take no memory. `starts` (`chunkStarts` of a sorted column)
 * lets it binary-search reading one chunk. `whole` is told once every chunk is read (by a read).
 */
export class PagedColumn {
  private readonly values: Float64Array;
  private readonly have: Uint8Array;
  private missing: number;
  /** Points read one at a time (outside read chunks), kept apart so they touch no page of `values`. */
  private readonly points = new Map<number, number>();
  private readonly one = new Float64Array(1);

  constructor(
    readonly length: number,
    private readonly read: ReadPoints,
    private readonly starts?: Float64Array,
    private readonly whole?: (values: Float64Array) => void,
    /** The column already read whole, if it is. */
    values?: Float64Array,
  ) {
    this.values = values ?? new Float64Array(length);
    this.have = new Uint8Array(Math.ceil(length / CHUNK)).fill(values ? 1 : 0);
    this.missing = values ? 0 : this.have.length;
  }

  get complete(): boolean {
    return this.missing === 0;
  }

  get(i: number): number {
    if (this.have[(i / CHUNK) | 0] === 1) return this.values[i]!;
    let v = this.points.get(i);
    if (v === undefined) {
      this.read(i, this.one);
      this.points.set(i, (v = this.one[0]!));
    }
    return v;
  }

  /** Reads the chunks holding points [from, to) that are not read yet, each run of them at once. */
  ensure(from: number, to: number): void {
    to = Math.min(to, this.length);
    if (from >= to) return;
    const last = ((to - 1) / CHUNK) | 0;
    for (let c = (from / CHUNK) | 0; c <= last; c++) {
      if (this.have[c] === 1) continue;
      let e = c + 1;
      while (e <= last && this.have[e] === 0) e++;
      const start = c * CHUNK;
      this.read(start, this.values.subarray(start, Math.min(this.length, e * CHUNK)));
      this.have.fill(1, c, e);
      this.missing -= e - c;
      c = e - 1;
    }
    if (this.missing === 0) {
      this.points.clear();
      this.whole?.(this.values);
    }
  }

  /** The full-length array, holding the column only in the chunks read (zeros elsewhere). */
  get sparse(): Float64Array {
    return this.values;
  }

  /** The column whole (reading what is not read yet). */
  all(): Float64Array {
    this.ensure(0, this.length);
    return this.values;
  }

  /** A copy of points [from, to). */
  slice(from: number, to: number): Float64Array {
    this.ensure(from, to);
    return this.values.slice(from, to);
  }

  /** `lowerBound(column, v, from, to)` of a sorted column: one chunk read. */
  lowerBound(v: number, from: number, to: number): number {
    return this.bound(lowerBound(this.starts!, v), (lo, hi) => lowerBound(this.values, v, lo, hi), from, to);
  }

  /** `upperBound(column, v, from, to)` of a sorted column: one chunk read. */
  upperBound(v: number, from: number, to: number): number {
    return this.bound(upperBound(this.starts!, v), (lo, hi) => upperBound(this.values, v, lo, hi), from, to);
  }

  /** The first chunk starting at or past the answer is `p`: the answer lies in ((p − 1) · CHUNK, p · CHUNK]. */
  private bound(p: number, search: (lo: number, hi: number) => number, from: number, to: number): number {
    const lo = p === 0 ? 0 : (p - 1) * CHUNK + 1;
    const hi = Math.min(this.length, p * CHUNK);
    this.ensure(lo, hi);
    const at = search(lo, hi);
    return at < from ? from : at > to ? to : at;
  }
}

/**
 * `downsample(x, y, { ...options, index })` of a sorted x (with `starts`) and its y, reading only the
 * points it needs. `index` must be the index of y (as stored with it).
 */
export function downsamplePaged(
  x: PagedColumn,
  y: PagedColumn,
  index: MinMaxIndex,
  options: Pick<DownsampleOptions, 'range' | 'points'> = {},
): Downsampled {
  const n = Math.min(x.length, y.length);
  if ((x.complete && y.complete) || index.length !== y.length)
    return downsample(x.all(), y.all(), { ...options, index });
  const range = normalizeRange(options.range);
  const points = normalizePoints(options.points);
  let i0 = 0;
  let i1 = n;
  if (range) {
    i0 = x.lowerBound(range[0], 0, n);
    i1 = x.upperBound(range[1], i0, n);
  }
  const before = range && i0 > 0 ? i0 - 1 : -1;
  const after = range && i1 < n ? i1 : -1;
  const total = i1 - i0;

  if (points === undefined || total <= 4 * points) {
    const start = before >= 0 ? before : i0;
    const end = after >= 0 ? after + 1 : i1;
    const ys = y.slice(start, end);
    let nonFinite = 0;
    for (let i = i0 - start; i < i1 - start; i++) if (ys[i]! - ys[i]! !== 0) nonFinite++;
    return { x: x.slice(start, end), y: ys, exact: true, total, nonFinite };
  }

  const lo = range && Number.isFinite(range[0]) ? range[0] : x.get(i0);
  const hi = range && Number.isFinite(range[1]) ? range[1] : x.get(i1 - 1);
  const span = hi - lo;
  const scale = span > 0 ? points / span : 0;
  const outX = new Float64Array(5 * points + 2);
  const outY = new Float64Array(5 * points + 2);
  let k = 0;
  if (before >= 0) {
    outX[k] = x.get(before);
    outY[k++] = y.get(before);
  }
  const picked = new Int32Array(5);
  const scan = new Int32Array(6);
  const yValues = y.sparse;
  let kept = 0;
  let nonFinite = 0;
  const columnOf = (v: number): number => {
    const c = Math.floor((v - lo) * scale);
    return c >= points ? points - 1 : c < 0 ? 0 : c;
  };
  let i = i0;
  while (i < i1) {
    const col = columnOf(x.get(i));
    let j: number;
    if (col === points - 1 || scale === 0) j = i1;
    else {
      j = Math.max(i + 1, x.lowerBound(lo + (col + 1) / scale, i + 1, i1));
      while (j < i1 && columnOf(x.get(j)) === col) j++;
      while (j > i + 1 && columnOf(x.get(j - 1)) !== col) j--;
    }
    // What a query reads of y: the points within 2 · LEAF of the column's ends. The end of this
    // column is read with the start of the next (one read).
    if (j - i <= 4 * LEAF) y.ensure(i, j);
    else y.ensure(i, i + 2 * LEAF);
    y.ensure(Math.max(i, j - 2 * LEAF), Math.min(i1, j + 2 * LEAF));
    index.query(yValues, i, j, scan);
    nonFinite += scan[5]!;
    let m = 0;
    if (scan[0]! >= 0) {
      picked[m++] = scan[0]!;
      picked[m++] = scan[1]!;
      picked[m++] = scan[2]!;
      picked[m++] = scan[3]!;
    }
    if (scan[4]! >= 0) picked[m++] = scan[4]!;
    for (let a = 1; a < m; a++) {
      const v = picked[a]!;
      let b = a - 1;
      while (b >= 0 && picked[b]! > v) {
        picked[b + 1] = picked[b]!;
        b--;
      }
      picked[b + 1] = v;
    }
    // x is sorted: when the column's ends have the same x (steps logged again), every point has it
    const xFirst = x.get(i);
    const same = xFirst === x.get(j - 1);
    let prev = -1;
    for (let a = 0; a < m; a++) {
      const idx = picked[a]!;
      if (idx === prev) continue;
      prev = idx;
      outX[k] = same ? xFirst : x.get(idx);
      outY[k++] = y.get(idx);
      kept++;
    }
    i = j;
  }
  if (after >= 0) {
    outX[k] = x.get(after);
    outY[k++] = y.get(after);
  }
  return { x: outX.slice(0, k), y: outY.slice(0, k), exact: kept === total, total, nonFinite };
}

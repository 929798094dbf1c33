/**
 * Columns for the plot: x-alignment of several series into one x column (uPlot's data, whose rows
 * the cursor, tooltip and table read; the lines are drawn from each series' own columns),
 * visible-window scans and y ranges. Everything works on typed arrays without per-point objects.
 */
import { isSortedFinite, lowerBound, sortByX, upperBound } from '../../data/downsample.js';

export interface XY {
  x: Float64Array;
  y: Float64Array;
}

export interface Aligned {
  x: Float64Array;
  /** One y column per input, NaN where the input has no point at that x or a non-finite value. */
  ys: Float64Array[];
  /** Per input: 1 where the input has no point at that x (null when it has a point everywhere). */
  missing: (Uint8Array | null)[];
}

function sameX(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hasRepeats(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] === x[i - 1]) return true;
  return false;
}

/**
 * `alignColumns` when no input repeats an x value (the usual case): the union of the x values by
 * one native sort of them all, then each column placed by one walk along it.
 */
function alignDistinct(columns: readonly XY[]): Aligned {
  let total = 0;
  for (const c of columns) total += c.x.length;
  const all = new Float64Array(total);
  let at = 0;
  for (const c of columns) {
    all.set(c.x, at);
    at += c.x.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < total; i++) if (n === 0 || all[i] !== all[n - 1]) all[n++] = all[i];
  const x = all.subarray(0, n);
  const ys: Float64Array[] = [];
  const missing: Uint8Array[] = [];
  for (const c of columns) {
    const y = new Float64Array(n);
    const miss = new Uint8Array(n);
    const cx = c.x;
    const cy = c.y;
    let p = 0;
    for (let i = 0; i < n; i++) {
      if (p < cx.length && cx[p] === x[i]) y[i] = cy[p++];
      else {
        y[i] = NaN;
        miss[i] = 1;
      }
    }
    ys.push(y);
    missing.push(miss);
  }
  return { x, ys, missing };
}

/** Columns sorted by x without non-finite x; returns the input itself when it already is. */
export function ensureSorted(c: XY): XY & { reordered: boolean } {
  if (isSortedFinite(c.x)) return { x: c.x, y: c.y, reordered: false };
  const s = sortByX(c.x, c.y);
  return { x: s.x, y: s.y, reordered: s.nonMonotonic };
}

/**
 * One x column for all inputs (each sorted by x). When every input has the same x it is used as is;
 * otherwise the x values are merged, keeping repeated x values as often as the input that repeats
 * them most, and each y column gets NaN plus a `missing` flag where its input has no point.
 */
export function alignColumns(columns: readonly XY[]): Aligned {
  if (columns.length === 0) return { x: new Float64Array(0), ys: [], missing: [] };
  const first = columns[0].x;
  if (columns.every((c) => sameX(first, c.x))) {
    return { x: first, ys: columns.map((c) => c.y), missing: columns.map(() => null) };
  }
  if (!columns.some((c) => hasRepeats(c.x))) return alignDistinct(columns);
  // One merge pass into columns sized for the worst case, returned as views of the used part.
  const k = columns.length;
  let capacity = 0;
  for (const c of columns) capacity += c.x.length;
  const xs = columns.map((c) => c.x);
  const yIn = columns.map((c) => c.y);
  const x = new Float64Array(capacity);
  const ys = columns.map(() => new Float64Array(capacity));
  const missing = columns.map(() => new Uint8Array(capacity));
  const pos = new Int32Array(k);
  const runs = new Int32Array(k);
  let out = 0;
  for (;;) {
    let v = Infinity;
    let found = false;
    for (let j = 0; j < k; j++) {
      const p = pos[j];
      if (p < xs[j].length && (!found || xs[j][p] < v)) {
        v = xs[j][p];
        found = true;
      }
    }
    if (!found) break;
    let run = 0;
    for (let j = 0; j < k; j++) {
      const xj = xs[j];
      const yj = yIn[j];
      const yo = ys[j];
      let p = pos[j];
      let m = 0;
      while (p < xj.length && xj[p] === v) yo[out + m++] = yj[p++];
      pos[j] = p;
      runs[j] = m;
      if (m > run) run = m;
    }
    for (let j = 0; j < k; j++) {
      for (let m = runs[j]; m < run; m++) {
        ys[j][out + m] = NaN;
        missing[j][out + m] = 1;
      }
    }
    for (let m = 0; m < run; m++) x[out + m] = v;
    out += run;
  }
  return {
    x: x.subarray(0, out),
    ys: ys.map((y) => y.subarray(0, out)),
    missing: missing.map((m) => m.subarray(0, out)),
  };
}

/** Index window `[i0, i1)` of the x values inside `[lo, hi]`. */
export function visibleWindow(x: Float64Array, lo: number, hi: number): [number, number] {
  const i0 = lowerBound(x, lo);
  return [i0, upperBound(x, hi, i0)];
}

/** Whether `v` can be drawn on a linear (any finite) or log (positive finite) scale. */
export function drawable(v: number, log: boolean): boolean {
  return log ? v > 0 && v !== Infinity : v === v && v !== Infinity && v !== -Infinity;
}

/** Min and max of the drawable values of `ys[i0..i1)` (each cut at its length); undefined when there are none. */
export function valueExtent(
  ys: readonly Float64Array[],
  i0: number,
  i1: number,
  log: boolean,
): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const y of ys) {
    const end = Math.min(i1, y.length);
    for (let i = i0; i < end; i++) {
      const v = y[i];
      if (!drawable(v, log)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? [min, max] : undefined;
}

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
    for (let i = i0; i < end; i++) if (drawable(y[i], log)) scratch[m++] = y[i];
  }
  if (m === 0) return undefined;
  const sorted = scratch.subarray(0, m).sort();
  const at = (q: number): number => sorted[Math.min(m - 1, Math.max(0, Math.round(q * (m - 1))))];
  return [at(lo), at(hi)];
}

/** A y view with some air around `[min, max]`; a flat line gets a band around its value. */
export function paddedRange(min: number, max: number, log: boolean): [number, number] {
  if (log) {
    if (min === max) return [min / 2, max * 2];
    const lmin = Math.log10(min);
    const lmax = Math.log10(max);
    const pad = (lmax - lmin) * 0.05;
    return [10 ** (lmin - pad), 10 ** (lmax + pad)];
  }
  if (min === max) {
    const d = min === 0 ? 1 : Math.abs(min) * 0.1;
    return [min - d, max + d];
  }
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** Counts, in `y[i0..i1)`, the points the plot cannot draw: non-finite values, and values ≤ 0 on a log scale. */
export function countUndrawable(
  y: Float64Array,
  missing: Uint8Array | null,
  i0: number,
  i1: number,
): { nonFinite: number; nonPositive: number } {
  let nonFinite = 0;
  let nonPositive = 0;
  for (let i = i0; i < i1; i++) {
    if (missing && missing[i]) continue;
    const v = y[i];
    if (v !== v || v === Infinity || v === -Infinity) nonFinite++;
    else if (v <= 0) nonPositive++;
  }
  return { nonFinite, nonPositive };
}

/** Up to `max` indexes spread evenly over `[i0, i1)` (all of them when there are fewer). */
export function sampleIndexes(i0: number, i1: number, max: number): number[] {
  const n = i1 - i0;
  if (n <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, k) => i0 + k);
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(i0 + Math.round((k * (n - 1)) / (max - 1)));
  return out;
}

/** Growable x/y columns (and an optional time column) for live appends: amortised O(1) push, views without copies. */
export class XYBuffer {
  private xs: Float64Array;
  private yv: Float64Array;
  private tv: Float64Array | undefined;
  length: number;
  /** False while the columns are the arrays handed in (never written to: they may be shared). */
  private owned = false;

  /** `time`, when given, must be parallel to `x` (epoch ms of each point). */
  constructor(x: Float64Array, y: Float64Array, time?: Float64Array) {
    const n = Math.min(x.length, y.length);
    this.xs = x;
    this.yv = y;
    this.tv = time && time.length >= n ? time : undefined;
    this.length = n;
  }

  get x(): Float64Array {
    return this.xs.length === this.length ? this.xs : this.xs.subarray(0, this.length);
  }

  get y(): Float64Array {
    return this.yv.length === this.length ? this.yv : this.yv.subarray(0, this.length);
  }

  /** Epoch ms of each point, when the source sent times. */
  get time(): Float64Array | undefined {
    if (!this.tv) return undefined;
    return this.tv.length === this.length ? this.tv : this.tv.subarray(0, this.length);
  }

  get lastX(): number {
    return this.length > 0 ? this.xs[this.length - 1] : -Infinity;
  }

  get lastY(): number {
    return this.length > 0 ? this.yv[this.length - 1] : NaN;
  }

  push(x: number, y: number, time = NaN): void {
    if (!this.owned || this.length === this.xs.length) this.grow();
    this.xs[this.length] = x;
    this.yv[this.length] = y;
    if (this.tv) this.tv[this.length] = time;
    this.length++;
  }

  private grow(): void {
    const capacity = Math.max(16, this.length * 2);
    const copy = (from: Float64Array): Float64Array => {
      const to = new Float64Array(capacity);
      to.set(from.subarray(0, this.length));
      return to;
    };
    this.xs = copy(this.xs);
    this.yv = copy(this.yv);
    if (this.tv) this.tv = copy(this.tv);
    this.owned = true;
  }
}

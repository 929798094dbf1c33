/**
 * Columns for the plot: whether several series share one x column (uPlot's data, whose rows the
 * cursor, tooltip and table read; the lines are drawn from each series' own columns; different x
 * are merged by x-union.ts), visible-window scans and y ranges. Everything works on typed arrays without per-point objects.
 */
import { isSortedFinite, lowerBound, upperBound } from '../../data/source.js';
import type { sortByX } from '../../data/x-order.js';

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

/**
 * Columns sorted by x without non-finite x; returns the input itself when it already is, else
 * sorts with `order` (x-order.ts, which the caller loads first when `needsSort`).
 */
export function ensureSorted(c: XY, order: { sortByX: typeof sortByX } | undefined): XY & { reordered: boolean } {
  if (isSortedFinite(c.x)) return { x: c.x, y: c.y, reordered: false };
  const s = order!.sortByX(c.x, c.y);
  return { x: s.x, y: s.y, reordered: s.nonMonotonic };
}

/** Whether `ensureSorted` has to sort `c`. */
export function needsSort(c: XY): boolean {
  return !isSortedFinite(c.x);
}

/**
 * The aligned columns when every input has the same x (used as is, with the inputs' own y columns);
 * undefined when their x differ and must be merged (x-union.ts, loaded with the first such answer).
 */
export function sharedX(columns: readonly XY[]): Aligned | undefined {
  if (columns.length === 0) return { x: new Float64Array(0), ys: [], missing: [] };
  const first = columns[0].x;
  if (columns.every((c) => sameX(first, c.x)))
    return { x: first, ys: columns.map((c) => c.y), missing: columns.map(() => null) };
  return undefined;
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
  // the checks of `drawable` written out: this runs on every redraw, often before the engine has
  // optimised it, and then a call per value is most of its cost
  for (const y of ys) {
    const end = Math.min(i1, y.length);
    if (log) {
      for (let i = i0; i < end; i++) {
        const v = y[i];
        if (!(v > 0 && v !== Infinity)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    } else {
      for (let i = i0; i < end; i++) {
        const v = y[i];
        // v - v is 0 for finite v, NaN for NaN and ±Infinity
        if (v - v !== 0) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return min <= max ? [min, max] : undefined;
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

/**
 * x/y columns (and an optional time column) that live points grow (`appendPoint` in live-append.ts,
 * loaded with the first of them): amortised O(1) appends, views without copies.
 */
export class XYBuffer {
  /** Capacity columns: the first `length` values are the points. */
  xs: Float64Array;
  ys: Float64Array;
  ts: Float64Array | undefined;
  length: number;
  /** False while the columns are the arrays handed in (never written to: they may be shared). */
  owned = false;

  /** `time`, when given, must be parallel to `x` (epoch ms of each point). */
  constructor(x: Float64Array, y: Float64Array, time?: Float64Array) {
    const n = Math.min(x.length, y.length);
    this.xs = x;
    this.ys = y;
    this.ts = time && time.length >= n ? time : undefined;
    this.length = n;
  }

  get x(): Float64Array {
    return this.view(this.xs);
  }

  get y(): Float64Array {
    return this.view(this.ys);
  }

  /** Epoch ms of each point, when the source sent times. */
  get time(): Float64Array | undefined {
    return this.ts && this.view(this.ts);
  }

  private view(a: Float64Array): Float64Array {
    return a.length === this.length ? a : a.subarray(0, this.length);
  }
}

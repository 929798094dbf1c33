/**
 * Series the system panel derives from raw columns: rates of cumulative counters, scaled values,
 * and the min / mean / max / last of a range. Pure functions over x-sorted Float64Arrays.
 */
import { lowerBound, upperBound } from '../../data/source.js';

export interface Columns {
  x: Float64Array;
  y: Float64Array;
}

export interface RateColumns extends Columns {
  /** How many times the counter went down (a restarted process or resumed run) and was read as a reset. */
  resets: number;
}

function isFiniteNumber(v: number): boolean {
  return v === v && v !== Infinity && v !== -Infinity;
}

/**
 * The rate per second of a cumulative counter, one point per raw point after the first, at the raw
 * point's x. `secondsPerX` converts x units to seconds (1 for seconds, 0.001 for epoch ms).
 *
 * - A counter that goes down was reset (new process, resumed run): the increase since the reset is
 *   its new value (as Prometheus' `rate` reads it), never a negative spike.
 * - A non-finite raw value gives a gap (NaN) at its x; the next finite value is measured from the
 *   last finite one.
 * - Points whose x does not advance past the previous finite point give no rate (no division by zero).
 */
export function rateOf(x: Float64Array, y: Float64Array, secondsPerX: number): RateColumns {
  const n = Math.min(x.length, y.length);
  const outX = new Float64Array(n);
  const outY = new Float64Array(n);
  const perX = isFiniteNumber(secondsPerX) && secondsPerX > 0 ? secondsPerX : 1;
  let k = 0;
  let resets = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!isFiniteNumber(v)) {
      if (prev >= 0) {
        outX[k] = x[i];
        outY[k++] = NaN;
      }
      continue;
    }
    if (prev < 0) {
      prev = i;
      continue;
    }
    const dt = (x[i] - x[prev]) * perX;
    if (!(dt > 0)) {
      // same x as the previous point: keep the later value as the base for the next rate
      prev = i;
      continue;
    }
    let increase = v - y[prev];
    if (increase < 0) {
      resets++;
      increase = Math.max(0, v);
    }
    outX[k] = x[i];
    outY[k++] = increase / dt;
    prev = i;
  }
  return { x: outX.slice(0, k), y: outY.slice(0, k), resets };
}

/** `y` multiplied by `factor` (a copy; the same array when the factor is 1). */
export function scaled(y: Float64Array, factor: number): Float64Array {
  if (factor === 1) return y;
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] * factor;
  return out;
}

/** How many x units make one second, for an x axis of the source contract. */
export function secondsPerXUnit(x: string): number {
  return x === 'wallclock' || x === 'timestamp' ? 0.001 : 1;
}

export interface RangeStats {
  min: number;
  mean: number;
  max: number;
  last: number;
  /** Finite values in the range. */
  count: number;
}

/** Min, mean, max and last of the finite values with x inside `range` (inclusive; all when absent). */
export function rangeStats(c: Columns, range?: readonly [number, number]): RangeStats {
  const n = Math.min(c.x.length, c.y.length);
  const i0 = range ? lowerBound(c.x, range[0], 0, n) : 0;
  const i1 = range ? upperBound(c.x, range[1], i0, n) : n;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let last = NaN;
  for (let i = i0; i < i1; i++) {
    const v = c.y[i];
    if (!isFiniteNumber(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
    last = v;
  }
  if (count === 0) return { min: NaN, mean: NaN, max: NaN, last: NaN, count: 0 };
  return { min, mean: sum / count, max, last, count };
}

/** The value of the last point at or before `at` (NaN when there is none). */
export function valueAtOrBefore(c: Columns, at: number): number {
  const i = upperBound(c.x, at, 0, Math.min(c.x.length, c.y.length)) - 1;
  return i >= 0 ? c.y[i] : NaN;
}

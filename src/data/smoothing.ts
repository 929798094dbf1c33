/**
 * Smoothing on full-resolution data (run it before downsampling, so the curve does not change with
 * zoom or chart width). Every kind passes non-finite values through unchanged and leaves them out of
 * the neighbours' averages.
 *
 * - `ema`: TensorBoard's debiased exponential moving average, exactly:
 *   `last = last·w + (1−w)·v; n++; smoothed = last / (1 − wⁿ)`. A constant series is returned as is
 *   (TensorBoard does the same, to avoid rounding noise). `weight` is clamped to [0, 0.999].
 * - `twema`: time-weighted EMA (the idea of W&B's): the decay applied between two points depends on
 *   their x gap. With `Δ = (xᵢ − xᵢ₋₁) · (N − 1) / (x_max − x_min)` (the gap in units of the mean
 *   spacing), `a = w^Δ`, `num = num·a + v`, `den = den·a + 1`, `smoothed = num / den`.
 *   On evenly spaced x it equals `ema` with the same weight; a long gap forgets more of the past.
 * - `average`: centred running mean over `i − r … i + r` with `r = round(weight)`, truncated at the ends.
 * - `gaussian`: gaussian kernel over point indexes with σ = `weight` points, truncated at 3σ and
 *   renormalised where it meets the ends or gaps. Above σ = 8 three box filters stand in for the
 *   kernel (O(n) for any σ; within about 2 % of the data range of the exact curve).
 */
import type { Smoothing, SmoothingKind } from './source.js';
import type { SmoothedY, XColumns } from './memory-metrics.js';

export { isActiveSmoothing } from './source.js';

function isFiniteNumber(v: number): boolean {
  return v === v && v !== Infinity && v !== -Infinity;
}

export function smooth(x: ArrayLike<number>, y: ArrayLike<number>, s: Smoothing): Float64Array {
  const kind: SmoothingKind = s.kind;
  const weight = Number(s.weight);
  switch (kind) {
    case 'ema':
      return ema(y, weight);
    case 'twema':
      return timeWeightedEma(x, y, weight);
    case 'average':
      return runningAverage(y, weight);
    case 'gaussian':
      return gaussian(y, weight);
    default:
      return Float64Array.from(y);
  }
}

function clampEmaWeight(w: number): number {
  if (!Number.isFinite(w) || w <= 0) return 0;
  return Math.min(w, 0.999);
}

export function ema(y: ArrayLike<number>, weight: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  const w = clampEmaWeight(weight);
  let constant = true;
  for (let i = 1; i < n && constant; i++) if (y[i] !== y[0]) constant = false;
  if (w === 0 || constant) {
    for (let i = 0; i < n; i++) out[i] = y[i];
    return out;
  }
  let last = 0;
  // w^numAccum, kept as a running product (Math.pow per point is the slow part on 1M points).
  let wPow = 1;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!isFiniteNumber(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    wPow *= w;
    out[i] = last / (1 - wPow);
  }
  return out;
}

export function timeWeightedEma(x: ArrayLike<number>, y: ArrayLike<number>, weight: number): Float64Array {
  const n = Math.min(x.length, y.length);
  const out = new Float64Array(n);
  const w = clampEmaWeight(weight);
  const span = n > 1 ? x[n - 1] - x[0] : 0;
  if (w === 0 || n < 2) return copy(y, n);
  // All points at one x: there are no gaps to weigh, so this is the plain EMA.
  if (!(span > 0)) return ema(Array.prototype.slice.call(y, 0, n) as number[], w);
  const unitsPerX = (n - 1) / span;
  let num = 0;
  let den = 0;
  let prevX = NaN;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!isFiniteNumber(v)) {
      out[i] = v;
      continue;
    }
    const gap = prevX === prevX ? Math.max(0, (x[i] - prevX) * unitsPerX) : 0;
    const a = Math.pow(w, gap);
    num = num * a + v;
    den = den * a + 1;
    prevX = x[i];
    out[i] = num / den;
  }
  return out;
}

function copy(y: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = y[i];
  return out;
}

export function runningAverage(y: ArrayLike<number>, weight: number): Float64Array {
  const n = y.length;
  const r = Number.isFinite(weight) ? Math.max(0, Math.round(weight)) : 0;
  if (r === 0) return copy(y, n);
  // Prefix sums over finite values only; non-finite values are neither summed nor counted.
  const sums = new Float64Array(n + 1);
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    const ok = isFiniteNumber(v);
    sums[i + 1] = sums[i] + (ok ? v : 0);
    counts[i + 1] = counts[i] + (ok ? 1 : 0);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!isFiniteNumber(v)) {
      out[i] = v;
      continue;
    }
    const a = Math.max(0, i - r);
    const b = Math.min(n, i + r + 1);
    out[i] = (sums[b] - sums[a]) / (counts[b] - counts[a]);
  }
  return out;
}

/** Kernel radius (3σ) above which `gaussian` uses three box filters instead of the exact kernel. */
const EXACT_GAUSSIAN_MAX_RADIUS = 24;

export function gaussian(y: ArrayLike<number>, sigma: number): Float64Array {
  const n = y.length;
  if (!Number.isFinite(sigma) || sigma <= 0) return copy(y, n);
  const r = Math.max(1, Math.ceil(3 * sigma));
  return r <= EXACT_GAUSSIAN_MAX_RADIUS ? exactGaussian(y, sigma, r) : boxGaussian(y, sigma);
}

function exactGaussian(y: ArrayLike<number>, sigma: number, r: number): Float64Array {
  const n = y.length;
  const kernel = new Float64Array(2 * r + 1);
  for (let d = -r; d <= r; d++) kernel[d + r] = Math.exp(-(d * d) / (2 * sigma * sigma));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!isFiniteNumber(v)) {
      out[i] = v;
      continue;
    }
    let num = 0;
    let den = 0;
    const a = Math.max(0, i - r);
    const b = Math.min(n - 1, i + r);
    for (let j = a; j <= b; j++) {
      const u = y[j];
      if (!isFiniteNumber(u)) continue;
      const k = kernel[j - i + r];
      num += k * u;
      den += k;
    }
    out[i] = num / den;
  }
  return out;
}

/**
 * Large σ: three successive box filters approximate the gaussian (Kovesi's box sizes) in O(n)
 * whatever σ is. Values and the finite-mask are filtered alike and divided, which renormalises at
 * the ends and around gaps just as the exact kernel does.
 */
function boxGaussian(y: ArrayLike<number>, sigma: number): Float64Array {
  const n = y.length;
  let num: Float64Array = new Float64Array(n);
  let den: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (isFiniteNumber(v)) {
      num[i] = v;
      den[i] = 1;
    }
  }
  const passes = 3;
  let wl = Math.floor(Math.sqrt((12 * sigma * sigma) / passes + 1));
  if (wl % 2 === 0) wl--;
  const m = Math.round((12 * sigma * sigma - passes * wl * wl - 4 * passes * wl - 3 * passes) / (-4 * wl - 4));
  for (let p = 0; p < passes; p++) {
    const radius = ((p < m ? wl : wl + 2) - 1) / 2;
    num = boxSum(num, radius);
    den = boxSum(den, radius);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    out[i] = isFiniteNumber(v) ? num[i] / den[i] : v;
  }
  return out;
}

/** Sum over the centred window i − r … i + r (zero beyond the ends), via prefix sums. */
function boxSum(a: Float64Array, r: number): Float64Array {
  const n = a.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + a[i];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = prefix[Math.min(n, i + r + 1)] - prefix[Math.max(0, i - r)];
  return out;
}

/**
 * The smoothed y of a MemoryRuns' cached columns (memory-metrics.ts), computed once per smoothing
 * setting: it comes with this module, which the source loads with the first query that smooths.
 */
export function smoothedY(columns: XColumns, s: Smoothing): SmoothedY {
  const hit = columns.smoothed;
  if (hit && hit.kind === s.kind && hit.weight === s.weight) return hit;
  const y = smooth(columns.x, columns.y, s);
  columns.smoothed = { kind: s.kind, weight: s.weight, y };
  return columns.smoothed;
}

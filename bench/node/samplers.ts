/**
 * The samplers other trackers use, written here as baselines for the fidelity figure. Each returns
 * ascending indexes into the raw series.
 */
import { mulberry32 } from '../../src/data/random.js';

/** W&B's random mode: `count` distinct random points (plus nothing else), in x order. */
export function randomSample(n: number, count: number, seed: number): Int32Array {
  const rnd = mulberry32(seed);
  const picked = new Set<number>();
  while (picked.size < Math.min(n, count)) picked.add(Math.floor(rnd() * n));
  return Int32Array.from([...picked].sort((a, b) => a - b));
}

/** TensorBoard's reservoir (size `k`, always keeping the most recent point), in x order. */
export function reservoirSample(n: number, k: number, seed: number): Int32Array {
  const rnd = mulberry32(seed);
  const items: number[] = [];
  for (let i = 0; i < n; i++) {
    if (items.length < k) {
      items.push(i);
      continue;
    }
    const r = Math.floor(rnd() * (i + 1));
    // always_keep_last: the newest item replaces a random slot when not chosen by the draw
    if (r < k) items[r] = i;
    else items[items.length - 1] = i;
  }
  return Int32Array.from(items.sort((a, b) => a - b));
}

/** MLflow's history view: `steps` evenly spaced points plus the first and the last. */
export function evenSample(n: number, steps: number): Int32Array {
  const picked = new Set<number>([0, n - 1]);
  for (let s = 1; s <= steps; s++) picked.add(Math.round((s * (n - 1)) / (steps + 1)));
  return Int32Array.from([...picked].sort((a, b) => a - b));
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013) to `threshold` points: the first and last
 * point, and from each of `threshold − 2` equal buckets the point that makes the largest triangle
 * with the previously chosen point and the average of the next bucket.
 */
export function lttb(x: Float64Array, y: Float64Array, threshold: number): Int32Array {
  const n = x.length;
  if (threshold >= n || threshold < 3) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(threshold);
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  out[0] = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x[j];
      avgY += y[j];
    }
    const len = Math.max(1, nextEnd - nextStart);
    avgX /= len;
    avgY /= len;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    out[i + 1] = chosen;
    a = chosen;
  }
  out[threshold - 1] = n - 1;
  return out;
}

/**
 * Benchmark (not a test): M4 over 10 series × 1,000,000 points, beside a baseline that only sums the
 * same arrays, so the ratio holds when the machine is busy. Run:
 *   node --import tsx test/node/data/downsample.bench.ts
 */
import { downsample } from '../../../src/data/downsample.js';
import { ema } from '../../../src/data/smoothing.js';
import { generateLargeMetrics } from '../../../src/data/sample-large.js';

function time(label: string, fn: () => void, reps = 7): number {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(reps / 2)];
  console.log(`${label.padEnd(44)} median ${median.toFixed(1)} ms`);
  return median;
}

const t = performance.now();
const metrics = generateLargeMetrics({ metrics: 10, points: 1_000_000 });
console.log(`generate 10 × 1M points: ${(performance.now() - t).toFixed(0)} ms`);
const columns = metrics.map((m) => ({ x: m.step as Float64Array, y: m.value as Float64Array }));

let sink = 0;
const baseline = time('baseline: sum 10 × 1M y values', () => {
  let sum = 0;
  for (const c of columns) for (let i = 0; i < c.y.length; i++) sum += c.y[i];
  sink += sum;
});
const full = time('M4 10 × 1M at 1920 px, full view', () => {
  for (const c of columns) sink += downsample(c.x, c.y, { points: 1920 }).x.length;
});
time('M4 10 × 1M at 1920 px, half range', () => {
  for (const c of columns) sink += downsample(c.x, c.y, { points: 1920, range: [250_000, 750_000] }).x.length;
});
time('M4 10 × 1M at 1920 px, 1000-step zoom (raw)', () => {
  for (const c of columns) sink += downsample(c.x, c.y, { points: 1920, range: [500_000, 501_000] }).x.length;
});
time(
  'EMA 10 × 1M',
  () => {
    for (const c of columns) sink += ema(c.y, 0.9)[0];
  },
  3,
);
console.log(`full-view M4 / baseline: ${(full / baseline).toFixed(1)}× (budget: well under 100 ms total)`);
if (sink === 42) console.log('');

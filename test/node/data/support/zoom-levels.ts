/**
 * Run by minmax-index.test.ts in a child process with V8's optimisation traces on: the source side
 * of a chart over 3 × 1M points, five full views (the first paints), then zooms to 50 %, 10 %,
 * 1 %, 0.1 % and 0.01 % of x, as the chart benchmark does. A line `zooms` on stdout separates the
 * two, in order with the traces (V8 writes them to stdout too).
 */
import { MemorySource } from '../../../../src/data/memory-source.js';
import { generateLargeMetrics } from '../../../../src/data/sample-large.js';
import type { RunInfo } from '../../../../src/data/source.js';

const POINTS = 1_000_000;
const metrics = generateLargeMetrics({ metrics: 3, points: POINTS, seed: 7 });
const keys = metrics.map((m) => m.key);
const source = new MemorySource({ info: { id: 'r', name: 'r', state: 'finished' } as RunInfo, metrics });
const ask = (range?: [number, number]) =>
  source.getSeries({ runIds: ['r'], keys, x: 'step', points: 1000, ...(range ? { range } : {}) });

for (let r = 0; r < 5; r++) await ask();
console.log('zooms');
for (const level of [0.5, 0.1, 0.01, 0.001, 0.0001]) {
  for (const centre of [0.3, 0.6]) {
    const lo = (POINTS - 1) * (centre - level / 2);
    await ask([lo, lo + (POINTS - 1) * level]);
  }
}

/**
 * Benchmark (not a test): M4 of 10 series × 1M points over a min/max index at the chart bench's
 * zoom plan (50 % … 0.01 % of x, 4 windows a level, 1000 px), as a MemorySource asks for it (the
 * columns shared by the series, evenly spaced steps). Figures are per zoom (10 series), medians of
 * alternating rounds, so a busy machine slows every variant alike. Run:
 *   node --import tsx bench/node/m4-zoom.ts [BASELINE_DIR]
 * With BASELINE_DIR (a copy of src/data's downsample.ts, minmax-index.ts, source.ts and
 * x-order.ts from another commit) both run in the same process, alternating: A/B.
 */
import * as current from '../../src/data/downsample.js';
import * as currentIndex from '../../src/data/minmax-index.js';
import { generateLargeMetrics } from '../../src/data/sample-large.js';
import { zoomPlan } from '../pages/chart-data.js';

type Downsample = typeof current.downsample;
interface Variant {
  name: string;
  downsample: Downsample;
  SharedColumns: typeof current.SharedColumns;
  indexes: InstanceType<typeof currentIndex.MinMaxIndex>[];
  times: Map<number, number[]>;
  first: number[];
}

const POINTS = 1_000_000;
const PX = 1000;
const ROUNDS = Number(process.env.ROUNDS ?? 15);

const metrics = generateLargeMetrics({ metrics: 10, points: POINTS, seed: 7 });
const x = metrics[0].step as Float64Array;
const ys = metrics.map((m) => m.value as Float64Array);
const even = current.evenSpacing(x);

async function variant(name: string, dir: string | undefined): Promise<Variant> {
  const ds = dir ? ((await import(`${dir}/downsample.ts`)) as typeof current) : current;
  const mi = dir ? ((await import(`${dir}/minmax-index.ts`)) as typeof currentIndex) : currentIndex;
  const indexes = ys.map((y) => new mi.MinMaxIndex(y));
  return { name, downsample: ds.downsample, SharedColumns: ds.SharedColumns, indexes, times: new Map(), first: [] };
}

const variants = [await variant('current', undefined)];
if (process.argv[2]) variants.push(await variant('baseline', process.argv[2]));
const plan = zoomPlan(POINTS, 4);
let sink = 0;

function zoom(v: Variant, range?: [number, number]): number {
  const t = performance.now();
  const columns = new v.SharedColumns();
  for (let s = 0; s < ys.length; s++)
    sink += v.downsample(x, ys[s], { points: PX, range, index: v.indexes[s], columns, even }).x.length;
  return performance.now() - t;
}

for (let r = 0; r < ROUNDS; r++) {
  for (const v of r % 2 ? [...variants].reverse() : variants) {
    v.first.push(zoom(v));
    for (const { level, range } of plan) {
      const list = v.times.get(level) ?? [];
      list.push(zoom(v, range));
      v.times.set(level, list);
    }
  }
}

const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const levels = [...variants[0].times.keys()];
console.log(`per zoom (10 series × 1M, ${PX} px), median over ${ROUNDS} rounds × 4 windows, ms`);
console.log(['variant'.padEnd(10), 'full', ...levels.map((l) => `${l * 100}%`)].map((s) => s.padStart(8)).join(''));
for (const v of variants)
  console.log(
    [v.name.padEnd(10), median(v.first), ...levels.map((l) => median(v.times.get(l)!))]
      .map((s) => (typeof s === 'number' ? s.toFixed(2) : s).padStart(8))
      .join(''),
  );
if (variants.length === 2) {
  const [a, b] = variants;
  console.log(
    [
      'ratio'.padEnd(10),
      median(a.first) / median(b.first),
      ...levels.map((l) => median(a.times.get(l)!) / median(b.times.get(l)!)),
    ]
      .map((s) => (typeof s === 'number' ? s.toFixed(2) : s).padStart(8))
      .join(''),
  );
}
if (sink === 42) console.log('');

/**
 * Benchmark (not a test) of what the boundary costs on the hot path: answers of the large run
 * (10 × 1M points, 1M log lines, 100,000 files) read through `checkSource`, each figure beside the
 * same request to the source itself, in the same process. Run:
 *   node --import tsx test/node/data/checked-source.bench.ts
 */
import { checkSource } from '../../../src/data/checked-source.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateLargeRun } from '../../../src/data/sample-large.js';

async function best(fn: () => Promise<unknown>, rounds = 7): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const run = generateLargeRun();
const raw = new MemorySource(run);
const checked = checkSource(raw, { repaired: () => {} });
const runId = run.info.id;
const keys = Array.from({ length: 10 }, (_, i) => `large/metric_${i}`);

const cases: [string, (s: typeof raw | typeof checked) => Promise<unknown>][] = [
  ['getSeries 10 × 1M at 1920 px', (s) => s.getSeries!({ runIds: [runId], keys, x: 'step', points: 1920 })],
  ['getSeries 10 × 1M, every raw point', (s) => s.getSeries!({ runIds: [runId], keys, x: 'step' })],
  ['getLogs: 500 lines', (s) => s.getLogs!({ runId, start: 500_000, count: 500 })],
  ['listFiles: a folder of 10,000 entries', (s) => s.listFiles!(runId, 'outputs')],
  ['getRun', (s) => s.getRun(runId)],
];
for (const [label, ask] of cases) {
  await ask(raw); // caches of the source itself
  // interleaved, best of each: the machine's load hits both alike
  let a = Infinity;
  let b = Infinity;
  for (let i = 0; i < 5; i++) {
    a = Math.min(a, await best(() => ask(raw), 2));
    b = Math.min(b, await best(() => ask(checked), 2));
  }
  console.log(
    `${label.padEnd(40)} source ${a.toFixed(2).padStart(8)} ms   checked ${b.toFixed(2).padStart(8)} ms   ` +
      `(+${(b - a).toFixed(2)} ms)`,
  );
}

// The check alone, on answers already in memory: what the boundary adds to a chart's first paint.
for (const points of [1920, undefined]) {
  const answer = await raw.getSeries({ runIds: [runId], keys, x: 'step', points });
  const fake = checkSource({ getRun: raw.getRun.bind(raw), getSeries: async () => answer }, { repaired: () => {} });
  const n = answer.reduce((k, s) => k + s.x.length, 0);
  const ms = await best(() => fake.getSeries!({ runIds: [runId], keys, x: 'step', points }), 9);
  console.log(`checking ${n.toLocaleString('en')} points (${points ?? 'raw'})`.padEnd(40), `${ms.toFixed(2)} ms`);
}

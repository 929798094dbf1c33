/**
 * Benchmark (not a test) of MemorySource over a large run: 10 × 1M points, a lazy 1M-line log,
 * 100,000 files. Each figure is printed beside a baseline measured in the same process. Run:
 *   node --import tsx test/node/data/memory-source.bench.ts
 */
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateLargeRun } from '../../../src/data/sample-large.js';

async function time(label: string, fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  console.log(`${label.padEnd(52)} ${ms.toFixed(1)} ms`);
  return ms;
}

let run!: ReturnType<typeof generateLargeRun>;
await time('generate the large run', () => (run = generateLargeRun()));
let source!: MemorySource;
await time('new MemorySource(large run)', () => (source = new MemorySource(run)));
const runId = run.info.id;
const keys = Array.from({ length: 10 }, (_, i) => `large/metric_${i}`);
const logs = run.logs as { count: number; line(i: number): { text: string } };

const baseline = await time('baseline: build the text of all 1M log lines', () => {
  let n = 0;
  for (let i = 0; i < logs.count; i++) n += logs.line(i).text.length;
  return n;
});
await time('getSeries 10 × 1M at 1920 px (first, builds caches)', () =>
  source.getSeries({ runIds: [runId], keys, x: 'step', points: 1920 }),
);
await time('getSeries 10 × 1M at 1920 px (again)', () =>
  source.getSeries({ runIds: [runId], keys, x: 'step', points: 1920 }),
);
await time('getSeries 10 × 1M zoomed to 10 % of the range', () =>
  source.getSeries({ runIds: [runId], keys, x: 'step', points: 1920, range: [450_000, 550_000] }),
);
await time('getLogs: last 100 of 1M lines', () => source.getLogs({ runId, start: 999_900, count: 100 }));
const search = await time('searchLogs regex over 1M lines', () =>
  source.searchLogs({ runId, query: 'loss=0\\.3\\d', regex: true }),
);
await time('getLogs filtered by label (first: builds the view)', () =>
  source.getLogs({ runId, start: 0, count: 100, labels: ['rank2'] }),
);
await time('getLogs filtered by label (again)', () =>
  source.getLogs({ runId, start: 200_000, count: 100, labels: ['rank2'] }),
);
await time('listFiles: a folder of 10,000 entries, first page', () => source.listFiles(runId, 'outputs'));
console.log(`search / baseline: ${(search / baseline).toFixed(2)}× (the lazy log builds each line while searching)`);

/**
 * `runpage serve` latency: the server started in this process on port 0 with one in-memory run
 * holding a 10,000,000-point metric; GET /api/series for the full range downsampled to 1,000 px
 * and for zoomed ranges, 20 requests each (the first request, which builds the source's per-axis
 * caches, is reported on its own). Baseline in the same process: the same getSeries query asked of
 * the run's MemorySource directly (no HTTP, no JSON).
 */
import { RunRegistry } from '../../src/server/registry.js';
import { startServer } from '../../src/server/server.js';
import type { RunInfo } from '../../src/data/source.js';

export async function runServe(p: { points: number; requests: number }) {
  const n = p.points;
  const step = new Float64Array(n);
  const value = new Float64Array(n);
  let noise = 0;
  for (let i = 0; i < n; i++) {
    step[i] = i;
    noise = 0.99 * noise + ((0.01 * Math.sin(i * 12.9898) * 43758.5453) % 1);
    value[i] = Math.exp(-i / (n / 4)) + noise;
  }
  const registry = new RunRegistry({ log: () => undefined });
  const { id, source } = registry.addMemoryRun({
    info: { id: 'bench', name: 'bench', state: 'finished' } as RunInfo,
    metrics: [{ key: 'train/loss', step, value }],
  });
  const server = await startServer(registry, { port: 0 });
  try {
    const url = (from?: number, to?: number) =>
      `${server.url}api/series?run=${encodeURIComponent(id)}&key=train%2Floss&x=step&points=1000` +
      (from === undefined ? '' : `&from=${from}&to=${to}`);
    const get = async (u: string) => {
      const t = performance.now();
      const res = await fetch(u);
      const body = await res.text();
      if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 200)}`);
      return { ms: performance.now() - t, bytes: body.length };
    };
    const first = await get(url());
    const full: number[] = [];
    const zoomed: number[] = [];
    const direct: number[] = [];
    let bytes = 0;
    for (let r = 0; r < p.requests; r++) {
      const g = await get(url());
      full.push(g.ms);
      bytes = g.bytes;
      const lo = Math.floor(((r * 0.618034) % 1) * n * 0.9);
      zoomed.push((await get(url(lo, lo + n / 10))).ms);
      const t = performance.now();
      await source.getSeries({ runIds: [id], keys: ['train/loss'], x: 'step', points: 1000 });
      direct.push(performance.now() - t);
    }
    return { firstMs: first.ms, full, zoomed, direct, responseBytes: bytes };
  } finally {
    await server.close();
  }
}

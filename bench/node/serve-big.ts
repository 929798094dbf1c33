/**
 * `runpage serve` opening a big W&B run: a generated `.wandb` of ~1 GB (history rows of three
 * metrics plus console lines, bench/node/readers.ts's writer) in a run folder in the OS temp
 * folder (deleted afterwards). The server runs in this process on port 0 over the folder:
 * - first open: the first GET /api/series of one metric (points=1000), which starts the run's
 *   read and a scan of the asked key in worker threads (server/first-series.ts; the read is held
 *   back while they scan), answered by the first to finish; and when the whole run is read;
 * - the run's disk cache (src/server/run-cache.ts, in a temp cache folder) written once the run
 *   is read: how long, how big, the same request asked (twice) while it is written, and the
 *   longest the event loop was held by the write;
 * - open again, cached: the same request once the run is held in memory and its cache written;
 * - open again, new registry: a fresh registry (no run held in memory), as a restarted server
 *   would, with the same cache folder: the run loads from its cache file.
 * RSS is taken after each open. Baseline in the same process: a JS loop over the file's bytes,
 * read from disk in 1 MiB pieces (the floor of any reader written in JS).
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { writeWandb } from './readers.js';

/**
 * The built server (dist/, `npm run build` first), as `runpage serve` runs: from the TypeScript
 * sources, every key-scan worker thread would first boot the TypeScript loader (~0.5 s of CPU
 * each, more than a second of the first open on two cores), which the built server does not.
 */
async function builtServer() {
  const dist = new URL('../../dist/server/', import.meta.url);
  const load = async <T>(name: string): Promise<T> => {
    try {
      return (await import(new URL(name, dist).href)) as T;
    } catch (e) {
      throw new Error(`the built server is missing (npm run build): ${(e as Error).message}`, { cause: e });
    }
  };
  return {
    discoverRuns: (await load<typeof import('../../src/server/discover.js')>('discover.js')).discoverRuns,
    RunRegistry: (await load<typeof import('../../src/server/registry.js')>('registry.js')).RunRegistry,
    startServer: (await load<typeof import('../../src/server/server.js')>('server.js')).startServer,
  };
}

const MiB = 1024 * 1024;

function loopOverFile(path: string): number {
  const fd = openSync(path, 'r');
  const buf = new Uint8Array(MiB);
  let sum = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, MiB, null);
      if (n <= 0) break;
      for (let i = 0; i < n; i++) sum = (sum + buf[i]!) | 0;
    }
  } finally {
    closeSync(fd);
  }
  return sum;
}

async function openOnce(root: string, cacheDir: string) {
  const { discoverRuns, RunRegistry, startServer } = await builtServer();
  const found = await discoverRuns([root]);
  const registry = new RunRegistry({ log: (m) => console.warn(m), cacheDir });
  registry.addLocations(found.runs);
  const id = registry.ids()[0];
  if (!id) throw new Error(`no run found in ${root}: ${found.problems.join('; ')}`);
  const server = await startServer(registry, { port: 0 });
  const url = `${server.url}api/series?run=${encodeURIComponent(id)}&key=train%2Floss&x=step&points=1000`;
  const get = async () => {
    const t = performance.now();
    const res = await fetch(url);
    const body = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 200)}`);
    if (!body.includes('train/loss')) throw new Error(`no train/loss series in ${body.slice(0, 200)}`);
    return performance.now() - t;
  };
  try {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const firstMs = await get();
    const used = process.cpuUsage(cpu);
    const rssMB = process.memoryUsage().rss / MiB;
    // the first answer may come from a key scan beside the read (server/first-series.ts): a later
    // open is one after the whole run is read and held, and its cache file written. Asked while the
    // cache file is written: the held run's first step-ordered series of the metric (which sorts
    // its steps, `duringWriteMs`), then the same again (`duringWriteAgainMs`, a later open while
    // the write goes on), and the longest the event loop was held from then until it was written.
    await registry.get(id);
    const wholeReadMs = performance.now() - start;
    const duringWriteMs = await get();
    let written = false;
    const writing = registry.cache?.flush().then(() => (written = true));
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    const duringWriteAgainMs = await get();
    const askedAgainWhileWriting = !written;
    await writing;
    stalls.disable();
    const cacheWriteMs = performance.now() - start - wholeReadMs;
    const cachedMs = await get();
    const sizes = readdirSync(cacheDir, { recursive: true }).map((f) => statSync(join(cacheDir, String(f))));
    const cacheMB = sizes.reduce((n, s) => n + (s.isFile() ? s.size : 0), 0) / MiB;
    return {
      firstMs,
      firstCpuMs: (used.user + used.system) / 1000,
      wholeReadMs,
      duringWriteMs,
      duringWriteAgainMs,
      askedAgainWhileWriting,
      writeStallMs: stalls.max / 1e6,
      cachedMs,
      rssMB,
      cacheWriteMs,
      cacheMB,
    };
  } finally {
    await server.close();
    registry.close();
  }
}

/**
 * Collects garbage until the heap stops shrinking. One gc() is not enough after the first open:
 * measured, it left ~300 MB of the first registry's objects (and ~600 MB of buffers) in the heap,
 * freed only by later collections, a turn of the event loop apart; the restart's open then paid
 * 200–300 ms of collection for them, which a restarted server does not.
 */
async function collectAll(gc: () => void): Promise<void> {
  let last = Infinity;
  for (let round = 0; round < 10; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const used = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    if (used > last * 0.99) return;
    last = used;
  }
}

export async function runServeBig(p: { megabytes: number }) {
  const root = mkdtempSync(join(tmpdir(), 'runpage-bench-serve-big-'));
  try {
    const runDir = join(root, 'wandb', 'run-20240501_000000-bigrun01');
    mkdirSync(runDir, { recursive: true });
    const path = join(runDir, 'run-bigrun01.wandb');
    let t = performance.now();
    writeWandb(path, p.megabytes * MiB, { newlines: true });
    const generateMs = performance.now() - t;
    const mb = statSync(path).size / MiB;
    t = performance.now();
    loopOverFile(path);
    const loopMs = performance.now() - t;
    const rssBeforeMB = process.memoryUsage().rss / MiB;
    const cacheDir = join(root, 'cache');
    const first = await openOnce(root, cacheDir);
    // The first open's garbage is collected, as a restarted server has none (gc() exists only
    // with --expose-gc, which bench/run.mjs does not pass: without this the restart paid for it).
    setFlagsFromString('--expose-gc');
    await collectAll(runInNewContext('gc') as () => void);
    const again = await openOnce(root, cacheDir);
    return { mb, generateMs, loopMs, rssBeforeMB, first, again };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

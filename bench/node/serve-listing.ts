/**
 * `runpage serve`'s runs list over 1,000 W&B runs of ~10 MB each (~10 GB), generated into the OS
 * temp folder and deleted afterwards. Each run: a run record (its own id, name, project), ~10 MB of
 * history and console records, an exit record; files/config.yaml, wandb-summary.json and
 * wandb-metadata.json. The history bytes are framed once and written for every run (every run
 * record has the same length, so the framing of what follows is the same).
 *
 * The server runs in a child process (bench/node/listing-server.ts):
 * - first answer: `GET /api/runs?limit=100` (the first page `<run-table>` asks for), from the
 *   request until the whole answer is in, on a server that has read nothing yet (its cache folder,
 *   `XDG_CACHE_HOME`, is a fresh temp folder);
 * - again: the same request, runs listed before (the per-run cache);
 * - RSS: the server's peak resident set (VmHWM) after those answers;
 * - after a restart: once the runs-list cache on disk holds every run, a new server over the same
 *   folder and cache folder, the same first request and then every run (`GET /api/runs`).
 * Baseline, same run: what the list cost before (reading every run fully), timed over the first
 * `baselineRuns` runs with `loadRun` in this process and scaled to all runs.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverRuns } from '../../src/server/discover.js';
import { loadRun } from '../../src/server/run-loaders.js';
import { exitRecord, historyRecord, outputRecord, runRecord } from '../../test/node/formats/wandb/helpers.js';
import { FileSink, WandbFramer } from './readers.js';
import { serverReady, spawnServer } from './child-server.js';

export interface ServeListingParams {
  runs: number;
  megabytesPerRun: number;
  baselineRuns: number;
}

const MiB = 1024 * 1024;
const T0 = 1_714_550_400_000;

/** Bytes written to a buffer (a FileSink over nothing). */
class MemorySink extends FileSink {
  readonly parts: Uint8Array[] = [];
  constructor() {
    super(-1);
  }
  override write(bytes: Uint8Array): void {
    this.parts.push(bytes.slice());
    this.written += bytes.length;
  }
  override flush(): void {}
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function runName(i: number): string {
  return `run-${String(i).padStart(5, '0')}`;
}

/** The head of run `i` (its run record) and, framed after it, the history and the exit: `[head, body]`. */
function frameRun(i: number, bodyBytes: number, body?: Buffer): [Buffer, Buffer] {
  const sink = new MemorySink();
  const framer = new WandbFramer(sink);
  const id = `b${String(i).padStart(5, '0')}`;
  framer.record(runRecord({ id, project: `proj-${i % 7}`, name: runName(i), startMs: T0 + i * 60_000 }));
  const headLength = sink.written;
  if (body) return [sink.bytes(), body];
  for (let step = 0; sink.written - headLength < bodyBytes; step++) {
    const loss = (2 * Math.exp(-step / 1e5) + 0.01 * Math.sin(step)).toFixed(6);
    framer.record(
      historyRecord(
        [
          ['train/loss', loss],
          ['_step', String(step)],
          ['_runtime', (step * 0.05).toFixed(3)],
        ],
        step,
      ),
    );
    if (step % 4 === 0) framer.record(outputRecord(`step ${step} | loss=${loss}`, true, false, T0 + step * 50));
  }
  framer.record(exitRecord(0, 3600));
  const all = sink.bytes();
  return [all.subarray(0, headLength), all.subarray(headLength)];
}

function writeRuns(root: string, p: ServeListingParams): number {
  let body: Buffer | undefined;
  let headLength = -1;
  let total = 0;
  for (let i = 0; i < p.runs; i++) {
    const dir = join(root, 'wandb', `run-20240501_000000-b${String(i).padStart(5, '0')}`);
    mkdirSync(join(dir, 'files'), { recursive: true });
    const [head, framed] = frameRun(i, p.megabytesPerRun * MiB, body);
    if (headLength < 0) headLength = head.length;
    if (head.length !== headLength) throw new Error('run records of different lengths');
    body = framed;
    const fd = openSync(join(dir, `run-b${String(i).padStart(5, '0')}.wandb`), 'w');
    writeSync(fd, head);
    writeSync(fd, body);
    closeSync(fd);
    total += head.length + body.length;
    writeFileSync(
      join(dir, 'files', 'config.yaml'),
      `lr:\n  value: ${(1e-4 * (1 + (i % 10))).toFixed(5)}\nbatch_size:\n  value: ${32 << (i % 4)}\n`,
    );
    writeFileSync(
      join(dir, 'files', 'wandb-summary.json'),
      JSON.stringify({ 'train/loss': 1 / (1 + i), _wandb: { runtime: 3600 } }),
    );
    writeFileSync(
      join(dir, 'files', 'wandb-metadata.json'),
      JSON.stringify({ startedAt: new Date(T0 + i * 60_000).toISOString() }),
    );
  }
  return total;
}

function get(port: number, path: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - t0, bytes, status: res.statusCode ?? 0 }));
    });
    req.setTimeout(600_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** Waits until the runs-list cache on disk holds `runs` runs (it is written a second after a change). */
async function cacheHolds(dir: string, runs: number): Promise<void> {
  for (let k = 0; k < 600; k++) {
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    let held = 0;
    for (const f of files) {
      try {
        held += (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { runs: unknown[] }).runs.length;
      } catch {
        // being replaced
      }
    }
    if (held >= runs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the runs-list cache in ${dir} never held ${runs} runs`);
}

export async function runServeListing(p: ServeListingParams) {
  const root = mkdtempSync(join(tmpdir(), 'runpage-bench-listing-'));
  try {
    const t0 = performance.now();
    const bytes = writeRuns(root, p);
    const writeMs = performance.now() - t0;
    const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'runpage-bench-cache-')) };
    const child = spawnServer(new URL('./listing-server.ts', import.meta.url), root, env);
    let restarted: ReturnType<typeof spawnServer> | undefined;
    try {
      const startedAt = performance.now();
      const url = await serverReady(child, 'the server');
      const startMs = performance.now() - startedAt;
      const port = Number(new URL(url).port);
      const first = await get(port, '/api/runs?limit=100');
      const again = await get(port, '/api/runs?limit=100');
      const all = await get(port, '/api/runs');
      const rssKb = statusKb(child.pid!, 'VmHWM');
      await cacheHolds(join(env.XDG_CACHE_HOME, 'runpage', 'listing'), p.runs);
      child.kill();
      restarted = spawnServer(new URL('./listing-server.ts', import.meta.url), root, env);
      const restartPort = Number(new URL(await serverReady(restarted, 'the restarted server')).port);
      const restartFirst = await get(restartPort, '/api/runs?limit=100');
      const restartAll = await get(restartPort, '/api/runs');
      // The baseline: every run read fully, as the list did before; timed on a few, scaled.
      const found = (await discoverRuns([root])).runs.slice(0, p.baselineRuns);
      const b0 = performance.now();
      for (const loc of found)
        await loadRun(loc, { now: Date.now(), heartbeatThresholdMs: 300_000, fileUrl: (x) => x, logsOnDisk: true });
      const fullReadMs = ((performance.now() - b0) / found.length) * p.runs;
      return {
        runs: p.runs,
        bytes,
        writeMs,
        startMs,
        first,
        again,
        all,
        rssKb,
        restartFirst,
        restartAll,
        fullReadMs,
        baselineRuns: found.length,
      };
    } finally {
      child.kill();
      restarted?.kill();
      rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

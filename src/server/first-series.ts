/**
 * The first chart of a big W&B run, before the run is read: while the full read goes on (the
 * registry's, on the main thread), worker threads scan the datastore for the asked keys only
 * (formats/wandb/key-scan.ts), each a segment of the file, and the series query is answered from
 * what they found when that comes first. The full read is held back while they scan and
 * until that answer is computed (read-pause.ts): on a machine of few cores it would take one of
 * their cores, then the main thread. Later requests are answered by the full read.
 *
 * The answer is the full read's answer: the same points (key-scan.ts), through the same
 * MemorySource. Where that cannot be promised the full read is waited for: an x axis or key the
 * scan cannot answer (`scanPlan`), a run still being written (its state as a listing peek finds
 * it, peek.ts, or a datastore that changed while scanned), a key the scan did not find, a run
 * whose history is not in its datastore.
 */
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import { MemorySource, type MemoryMetric } from '../data/memory-source.js';
import { isLiveState, type RunState } from '../data/source.js';
import { BLOCK_SIZE } from '../formats/wandb/framing.js';
import { scanPlan, type ScanPart, type ScanPlan } from '../formats/wandb/key-scan.js';
import { peekWandbListing } from '../formats/wandb/peek.js';
import { runIdFromFolderName } from '../formats/wandb/reader.js';
import type { SeriesRun, ServedRun } from './catalog.js';
import type { RunLocation } from './discover.js';
import { layOut, partStats, placePart, type LaidKey, type PartStats } from './key-scan-columns.js';
import type { SegmentJob } from './key-scan-segment.js';
import { createNodeFolder } from './node-folder.js';
import type { ReadPause } from './read-pause.js';

export interface FirstSeriesOptions {
  /** Datastores smaller than this wait for the full read (quick enough). Default 64 MiB. */
  minBytes?: number;
  /** Worker threads (segments of the file) per scan. Default the machine's cores, at most 4. */
  threads?: number;
  heartbeatThresholdMs: number;
  now: () => number;
}

/** The worker's module: built JavaScript beside this one, or (run from the TypeScript sources) its source. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = new URL(FROM_SOURCE ? './key-scan-worker.ts' : './key-scan-worker.js', import.meta.url);

/** Starts a key-scan worker; from the sources, tsx (a dev dependency) loads it, as it loads this module. */
function startWorker(job: SegmentJob): Worker {
  // the built worker needs no preload of this process's (a TypeScript loader under a bench costs it ~0.2 s)
  if (!FROM_SOURCE) return new Worker(WORKER, { workerData: job, execArgv: [] });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => t.tsImport(${JSON.stringify(WORKER.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true, workerData: job });
}

export class FirstSeries {
  private readonly minBytes: number;
  private readonly threads: number;
  /** What scans found and the run that answered from it, by the full read they were started beside, until it is done. */
  private readonly found = new Map<Promise<ServedRun>, Found & { run: SeriesRun }>();

  constructor(private readonly o: FirstSeriesOptions) {
    this.minBytes = o.minBytes ?? 64 * 1024 * 1024;
    this.threads = Math.max(1, Math.floor(o.threads ?? Math.min(4, availableParallelism())));
  }

  /**
   * The run to answer a series query of `keys` against `x` with: the full read (`full`, under
   * way) when it is ready first, else a stand-in that holds only those keys, found by a scan.
   */
  run(
    loc: RunLocation,
    id: string,
    keys: readonly string[],
    x: string,
    full: Promise<ServedRun>,
    pause?: ReadPause,
  ): Promise<SeriesRun> {
    const plan = loc.format === 'wandb' ? scanPlan(keys, x) : undefined;
    if (!plan) return full;
    const stop = new AbortController();
    const done = () => {
      stop.abort();
      this.found.delete(full);
    };
    full.then(done, done);
    // the read held back from now (it would take a core from the workers, then the main thread)
    // until this answer is computed, or the scan is not made
    let release = pause?.hold();
    // a scan that fails (a worker that cannot start, a file gone) leaves the answer to the full read
    const quick = this.scan(loc, plan, stop.signal)
      .then((found) => {
        if (!found || stop.signal.aborted) return undefined;
        const run = answerOf(found, plan, id, this.o.now);
        if (!run) return undefined;
        this.found.set(full, { ...found, run });
        if (release) releaseAfterFirstAnswer(run, release);
        release = undefined;
        return run;
      })
      .catch(() => undefined)
      .then((run) => {
        release?.();
        return run;
      });
    return Promise.race([full, quick.then((run) => run ?? full)]);
  }

  /**
   * A later series query while the same full read goes on (a zoom of the first chart): answered
   * from what the scan found when it holds every key and column the query needs, else undefined.
   */
  again(keys: readonly string[], x: string, full: Promise<ServedRun>): SeriesRun | undefined {
    const found = this.found.get(full);
    const plan = scanPlan(keys, x);
    if (!found || !plan) return undefined;
    const scanned = found.plan;
    if (!plan.keys.every((k) => scanned.keys.includes(k))) return undefined;
    if ((plan.time && !scanned.time) || (plan.runtime && !scanned.runtime)) return undefined;
    // the first answer's run holds every key scanned: asked again, its series and indexes are reused
    return answerable(subset(found.scan, plan), plan) ? found.run : undefined;
  }

  private async scan(loc: RunLocation, plan: ScanPlan, signal: AbortSignal): Promise<Found | undefined> {
    const dir = nodePath.join(loc.root, loc.path);
    const folder = createNodeFolder(dir);
    const folderName = nodePath.basename(dir);
    const name = datastoreOf(
      (await folder.list('')).filter((e) => e.kind === 'file').map((e) => e.name),
      folderName,
    );
    if (name === undefined) return undefined;
    const path = await folder.realFile(name);
    const before = await stat(path);
    if (before.size < this.minBytes || signal.aborted) return undefined;
    const scanning = new AbortController();
    const cancel = () => scanning.abort();
    signal.addEventListener('abort', cancel);
    try {
      const peek = peekWandbListing(folder, {
        folderName,
        now: this.o.now(),
        heartbeatThresholdMs: this.o.heartbeatThresholdMs,
        projectHint: loc.project,
      }).then((ref) => {
        // A run being written would be answered at one size and read at another.
        if (ref.error !== undefined || ref.state === undefined || isLiveState(ref.state)) cancel();
        return ref;
      });
      const scan = await scanInWorkers(path, before.size, plan, this.threads, scanning.signal);
      const ref = await peek;
      const after = await stat(path);
      if (!scan || scanning.signal.aborted || after.size !== before.size || after.mtimeMs !== before.mtimeMs)
        return undefined;
      return { plan, scan, state: ref.state! };
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }
}

/** How long a scan's answer holds the full read back when no series is asked of it. */
const ANSWER_MS = 2000;

/**
 * How long the read stays held once the first series is computed, while the answer is serialized,
 * compressed (in the thread pool, beside the read's file reads) and sent. A read resumed at once
 * takes the main thread between those steps: measured on a loaded machine, the 1 GB bench's answer
 * then reached its client 0.5–0.9 s after it was computed; with the read resumed 150 ms later, 0.1 s.
 */
const SEND_MS = 150;

/**
 * Calls `release` once the first series asked of `run` is computed (on the main thread, which the
 * held read would share) and sent (`SEND_MS`), or after `ANSWER_MS` when none is asked.
 */
function releaseAfterFirstAnswer(run: SeriesRun, release: (afterMs?: number) => void): void {
  // not unref'd: a read waiting on it is all some callers have left to run
  const timer = setTimeout(release, ANSWER_MS);
  const source = run.source;
  const getSeries = source.getSeries;
  source.getSeries = (...args) => {
    source.getSeries = getSeries;
    const answer = getSeries.apply(source, args);
    const end = () => {
      clearTimeout(timer);
      release(SEND_MS);
    };
    answer.then(end, end);
    return answer;
  };
}

/**
 * The run that answers a series query from the parts of a scan (every segment's, in file order),
 * when they hold what the full read would for the plan's keys; else undefined.
 */
export function scanAnswer(
  parts: readonly ScanPart[],
  plan: ScanPlan,
  id: string,
  state: RunState,
  now?: () => number,
): SeriesRun | undefined {
  const laid = layOut(parts.map(partStats), plan);
  parts.forEach((part, i) => {
    placePart(part, laid.parts[i]!);
    laid.receive(i, part);
  });
  return answerOf({ plan, scan: laid, state }, plan, id, now);
}

/** The keys' points over the whole file, as the segments placed them. */
interface FoundScan {
  keys: LaidKey[];
  historyRows: number;
}

/** What a scan found: its plan, the keys' points, the run's state as its listing shows it. */
interface Found {
  plan: ScanPlan;
  scan: FoundScan;
  state: RunState;
}

/** The stand-in run answering `plan` (the scan's plan or a part of it) from what a scan found. */
function answerOf(found: Found, plan: ScanPlan, id: string, now?: () => number): SeriesRun | undefined {
  const metrics = answerable(subset(found.scan, plan), plan);
  if (!metrics) return undefined;
  const state = found.state;
  return { id, state, source: new MemorySource({ info: { id, state }, metrics }, { now }) };
}

/** The keys of a scan that a plan asks for. */
function subset(scan: FoundScan, plan: ScanPlan): FoundScan {
  return { ...scan, keys: scan.keys.filter((k) => plan.keys.includes(k.key)) };
}

/**
 * The metrics of a scan when they are what the full read would hold for the plan's keys; else
 * undefined. A run without history rows in its datastore is read from files/ by the full read; a
 * key without points may be missing for reasons the scan does not see; a runtime x axis of a key
 * without a runtime is measured from the run's start, which needs every metric.
 */
function answerable(scan: FoundScan, plan: ScanPlan): MemoryMetric[] | undefined {
  if (scan.historyRows === 0) return undefined;
  const metrics: MemoryMetric[] = [];
  for (const k of scan.keys) {
    if (k.n === 0) {
      if (plan.required.includes(k.key)) return undefined;
      continue;
    }
    if (plan.runtime && plan.required.includes(k.key) && !k.columns().runtime!.some(Number.isFinite)) return undefined;
    metrics.push(metricOf(k));
  }
  return metrics;
}

/**
 * A key's metric for the answer's source: with its facts, its columns are read (joined, when the
 * segments placed only their step order) when a query first needs them.
 */
function metricOf(k: LaidKey): MemoryMetric {
  if (!k.facts) {
    const { step, value, time, runtime } = k.columns();
    const m: MemoryMetric = { key: k.key, group: 'history', step, value };
    if (time) m.time = time;
    if (runtime) m.runtime = runtime;
    return m;
  }
  return {
    key: k.key,
    group: 'history',
    facts: k.facts,
    get step() {
      return k.columns().step;
    },
    get value() {
      return k.columns().value;
    },
    get time() {
      return k.columns().time;
    },
    get runtime() {
      return k.columns().runtime;
    },
  };
}

/** The datastore the full read reads (reader.ts): `run-<id>.wandb` of the folder's id, else the first. */
export function datastoreOf(files: readonly string[], folderName: string): string | undefined {
  const stores = files.filter((f) => f.endsWith('.wandb'));
  const folderId = runIdFromFolderName(folderName);
  return stores.find((f) => folderId && f === `run-${folderId}.wandb`) ?? stores[0];
}

/** Block-aligned segments of a file of `size` bytes, `n` of them at most. */
export function segmentsOf(size: number, n: number): { start: number; end: number }[] {
  const blocks = Math.ceil(size / BLOCK_SIZE);
  const count = Math.max(1, Math.min(n, blocks));
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.round((blocks * i) / count) * BLOCK_SIZE;
    const end = i === count - 1 ? size : Math.round((blocks * (i + 1)) / count) * BLOCK_SIZE;
    out.push({ start, end });
  }
  return out;
}

/**
 * The keys' points over the whole file, each segment scanned in a worker thread that then places
 * its points in shared memory (key-scan-columns.ts); undefined when aborted or a worker failed.
 */
async function scanInWorkers(
  path: string,
  size: number,
  plan: ScanPlan,
  threads: number,
  signal: AbortSignal,
): Promise<FoundScan | undefined> {
  if (signal.aborted) return undefined;
  const workers: Worker[] = [];
  const stopAll = () => {
    for (const w of workers) void w.terminate();
  };
  signal.addEventListener('abort', stopAll);
  try {
    const replies = segmentsOf(size, threads).map(({ start, end }) => {
      const worker = startWorker({ path, plan, start, end, size });
      workers.push(worker);
      return repliesOf(worker);
    });
    const stats = await Promise.all(replies.map((next) => next<{ stats: PartStats }>()));
    const laid = layOut(
      stats.map((s) => s.stats),
      plan,
      (bytes) => new SharedArrayBuffer(bytes),
    );
    const placed = await Promise.all(
      replies.map((next, i) => {
        const reply = next<{ part?: ScanPart }>();
        workers[i]!.postMessage(laid.parts[i]);
        return reply;
      }),
    );
    placed.forEach((reply, i) => {
      if (reply.part) laid.receive(i, reply.part);
    });
    return laid;
  } catch {
    return undefined;
  } finally {
    signal.removeEventListener('abort', stopAll);
    stopAll();
  }
}

/**
 * The worker's replies one after another: each call waits for the next message. A message with
 * `error`, a worker error or exit rejects every reply not yet received.
 */
function repliesOf(worker: Worker): <T>() => Promise<T> {
  const received: unknown[] = [];
  const waiting: { resolve: (m: unknown) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (m: { error?: string }) => {
    if (m.error !== undefined) return fail(new Error(m.error || 'the key scan failed'));
    const w = waiting.shift();
    if (w) w.resolve(m);
    else received.push(m);
  });
  worker.once('error', fail);
  worker.once('exit', () => fail(new Error('the key scan stopped')));
  return <T>() =>
    new Promise<T>((resolve, reject) => {
      if (received.length > 0) return resolve(received.shift() as T);
      if (failure) return reject(failure);
      waiting.push({ resolve: resolve as (m: unknown) => void, reject });
    });
}

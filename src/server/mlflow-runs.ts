/**
 * `runpage serve --mlflow URL`: the runs of an MLflow tracking server, served through the same API
 * as runs on disk. Experiments are projects. The list is asked of the tracking server (paged) and
 * kept for a few seconds; a run is answered straight from `MlflowSource` (nothing is copied), its
 * artifacts are read in byte ranges, and a run still running is polled for news while the server
 * serves it, which its live stream passes on.
 */
import { listingOf } from '../data/run-listing.js';
import type { MetricInfo, Req, RunRef } from '../data/source.js';
import { isLiveState } from '../data/source.js';
import { MlflowSource } from '../formats/mlflow/mlflow-source.js';
import type { FolderEntry } from '../formats/common/run-folder.js';
import { asServedSource, type RunCatalog, type ServedSource } from './catalog.js';
import { EventHub } from './event-hub.js';
import { hideServedSource } from './private-runs.js';
import type { ServedRun } from './catalog.js';
import type { RunFiles } from './run-loaders.js';

export interface TrackingServerOptions {
  /** The tracking server, e.g. `http://mlflow.internal:5000` (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** How often running runs are asked for news, in ms. Default 5,000. */
  pollMs?: number;
  heartbeatThresholdMs?: number;
  /** Serve the runs without their private details. */
  public?: boolean;
  /** How long a runs list is reused, in ms. Default 3,000. */
  listTtlMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Bytes asked of the tracking server per request when a file is streamed. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** How long the metrics list of a running run is reused (a series request asks for it per key). */
const LIVE_METRICS_TTL_MS = 2000;

export class TrackingServerRuns implements RunCatalog {
  readonly source: MlflowSource;
  private readonly options: TrackingServerOptions;
  private readonly known = new Map<string, RunRef>();
  private readonly served = new Map<string, Promise<ServedRun>>();
  private listing?: { at: number; runs: Promise<RunRef[]> };
  private readonly now: () => number;

  constructor(options: TrackingServerOptions) {
    this.options = options;
    this.now = options.now ?? (() => Date.now());
    this.source = new MlflowSource({
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      headers: options.token ? { Authorization: `Bearer ${options.token}` } : undefined,
      pollMs: options.pollMs,
      heartbeatThresholdMs: options.heartbeatThresholdMs,
      now: options.now,
    });
  }

  has(id: string): boolean {
    return this.known.has(id) || this.served.has(id);
  }

  get(id: string): Promise<ServedRun> {
    let run = this.served.get(id);
    if (!run) {
      run = this.serve(id);
      this.served.set(id, run);
      // A run that could not be read (not there, server down) is asked again next time.
      run.catch(() => this.served.delete(id));
    }
    return run;
  }

  async listRuns(): Promise<RunRef[]> {
    const at = this.now();
    if (!this.listing || at - this.listing.at > (this.options.listTtlMs ?? 3000)) {
      const runs = this.source.listRuns();
      this.listing = { at, runs };
      runs.catch(() => {
        if (this.listing?.runs === runs) this.listing = undefined;
      });
    }
    const refs = await this.listing.runs;
    for (const ref of refs) this.known.set(ref.id, ref);
    return refs;
  }

  close(): void {
    for (const run of this.served.values()) run.then((r) => r.hub.close()).catch(() => undefined);
    this.served.clear();
  }

  private async serve(id: string): Promise<ServedRun> {
    const info = await this.source.getRun(id);
    let source = runView(this.source, id, this.now);
    if (this.options.public) source = hideServedSource(source, id);
    const served = { id, source, files: remoteFiles(source, id), state: info.state } as ServedRun;
    served.hub = new EventHub(source, id, (e) => {
      if (e.type === 'run' && e.run.state) served.state = e.run.state;
    });
    this.known.set(id, { id, state: info.state, format: 'mlflow' });
    return served;
  }
}

/**
 * One run of the tracking server as a ServedSource: what MLflow does not have (console logs,
 * media) is "none", `listRuns` lists just this run, and the metrics list is reused (for good once
 * the run has ended) because a series request asks for it once per key.
 */
function runView(mlflow: MlflowSource, runId: string, now: () => number): ServedSource {
  const base = asServedSource(mlflow);
  let metrics: { at: number; ended: boolean; list: Promise<MetricInfo[]> } | undefined;
  const listMetrics = async (id: string, o?: Req): Promise<MetricInfo[]> => {
    if (id !== runId) return base.listMetrics(id, o);
    const at = now();
    if (!metrics || (!metrics.ended && at - metrics.at > LIVE_METRICS_TTL_MS)) {
      const ended = !isLiveState((await mlflow.getRun(runId, o)).state);
      const list = mlflow.listMetrics(runId);
      metrics = { at, ended, list };
      list.catch(() => (metrics = undefined));
    }
    return metrics.list;
  };
  return {
    ...base,
    listMetrics,
    listRuns: async (o) => {
      const info = await mlflow.getRun(runId, o);
      return [{ ...listingOf(runId, info), format: 'mlflow' }];
    },
  };
}

/** A run's artifacts as files: listed in full, read in ranges (a model file of gigabytes is never held whole). */
function remoteFiles(source: ServedSource, runId: string): RunFiles {
  const list = async (dir: string): Promise<FolderEntry[]> => {
    const out: FolderEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await source.listFiles(runId, dir, cursor === undefined ? undefined : { cursor });
      for (const e of page.entries) {
        const entry: FolderEntry = { name: e.name, kind: e.kind === 'dir' ? 'dir' : 'file' };
        if (e.size !== undefined) entry.size = e.size;
        if (e.modified !== undefined) entry.modified = e.modified;
        out.push(entry);
      }
      cursor = page.next;
    } while (cursor);
    return out;
  };
  const stat = async (path: string): Promise<{ size: number; modified: number }> => {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    const entry = (await list(slash < 0 ? '' : path.slice(0, slash))).find((e) => e.name === name);
    if (entry && entry.kind === 'file' && entry.size !== undefined)
      return { size: entry.size, modified: entry.modified ?? 0 };
    // Not listed with a size (some artifact stores): the first byte's answer says how big it is.
    const probe = await source.readFile(runId, path, { start: 0, end: 1 });
    return { size: probe.size, modified: 0 };
  };
  return {
    list,
    stat,
    stream(path, start, end) {
      return (async function* () {
        for (let at = start; at < end;) {
          const part = await source.readFile(runId, path, { start: at, end: Math.min(end, at + CHUNK_BYTES) });
          if (part.bytes.length === 0) return;
          yield part.bytes;
          at += part.bytes.length;
        }
      })();
    },
  };
}

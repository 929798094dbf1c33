/**
 * What the HTTP API serves runs from: a catalog of runs, each answered by a source that implements
 * every method of the contract. The registry of runs on disk is one catalog; the runs of an MLflow
 * tracking server are another; a server may serve several at once.
 */
import type { Req, RunPage, RunQuery, RunRef, RunSource, RunState } from '../data/source.js';
import { SourceError } from '../data/errors.js';
import type { EventHub } from './event-hub.js';
import type { LivePoller } from './live-poller.js';
import type { RunFiles } from './run-loaders.js';

/** A source the API can ask anything: a method a backend lacks answers "this run has none" itself. */
export type ServedSource = Required<
  Omit<RunSource, 'defaultRunId' | 'fileUrl' | 'readArtifactFile' | 'queryRuns' | 'watchRuns'>
> &
  Pick<RunSource, 'readArtifactFile'>;

/** A run ready to answer requests. */
export interface ServedRun {
  id: string;
  source: ServedSource;
  /** Byte access on disk; absent for in-memory runs (whose source holds the bytes). */
  files?: RunFiles;
  hub: EventHub;
  /** The run's current state, kept up to date by live events. */
  state: RunState;
  poller?: LivePoller;
}

/** What a series query needs of a run: a served run, or a stand-in holding only the asked keys (first-series.ts). */
export type SeriesRun = Pick<ServedRun, 'id' | 'source' | 'state'>;

export interface RunCatalog {
  /** Whether the catalog knows the run (without reading it). */
  has(id: string): boolean;
  /** The run, read now if it has not been; rejects `not-found` for an unknown id, or with the read error. */
  get(id: string): Promise<ServedRun>;
  /**
   * `get` for a series query of `keys` against `x`, where the catalog can answer one sooner than
   * it reads the run (first-series.ts); the answer must be the read run's.
   */
  seriesRun?(id: string, keys: readonly string[], x: string): Promise<SeriesRun>;
  /** Every run; runs that cannot be read are listed with `error`. */
  listRuns(): Promise<RunRef[]>;
  /** The listings of these runs only, where the catalog can list some runs without the others. */
  listRunsOf?(ids: readonly string[]): Promise<RunRef[]>;
  /** How many runs the catalog holds, where it knows without listing them. */
  runCount?(): number;
  /**
   * One page of runs when the catalog can answer it without listing every run (`queryRunList`
   * semantics); undefined when it cannot: the caller pages `listRuns()` itself.
   */
  queryRuns?(q: RunQuery, o?: Req): Promise<RunPage | undefined>;
  /** Calls `listener` when a run's listing may have changed without its files changing; returns a stop. */
  onRunChange?(listener: () => void): () => void;
  /** Stops live reading; resolves once what the catalog keeps on disk is written. */
  close(): void | Promise<void>;
}

/** Several catalogs served as one: the first that knows a run serves it; lists are joined. */
export class JoinedCatalog implements RunCatalog {
  constructor(private readonly parts: readonly RunCatalog[]) {}

  has(id: string): boolean {
    return this.parts.some((p) => p.has(id));
  }

  get(id: string): Promise<ServedRun> {
    // A catalog that does not list the run yet may still find it (a run just started on a tracking server).
    return this.partOf(id).get(id);
  }

  seriesRun(id: string, keys: readonly string[], x: string): Promise<SeriesRun> {
    const part = this.partOf(id);
    return part.seriesRun ? part.seriesRun(id, keys, x) : part.get(id);
  }

  private partOf(id: string): RunCatalog {
    return this.parts.find((p) => p.has(id)) ?? this.parts[this.parts.length - 1];
  }

  async listRuns(): Promise<RunRef[]> {
    const lists = await Promise.all(this.parts.map((p) => p.listRuns()));
    const seen = new Set<string>();
    const out: RunRef[] = [];
    for (const list of lists) {
      for (const ref of list) {
        if (seen.has(ref.id)) continue;
        seen.add(ref.id);
        out.push(ref);
      }
    }
    return out;
  }

  onRunChange(listener: () => void): () => void {
    const stops = this.parts.map((p) => p.onRunChange?.(listener));
    return () => {
      for (const stop of stops) stop?.();
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.close()));
  }
}

const NONE: Record<string, string> = {
  listRuns: 'This source lists no runs.',
  listMetrics: 'This run has no metrics on this source.',
  getSeries: 'This run has no metrics on this source.',
  getLogs: 'This run has no console logs on this source.',
  searchLogs: 'This run has no console logs on this source.',
  listFiles: 'This run has no files on this source.',
  readFile: 'This run has no files on this source.',
  listArtifacts: 'This run has no artifacts on this source.',
  getArtifact: 'This run has no artifacts on this source.',
  getModel: 'This run has no model on this source.',
  listMedia: 'This run has no media on this source.',
  getMedia: 'This run has no media on this source.',
};

/**
 * Any RunSource as a ServedSource: what the source lacks is `not-found` (which the API answers as
 * "this run has none"), and a source without `watch` never changes.
 */
export function asServedSource(source: RunSource): ServedSource {
  const call =
    (name: keyof typeof NONE) =>
    (...args: unknown[]): Promise<never> => {
      const method = (source as unknown as Record<string, unknown>)[name];
      if (typeof method === 'function') return (method as (...a: unknown[]) => Promise<never>).apply(source, args);
      return Promise.reject(new SourceError('not-found', NONE[name]));
    };
  return {
    getRun: (id, o) => source.getRun(id, o),
    listRuns: call('listRuns'),
    listMetrics: call('listMetrics'),
    getSeries: call('getSeries'),
    getLogs: call('getLogs'),
    searchLogs: call('searchLogs'),
    listFiles: call('listFiles'),
    readFile: call('readFile'),
    listArtifacts: call('listArtifacts'),
    getArtifact: call('getArtifact'),
    readArtifactFile: source.readArtifactFile?.bind(source),
    getModel: call('getModel'),
    listMedia: call('listMedia'),
    getMedia: call('getMedia'),
    watch: (id, on, o) => source.watch?.(id, on, o) ?? (() => {}),
  };
}

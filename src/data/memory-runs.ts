/**
 * MemoryRuns: a RunSource over plain objects, without live appends: what a `.runpage.json` bundle
 * opened by URL loads into (src/internal/src-loader.ts), which nothing appends to. MemorySource
 * (memory-source.ts) adds runs, removes them and appends live data; both answer the same.
 * It implements every method of the contract and downsamples with M4.
 *
 * Missing data versus missing ability: when a run simply has none of something (no model, no
 * artifacts…) the method rejects with `SourceError('not-found')` and a message saying so, and the
 * element shows its empty state. A source that cannot provide something leaves the method out.
 */
import type { Req, RunEvent, RunListEvent, RunInfo, RunSource, Series, SeriesQuery } from './source.js';
import { BUILTIN_X_AXES, DEFAULT_HEARTBEAT_THRESHOLD_MS, isActiveSmoothing, LazyModule, RUN_STATES } from './source.js';
import { describeFailure, SourceError, throwIfAborted, toSourceError } from './errors.js';
import type { SharedColumns } from './downsample.js';
import { type MemoryMetric, MetricStore, type XColumns } from './memory-metrics.js';
import { stopOnce } from './stop-once.js';
import type { SearchRunner } from './log-search.js';
import { guard, pathSegments, wholeSeries } from './memory-answers.js';
import type { GivenParts, RunParts, runParts } from './memory-parts.js';
import type { Later } from './memory-reads.js';
import type { HeldRun, RunLater, RunsInside } from './memory-runs-later.js';

export interface MemoryRun extends GivenParts {
  info: RunInfo;
  metrics?: MemoryMetric[];
}

export interface MemorySourceOptions {
  /** Heartbeats older than this, with no exit, make a running run `crashed`. Default 5 minutes. */
  heartbeatThresholdMs?: number;
  /** Entries per `listFiles` page when the request gives no limit. Default 1000. */
  pageSize?: number;
  /** The clock (epoch ms), for tests. */
  now?: () => number;
  /**
   * Runs the slices of each log search (`searchLogs`); default: in place, yielding between slices.
   * A server passes one that bounds every slice with a timeout (src/server/guarded-search.ts).
   */
  searchRunner?: (signal?: AbortSignal) => SearchRunner;
}

/** A run as a MemoryRuns keeps it. */
export interface StoredRun extends HeldRun {
  metrics: Map<string, MetricStore>;
  given?: MemoryRun;
}

// Reading log lines, files and artifacts loads with the first such request (one module: each
// module it shares with this one would be a chunk of its own): a page of charts never loads it.
// Once it is in, requests use it without waiting a turn. It builds a run's parts (`partsOf`) too.
type Reads = typeof import('./memory-reads.js');
const READS = new LazyModule(() => import('./memory-reads.js'));

// What a page of charts never asks (a run's info, its list of metrics, listings, crash checks)
// loads with the first call that needs it, the same way; MemorySource has it at once (`laterCode`).
type RunsLater = typeof import('./memory-runs-later.js');
export const RUNS_LATER = new LazyModule(() => import('./memory-runs-later.js'));

/** What a run may be handed besides its info and metrics (its `RunParts`). */
const PART_KEYS = ['logs', 'logFile', 'files', 'artifacts', 'artifactFiles', 'model', 'media'] as const;

// Smoothing loads with the first query that smooths, the same way: most charts do not smooth.
export const smoothing = new LazyModule(() => import('./smoothing.js'));

// M4 and the min/max index load with the first series too big to draw whole, the same way: a
// chart of a few thousand points never needs them. Columns handed over longer than
// INDEXED_WITH_SOURCE load them with the source and get their index then (`indexSoon`), so the
// first chart of a big series pays only for its query.
type BigSeries = typeof import('./memory-m4.js');
export const bigSeries = new LazyModule(() => import('./memory-m4.js'));
/** 4 points per pixel column of a chart 1024 pixels wide: longer columns are downsampled at once. */
const INDEXED_WITH_SOURCE = 4096;

// The sort by x loads with the first query over x that go back (a resumed run), the same way,
// with the join of a metric to another one's values as x (step-join.ts, which brings the sort).
export const xOrder = new LazyModule(() => import('./step-join.js'));

// RUNS_LATER, smoothing, bigSeries and xOrder are exported for the tests of their failed loads.

/**
 * The methods memory-runs-later.ts (`getRun`, `listMetrics`) and memory-reads.ts (the rest) answer
 * (`answers`), set on MemoryRuns' prototype: each loads its module with its first call. By name,
 * the position of the request options among its arguments (an aborted request whose load failed
 * is told it was aborted).
 */
const LATER: { readonly [K in Later | RunLater]: number } = {
  getRun: 1,
  listMetrics: 1,
  listRuns: 0,
  queryRuns: 1,
  getLogs: 1,
  searchLogs: 1,
  listFiles: 3,
  readFile: 3,
  readArtifactFile: 4,
  listArtifacts: 1,
  getArtifact: 2,
  getModel: 1,
  listMedia: 1,
  getMedia: 1,
};

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the methods of LATER, set by its static block
export interface MemoryRuns extends Pick<Required<RunSource>, Later | RunLater> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class MemoryRuns implements RunSource {
  protected readonly runs = new Map<string, StoredRun>();
  protected readonly order: string[] = [];
  protected readonly threshold: number;
  protected readonly pageSize: number;
  protected readonly now: () => number;
  /** Undefined: the log search's own, in place (loaded with the first search, like the search itself). */
  protected readonly searchRunner?: (signal?: AbortSignal) => SearchRunner;
  /** Listeners of `watchRuns`. */
  protected readonly listWatchers = new Set<(e: RunListEvent) => void>();
  /** The reads module (memory-reads.ts), loaded with the first request that needs it. */
  protected readonly reads: LazyModule<Reads> = READS;

  static {
    for (const name of Object.keys(LATER) as (Later | RunLater)[])
      this.prototype[name] = function (this: MemoryRuns, ...args: unknown[]) {
        return this.later(name, args);
      } as never;
  }

  /** Answers method `name` with its module, loaded first, as a request (`guard`); a failed load is a SourceError. */
  private async later(name: Later | RunLater, args: unknown[]): Promise<unknown> {
    const o = args[LATER[name]] as Req | undefined;
    const { answers } =
      name === 'getRun' || name === 'listMetrics' ? await this.laterFor(o) : await this.readsFor(o, []);
    const answer = answers[name as never] as (source: RunsInside, ...args: unknown[]) => unknown;
    return guard(o, () => answer(this.inside(), ...args));
  }

  /** This source as its lazily loaded modules read it. */
  protected inside(): RunsInside {
    return this as unknown as RunsInside;
  }

  constructor(runs: MemoryRun | MemoryRun[], options: MemorySourceOptions = {}) {
    const t = Number(options.heartbeatThresholdMs);
    this.threshold = Number.isFinite(t) && t > 0 ? t : DEFAULT_HEARTBEAT_THRESHOLD_MS;
    const p = Math.floor(Number(options.pageSize));
    this.pageSize = Number.isFinite(p) && p > 0 ? p : 1000;
    this.now = typeof options.now === 'function' ? options.now : () => Date.now();
    if (typeof options.searchRunner === 'function') this.searchRunner = options.searchRunner;
    const list = Array.isArray(runs) ? runs : runs ? [runs] : [];
    list.forEach((run, i) => this.addRun(run, i));
  }

  protected addRun(run: MemoryRun, index: number): string {
    const rawInfo = (run && typeof run.info === 'object' && run.info) || ({} as RunInfo);
    const named = typeof rawInfo.id === 'string' && rawInfo.id !== '' ? rawInfo.id : `run-${index + 1}`;
    let id = named;
    for (let k = 2; this.runs.has(id); k++) id = `${named}-${k}`;
    const info: RunInfo = { ...rawInfo, id, state: rawInfo.state };
    // each warning joins the run's in a new array (the one handed over stays as it was), those of
    // a metric read later (LiveMetricStore) when it is read
    const warn = (message: string): void => {
      info.warnings = [...(info.warnings ?? []), message];
    };
    if (named !== rawInfo.id) warn(`The run had no id; it was named ${named}`);
    if (id !== named) warn(`Another run already had the id ${named}; this one was renamed ${id}`);
    if (!RUN_STATES.includes(info.state)) {
      warn(`Unknown run state ${JSON.stringify(rawInfo.state ?? null)}; shown as pending`);
      info.state = 'pending';
    }
    const metrics = new Map<string, MetricStore>();
    for (const m of Array.isArray(run?.metrics) ? run.metrics : []) {
      if (!m || typeof m.key !== 'string') warn('Skipped a metric without a key');
      else if (metrics.has(m.key)) warn(`Skipped a second metric named ${m.key}`);
      else metrics.set(m.key, this.storeOf(m, metrics.size, warn));
    }
    indexSoon([...metrics.values()].filter((m) => (m.knownCount ?? 0) > INDEXED_WITH_SOURCE));
    const stored: StoredRun = { info, metrics, listeners: new Set(), toldCrashed: false };
    if (PART_KEYS.some((k) => run?.[k] !== undefined && !(Array.isArray(run[k]) && run[k].length === 0)))
      stored.given = run;
    this.runs.set(id, stored);
    this.order.push(id);
    this.partsOf(stored);
    return id;
  }

  /** The store of a metric handed over (MemorySource makes ones that points are appended to). */
  protected storeOf(m: MemoryMetric, order: number, warn: (message: string) => void): MetricStore {
    return new MetricStore(m, order, warn);
  }

  /**
   * The run's logs, files, artifacts, model and media, built from what was handed over with `build`
   * (memory-parts.ts) the first time it is there; undefined while it is not (the reads module,
   * which has it, loads with the first request that needs them). Their warnings join the run's.
   */
  protected partsOf(
    run: StoredRun,
    build: typeof runParts | undefined = this.reads.now?.runParts,
  ): RunParts | undefined {
    if (!run.parts && build) {
      const parts = build(run.given);
      if (parts.warnings.length > 0) run.info.warnings = [...(run.info.warnings ?? []), ...parts.warnings];
      run.parts = parts;
      run.given = undefined;
    }
    return run.parts;
  }

  protected run(runId: string): StoredRun {
    const run = this.runs.get(runId);
    if (!run) throw new SourceError('not-found', `There is no run ${JSON.stringify(runId)} in this source.`);
    return run;
  }

  defaultRunId(): string | undefined {
    return this.order[0];
  }

  /** The reads module, with the parts of `runs` built; a failure to load it is a SourceError. */
  protected async readsFor(o: Req | undefined, runs: Iterable<StoredRun>): Promise<Reads> {
    const m = await loaded(this.reads, o);
    for (const run of runs) this.partsOf(run, m.runParts);
    return m;
  }

  /** memory-runs-later.ts when it is in (MemorySource imports it); undefined before. */
  protected laterCode(): RunsLater | undefined {
    return RUNS_LATER.now;
  }

  /** memory-runs-later.ts, loaded first when it is not in; a failure to load it is a SourceError. */
  protected async laterFor(o?: Req): Promise<RunsLater> {
    return this.laterCode() ?? loaded(RUNS_LATER, o);
  }

  /**
   * Tells `on` of every run added (`add`), changed (`append` with `run`, or a heartbeat gone stale)
   * or removed (`remove`), with its listing entry.
   */
  watchRuns(on: (e: RunListEvent) => void, o?: Req): () => void {
    if (typeof on !== 'function' || o?.signal?.aborted) return () => {};
    const listener = (e: RunListEvent): void => on(e);
    this.listWatchers.add(listener);
    for (const run of this.runs.values()) this.scheduleCrashCheck(run);
    return stopOnce(o?.signal, () => this.listWatchers.delete(listener));
  }

  /**
   * One series per (run, key) that exists. A key missing from every requested run is `not-found`;
   * a key missing from only some runs gives no series for those runs.
   */
  getSeries(q: SeriesQuery, o?: Req): Promise<Series[]> {
    return guard(o, async () => {
      if (!smoothing.now && isActiveSmoothing(q?.smoothing)) await smoothing.get();
      for (;;) {
        throwIfAborted(o?.signal);
        const answer = this.seriesNow(q, bigSeries.now);
        if (Array.isArray(answer)) return answer;
        // code a series needs is not loaded yet (the sort, M4): answered again once it is
        await answer.get();
      }
    });
  }

  /** The answer to `q`, or the code it needs first: the sort, or M4 (`big`) when it is not given. */
  private seriesNow(q: SeriesQuery, big: BigSeries | undefined): Series[] | LazyModule<unknown> {
    if (!q || !Array.isArray(q.runIds) || !Array.isArray(q.keys)) {
      throw new SourceError('invalid-data', 'A series query needs runIds and keys arrays.');
    }
    const runs = q.runIds.map((id) => [id, this.run(id)] as const);
    // metrics logged at the same steps share their x column: its pixel columns are found once
    let columns: SharedColumns | undefined;
    const shared = (m4: BigSeries): SharedColumns => (columns ??= new m4.SharedColumns());
    const out: Series[] = [];
    for (const key of q.keys) {
      let found = false;
      for (const [runId, run] of runs) {
        const store = run.metrics.get(key);
        if (!store) continue;
        found = true;
        const series = this.series(runId, run, store, q, big, shared);
        if (series instanceof LazyModule) return series;
        out.push(series);
      }
      if (!found) throw new SourceError('not-found', `No metric ${JSON.stringify(key)} was logged for this run.`);
    }
    return out;
  }

  /** One series, or the code it needs first: the sort, or M4 (`big`) when it is not given. */
  private series(
    runId: string,
    run: StoredRun,
    store: MetricStore,
    q: SeriesQuery,
    big: BigSeries | undefined,
    shared: (m4: BigSeries) => SharedColumns,
  ): Series | LazyModule<unknown> {
    const x = typeof q.x === 'string' && q.x !== '' ? q.x : 'step';
    let columns: XColumns;
    if (BUILTIN_X_AXES.includes(x) || (x === 'timestamp' && !run.metrics.has(x))) {
      // only relative and runtime need the origin, the earliest time of every metric (each loaded)
      const origin = x === 'relative' || x === 'runtime' ? runOrigin(run) : undefined;
      const sorted = store.columns(x, origin, xOrder.now?.sortByX);
      if (!sorted) return xOrder;
      columns = sorted;
    } else {
      // a metric as x: the join, and the answer when there is no such metric, come with step-join.ts
      if (!xOrder.now) return xOrder;
      columns = xOrder.now.joinedColumns(store, run.metrics, x);
    }
    const options = { range: q.range, points: q.points };
    const raw =
      columns.downsample?.(options) ??
      wholeSeries(columns.x, columns.y, { ...options, index: columns.index }) ??
      big?.downsampleColumns(store, columns, options, shared(big));
    if (!raw) return bigSeries;
    const series: Series = {
      runId,
      key: store.key,
      x: raw.x,
      y: raw.y,
      total: raw.total,
      exact: raw.exact,
      nonFinite: raw.nonFinite,
      smoothed: false,
    };
    if (isActiveSmoothing(q.smoothing)) {
      const smoothed = smoothing.now!.smoothedY(columns, q.smoothing);
      const smooth =
        wholeSeries(columns.x, smoothed.y, { ...options, index: smoothed.index }) ??
        big?.downsampleSmoothed(columns, smoothed, options);
      if (!smooth) return bigSeries;
      series.x = smooth.x;
      series.y = smooth.y;
      series.exact = smooth.exact;
      series.smoothed = true;
      series.original = { x: raw.x, y: raw.y };
    }
    if (columns.nonMonotonic) series.nonMonotonic = true;
    return series;
  }

  fileUrl(runId: string, path: string): string | undefined {
    const segments = pathSegments(path);
    const run = this.runs.get(runId);
    if (!segments || !run) return undefined;
    const clean = segments.join('/');
    const parts = this.partsOf(run);
    // parts not built yet: the first file handed over at that path, as the file tree would keep it
    const file = parts
      ? parts.files.get(clean)
      : run.given?.files?.find(
          (f) => typeof f?.path === 'string' && !f.path.endsWith('/') && pathSegments(f.path)?.join('/') === clean,
        );
    return typeof file?.url === 'string' ? file.url : undefined;
  }

  watch(runId: string, on: (e: RunEvent) => void, o?: Req): () => void {
    const run = this.runs.get(runId);
    if (!run || typeof on !== 'function' || o?.signal?.aborted) return () => {};
    const listener = (e: RunEvent): void => on(e);
    run.listeners.add(listener);
    this.scheduleCrashCheck(run);
    return stopOnce(o?.signal, () => {
      run.listeners.delete(listener);
      if (run.listeners.size === 0 && run.crashTimer !== undefined) {
        clearTimeout(run.crashTimer);
        run.crashTimer = undefined;
      }
    });
  }

  /**
   * While someone watches a running run, tell them when its heartbeat goes stale: only a running
   * run can crash, or have a timer left to clear. The check comes with memory-runs-later.ts.
   */
  protected scheduleCrashCheck(run: StoredRun): void {
    if (run.info.state !== 'running' && run.crashTimer === undefined) return;
    const now = this.laterCode();
    if (now) now.scheduleCrashCheck(this.inside(), run);
    else
      RUNS_LATER.get().then(
        (m) => m.scheduleCrashCheck(this.inside(), run),
        (e: unknown) => console.warn(`runpage: could not check whether ${run.info.id} crashed: ${describeFailure(e)}`),
      );
  }
}

/** Builds the min/max index of big columns with the source, as soon as the code for it is loaded. */
function indexSoon(stores: MetricStore[]): void {
  if (stores.length === 0) return;
  if (bigSeries.now) bigSeries.now.indexValues(stores);
  // a failed load is told by the first query that needs it, which loads it again
  else
    bigSeries.get().then(
      (m4) => m4.indexValues(stores),
      () => undefined,
    );
}

/** `module`, loaded first when it is not in; a failure to load it is a SourceError (`aborted` when `o` was). */
async function loaded<M>(module: LazyModule<M>, o: Req | undefined): Promise<M> {
  try {
    return module.now ?? (await module.get());
  } catch (e) {
    throwIfAborted(o?.signal);
    throw toSourceError(e);
  }
}

/** Where `relative` time starts: the run's start, else the earliest time any of its metrics logged. */
function runOrigin(run: StoredRun): number | undefined {
  const started = run.info.startedAt;
  if (typeof started === 'number' && Number.isFinite(started)) return started;
  let first = Infinity;
  for (const m of run.metrics.values()) if (m.firstTime < first) first = m.firstTime;
  return Number.isFinite(first) ? first : undefined;
}

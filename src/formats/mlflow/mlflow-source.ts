/**
 * MlflowSource: a RunSource over a real MLflow tracking server's REST API. It only uses `fetch`,
 * so it works in the browser (given CORS) as well as in Node.
 *
 * Metric series: with `points` (a chart), the server's `get-history-bulk-interval` sample of up to
 * 2,500 steps of the requested step range is fetched and reduced with M4; zooming in asks again
 * for the visible steps, so a narrow enough range returns every raw point. Without `points`, or
 * with `exactHistory`, the whole history is paged in with `get-history` and cut locally, so nothing
 * is dropped. MLflow has no process runtime: x = `runtime` is the same as `relative`.
 */
import type {
  ArtifactDetail,
  ArtifactInfo,
  ByteRange,
  FileBytes,
  FileEntry,
  FileListing,
  MetricGroup,
  MetricInfo,
  ModelGraph,
  MetricPoint,
  Page,
  Req,
  RunEvent,
  RunInfo,
  RunListEvent,
  RunPage,
  RunQuery,
  RunRef,
  RunSource,
  Series,
  SeriesQuery,
} from '../../data/source.js';
import { SharedWatch } from '../../data/shared-watch.js';
import { listingOf } from '../../data/run-listing.js';
import { queryRunList } from '../../data/run-query.js';
import { ListingWatchers, pollListing } from '../../data/run-list-watch.js';
import { SourceError, throwIfAborted } from '../../data/errors.js';
import { downsample, sortByX } from '../../data/downsample.js';
import { isActiveSmoothing, smooth } from '../../data/smoothing.js';
import { MlflowClient, toNumber, type MlflowClientOptions } from './rest-client.js';
import { parseMlmodel, signatureGraph, type MlflowModelFile, type SignedModel } from './mlmodel.js';
import { parseLoggedModels, type MlflowLoggedModel } from './run-info.js';
import { runInfoOf } from './rest-run-info.js';
import { datasetArtifacts, modelArtifact, modelArtifactId, modelArtifactPath } from './artifacts.js';
import {
  isObject,
  keyValues,
  list,
  normalizePath,
  toPoint,
  type ApiFile,
  type ApiMetric,
  type ApiRun,
  type History,
  type Point,
} from './rest-shapes.js';
import { guard, mapLimited } from './requests.js';

/** The server refuses more (MAX_RESULTS_PER_RUN in MLflow's handlers). */
export const MAX_BULK_INTERVAL_RESULTS = 2500;
const HISTORY_PAGE_SIZE = 25000;
const RUN_PAGE_SIZE = 1000;
const LIST_METRICS_CONCURRENCY = 4;
/** Points of ended runs' histories kept in memory, so zoom and pan do not page them in again. */
const HISTORY_CACHE_POINTS = 4_000_000;
const TERMINAL = new Set(['FINISHED', 'FAILED', 'KILLED']);
const DEFAULT_POLL_MS = 5000;
const DEFAULT_LISTING_POLL_MS = 15_000;
/** Files listed for one model artifact at most. */
const MAX_TREE_ENTRIES = 10_000;

export interface MlflowSourceOptions extends MlflowClientOptions {
  /** Experiments whose runs `listRuns` shows; absent: every experiment the server lists. */
  experimentIds?: string[];
  /** The run shown when an element names none. */
  defaultRunId?: string;
  /** Always page in whole histories (exact M4, costlier on long metrics). Default false. */
  exactHistory?: boolean;
  /**
   * A RUNNING run with nothing logged for this long is no longer shown `running` but `unknown`
   * (see run-state.ts). Default 5 minutes.
   */
  heartbeatThresholdMs?: number;
  /** The clock (epoch ms), for tests. */
  now?: () => number;
  /** How often `watch` asks the server for news, in ms. Default 5,000. */
  pollMs?: number;
  /** How often `watchRuns` lists the runs again (MLflow pushes nothing), in ms. Default 15,000. */
  listingPollMs?: number;
}

export class MlflowSource implements RunSource {
  private readonly client: MlflowClient;
  private readonly options: MlflowSourceOptions;
  private readonly experimentNames = new Map<string, Promise<string | undefined>>();
  /** Whole histories of runs that have ended (they cannot change), oldest first for eviction. */
  private readonly histories = new Map<string, Point[]>();
  private cachedPoints = 0;
  private readonly endedRuns = new Set<string>();
  /** Every `watch` of a run shares one poll loop. */
  private readonly live = new SharedWatch((runIds) => this.syncPolls(runIds));
  private readonly polls = new Map<string, () => void>();
  private readonly listing = new ListingWatchers((watched) => this.pollListing(watched));
  private stopListingPoll?: () => void;

  constructor(options: MlflowSourceOptions) {
    this.options = options;
    this.client = new MlflowClient(options);
  }

  defaultRunId(): string | undefined {
    return this.options.defaultRunId;
  }

  async getRun(runId: string, o?: Req): Promise<RunInfo> {
    return guard(o, async () => {
      const run = await this.fetchRun(runId, o);
      const info = runInfoOf(run, runId, this.options);
      const expId = run.info?.experiment_id;
      if (expId !== undefined) {
        const name = await this.experimentName(expId, o);
        if (name !== undefined) info.project = name;
      }
      return info;
    });
  }

  /**
   * Listing changes, found by listing again every `listingPollMs` (MLflow has no push) and
   * comparing: every `watchRuns` of this source shares one poll.
   */
  watchRuns(on: (e: RunListEvent) => void, o?: Req): () => void {
    return this.listing.add(on, o);
  }

  private pollListing(watched: boolean): void {
    this.stopListingPoll?.();
    this.stopListingPoll = undefined;
    if (!watched) return;
    this.stopListingPoll = pollListing({
      list: (signal) => this.listRuns({ signal }),
      intervalMs: this.options.listingPollMs ?? DEFAULT_LISTING_POLL_MS,
      on: (events) => events.forEach((e) => this.listing.deliver(e)),
    });
  }

  /** A page of `listRuns` under the query (MLflow's own search has no regular expressions). */
  async queryRuns(q: RunQuery, o?: Req): Promise<RunPage> {
    return queryRunList(await this.listRuns(o), q, o);
  }

  async listRuns(o?: Req): Promise<RunRef[]> {
    return guard(o, async () => {
      const names = this.options.experimentIds ? undefined : await this.allExperiments(o);
      const ids = this.options.experimentIds ?? [...names!.keys()];
      if (ids.length === 0) return [];
      const refs: RunRef[] = [];
      let token: string | undefined;
      do {
        const res = await this.client.postJson<{ runs?: ApiRun[]; next_page_token?: string }>(
          'api/2.0/mlflow/runs/search',
          {
            experiment_ids: ids,
            max_results: RUN_PAGE_SIZE,
            order_by: ['attributes.start_time DESC'],
            ...(token ? { page_token: token } : {}),
          },
          o?.signal,
        );
        for (const run of list(res.runs)) {
          if (!isObject(run)) continue;
          const id = run.info?.run_id ?? run.info?.run_uuid;
          if (!id) continue;
          // runs/search answers each run's params, tags and latest metrics: the listing needs no more requests
          const ref = listingOf(id, runInfoOf(run, id, this.options));
          const expId = run.info?.experiment_id;
          const project =
            expId === undefined ? undefined : (names?.get(expId) ?? (await this.experimentName(expId, o)));
          if (project !== undefined) ref.project = project;
          refs.push(ref);
        }
        token = res.next_page_token || undefined;
      } while (token);
      return refs;
    });
  }

  async listMetrics(runId: string, o?: Req): Promise<MetricInfo[]> {
    return guard(o, async () => {
      const run = await this.fetchRun(runId, o);
      const latest = list(run.data?.metrics).filter((m) => typeof m?.key === 'string');
      // MLflow keeps no point counts: a whole-range sample gives the count when it holds every
      // step (and a lower bound otherwise), and the first and last steps.
      return mapLimited(latest, LIST_METRICS_CONCURRENCY, async (m, order) => {
        const key = m.key!;
        const sample = await this.bulkInterval(runId, key, undefined, o);
        const info: MetricInfo = {
          key,
          group: key.startsWith('system/') ? 'system' : 'history',
          count: Math.max(1, sample.points.length),
          order,
        };
        let lo = Infinity;
        let hi = -Infinity;
        for (const p of sample.points) {
          lo = Math.min(lo, p.step);
          hi = Math.max(hi, p.step);
        }
        if (lo <= hi) info.steps = [lo, hi];
        const value = toNumber(m.value);
        if (Number.isFinite(value)) info.last = value;
        return info;
      });
    });
  }

  async getSeries(q: SeriesQuery, o?: Req): Promise<Series[]> {
    return guard(o, async () => {
      const out: Series[] = [];
      for (const runId of list(q.runIds)) {
        let startedAt: number | undefined;
        for (const key of list(q.keys)) {
          throwIfAborted(o?.signal);
          const x = typeof q.x === 'string' && q.x !== '' ? q.x : 'step';
          if ((x === 'relative' || x === 'runtime') && startedAt === undefined) {
            startedAt = toNumber((await this.fetchRun(runId, o)).info?.start_time);
          }
          out.push(await this.series(runId, key, x, q, startedAt, o));
        }
      }
      return out;
    });
  }

  async listFiles(runId: string, dir: string, page?: Page, o?: Req): Promise<FileListing> {
    return guard(o, async () => {
      const path = normalizePath(dir);
      const res = await this.client.getJson<{ files?: ApiFile[]; next_page_token?: string }>(
        'api/2.0/mlflow/artifacts/list',
        { run_id: runId, path: path || undefined, page_token: page?.cursor },
        o?.signal,
      );
      const entries: FileEntry[] = [];
      for (const f of list(res.files)) {
        if (!isObject(f) || typeof f.path !== 'string') continue;
        const entry: FileEntry = {
          path: f.path,
          name: f.path.slice(f.path.lastIndexOf('/') + 1),
          kind: f.is_dir ? 'dir' : 'file',
        };
        const size = toNumber(f.file_size);
        if (!f.is_dir && Number.isFinite(size)) entry.size = size;
        entries.push(entry);
      }
      const listing: FileListing = { dir: path, entries };
      if (res.next_page_token) listing.next = res.next_page_token;
      else if (!page?.cursor) listing.total = entries.length;
      return listing;
    });
  }

  async readFile(runId: string, path: string, range?: ByteRange, o?: Req): Promise<FileBytes> {
    return guard(o, async () => {
      path = normalizePath(path);
      const headers: Record<string, string> = {};
      const start = Math.max(0, Math.floor(range?.start ?? 0));
      const end = range?.end === undefined ? undefined : Math.max(start, Math.floor(range.end));
      if (range && (start > 0 || end !== undefined))
        headers['Range'] = `bytes=${start}-${end === undefined ? '' : end - 1}`;
      const res = await this.client.getBytes('get-artifact', { path, run_uuid: runId }, { headers }, o?.signal);
      let bytes = new Uint8Array(await this.client.bytes(res, o?.signal));
      let offset = 0;
      let size = bytes.length;
      const contentRange = /bytes (\d+)-\d+\/(\d+|\*)/.exec(res.headers.get('content-range') ?? '');
      if (res.status === 206 && contentRange) {
        offset = Number(contentRange[1]);
        if (contentRange[2] !== '*') size = Number(contentRange[2]);
      } else if (range) {
        // The server sent the whole file: cut the range here.
        bytes = bytes.slice(Math.min(start, size), end === undefined ? size : Math.min(end, size));
        offset = Math.min(start, size);
      }
      const out: FileBytes = { path, bytes, start: offset, size };
      const mime = res.headers.get('content-type');
      if (mime) out.mime = mime.split(';')[0]!.trim();
      return out;
    });
  }

  /** Logged models (outputs, from the tag `mlflow.log-model.history`) and datasets used (inputs). */
  async listArtifacts(runId: string, o?: Req): Promise<ArtifactInfo[]> {
    return guard(o, async () => {
      const { artifacts } = await this.runArtifacts(runId, o);
      return artifacts.map(({ files: _files, metadata: _metadata, ...info }) => info);
    });
  }

  async getArtifact(runId: string, id: string, o?: Req): Promise<ArtifactDetail> {
    return guard(o, async () => {
      const { models, artifacts } = await this.runArtifacts(runId, o);
      const found = artifacts.find((a) => a.id === id);
      if (!found) throw new SourceError('not-found', `Run ${runId} has no artifact ${JSON.stringify(id)}.`);
      const model = models.find((m) => modelArtifactId(m) === id);
      if (!model) return found;
      const files = await this.listTree(runId, model.artifactPath, o);
      const file = await this.mlmodel(runId, model, o);
      return modelArtifact(model, files, file ? { file } : {});
    });
  }

  /** The signatures of the run's logged models (their MLmodel files), as the Model tab's layers. */
  async getModel(runId: string, o?: Req): Promise<ModelGraph> {
    return guard(o, async () => {
      const { models } = await this.runArtifacts(runId, o);
      const signed: SignedModel[] = [];
      for (const m of models) {
        const signature = (await this.mlmodel(runId, m, o))?.signature;
        if (signature) signed.push({ artifactPath: m.artifactPath, flavors: m.flavors, signature });
      }
      const graph = signatureGraph(signed);
      if (!graph) throw new SourceError('not-found', 'No model with a signature was logged for this run.');
      return graph;
    });
  }

  /** A logged model's MLmodel file, parsed; undefined when it cannot be fetched. */
  private async mlmodel(runId: string, model: MlflowLoggedModel, o?: Req): Promise<MlflowModelFile | undefined> {
    const path = model.artifactPath.replace(/\/+$/, '');
    try {
      const bytes = await this.readFile(runId, path ? `${path}/MLmodel` : 'MLmodel', undefined, o);
      return parseMlmodel(new TextDecoder().decode(bytes.bytes), path);
    } catch (e) {
      if (e instanceof SourceError && e.code === 'aborted') throw e;
      return undefined;
    }
  }

  async readArtifactFile(
    runId: string,
    artifactId: string,
    path: string,
    range?: ByteRange,
    o?: Req,
  ): Promise<FileBytes> {
    return guard(o, async () => {
      const root = modelArtifactPath(artifactId);
      if (root === undefined || !(await this.runArtifacts(runId, o)).artifacts.some((a) => a.id === artifactId)) {
        throw new SourceError('not-found', `Run ${runId} has no files for the artifact ${JSON.stringify(artifactId)}.`);
      }
      const inner = normalizePath(path);
      const bytes = await this.readFile(runId, `${root}/${inner}`, range, o);
      return { ...bytes, path: inner };
    });
  }

  fileUrl(runId: string, path: string): string | undefined {
    return this.client.url('get-artifact', { path, run_uuid: runId });
  }

  /**
   * Polls `runs/get` and, for metrics whose latest step moved on, fetches the new steps with
   * `get-history-bulk-interval` (every point when fewer than 2,500 new steps came in since the
   * last poll). Every watcher of a run shares one poll loop, which stops when the last one leaves
   * or once the run has ended. Points logged again at an already
   * delivered step are not delivered live (a fresh `getSeries` has them).
   */
  watch(runId: string, on: (e: RunEvent) => void, o?: Req): () => void {
    return this.live.watch(String(runId), on, o?.signal);
  }

  /** Keeps exactly one poll loop per watched run that has not ended. */
  private syncPolls(runIds: readonly string[]): void {
    for (const [id, stop] of this.polls) {
      if (runIds.includes(id)) continue;
      stop();
      this.polls.delete(id);
    }
    for (const id of runIds) if (!this.polls.has(id)) this.polls.set(id, this.pollRun(id));
  }

  private pollRun(runId: string): () => void {
    const controller = new AbortController();
    const signal = controller.signal;
    const on = (e: RunEvent) => this.live.deliver(runId, e);
    const known = new Map<string, number>();
    let lastRun: string | undefined;
    let first = true;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async (): Promise<void> => {
      let ended = false;
      try {
        const run = await this.fetchRun(runId, { signal });
        const info = runInfoOf(run, runId, this.options);
        const expId = run.info?.experiment_id;
        if (expId !== undefined) {
          const name = await this.experimentName(expId, { signal });
          if (name !== undefined) info.project = name;
        }
        ended = TERMINAL.has(String(run.info?.status));
        const facts = JSON.stringify({ ...info, runtime: undefined, heartbeatAt: undefined });
        if (!first && facts !== lastRun) on({ type: 'run', run: info });
        lastRun = facts;
        const added: MetricInfo[] = [];
        const points: Record<MetricGroup, MetricPoint[]> = { history: [], system: [] };
        for (const m of list(run.data?.metrics)) {
          if (typeof m?.key !== 'string') continue;
          const step = toNumber(m.step ?? 0);
          const before = known.get(m.key);
          known.set(m.key, Math.max(step, before ?? -Infinity));
          if (first || (before !== undefined && step <= before)) continue;
          const group: MetricGroup = m.key.startsWith('system/') ? 'system' : 'history';
          const range: [number, number] | undefined = before === undefined ? undefined : [before + 1, step];
          const fresh = (await this.bulkInterval(runId, m.key, range, { signal })).points;
          if (before === undefined) added.push({ key: m.key, group, count: fresh.length, order: known.size - 1 });
          for (const p of fresh) {
            const point: MetricPoint = { key: m.key, step: p.step, time: p.time, value: p.value };
            if (info.startedAt !== undefined) point.runtime = (p.time - info.startedAt) / 1000;
            points[group].push(point);
          }
        }
        if (added.length) on({ type: 'metrics-added', metrics: added });
        for (const group of ['history', 'system'] as const)
          if (points[group].length) on({ type: 'metrics', group, points: points[group] });
        first = false;
      } catch {
        // A failed poll (server restarting, network) is retried at the next tick.
      }
      if (signal.aborted) return;
      if (ended) this.live.end(runId);
      else timer = setTimeout(() => void poll(), this.options.pollMs ?? DEFAULT_POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }

  private async runArtifacts(
    runId: string,
    o?: Req,
  ): Promise<{ models: MlflowLoggedModel[]; artifacts: ArtifactDetail[] }> {
    const run = await this.fetchRun(runId, o);
    const tags = keyValues(list(run.data?.tags));
    const models = parseLoggedModels(tags['mlflow.log-model.history'], []);
    return { models, artifacts: [...models.map((m) => modelArtifact(m)), ...datasetArtifacts(run.inputs)] };
  }

  /** Every file below `dir` of the run's artifacts (paths from the artifact root), at most MAX_TREE_ENTRIES. */
  private async listTree(runId: string, dir: string, o?: Req): Promise<FileEntry[]> {
    const out: FileEntry[] = [];
    const pending = [dir];
    while (pending.length && out.length < MAX_TREE_ENTRIES) {
      const next = pending.shift()!;
      let cursor: string | undefined;
      do {
        const page = await this.listFiles(runId, next, cursor === undefined ? undefined : { cursor }, o);
        for (const e of page.entries) {
          if (e.kind === 'dir') pending.push(e.path);
          else out.push(e);
        }
        cursor = page.next;
      } while (cursor && out.length < MAX_TREE_ENTRIES);
    }
    return out;
  }

  private async fetchRun(runId: string, o?: Req): Promise<ApiRun> {
    const res = await this.client.getJson<{ run?: ApiRun }>('api/2.0/mlflow/runs/get', { run_id: runId }, o?.signal);
    if (!res.run || typeof res.run !== 'object')
      throw new SourceError('invalid-data', `The MLflow server's answer for run ${runId} holds no run.`);
    return res.run;
  }

  private experimentName(id: string, o?: Req): Promise<string | undefined> {
    let name = this.experimentNames.get(id);
    if (!name) {
      name = this.client
        .getJson<{ experiment?: { name?: string } }>('api/2.0/mlflow/experiments/get', { experiment_id: id }, o?.signal)
        .then((r) => (typeof r.experiment?.name === 'string' ? r.experiment.name : undefined))
        .catch(() => {
          this.experimentNames.delete(id);
          return undefined;
        });
      this.experimentNames.set(id, name);
    }
    return name;
  }

  /** Every experiment the server lists: id → name. */
  private async allExperiments(o?: Req): Promise<Map<string, string | undefined>> {
    const out = new Map<string, string | undefined>();
    let token: string | undefined;
    do {
      const res = await this.client.postJson<{
        experiments?: { experiment_id?: string; name?: string }[];
        next_page_token?: string;
      }>(
        'api/2.0/mlflow/experiments/search',
        { max_results: RUN_PAGE_SIZE, ...(token ? { page_token: token } : {}) },
        o?.signal,
      );
      for (const e of list(res.experiments)) {
        if (!isObject(e)) continue;
        if (typeof e.experiment_id === 'string')
          out.set(e.experiment_id, typeof e.name === 'string' ? e.name : undefined);
      }
      token = res.next_page_token || undefined;
    } while (token);
    return out;
  }

  private async series(
    runId: string,
    key: string,
    x: string,
    q: SeriesQuery,
    startedAt: number | undefined,
    o?: Req,
  ): Promise<Series> {
    const stepRange = x === 'step' ? q.range : undefined;
    const wantAll = q.points === undefined || this.options.exactHistory;
    let history: History = wantAll
      ? await this.fullHistory(runId, key, o)
      : await this.bulkInterval(runId, key, stepRange, o);
    // The server samples by step: a zoom on a time axis, or another metric as x, needs every point.
    const timeAxis = x === 'wallclock' || x === 'relative' || x === 'runtime';
    if (!wantAll && !history.complete && x !== 'step' && (!timeAxis || q.range)) {
      history = await this.fullHistory(runId, key, o);
    }
    // MLflow answers an empty history for a key the run never logged.
    if (history.points.length === 0 && !stepRange) {
      const logged = list((await this.fetchRun(runId, o)).data?.metrics).some((m) => m?.key === key);
      if (!logged) throw new SourceError('not-found', `Run ${runId} has no metric ${JSON.stringify(key)}.`);
    }
    let xs: Float64Array;
    let ys: Float64Array;
    if (x === 'step' || timeAxis) {
      const pick = (p: Point) =>
        x === 'step' ? p.step : x === 'wallclock' ? p.time : (p.time - (startedAt ?? NaN)) / 1000;
      ({ x: xs, y: ys } = sortByX(
        Float64Array.from(history.points, pick),
        Float64Array.from(history.points, (p) => p.value),
      ));
    } else {
      ({ x: xs, y: ys } = await this.joinedByStep(runId, x, history.points, o));
    }
    const options = { range: q.range, points: q.points };
    const raw = downsample(xs, ys, options);
    const series: Series = {
      runId,
      key,
      x: raw.x,
      y: raw.y,
      total: raw.total,
      exact: raw.exact && history.complete,
      nonFinite: raw.nonFinite,
      smoothed: false,
    };
    if (isActiveSmoothing(q.smoothing)) {
      const s = downsample(xs, smooth(xs, ys, q.smoothing), options);
      series.original = { x: raw.x, y: raw.y };
      series.x = s.x;
      series.y = s.y;
      series.smoothed = true;
    }
    if (history.points.some((p, i) => i > 0 && p.step < history.points[i - 1]!.step)) series.nonMonotonic = true;
    return series;
  }

  /** x = another metric: pairs values logged at the same step (the x metric's last value there). */
  private async joinedByStep(
    runId: string,
    xKey: string,
    points: Point[],
    o?: Req,
  ): Promise<{ x: Float64Array; y: Float64Array }> {
    const xHistory = await this.fullHistory(runId, xKey, o);
    if (xHistory.points.length === 0)
      throw new SourceError('not-found', `No metric ${JSON.stringify(xKey)} to use as the x-axis.`);
    const xAtStep = new Map<number, number>();
    for (const p of xHistory.points) xAtStep.set(p.step, p.value);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const p of points) {
      const v = xAtStep.get(p.step);
      if (v !== undefined) {
        xs.push(v);
        ys.push(p.value);
      }
    }
    return sortByX(xs, ys);
  }

  /** Every point of a metric, paged with `get-history`; kept in memory for runs that have ended. */
  private async fullHistory(runId: string, key: string, o?: Req): Promise<History> {
    const cacheKey = `${runId}\u0000${key}`;
    const cached = this.histories.get(cacheKey);
    if (cached) return { points: cached, complete: true };
    const points = await this.pageHistory(runId, key, o);
    if (this.endedRuns.has(runId) || TERMINAL.has(String((await this.fetchRun(runId, o)).info?.status))) {
      this.endedRuns.add(runId);
      this.remember(cacheKey, points);
    }
    return { points, complete: true };
  }

  private remember(cacheKey: string, points: Point[]): void {
    if (points.length > HISTORY_CACHE_POINTS) return;
    this.histories.set(cacheKey, points);
    this.cachedPoints += points.length;
    for (const [k, v] of this.histories) {
      if (this.cachedPoints <= HISTORY_CACHE_POINTS) break;
      this.histories.delete(k);
      this.cachedPoints -= v.length;
    }
  }

  private async pageHistory(runId: string, key: string, o?: Req): Promise<Point[]> {
    const points: Point[] = [];
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      throwIfAborted(o?.signal);
      const res = await this.client.getJson<{ metrics?: ApiMetric[]; next_page_token?: string }>(
        'api/2.0/mlflow/metrics/get-history',
        { run_id: runId, metric_key: key, max_results: HISTORY_PAGE_SIZE, page_token: token },
        o?.signal,
      );
      for (const m of list(res.metrics)) if (isObject(m)) points.push(toPoint(m));
      token = res.next_page_token || undefined;
      if (token && seen.has(token))
        throw new SourceError('invalid-data', `The MLflow server repeated a page token for metric ${key}.`);
      if (token) seen.add(token);
    } while (token);
    return points;
  }

  /**
   * The server's sample: every point at up to 2,500 evenly spaced logged steps of the range, plus
   * the first and last. When the range holds fewer steps than that, it is every raw point.
   */
  private async bulkInterval(
    runId: string,
    key: string,
    range: readonly [number, number] | undefined,
    o?: Req,
  ): Promise<History> {
    const query: Record<string, string | number | string[]> = {
      run_ids: [runId],
      metric_key: key,
      max_results: MAX_BULK_INTERVAL_RESULTS,
    };
    if (range && Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] <= range[1]) {
      query['start_step'] = Math.ceil(range[0]);
      query['end_step'] = Math.floor(range[1]);
      if (query['start_step'] > query['end_step']) return { points: [], complete: true };
    }
    const res = await this.client.getJson<{ metrics?: ApiMetric[] }>(
      'ajax-api/2.0/mlflow/metrics/get-history-bulk-interval',
      query,
      o?.signal,
    );
    const points = list(res.metrics)
      .filter((m) => isObject(m) && (m.run_id === undefined || m.run_id === runId))
      .map(toPoint);
    const steps = new Set(points.map((p) => p.step));
    return { points, complete: steps.size < MAX_BULK_INTERVAL_RESULTS };
  }
}

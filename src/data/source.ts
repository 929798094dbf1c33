/**
 * The source contract: one interface that every element talks to and every backend implements.
 *
 * Conventions used by every type below:
 * - absolute times are epoch **milliseconds** (`startedAt`, `heartbeatAt`, `time`, x = `wallclock`);
 * - durations are **seconds** (`runtime`, x = `relative` / `runtime`);
 * - line numbers, steps and indexes are 0-based unless a field says otherwise.
 *
 * Only `getRun` is required. An element whose method is missing renders its
 * "not available from this source" state; it never guesses.
 *
 * Besides the types, the few values that every element and every source runs live here, in one
 * module (see the end of the file for why): the contract's constants, SourceError and its helpers,
 * LazyModule, and the binary searches over sorted x.
 */

/** Options every request takes. Sources must reject with a `SourceError('aborted')` once `signal` aborts. */
export interface Req {
  signal?: AbortSignal;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const RUN_STATES = ['running', 'finished', 'failed', 'crashed', 'killed', 'pending', 'unknown'] as const;
/**
 * `unknown`: the run's files do not say whether it ended well or not (a W&B run folder with no
 * datastore and no exit evidence, TensorBoard event files no longer written to).
 */
export type RunState = (typeof RUN_STATES)[number];

/** States in which a run can still change (live updates are worth watching for). */
export const LIVE_STATES: readonly RunState[] = ['running', 'pending'];

/** True while a run can still change; a run in any other state is over and never streams. */
export function isLiveState(state: unknown): boolean {
  return LIVE_STATES.includes(state as RunState);
}

/**
 * A run in a listing: what a table of runs shows, searches and sorts by. A source fills it from
 * what it keeps about each run without reading the run's metrics, logs or files.
 */
export interface RunRef {
  id: string;
  /** The display name. */
  name?: string;
  project?: string;
  group?: string;
  tags?: string[];
  state?: RunState;
  startedAt?: number;
  /** When the run ended; with `heartbeatAt`, how long a run has been running. */
  endedAt?: number;
  heartbeatAt?: number;
  /** Seconds the run has been (or was) running, where the source knows it. */
  runtime?: number;
  /** The run's config, as in `RunInfo.config`. */
  config?: JsonObject;
  /** The run's summary (last values of its metrics and what it wrote there), as in `RunInfo.summary`. */
  summary?: JsonObject;
  format?: string;
  /** Set when the run could not be read; the listing still shows it. */
  error?: string;
  /**
   * How many problems reading the run met (`RunInfo.warnings`: a datastore cut short, a run read
   * from `files/` alone, skipped records); absent when none. The run's page lists them.
   */
  warnings?: number;
}

/**
 * What a table of runs asks of a listing: a search, filters and a sort, answered a page at a
 * time (src/data/run-query.ts holds the semantics every source shares).
 */
export interface RunQuery {
  /**
   * Words, all of which must match a run's name, id, tags or a config or summary value
   * (`key=value`): plain text case-insensitively, `/regex/flags` as a regular expression, and a
   * leading `-` excludes the runs that match.
   */
  search?: string;
  filters?: { state?: RunState; project?: string; tag?: string };
  /**
   * `column`: `name`, `project`, `group`, `state`, `started`, `runtime`, `tags`, or
   * `config.<path>` / `summary.<path>`. Default: `started`, newest first. Runs without a value sort last.
   */
  sort?: { column: string; dir: 'asc' | 'desc' };
  /** Where the page starts: `next` of the page before (absent: the first page). */
  cursor?: string;
  /** Most runs in the page (default 500, at most 5,000). */
  limit?: number;
}

/** One page of runs under a `RunQuery`. */
export interface RunPage {
  runs: RunRef[];
  /** Runs matching the query in all pages. */
  total: number;
  /** Cursor of the next page; absent on the last one. */
  next?: string;
  /** A `/regex/` word that does not compile (it was matched as plain text instead). */
  invalid?: string;
}

export interface GpuInfo {
  name: string;
  memoryBytes?: number;
}

export interface HardwareInfo {
  cpu?: string;
  cpuCount?: number;
  cpuCountLogical?: number;
  memoryBytes?: number;
  gpus?: GpuInfo[];
  /** Accelerators of any kind (GPU, TPU, Apple); may exceed `gpus.length` when names are unknown. */
  acceleratorCount?: number;
  accelerator?: string;
  cudaVersion?: string;
}

/** Everything the overview needs about one run. */
export interface RunInfo {
  id: string;
  name?: string;
  project?: string;
  entity?: string;
  group?: string;
  jobType?: string;
  /** Markdown; rendered sanitized. */
  notes?: string;
  tags?: string[];
  state: RunState;
  heartbeatAt?: number;
  startedAt?: number;
  endedAt?: number;
  /** Seconds the run has been (or was) running. */
  runtime?: number;
  exitCode?: number;
  host?: string;
  os?: string;
  user?: string;
  python?: { version?: string; executable?: string };
  command?: { program?: string; args?: string[] };
  git?: { remote?: string; commit?: string; branch?: string; dirty?: boolean };
  hardware?: HardwareInfo;
  config?: JsonObject;
  summary?: JsonObject;
  sdk?: { name: string; version?: string };
  /** The format the run was read from: `wandb`, `tfevents`, `mlflow`, `runpage-json`, `sample`… */
  format?: string;
  /** Problems met while reading the run (skipped records, corrupt files). Data that could be read is kept. */
  warnings?: string[];
  /**
   * What the run holds, where the source knows it without extra work. `false` means "this run
   * has none" (a tab can be disabled without asking); absent means "ask". A live run may gain
   * what it lacks, so `false` is final only once the run has ended.
   */
  has?: RunContents;
  /**
   * Fields the source left out on purpose (a server run with `--public`): `host`, `user`,
   * `command`, `python.executable`, `git.credentials`, and `config.<path>` / `summary.<path>` of
   * entries that look like environment variables or secrets (src/data/private-details.ts).
   * The overview shows them as hidden rather than as never recorded.
   */
  withheld?: string[];
}

/** What a run holds, by kind; see `RunInfo.has`. */
export interface RunContents {
  /** Training metrics (`MetricGroup` `history`). */
  metrics?: boolean;
  /** System metrics (`MetricGroup` `system`). */
  system?: boolean;
  logs?: boolean;
  files?: boolean;
  artifacts?: boolean;
  model?: boolean;
  media?: boolean;
}

export type MetricGroup = 'history' | 'system';

export interface MetricInfo {
  key: string;
  group: MetricGroup;
  /** Number of raw points logged. */
  count: number;
  /** First and last step, when the metric has steps. */
  steps?: [number, number];
  /** Index of first appearance among the run's metrics (for "logged order" sorting). */
  order?: number;
  /** Last finite value logged. */
  last?: number;
}

/**
 * The x-axis of a series: `step`, `relative` (wall seconds since the run started),
 * `runtime` (process runtime seconds, where the backend has it), `wallclock` (epoch ms),
 * or any other string, which names a metric whose values become x.
 */
export type XAxis = 'step' | 'relative' | 'runtime' | 'wallclock' | (string & {});
export const BUILTIN_X_AXES: readonly string[] = ['step', 'relative', 'runtime', 'wallclock'];

export type SmoothingKind = 'none' | 'ema' | 'twema' | 'average' | 'gaussian';
export const SMOOTHING_KINDS: readonly SmoothingKind[] = ['none', 'ema', 'twema', 'average', 'gaussian'];

/**
 * Whether a smoothing setting changes anything (kind known and not `none`, weight usable): what a
 * chart and a source decide before they load the smoothing itself (smoothing.ts).
 */
export function isActiveSmoothing(s: Smoothing | undefined): s is Smoothing {
  if (!s || !SMOOTHING_KINDS.includes(s.kind) || s.kind === 'none') return false;
  const w = Number(s.weight);
  if (!Number.isFinite(w) || w <= 0) return false;
  if (s.kind === 'average' && Math.round(w) < 1) return false;
  return true;
}

export interface Smoothing {
  kind: SmoothingKind;
  /** ema/twema: 0 ≤ weight < 1. average/gaussian: window radius in points (≥ 1). */
  weight: number;
}

export interface SeriesQuery {
  runIds: string[];
  keys: string[];
  x: XAxis;
  /** Inclusive x range; absent: everything. */
  range?: [number, number];
  /** Plot width in device pixels. Absent: return every raw point. */
  points?: number;
  smoothing?: Smoothing;
}

/**
 * One metric of one run, columnar, in x order (x may repeat; a non-monotonic x in the raw data
 * is reported through `nonMonotonic` and returned sorted by x).
 */
export interface Series {
  runId: string;
  key: string;
  x: Float64Array;
  /** Finite values, or NaN / ±Infinity where the raw data has them (drawn as gaps with a marker). */
  y: Float64Array;
  /** Raw points inside the requested range. */
  total: number;
  /** True exactly when `x`/`y` are all the raw points of the range, nothing dropped. */
  exact: boolean;
  /** Count of non-finite raw values inside the range. */
  nonFinite: number;
  /** True when `y` holds smoothed values (the source applied `query.smoothing`). */
  smoothed: boolean;
  /** With smoothing: the raw series downsampled the same way, for "show original". */
  original?: { x: Float64Array; y: Float64Array };
  /** True when the raw x values went backwards somewhere (resumed runs). */
  nonMonotonic?: boolean;
  /**
   * Epoch ms at which each returned point was logged, parallel to `x`, where the backend knows it
   * (lets a step chart's tooltip say when a step happened). Optional: charts show no time without it.
   */
  time?: Float64Array;
}

export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  /** Line number in the whole log (0-based), also when the query filtered streams or labels. */
  n: number;
  /** One line without its trailing newline; may hold `\r` and ANSI escapes, rendered by the viewer. */
  text: string;
  stream: LogStream;
  time?: number;
  /** Rank, writer or process label, where the backend has one. */
  label?: string;
}

export interface LogQuery {
  runId: string;
  /** Index of the first line in the (filtered) log. */
  start: number;
  count: number;
  streams?: LogStream[];
  labels?: string[];
}

export interface LogChunk {
  start: number;
  lines: LogLine[];
  /** Number of lines in the (filtered) log. */
  total: number;
  /** Labels present in the log, when the backend has labels. */
  labels?: string[];
}

export interface LogSearch {
  runId: string;
  query: string;
  regex?: boolean;
  caseSensitive?: boolean;
  streams?: LogStream[];
  labels?: string[];
  /** Most line numbers to return; `total` still counts all. Default 100,000. */
  limit?: number;
}

export interface LogMatches {
  /** Number of matching lines. */
  total: number;
  /** Matching line numbers (`LogLine.n`), ascending, at most `limit`. */
  lines: number[];
  /** Positions in the filtered log of those lines, parallel to `lines`. */
  positions: number[];
  truncated: boolean;
}

export interface Page {
  cursor?: string;
  limit?: number;
}

export type FileKind = 'file' | 'dir';

export interface FileEntry {
  /** Path from the run root, `/`-separated, no leading slash. */
  path: string;
  name: string;
  kind: FileKind;
  size?: number;
  modified?: number;
  mime?: string;
  /** For folders: the number of entries directly inside, when known. */
  count?: number;
  /** Set when the entry is a symbolic link. */
  link?: FileLink;
  /**
   * `false` when the source lists the file but holds no contents for it (a bundle exported without
   * `--file-contents`): it cannot be previewed, downloaded or zipped, and elements say so.
   */
  contents?: false;
}

/**
 * A symbolic link in a run's folder. A link `inside` the run folder is listed as what it leads
 * to (file or folder, readable through the link); one leading `outside` it or to `nothing` is a
 * `file` entry with mime `inode/symlink` that cannot be read: never followed, and where an
 * outside link leads is never said.
 */
export interface FileLink {
  to: 'inside' | 'outside' | 'nothing';
  /** Where the link leads, as a path from the run root: only when that is inside the run folder. */
  target?: string;
}

export interface FileListing {
  dir: string;
  entries: FileEntry[];
  /** Entries in the folder in all pages, when known. */
  total?: number;
  /** Cursor for the next page; absent on the last page. */
  next?: string;
}

export interface ByteRange {
  start: number;
  /** Exclusive. Absent: to the end. */
  end?: number;
}

export interface FileBytes {
  path: string;
  bytes: Uint8Array;
  /** Offset of `bytes[0]` in the file. */
  start: number;
  /** Size of the whole file. */
  size: number;
  mime?: string;
}

export type ArtifactDirection = 'input' | 'output';

export interface ArtifactInfo {
  id: string;
  name: string;
  type: string;
  direction: ArtifactDirection;
  /** `v3` */
  version?: string;
  aliases: string[];
  size?: number;
  digest?: string;
  createdAt?: number;
  fileCount?: number;
  description?: string;
}

export interface ArtifactDetail extends ArtifactInfo {
  metadata?: JsonObject;
  /** Every file of the artifact (its manifest), paths relative to the artifact root. */
  files: FileEntry[];
  /** The run that logged it. */
  producer?: RunRef;
  /** Runs that used it. */
  consumers?: RunRef[];
  /** Other versions of the same artifact, newest first. */
  versions?: ArtifactInfo[];
}

/** One layer or module, in a flat list; `parent` links build the tree. */
export interface ModelLayer {
  id: string;
  /** Parent layer id; absent for top-level layers. */
  parent?: string;
  name: string;
  type?: string;
  /** Parameters owned by this layer itself, not counting children. */
  params: number;
  /** Trainable share of `params`; absent means all trainable. */
  trainableParams?: number;
  outputShape?: string;
  inputShape?: string;
}

export interface ModelGraph {
  format: string;
  name?: string;
  /** In display order: every parent before its children. */
  layers: ModelLayer[];
}

export type MediaKind = 'image' | 'video' | 'audio';

export interface MediaKey {
  key: string;
  kind: MediaKind;
  /** Steps that have media, ascending. */
  steps: number[];
}

export interface MediaQuery {
  runId: string;
  key: string;
  step: number;
}

export interface BoundingBox {
  /** Fractions of width and height, 0..1. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  classId: number;
  score?: number;
  caption?: string;
}

export interface MediaItem {
  key: string;
  step: number;
  index: number;
  kind: MediaKind;
  url: string;
  caption?: string;
  width?: number;
  height?: number;
  boxes?: BoundingBox[];
  /** Class-id mask as an image URL (each pixel's red channel is the class id). */
  maskUrl?: string;
  classes?: Record<number, string>;
}

/** One appended metric point, delivered live. */
export interface MetricPoint {
  key: string;
  step: number;
  /** Epoch ms */
  time: number;
  /** Process runtime seconds, where known. */
  runtime?: number;
  value: number;
}

export type RunEvent =
  | { type: 'run'; run: Partial<RunInfo> }
  | { type: 'metrics'; group: MetricGroup; points: MetricPoint[] }
  | { type: 'metrics-added'; metrics: MetricInfo[] }
  | { type: 'logs'; lines: LogLine[]; total: number }
  | { type: 'files-changed' }
  | { type: 'artifacts-changed' }
  | { type: 'media-changed'; keys: string[] };

/**
 * A change to a source's listing of runs (`watchRuns`). `run-added` and `run-changed` carry the
 * run's whole listing entry as it is now; `resync` says changes may have been missed (a dropped
 * connection, a gap too old to replay): list the runs again.
 */
export type RunListEvent =
  | { type: 'run-added'; run: RunRef }
  | { type: 'run-changed'; run: RunRef }
  | { type: 'run-removed'; runId: string }
  | { type: 'resync' };

export interface RunSource {
  getRun(runId: string, o?: Req): Promise<RunInfo>;
  /** The run shown when an element names none. */
  defaultRunId?(): string | undefined;
  /** Every run the source knows, with the listing fields of `RunRef`, in one answer. */
  listRuns?(o?: Req): Promise<RunRef[]>;
  /**
   * The runs under a search, filters and sort, a page at a time: a table shows its first screen
   * from the first page without waiting for thousands of runs. Cursors are offsets into the
   * matching runs at the time of the call; a run added meanwhile may shift a later page by one.
   */
  queryRuns?(q: RunQuery, o?: Req): Promise<RunPage>;
  /**
   * Calls `on` for every run added to, changed in or removed from the listing (its state, end,
   * summary…) until the returned function is called or `o.signal` aborts. A table of runs keeps
   * its rows current with it instead of listing every run again.
   */
  watchRuns?(on: (e: RunListEvent) => void, o?: Req): () => void;
  listMetrics?(runId: string, o?: Req): Promise<MetricInfo[]>;
  getSeries?(q: SeriesQuery, o?: Req): Promise<Series[]>;
  getLogs?(q: LogQuery, o?: Req): Promise<LogChunk>;
  searchLogs?(q: LogSearch, o?: Req): Promise<LogMatches>;
  listFiles?(runId: string, dir: string, page?: Page, o?: Req): Promise<FileListing>;
  readFile?(runId: string, path: string, range?: ByteRange, o?: Req): Promise<FileBytes>;
  fileUrl?(runId: string, path: string): string | undefined;
  listArtifacts?(runId: string, o?: Req): Promise<ArtifactInfo[]>;
  getArtifact?(runId: string, id: string, o?: Req): Promise<ArtifactDetail>;
  readArtifactFile?(runId: string, artifactId: string, path: string, range?: ByteRange, o?: Req): Promise<FileBytes>;
  getModel?(runId: string, o?: Req): Promise<ModelGraph>;
  listMedia?(runId: string, o?: Req): Promise<MediaKey[]>;
  getMedia?(q: MediaQuery, o?: Req): Promise<MediaItem[]>;
  /** Calls `on` for every change to the run until the returned function is called or `o.signal` aborts. */
  watch?(runId: string, on: (e: RunEvent) => void, o?: Req): () => void;
}

export type SourceMethod = Exclude<keyof RunSource, 'getRun' | 'defaultRunId'>;

/** Heartbeats older than this, with no exit, make a run `crashed`. */
export const DEFAULT_HEARTBEAT_THRESHOLD_MS = 5 * 60 * 1000;

// The errors of the contract: every method of a source fails with a SourceError. They live here,
// with the contract's other values, so that a bundler keeps the two in one module: errors.ts
// names them for the modules that import them from there.

export type SourceErrorCode = 'not-found' | 'unauthorized' | 'unavailable' | 'invalid-data' | 'unsupported' | 'aborted';

const RETRYABLE_BY_DEFAULT: Record<SourceErrorCode, boolean> = {
  'not-found': false,
  unauthorized: false,
  unavailable: true,
  'invalid-data': false,
  unsupported: false,
  aborted: true,
};

/** Every failure a source reports. Elements show `message` and offer retry when `retryable`. */
export class SourceError extends Error {
  readonly code: SourceErrorCode;
  readonly retryable: boolean;

  constructor(code: SourceErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SourceError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT[code];
  }
}

export function isSourceError(e: unknown): e is SourceError {
  try {
    return (
      e instanceof SourceError ||
      (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'SourceError')
    );
  } catch {
    return false;
  }
}

const CODES = Object.keys(RETRYABLE_BY_DEFAULT) as SourceErrorCode[];

/** What a thrown value says about itself, in words: never "undefined" or "[object Object]". */
export function describeFailure(e: unknown): string {
  try {
    if (typeof e === 'string' && e.trim()) return e.trim();
    const message = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
    if (typeof message === 'string' && message.trim()) return message.trim();
    if (typeof e === 'number' || typeof e === 'boolean' || typeof e === 'bigint') return `Failed with ${String(e)}.`;
  } catch {
    return 'The source failed in a way that cannot be read.';
  }
  return 'The source failed without saying why.';
}

/**
 * Turns anything thrown into a SourceError: SourceErrors stay as they are; look-alikes from
 * another copy of runpage are kept when their fields are usable and rebuilt otherwise; strings,
 * `undefined`, `null` and other values get a message that says what happened.
 */
export function toSourceError(e: unknown): SourceError {
  if (e instanceof SourceError) return e;
  if (isSourceError(e)) {
    try {
      const { code, message, retryable } = e as { code?: unknown; message?: unknown; retryable?: unknown };
      const known = CODES.includes(code as SourceErrorCode);
      if (known && typeof message === 'string' && typeof retryable === 'boolean') return e;
      return new SourceError(known ? (code as SourceErrorCode) : 'unavailable', describeFailure(e), {
        retryable: typeof retryable === 'boolean' ? retryable : undefined,
        cause: e,
      });
    } catch {
      return new SourceError('unavailable', describeFailure(undefined), { cause: e });
    }
  }
  return isAbortError(e) ? cancelled(e) : new SourceError('unavailable', describeFailure(e), { cause: e });
}

export function isAbortError(e: unknown): boolean {
  try {
    return (
      (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError') ||
      (isSourceError(e) && e.code === 'aborted')
    );
  } catch {
    return false;
  }
}

/** The `aborted` error of a request that was cancelled (`cause`: what told so, if anything). */
function cancelled(cause?: unknown): SourceError {
  return new SourceError('aborted', 'The request was cancelled.', { cause });
}

/** Rejects with `aborted` when the signal has fired. Call at the top of every source method and between slow steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

// Two helpers that elements and sources both run from their first request: the lazy loading of
// code, and the binary searches over columns sorted by x. They live here, with the contract's other
// values, for the reason SourceError does: an app's bundler (esbuild) puts each module that an
// element and a lazily loaded source both import into a chunk of its own, a request and ~0.1 KB
// gzip each on every page. src/index.ts does not export them.

/**
 * A module loaded with `import()` the first time something needs it, one load shared by every
 * request that waits for it; `now` once it is there, so later requests use it without waiting a
 * turn. A failed load is tried afresh by the next `get`; `failure` turns its error into the one told.
 */
export class LazyModule<M> {
  now?: M;
  private pending?: Promise<M>;

  constructor(
    private readonly load: () => Promise<M>,
    private readonly failure: (e: unknown) => unknown = (e) => e,
  ) {}

  get(): Promise<M> {
    return (this.pending ??= this.load().then(
      (m) => (this.now = m),
      (e: unknown) => {
        this.pending = undefined;
        throw this.failure(e);
      },
    ));
  }
}

/** First index `i` in `[from, to)` with `x[i] >= v` (`to` when none). */
export function lowerBound(x: ArrayLike<number>, v: number, from = 0, to = x.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index `i` in `[from, to)` with `x[i] > v` (`to` when none). */
export function upperBound(x: ArrayLike<number>, v: number, from = 0, to = x.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when every x is finite and none goes backwards (the columns can be used as they are). */
export function isSortedFinite(x: ArrayLike<number>): boolean {
  let prev = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!(v >= prev) || v === Infinity) return false;
    prev = v;
  }
  return true;
}

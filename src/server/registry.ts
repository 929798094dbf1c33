/**
 * The runs a server serves. Each run is read on its first request (then cached) into its own
 * MemorySource; runs still being written get a live poller that appends to it, and every run
 * has an EventHub that numbers its live events for Server-Sent Events.
 *
 * A run that cannot be read stays in the list with its error and answers its requests with that
 * error; it is read again on the next request (the folder may have been mid-write).
 */
import { MemorySource, type MemoryRun } from '../data/memory-source.js';
import type { Req, RunInfo, RunPage, RunQuery, RunRef, RunState } from '../data/source.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../data/source.js';
import { SourceError, throwIfAborted } from '../data/errors.js';
import { parseSearch, queryRunList, sortOf } from '../data/run-query.js';
import { mapLimited } from '../formats/mlflow/requests.js';
import type { RunCatalog, SeriesRun, ServedRun } from './catalog.js';
import type { RunLocation } from './discover.js';
import { EventHub } from './event-hub.js';
import { ListingCache } from './listing-cache.js';
import { ListingStore } from './listing-store.js';
import { LivePoller } from './live-poller.js';
import { SearchGuard, type SearchGuardOptions } from './guarded-search.js';
import { loadRun, type LoadOptions, type LoadedRun } from './run-loaders.js';
import { RunCache, packageVersion } from './run-cache.js';
import { HeldRuns, estimateRunBytes } from './held-runs.js';
import { FirstSeries, type FirstSeriesOptions } from './first-series.js';
import { ReadPause } from './read-pause.js';
import { totalmem } from 'node:os';
import * as nodePath from 'node:path';

export interface RegistryOptions {
  /** Running runs silent for longer than this, without an exit, are `crashed`. Default 5 minutes. */
  heartbeatThresholdMs?: number;
  /** How often live runs are polled, besides file-change notifications. Default 1000 ms. */
  pollMs?: number;
  now?: () => number;
  /** Where problems that are not any request's answer go (a failing live poll). Default console.warn. */
  log?: (message: string) => void;
  /** Reads a discovered run; default `loadRun` (the W&B, TensorBoard and MLflow readers). */
  loader?: (location: RunLocation, options: LoadOptions) => Promise<LoadedRun>;
  /** Bounds of log searches (guarded-search.ts). */
  search?: SearchGuardOptions;
  /**
   * The folder of the disk caches (cache-dir.ts): W&B runs that have ended, cached once read
   * (run-cache.ts, its `runs/` subfolder), and the runs list (listing-store.ts, `listing/`).
   * Absent: both kept in memory only.
   */
  cacheDir?: string;
  /** Most bytes of cache files kept in `cacheDir` (the least recently used go first); default 8 GiB. */
  cacheMaxBytes?: number;
  /**
   * Estimated bytes of read runs kept in memory; past it the least recently used runs that are
   * not live are let go (read again on their next request). Default a quarter of the machine's memory.
   */
  maxHeldBytes?: number;
  /**
   * The first chart of a big W&B run not read yet answered from a scan of its keys while the run
   * is read (first-series.ts). Default on with the default loader (whose reading it matches).
   */
  firstSeries?: boolean | Pick<FirstSeriesOptions, 'minBytes' | 'threads'>;
}

/** Runs listed at once (file reads in flight: a few per run). */
const LISTING_CONCURRENCY = 16;
/** Runs listed at once in the background, after a page was answered (other requests go first). */
const WARMING_CONCURRENCY = 4;
/** Runs read fully at once to be listed (a format that cannot be listed from its small files). */
const LOAD_CONCURRENCY = 2;

/** A run the registry holds in memory (live updates are appended to its source). */
type HeldRun = ServedRun & { source: MemorySource };

interface Entry {
  id: string;
  location?: RunLocation;
  served?: HeldRun;
  loading?: Promise<HeldRun>;
  /** The read a key scan was started beside (one per read). */
  scanned?: Promise<HeldRun>;
  /** Holds the read under way back while a key scan answers its first chart. */
  pause?: ReadPause;
  error?: string;
}

export class RunRegistry implements RunCatalog {
  private readonly entries = new Map<string, Entry>();
  readonly heartbeatThresholdMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly loader: NonNullable<RegistryOptions['loader']>;
  /** Every log search of every run takes turns here, each slice bounded in time. */
  private readonly searchGuard: SearchGuard;
  /** Listings of runs not read yet, from their small files (listing-cache.ts). */
  private readonly listing: ListingCache;
  /** Runs read before, kept on disk (run-cache.ts). */
  readonly cache: RunCache | undefined;
  /** Read runs kept in memory, within a bound (held-runs.ts). */
  readonly held: HeldRuns;
  private readonly loadSlots = new Slots(LOAD_CONCURRENCY);
  private readonly firstSeries: FirstSeries | undefined;
  /** Every run being listed in the background (after a page), once. */
  private warming: Promise<void> | undefined;
  private closed = false;
  /** Told when a served run's facts change (run-watcher.ts lists again). */
  private readonly runChangeListeners = new Set<() => void>();

  constructor(options: RegistryOptions = {}) {
    this.heartbeatThresholdMs = options.heartbeatThresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS;
    this.pollMs = options.pollMs ?? 1000;
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? ((m) => console.warn(m));
    this.loader = options.loader ?? loadRun;
    this.searchGuard = new SearchGuard(options.search);
    const cacheDir = options.cacheDir;
    this.listing = new ListingCache({
      now: this.now,
      heartbeatThresholdMs: this.heartbeatThresholdMs,
      store: cacheDir === undefined ? undefined : new ListingStore(cacheDir, this.log),
    });
    this.held = new HeldRuns(options.maxHeldBytes ?? Math.floor(totalmem() / 4));
    const first = options.firstSeries ?? options.loader === undefined;
    if (first)
      this.firstSeries = new FirstSeries({
        ...(typeof first === 'object' ? first : {}),
        heartbeatThresholdMs: this.heartbeatThresholdMs,
        now: this.now,
      });
    if (cacheDir !== undefined)
      this.cache = new RunCache({
        dir: nodePath.join(cacheDir, 'runs'),
        maxBytes: options.cacheMaxBytes,
        version: packageVersion(),
        log: this.log,
      });
  }

  addLocations(locations: readonly RunLocation[]): void {
    for (const loc of locations) {
      const id = this.freeId(loc.id);
      this.entries.set(id, { id, location: { ...loc, id } });
    }
  }

  /** Adds the locations not held yet (a rescan found them); returns how many were new. */
  addNewLocations(locations: readonly RunLocation[]): number {
    const held = new Set<string>();
    for (const e of this.entries.values()) if (e.location) held.add(locationKey(e.location));
    const fresh = locations.filter((loc) => !held.has(locationKey(loc)));
    this.addLocations(fresh);
    if (fresh.length) this.runsChanged();
    return fresh.length;
  }

  /** Calls `listener` whenever a served run's facts change (it ended, say); returns a stop. */
  onRunChange(listener: () => void): () => void {
    this.runChangeListeners.add(listener);
    return () => this.runChangeListeners.delete(listener);
  }

  /** Listeners of `onRunChange` (for tests: a listing watch is on). */
  get runChangeListenerCount(): number {
    return this.runChangeListeners.size;
  }

  private runsChanged(): void {
    for (const l of [...this.runChangeListeners]) l();
  }

  /**
   * Serves a run held in memory (tests, or a backend that builds runs itself). Returns its id and
   * the MemorySource, whose `append` feeds the run's live events.
   */
  addMemoryRun(run: MemoryRun, id = run.info?.id): { id: string; source: MemorySource } {
    const runId = this.freeId(id || 'run');
    const served = this.serve(runId, { ...run, info: { ...run.info, id: runId } });
    this.entries.set(runId, { id: runId, served });
    this.runsChanged();
    return { id: runId, source: served.source };
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  runCount(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The run, read now if it has not been; rejects `not-found` for an unknown id, or with the read error. */
  async get(id: string): Promise<ServedRun> {
    const entry = this.entries.get(id);
    if (!entry) throw new SourceError('not-found', `There is no run ${JSON.stringify(id)} on this server.`);
    if (entry.served) {
      this.held.touch(id);
      return entry.served;
    }
    if (!entry.loading) {
      const pause = (entry.pause = new ReadPause());
      entry.loading = this.load(entry, pause).finally(() => {
        entry.loading = undefined;
        if (entry.pause === pause) entry.pause = undefined;
      });
    }
    return entry.loading;
  }

  /** `get` for a series query: a big W&B run being read may answer it from a scan of these keys first (first-series.ts). */
  seriesRun(id: string, keys: readonly string[], x: string): Promise<SeriesRun> {
    const full = this.get(id);
    const entry = this.entries.get(id);
    if (!this.firstSeries || !entry?.location || !entry.loading) return full;
    if (entry.scanned === entry.loading) return Promise.resolve(this.firstSeries.again(keys, x, entry.loading) ?? full);
    entry.scanned = entry.loading;
    // the read itself, not `full` (another promise of it): `again` finds what was scanned beside it
    return this.firstSeries.run(entry.location, id, keys, x, entry.loading, entry.pause);
  }

  /**
   * Every run with its listing fields. A run already read answers from memory; one not read yet
   * from its small files where its format allows (listing-cache.ts), else it is read now (two at
   * a time). Unreadable runs carry `error`.
   */
  async listRuns(): Promise<RunRef[]> {
    return this.listAll(LISTING_CONCURRENCY);
  }

  /**
   * One page of runs (`RunSource.queryRuns`), when it can be answered without listing every run:
   * in start order (the default, newest first) with no search or filter. Every run's start time is
   * read cheaply (listing-start.ts), then only the page's runs are listed; the rest are listed in
   * the background, for the next question. `total` is exact (every run matches). Undefined: the
   * caller lists every run and pages them itself (`queryRunList`).
   */
  async queryRuns(q: RunQuery = {}, o: Req = {}): Promise<RunPage | undefined> {
    if (!startOrdered(q)) return undefined;
    const entries = [...this.entries.values()];
    const known = new Map<Entry, RunRef>();
    const keys = await mapLimited(entries, LISTING_CONCURRENCY, async (entry) => {
      throwIfAborted(o.signal);
      // A run read (or that failed to be read) is listed from memory.
      const key =
        entry.served || entry.error !== undefined || !entry.location
          ? undefined
          : await this.listing.startKey(entry.location);
      if (key) return { id: entry.id, startedAt: key.startedAt };
      const ref = await this.listed(entry);
      known.set(entry, ref);
      return { id: entry.id, startedAt: ref.startedAt };
    });
    // The same paging as every source (run-query.ts), over stand-ins that hold just the sort key.
    const order = await queryRunList(keys, { sort: q.sort, limit: q.limit, cursor: q.cursor }, { signal: o.signal });
    const byId = new Map(entries.map((e) => [e.id, e]));
    const page = order.runs.map((k) => byId.get(k.id)!);
    const runs = await mapLimited(page, LISTING_CONCURRENCY, async (e) => known.get(e) ?? this.listed(e));
    this.warm();
    // The cheap start time is the one the listing has, or the order may be wrong: list every run.
    if (runs.some((r, i) => !sameTime(r.startedAt, order.runs[i]!.startedAt))) return undefined;
    return { ...order, runs };
  }

  /** The listings of these runs, as `listRuns` lists them (ids not held are left out). */
  async listRunsOf(ids: readonly string[]): Promise<RunRef[]> {
    const entries = ids.map((id) => this.entries.get(id)).filter((e): e is Entry => e !== undefined);
    return mapLimited(entries, LISTING_CONCURRENCY, (entry) => this.listed(entry));
  }

  /** Forgets runs (their folders are gone): no longer listed or served, their live reading stopped. */
  forget(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.served?.poller?.stop();
      entry.served?.hub.close();
      this.held.remove(id);
      if (entry.location) this.listing.forget(entry.location);
      this.entries.delete(id);
    }
  }

  private async listAll(concurrency: number): Promise<RunRef[]> {
    return mapLimited([...this.entries.values()], concurrency, (entry) => this.listed(entry));
  }

  /**
   * Lists every W&B run in the background, a few at a time, once: a later page, search or sort
   * finds them listed (and a restart too, with a cache folder). Other formats are listed when asked.
   */
  private warm(): void {
    this.warming ??= mapLimited(
      [...this.entries.values()].filter((e) => !e.served && e.location?.format === 'wandb'),
      WARMING_CONCURRENCY,
      async (entry) => {
        if (!this.closed) await this.listing.ref(entry.location!).catch(() => undefined);
      },
    ).then(() => undefined);
  }

  private async listed(entry: Entry): Promise<RunRef> {
    if (!entry.served && entry.location) {
      const quick = await this.listing.ref(entry.location).catch(() => undefined);
      if (quick) return quick;
      await this.loadSlots.run(() => this.get(entry.id)).catch(() => undefined);
    }
    if (entry.served) {
      const [ref] = await entry.served.source.listRuns();
      return { ...ref, id: entry.id };
    }
    const loc = entry.location;
    const ref: RunRef = { id: entry.id, error: entry.error ?? 'The run could not be read.' };
    if (loc?.name) ref.name = loc.name;
    if (loc?.project) ref.project = loc.project;
    if (loc?.format) ref.format = loc.format;
    return ref;
  }

  /** The location a run was found at (absent for in-memory runs). */
  location(id: string): RunLocation | undefined {
    return this.entries.get(id)?.location;
  }

  /** Writes the runs list kept on disk now (it is written a second after it changes). */
  flush(): Promise<void> {
    return this.listing.flush();
  }

  /** Stops live reading; resolves once the runs list kept on disk is written. */
  close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) {
      entry.served?.poller?.stop();
      entry.served?.hub.close();
    }
    return this.listing.flush();
  }

  private freeId(wanted: string): string {
    let id = wanted;
    for (let k = 2; this.entries.has(id); k++) id = `${wanted}-${k}`;
    return id;
  }

  private async load(entry: Entry, pause: ReadPause): Promise<HeldRun> {
    const loc = entry.location!;
    try {
      const loaded = await this.loader(loc, {
        now: this.now(),
        heartbeatThresholdMs: this.heartbeatThresholdMs,
        pollMs: this.pollMs,
        fileUrl: (path) => rawFileUrl(entry.id, path),
        logsOnDisk: true,
        cache: this.cache,
        pause,
      });
      const run: MemoryRun = { ...loaded.run, info: { ...loaded.run.info, id: entry.id } };
      const served = this.serve(entry.id, run, loaded.files);
      // A run already silent past the threshold is shown crashed and not polled (its reader would say the same on reload).
      if (loaded.live && !loaded.live.done && served.state === 'running') {
        served.poller = new LivePoller(loaded.live, {
          pollMs: this.pollMs,
          now: this.now,
          append: (data) => served.source.append(entry.id, data),
          filesChanged: () => served.hub.emit({ type: 'files-changed' }),
          onError: (e) =>
            this.log(`runpage: live reading of ${entry.id} failed: ${(e as Error)?.message ?? String(e)}`),
        });
      }
      entry.served = served;
      entry.error = undefined;
      const live = served.poller ? loaded.live : undefined;
      for (const id of this.held.add(
        entry.id,
        loaded.bytes ?? estimateRunBytes(run),
        () => live !== undefined && !live.done,
      )) {
        const other = this.entries.get(id);
        // Requests under way keep their run; the next one reads it again.
        if (other?.location) other.served = undefined;
      }
      return served;
    } catch (e) {
      entry.error = `${loc.format} run at ${loc.path || loc.root} could not be read: ${(e as Error)?.message ?? String(e)}`;
      throw new SourceError('invalid-data', entry.error, { cause: e });
    }
  }

  private serve(id: string, run: MemoryRun, files?: ServedRun['files']): HeldRun {
    const source = new MemorySource(run, {
      heartbeatThresholdMs: this.heartbeatThresholdMs,
      now: this.now,
      searchRunner: this.searchGuard.runner,
    });
    const served = {
      id,
      source,
      files,
      state: effectiveState(run.info, this.now(), this.heartbeatThresholdMs),
    } as HeldRun;
    served.hub = new EventHub(source, id, (e) => {
      if (e.type === 'run' && e.run.state) served.state = e.run.state;
      // not on heartbeats alone: the listing is looked at again when a run starts, ends or sums up
      if (e.type === 'run' && (e.run.state ?? e.run.endedAt ?? e.run.summary ?? e.run.name) !== undefined)
        this.runsChanged();
    });
    return served;
  }
}

/** The server URL (relative to its root) of a run-relative file. */
export function rawFileUrl(runId: string, path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  return ['api', 'runs', encodeURIComponent(runId), 'raw', ...segments.map(encodeURIComponent)].join('/');
}

function locationKey(loc: RunLocation): string {
  return `${loc.format}\u0000${loc.root}\u0000${loc.path}`;
}

function effectiveState(info: RunInfo, now: number, threshold: number): RunState {
  if (
    info.state === 'running' &&
    info.exitCode === undefined &&
    typeof info.heartbeatAt === 'number' &&
    now - info.heartbeatAt > threshold
  )
    return 'crashed';
  return info.state;
}

/** Whether a query asks for runs in start order and nothing else (every run matches). */
function startOrdered(q: RunQuery): boolean {
  const f = q.filters && typeof q.filters === 'object' ? q.filters : {};
  if (f.state || f.project || f.tag) return false;
  if (parseSearch(typeof q.search === 'string' ? q.search : '').terms.length > 0) return false;
  return sortOf(q).column === 'started';
}

const sameTime = (a: number | undefined, b: number | undefined) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** At most `n` tasks at once; the rest wait their turn. */
class Slots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly n: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.busy < this.n) this.busy++;
    // A task that ends hands its slot to the first waiting one.
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }
}

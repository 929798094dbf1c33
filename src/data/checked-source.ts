/**
 * The boundary between a data source and the elements: every element reads its source through a
 * `checkSource` wrapper (the base element does it, once per element and source), so no element
 * meets a value the contract does not allow, whoever wrote the source.
 *
 * The wrapper
 * - reads each answer to the contract's types (`read/`): what is malformed is repaired or left out,
 *   and the repairs are told to the element (`ReadReport`) so it can say "N values could not be read";
 * - turns an answer that cannot be used at all (`null` for a run) into SourceError('invalid-data'),
 *   and anything thrown or rejected (strings, `undefined`, plain objects) into a SourceError;
 * - never lets reading the source itself throw: a source whose properties throw (a hostile Proxy)
 *   answers every request with an error instead;
 * - checks every live event, drops the malformed ones, and lets "something changed" signals through
 *   at most a few times a second however fast the source emits them.
 * Answers that are already right cost one pass over them; Float64Array columns are not copied.
 */
import { describeFailure, SourceError, toSourceError } from './errors.js';
import { readArtifactDetail, readArtifactInfo } from './read/artifacts.js';
import { readRunEvent } from './read/events.js';
import { readFileBytes, readFileListing } from './read/files.js';
import { readLogChunk, readLogMatches } from './read/logs.js';
import { readMediaItem, readMediaKey } from './read/media.js';
import { readMetricInfo, readSeries } from './read/metrics.js';
import { readModelGraph } from './read/model.js';
import { Repairs, type Repair } from './read/repairs.js';
import { readRunInfo, readRunRef } from './read/run.js';
import type {
  ArtifactDetail,
  ArtifactInfo,
  ByteRange,
  FileBytes,
  FileListing,
  LogChunk,
  LogMatches,
  LogQuery,
  LogSearch,
  MediaItem,
  MediaKey,
  MediaQuery,
  MetricInfo,
  ModelGraph,
  Page,
  Req,
  RunEvent,
  RunInfo,
  RunPage,
  RunQuery,
  RunRef,
  RunSource,
  Series,
  SeriesQuery,
} from './source.js';

export type { Repair } from './read/repairs.js';

/** Where a checked source tells what it had to repair. */
export interface ReadReport {
  /**
   * The answer to `request` (method and arguments) needed `repairs`. A later answer to the same
   * request replaces them; live events (`request` is `watch`) add up.
   */
  repaired(request: string, repairs: Repair[]): void;
}

type Method = (...args: unknown[]) => unknown;
type Reader<T> = (answer: unknown, r: Repairs) => T | undefined;

/** Each checked source and the source it checks. */
const unchecked = new WeakMap<object, RunSource>();

/** The source a checked source wraps (or `source` itself when it is not a checked one). */
export function uncheckedSource(source: RunSource): RunSource {
  return (typeof source === 'object' || typeof source === 'function') && source !== null
    ? (unchecked.get(source) ?? source)
    : source;
}

/**
 * Why the source behind a checked source cannot be read (reading one of its properties threw), or
 * undefined while it can. Elements show it where they would otherwise say "no run selected".
 */
export function sourceFailure(source: RunSource | undefined): SourceError | undefined {
  return source instanceof CheckedSource ? source.failed : undefined;
}

/** A view of `source` that only gives answers the contract allows; `report` hears what was repaired. */
export function checkSource(source: RunSource, report?: ReadReport): RunSource {
  const checked = new CheckedSource(uncheckedSource(source), report);
  unchecked.set(checked, checked.raw);
  return checked;
}

function readArray<T>(read: (item: unknown, r: Repairs, i: number) => T | undefined): Reader<T[]> {
  return (answer, r) => {
    if (!Array.isArray(answer)) return undefined;
    const out: T[] = [];
    answer.forEach((item, i) => {
      const v = read(item, r, i);
      if (v !== undefined) out.push(v);
    });
    return out;
  };
}

/** A short text naming the request, so a repeated request replaces its earlier repairs. */
function requestKey(method: string, args: readonly unknown[]): string {
  try {
    const plain = args.filter((a) => !(a && typeof a === 'object' && 'signal' in a));
    return `${method} ${JSON.stringify(plain)}`;
  } catch {
    return method;
  }
}

/** Events that only say "ask again": delivered at most once per this many ms (the last one always arrives). */
const SIGNAL_INTERVAL_MS = 250;
const SIGNALS = new Set(['files-changed', 'artifacts-changed', 'media-changed']);

const readers = {
  listRuns: readArray((v, r) => readRunRef(v, r)),
  queryRuns: (v: unknown, r: Repairs): RunPage | undefined => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const o = v as Record<string, unknown>;
    const runs = readArray((x, rr) => readRunRef(x, rr))(o.runs, r);
    if (!runs) return undefined;
    const page: RunPage = { runs, total: runs.length };
    if (typeof o.total === 'number' && Number.isInteger(o.total) && o.total >= runs.length) page.total = o.total;
    else if (o.total !== undefined) r.dropped('a run count that is not a whole number');
    if (typeof o.next === 'string' && o.next !== '') page.next = o.next;
    if (typeof o.invalid === 'string') page.invalid = o.invalid;
    return page;
  },
  listMetrics: readArray(readMetricInfo),
  listArtifacts: readArray(readArtifactInfo),
  getArtifact: (v: unknown, r: Repairs) => readArtifactDetail(v, r),
  getModel: (v: unknown, r: Repairs) => readModelGraph(v, r),
  listMedia: readArray(readMediaKey),
};

/** What each method's answer should have been, for the message when it is not. */
const EXPECTED: Record<string, string> = {
  getRun: 'a run',
  listRuns: 'a list of runs',
  queryRuns: 'a page of runs',
  listMetrics: 'a list of metrics',
  getSeries: 'a list of series',
  getLogs: 'a chunk of log lines',
  searchLogs: 'search matches',
  listFiles: 'a file listing',
  readFile: 'file bytes',
  readArtifactFile: 'file bytes',
  listArtifacts: 'a list of artifacts',
  getArtifact: 'an artifact',
  getModel: 'a model graph',
  listMedia: 'a list of media keys',
  getMedia: 'a list of media items',
};

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object of another shape' : typeof v;
}

class CheckedSource implements RunSource {
  private readonly wrappers = new Map<string, Method>();
  /** Set once reading a property of the source threw. */
  failed?: SourceError;

  constructor(
    readonly raw: RunSource,
    private readonly report?: ReadReport,
  ) {}

  /** `raw[name]` when it is a function; `broken` when reading it throws (see `failed`). */
  private lookup(name: string): Method | undefined | 'broken' {
    try {
      const fn = (this.raw as unknown as Record<string, unknown>)[name];
      return typeof fn === 'function' ? (fn as Method) : undefined;
    } catch (e) {
      this.failed = new SourceError(
        'unavailable',
        `The data source could not be read (${name}): ${describeFailure(e)}`,
        {
          cause: e,
        },
      );
      return 'broken';
    }
  }

  /**
   * Calls `name` on the source and reads its answer; every failure is a SourceError. Chained with
   * one `then` on the source's own promise, so a checked answer arrives as soon as the source's does.
   */
  private ask<T>(name: string, args: unknown[], read: Reader<T>): Promise<T> {
    const fn = this.lookup(name);
    if (fn === 'broken') return Promise.reject(this.failed!);
    if (!fn) return Promise.reject(new SourceError('unsupported', `This source has no ${name}().`));
    let pending: unknown;
    try {
      pending = fn.apply(this.raw, args);
    } catch (e) {
      return Promise.reject(toSourceError(e));
    }
    return Promise.resolve(pending).then(
      (answer) => this.readAnswer(name, args, answer, read),
      (e: unknown) => Promise.reject(toSourceError(e)),
    );
  }

  private readAnswer<T>(name: string, args: unknown[], answer: unknown, read: Reader<T>): T {
    const r = new Repairs(name);
    let value: T | undefined;
    try {
      value = read(answer, r);
    } catch (e) {
      throw new SourceError('invalid-data', `The source's answer to ${name} could not be read: ${describeFailure(e)}`, {
        retryable: true,
      });
    }
    // Retryable: a source that answered badly once may answer well when asked again.
    if (value === undefined) {
      const message = r.unusable ?? `The source answered ${name} with ${kindOf(answer)}, not ${EXPECTED[name]}.`;
      throw new SourceError('invalid-data', message, { retryable: true });
    }
    if (!r.empty) this.report?.repaired(requestKey(name, args), r.list);
    return value;
  }

  /** The checked method `name`, when the source has it (a source that cannot be read "has" all). */
  private optional<A extends unknown[], T>(
    name: string,
    call: (...args: A) => Promise<T>,
  ): ((...args: A) => Promise<T>) | undefined {
    if (this.lookup(name) === undefined) return undefined;
    let w = this.wrappers.get(name);
    if (!w) this.wrappers.set(name, (w = call as Method));
    return w as (...args: A) => Promise<T>;
  }

  getRun(runId: string, o?: Req): Promise<RunInfo> {
    return this.ask('getRun', [runId, o], (v, r) => readRunInfo(v, r, runId));
  }

  defaultRunId(): string | undefined {
    const fn = this.lookup('defaultRunId');
    if (typeof fn !== 'function') return undefined;
    try {
      const id: unknown = fn.call(this.raw);
      return typeof id === 'string' && id !== ''
        ? id
        : typeof id === 'number' && Number.isFinite(id)
          ? String(id)
          : undefined;
    } catch {
      return undefined;
    }
  }

  get listRuns() {
    return this.optional('listRuns', (o?: Req) => this.ask<RunRef[]>('listRuns', [o], readers.listRuns));
  }

  get queryRuns() {
    return this.optional('queryRuns', (q: RunQuery, o?: Req) =>
      this.ask<RunPage>('queryRuns', [q, o], readers.queryRuns),
    );
  }

  get listMetrics() {
    return this.optional('listMetrics', (runId: string, o?: Req) =>
      this.ask<MetricInfo[]>('listMetrics', [runId, o], readers.listMetrics),
    );
  }

  get getSeries() {
    return this.optional('getSeries', (q: SeriesQuery, o?: Req) =>
      this.ask<Series[]>(
        'getSeries',
        [q, o],
        readArray((v, r) => readSeries(v, r, q)),
      ),
    );
  }

  get getLogs() {
    return this.optional('getLogs', (q: LogQuery, o?: Req) =>
      this.ask<LogChunk>('getLogs', [q, o], (v, r) => readLogChunk(v, r, q)),
    );
  }

  get searchLogs() {
    return this.optional('searchLogs', (q: LogSearch, o?: Req) =>
      this.ask<LogMatches>('searchLogs', [q, o], readLogMatches),
    );
  }

  get listFiles() {
    return this.optional('listFiles', (runId: string, dir: string, page?: Page, o?: Req) =>
      this.ask<FileListing>('listFiles', [runId, dir, page, o], (v, r) => readFileListing(v, r, dir)),
    );
  }

  get readFile() {
    return this.optional('readFile', (runId: string, path: string, range?: ByteRange, o?: Req) =>
      this.ask<FileBytes>('readFile', [runId, path, range, o], (v, r) => readFileBytes(v, r, path, range?.start ?? 0)),
    );
  }

  get readArtifactFile() {
    return this.optional(
      'readArtifactFile',
      (runId: string, artifactId: string, path: string, range?: ByteRange, o?: Req) =>
        this.ask<FileBytes>('readArtifactFile', [runId, artifactId, path, range, o], (v, r) =>
          readFileBytes(v, r, path, range?.start ?? 0),
        ),
    );
  }

  get fileUrl() {
    const fn = this.lookup('fileUrl');
    if (typeof fn !== 'function') return undefined;
    return (runId: string, path: string): string | undefined => {
      try {
        const url: unknown = fn.call(this.raw, runId, path);
        return typeof url === 'string' && url !== '' ? url : undefined;
      } catch {
        return undefined;
      }
    };
  }

  get listArtifacts() {
    return this.optional('listArtifacts', (runId: string, o?: Req) =>
      this.ask<ArtifactInfo[]>('listArtifacts', [runId, o], readers.listArtifacts),
    );
  }

  get getArtifact() {
    return this.optional('getArtifact', (runId: string, id: string, o?: Req) =>
      this.ask<ArtifactDetail>('getArtifact', [runId, id, o], readers.getArtifact),
    );
  }

  get getModel() {
    return this.optional('getModel', (runId: string, o?: Req) =>
      this.ask<ModelGraph>('getModel', [runId, o], readers.getModel),
    );
  }

  get listMedia() {
    return this.optional('listMedia', (runId: string, o?: Req) =>
      this.ask<MediaKey[]>('listMedia', [runId, o], readers.listMedia),
    );
  }

  get getMedia() {
    return this.optional('getMedia', (q: MediaQuery, o?: Req) =>
      this.ask<MediaItem[]>(
        'getMedia',
        [q, o],
        readArray((v, r, i) => readMediaItem(v, r, q, i)),
      ),
    );
  }

  get watch() {
    const fn = this.lookup('watch');
    if (typeof fn !== 'function') return undefined;
    return (runId: string, on: (e: RunEvent) => void, o?: Req): (() => void) => this.watchChecked(fn, runId, on, o);
  }

  private watchChecked(fn: Method, runId: string, on: (e: RunEvent) => void, o?: Req): () => void {
    const signals = new SignalThrottle(on);
    const deliver = (e: unknown): void => {
      const r = new Repairs('watch');
      let event: RunEvent | undefined;
      try {
        event = readRunEvent(e, r);
      } catch {
        r.dropped('live events that could not be read');
      }
      if (!r.empty) this.report?.repaired('watch', r.list);
      if (!event) return;
      if (SIGNALS.has(event.type)) signals.push(event);
      else on(event);
    };
    let stop: unknown;
    try {
      stop = fn.call(this.raw, runId, deliver, o);
    } catch (e) {
      console.warn(`runpage: could not watch run ${runId} for live updates: ${describeFailure(e)}`);
    }
    // A source that breaks the contract by returning a promise: its failure is not left unhandled.
    if (stop instanceof Promise)
      stop.catch((e: unknown) => console.warn(`runpage: watching run ${runId} failed: ${describeFailure(e)}`));
    return () => {
      signals.stop();
      if (typeof stop !== 'function') return;
      try {
        (stop as () => void)();
      } catch {
        /* a source whose unsubscribe throws is unsubscribed as far as we are concerned */
      }
    };
  }
}

/** Lets "something changed" events through at most once per SIGNAL_INTERVAL_MS per type, the last one always. */
class SignalThrottle {
  private readonly last = new Map<string, number>();
  private readonly waiting = new Map<string, { event: RunEvent; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly on: (e: RunEvent) => void) {}

  push(event: RunEvent): void {
    const now = Date.now();
    const since = now - (this.last.get(event.type) ?? -Infinity);
    const waiting = this.waiting.get(event.type);
    if (waiting) {
      waiting.event = merge(waiting.event, event);
      return;
    }
    if (since >= SIGNAL_INTERVAL_MS) {
      this.last.set(event.type, now);
      this.on(event);
      return;
    }
    const timer = setTimeout(() => {
      const w = this.waiting.get(event.type);
      this.waiting.delete(event.type);
      this.last.set(event.type, Date.now());
      if (w) this.on(w.event);
    }, SIGNAL_INTERVAL_MS - since);
    this.waiting.set(event.type, { event, timer });
  }

  stop(): void {
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
  }
}

/** Two signals of one type as one: media keys are joined. */
function merge(a: RunEvent, b: RunEvent): RunEvent {
  if (a.type === 'media-changed' && b.type === 'media-changed')
    return { type: 'media-changed', keys: [...new Set([...a.keys, ...b.keys])] };
  return b;
}

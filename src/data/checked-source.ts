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
 *
 * The readers load per kind of answer the first time one arrives (`import()` beside the source's
 * request), so a page that only shows charts never loads the readers of files, artifacts, media or models.
 */
import { describeFailure, SourceError, toSourceError } from './errors.js';
import { LazyModule } from './source.js';
import type { Asked, ReadAnswer } from './read/answer.js';
import type { LiveReader } from './read/later/live.js';
import type { ReadReport } from './read/repairs.js';
import { seriesAsIs } from './read/series-as-is.js';
import type { Req, RunEvent, RunInfo, RunListEvent, RunSource, SeriesQuery } from './source.js';

export type { ReadReport, Repair } from './read/repairs.js';

type Method = (...args: unknown[]) => unknown;
/** Every module of readers of answers reads them with `readAnswer` (read/answer.ts). */
interface AnswerModule {
  readAnswer: ReadAnswer;
}
/**
 * A module of readers, loaded the first time an answer needs it; `now` once it is there. A failed
 * load is told as a retryable SourceError.
 */
function readers<M>(load: () => Promise<M>): LazyModule<M> {
  return new LazyModule(
    load,
    (e) =>
      new SourceError(
        'unavailable',
        `The code that reads the source's answers could not be loaded: ${describeFailure(e)}`,
        {
          retryable: true,
          cause: e,
        },
      ),
  );
}

// Literal import() specifiers, so bundlers give each its own chunk. A chart reads metrics and
// series; live events load with the first one (a chart of a finished run gets none). Exported
// for the tests of failed loads.
export const lazy = {
  run: readers(() => import('./read/run.js')),
  metrics: readers(() => import('./read/metrics.js')),
  logs: readers(() => import('./read/logs.js')),
  files: readers(() => import('./read/files.js')),
  // what only a user's action asks for: a file's bytes, log search matches
  onDemand: readers(() => import('./read/later/on-demand.js')),
  artifacts: readers(() => import('./read/artifacts.js')),
  model: readers(() => import('./read/model.js')),
  media: readers(() => import('./read/media.js')),
  signals: readers(() => import('./read/later/signals.js')),
  // what reads live events, with the first one
  live: readers(() => import('./read/later/live.js')),
};

/** Loads every reader, so that answers and live events are read as soon as they arrive. */
export async function loadReaders(): Promise<void> {
  await Promise.all([...new Set(Object.values(lazy))].map((l: LazyModule<unknown>) => l.get()));
}

/** Each checked source and the source it checks. */
const unchecked = new WeakMap<object, RunSource>();

/** The source a checked source wraps (or `source` itself when it is not a checked one). */
export function uncheckedSource(source: RunSource): RunSource {
  return unchecked.get(source) ?? source; // a WeakMap answers undefined for a value that is no object
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

/** `asIs(answer)`; undefined when it throws (a hostile answer): the readers then tell what is wrong. */
function quickly(asIs: ((answer: unknown) => unknown) | undefined, answer: unknown): unknown {
  try {
    return asIs?.(answer);
  } catch {
    return undefined;
  }
}

/** The readers of the answer of each method that answers with a promise. */
const ANSWERS: { readonly [N in Asked]: LazyModule<AnswerModule> } = {
  getRun: lazy.run,
  listRuns: lazy.run,
  queryRuns: lazy.run,
  listMetrics: lazy.metrics,
  getSeries: lazy.metrics,
  getLogs: lazy.logs,
  searchLogs: lazy.onDemand,
  listFiles: lazy.files,
  readFile: lazy.onDemand,
  readArtifactFile: lazy.onDemand,
  listArtifacts: lazy.artifacts,
  getArtifact: lazy.artifacts,
  getModel: lazy.model,
  listMedia: lazy.media,
  getMedia: lazy.media,
};

class CheckedSource implements RunSource {
  static {
    // Each method that answers with a promise is a getter: undefined when the source lacks it.
    for (const name of Object.keys(ANSWERS) as Asked[]) {
      if (name !== 'getRun')
        Object.defineProperty(this.prototype, name, {
          get(this: CheckedSource) {
            return this.checked(name);
          },
        });
    }
  }

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
  private ask(name: Asked, args: unknown[], asIs?: (answer: unknown) => unknown): Promise<unknown> {
    const fn = this.lookup(name);
    if (fn === 'broken') return Promise.reject(this.failed!);
    if (!fn) return Promise.reject(new SourceError('unsupported', `This source has no ${name}().`));
    let pending: unknown;
    try {
      pending = fn.apply(this.raw, args);
    } catch (e) {
      return Promise.reject(toSourceError(e));
    }
    const failed = (e: unknown) => Promise.reject(toSourceError(e));
    const readers = ANSWERS[name];
    const read = (m: AnswerModule, answer: unknown) => m.readAnswer(name, args, answer, this.report);
    const now = readers.now;
    if (now) return Promise.resolve(pending).then((answer) => read(now, answer), failed);
    // The first answer of its kind: its readers load while the source answers, or, when the answer
    // may need none (`asIs`), once it does.
    const loading = asIs ? undefined : readers.get();
    loading?.catch(() => undefined); // a failure to load is told by the answer, never left unhandled
    return Promise.resolve(pending).then(
      (answer) => quickly(asIs, answer) ?? (loading ?? readers.get()).then((m) => read(m, answer)),
      failed,
    );
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

  /** The checked method `name`, its answer read by the readers ANSWERS names. */
  private checked<N extends Asked>(name: N): RunSource[N] {
    return this.optional(name, (...args: unknown[]) =>
      this.ask(
        name,
        args,
        // the common answer of an in-memory source, taken without the metric readers
        name === 'getSeries' ? (answer) => seriesAsIs(answer, args[0] as SeriesQuery | undefined) : undefined,
      ),
    ) as RunSource[N];
  }

  getRun(runId: string, o?: Req): Promise<RunInfo> {
    return this.ask('getRun', [runId, o]) as Promise<RunInfo>;
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

  get watchRuns() {
    const fn = this.lookup('watchRuns');
    if (typeof fn !== 'function') return undefined;
    return (on: (e: RunListEvent) => void, o?: Req): (() => void) =>
      this.subscribe(
        'watchRuns',
        'listing events',
        on,
        (deliver) => fn.call(this.raw, deliver, o),
        'the runs for changes',
      );
  }

  get watch() {
    const fn = this.lookup('watch');
    if (typeof fn !== 'function') return undefined;
    return (runId: string, on: (e: RunEvent) => void, o?: Req): (() => void) =>
      this.subscribe(
        'watch',
        'live events',
        on,
        (deliver) => fn.call(this.raw, runId, deliver, o),
        `run ${runId} for live updates`,
      );
  }

  /**
   * Subscribes to the source's events (`watch`, `watchRuns`) with `start` and hands them to a
   * `LiveReader` (read/later/live.ts), which reads each like an answer. It loads with the first
   * event; each event that arrives before it waits for that one load, and they are read in order.
   * `events` names them in the repairs, `what` in the warnings ("run r for live updates").
   */
  private subscribe(
    request: 'watch' | 'watchRuns',
    events: string,
    on: (e: never) => void,
    start: (deliver: (e: unknown) => void) => unknown,
    what: string,
  ): () => void {
    let stopped = false;
    let live: LiveReader | undefined;
    let waited = false;
    const open = (m: typeof import('./read/later/live.js')): LiveReader =>
      (live ??= m.liveReader(request, events, on, lazy, this.report, []));
    const deliver = (e: unknown): void => {
      if (stopped) return;
      const now = lazy.live.now;
      if (live || (now && !waited)) return open(now!).read(e);
      waited = true;
      lazy.live.get().then(
        (m) => stopped || open(m).read(e),
        // told without the readers, which failed to load
        () =>
          stopped ||
          this.report?.repaired(request, [
            { method: request, what: `${events} that could not be read`, action: 'dropped', count: 1 },
          ]),
      );
    };
    let stop: unknown;
    try {
      stop = start(deliver);
    } catch (e) {
      console.warn(`runpage: could not watch ${what}: ${describeFailure(e)}`);
    }
    // A source that breaks the contract by returning a promise: its failure is not left unhandled.
    if (stop instanceof Promise)
      stop.catch((e: unknown) => console.warn(`runpage: watching ${what} failed: ${describeFailure(e)}`));
    return () => {
      stopped = true;
      live?.stop();
      if (typeof stop !== 'function') return;
      try {
        (stop as () => void)();
      } catch {
        /* a source whose unsubscribe throws is unsubscribed as far as we are concerned */
      }
    };
  }
}

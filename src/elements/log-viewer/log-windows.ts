/**
 * The lines of one (filtered) log, fetched from the source in fixed windows and kept in a bounded
 * LRU cache: a log larger than memory is paged, never held whole. Pure: no DOM.
 *
 * Asking the source (log-window-fetch.ts) loads the first time a window is missing: a log whose
 * first screen came with the first answer, as most do, never needs it.
 */
import { SourceError } from '../../data/errors.js';
import { LazyModule } from '../../data/source.js';
import type { LogChunk, LogLine } from '../../data/source.js';

type FetchCode = typeof import('./log-window-fetch.js');
/** The code that asks the source for windows (exported for the tests of its failed load). */
export const fetchCode = new LazyModule<FetchCode>(() => import('./log-window-fetch.js'));

export type FetchWindow = (start: number, count: number, signal: AbortSignal) => Promise<LogChunk>;

export interface LogWindowsOptions {
  /** Lines per request. */
  windowSize?: number;
  /** Windows kept at most (more only while that many are needed on screen at once). */
  maxWindows?: number;
  /** Called when lines arrive, the total changes or a request fails. */
  onChange?: () => void;
}

export class LogWindows {
  readonly windowSize: number;
  private readonly maxWindows: number;
  // What log-window-fetch.ts reads and writes: held windows, requests in flight, failed windows,
  // the stop of every request (`dispose`), the live tail's refresh and whether another is due.
  readonly windows = new Map<number, LogLine[]>();
  readonly pending = new Map<number, AbortController>();
  readonly failed = new Set<number>();
  readonly abort = new AbortController();
  tailRefresh?: Promise<void>;
  tailAgain = false;
  private readonly inflight = new Set<Promise<void>>();
  /** Lines in the (filtered) log; undefined until the first answer. */
  total: number | undefined;
  /** Labels present in the log, when the source has labels. */
  labels: string[] | undefined;
  /** The last request failure, until `retry()`. */
  error: unknown;
  /** A tail refresh whose code could not load: `retry()` asks for it again. */
  private tailLost = false;

  constructor(
    readonly fetchWindow: FetchWindow,
    readonly options: LogWindowsOptions = {},
  ) {
    this.windowSize = Math.max(1, Math.floor(options.windowSize ?? 500));
    this.maxWindows = Math.max(2, Math.floor(options.maxWindows ?? 24));
  }

  /** Seeds the cache with a chunk already fetched (its start must be a window boundary). */
  seed(chunk: LogChunk): void {
    try {
      this.accept(chunk, 0);
    } catch (e) {
      this.error = e;
    }
  }

  /** Number of windows currently held. */
  get cachedWindows(): number {
    return this.windows.size;
  }

  /** The line at a position, if its window is in memory. */
  line(pos: number): LogLine | undefined {
    const w = Math.floor(pos / this.windowSize);
    const lines = this.windows.get(w);
    if (!lines) return undefined;
    // Refresh its place in the LRU order.
    this.windows.delete(w);
    this.windows.set(w, lines);
    return lines[pos - w * this.windowSize];
  }

  /** Fetches the windows covering positions `first..last` (exclusive) that are not in memory. */
  ensureRange(first: number, last: number): void {
    if (last <= first) return;
    const from = Math.floor(Math.max(0, first) / this.windowSize);
    const to = Math.floor((last - 1) / this.windowSize);
    const needed: number[] = [];
    for (let w = from; w <= to; w++) needed.push(w);
    this.ensureWindows(needed);
  }

  /** Fetches the windows holding each of `positions`. */
  ensurePositions(positions: Iterable<number>): void {
    const needed = new Set<number>();
    for (const p of positions) if (p >= 0) needed.add(Math.floor(p / this.windowSize));
    this.ensureWindows([...needed]);
  }

  private ensureWindows(needed: number[]): void {
    const keep = new Set(needed);
    const code = fetchCode.now;
    if (code) code.fetchWindows(this, keep);
    else if (needed.some((w) => this.missing(w))) this.withFetchCode((c) => c.fetchWindows(this, keep), keep);
    this.evict(keep);
  }

  /** Whether window `w` is in the log and neither held, asked for nor failed. */
  missing(w: number): boolean {
    return (
      (this.total === undefined || w * this.windowSize < this.total) &&
      !this.windows.has(w) &&
      !this.pending.has(w) &&
      !this.failed.has(w)
    );
  }

  /**
   * Runs `use` with the fetching code once it is in. Code that could not load fails the windows it
   * was for, as a failed request would, and calls `lost`: `retry` tries again.
   */
  private withFetchCode(use: (code: FetchCode) => void, windows: Iterable<number> = [], lost?: () => void): void {
    this.track(
      fetchCode.get().then(
        (code) => {
          if (!this.abort.signal.aborted) use(code);
        },
        (e: unknown) => {
          for (const w of windows) this.failed.add(w);
          lost?.();
          this.error = e;
          this.options.onChange?.();
        },
      ),
    );
  }

  /** Stores an answer; a malformed one throws SourceError('invalid-data'), odd lines are repaired. */
  accept(chunk: LogChunk, requested: number): void {
    if (!chunk || typeof chunk !== 'object' || !Array.isArray(chunk.lines)) {
      throw new SourceError('invalid-data', 'The source answered a log request without a list of lines.');
    }
    const total = Number(chunk.total);
    if (Number.isFinite(total) && total >= 0) this.total = Math.floor(total);
    if (Array.isArray(chunk.labels)) this.labels = chunk.labels.filter((l) => typeof l === 'string');
    const given = Number(chunk.start);
    const start = Number.isFinite(given) && given >= 0 ? Math.floor(given) : requested;
    const lines = chunk.lines.map((line, i) => repairLine(line, start + i));
    // Store the answer by window; a chunk may start mid-window or span several.
    for (let i = 0; i < lines.length;) {
      const pos = start + i;
      const w = Math.floor(pos / this.windowSize);
      const offset = pos - w * this.windowSize;
      const take = Math.min(this.windowSize - offset, lines.length - i);
      if (offset === 0) {
        this.windows.set(w, lines.slice(i, i + take));
      } else {
        const existing = this.windows.get(w);
        if (existing && existing.length === offset) existing.push(...lines.slice(i, i + take));
      }
      i += take;
    }
  }

  private evict(keep: Set<number>): void {
    const limit = Math.max(this.maxWindows, keep.size + 2);
    for (const w of this.windows.keys()) {
      if (this.windows.size <= limit) break;
      if (!keep.has(w)) this.windows.delete(w);
    }
  }

  /**
   * The log grew (a live run): drop the partial last window and ask for the tail again, which
   * also brings the new total. Calls made while a refresh is in flight coalesce into one more.
   */
  refreshTail(): void {
    if (fetchCode.now) fetchCode.now.refreshTail(this);
    else
      this.withFetchCode(
        (c) => c.refreshTail(this),
        [],
        () => (this.tailLost = true),
      );
  }

  /** Sets the total from outside (an unfiltered live event knows it) and drops the stale partial window. */
  grow(total: number): void {
    if (!Number.isFinite(total) || (this.total !== undefined && total <= this.total)) return;
    const old = this.total ?? 0;
    this.windows.delete(Math.floor(old / this.windowSize));
    this.total = total;
  }

  /** Forgets failures so the windows are asked for again, and asks for a tail whose refresh could not load. */
  retry(): void {
    this.failed.clear();
    this.error = undefined;
    if (!this.tailLost) return;
    this.tailLost = false;
    this.refreshTail();
  }

  /** Stops every request in flight. */
  dispose(): void {
    this.abort.abort();
  }

  track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Resolves once no request is in flight. */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }
}

/** A line as the viewer needs it: a whole-log number, text, stream. Well-formed lines are kept as they are. */
function repairLine(raw: unknown, pos: number): LogLine {
  const line = raw as Partial<LogLine> | null;
  if (
    line &&
    typeof line === 'object' &&
    typeof line.text === 'string' &&
    Number.isInteger(line.n) &&
    (line.n as number) >= 0 &&
    (line.stream === 'stdout' || line.stream === 'stderr')
  ) {
    return line as LogLine;
  }
  const o = (line && typeof line === 'object' ? line : { text: raw }) as { [K in keyof LogLine]?: unknown };
  const fixed: LogLine = {
    n: Number.isInteger(o.n) && (o.n as number) >= 0 ? (o.n as number) : pos,
    text: typeof o.text === 'string' ? o.text : o.text === undefined || o.text === null ? '' : String(o.text),
    stream: o.stream === 'stderr' ? 'stderr' : 'stdout',
  };
  if (typeof o.time === 'number' && Number.isFinite(o.time)) fixed.time = o.time;
  if (typeof o.label === 'string') fixed.label = o.label;
  return fixed;
}

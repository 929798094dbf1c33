/**
 * Searching log lines: plain text or regular expression, with or without case. The lines come in
 * batches (from memory, or read from a file); the matching runs in slices of about 25 ms between
 * which the search yields, so a search over a million lines never blocks input for long and can
 * be aborted part way.
 *
 * How slices are run is the `SearchRunner`'s business: the default one runs them in place, which
 * is all a page needs; a server passes one that bounds each slice with a hard timeout and shares
 * turns between searches (src/server/guarded-search.ts), because one regular expression can
 * backtrack for minutes on a single line, and a slice cannot yield in the middle of a match.
 */
import { stripAnsi } from './strip-ansi.js';
import type { LogMatches } from './source.js';
import { throwIfAborted } from './errors.js';
import type { LogBatch } from './memory-logs.js';
import { TimeSlices } from './time-slices.js';
import { compileQuery } from './search-pattern.js';

export { compileQuery };

export interface SearchableLines {
  count: number;
  /** The text at a position of the (filtered) log. */
  text(pos: number): string;
  /** The whole-log line number at a position. */
  lineNumber(pos: number): number;
}

export interface SearchOptions {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  limit: number;
}

/** Runs a search's slices. */
export interface SearchRunner {
  /** Resolves when the search may run its next slice; rejects when the signal fires or the runner gives up. */
  turn(signal?: AbortSignal): Promise<void>;
  /**
   * Tests `texts[from]`, `texts[from + 1]`, … against `re` for about one slice of time. Returns the
   * indexes that matched (read them before the next slice: a runner may reuse the array) and the
   * index to go on from (`texts.length` when done).
   * `firstLine` is the log line number of `texts[0]`, for messages.
   */
  slice(
    re: RegExp,
    texts: readonly string[],
    from: number,
    firstLine: number,
  ): { hits: ArrayLike<number> & Iterable<number>; next: number };
  /** The search ended, one way or another. */
  done?(): void;
}

/** Yield this often, well under the 50 ms that counts as a long task. */
export const SLICE_MS = 25;
/** Lines between clock checks: small, because building one line (a lazy log) can cost ~0.1 ms. */
const CHECK_EVERY = 64;

/**
 * Tests lines in place until `deadline` (epoch ms); shared by every runner that runs in this realm.
 * The indexes that matched go to `into` (grown when it is short) and are returned as a view of it.
 */
export function matchUntil(
  re: RegExp,
  texts: readonly string[],
  from: number,
  deadline: number,
  into = new Int32Array(0),
): { hits: Int32Array; next: number } {
  let hits = into.length >= texts.length - from ? into : new Int32Array(texts.length - from);
  let found = 0;
  let i = from;
  for (; i < texts.length; i++) {
    if ((i - from) % CHECK_EVERY === CHECK_EVERY - 1 && Date.now() > deadline) break;
    if (re.test(texts[i]!)) hits[found++] = i;
  }
  hits = hits.subarray(0, found);
  return { hits, next: i };
}

/** Runs slices in place, yielding to the event loop once a slice has run its time. */
export function inPlaceRunner(): SearchRunner {
  // Date.now: matchUntil's deadline is epoch ms (the server's guarded runner shares it).
  const slices = new TimeSlices(SLICE_MS, Date.now);
  // The hits of one slice at a time: the caller reads them before asking for the next.
  let scratch = new Int32Array(256);
  return {
    async turn(signal) {
      throwIfAborted(signal);
      if (!slices.due()) return;
      await slices.next();
      throwIfAborted(signal);
    },
    slice(re, texts, from) {
      const slice = matchUntil(re, texts, from, slices.deadline, scratch);
      if (slice.hits.buffer !== scratch.buffer) scratch = new Int32Array(slice.hits.buffer as ArrayBuffer);
      return slice;
    },
  };
}

/** Searches batches of consecutive lines (see `LogStore.scan`). */
export async function searchLogBatches(
  batches: AsyncIterable<LogBatch> | Iterable<LogBatch>,
  o: SearchOptions,
  signal?: AbortSignal,
  runner: SearchRunner = inPlaceRunner(),
): Promise<LogMatches> {
  try {
    throwIfAborted(signal);
    const query = typeof o.query === 'string' ? o.query : String(o.query ?? '');
    const result: LogMatches = { total: 0, lines: [], positions: [], truncated: false };
    if (query === '') return result;
    const re = compileQuery({ ...o, query });
    // Made only once a position differs from its line number (a filtered log): a copy of the lines at the end is cheaper.
    let positions: number[] | undefined;
    for await (const batch of batches) {
      if (!positions && batch.position !== batch.line) positions = result.lines.slice();
      const texts = batch.stripped ? batch.texts : batch.texts.map(stripAnsi);
      for (let next = 0; next < texts.length;) {
        await runner.turn(signal);
        const slice = runner.slice(re, texts, next, batch.line);
        const hits = slice.hits;
        result.total += hits.length;
        const room = o.limit - result.lines.length;
        const keep = room > 0 ? Math.min(hits.length, room) : 0;
        if (keep < hits.length) result.truncated = true;
        for (let k = 0; k < keep; k++) result.lines.push(batch.line + hits[k]!);
        if (positions) for (let k = 0; k < keep; k++) positions.push(batch.position + hits[k]!);
        if (!(slice.next > next)) throw new Error('The search runner made no progress.');
        next = slice.next;
      }
      throwIfAborted(signal);
    }
    result.positions = positions ?? result.lines.slice();
    return result;
  } finally {
    runner.done?.();
  }
}

/** Searches lines given one by one (tests and simple sources). */
export function searchLogLines(
  lines: SearchableLines,
  o: SearchOptions,
  signal?: AbortSignal,
  runner?: SearchRunner,
): Promise<LogMatches> {
  return searchLogBatches(batchesOf(lines), o, signal, runner);
}

/** Runs of consecutive line numbers, at most 256 lines each (a lazy line may cost 0.1 ms to build). */
function* batchesOf(lines: SearchableLines): Generator<LogBatch> {
  let batch: (LogBatch & { texts: string[] }) | undefined;
  for (let pos = 0; pos < lines.count; pos++) {
    const n = lines.lineNumber(pos);
    if (!batch || n !== batch.line + batch.texts.length || batch.texts.length >= 256) {
      if (batch) yield batch;
      batch = { position: pos, line: n, texts: [] };
    }
    batch.texts.push(lines.text(pos));
  }
  if (batch) yield batch;
}

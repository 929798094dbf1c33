/**
 * Reading a run's in-memory log (memory-logs.ts): windows of lines, filtered views and the
 * batches a search scans. Loaded with the first request for lines (a page of charts asks none).
 *
 * Filtered views (by stream and label) are kept as ranges of line numbers, built once per filter
 * and extended as lines arrive: a file part is placed by its label and stderr ranges alone, so a
 * filter over a 400 MB file costs a few ranges, not a number per line.
 */
import type { LogLine, LogStream } from './source.js';
import { throwIfAborted } from './errors.js';
import { inRanges, type LogFile } from './log-file.js';
import { clampInt } from './memory-answers.js';
import {
  type FilePart,
  type LogBatch,
  type LogFilter,
  type LogStore,
  type MemoryPart,
  normalizeLogLine,
  partCount,
} from './memory-logs.js';
import { StrippedLines } from './stripped-lines.js';

/** Most lines one window answers (what HttpSource's users ask at most is 10,000). */
const MAX_LOG_WINDOW = 10_000;
/** Filtered views kept at once (each distinct filter builds one). */
const MAX_VIEWS = 16;
/** Lines per batch handed to a search from memory (a lazy line may cost 0.1 ms to build). */
const MEMORY_BATCH = 256;

function textOf(raw: unknown): string {
  const text = raw && typeof raw === 'object' ? (raw as { text?: unknown }).text : raw;
  return typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
}

/** Ranges of whole-log line numbers that a filter keeps, in order, with their positions in the view. */
class RangeView {
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  positions = new Float64Array(16);
  ranges = 0;
  count = 0;
  /** Lines of the whole log already placed. */
  scanned = 0;

  add(from: number, to: number): void {
    if (to <= from) return;
    const n = this.ranges;
    if (n > 0 && this.ends[n - 1] === from) this.ends[n - 1] = to;
    else {
      if (n === this.starts.length) {
        this.starts = grow(this.starts);
        this.ends = grow(this.ends);
        this.positions = grow(this.positions);
      }
      this.starts[n] = from;
      this.ends[n] = to;
      this.positions[n] = this.count;
      this.ranges++;
    }
    this.count += to - from;
  }

  /** Runs `[line, line + length)` at positions `[from, to)` of the view. */
  *runs(from: number, to: number): Generator<{ position: number; line: number; length: number }> {
    let lo = 0;
    let hi = this.ranges;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.positions[mid] + (this.ends[mid] - this.starts[mid]) <= from) lo = mid + 1;
      else hi = mid;
    }
    for (let r = lo; r < this.ranges && from < to; r++) {
      const offset = from - this.positions[r];
      const length = Math.min(this.ends[r] - this.starts[r] - offset, to - from);
      yield { position: from, line: this.starts[r] + offset, length };
      from += length;
    }
  }
}

function grow<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** What reading one log keeps between requests: its filtered views, and the texts searches tested. */
class LogReads {
  private readonly views = new Map<string, RangeView>();
  /** What searches test of lazily built lines, kept between searches. */
  private readonly stripped = new StrippedLines();

  constructor(private readonly store: LogStore) {}

  /** Lines at positions `[start, start + count)` of the (filtered) log, at most MAX_LOG_WINDOW. */
  async window(
    start: number,
    count: number,
    filter: LogFilter,
    signal?: AbortSignal,
  ): Promise<{ start: number; lines: LogLine[]; total: number }> {
    const view = this.view(filter);
    const total = view ? view.count : this.store.total;
    const from = clampInt(start, 0, total);
    const to = clampInt(from + clampInt(count, 0, MAX_LOG_WINDOW), from, total);
    const lines: LogLine[] = [];
    for (const run of this.runs(view, from, to)) {
      const got = await this.readLines(run.line, run.line + run.length, signal);
      lines.push(...got);
      // A file answered fewer lines than asked (too much text for one answer): stop there.
      if (got.length < run.length) break;
    }
    return { start: from, lines, total };
  }

  /**
   * The (filtered) log for a search: its size and its text in batches of consecutive lines. Lines
   * appended while the search runs are not part of it.
   */
  scan(filter: LogFilter, signal?: AbortSignal): { total: number; batches: AsyncIterable<LogBatch> } {
    const view = this.view(filter);
    const total = view ? view.count : this.store.total;
    const runs = [...this.runs(view, 0, total)];
    const partAt = (n: number) => this.store.partAt(n);
    const stripped = this.stripped;
    async function* batches(): AsyncGenerator<LogBatch> {
      for (const run of runs) {
        for (let line = run.line, end = run.line + run.length; line < end;) {
          const part = partAt(line);
          const partEnd = Math.min(end, part.start + partCount(part));
          if (partEnd <= line) return; // the part shrank (a file that cannot be read any more)
          const position = run.position + (line - run.line);
          if (part.kind === 'memory' && !part.lazy) {
            const stop = Math.min(partEnd, line + MEMORY_BATCH);
            const texts: string[] = [];
            for (let n = line; n < stop; n++) texts.push(textOf(part.raw(n - part.start)));
            yield { position, line, texts };
            line = stop;
          } else if (part.kind === 'memory') {
            const kept = stripped.keptRun(line, partEnd);
            const stop = kept > 0 ? line + kept : Math.min(partEnd, line + MEMORY_BATCH);
            const texts =
              kept > 0
                ? stripped.keptTexts(line, stop)
                : stripped.texts(line, stop, (n) => textOf(part.raw(n - part.start)));
            yield { position, line, texts, stripped: true };
            line = stop;
          } else {
            let at = line;
            for await (const texts of part.file.batches(line - part.start, partEnd - part.start, signal)) {
              if (texts.length === 0) continue;
              yield { position: position + (at - line), line: at, texts };
              at += texts.length;
            }
            if (at < partEnd) return; // the file holds fewer lines than it said
            line = partEnd;
          }
          throwIfAborted(signal);
        }
      }
    }
    return { total, batches: batches() };
  }

  /** Whole-log lines `[from, to)`, all in one part or across several. */
  private async readLines(from: number, to: number, signal?: AbortSignal): Promise<LogLine[]> {
    const out: LogLine[] = [];
    for (let n = from; n < to;) {
      const part = this.store.partAt(n);
      const end = Math.min(to, part.start + partCount(part));
      if (end <= n) break;
      if (part.kind === 'memory') {
        for (let i = n; i < end; i++) out.push(lineOf(part, i));
      } else {
        const texts = await part.file.read(n - part.start, end - part.start, signal);
        throwIfAborted(signal);
        for (let k = 0; k < texts.length && n + k < end; k++) {
          const i = n + k - part.start;
          const line: LogLine = { n: n + k, text: textOf(texts[k]), stream: fileStream(part.file, i) };
          if (typeof part.file.label === 'string') line.label = part.file.label;
          out.push(line);
        }
        if (texts.length < end - n) break;
      }
      n = end;
    }
    return out;
  }

  private *runs(view: RangeView | undefined, from: number, to: number) {
    if (!view) {
      if (to > from) yield { position: from, line: from, length: to - from };
      return;
    }
    yield* view.runs(from, to);
  }

  /**
   * The filtered log's ranges (undefined: no filter, position = line number), built once per
   * filter and extended with lines added since.
   */
  private view(filter: LogFilter): RangeView | undefined {
    const streams = filter?.streams && filter.streams.length > 0 ? new Set(filter.streams) : undefined;
    const labels = filter?.labels && filter.labels.length > 0 ? new Set(filter.labels) : undefined;
    if (!streams && !labels) return undefined;
    const key = JSON.stringify([streams ? [...streams].sort() : null, labels ? [...labels].sort() : null]);
    let v = this.views.get(key);
    if (v)
      this.views.delete(key); // refreshed in the LRU order below
    else {
      v = new RangeView();
      if (this.views.size >= MAX_VIEWS) this.views.delete(this.views.keys().next().value!);
    }
    this.views.set(key, v);
    const total = this.store.total;
    while (v.scanned < total) {
      const part = this.store.partAt(v.scanned);
      const end = Math.min(total, part.start + partCount(part));
      if (part.kind === 'memory') {
        for (let n = v.scanned; n < end; n++) {
          const line = normalizeLogLine(part.raw(n - part.start), n);
          if (streams && !streams.has(line.stream)) continue;
          if (labels && (line.label === undefined || !labels.has(line.label))) continue;
          v.add(n, n + 1);
        }
      } else if (!labels || (part.file.label !== undefined && labels.has(part.file.label))) {
        addFileLines(v, part, v.scanned, end, streams);
      }
      v.scanned = end;
    }
    return v;
  }
}

const readsOf = new WeakMap<LogStore, LogReads>();

/** The reader of `store`'s lines (one per store, kept as long as the store). */
export function logReads(store: LogStore): LogReads {
  let r = readsOf.get(store);
  if (!r) readsOf.set(store, (r = new LogReads(store)));
  return r;
}

function lineOf(part: MemoryPart, n: number): LogLine {
  if (part.appended) return { ...part.appended[n - part.start] };
  return normalizeLogLine(part.raw(n - part.start), n);
}

function fileStream(file: LogFile, i: number): LogStream {
  return Array.isArray(file.stderr) && inRanges(file.stderr, i) ? 'stderr' : 'stdout';
}

/** Adds the lines `[from, to)` of a file part that the streams keep, range by range. */
function addFileLines(v: RangeView, part: FilePart, from: number, to: number, streams?: Set<LogStream>): void {
  const wantOut = !streams || streams.has('stdout');
  const wantErr = !streams || streams.has('stderr');
  if (wantOut && wantErr) return v.add(from, to);
  const stderr = Array.isArray(part.file.stderr) ? part.file.stderr : [];
  let at = from;
  for (let k = 0; k + 1 < stderr.length && at < to; k += 2) {
    const a = Math.max(at, part.start + stderr[k]!);
    const b = Math.min(to, part.start + stderr[k + 1]!);
    if (b <= at) continue;
    if (a >= to) break;
    if (wantOut) v.add(at, a);
    if (wantErr && b > a) v.add(a, b);
    at = Math.max(at, b);
  }
  if (wantOut) v.add(at, to);
}

/**
 * The console log of one in-memory run, as consecutive parts: a base log (an array, or a lazy
 * `{ count, line(i) }` so a million lines need not exist as objects at once), lines appended while
 * the run is live, and log files read on demand (`LogFile`: a server's disk index of output.log,
 * never held whole). Only the last part grows; adding a part freezes the one before.
 *
 * Filtered views (by stream and label) are kept as ranges of line numbers, built once per filter
 * and extended as lines arrive: a file part is placed by its label and stderr ranges alone, so a
 * filter over a 400 MB file costs a few ranges, not a number per line.
 */
import type { LogLine, LogStream } from './source.js';
import { throwIfAborted } from './errors.js';
import { inRanges, type LogFile } from './log-file.js';
import { StrippedLines } from './stripped-lines.js';

export interface MemoryLogLine {
  text: string;
  stream?: LogStream;
  /** Epoch ms */
  time?: number;
  label?: string;
}

/** Lines as an array, or lazily: `line(i)` is called only for the lines a request needs. */
export type MemoryLogs =
  | MemoryLogLine[]
  | {
      count: number;
      line(i: number): MemoryLogLine;
      /** Labels present in the log; give them for the lazy form so they need not be found by a scan. */
      labels?: string[];
    };

export interface LogFilter {
  streams?: readonly LogStream[];
  labels?: readonly string[];
}

/** Consecutive lines of the (filtered) log, for a search: `texts[k]` is at `position + k`, line `line + k`. */
export interface LogBatch {
  position: number;
  line: number;
  texts: readonly string[];
  /** The texts have their ANSI escapes removed already. */
  stripped?: boolean;
}

/** Most lines one window answers (what HttpSource's users ask at most is 10,000). */
export const MAX_LOG_WINDOW = 10_000;
/** Filtered views kept at once (each distinct filter builds one). */
const MAX_VIEWS = 16;
/** Lines per batch handed to a search from memory (a lazy line may cost 0.1 ms to build). */
const MEMORY_BATCH = 256;

export function normalizeLogLine(raw: unknown, n: number): LogLine {
  const r = (typeof raw === 'object' && raw !== null ? raw : { text: raw }) as Partial<MemoryLogLine>;
  const line: LogLine = {
    n,
    text: typeof r.text === 'string' ? r.text : r.text === undefined || r.text === null ? '' : String(r.text),
    stream: r.stream === 'stderr' ? 'stderr' : 'stdout',
  };
  if (typeof r.time === 'number' && Number.isFinite(r.time)) line.time = r.time;
  if (typeof r.label === 'string') line.label = r.label;
  return line;
}

function textOf(raw: unknown): string {
  const text = raw && typeof raw === 'object' ? (raw as { text?: unknown }).text : raw;
  return typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
}

interface MemoryPart {
  kind: 'memory';
  /** Line number of its first line. */
  start: number;
  count(): number;
  raw(i: number): unknown;
  /** Lines appended to it (the live part); absent for the base log. */
  appended?: LogLine[];
  /**
   * Its lines are built on demand (the lazy form): what searches test of them is kept between
   * searches. Lines given as an array already exist, and keeping a second copy is not worth it.
   */
  lazy?: boolean;
}

interface FilePart {
  kind: 'file';
  start: number;
  file: LogFile;
  /** Its line count once another part follows it. */
  frozen?: number;
  /** Lines already announced to watchers. */
  announced: number;
}

type Part = MemoryPart | FilePart;

const partCount = (p: Part) => (p.kind === 'memory' ? p.count() : (p.frozen ?? safeCount(p.file)));

function safeCount(file: LogFile): number {
  const n = Math.floor(Number(file.count));
  return Number.isFinite(n) && n > 0 ? n : 0;
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

export class LogStore {
  private readonly parts: Part[] = [];
  private readonly views = new Map<string, RangeView>();
  private labelSet: Set<string> | undefined;
  /** What searches test of lazily built lines, kept between searches. */
  private readonly stripped = new StrippedLines();

  constructor(logs: MemoryLogs | undefined, file?: LogFile) {
    let count = 0;
    let raw: (i: number) => unknown = () => undefined;
    let lazy = false;
    if (Array.isArray(logs)) {
      count = logs.length;
      raw = (i) => logs[i];
      this.labelSet = new Set();
      for (const l of logs) if (l && typeof l.label === 'string') this.labelSet.add(l.label);
    } else if (logs && typeof logs === 'object' && typeof logs.line === 'function') {
      const n = Math.floor(Number(logs.count));
      count = Number.isFinite(n) && n > 0 ? n : 0;
      raw = (i) => logs.line(i);
      lazy = true;
      if (Array.isArray(logs.labels)) this.labelSet = new Set(logs.labels.filter((l) => typeof l === 'string'));
    } else {
      this.labelSet = new Set();
    }
    this.parts.push({ kind: 'memory', start: 0, count: () => count, raw, lazy });
    if (file) this.appendFile(file);
  }

  get total(): number {
    const last = this.parts[this.parts.length - 1];
    return last.start + partCount(last);
  }

  /** Labels present, sorted; undefined when the log is lazy and did not say. */
  labels(): string[] | undefined {
    return this.labelSet ? [...this.labelSet].sort() : undefined;
  }

  append(lines: readonly MemoryLogLine[]): LogLine[] {
    let last = this.parts[this.parts.length - 1];
    if (!(last.kind === 'memory' && last.appended)) {
      this.freezeLast();
      const appended: LogLine[] = [];
      last = { kind: 'memory', start: this.total, count: () => appended.length, raw: (i) => appended[i], appended };
      this.parts.push(last);
    }
    const added: LogLine[] = [];
    for (const raw of lines) {
      const line = normalizeLogLine(raw, this.total);
      last.appended!.push(line);
      if (line.label !== undefined) this.labelSet?.add(line.label);
      added.push({ ...line });
    }
    return added;
  }

  /**
   * Continues the log with a file's lines, or, when the file is already the last part, takes
   * note that it grew. Returns the line numbers `[from, to)` that are new since the last call.
   */
  appendFile(file: LogFile): { from: number; to: number } {
    let last = this.parts[this.parts.length - 1];
    if (!(last.kind === 'file' && last.file === file)) {
      this.freezeLast();
      last = { kind: 'file', start: this.total, file, announced: 0 };
      this.parts.push(last);
      if (typeof file.label === 'string') this.labelSet?.add(file.label);
    }
    const p = last as FilePart;
    const count = safeCount(file);
    const from = p.start + p.announced;
    p.announced = Math.max(p.announced, count);
    return { from, to: p.start + p.announced };
  }

  private freezeLast(): void {
    const last = this.parts[this.parts.length - 1];
    if (last.kind === 'file' && last.frozen === undefined) last.frozen = safeCount(last.file);
  }

  /** The part holding line `n` (0 ≤ n < total). */
  private partAt(n: number): Part {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.parts[mid].start <= n) lo = mid;
      else hi = mid - 1;
    }
    return this.parts[lo];
  }

  /** Lines at positions `[start, start + count)` of the (filtered) log, at most MAX_LOG_WINDOW. */
  async window(
    start: number,
    count: number,
    filter: LogFilter,
    signal?: AbortSignal,
  ): Promise<{ start: number; lines: LogLine[]; total: number }> {
    const view = this.view(filter);
    const total = view ? view.count : this.total;
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
    const total = view ? view.count : this.total;
    const runs = [...this.runs(view, 0, total)];
    const partAt = (n: number) => this.partAt(n);
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
      const part = this.partAt(n);
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
    const total = this.total;
    while (v.scanned < total) {
      const part = this.partAt(v.scanned);
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

function clampInt(v: unknown, lo: number, hi: number): number {
  const n = Math.floor(Number(v));
  if (!Number.isFinite(n)) return lo;
  return Math.min(hi, Math.max(lo, n));
}

/**
 * The console log of one in-memory run, as consecutive parts: a base log (an array, or a lazy
 * `{ count, line(i) }` so a million lines need not exist as objects at once), lines appended while
 * the run is live, and log files read on demand (`LogFile`: a server's disk index of output.log,
 * never held whole). Only the last part grows; adding a part freezes the one before.
 *
 * This is what a MemorySource needs at once (line counts, labels, live appends). Reading lines
 * (windows, filtered views, search batches) is in memory-log-reads.ts, loaded with the first
 * request for lines: a page of charts never asks one.
 */
import type { LogLine, LogStream } from './source.js';
import type { LogFile } from './log-file.js';

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

export interface MemoryPart {
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

export interface FilePart {
  kind: 'file';
  start: number;
  file: LogFile;
  /** Its line count once another part follows it. */
  frozen?: number;
  /** Lines already announced to watchers. */
  announced: number;
}

export type LogPart = MemoryPart | FilePart;

export const partCount = (p: LogPart) => (p.kind === 'memory' ? p.count() : (p.frozen ?? safeCount(p.file)));

function safeCount(file: LogFile): number {
  const n = Math.floor(Number(file.count));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

export class LogStore {
  /** The parts in order (read by memory-log-reads.ts); only the last one grows. */
  readonly parts: LogPart[] = [];
  private labelSet: Set<string> | undefined;

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
  partAt(n: number): LogPart {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.parts[mid].start <= n) lo = mid;
      else hi = mid - 1;
    }
    return this.parts[lo];
  }
}

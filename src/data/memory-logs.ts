/**
 * The console log of one in-memory run: a base log (an array, or a lazy `{ count, line(i) }` so a
 * million lines need not exist as objects at once) plus lines appended while the run is live.
 * Filtered views (by stream and label) are built once per filter and extended as lines arrive.
 */
import type { LogLine, LogStream } from './source.js';

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

interface FilteredView {
  lines: Int32Array;
  count: number;
  /** Raw lines already scanned. */
  scanned: number;
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

export class LogStore {
  private readonly baseCount: number;
  private readonly baseLine: (i: number) => unknown;
  private readonly appended: LogLine[] = [];
  private readonly views = new Map<string, FilteredView>();
  private labelSet: Set<string> | undefined;

  constructor(logs: MemoryLogs | undefined) {
    if (Array.isArray(logs)) {
      this.baseCount = logs.length;
      this.baseLine = (i) => logs[i];
      this.labelSet = new Set();
      for (const l of logs) if (l && typeof l.label === 'string') this.labelSet.add(l.label);
    } else if (logs && typeof logs === 'object' && typeof logs.line === 'function') {
      const count = Math.floor(Number(logs.count));
      this.baseCount = Number.isFinite(count) && count > 0 ? count : 0;
      this.baseLine = (i) => logs.line(i);
      if (Array.isArray(logs.labels)) this.labelSet = new Set(logs.labels.filter((l) => typeof l === 'string'));
    } else {
      this.baseCount = 0;
      this.baseLine = () => undefined;
      this.labelSet = new Set();
    }
  }

  get total(): number {
    return this.baseCount + this.appended.length;
  }

  /** Line `n` of the whole log (0 ≤ n < total). */
  line(n: number): LogLine {
    if (n >= this.baseCount) return { ...this.appended[n - this.baseCount] };
    return normalizeLogLine(this.baseLine(n), n);
  }

  /** Just the text of line `n`, without building a LogLine (searches call this a million times). */
  text(n: number): string {
    if (n >= this.baseCount) return this.appended[n - this.baseCount].text;
    const raw = this.baseLine(n) as { text?: unknown } | null | undefined;
    const text = raw && typeof raw === 'object' ? raw.text : raw;
    return typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
  }

  /** Labels present, sorted; undefined when the log is lazy and did not say. */
  labels(): string[] | undefined {
    return this.labelSet ? [...this.labelSet].sort() : undefined;
  }

  append(lines: readonly MemoryLogLine[]): LogLine[] {
    const added: LogLine[] = [];
    for (const raw of lines) {
      const line = normalizeLogLine(raw, this.total);
      this.appended.push(line);
      if (line.label !== undefined) this.labelSet?.add(line.label);
      added.push({ ...line });
    }
    return added;
  }

  /**
   * Raw line numbers of the filtered log (undefined: no filter, position = line number),
   * built once per filter and extended with lines appended since.
   */
  view(filter: LogFilter): { lines: Int32Array; count: number } | undefined {
    const streams = filter.streams && filter.streams.length > 0 ? new Set(filter.streams) : undefined;
    const labels = filter.labels && filter.labels.length > 0 ? new Set(filter.labels) : undefined;
    if (!streams && !labels) return undefined;
    const key = JSON.stringify([streams ? [...streams].sort() : null, labels ? [...labels].sort() : null]);
    let v = this.views.get(key);
    if (!v) {
      v = { lines: new Int32Array(1024), count: 0, scanned: 0 };
      this.views.set(key, v);
    }
    const total = this.total;
    for (let n = v.scanned; n < total; n++) {
      const line = this.line(n);
      if (streams && !streams.has(line.stream)) continue;
      if (labels && (line.label === undefined || !labels.has(line.label))) continue;
      if (v.count === v.lines.length) {
        const grown = new Int32Array(v.lines.length * 2);
        grown.set(v.lines);
        v.lines = grown;
      }
      v.lines[v.count++] = n;
    }
    v.scanned = total;
    return { lines: v.lines, count: v.count };
  }
}

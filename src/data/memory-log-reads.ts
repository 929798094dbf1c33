/**
 * Reading a run's in-memory log (memory-logs.ts): windows of lines. Loaded with the first request
 * for lines (a page of charts asks none). Filtered views (memory-log-views.ts) load with the first
 * request that filters, and the batches a search scans (memory-log-scan.ts) with the first search.
 */
import type { LogLine, LogStream } from './source.js';
import { throwIfAborted } from './errors.js';
import { inRanges, type LogFile } from './log-file.js';
import { clampInt } from './memory-answers.js';
import { LazyModule } from './source.js';
import { type LogFilter, type LogStore, type MemoryPart, normalizeLogLine, partCount } from './memory-logs.js';
import type { RangeView } from './memory-log-views.js';

/** Most lines one window answers (what HttpSource's users ask at most is 10,000). */
const MAX_LOG_WINDOW = 10_000;

export const views = new LazyModule(() => import('./memory-log-views.js'));

export function textOf(raw: unknown): string {
  const text = raw && typeof raw === 'object' ? (raw as { text?: unknown }).text : raw;
  return typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
}

/** The view of the log that `filter` keeps; undefined without a filter (a position is then a line number). */
export async function filteredView(store: LogStore, filter: LogFilter): Promise<RangeView | undefined> {
  if (!filter?.streams?.length && !filter?.labels?.length) return undefined;
  return (views.now ?? (await views.get())).viewOf(store, filter);
}

/** Runs `[line, line + length)` of whole-log lines at positions `[from, to)` of the (filtered) log. */
export function* runsIn(
  view: RangeView | undefined,
  from: number,
  to: number,
): Generator<{ position: number; line: number; length: number }> {
  if (!view) {
    if (to > from) yield { position: from, line: from, length: to - from };
    return;
  }
  yield* view.runs(from, to);
}

/** Lines at positions `[start, start + count)` of the (filtered) log, at most MAX_LOG_WINDOW. */
export async function logWindow(
  store: LogStore,
  start: number,
  count: number,
  filter: LogFilter,
  signal?: AbortSignal,
): Promise<{ start: number; lines: LogLine[]; total: number }> {
  const view = await filteredView(store, filter);
  throwIfAborted(signal);
  const total = view ? view.count : store.total;
  const from = clampInt(start, 0, total);
  const to = clampInt(from + clampInt(count, 0, MAX_LOG_WINDOW), from, total);
  const lines: LogLine[] = [];
  for (const run of runsIn(view, from, to)) {
    const got = await readLines(store, run.line, run.line + run.length, signal);
    lines.push(...got);
    // A file answered fewer lines than asked (too much text for one answer): stop there.
    if (got.length < run.length) break;
  }
  return { start: from, lines, total };
}

/** Whole-log lines `[from, to)`, all in one part or across several. */
async function readLines(store: LogStore, from: number, to: number, signal?: AbortSignal): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for (let n = from; n < to;) {
    const part = store.partAt(n);
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

function lineOf(part: MemoryPart, n: number): LogLine {
  if (part.appended) return { ...part.appended[n - part.start] };
  return normalizeLogLine(part.raw(n - part.start), n);
}

function fileStream(file: LogFile, i: number): LogStream {
  return Array.isArray(file.stderr) && inRanges(file.stderr, i) ? 'stderr' : 'stdout';
}

/**
 * Filtered views of a run's in-memory log (by stream and label), loaded with the first request
 * that filters (memory-log-reads.ts): a log read whole never needs them.
 *
 * A view is kept as ranges of line numbers, built once per filter and extended as lines arrive: a
 * file part is placed by its label and stderr ranges alone, so a filter over a 400 MB file costs a
 * few ranges, not a number per line.
 */
import type { LogStream } from './source.js';
import { type FilePart, type LogFilter, type LogStore, normalizeLogLine, partCount } from './memory-logs.js';

/** Filtered views kept per log at once (each distinct filter builds one). */
const MAX_VIEWS = 16;

/** Ranges of whole-log line numbers that a filter keeps, in order, with their positions in the view. */
export class RangeView {
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

const viewsOf = new WeakMap<LogStore, Map<string, RangeView>>();

/**
 * The filtered log's ranges (undefined: no filter, position = line number), built once per
 * filter and extended with lines added since.
 */
export function viewOf(store: LogStore, filter: LogFilter): RangeView | undefined {
  const streams = filter?.streams && filter.streams.length > 0 ? new Set(filter.streams) : undefined;
  const labels = filter?.labels && filter.labels.length > 0 ? new Set(filter.labels) : undefined;
  if (!streams && !labels) return undefined;
  const key = JSON.stringify([streams ? [...streams].sort() : null, labels ? [...labels].sort() : null]);
  let views = viewsOf.get(store);
  if (!views) viewsOf.set(store, (views = new Map()));
  let v = views.get(key);
  if (v)
    views.delete(key); // refreshed in the LRU order below
  else {
    v = new RangeView();
    if (views.size >= MAX_VIEWS) views.delete(views.keys().next().value!);
  }
  views.set(key, v);
  const total = store.total;
  while (v.scanned < total) {
    const part = store.partAt(v.scanned);
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

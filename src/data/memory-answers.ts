/**
 * The small pieces of MemorySource's answers: requests guarded into SourceErrors, query and path
 * checks, deep copies (also used by memory-reads.ts, the answers loaded on first use), and the
 * points of a range when they are few enough to be drawn whole (`wholeSeries`).
 */
import type { Req } from './source.js';
import { SourceError, throwIfAborted, toSourceError } from './errors.js';
import type { MinMaxIndex } from './minmax-index.js';
import { scanRange } from './minmax-scan.js';
import { lowerBound, upperBound } from './source.js';

/** Runs `fn` as a request: rejects with `aborted` first when the signal fired, and maps errors to SourceError. */
export async function guard<T>(o: Req | undefined, fn: () => T | Promise<T>): Promise<T> {
  try {
    throwIfAborted(o?.signal);
    return await fn();
  } catch (e) {
    throw toSourceError(e);
  }
}

/** The query object, or invalid-data when a caller passed none. */
export function query<T extends object>(q: T | undefined | null): T {
  if (!q || typeof q !== 'object') throw new SourceError('invalid-data', 'The request has no query object.');
  return q;
}

/** A deep copy; values structuredClone refuses (functions…) fall back to their JSON form. */
export function clone<T>(v: T): T {
  try {
    return structuredClone(v);
  } catch {
    return JSON.parse(JSON.stringify(v)) as T;
  }
}

export function clampInt(v: unknown, lo: number, hi: number): number {
  const n = Math.floor(Number(v));
  if (!Number.isFinite(n)) return lo;
  return Math.min(hi, Math.max(lo, n));
}

/**
 * Splits a path into its segments, or returns undefined when it is not a safe relative path
 * (`..` or `.` segments, NUL characters). Leading, trailing and doubled slashes are ignored.
 */
export function pathSegments(path: string): string[] | undefined {
  if (typeof path !== 'string' || path.includes('\0')) return undefined;
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '') continue;
    if (p === '..' || p === '.') return undefined;
    parts.push(p);
  }
  return parts;
}

// A series drawn whole: what `downsample` (downsample.ts) answers when the range holds at most 4
// points per pixel column, without its M4 and min/max index, which only big series need (a
// MemorySource loads them with the first one). Here rather than in a module of its own: MemoryRuns
// needs it with the answers above, and M4 loads only after MemoryRuns, so as a module of its own it
// was one more small chunk of an app's bundle, fetched by every page that opens a bundle.

export interface Downsampled {
  x: Float64Array;
  y: Float64Array;
  /** True exactly when the returned points include every raw point inside the range. */
  exact: boolean;
  /** Raw points inside the range. */
  total: number;
  /** Non-finite raw values inside the range. */
  nonFinite: number;
}

/** A usable range, or undefined: NaN ends are ignored, reversed ends are swapped. */
export function normalizeRange(range: readonly [number, number] | undefined): [number, number] | undefined {
  if (!range || range.length < 2) return undefined;
  let lo = Number(range[0]);
  let hi = Number(range[1]);
  if (Number.isNaN(lo)) lo = -Infinity;
  if (Number.isNaN(hi)) hi = Infinity;
  if (lo === -Infinity && hi === Infinity) return undefined;
  return lo <= hi ? [lo, hi] : [hi, lo];
}

/** A usable pixel count (integer ≥ 1), or undefined for "no downsampling". */
export function normalizePoints(points: number | undefined): number | undefined {
  if (points === undefined || points === null) return undefined;
  const p = Math.floor(Number(points));
  if (!Number.isFinite(p)) return undefined;
  return Math.max(1, p);
}

/** The rows of a query over sorted x: the range's `[i0, i1)`, and the points just outside it (−1 for none). */
export interface RangeRows {
  range: [number, number] | undefined;
  points: number | undefined;
  i0: number;
  i1: number;
  before: number;
  after: number;
}

export function rangeRows(
  x: Float64Array,
  n: number,
  options: { range?: readonly [number, number]; points?: number },
): RangeRows {
  const range = normalizeRange(options.range);
  const points = normalizePoints(options.points);
  let i0 = 0;
  let i1 = n;
  if (range) {
    i0 = lowerBound(x, range[0], 0, n);
    i1 = upperBound(x, range[1], i0, n);
  }
  return { range, points, i0, i1, before: range && i0 > 0 ? i0 - 1 : -1, after: range && i1 < n ? i1 : -1 };
}

/** Whether the rows are answered whole: no pixel count, or at most 4 raw points per pixel column. */
export function keepsEveryPoint(rows: RangeRows): boolean {
  return rows.points === undefined || rows.i1 - rows.i0 <= 4 * rows.points;
}

/**
 * What `downsample(x, y, options)` answers when it keeps every point of the range, or undefined
 * when the range holds too many for that (then M4 answers). `index`, when it is over this `y`,
 * counts the non-finite values instead of a scan (the same count).
 */
export function wholeSeries(
  x: Float64Array,
  y: Float64Array,
  options: { range?: readonly [number, number]; points?: number; index?: MinMaxIndex },
): Downsampled | undefined {
  const rows = rangeRows(x, Math.min(x.length, y.length), options);
  if (!keepsEveryPoint(rows)) return undefined;
  return everyPoint(x, y, options.index && options.index.length === y.length ? options.index : undefined, rows);
}

const scan = new Int32Array(6);

/**
 * Every raw point of the rows' range, with the points just outside it. Its non-finite values are
 * counted by the code that answers M4 columns (the index's query, or the scan without one),
 * already optimised by the zooms before: a loop of its own would first run at the first zoom this
 * far in, cold.
 */
export function everyPoint(
  x: Float64Array,
  y: Float64Array,
  index: MinMaxIndex | undefined,
  { i0, i1, before, after }: RangeRows,
): Downsampled {
  if (index) index.query(y, i0, i1, scan);
  else scanRange(y, i0, i1, scan);
  const start = before >= 0 ? before : i0;
  const end = after >= 0 ? after + 1 : i1;
  return { x: x.slice(start, end), y: y.slice(start, end), exact: true, total: i1 - i0, nonFinite: scan[5] };
}

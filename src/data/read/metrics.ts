/**
 * Readers of metric answers: `MetricInfo` lists and `Series` columns. Series are the hot path
 * (10 × 1,000,000 points): columns that already are same-length Float64Arrays are used as they
 * are, only scanned once; anything else is converted into new columns.
 */
import { type MetricInfo, type Series, type SeriesQuery } from '../source.js';
import type { Repairs } from './repairs.js';
import {
  isObj,
  isObjOrDropped,
  MAX_TIME_MS,
  put,
  readBoolean,
  readNumber,
  readOneOf,
  readRequired,
  readString,
} from './values.js';
import { answerReader, readArray } from './answer.js';
import { repairPaths } from './repair-slot.js';

const GROUPS = ['history', 'system'] as const;

export function readMetricInfo(v: unknown, r: Repairs): MetricInfo | undefined {
  if (!isObjOrDropped(v, r, 'metrics')) return undefined;
  const key = readRequired(v.key, r, 'metric keys', 'metrics without a key');
  if (key === undefined) return undefined;
  const out: MetricInfo = {
    key,
    group: readOneOf(v.group, GROUPS, r, 'metric groups', 'history')!,
    count: readNumber(v.count, r, 'metric point counts', { min: 0, int: true }) ?? 0,
  };
  if (v.count === undefined || v.count === null) r.converted('metric point counts');
  if (v.steps !== undefined && v.steps !== null) {
    const s = Array.isArray(v.steps) ? v.steps : [];
    const lo = readNumber(s[0], r, 'metric step ranges');
    const hi = readNumber(s[1], r, 'metric step ranges');
    if (lo !== undefined && hi !== undefined) out.steps = lo <= hi ? [lo, hi] : [hi, lo];
    else if (!Array.isArray(v.steps)) r.dropped('metric step ranges');
  }
  put(out, 'order', readNumber(v.order, r, 'metric orders', { int: true }));
  put(out, 'last', readNumber(v.last, r, 'metric last values'));
  return out;
}

function isFloat64(v: unknown): v is Float64Array {
  return v instanceof Float64Array || Object.prototype.toString.call(v) === '[object Float64Array]';
}

/** A numeric column: Float64Arrays as they are; other number arrays converted (later/repairing.ts). */
function column(v: unknown, r: Repairs, what: string): Float64Array | undefined {
  if (isFloat64(v)) return v;
  if (v === undefined || v === null) return undefined;
  return repairPaths().convertColumn(v, r, what);
}

/**
 * Counts x values that cannot be placed: non-finite ones (the chart leaves them out), and on the
 * wall-clock axis epoch ms beyond what a Date can show (these are set to NaN, in a copy).
 */
function checkX(x: Float64Array, wallclock: boolean, r: Repairs): Float64Array {
  let bad = 0;
  let outOfRange = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v - v !== 0) bad++;
    else if (wallclock && (v > MAX_TIME_MS || v < -MAX_TIME_MS)) outOfRange++;
  }
  if (bad) r.dropped('points with a NaN or infinite x', bad);
  if (!outOfRange) return x;
  r.dropped('points with a time out of range', outOfRange);
  const copy = x.slice();
  for (let i = 0; i < copy.length; i++) if (Math.abs(copy[i]) > MAX_TIME_MS) copy[i] = NaN;
  return copy;
}

/** Per-point times: NaN where a time is missing or out of a Date's range. */
function checkTimes(t: Float64Array, r: Repairs): Float64Array {
  let bad = 0;
  for (let i = 0; i < t.length; i++) if (!(Math.abs(t[i]) <= MAX_TIME_MS) && !Number.isNaN(t[i])) bad++;
  if (!bad) return t;
  r.dropped('point times out of range', bad);
  return t.map((v) => (Math.abs(v) <= MAX_TIME_MS ? v : NaN));
}

/** x and y of equal length; the longer one is cut (noted). */
function pair(x: Float64Array, y: Float64Array, r: Repairs): [Float64Array, Float64Array] {
  if (x.length === y.length) return [x, y];
  const n = Math.min(x.length, y.length);
  r.dropped('points whose x and y columns differ in length', Math.max(x.length, y.length) - n);
  return [x.subarray(0, n), y.subarray(0, n)];
}

export function readSeries(v: unknown, r: Repairs, q: SeriesQuery | undefined): Series | undefined {
  if (!isObjOrDropped(v, r, 'series')) return undefined;
  const key = readString(v.key, r, 'series keys');
  const runId = readString(v.runId, r, 'series run ids') ?? (q?.runIds?.length === 1 ? q.runIds[0] : undefined);
  const rawX = column(v.x, r, 'series x columns');
  const rawY = column(v.y, r, 'series y columns');
  if (key === undefined || runId === undefined || !rawX || !rawY) {
    r.dropped('series without a key, a run or columns');
    return undefined;
  }
  const wallclock = q?.x === 'wallclock';
  const [x0, y] = pair(rawX, rawY, r);
  const x = checkX(x0, wallclock, r);
  const n = x.length;
  const out: Series = {
    runId,
    key,
    x,
    y,
    total: readNumber(v.total, r, 'series totals', { min: 0, int: true }) ?? n,
    exact: readBoolean(v.exact, r, 'series exact flags') ?? false,
    nonFinite: readNumber(v.nonFinite, r, 'series non-finite counts', { min: 0, int: true }) ?? 0,
    smoothed: readBoolean(v.smoothed, r, 'series smoothed flags') ?? false,
  };
  put(out, 'nonMonotonic', readBoolean(v.nonMonotonic, r, 'series flags'));
  if (v.time !== undefined && v.time !== null) {
    const t = column(v.time, r, 'series time columns');
    if (t && t.length >= n) out.time = checkTimes(t.length === n ? t : t.subarray(0, n), r);
    else if (t) r.dropped('series time columns of the wrong length');
  }
  if (isObj(v.original)) {
    const ox = column(v.original.x, r, 'series x columns');
    const oy = column(v.original.y, r, 'series y columns');
    if (ox && oy) {
      const [px, py] = pair(ox, oy, r);
      out.original = { x: checkX(px, wallclock, r), y: py };
    }
  }
  return out;
}

/** How checked-source.ts reads the answers of these methods. */
export const readAnswer = answerReader({
  listMetrics: (v, r) => readArray(v, r, readMetricInfo),
  getSeries: (v, r, [q]) => readArray(v, r, (s, rs) => readSeries(s, rs, q)),
});

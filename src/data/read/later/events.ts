/**
 * Reader of live events from `watch`: malformed events are left out, partly readable ones repaired.
 * In read/later/ (see on-demand.ts): a first view of a finished run gets no live event, so it
 * never fetches this module.
 */
import type { MetricGroup, MetricInfo, MetricPoint, RunEvent, RunListEvent } from '../../source.js';
import type { readLogLines } from '../logs.js';
import type { readMetricInfo } from '../metrics.js';
import type { Repairs } from '../repairs.js';
import type { readRunPatch } from '../run.js';
import {
  isObj,
  put,
  readList,
  readNumber,
  readOneOf,
  readString,
  readStrings,
  readTime,
  readValue,
} from '../values.js';

const GROUPS: readonly MetricGroup[] = ['history', 'system'];

function readPoint(v: unknown, r: Repairs): MetricPoint | undefined {
  if (!isObj(v) || typeof v.key !== 'string' || v.key === '') {
    r.dropped('live points without a key');
    return undefined;
  }
  const step = readNumber(v.step, r, 'live point steps');
  const time = readTime(v.time, r, 'live point times');
  if (step === undefined || time === undefined) {
    r.dropped('live points without a step or time');
    return undefined;
  }
  const point: MetricPoint = { key: v.key, step, time, value: readValue(v.value, r, 'live point values') };
  put(point, 'runtime', readNumber(v.runtime, r, 'live point runtimes'));
  return point;
}

/** Events that only say "ask again": they go through a throttle (`read/later/signals.ts`). */
const SIGNALS: readonly unknown[] = ['files-changed', 'artifacts-changed', 'media-changed'];

export const isSignal = (e: RunEvent): boolean => SIGNALS.includes(e.type);

/** The modules that load apart from these, which some events need (`otherReaders`). */
export interface OtherReaders {
  /** `read/metrics.ts`, for the metrics of a `metrics-added` event. */
  metrics?: { readMetricInfo: typeof readMetricInfo };
  /** `read/logs.ts`, for the lines of a `logs` event. */
  logs?: { readLogLines: typeof readLogLines };
  /** `read/run.ts`, for the change of a `run` event. */
  run?: { readRunPatch: typeof readRunPatch };
  /** `read/later/signals.ts`, the throttle of a signal. */
  signals?: typeof import('./signals.js');
}

/**
 * Which other module reading and delivering `v` needs, loaded apart: a chart of a finished run gets
 * no new metrics, log lines, run changes or signals.
 */
export function otherReaders(v: unknown): keyof OtherReaders | undefined {
  try {
    const type = isObj(v) ? v.type : undefined;
    if (type === 'logs' || type === 'run') return type;
    return type === 'metrics-added' ? 'metrics' : SIGNALS.includes(type) ? 'signals' : undefined;
  } catch {
    return undefined; // a hostile event: readRunEvent drops it
  }
}

/** Reads one live event; `other` has the readers `otherReaders` named for it. */
export function readRunEvent(v: unknown, r: Repairs, other: OtherReaders = {}): RunEvent | undefined {
  if (!isObj(v) || typeof v.type !== 'string') {
    r.dropped('live events that are not events');
    return undefined;
  }
  switch (v.type) {
    case 'run': {
      if (!other.run) return (r.dropped('live run changes that could not be read'), undefined);
      const run = other.run.readRunPatch(v.run, r);
      if (!run) r.dropped('live run changes that are not objects');
      return run ? { type: 'run', run } : undefined;
    }
    case 'metrics': {
      const group = readOneOf(v.group, GROUPS, r, 'live metric groups');
      if (!group) return (r.dropped('live metric events without a group'), undefined);
      const points = readList(v.points, r, 'live point lists')
        .map((p) => readPoint(p, r))
        .filter((p): p is MetricPoint => p !== undefined);
      return points.length ? { type: 'metrics', group, points } : undefined;
    }
    case 'metrics-added': {
      const read = other.metrics?.readMetricInfo;
      if (!read) return (r.dropped('live metric lists that could not be read'), undefined);
      const metrics = readList(v.metrics, r, 'live metric lists')
        .map((m) => read(m, r))
        .filter((m): m is MetricInfo => m !== undefined);
      return metrics.length ? { type: 'metrics-added', metrics } : undefined;
    }
    case 'logs': {
      const raw = readList(v.lines, r, 'live log line lists');
      const total = readNumber(v.total, r, 'live log totals', { min: 0, int: true });
      if (total === undefined) return (r.dropped('live log events without a total'), undefined);
      if (!other.logs) return (r.dropped('live log events that could not be read'), undefined);
      const lines = other.logs.readLogLines(raw, r, Math.max(0, total - raw.length));
      return { type: 'logs', lines, total: Math.max(total, lines.length) };
    }
    case 'files-changed':
    case 'artifacts-changed':
      return { type: v.type };
    case 'media-changed':
      return { type: 'media-changed', keys: readStrings(v.keys, r, 'live media keys') ?? [] };
    default:
      r.dropped('live events of an unknown type');
      return undefined;
  }
}

/**
 * One `watchRuns` event; undefined (with the reason in `r`) when it cannot be used. `readRunRef`
 * comes with the run readers (`read/run.ts`), which these events wait for.
 */
export function readRunListEvent(
  v: unknown,
  r: Repairs,
  readRunRef: typeof import('../run.js').readRunRef,
): RunListEvent | undefined {
  if (!isObj(v)) {
    r.dropped('listing events that are not objects');
    return undefined;
  }
  if (v.type === 'resync') return { type: 'resync' };
  if (v.type === 'run-removed') {
    const runId = readString(v.runId, r, 'removed run ids');
    if (runId === undefined) r.dropped('listing events without a run id');
    return runId === undefined ? undefined : { type: 'run-removed', runId };
  }
  if (v.type === 'run-added' || v.type === 'run-changed') {
    const run = readRunRef(v.run, r, 'listed runs');
    return run ? { type: v.type, run } : undefined;
  }
  r.dropped('listing events of an unknown type');
  return undefined;
}

/** checked-source.ts takes the class from the readers it loaded, so a page's first chunk has no need of it. */
export { Repairs } from '../repairs.js';

/**
 * Live metric points appended to the chart's series in place, without asking the source again.
 * Loaded with the first live points (a finished run sends none): it imports no module of the
 * chart's first paint, which would then be split out of the page's entry.
 */
import type { MetricPoint, Smoothing } from '../../data/source.js';
import type { XKind } from './axis-format.js';
import type { ChartSeries } from './chart-series.js';

/** Appended metric points of one run. */
export interface RunPoints {
  runId: string;
  points: MetricPoint[];
}

/** A live point's x on the chart's axis; NaN when it cannot be placed (a metric as x, no start time). */
export function liveX(kind: XKind, p: MetricPoint, startedAt: number | undefined): number {
  if (kind === 'step') return Number(p.step);
  if (kind === 'wallclock') return Number(p.time);
  if (kind === 'metric') return NaN;
  const relative =
    typeof startedAt === 'number' && Number.isFinite(startedAt) ? (Number(p.time) - startedAt) / 1000 : NaN;
  if (kind === 'process' && typeof p.runtime === 'number' && Number.isFinite(p.runtime)) return p.runtime;
  return relative;
}

/**
 * An immediate smoothed value for a live point: the EMA continued from the last smoothed value
 * (other kinds take the raw value). The refetch that follows replaces it with the source's.
 */
export function continueSmoothing(previous: number, y: number, smoothing: Smoothing): number {
  if (!Number.isFinite(y) || !Number.isFinite(previous)) return y;
  if (smoothing.kind !== 'ema' && smoothing.kind !== 'twema') return y;
  const w = Math.min(Math.max(smoothing.weight, 0), 0.999);
  return previous * w + (1 - w) * y;
}

export interface AppendResult {
  /** Some series got points. */
  changed: boolean;
  /** Some points could not be appended exactly (x went back, unplaceable x, smoothing): fetch again. */
  refetch: boolean;
}

export function appendLivePoints(
  series: readonly ChartSeries[],
  batch: readonly RunPoints[],
  kind: XKind,
  startedAt: (runId: string) => number | undefined,
  smoothing: Smoothing | undefined,
): AppendResult {
  const byRun = new Map<string, Map<unknown, ChartSeries>>();
  for (const s of series) {
    const byKey = byRun.get(s.runId) ?? new Map<unknown, ChartSeries>();
    byRun.set(s.runId, byKey.set(s.key, s));
  }
  let changed = false;
  let refetch = false;
  for (const { runId, points } of batch) {
    for (const p of points) {
      const s = byRun.get(runId)?.get(p?.key);
      if (!s) continue;
      const x = liveX(kind, p, startedAt(runId));
      const y = typeof p.value === 'number' ? p.value : Number(p.value);
      if (!Number.isFinite(x)) {
        refetch = true;
        continue;
      }
      if (x < s.main.lastX) {
        s.nonMonotonic = true;
        refetch = true;
        continue;
      }
      if (s.original && smoothing) {
        s.original.push(x, y);
        s.main.push(x, continueSmoothing(s.main.lastY, y, smoothing), Number(p.time));
        refetch = true;
      } else {
        s.main.push(x, y, Number(p.time));
      }
      s.total++;
      if (!Number.isFinite(y)) s.nonFinite++;
      changed = true;
    }
  }
  return { changed, refetch };
}

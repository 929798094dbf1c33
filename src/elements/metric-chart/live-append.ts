/**
 * Live metric points appended to the chart's series in place, without asking the source again.
 * Loaded with the first live points (a finished run sends none): it imports no module of the
 * chart's first paint, which would then be split out of the page's entry.
 */
import type { MetricPoint, Smoothing } from '../../data/source.js';
import type { XKind } from './axis-format.js';
import type { XYBuffer } from './chart-data.js';
import type { ChartSeries } from './chart-series.js';
import type { PlotView } from './plot-view.js';
import type { RefetchTimer } from './refetch-timer.js';

/** The chart that live points are appended to: what they need of it. */
export interface LiveChart {
  view: PlotView;
  /** The chart's series, and its runs' start times (its SeriesStore). */
  store: { readonly series: readonly ChartSeries[]; startedAt(runId: string): number | undefined };
  /** Asks the source again (`afterLive`). */
  refetch: Pick<RefetchTimer, 'afterLive'>;
  keys: string[];
  /** A full fetch found no points ("no points yet"). */
  empty: boolean;
  xKind: XKind;
  smoothing: Smoothing | undefined;
  /** The series grew: the legend counts and the table follow. */
  grew(): void;
}

/** Far more points than pixels: let the source downsample again after this long. */
const LIVE_REFETCH_MS = 1000;

/**
 * Live points for the chart: appended in place, or, when the chart shows "no points yet" and the
 * points are of its metrics, asked for again.
 */
export function receiveLive(chart: LiveChart, batch: readonly RunPoints[]): void {
  if (chart.empty) {
    const keys = new Set(chart.keys);
    if (batch.some((b) => b.points.some((p) => keys.has(p.key)))) chart.refetch.afterLive(0);
    return;
  }
  const view = chart.view;
  if (!view.uplot) return;
  const { store } = chart;
  const { changed, refetch } = appendLivePoints(
    store.series,
    batch,
    chart.xKind,
    (id) => store.startedAt(id),
    chart.smoothing,
  );
  let again = refetch;
  if (changed) {
    view.dataGrew();
    view.sync();
    chart.grew();
    // far more points than pixels: let the source downsample again
    const longest = Math.max(...store.series.map((s) => s.main.length));
    if (longest > 8 * view.pixelWidth()) again = true;
  }
  if (again) chart.refetch.afterLive(LIVE_REFETCH_MS);
}

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

/** Appends a point to `b`: into columns of its own, twice as long as needed when they are full. */
export function appendPoint(b: XYBuffer, x: number, y: number, time = NaN): void {
  if (!b.owned || b.length === b.xs.length) {
    const capacity = Math.max(16, b.length * 2);
    const copy = (from: Float64Array): Float64Array => {
      const to = new Float64Array(capacity);
      to.set(from.subarray(0, b.length));
      return to;
    };
    b.xs = copy(b.xs);
    b.ys = copy(b.ys);
    if (b.ts) b.ts = copy(b.ts);
    b.owned = true;
  }
  b.xs[b.length] = x;
  b.ys[b.length] = y;
  if (b.ts) b.ts[b.length] = time;
  b.length++;
}

/** The last value of a column of `b` (`fallback` when it has none). */
function last(b: XYBuffer, column: Float64Array, fallback: number): number {
  return b.length > 0 ? column[b.length - 1] : fallback;
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
      if (x < last(s.main, s.main.xs, -Infinity)) {
        s.nonMonotonic = true;
        refetch = true;
        continue;
      }
      if (s.original && smoothing) {
        appendPoint(s.original, x, y);
        appendPoint(s.main, x, continueSmoothing(last(s.main, s.main.ys, NaN), y, smoothing), Number(p.time));
        refetch = true;
      } else {
        appendPoint(s.main, x, y, Number(p.time));
      }
      s.total++;
      if (!Number.isFinite(y)) s.nonFinite++;
      changed = true;
    }
  }
  return { changed, refetch };
}

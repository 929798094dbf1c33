/**
 * The chart's own model of what it draws: one entry per (run, metric) with the drawn line, the raw
 * line under a smoothed one, and what the source said about the range; and the uPlot series
 * (band, original, main) built from it.
 */
import type { smooth } from '../../data/smoothing.js';
import type { Series, Smoothing } from '../../data/source.js';
import type { sortByX } from '../../data/x-order.js';
import { finite } from './chart-inputs.js';
import { countUndrawable, ensureSorted, needsSort, XYBuffer, type XY } from './chart-data.js';

export interface ChartSeries {
  id: string;
  runId: string;
  key: string;
  label: string;
  color: string;
  /** The line drawn: smoothed values when smoothing is on. */
  main: XYBuffer;
  /** The raw values when `main` is smoothed. */
  original?: XYBuffer;
  /** Raw points in the fetched range (grows with live appends). */
  total: number;
  /** Whether `main`/`original` hold every raw point of the range. */
  exact: boolean;
  /** Non-finite raw values in the fetched range. */
  nonFinite: number;
  /** Raw x went backwards somewhere (resumed runs). */
  nonMonotonic: boolean;
}

export type Role = 'main' | 'original' | 'band';

/** One uPlot series: which chart series it draws, and how. Index 0 stands for uPlot's x. */
export interface PlotSeries {
  chart: number;
  role: Role;
}

export function seriesId(runId: string, key: string): string {
  return `${runId}\u0000${key}`;
}

/** Columns `toChartSeries` draws: typed x and y. */
function isXY(c: unknown): c is XY {
  return !!c && (c as XY).x instanceof Float64Array && (c as XY).y instanceof Float64Array;
}

/** Whether `toChartSeries` sorts a line of `list` here (x that go back): it needs the sort's code. */
export function sortsHere(list: readonly Series[], smoothing: Smoothing | undefined): boolean {
  return list.some(
    (s) => isXY(s) && (needsSort(s) || (!!smoothing && s.smoothed && isXY(s.original) && needsSort(s.original))),
  );
}

/**
 * Chart series from what the source returned. With smoothing on, a source that smoothed sends the
 * smoothed line and the raw one; one that could not (`smoothed: false`) gets its raw points smoothed
 * here, with `kernels` (smoothing.ts, loaded when `smoothsHere`). Lines whose x go back are sorted
 * with `order` (x-order.ts, loaded when `sortsHere`).
 */
export function toChartSeries(
  list: readonly Series[],
  smoothing: Smoothing | undefined,
  kernels?: { smooth: typeof smooth },
  order?: { sortByX: typeof sortByX },
): ChartSeries[] {
  const out: ChartSeries[] = [];
  for (const s of list) {
    if (!isXY(s)) continue;
    const raw = ensureSorted({ x: s.x, y: s.y }, order);
    let main: XY = raw;
    let original: XY | undefined;
    const sent = s.original;
    if (smoothing && s.smoothed && isXY(sent)) {
      original = ensureSorted(sent, order);
    } else if (smoothing && !s.smoothed) {
      main = { x: raw.x, y: kernels!.smooth(raw.x, raw.y, smoothing) };
      original = raw;
    }
    out.push({
      id: seriesId(s.runId, s.key),
      runId: s.runId,
      key: s.key,
      label: s.key,
      color: '',
      // times are parallel to the answer's x; a reordered answer loses them rather than mismatching
      main: new XYBuffer(main.x, main.y, s.time instanceof Float64Array && !raw.reordered ? s.time : undefined),
      original: original ? new XYBuffer(original.x, original.y) : undefined,
      total: finite(s.total) ? s.total : raw.x.length,
      exact: s.exact === true,
      nonFinite: finite(s.nonFinite) ? s.nonFinite : countUndrawable(raw.y, null, 0, raw.y.length).nonFinite,
      nonMonotonic: s.nonMonotonic === true || raw.reordered,
    });
  }
  return out;
}

/** Whether `toChartSeries` smooths some of `list` here: smoothing is on and a source did not smooth. */
export function smoothsHere(list: readonly Series[], smoothing: Smoothing | undefined): boolean {
  return !!smoothing && list.some((s) => s && !s.smoothed);
}

/** A colour given for this series in `colors` (list by index, or map by `run/metric`, label, metric, run). */
export function colorOverride(
  colors: readonly string[] | Readonly<Record<string, string>> | undefined,
  s: ChartSeries,
  index: number,
): string | undefined {
  let chosen: unknown;
  if (Array.isArray(colors)) chosen = colors[index];
  else if (colors && typeof colors === 'object') {
    const map = colors as Readonly<Record<string, string>>;
    chosen = map[`${s.runId}/${s.key}`] ?? map[s.label] ?? map[s.key] ?? map[s.runId];
  }
  if (typeof chosen !== 'string' || chosen === '') return undefined;
  if (typeof CSS !== 'undefined' && !CSS.supports('color', chosen)) {
    console.warn(`<metric-chart>: colour ${JSON.stringify(chosen)} is not a CSS colour; using the theme palette.`);
    return undefined;
  }
  return chosen;
}

/** First and last x over every line (first positive x on a log axis). */
export function xExtent(series: readonly ChartSeries[], logX: boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const b of [s.main, s.original]) {
      if (!b || b.length === 0) continue;
      const x = b.x;
      let first = 0;
      if (logX) while (first < x.length && !(x[first] > 0)) first++;
      if (first < x.length && x[first] < lo) lo = x[first];
      if (x[x.length - 1] > hi) hi = x[x.length - 1];
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** The uPlot series for the chart series: a band under each downsampled or smoothed line, the faint original, the line. */
export function plotLayout(series: readonly ChartSeries[], band: boolean, showOriginal: boolean): PlotSeries[] {
  const layout: PlotSeries[] = [{ chart: -1, role: 'main' }];
  series.forEach((s, chart) => {
    const hasRaw = !!s.original;
    if (band && (hasRaw || !s.exact)) layout.push({ chart, role: 'band' });
    if (hasRaw && showOriginal) layout.push({ chart, role: 'original' });
    layout.push({ chart, role: 'main' });
  });
  return layout;
}

/** The columns a uPlot series draws (a band outlines the raw values). */
export function plotColumn(series: readonly ChartSeries[], p: PlotSeries): XY {
  const s = series[p.chart];
  const b = p.role === 'main' ? s.main : (s.original ?? s.main);
  return { x: b.x, y: b.y };
}

/**
 * The series a chart draws and the run infos their labels name: fetched from the source, labelled
 * and coloured, and kept while the chart shows them (live points are appended to them in place).
 */
import type { RunInfo, RunSource, SeriesQuery, Smoothing } from '../../data/source.js';
import { requireMethod } from '../../internal/base-element.js';
import { lazyImport, type LazyImport } from '../../internal/lazy-import.js';
import { sharedX } from './chart-data.js';
import { colorOverride, smoothsHere, sortsHere, toChartSeries, type ChartSeries } from './chart-series.js';
import { expandLegend } from './legend-template.js';
import { runValuesCode } from './lazy-parts.js';
import { bandCode, unionCode } from './plot-parts.js';
import { cachedRunInfo } from './run-info-cache.js';

/** Smoothing, for a source that answers unsmoothed: loads with the first such answer (most charts do not smooth). */
export const smoothingCode = lazyImport(() => import('../../data/smoothing.js'));

/** The sort by x, for an answer whose x go back (a resumed run): loads with the first such answer. */
export const sortCode = lazyImport(() => import('../../data/x-order.js'));

/** What one request for series brought. */
export interface Fetched {
  series: ChartSeries[];
  /** The full view was asked for (not a zoom). */
  full: boolean;
  /** Device pixels across the plot the points were asked for. */
  width: number;
}

/** `part`'s module, loaded unless it is in; its failure is the request's. */
async function need<M>(part: LazyImport<M>): Promise<M> {
  const code = part.now ?? (await part.load());
  if (!code) throw part.failed;
  return code;
}

export class SeriesStore {
  series: ChartSeries[] = [];
  private runInfos = new Map<string, RunInfo>();
  private infoSource?: RunSource;

  /** Run infos are kept per source. */
  useSource(source: RunSource | undefined): void {
    if (source === this.infoSource) return;
    this.runInfos.clear();
    this.infoSource = source;
  }

  /**
   * Asks the source for `query` (and the runs' infos with a full request when `infos`, with the
   * code that reads values out of them when `values`; meanwhile the `parts` the chart draws with).
   */
  async fetch(
    source: RunSource,
    query: SeriesQuery,
    opts: {
      full: boolean;
      infos: boolean;
      values: boolean;
      band: boolean;
      parts: readonly (LazyImport<unknown> | false)[];
      smoothing?: Smoothing;
      signal: AbortSignal;
    },
  ): Promise<Fetched> {
    const getSeries = requireMethod(source, 'getSeries');
    const [list] = await Promise.all([
      getSeries(query, { signal: opts.signal }),
      opts.full && opts.infos ? this.loadRunInfos(source, query.runIds, opts.values) : undefined,
      ...opts.parts.map((part) => part && need(part)),
    ]);
    const answer = Array.isArray(list) ? list : [];
    const kernels = smoothsHere(answer, opts.smoothing) ? await need(smoothingCode) : undefined;
    if (sortsHere(answer, opts.smoothing)) await need(sortCode);
    const series = toChartSeries(answer, opts.smoothing, kernels, sortCode.now);
    // lines whose x differ are drawn on their merged x, and a band around lines that are downsampled
    // or smoothed: the code that draws them comes first
    const lines = series.flatMap((s) => (s.original ? [s.main, s.original] : [s.main]));
    if (!sharedX(lines)) await need(unionCode);
    if (opts.band && series.some((s) => s.original || !s.exact)) await need(bandCode);
    return { series, full: opts.full, width: query.points ?? 0 };
  }

  /** Whether every run's info is here, and with `values` the code that reads values out of them. */
  hasInfos(runIds: readonly string[], values: boolean): boolean {
    return (!values || runValuesCode.now !== undefined) && runIds.every((id) => this.runInfos.has(id));
  }

  /** The runs' infos, and with `values` the code that reads values out of them (it warns when it cannot load). */
  async loadRunInfos(source: RunSource, runIds: readonly string[], values: boolean): Promise<void> {
    const [infos] = await Promise.all([
      Promise.all(runIds.map((id) => cachedRunInfo(source, id))),
      values ? runValuesCode.load() : undefined,
    ]);
    infos.forEach((info, i) => {
      if (info) this.runInfos.set(runIds[i], info);
    });
  }

  startedAt(runId: string): number | undefined {
    return this.runInfos.get(runId)?.startedAt;
  }

  /** Labels from the legend template, colours from `colors` or the theme's palette. */
  relabel(
    template: string,
    colors: readonly string[] | Readonly<Record<string, string>> | undefined,
    paletteColor: (index: number) => string,
  ): void {
    this.series.forEach((s, i) => {
      const run = this.runInfos.get(s.runId);
      s.label =
        expandLegend(template, { runId: s.runId, metric: s.key, run, runValue: runValuesCode.now?.runValue }) || s.key;
      s.color = colorOverride(colors, s, i) ?? paletteColor(i);
    });
  }

  /** No series has a point. */
  get pointless(): boolean {
    return this.series.every((s) => s.main.length === 0);
  }
}

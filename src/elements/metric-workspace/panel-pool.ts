/**
 * The chart and media elements of the panels near the screen, kept by panel id so a re-render
 * reuses them, configured from the layout, and the zoom shared between charts of one x axis when
 * the layout syncs zoom.
 */
import type { RunSource } from '../../data/source.js';
import type { ThemeName } from '../../internal/base-element.js';
import { createElementOf } from '../../internal/define-element.js';
import { CHART_EXPORTPARTS } from '../../internal/part-names.js';
import { MetricChart, type MetricChartZoomDetail } from '../metric-chart/metric-chart.js';
import { MediaPanel } from '../media-panel/media-panel.js';
import type { Panel } from './panel-layout.js';
import { resolvePanel, type PanelSettings, type WorkspaceSettings } from './workspace-settings.js';

/** What every panel element is given by the workspace. */
export interface PoolInputs {
  source?: RunSource;
  runId?: string;
  theme?: ThemeName;
  noLive: boolean;
  layout: WorkspaceSettings;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

let poolCount = 0;

export class PanelPool {
  private readonly charts = new Map<string, MetricChart>();
  private readonly media = new Map<string, MediaPanel>();
  /** The last user zoom, by x axis, for charts created later. */
  private readonly sharedZoom = new Map<string, [number, number]>();
  /** Charts of one workspace share the crosshair. */
  private readonly syncGroup = `runpage-workspace-${++poolCount}`;

  constructor(private readonly inputs: () => PoolInputs) {}

  /** The panel's chart, made the first time. */
  chartFor(panel: Panel): MetricChart | undefined {
    let chart = this.charts.get(panel.id);
    if (!chart) {
      chart = createElementOf(MetricChart);
      if (!chart) return undefined;
      this.charts.set(panel.id, chart);
      void this.applySharedZoom(chart);
    }
    this.configureChart(chart, panel);
    return chart;
  }

  /** The panel's media panel, made the first time. */
  mediaFor(panel: Panel): MediaPanel | undefined {
    let media = this.media.get(panel.id);
    if (!media) {
      media = createElementOf(MediaPanel);
      if (!media) return undefined;
      this.media.set(panel.id, media);
    }
    this.configureMedia(media, panel);
    return media;
  }

  /** Forgets the elements of panels other than `keep` (they leave the DOM on this render). */
  keepOnly(keep: ReadonlySet<string>): void {
    for (const id of this.charts.keys()) if (!keep.has(id)) this.charts.delete(id);
    for (const id of this.media.keys()) if (!keep.has(id)) this.media.delete(id);
  }

  forget(id: string): void {
    this.charts.delete(id);
    this.media.delete(id);
  }

  clear(): void {
    this.charts.clear();
    this.media.clear();
  }

  configureChart(chart: MetricChart, panel: Panel): void {
    const { source, runId, theme, noLive, layout } = this.inputs();
    const r = resolvePanel(layout, panel.section, panel.settings);
    const s: PanelSettings = panel.settings ?? {};
    if (chart.getAttribute('exportparts') !== CHART_EXPORTPARTS) chart.setAttribute('exportparts', CHART_EXPORTPARTS);
    chart.source = source;
    chart.run = runId;
    chart.sync = this.syncGroup;
    if (!sameJson(chart.metrics, panel.keys)) chart.metrics = [...panel.keys];
    chart.x = r.x;
    chart.smoothing = r.smoothing;
    chart.smoothingWeight = r.smoothingWeight;
    chart.ignoreOutliers = r.ignoreOutliers;
    chart.logX = r.logX;
    chart.logY = r.logY;
    chart.xMin = s.xMin;
    chart.xMax = s.xMax;
    chart.yMin = s.yMin;
    chart.yMax = s.yMax;
    chart.legend = s.legend;
    if (!sameJson(chart.colors, s.colors)) chart.colors = s.colors ? [...s.colors] : undefined;
    chart.noLive = noLive;
    chart.theme = theme;
  }

  /**
   * An element of its own showing `panel` (the full-screen view's), configured: `current` when it is
   * of the panel's kind already, else a new one.
   */
  standaloneFor(panel: Panel, current?: MetricChart | MediaPanel): MetricChart | MediaPanel | undefined {
    if (panel.kind === 'chart') {
      const chart = current instanceof MetricChart ? current : createElementOf(MetricChart);
      if (chart) this.configureChart(chart, panel);
      return chart;
    }
    const media = current instanceof MediaPanel ? current : createElementOf(MediaPanel);
    if (media) this.configureMedia(media, panel);
    return media;
  }

  /** Whether `node` is a panel's element: a chart moves its cursor with the arrow keys, a media panel its steps. */
  isPanelElement(node: EventTarget): boolean {
    return node instanceof MetricChart || node instanceof MediaPanel;
  }

  configureMedia(media: MediaPanel, panel: Panel): void {
    const { source, runId, theme } = this.inputs();
    media.source = source;
    media.run = runId;
    if (!sameJson(media.keys, panel.keys)) media.keys = [...panel.keys];
    media.theme = theme;
  }

  /**
   * A user zoomed one chart: with synced zoom, every other chart on the same x axis follows.
   * `zoomTo()` and `resetZoom()` fire no zoom event, so following does not echo.
   */
  readonly onZoom = (e: CustomEvent<MetricChartZoomDetail>): void => {
    if (!this.inputs().layout.syncZoom) return;
    const from = e.composedPath().find((n): n is MetricChart => n instanceof MetricChart);
    if (!from) return;
    const range = e.detail.range;
    if (range) this.sharedZoom.set(from.x, range);
    else this.sharedZoom.delete(from.x);
    for (const chart of this.charts.values()) {
      if (chart === from || chart.x !== from.x) continue;
      if (range) chart.zoomTo(range[0], range[1]);
      else chart.resetZoom();
    }
  };

  private async applySharedZoom(chart: MetricChart): Promise<void> {
    if (!this.inputs().layout.syncZoom) return;
    await chart.updateComplete;
    const range = this.sharedZoom.get(chart.x);
    if (range && this.inputs().layout.syncZoom) chart.zoomTo(range[0], range[1]);
  }
}

import uPlot from 'uplot';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleProps } from '../../internal/style-props.js';
import { property, state } from 'lit/decorators.js';
import { isSourceError } from '../../data/errors.js';
import { isActiveSmoothing } from '../../data/smoothing.js';
import {
  SMOOTHING_KINDS,
  type RunInfo,
  type Series,
  type SeriesQuery,
  type Smoothing,
  type SmoothingKind,
} from '../../data/source.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { formatDateTime } from '../../internal/format.js';
import { renderEmpty, renderError, renderLoading, renderUnsupported } from '../../internal/states.js';
import { readToken, seriesColor, ThemeController } from '../../internal/theme.js';
import { listConverter, numberConverter } from './attribute-converters.js';
import { formatValueWithin, formatXValue, sourceXAxis, xKindOf, type XKind } from './axis-format.js';
import {
  alignColumns,
  drawable,
  paddedRange,
  quantileRange,
  valueExtent,
  visibleWindow,
  type Aligned,
} from './chart-data.js';
import {
  colorOverride,
  plotColumn,
  plotLayout,
  toChartSeries,
  xExtent,
  type ChartSeries,
  type PlotSeries,
} from './chart-series.js';
import { EMPTY_SUMMARY, summarize, type ChartSummary, type ColumnSummary } from './chart-summary.js';
import { renderDataTable } from './chart-table.js';
import { placeTooltip, renderTooltip } from './chart-tooltip.js';
import { seriesToCsv } from './csv.js';
import { drawMarks } from './draw-marks.js';
import { defaultLegendTemplate, expandLegend } from './legend-template.js';
import { appendLivePoints, type RunPoints } from './live-append.js';
import { LiveController } from '../../internal/live-controller.js';
import { cachedRunInfo } from './run-info-cache.js';
import { msg } from './metric-chart.messages.js';
import { metricChartStyles } from './metric-chart.styles.js';
import { plotOptions, type Palette } from './plot-options.js';

/** `detail` of `metric-chart-zoom`: the visible x range, or null after a reset to the full view. */
export interface MetricChartZoomDetail {
  range: [number, number] | null;
}

/** One series' values at the cursor. */
export interface MetricChartCursorValue {
  runId: string;
  key: string;
  label: string;
  /** The drawn (smoothed, when smoothing is on) value; NaN/±Infinity as logged. */
  value: number | null;
  /** The raw value when smoothing is on. */
  original?: number | null;
}

/** `detail` of `metric-chart-cursor`: the x under the cursor (null when it leaves) and every series' value. */
export interface MetricChartCursorDetail {
  x: number | null;
  /** Epoch ms at which the point under the cursor was logged, when the source sends times. */
  time?: number;
  values: MetricChartCursorValue[];
}

type Phase = 'idle' | 'loading' | 'ready' | 'empty' | 'not-found' | 'error' | 'unsupported';
const TAG = 'metric-chart';
const ZOOM_DEBOUNCE_MS = 120;
const LIVE_REFETCH_MS = 1000;
const TABLE_ROWS = 200;
const FALLBACK_SIZE = { width: 600, height: 240 };
const DEFAULT_WEIGHTS: Record<SmoothingKind, number> = { none: 0, ema: 0.6, twema: 0.6, average: 10, gaussian: 3 };

function finite(v: number | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Moves the crosshair (CSS px in the plot; negative hides it) and tells the charts of its sync group. */
function placeCursor(u: uPlot, left: number, top: number): void {
  // uPlot's third argument (publish to the sync group) is missing from its typings
  (u.setCursor as (o: { left: number; top: number }, fire?: boolean, pub?: boolean) => void)({ left, top }, true, true);
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A line chart of one or more metrics of one or more runs, faithful at any size: the source sends
 * the visible range downsampled with M4 (first, min, max and last point per pixel column), so no
 * spike is ever lost, and every zoom asks again, down to the raw points.
 *
 * @summary Line chart of metrics that never hides a spike.
 *
 * @csspart base - The wrapper of everything below.
 * @csspart header - Title, point counts and the toolbar.
 * @csspart title - The title.
 * @csspart toolbar - Reset zoom and export buttons.
 * @csspart plot - The focusable plot area (canvas, crosshair, tooltip).
 * @csspart tooltip - The crosshair tooltip.
 * @csspart legend - The list of series (click to hide).
 * @csspart notes - Warnings about the data (x going backwards, values a log scale cannot show).
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-metric-chart-height - Height of the plot area (default 240px).
 *
 * @fires metric-chart-zoom - The visible x range changed by drag, keyboard or reset; `detail.range` is `[lo, hi]` or null for the full view.
 * @fires metric-chart-cursor - The cursor moved to another point (or left); `detail` has x and every series' value.
 */
export class MetricChart extends RunpageElement {
  static override styles = [RunpageElement.styles, metricChartStyles];

  /** The metric key to plot. */
  @property() metric?: string;

  /** Several metric keys (attribute: comma-separated or a JSON list). Beats `metric`. */
  @property({ converter: listConverter(TAG, /,/) }) metrics?: string[];

  /** Run ids to plot (attribute: comma- or space-separated). Default: the element's run. */
  @property({ converter: listConverter(TAG, /[\s,]+/) }) runs?: string[];

  /** Title above the chart. */
  @property() override title = '';

  /** The x axis: `step`, `relative` (seconds since start), `process` (process runtime), `wallclock` (dates) or a metric key. */
  @property() x = 'step';

  /** Log scale on y; values ≤ 0 are left out and counted in the legend and tooltip. */
  @property({ type: Boolean, attribute: 'log-y' }) logY = false;

  /** Log scale on x; points with x ≤ 0 are left out and counted. */
  @property({ type: Boolean, attribute: 'log-x' }) logX = false;

  /** Lower end of the y axis (default: from the data). */
  @property({ attribute: 'y-min', converter: numberConverter(TAG) }) yMin?: number;

  /** Upper end of the y axis. */
  @property({ attribute: 'y-max', converter: numberConverter(TAG) }) yMax?: number;

  /** Lower end of the full x view; data before it is not fetched. */
  @property({ attribute: 'x-min', converter: numberConverter(TAG) }) xMin?: number;

  /** Upper end of the full x view. */
  @property({ attribute: 'x-max', converter: numberConverter(TAG) }) xMax?: number;

  /** `none`, `ema` (TensorBoard's debiased EMA), `twema` (time-weighted EMA), `average` or `gaussian`. */
  @property() smoothing: SmoothingKind = 'none';

  /** ema/twema: 0 ≤ weight < 1 (default 0.6); average: window radius in points (10); gaussian: σ in points (3). */
  @property({ attribute: 'smoothing-weight', converter: numberConverter(TAG) }) smoothingWeight?: number;

  /** With smoothing, also draw the raw line faintly under the smoothed one. */
  @property({ type: Boolean, attribute: 'show-original' }) showOriginal = false;

  /** Set the y range from the 5th–95th percentile of the visible values (no point is removed). */
  @property({ type: Boolean, attribute: 'ignore-outliers' }) ignoreOutliers = false;

  /** Shade the raw min–max range around each line where points are downsampled or smoothed. */
  @property({ type: Boolean }) band = false;

  /** Charts with the same `sync` group share the crosshair. */
  @property() sync?: string;

  /** Series label template: `${run}`, `${id}`, `${metric}`, and run values such as `${config.lr}`. */
  @property() legend?: string;

  /** Series colours: a list (by series order) or a map from `runId/metric`, label, metric or run id to a CSS colour. */
  @property({ attribute: false }) colors?: string[] | Record<string, string>;

  /**
   * Extra lines at the end of the crosshair tooltip for the x under the cursor (a counter's
   * running total beside its rate, say). Called on every cursor move: keep it cheap.
   */
  @property({ attribute: false }) tooltipNotes?: (x: number, values: MetricChartCursorValue[]) => string[];

  /** Do not follow live updates even when the source can watch the run. */
  @property({ type: Boolean, attribute: 'no-live' }) noLive = false;

  @state() private phase: Phase = 'idle';
  @state() private error?: unknown;
  @state() private zoom?: [number, number];
  @state() private busy = false;
  @state() private hiddenSeries = new Set<string>();
  @state() private announcement = '';
  /** Counts, extents and table rows of the visible range; refreshed after the canvas is painted. */
  @state() private summary: ChartSummary = EMPTY_SUMMARY;
  private summaryFrame = 0;

  private series: ChartSeries[] = [];
  private layout: PlotSeries[] = [];
  private aligned: Aligned = { x: new Float64Array(0), ys: [], missing: [] };
  private plot?: uPlot;
  private plotSignature = '';
  private palette: Palette = { fg: '', muted: '', grid: '', bg: '', font: '' };
  private fullX?: [number, number];
  private viewX: [number, number] = [0, 1];
  /** The x range this element last asked uPlot for; any other x change is the user's drag-zoom. */
  private requestedX?: [number, number];
  private scaleIsOwn = true;
  /** A plot was just created: its first x range is the chart's view, not a user's zoom. */
  private plotFresh = false;
  /** zoomTo() came before the update that loads the data: keep that zoom. */
  private zoomBeforeLoad = false;
  /** The crosshair was placed with the keyboard (and goes away on blur). */
  private keyboardCursor = false;
  private requestSignature = '';
  private requestSource?: unknown;
  private fetchSeq = 0;
  private fetchAbort?: AbortController;
  private lastFetch: 'full' | 'range' = 'full';
  private fetchedWidth = 0;
  private zoomTimer?: ReturnType<typeof setTimeout>;
  private liveTimer?: ReturnType<typeof setTimeout>;
  private runInfos = new Map<string, RunInfo>();
  private runInfoSource?: unknown;
  private cursorIdx: number | null = null;
  private resizeObserver?: ResizeObserver;
  private resizeFrame = 0;

  private readonly canvasHost: HTMLDivElement = document.createElement('div');
  private readonly tooltipEl: HTMLDivElement = document.createElement('div');

  constructor() {
    super();
    this.canvasHost.className = 'canvas-host';
    this.tooltipEl.className = 'tooltip';
    this.tooltipEl.setAttribute('part', 'tooltip');
    this.tooltipEl.hidden = true;
    new ThemeController(this, () => this.onThemeChange());
    new LiveController(
      this,
      () => ({ source: this.dataSource, runIds: this.runIds(), enabled: !this.noLive && this.keys().length > 0 }),
      (events) => {
        const batch: RunPoints[] = [];
        for (const e of events)
          if (e.type === 'metrics' && e.points.length) batch.push({ runId: e.runId, points: e.points });
        if (batch.length) this.onLivePoints(batch);
      },
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => {
      if (!this.resizeFrame) this.resizeFrame = requestAnimationFrame(() => this.onResize());
    });
    this.resizeObserver.observe(this.canvasHost);
    // back in the DOM: fetch what a disconnect cut short, or draw again what was there
    if (!this.requestSignature) this.requestUpdate();
    else if (this.phase === 'ready' && !this.plot) void this.updateComplete.then(() => this.syncPlot());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    if (this.resizeFrame) cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = 0;
    if (this.summaryFrame) cancelAnimationFrame(this.summaryFrame);
    this.summaryFrame = 0;
    clearTimeout(this.zoomTimer);
    this.zoomTimer = undefined;
    clearTimeout(this.liveTimer);
    if (this.fetchAbort) {
      this.fetchAbort.abort();
      this.fetchAbort = undefined;
      // fetch again when put back
      this.requestSignature = '';
    }
    // uPlot keeps charts of a sync group in a shared registry: let this one go
    this.destroyPlot();
  }

  // ---- public API -------------------------------------------------------------------------

  /** The x range in view. */
  get visibleRange(): [number, number] {
    return [this.viewX[0], this.viewX[1]];
  }

  /** True while a request for series is on its way (first load, zoom, resize or live refetch). */
  get fetching(): boolean {
    return this.busy || this.zoomTimer !== undefined;
  }

  /** The uPlot instance (for tests and advanced use); undefined before data is drawn. */
  get uplot(): uPlot | undefined {
    return this.plot;
  }

  /** Zooms the x axis to `[lo, hi]` and fetches that range again (also before the first data arrives). */
  zoomTo(lo: number, hi: number): void {
    if (!finite(lo) || !finite(hi) || lo === hi) return;
    if (!this.hasUpdated || this.isUpdatePending) this.zoomBeforeLoad = true;
    this.setZoom(lo < hi ? [lo, hi] : [hi, lo]);
  }

  /** Back to the full view. */
  resetZoom(): void {
    if (!this.zoom) return;
    this.zoom = undefined;
    this.applyView();
    this.emitZoom(null);
    void this.load('full');
  }

  /** The raw points (not the downsampled ones) of the visible range as CSV. */
  async exportCsv(): Promise<string> {
    const source = this.dataSource;
    if (!source) throw new Error('No data source.');
    const getSeries = requireMethod(source, 'getSeries');
    const list = await getSeries({
      runIds: this.runIds(),
      keys: this.keys(),
      x: sourceXAxis(this.x || 'step'),
      range: [this.viewX[0], this.viewX[1]],
    });
    // the source adds one neighbour outside each end so lines reach the edges; the CSV holds the range only
    const [lo, hi] = this.viewX;
    const inRange = list.map((s) => {
      const [i0, i1] = visibleWindow(s.x, lo, hi);
      return { ...s, x: s.x.subarray(i0, i1), y: s.y.subarray(i0, i1) };
    });
    return seriesToCsv(inRange, this.x || 'step');
  }

  /** The chart (axes and lines) as a PNG image on the theme's background. */
  exportPng(): Promise<Blob | null> {
    const canvas = this.plot?.ctx.canvas;
    if (!canvas) return Promise.resolve(null);
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d');
    if (!ctx) return Promise.resolve(null);
    ctx.fillStyle = this.palette.bg || '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
  }

  // ---- inputs -----------------------------------------------------------------------------

  private runIds(): string[] {
    if (this.runs && this.runs.length > 0) return [...new Set(this.runs)];
    const id = this.runId;
    return id ? [id] : [];
  }

  private keys(): string[] {
    if (this.metrics && this.metrics.length > 0)
      return [...new Set(this.metrics.filter((k) => typeof k === 'string' && k !== ''))];
    return this.metric ? [this.metric] : [];
  }

  private xKind(): XKind {
    return xKindOf(this.x || 'step');
  }

  private smoothingSetting(): Smoothing | undefined {
    const kind = SMOOTHING_KINDS.includes(this.smoothing) ? this.smoothing : 'none';
    if (kind === 'none') return undefined;
    const weight = finite(this.smoothingWeight) ? this.smoothingWeight : DEFAULT_WEIGHTS[kind];
    const s = { kind, weight };
    return isActiveSmoothing(s) ? s : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('smoothing') && this.smoothing && !SMOOTHING_KINDS.includes(this.smoothing)) {
      console.warn(
        `<metric-chart>: smoothing="${this.smoothing}" is not one of ${SMOOTHING_KINDS.join(', ')}; no smoothing.`,
      );
    }
    const keepZoom = this.zoomBeforeLoad;
    this.zoomBeforeLoad = false;
    const source = this.dataSource;
    if (source !== this.runInfoSource) {
      this.runInfos.clear();
      this.runInfoSource = source;
    }
    const s = this.smoothingSetting();
    const signature = JSON.stringify([
      this.runIds(),
      this.keys(),
      this.x || 'step',
      s?.kind,
      s?.weight,
      this.xMin,
      this.xMax,
    ]);
    if (signature !== this.requestSignature || source !== this.requestSource) {
      this.requestSignature = signature;
      this.requestSource = source;
      // new data: the full view, unless zoomTo() was called with the settings that led here
      if (!keepZoom) this.zoom = undefined;
      void this.load(this.zoom ? 'range' : 'full');
      return;
    }
    if (
      ['logX', 'logY', 'band', 'showOriginal', 'legend', 'colors', 'sync'].some((k) =>
        changed.has(k as keyof MetricChart),
      )
    ) {
      this.relabel();
      this.syncPlot();
      if (changed.has('legend')) this.labelWithRunInfos();
    } else if (['yMin', 'yMax', 'ignoreOutliers'].some((k) => changed.has(k as keyof MetricChart))) {
      this.plot?.redraw(true, true);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // theme changes (also this element's own `theme`) reach the chart through ThemeController
    // tick labels and the axis name are in the element's language
    if ((changed as Map<string, unknown>).has('locale') && this.plot) this.syncPlot();
  }

  // ---- fetching ---------------------------------------------------------------------------

  private plotPixelWidth(): number {
    if (this.plot) return Math.max(1, Math.round(this.plot.bbox.width));
    const cssWidth = this.canvasHost.clientWidth || this.clientWidth || FALLBACK_SIZE.width;
    return Math.max(1, Math.round(Math.max(50, cssWidth - 60) * (globalThis.devicePixelRatio || 1)));
  }

  private fullQueryRange(): [number, number] | undefined {
    if (!finite(this.xMin) && !finite(this.xMax)) return undefined;
    return [finite(this.xMin) ? this.xMin : -Number.MAX_VALUE, finite(this.xMax) ? this.xMax : Number.MAX_VALUE];
  }

  private async load(kind: 'full' | 'range'): Promise<void> {
    clearTimeout(this.zoomTimer);
    this.zoomTimer = undefined;
    this.lastFetch = kind;
    const source = this.dataSource;
    const runIds = this.runIds();
    const keys = this.keys();
    this.fetchAbort?.abort();
    this.fetchAbort = undefined;
    const seq = ++this.fetchSeq;
    if (!source || runIds.length === 0 || keys.length === 0) {
      this.phase = 'idle';
      this.destroyPlot();
      return;
    }
    if (typeof source.getSeries !== 'function') {
      this.phase = 'unsupported';
      this.destroyPlot();
      return;
    }
    const abort = new AbortController();
    this.fetchAbort = abort;
    const range = kind === 'range' && this.zoom ? this.zoom : this.fullQueryRange();
    const points = this.plotPixelWidth();
    const query: SeriesQuery = { runIds, keys, x: sourceXAxis(this.x || 'step'), points };
    if (range) query.range = range;
    const smoothing = this.smoothingSetting();
    if (smoothing) query.smoothing = smoothing;
    if (kind === 'full' && this.phase !== 'ready') this.phase = 'loading';
    this.busy = true;
    try {
      const [list] = await Promise.all([
        source.getSeries(query, { signal: abort.signal }),
        kind === 'full' ? this.loadRunInfos(source, runIds) : undefined,
      ]);
      if (seq !== this.fetchSeq) return;
      this.fetchedWidth = points;
      this.applySeries(Array.isArray(list) ? list : [], kind);
    } catch (e) {
      if (seq !== this.fetchSeq) return;
      if (isSourceError(e) && e.code === 'aborted') return;
      this.error = e;
      this.phase =
        isSourceError(e) && e.code === 'not-found'
          ? 'not-found'
          : isSourceError(e) && e.code === 'unsupported'
            ? 'unsupported'
            : 'error';
      this.destroyPlot();
    } finally {
      if (seq === this.fetchSeq) {
        this.busy = false;
        this.fetchAbort = undefined;
      }
    }
  }

  private async loadRunInfos(source: NonNullable<MetricChart['dataSource']>, runIds: string[]): Promise<void> {
    if (!this.needsRunInfo()) return;
    const infos = await Promise.all(runIds.map((id) => cachedRunInfo(source, id)));
    infos.forEach((info, i) => {
      if (info) this.runInfos.set(runIds[i], info);
    });
  }

  /** A new legend template may name run values that were not needed before. */
  private labelWithRunInfos(): void {
    const source = this.dataSource;
    const runIds = this.runIds();
    if (!source || runIds.every((id) => this.runInfos.has(id))) return;
    void this.loadRunInfos(source, runIds).then(() => {
      this.relabel();
      this.requestUpdate();
    });
  }

  /** Labels that name more than the metric need the runs' infos, and so do live points on a time axis. */
  private needsRunInfo(): boolean {
    const template = this.legend || defaultLegendTemplate(this.runIds().length, this.keys().length);
    if (/\$\{\s*(?!(?:metric|id)\s*\})/.test(template)) return true;
    const kind = this.xKind();
    return (kind === 'relative' || kind === 'process') && !this.noLive;
  }

  private retry = (): void => {
    this.error = undefined;
    this.phase = 'loading';
    void this.load(this.lastFetch);
  };

  private applySeries(list: Series[], kind: 'full' | 'range'): void {
    this.series = toChartSeries(list, this.smoothingSetting());
    this.relabel();
    if (kind === 'full') this.fullX = xExtent(this.series, this.logX);
    const points = this.series.reduce((n, s) => n + s.main.length, 0);
    if (points === 0 && kind === 'full') {
      this.phase = 'empty';
      this.destroyPlot();
      return;
    }
    this.phase = 'ready';
    void this.updateComplete.then(() => this.syncPlot());
  }

  private relabel(): void {
    const template = this.legend || defaultLegendTemplate(this.runIds().length, this.keys().length);
    this.series.forEach((s, i) => {
      s.label = expandLegend(template, { runId: s.runId, metric: s.key, run: this.runInfos.get(s.runId) }) || s.key;
      s.color = colorOverride(this.colors, s, i) ?? seriesColor(this, i);
    });
  }

  // ---- plot -------------------------------------------------------------------------------

  private realign(): void {
    this.aligned = alignColumns(this.layout.slice(1).map((p) => plotColumn(this.series, p)));
  }

  private plotData(): uPlot.AlignedData {
    return [this.aligned.x, ...this.aligned.ys] as unknown as uPlot.AlignedData;
  }

  /** Creates the plot, or gives it the new data when its series are the same kind as before. */
  private syncPlot(): void {
    if (this.phase !== 'ready' || !this.canvasHost.isConnected) return;
    const layout = plotLayout(this.series, this.band, this.showOriginal);
    const signature = JSON.stringify([
      layout.map((p) => [p.chart === -1 ? '' : this.series[p.chart].id, p.role]),
      this.logX,
      this.logY,
      this.xKind(),
      this.sync ?? '',
      this.locale,
    ]);
    this.layout = layout;
    this.realign();
    // every uPlot call that is not batched costs a draw of its own: one per change here
    if (!this.plot || signature !== this.plotSignature) {
      this.createPlot();
      this.plotSignature = signature;
    } else {
      const u = this.plot;
      u.batch(() => {
        u.setData(this.plotData(), false);
        this.applyView();
        this.applyVisibility();
      });
    }
    this.scheduleSummary();
  }

  private destroyPlot(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.plotSignature = '';
    this.tooltipEl.hidden = true;
    this.cursorIdx = null;
  }

  private readPalette(): void {
    const font = readToken(this, 'font-family') || 'sans-serif';
    this.palette = {
      fg: readToken(this, 'color-fg'),
      muted: readToken(this, 'color-muted'),
      grid: readToken(this, 'color-grid'),
      bg: readToken(this, 'color-bg'),
      font: `11px ${font}`,
    };
  }

  private onThemeChange(): void {
    this.readPalette();
    this.series.forEach((s, i) => (s.color = colorOverride(this.colors, s, i) ?? seriesColor(this, i)));
    if (this.plot) this.plot.redraw(false, false);
    this.scheduleSummary();
  }

  private createPlot(): void {
    this.destroyPlot();
    this.readPalette();
    this.relabel();
    const setup = {
      width: this.canvasHost.clientWidth || FALLBACK_SIZE.width,
      height: this.canvasHost.clientHeight || FALLBACK_SIZE.height,
      xKind: this.xKind(),
      logX: this.logX,
      logY: this.logY,
      sync: this.sync || undefined,
      layout: this.layout,
      labels: this.series.map((s) => s.label),
      xLabel: this.xLabel(),
    };
    const opts = plotOptions(setup, {
      locale: () => this.locale,
      palette: () => this.palette,
      color: (chart) => this.series[chart]?.color ?? this.palette.fg,
      hidden: (chart) => this.hiddenSeries.has(this.series[chart]?.id ?? ''),
      missing: (si) => this.aligned.missing[si - 1] ?? null,
      xRange: (min, max) => this.xScaleRange(min, max),
      yRange: () => this.yScaleRange(),
      dataIdx: (si, idx) => this.nearestDrawable(si, idx),
      onScale: (u, key) => this.onScale(u, key),
      onCursor: (u) => this.onCursor(u),
      onDraw: (u) => this.drawExtras(u),
      onDoubleClick: () => this.resetZoom(),
    });
    this.plotFresh = true;
    this.plot = new uPlot(opts, this.plotData(), this.canvasHost);
  }

  private applyVisibility(): void {
    const u = this.plot;
    if (!u) return;
    this.layout.forEach((p, si) => {
      if (si === 0) return;
      const show = !this.hiddenSeries.has(this.series[p.chart].id);
      if (u.series[si].show !== show) u.setSeries(si, { show });
    });
  }

  /** The x view the chart should show now: the user's zoom, else the full extent. */
  private targetView(): [number, number] {
    if (this.zoom) return this.zoom;
    const data = xExtent(this.series, this.logX);
    const full: [number, number] = [this.fullX?.[0] ?? data?.[0] ?? 0, this.fullX?.[1] ?? data?.[1] ?? 1];
    // live data extends the view
    if (data) {
      full[0] = Math.min(full[0], data[0]);
      full[1] = Math.max(full[1], data[1]);
    }
    if (finite(this.xMin)) full[0] = this.xMin;
    if (finite(this.xMax)) full[1] = this.xMax;
    return full;
  }

  private applyView(): void {
    const u = this.plot;
    if (!u) return;
    const [min, max] = this.targetView();
    this.requestedX = [min, max];
    u.setScale('x', { min, max });
  }

  private xScaleRange(min: number | null, max: number | null): uPlot.Range.MinMax {
    const fresh = this.plotFresh;
    this.plotFresh = false;
    const own =
      fresh ||
      min === null ||
      max === null ||
      min === undefined ||
      max === undefined ||
      (this.requestedX !== undefined && min === this.requestedX[0] && max === this.requestedX[1]);
    this.scaleIsOwn = own;
    // a new plot, or no range asked for: the view the chart should show
    const asked = fresh || !(finite(min ?? undefined) && finite(max ?? undefined)) ? this.targetView() : [min, max];
    let lo = finite(asked[0] ?? undefined) ? (asked[0] as number) : 0;
    let hi = finite(asked[1] ?? undefined) ? (asked[1] as number) : 1;
    if (this.logX) {
      if (!(lo > 0)) lo = hi > 0 ? hi / 1000 : 1;
      if (!(hi > lo)) hi = lo * 10;
    } else if (!(hi > lo)) {
      const d = lo === 0 ? 1 : Math.abs(lo) * 0.01;
      lo -= d;
      hi += d;
    }
    this.viewX = [lo, hi];
    // a redraw asks again with the adjusted range
    if (own) this.requestedX = [lo, hi];
    return [lo, hi];
  }

  /** y from the drawable values in view (or the 5th–95th percentile), then `y-min`/`y-max`. */
  private yScaleRange(): uPlot.Range.MinMax {
    const log = this.logY;
    const [i0, i1] = visibleWindow(this.aligned.x, this.viewX[0], this.viewX[1]);
    const ys: Float64Array[] = [];
    this.layout.forEach((p, si) => {
      if (si === 0 || p.role === 'band') return;
      if (this.hiddenSeries.has(this.series[p.chart].id)) return;
      if (this.ignoreOutliers && p.role !== 'main') return;
      ys.push(this.aligned.ys[si - 1]);
    });
    const extent = this.ignoreOutliers ? quantileRange(ys, i0, i1, log) : valueExtent(ys, i0, i1, log);
    let [lo, hi] = extent ? paddedRange(extent[0], extent[1], log) : log ? [1, 10] : [0, 1];
    if (finite(this.yMin) && (!log || this.yMin > 0)) lo = this.yMin;
    if (finite(this.yMax) && (!log || this.yMax > 0)) hi = this.yMax;
    if (!(hi > lo)) hi = log ? lo * 10 : lo + 1;
    return [lo, hi];
  }

  /** The index nearest `idx` where series `si` has a drawable value (for the cursor point and tooltip). */
  private nearestDrawable(si: number, idx: number): number {
    if (si === 0) return idx;
    const y = this.aligned.ys[si - 1];
    const missing = this.aligned.missing[si - 1];
    const x = this.aligned.x;
    if (!y) return idx;
    const ok = (i: number) => !(missing && missing[i]) && drawable(y[i], this.logY);
    if (ok(idx)) return idx;
    for (let d = 1; d < 256; d++) {
      const l = idx - d;
      const r = idx + d;
      const okL = l >= 0 && ok(l);
      const okR = r < y.length && ok(r);
      if (okL && okR) return x[idx] - x[l] <= x[r] - x[idx] ? l : r;
      if (okL) return l;
      if (okR) return r;
      if (l < 0 && r >= y.length) break;
    }
    return idx;
  }

  private onScale(u: uPlot, key: string): void {
    if (key !== 'x') return;
    const min = u.scales.x.min;
    const max = u.scales.x.max;
    if (!this.scaleIsOwn && finite(min ?? undefined) && finite(max ?? undefined)) {
      this.scaleIsOwn = true;
      // a drag-zoom by the user
      this.zoom = [min as number, max as number];
      this.emitZoom(this.zoom);
      this.scheduleRangeFetch();
    }
    this.scheduleSummary();
  }

  private setZoom(range: [number, number]): void {
    this.zoom = range;
    this.applyView();
    this.emitZoom(range);
    this.scheduleRangeFetch();
  }

  private emitZoom(range: [number, number] | null): void {
    this.dispatchEvent(
      new CustomEvent<MetricChartZoomDetail>('metric-chart-zoom', {
        detail: { range: range ? [range[0], range[1]] : null },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private scheduleRangeFetch(delay = ZOOM_DEBOUNCE_MS): void {
    clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => {
      this.zoomTimer = undefined;
      void this.load(this.zoom ? 'range' : 'full');
    }, delay);
  }

  private onResize(): void {
    this.resizeFrame = 0;
    const u = this.plot;
    if (!u) return;
    const width = this.canvasHost.clientWidth;
    const height = this.canvasHost.clientHeight;
    if (!width || !height || (width === u.width && height === u.height)) return;
    u.setSize({ width, height });
    const px = this.plotPixelWidth();
    if (Math.abs(px - this.fetchedWidth) > this.fetchedWidth * 0.1) this.scheduleRangeFetch(200);
    this.scheduleSummary();
  }

  // ---- cursor and tooltip -----------------------------------------------------------------

  private valuesAt(u: uPlot): MetricChartCursorValue[] {
    const out: MetricChartCursorValue[] = [];
    const idxs = u.cursor.idxs ?? [];
    this.series.forEach((s, chart) => {
      if (this.hiddenSeries.has(s.id)) return;
      const mainSi = this.layout.findIndex((p, si) => si > 0 && p.chart === chart && p.role === 'main');
      const value = this.valueAtIdx(mainSi, idxs[mainSi]);
      const entry: MetricChartCursorValue = { runId: s.runId, key: s.key, label: s.label, value };
      if (s.original) {
        const origSi = this.layout.findIndex((p, si) => si > 0 && p.chart === chart && p.role === 'original');
        entry.original =
          origSi > 0
            ? this.valueAtIdx(origSi, idxs[origSi])
            : this.rawAt(s, value === null ? NaN : this.aligned.x[idxs[mainSi] ?? 0]);
      }
      out.push(entry);
    });
    return out;
  }

  private valueAtIdx(si: number, idx: number | null | undefined): number | null {
    if (si <= 0 || idx === null || idx === undefined) return null;
    const missing = this.aligned.missing[si - 1];
    if (missing && missing[idx]) return null;
    const v = this.aligned.ys[si - 1]?.[idx];
    return v === undefined ? null : v;
  }

  /** The raw value at x (when the original line is not drawn). */
  private rawAt(s: ChartSeries, x: number): number | null {
    if (!s.original || !Number.isFinite(x)) return null;
    const [i0] = visibleWindow(s.original.x, x, x);
    return i0 < s.original.length && s.original.x[i0] === x ? s.original.y[i0] : null;
  }

  private onCursor(u: uPlot): void {
    const idx = u.cursor.idx ?? null;
    if (idx === null || u.cursor.left === undefined || u.cursor.left < 0) {
      this.tooltipEl.hidden = true;
      if (this.cursorIdx !== null) {
        this.cursorIdx = null;
        this.emitCursor({ x: null, values: [] });
      }
      return;
    }
    const x = this.aligned.x[idx];
    const values = this.valuesAt(u);
    const time = this.timeAt(x);
    this.renderTooltip(u, x, time, values);
    if (idx !== this.cursorIdx) {
      this.cursorIdx = idx;
      this.emitCursor(time === undefined ? { x, values } : { x, time, values });
    }
  }

  /** When the point at `x` was logged: from the first shown series whose source sent times. */
  private timeAt(x: number): number | undefined {
    if (this.xKind() === 'wallclock') return undefined;
    for (const s of this.series) {
      const t = s.main.time;
      if (!t || this.hiddenSeries.has(s.id)) continue;
      const [i] = visibleWindow(s.main.x, x, x);
      if (i < s.main.length && s.main.x[i] === x && Number.isFinite(t[i])) return t[i];
    }
    return undefined;
  }

  private emitCursor(detail: MetricChartCursorDetail): void {
    this.dispatchEvent(
      new CustomEvent<MetricChartCursorDetail>('metric-chart-cursor', { detail, bubbles: true, composed: true }),
    );
  }

  /** A y value with the digits that tell it from its neighbours on the visible range. */
  private fmt(v: number | null | undefined): string {
    if (v === null || v === undefined) return '—';
    return formatValueWithin(v, this.scaleSpan('y'), this.locale);
  }

  /** An x value, to the precision of the visible x range. */
  private fmtX(x: number): string {
    return formatXValue(this.xKind(), x, this.locale, this.scaleSpan('x'));
  }

  private scaleSpan(key: 'x' | 'y'): number | undefined {
    const scale = this.plot?.scales[key];
    return scale && scale.min != null && scale.max != null ? scale.max - scale.min : undefined;
  }

  private renderTooltip(u: uPlot, x: number, time: number | undefined, values: MetricChartCursorValue[]): void {
    const lang = this.locale;
    const rows = values.map((v) => {
      const s = this.series.find((c) => c.runId === v.runId && c.key === v.key);
      const c = this.summary.columns.get(s?.id ?? '');
      const notes: string[] = [];
      if (c && c.nonFinite > 0) notes.push(msg(lang, 'nonFinite', c.nonFinite));
      if (c && this.logY && c.nonPositive > 0) notes.push(this.nonPositiveText(c));
      return {
        label: v.label,
        color: s?.color ?? '',
        value: this.fmt(v.value),
        original: v.original !== undefined ? this.fmt(v.original) : undefined,
        notes,
      };
    });
    renderTooltip(
      this.tooltipEl,
      `${this.xLabel()} ${this.fmtX(x)}${time === undefined ? '' : ` · ${formatDateTime(time, lang)}`}`,
      msg(lang, 'original'),
      rows,
      this.footerNotes(x, values),
    );
    this.tooltipEl.hidden = false;
    const ratio = uPlot.pxRatio || 1;
    placeTooltip(
      this.tooltipEl,
      u.bbox.left / ratio + (u.cursor.left ?? 0),
      u.bbox.top / ratio + (u.cursor.top ?? 0),
      this.canvasHost.clientWidth,
      this.canvasHost.clientHeight,
    );
  }

  /** The embedder's extra tooltip lines; a throwing callback costs its lines, not the tooltip. */
  private footerNotes(x: number, values: MetricChartCursorValue[]): string[] {
    try {
      const notes = this.tooltipNotes?.(x, values);
      return Array.isArray(notes) ? notes.filter((n) => typeof n === 'string' && n !== '') : [];
    } catch (e) {
      console.warn(`<${this.localName}>: tooltipNotes threw`, e);
      return [];
    }
  }

  private xLabel(): string {
    const kind = this.xKind();
    return kind === 'metric' ? this.x : msg(this.locale, kind);
  }

  /** Recomputes the legend counts and the data table after the next paint (coalesced). */
  private scheduleSummary(): void {
    if (this.summaryFrame) return;
    this.summaryFrame = requestAnimationFrame(() => {
      this.summaryFrame = 0;
      this.summary = this.computeSummary();
    });
  }

  private computeSummary(): ChartSummary {
    const columns = this.mainSeriesIndexes().map((si) => {
      const s = this.series[this.layout[si].chart];
      return {
        id: s.id,
        y: this.aligned.ys[si - 1],
        missing: this.aligned.missing[si - 1],
        raw: s.original ? { x: s.original.x, y: s.original.y } : undefined,
        exact: s.exact,
        sourceNonFinite: s.nonFinite,
      };
    });
    return summarize(this.aligned.x, columns, this.viewX, TABLE_ROWS);
  }

  /** uPlot indexes of the main (not original, not band) lines. */
  private mainSeriesIndexes(): number[] {
    const out: number[] = [];
    this.layout.forEach((p, si) => {
      if (si > 0 && p.role === 'main') out.push(si);
    });
    return out;
  }

  // ---- drawing extras ---------------------------------------------------------------------

  /** Dots on sparse raw points, and a marker under every non-finite value (drawn as a gap). */
  private drawExtras(u: uPlot): void {
    const window = visibleWindow(this.aligned.x, this.viewX[0], this.viewX[1]);
    const columns = [];
    for (let si = 1; si < this.layout.length; si++) {
      const p = this.layout[si];
      if (p.role === 'band' || !u.series[si].show) continue;
      const s = this.series[p.chart];
      columns.push({
        y: this.aligned.ys[si - 1],
        missing: this.aligned.missing[si - 1],
        color: s.color,
        dots: s.exact,
        faint: p.role === 'original',
        markNonFinite: p.role === 'main',
      });
    }
    drawMarks(u, this.aligned.x, window, columns, this.logX, this.logY, uPlot.pxRatio || 1);
  }

  // ---- live -------------------------------------------------------------------------------

  private onLivePoints(batch: RunPoints[]): void {
    if (this.phase === 'empty') {
      const keys = new Set(this.keys());
      if (batch.some((b) => b.points.some((p) => keys.has(p.key)))) this.scheduleLiveRefetch(0);
      return;
    }
    if (this.phase !== 'ready') return;
    const { changed, refetch } = appendLivePoints(
      this.series,
      batch,
      this.xKind(),
      (runId) => this.runInfos.get(runId)?.startedAt,
      this.smoothingSetting(),
    );
    let again = refetch;
    if (changed) {
      if (!this.zoom && this.fullX) {
        const data = xExtent(this.series, this.logX);
        if (data) this.fullX = [Math.min(this.fullX[0], data[0]), Math.max(this.fullX[1], data[1])];
      }
      this.syncPlot();
      // far more points than pixels: let the source downsample again
      const longest = Math.max(...this.series.map((s) => s.main.length));
      if (longest > 8 * this.plotPixelWidth()) again = true;
    }
    if (again) this.scheduleLiveRefetch(LIVE_REFETCH_MS);
  }

  private scheduleLiveRefetch(delay: number): void {
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => {
      if (this.fetchAbort) return; // a fetch is already on its way
      void this.load(this.zoom ? 'range' : 'full');
    }, delay);
  }

  // ---- keyboard ---------------------------------------------------------------------------

  private onKeyDown = (e: KeyboardEvent): void => {
    const u = this.plot;
    if (!u) return;
    const [lo, hi] = this.viewX;
    const [i0, i1] = visibleWindow(this.aligned.x, lo, hi);
    if (i1 <= i0 && !['+', '=', '-', '_', 'Escape'].includes(e.key)) return;
    const current = this.cursorIdx ?? -1;
    let handled = true;
    switch (e.key) {
      case 'ArrowRight':
        this.moveCursor(current < i0 ? i0 : this.nextPoint(current, 1, i0, i1));
        break;
      case 'ArrowLeft':
        this.moveCursor(current < i0 || current >= i1 ? i1 - 1 : this.nextPoint(current, -1, i0, i1));
        break;
      case 'Home':
        this.moveCursor(i0);
        break;
      case 'End':
        this.moveCursor(i1 - 1);
        break;
      case '+':
      case '=': {
        // the point under the cursor (or the middle) stays where it is on screen
        const anchor = current >= i0 && current < i1 ? this.aligned.x[current] : (lo + hi) / 2;
        const next = anchor - (anchor - lo) / 2;
        this.setZoom([next, next + (hi - lo) / 2]);
        break;
      }
      case '-':
      case '_': {
        const full = this.fullX ?? [lo, hi];
        const half = hi - lo;
        const next: [number, number] = [
          Math.max(full[0], (lo + hi) / 2 - half),
          Math.min(full[1], (lo + hi) / 2 + half),
        ];
        if (next[0] <= full[0] && next[1] >= full[1]) this.resetZoom();
        else this.setZoom(next);
        break;
      }
      case 'Escape':
        if (this.zoom) this.resetZoom();
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  /** Leaving the chart with the keyboard takes its crosshair and tooltip away. */
  private onBlur = (): void => {
    if (!this.keyboardCursor || !this.plot) return;
    this.keyboardCursor = false;
    placeCursor(this.plot, -10, -10);
  };

  /** The next index in direction `dir` where any visible series has a drawable value. */
  private nextPoint(from: number, dir: 1 | -1, i0: number, i1: number): number {
    for (let i = from + dir; i >= i0 && i < i1; i += dir) {
      for (let si = 1; si < this.layout.length; si++) {
        const p = this.layout[si];
        if (p.role !== 'main' || this.hiddenSeries.has(this.series[p.chart].id)) continue;
        const missing = this.aligned.missing[si - 1];
        if (!(missing && missing[i]) && drawable(this.aligned.ys[si - 1][i], this.logY)) return i;
      }
    }
    return from;
  }

  private moveCursor(idx: number): void {
    const u = this.plot;
    if (!u || idx < 0 || idx >= this.aligned.x.length) return;
    const mainSi = this.layout.findIndex(
      (p, si) => si > 0 && p.role === 'main' && !this.hiddenSeries.has(this.series[p.chart].id),
    );
    const yv = mainSi > 0 ? this.aligned.ys[mainSi - 1][this.nearestDrawable(mainSi, idx)] : NaN;
    const left = u.valToPos(this.aligned.x[idx], 'x');
    const top = drawable(yv, this.logY) ? u.valToPos(yv, 'y') : u.bbox.height / (uPlot.pxRatio || 1) / 2;
    placeCursor(u, left, top);
    this.keyboardCursor = true;
    const values = this.valuesAt(u);
    const x = this.fmtX(this.aligned.x[idx]);
    this.announcement = `${this.xLabel()} ${x}: ${values.map((v) => `${v.label} ${this.fmt(v.value)}`).join(', ')}`;
  }

  // ---- legend -----------------------------------------------------------------------------

  private toggle(s: ChartSeries): void {
    const hidden = new Set(this.hiddenSeries);
    if (hidden.has(s.id)) hidden.delete(s.id);
    else hidden.add(s.id);
    this.hiddenSeries = hidden;
    this.plot?.batch(() => this.applyVisibility());
    this.scheduleSummary();
  }

  private onExportPng = async (): Promise<void> => {
    const blob = await this.exportPng();
    if (blob) download(blob, `${this.fileStem()}.png`);
  };

  private onExportCsv = async (): Promise<void> => {
    try {
      const csv = await this.exportCsv();
      download(new Blob([csv], { type: 'text/csv' }), `${this.fileStem()}.csv`);
    } catch (e) {
      console.warn('<metric-chart>: could not export CSV', e);
    }
  };

  private fileStem(): string {
    return (this.title || this.keys().join('_') || 'chart').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);
  }

  // ---- render -----------------------------------------------------------------------------

  private renderHeader(): TemplateResult {
    const ready = this.phase === 'ready';
    return html`<div class="header" part="header">
      ${this.title ? html`<div class="title" part="title">${this.title}</div>` : nothing}
      ${ready ? html`<span class="stats">${this.statsText()}</span>` : nothing}
      ${
        ready
          ? html`<div class="toolbar" part="toolbar">
              ${this.zoom ? html`<button class="rp-button" type="button" @click=${() => this.resetZoom()}>${msg(this.locale, 'resetZoom')}</button>` : nothing}
              <button
                class="rp-button"
                type="button"
                aria-label=${msg(this.locale, 'exportPngLabel')}
                title=${msg(this.locale, 'exportPngLabel')}
                @click=${this.onExportPng}
              >
                ${msg(this.locale, 'exportPng')}
              </button>
              <button
                class="rp-button"
                type="button"
                aria-label=${msg(this.locale, 'exportCsvLabel')}
                title=${msg(this.locale, 'exportCsvLabel')}
                @click=${this.onExportCsv}
              >
                ${msg(this.locale, 'exportCsv')}
              </button>
            </div>`
          : nothing
      }
    </div>`;
  }

  private statsText(): string {
    const total = this.series.reduce((n, s) => n + s.total, 0);
    const shown = this.series.reduce((n, s) => n + s.main.length, 0);
    if (this.series.every((s) => s.exact)) return msg(this.locale, 'exact', total);
    return msg(this.locale, 'downsampled', Math.min(shown, total), total);
  }

  private renderLegend(): TemplateResult {
    const counts = this.summary.columns;
    return html`<ul class="legend" part="legend" aria-label=${msg(this.locale, 'series')}>
      ${this.series.map((s) => {
        const c = counts.get(s.id);
        const shown = !this.hiddenSeries.has(s.id);
        return html`<li>
          <button
            type="button"
            aria-pressed=${shown ? 'true' : 'false'}
            title=${msg(this.locale, 'toggleSeries', s.label)}
            @click=${() => this.toggle(s)}
          >
            <span class="swatch" style=${styleProps({ '--swatch': s.color })}></span>
            <span>${s.label}</span>
            ${c && c.nonFinite > 0 ? html`<span class="legend-warn">${msg(this.locale, 'nonFinite', c.nonFinite)}</span>` : nothing}
            ${c && this.logY && c.nonPositive > 0 ? html`<span class="legend-warn">${this.nonPositiveText(c)}</span>` : nothing}
          </button>
        </li>`;
      })}
    </ul>`;
  }

  private nonPositiveText(c: ColumnSummary): string {
    return msg(this.locale, c.nonPositiveExact ? 'nonPositive' : 'nonPositiveAtLeast', c.nonPositive);
  }

  private renderNotes(): TemplateResult | typeof nothing {
    const notes: string[] = [];
    if (this.series.some((s) => s.nonMonotonic)) notes.push(msg(this.locale, 'nonMonotonic'));
    if (this.logX) {
      let left = 0;
      for (const s of this.series) for (let i = 0; i < s.main.length && !(s.main.x[i] > 0); i++) left++;
      if (left > 0) notes.push(msg(this.locale, 'nonPositiveX', left));
    }
    if (notes.length === 0) return nothing;
    return html`<p class="notes" part="notes" role="note">${notes.join(' ')}</p>`;
  }

  private renderTable(): TemplateResult {
    const lang = this.locale;
    const mains = this.mainSeriesIndexes();
    const summary = mains
      .map((si) => {
        const s = this.series[this.layout[si].chart];
        const c = this.summary.columns.get(s.id);
        return msg(lang, 'summary', s.label, s.total, this.fmt(c?.min), this.fmt(c?.max), this.fmt(c?.last));
      })
      .join(' ');
    return renderDataTable({
      caption: msg(lang, 'tableCaption', this.title || this.keys().join(', ')),
      summary,
      xHeader: this.xLabel(),
      x: this.aligned.x,
      rows: this.summary.rows.filter((i) => i < this.aligned.x.length),
      columns: mains.map((si) => ({
        label: this.series[this.layout[si].chart].label,
        y: this.aligned.ys[si - 1],
        missing: this.aligned.missing[si - 1],
      })),
      formatX: (v) => this.fmtX(v),
      formatY: (v) => this.fmt(v),
    });
  }

  protected override render(): TemplateResult {
    const before = this.renderSourceState();
    if (before) return before;
    const keys = this.keys();
    const lang = this.locale;
    if (keys.length === 0) return renderEmpty(msg(lang, 'noMetric'), msg(lang, 'noMetricDetail'));
    const label = this.title || keys.join(', ');
    switch (this.phase) {
      case 'idle':
      case 'loading':
        return html`<div class="base" part="base">
          ${this.renderHeader()}
          <div class="plot">${renderLoading(lang)}</div>
        </div>`;
      case 'unsupported':
        return renderUnsupported(lang, msg(lang, 'what'));
      case 'not-found':
        return renderEmpty(msg(lang, 'notFound'), msg(lang, 'notFoundDetail', keys.join(', ')));
      case 'empty':
        return html`<div class="base" part="base">
          ${this.renderHeader()}${renderEmpty(msg(lang, 'empty'), msg(lang, 'emptyDetail', keys.join(', ')))}
        </div>`;
      case 'error':
        return renderError(lang, this.error, this.retry);
      default:
        break;
    }
    return html`<div class="base" part="base" title="">
      ${this.renderHeader()}
      <div
        class="plot"
        part="plot"
        tabindex="0"
        role="application"
        aria-roledescription=${msg(lang, 'chart')}
        aria-label=${label}
        aria-describedby="keyboard-help"
        @keydown=${this.onKeyDown}
        @blur=${this.onBlur}
      >
        ${this.canvasHost}${this.tooltipEl}
        ${this.busy ? html`<span class="busy" aria-hidden="true">${msg(lang, 'refreshing')}</span>` : nothing}
      </div>
      <span id="keyboard-help" class="rp-visually-hidden">${msg(lang, 'keyboardHelp')}</span>
      <div class="rp-visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderLegend()} ${this.renderNotes()} ${this.renderTable()}
    </div>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'metric-chart-zoom': CustomEvent<MetricChartZoomDetail>;
    'metric-chart-cursor': CustomEvent<MetricChartCursorDetail>;
  }
}

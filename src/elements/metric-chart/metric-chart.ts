import { html, type PropertyValues, type TemplateResult } from 'lit';
import { initialState, TaskStatus } from '@lit/task';
import type uPlot from 'uplot';
import { isSourceError } from '../../data/errors.js';
import { SMOOTHING_KINDS, type RunSource, type SeriesQuery, type SmoothingKind } from '../../data/source.js';
import { warnAttribute } from '../../internal/attribute-check.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { formatDateTime } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { LiveController } from '../../internal/live-controller.js';
import { common } from '../../internal/messages.js';
import { ResizeController } from '../../internal/resize-controller.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty, renderLoading } from '../../internal/states.js';
import { seriesColor, ThemeController } from '../../internal/theme.js';
import { listConverter, numberConverter } from './attribute-converters.js';
import { formatValueWithin, formatXValue, sourceXAxis, xKindOf, type XKind } from './axis-format.js';
import type { MetricChartCursorValue } from './chart-events.js';
import {
  chartKeys,
  chartRunIds,
  finite,
  fullQueryRange,
  legendTemplate,
  smoothingOf,
  templateNamesRunValues,
  templateNeedsRun,
} from './chart-inputs.js';
import { columnWarnings, renderHeader, renderLegend, renderNotes, renderTable } from './chart-parts.js';
import type { ChartSeries } from './chart-series.js';
import { EMPTY_SUMMARY, type ChartSummary } from './chart-summary.js';
import { LazyCursor } from './lazy-cursor.js';
import { liveCode } from './lazy-parts.js';
import type { LiveChart, RunPoints } from './live-append.js';
import { msg } from './metric-chart.messages.js';
import { metricChartStyles } from './metric-chart.styles.js';
import { dateCode, outlierCode } from './plot-parts.js';
import { PlotView, type PlotInputs } from './plot-view.js';
import { RefetchTimer } from './refetch-timer.js';
import { SeriesStore, type Fetched } from './series-store.js';

export type { MetricChartCursorDetail, MetricChartCursorValue, MetricChartZoomDetail } from './chart-events.js';

const TAG = 'metric-chart';

/** CSV and PNG export load on the first export: most charts are never exported. */
const loadExport = (): Promise<typeof import('./chart-export.js')> => import('./chart-export.js');
const ZOOM_DEBOUNCE_MS = 120;
const RESIZE_REFETCH_MS = 200;
const TABLE_ROWS = 200;
/** Longest wait for an idle moment before the screen-reader table is built anyway. */
const TABLE_IDLE_TIMEOUT_MS = 500;

/** `title` used as the label: warned about once per page. */
let warnedTitle = false;

/**
 * A line chart of one or more metrics of one or more runs, faithful at any size: the source sends
 * the visible range downsampled with M4 (first, min, max and last point per pixel column), so no
 * spike is ever lost, and every zoom asks again, down to the raw points. While a zoom or a live
 * update is asked for again, the chart keeps showing what it has.
 *
 * @summary Line chart of metrics that never hides a spike.
 *
 * @csspart base - The wrapper of everything below.
 * @csspart header - Label, point counts and the toolbar.
 * @csspart title - The label.
 * @csspart toolbar - Reset zoom and export buttons.
 * @csspart plot - The focusable plot area (canvas, crosshair, tooltip).
 * @csspart tooltip - The crosshair tooltip.
 * @csspart legend - The list of series (click to hide).
 * @csspart notes - Warnings about the data (x going backwards, values a log scale cannot show).
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-metric-chart-height - Height of the plot area (default 240px).
 *
 * @fires metric-chart-zoom - The user changed the visible x range (drag, keyboard, double-click, reset button); `detail.range` is `[lo, hi]` or null for the full view. `zoomTo()` and `resetZoom()` do not fire it.
 * @fires metric-chart-cursor - The cursor moved to another point (or left); `detail` has x and every series' value.
 */
export class MetricChart extends RunpageElement {
  static override styles = [RunpageElement.styles, metricChartStyles];

  static override properties = {
    metric: {},
    metrics: { converter: listConverter(TAG, /,/) },
    runs: { converter: listConverter(TAG, /[\s,]+/) },
    label: {},
    title: {},
    x: {},
    logY: { type: Boolean, attribute: 'log-y' },
    logX: { type: Boolean, attribute: 'log-x' },
    yMin: { attribute: 'y-min', converter: numberConverter(TAG) },
    yMax: { attribute: 'y-max', converter: numberConverter(TAG) },
    xMin: { attribute: 'x-min', converter: numberConverter(TAG) },
    xMax: { attribute: 'x-max', converter: numberConverter(TAG) },
    smoothing: {},
    smoothingWeight: { attribute: 'smoothing-weight', converter: numberConverter(TAG) },
    showOriginal: { type: Boolean, attribute: 'show-original' },
    ignoreOutliers: { type: Boolean, attribute: 'ignore-outliers' },
    band: { type: Boolean },
    sync: {},
    legend: {},
    colors: { attribute: false },
    tooltipNotes: { attribute: false },
    noLive: { type: Boolean, attribute: 'no-live' },
    hiddenSeries: { state: true },
    announcement: { state: true },
    summary: { state: true },
    tableSummary: { state: true },
    busyShown: { state: true },
  };

  /** The metric key to plot. */
  declare metric?: string;

  /** Several metric keys (attribute: comma-separated or a JSON list). Beats `metric`. */
  declare metrics?: string[];

  /** Run ids to plot (attribute: comma- or space-separated). Default: the element's run. */
  declare runs?: string[];

  /** The chart's name: shown above it and read by screen readers as the plot's name. */
  label = '';

  /**
   * The old name of `label`, still read (with one console warning per page).
   * @deprecated Use `label`: `title` is the global attribute for a tooltip over the whole element.
   */
  override get title(): string {
    return this.label;
  }
  override set title(value: string) {
    if (value && !warnedTitle) {
      warnedTitle = true;
      console.warn(`<${this.localName}>: "title" is deprecated; use "label" (title is the browser's tooltip).`);
    }
    this.label = value ?? '';
  }

  /** The x axis: `step`, `relative` (seconds since start), `process` (process runtime), `wallclock` (dates) or a metric key. */
  x = 'step';

  /** Log scale on y; values ≤ 0 are left out and counted in the legend and tooltip. */
  logY = false;

  /** Log scale on x; points with x ≤ 0 are left out and counted. */
  logX = false;

  /** Lower end of the y axis (default: from the data). */
  declare yMin?: number;

  /** Upper end of the y axis. */
  declare yMax?: number;

  /** Lower end of the full x view; data before it is not fetched. */
  declare xMin?: number;

  /** Upper end of the full x view. */
  declare xMax?: number;

  /** `none`, `ema` (TensorBoard's debiased EMA), `twema` (time-weighted EMA), `average` or `gaussian`. */
  smoothing: SmoothingKind = 'none';

  /** ema/twema: 0 ≤ weight < 1 (default 0.6); average: window radius in points (10); gaussian: σ in points (3). */
  declare smoothingWeight?: number;

  /** With smoothing, also draw the raw line faintly under the smoothed one. */
  showOriginal = false;

  /** Set the y range from the 5th–95th percentile of the visible values (no point is removed). */
  ignoreOutliers = false;

  /** Shade the raw min–max range around each line where points are downsampled or smoothed. */
  band = false;

  /** Charts with the same `sync` group share the crosshair. */
  declare sync?: string;

  /** Series label template: `${run}`, `${id}`, `${metric}`, and run values such as `${config.lr}`. */
  declare legend?: string;

  /** Series colours: a list (by series order) or a map from `runId/metric`, label, metric or run id to a CSS colour. */
  declare colors?: string[] | Record<string, string>;

  /**
   * Extra lines at the end of the crosshair tooltip for the x under the cursor (a counter's
   * running total beside its rate, say). Called on every cursor move: keep it cheap.
   */
  declare tooltipNotes?: (x: number, values: MetricChartCursorValue[]) => string[];

  /** Do not follow live updates even when the source can watch the run. */
  noLive = false;

  private hiddenSeries = new Set<string>();
  private announcement = '';
  /** Counts, extents and table rows of the visible range; refreshed after the canvas is painted. */
  private summary: ChartSummary = EMPTY_SUMMARY;
  /** The summary the screen-reader table shows: `summary`, once the page is idle after it. */
  private tableSummary: ChartSummary = EMPTY_SUMMARY;
  private tableIdle?: () => void;
  /** The screen-reader table last rendered, and what it was rendered for. */
  private table?: { deps: unknown[]; view: TemplateResult };

  private readonly store = new SeriesStore();
  /** Changes whenever the settings that decide what is fetched change. */
  private request = 0;
  private requestSignature = '';
  private requestSource?: RunSource;
  private plotDirty = false;
  private summaryFrame = 0;
  /**
   * The busy mark shows: a request has been on its way for a frame. An answer that comes sooner
   * (an in-memory source) changes nothing in the DOM, so the canvas's draw of it does not first
   * recalculate the styles the mark changed (~0.5 ms of a 10 ms zoom).
   */
  private busyShown = false;
  /** Live points that came while the code that appends them was loading, in order. */
  private liveWaiting: RunPoints[][] = [];

  private readonly view = new PlotView(this, () => this.plotInputs(), {
    userZoom: (range) => this.userZoomed(range),
    doubleClick: () => this.userZoomed(null),
    cursor: (u) => this.cursor.moved(u),
    viewChanged: (refetch) => {
      if (refetch) this.refetch.afterZoom(RESIZE_REFETCH_MS);
      this.scheduleSummary();
    },
    destroyed: () => this.cursor.reset(),
    ready: () => {
      this.plotDirty = true;
      this.requestUpdate();
    },
  });

  private readonly cursor: LazyCursor = this.createCursor();

  /** The plot's box (and the loading state's box of the same size). */
  private readonly resize = new ResizeController(this, (_, size) => this.sizeReported(() => this.view.resized(size)));

  /**
   * The element's own width, until its first report: what the first request asks points for. Not
   * followed after it (the plot's box is), so that the element's growing as it renders is no
   * change an observer must report again in the frame it was reported in.
   */
  private readonly ownSize: ResizeController = new ResizeController(this, (_, size) =>
    this.sizeReported(() => {
      this.view.elementResized(size.width);
      this.ownSize.observe(undefined);
    }),
  );

  private readonly refetch: RefetchTimer = new RefetchTimer(
    this,
    () => this.view.zoom,
    (): boolean => this.task.status === TaskStatus.PENDING,
  );

  private readonly task = new SourceTask(this, {
    args: () => [this.dataSource, this.request, this.refetch.range, this.refetch.count, this.view.sized] as const,
    task: ([source, , range], { signal }) => this.fetch(source, range, signal),
    onComplete: (fetched) => this.applyFetched(fetched),
    onError: (e) => {
      // an answer cut short by a disconnect is asked again; any other failure leaves no data to show
      if (!(isSourceError(e) && e.code === 'aborted')) this.store.series = [];
    },
  });

  private get series(): ChartSeries[] {
    return this.store.series;
  }

  constructor() {
    super();
    this.ownSize.observe(this);
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
    // back in the DOM: draw again what was there
    if (this.series.length) {
      this.plotDirty = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.summaryFrame);
    this.summaryFrame = 0;
    this.tableIdle?.();
    this.tableIdle = undefined;
    // uPlot keeps charts of a sync group in a shared registry: let this one go
    this.view.destroy();
  }

  /**
   * An observer reported a size: the first one lets the first request go, in a task of its own: an
   * update inside the observers' callbacks would resize boxes that they have reported already.
   */
  private sizeReported(report: () => void): void {
    const first = !this.view.sized;
    report();
    if (first) setTimeout(() => this.requestUpdate());
  }

  // ---- public API -------------------------------------------------------------------------

  /** The x range in view. */
  get visibleRange(): [number, number] {
    return this.view.visible;
  }

  /** True while a request for series is on its way (first load, zoom, resize or live refetch). */
  get fetching(): boolean {
    return this.task.status === TaskStatus.PENDING || this.refetch.waiting;
  }

  /** The uPlot instance (for tests and advanced use); undefined before data is drawn. */
  get uplot(): uPlot | undefined {
    return this.view.uplot;
  }

  /**
   * Zooms the x axis to `[lo, hi]` and fetches that range again (also before the first data
   * arrives). Fires no `metric-chart-zoom`: that event is for the user's zooms.
   */
  zoomTo(lo: number, hi: number): void {
    if (!finite(lo) || !finite(hi) || lo === hi) return;
    // called before the update that loads the data: the zoom is for that data
    const forNext = !this.hasUpdated || this.isUpdatePending;
    this.view.setZoom(lo < hi ? [lo, hi] : [hi, lo], forNext ? undefined : this.request);
    this.refetch.afterZoom(ZOOM_DEBOUNCE_MS);
    this.requestUpdate();
  }

  /** Back to the full view. Fires no `metric-chart-zoom`: that event is for the user's zooms. */
  resetZoom(): void {
    if (!this.view.zoom) return;
    this.view.clearZoom();
    this.refetch.now();
  }

  /** The raw points (not the downsampled ones) of the visible range as CSV. */
  async exportCsv(): Promise<string> {
    const visible = this.view.visible;
    const source = this.dataSource;
    if (!source) throw new Error('No data source.');
    const getSeries = requireMethod(source, 'getSeries');
    const x = this.x || 'step';
    const query = { runIds: this.runIds(), keys: this.keys(), x: sourceXAxis(x) };
    return (await loadExport()).rawCsv(getSeries, query, visible, x);
  }

  /** The chart (axes and lines) as a PNG image on the theme's background. */
  async exportPng(): Promise<Blob | null> {
    const canvas = this.view.uplot?.ctx.canvas;
    const background = this.view.palette.bg;
    return (await loadExport()).canvasPng(canvas, background);
  }

  // ---- inputs -----------------------------------------------------------------------------

  private runIds(): string[] {
    return chartRunIds(this.runs, this.runId);
  }

  private keys(): string[] {
    return chartKeys(this.metrics, this.metric);
  }

  private xKind(): XKind {
    return xKindOf(this.x || 'step');
  }

  private plotInputs(): PlotInputs {
    return {
      series: this.series,
      hidden: this.hiddenSeries,
      logX: this.logX,
      logY: this.logY,
      band: this.band,
      showOriginal: this.showOriginal,
      ignoreOutliers: this.ignoreOutliers,
      sync: this.sync,
      xKind: this.xKind(),
      xLabel: this.xLabel(),
      locale: this.locale,
      xMin: this.xMin,
      xMax: this.xMax,
      yMin: this.yMin,
      yMax: this.yMax,
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // no request pending (one that starts in this update is seen in `updated`)
    if (this.task.status !== TaskStatus.PENDING) this.busyShown = false;
    if (changed.has('smoothing') && this.smoothing && !SMOOTHING_KINDS.includes(this.smoothing))
      warnAttribute(this, 'smoothing', this.smoothing, `one of ${SMOOTHING_KINDS.join(', ')}`, 'no smoothing');
    const source = this.dataSource;
    this.store.useSource(source);
    const s = smoothingOf(this.smoothing, this.smoothingWeight);
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
      this.request++;
      // new data: the full view, unless zoomTo() was called for the settings that led here
      this.view.requestChanged(this.request);
      this.refetch.restart(this.view.zoom);
      return;
    }
    // ignoring outliers may need its code first: the plot's sync waits for it (a redraw would not)
    const plotKeys = ['logX', 'logY', 'band', 'showOriginal', 'ignoreOutliers', 'legend', 'colors', 'sync', 'locale'];
    if (plotKeys.some((k) => (changed as Map<string, unknown>).has(k))) {
      this.relabel();
      if (changed.has('band') || changed.has('showOriginal')) this.view.prepare();
      this.plotDirty = true;
      if (changed.has('legend')) this.labelWithRunInfos();
    } else if (['yMin', 'yMax'].some((k) => changed.has(k as keyof MetricChart))) {
      this.view.redraw(true);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // a request is pending after this update: the busy mark shows from the next frame if it still is
    if (this.task.status === TaskStatus.PENDING && !this.busyShown)
      requestAnimationFrame(() => (this.busyShown = this.task.status === TaskStatus.PENDING));
    if (!this.plotDirty) return;
    this.plotDirty = false;
    this.view.sync();
    this.scheduleSummary();
  }

  // ---- fetching ---------------------------------------------------------------------------

  private fetch(
    source: RunSource | undefined,
    range: [number, number] | undefined,
    signal: AbortSignal,
  ): Promise<Fetched> | typeof initialState {
    const runIds = this.runIds();
    const keys = this.keys();
    // no width yet: the element's observer reports one in the frame after its insertion
    if (!source || runIds.length === 0 || keys.length === 0 || !this.view.sized) return initialState;
    const query: SeriesQuery = { runIds, keys, x: sourceXAxis(this.x || 'step'), points: this.view.pixelWidth() };
    const asked = range ?? fullQueryRange(this.xMin, this.xMax);
    if (asked) query.range = asked;
    const smoothing = smoothingOf(this.smoothing, this.smoothingWeight);
    if (smoothing) query.smoothing = smoothing;
    const infos = this.needsRunInfo();
    const values = this.namesRunValues();
    // the code these settings draw with loads beside the points
    const parts = [this.xKind() === 'wallclock' && dateCode, this.ignoreOutliers && outlierCode];
    return this.store.fetch(source, query, { full: !range, infos, values, band: this.band, parts, smoothing, signal });
  }

  private applyFetched(fetched: Fetched): void {
    this.store.series = fetched.series;
    this.relabel();
    this.view.dataArrived(fetched.full, fetched.width);
    this.view.prepare();
    if (this.view.uplot && !(fetched.full && this.store.pointless)) {
      // A plot is on the screen and stays (a zoom, resize or live refetch): it gets the points
      // now, not after the update the task's end requests, which only refreshes the header's
      // counts and the busy mark around it.
      this.view.sync();
      this.scheduleSummary();
    } else this.plotDirty = true;
  }

  /** A full fetch found no points: the "no points yet" state (live points may still come). */
  private isEmpty(): boolean {
    return this.task.value?.full === true && this.store.pointless;
  }

  /** A new legend template may name run values that were not needed before. */
  private labelWithRunInfos(): void {
    const source = this.dataSource;
    const runIds = this.runIds();
    const values = this.namesRunValues();
    if (!source || !this.needsRunInfo() || this.store.hasInfos(runIds, values)) return;
    void this.store.loadRunInfos(source, runIds, values).then(() => {
      this.relabel();
      this.plotDirty = true;
      this.requestUpdate();
    });
  }

  /** Labels that name run values (`${config.lr}`) need the code that reads them. */
  private namesRunValues(): boolean {
    return templateNamesRunValues(this.template());
  }

  /** Labels that name more than the metric need the runs' infos, and so do live points on a time axis. */
  private needsRunInfo(): boolean {
    if (templateNeedsRun(this.template())) return true;
    const kind = this.xKind();
    return (kind === 'relative' || kind === 'process') && !this.noLive;
  }

  /** The legend template in effect. */
  private template(): string {
    return legendTemplate(this.legend, this.runIds().length, this.keys().length);
  }

  private relabel(): void {
    this.store.relabel(this.template(), this.colors, (i) => seriesColor(this, i));
  }

  // ---- zoom by the user -------------------------------------------------------------------

  /** The user zoomed (drag, keyboard) or reset (double-click, Escape, the reset button). */
  private userZoomed(range: [number, number] | null): void {
    if (range) {
      if (this.view.zoom?.[0] !== range[0] || this.view.zoom[1] !== range[1]) this.view.setZoom(range, this.request);
      this.refetch.afterZoom(ZOOM_DEBOUNCE_MS);
      this.requestUpdate();
    } else {
      if (!this.view.zoom) return;
      this.resetZoom();
    }
    this.emit('metric-chart-zoom', { range: range ? [range[0], range[1]] : null });
  }

  // ---- live -------------------------------------------------------------------------------

  /** Live points: appended by the live code, loaded with the first ones (points meanwhile wait, in order). */
  private onLivePoints(batch: RunPoints[]): void {
    if (liveCode.now) return liveCode.now.receiveLive(this.liveChart(), batch);
    this.liveWaiting.push(batch);
    if (this.liveWaiting.length > 1) return;
    const series = this.series;
    void liveCode.load().then((code) => {
      const waiting = this.liveWaiting;
      this.liveWaiting = [];
      // the code did not load (it warned; the next live points try again), or other series came
      // meanwhile: the source has the points, ask it again
      if (!code || this.series !== series) this.refetch.afterLive(0);
      else for (const b of waiting) code.receiveLive(this.liveChart(), b);
    });
  }

  private liveChart(): LiveChart {
    return {
      view: this.view,
      store: this.store,
      refetch: this.refetch,
      keys: this.keys(),
      empty: this.task.status === TaskStatus.COMPLETE && this.isEmpty(),
      xKind: this.xKind(),
      smoothing: smoothingOf(this.smoothing, this.smoothingWeight),
      grew: () => {
        this.scheduleSummary();
        this.requestUpdate();
      },
    };
  }

  // ---- theme, summary, formatting -----------------------------------------------------------

  private onThemeChange(): void {
    this.view.readPalette();
    this.relabel();
    this.view.redraw(false);
    this.scheduleSummary();
  }

  /** Recomputes the legend counts and the data table after the next paint (coalesced). */
  private scheduleSummary(): void {
    if (this.summaryFrame) return;
    this.summaryFrame = requestAnimationFrame(() => {
      this.summaryFrame = 0;
      this.summary = this.view.summarize(TABLE_ROWS);
      this.scheduleTable();
    });
  }

  /**
   * Builds the screen-reader table (200 rows × series of formatted values, and their layout) when
   * the page is next idle: it is not seen, and built in the summary's frame it held that frame
   * (the first one showing the plot) back by as long as drawing the plot took.
   */
  private scheduleTable(): void {
    if (this.tableIdle) return;
    const done = (): void => {
      this.tableIdle = undefined;
      // a zoom draws the old points at once and again when its points come: the table (formatting
      // and a 15-40 ms layout of its cells) is made once, for the view that settles. Between the
      // points' arrival and the next frame (late on a busy page) `summary` is still the old
      // points' one: that frame makes theirs and asks for the table again.
      if (this.summaryFrame) return;
      if (this.fetching) this.scheduleTable();
      else this.tableSummary = this.summary;
    };
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(done, { timeout: TABLE_IDLE_TIMEOUT_MS });
      this.tableIdle = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(done);
      this.tableIdle = () => clearTimeout(handle);
    }
  }

  private xLabel(): string {
    const kind = this.xKind();
    return kind === 'metric' ? this.x : msg(this.locale, kind);
  }

  /** A y value with the digits that tell it from its neighbours on the visible range. */
  private fmt(v: number | null | undefined): string {
    if (v === null || v === undefined) return '—';
    return formatValueWithin(v, this.view.span('y'), this.locale);
  }

  /** An x value, to the precision of the visible x range. */
  private fmtX(x: number): string {
    return formatXValue(this.xKind(), x, this.locale, this.view.span('x'));
  }

  private createCursor(): LazyCursor {
    const localName = (): string => this.localName;
    return new LazyCursor(
      {
        get localName() {
          return localName();
        },
        cursorInputs: () => ({
          series: this.series,
          hidden: this.hiddenSeries,
          xKind: this.xKind(),
          summary: this.summary,
          tooltipNotes: this.tooltipNotes,
        }),
        xLabel: () => this.xLabel(),
        fmt: (v) => this.fmt(v),
        fmtX: (x) => this.fmtX(x),
        fmtTime: (time) => formatDateTime(time, this.locale),
        originalLabel: () => msg(this.locale, 'original'),
        warnings: (c) => columnWarnings(this.locale, c, this.logY),
        failedText: () => common(this.locale, 'errorTitle'),
        cursorMoved: (detail) => this.emit('metric-chart-cursor', detail),
        announce: (text) => (this.announcement = text),
        keyboardZoom: (range) => this.userZoomed(range),
      },
      this.view,
    );
  }

  // ---- user actions -----------------------------------------------------------------------

  private toggle(s: ChartSeries): void {
    const hidden = new Set(this.hiddenSeries);
    if (hidden.has(s.id)) hidden.delete(s.id);
    else hidden.add(s.id);
    this.hiddenSeries = hidden;
    this.view.uplot?.batch(() => this.view.applyVisibility());
    this.scheduleSummary();
  }

  /** The toolbar's export buttons: the file is saved, or the console says why not. */
  private saveExport(ext: 'png' | 'csv'): void {
    loadExport()
      .then((code) => code.saveExport(this, ext, this.keys()))
      .catch((e: unknown) => console.warn(`<${this.localName}>: could not export ${ext.toUpperCase()}`, e));
  }

  /**
   * Hands the elements of the template just rendered to what follows them: the plot's box to the
   * view and the resize observer, the tooltip to the crosshair. (Looked up, not given by lit's
   * `ref`: on a page with one chart, `ref` and the AsyncDirective it needs are 0.7 KB of lit.)
   */
  private bindPlotElements(): void {
    const root = this.renderRoot;
    const box = root.querySelector('.canvas-host') ?? undefined;
    // the chart's template has a tooltip, the loading state's has not (its box is observed alone)
    const tooltip = root.querySelector('.tooltip') ?? undefined;
    this.resize.observe(box);
    this.cursor.attachTooltip(tooltip);
    if (this.view.attach(tooltip && box) && tooltip) this.plotDirty = true;
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.bindPlotElements();
  }

  // ---- render -----------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const keys = this.keys();
    const lang = this.locale;
    return this.renderTask(this.task, {
      what: msg(lang, 'what'),
      empty: () => renderEmpty(msg(lang, 'notFound'), msg(lang, 'notFoundDetail', keys.join(', '))),
      // no metric: no request is made (the task stays where its first run leaves it, initial)
      // while asking again (zoom, live data, other settings) the chart keeps what it shows
      loading: () =>
        keys.length === 0
          ? renderEmpty(msg(lang, 'noMetric'), msg(lang, 'noMetricDetail'))
          : this.series.length && !this.isEmpty()
            ? this.renderChart()
            : this.renderFrame(renderLoading(lang)),
      complete: () =>
        this.isEmpty()
          ? this.renderFrame(renderEmpty(msg(lang, 'empty'), msg(lang, 'emptyDetail', keys.join(', '))))
          : this.renderChart(),
    });
  }

  private renderHeaderOf(ready: boolean): TemplateResult {
    return renderHeader(this.locale, {
      label: this.label,
      ready,
      series: this.series,
      zoomed: !!this.view.zoom,
      onReset: () => this.userZoomed(null),
      onPng: () => this.saveExport('png'),
      onCsv: () => this.saveExport('csv'),
    });
  }

  /** The header above a state (loading, no points yet). */
  private renderFrame(content: TemplateResult): TemplateResult {
    return html`<div class="base" part="base">
      ${this.renderHeaderOf(false)}
      <div class="plot">
        <div class="canvas-host"></div>
        ${content}
      </div>
    </div>`;
  }

  /**
   * The screen-reader table (200 rows of formatted values): built again only for a new summary,
   * which follows every change of the plot's data, series or scales (`scheduleSummary`), once the
   * page is idle after it (`scheduleTable`), not on every update (the busy flag of a zoom's
   * refetch, new data before its summary, the legend). The same template result again is a table
   * whose rows are left as they are (chart-table.ts).
   */
  private renderDataTable(lang: Lang): TemplateResult {
    const caption = this.label || this.keys().join(', ');
    const xLabel = this.xLabel();
    const summary = this.tableSummary;
    const deps = [lang, caption, xLabel, summary];
    const last = this.table;
    if (!last || deps.some((d, i) => d !== last.deps[i]))
      this.table = {
        deps,
        view: renderTable(lang, {
          caption,
          xLabel,
          view: this.view,
          series: this.series,
          summary,
          fmt: (v) => this.fmt(v),
          fmtX: (x) => this.fmtX(x),
        }),
      };
    return this.table!.view;
  }

  private renderChart(): TemplateResult {
    const lang = this.locale;
    // the busy mark stays in the DOM and is shown and hidden (creating and inserting it cost ~0.5
    // ms), from the frame after its request (`busyShown`): a zoom answered at once never shows it
    const busy = this.busyShown;
    return html`<div class="base" part="base" title="">
      ${this.renderHeaderOf(true)}
      <div
        class="plot"
        part="plot"
        tabindex="0"
        role="application"
        aria-roledescription=${msg(lang, 'chart')}
        aria-label=${this.label || this.keys().join(', ')}
        aria-describedby="keyboard-help"
        @keydown=${this.cursor.onKeyDown}
        @blur=${this.cursor.onBlur}
        @focus=${this.cursor.prefetch}
        @pointerenter=${this.cursor.prefetch}
      >
        <div class="canvas-host"></div>
        <div class="tooltip" part="tooltip" hidden></div>
        <span class="busy" aria-hidden="true" ?hidden=${!busy}>${msg(lang, 'refreshing')}</span>
      </div>
      <span id="keyboard-help" class="rp-visually-hidden">${msg(lang, 'keyboardHelp')}</span>
      <div class="rp-visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${renderLegend(lang, this.series, this.hiddenSeries, this.summary, this.logY, (s) => this.toggle(s))}
      ${renderNotes(lang, this.series, this.logX)} ${this.renderDataTable(lang)}
    </div>`;
  }
}

/**
 * The uPlot instance of one chart and what it shows: created when the series change kind, given new
 * data otherwise, resized with its host, and the x view (the full extent or a zoom) with the scale
 * ranges uPlot asks for.
 *
 * Who set the x scale is one piece of state, `asked`: the range this view last gave uPlot. uPlot
 * calls the range function for every scale change; a range other than `asked` comes from the
 * user's drag-select, and only that one is reported as a user zoom.
 */
import uPlot from 'uplot';
import type { Lang } from '../../internal/i18n.js';
import type { ObservedSize } from '../../internal/resize-controller.js';
import { readToken } from '../../internal/theme.js';
import type { XKind } from './axis-format.js';
import { drawable, paddedRange, sharedX, valueExtent, visibleWindow, type Aligned, type XY } from './chart-data.js';
import { finite } from './chart-inputs.js';
import { plotColumn, plotLayout, xExtent, type ChartSeries, type PlotSeries } from './chart-series.js';
import { summarize, type ChartSummary } from './chart-summary.js';
import { drawMarks } from './draw-marks.js';
import { bandCode, outlierCode, unionCode } from './plot-parts.js';
import { plotOptions, type Palette } from './plot-options.js';
import type { AlignBuffers } from './x-union.js';

/** The plot's size while none is known; 240 px is also its height by default (the styles' `--runpage-metric-chart-height`). */
const FALLBACK_SIZE = { width: 600, height: 240 };

/** What the plot draws, read from the element whenever uPlot asks. */
export interface PlotInputs {
  series: readonly ChartSeries[];
  hidden: ReadonlySet<string>;
  logX: boolean;
  logY: boolean;
  band: boolean;
  showOriginal: boolean;
  ignoreOutliers: boolean;
  sync?: string;
  xKind: XKind;
  xLabel: string;
  locale: Lang;
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
}

/** What the view tells the element. */
export interface PlotEvents {
  /** The user selected an x range with the mouse. */
  userZoom(range: [number, number]): void;
  /** The user double-clicked the plot. */
  doubleClick(): void;
  /** The crosshair moved (or left). */
  cursor(u: uPlot): void;
  /** The visible range or the plot's size changed; `refetch` when the plot is now much wider or narrower than the data. */
  viewChanged(refetch: boolean): void;
  /** The plot went (its crosshair with it). */
  destroyed(): void;
  /** The plot can take series it had to wait for: sync it again. */
  ready(): void;
}

/** A zoom, and the request it belongs to (`undefined`: the request that comes next). */
interface Zoom {
  range: [number, number];
  request?: number;
}

export class PlotView {
  /** The uPlot series: index 0 is x. */
  layout: PlotSeries[] = [];
  /**
   * The series' columns on one shared x (uPlot's data: the cursor, tooltip and table read rows of
   * it); the lines, marks, y range and summary are drawn from `columns`, each series' own points.
   * Its y columns are placed on the shared x when first read (`aligned`), not before the plot is
   * drawn: drawing needs only the x (a zoom of 10 series × 1M points draws ~1 ms sooner). uPlot
   * reads its y columns only for the cursor, whose `dataIdx` reads `aligned` first.
   */
  private alignedNow: Aligned = { x: new Float64Array(0), ys: [], missing: [] };
  /** Places the y columns of `alignedNow` on its x; undefined once they are placed. */
  private placeYs?: () => void;
  /** The columns of uPlot series `si` at `si - 1`. */
  private columns: XY[] = [];
  /**
   * Two sets of buffers for `aligned`, taken in turn: a new alignment is written into the set the
   * plot does not show, never into the columns uPlot may still read.
   */
  private readonly alignBuffers: AlignBuffers[] = [];
  /** The set of `alignBuffers` that `aligned` was written into, and the one the plot shows. */
  private preparedSet = 0;
  private shownSet = 0;
  palette: Palette = { fg: '', muted: '', grid: '', bg: '', font: '' };
  private plot?: uPlot;
  private signature = '';
  private host?: HTMLElement;
  private zoomState?: Zoom;
  private fullX?: [number, number];
  private viewX: [number, number] = [0, 1];
  /** The x range this view last gave uPlot; undefined for a new plot, whose first range is the view's. */
  private asked?: [number, number];
  /** Device pixels across the plot when the data was fetched. */
  private fetchedWidth = 0;
  private resizeFrame = 0;
  /**
   * The plot's box as its ResizeObserver last reported it: read instead of forcing a layout. The
   * loading state's box of the same size is observed too, so a plot made after it knows its size.
   */
  private observed?: ObservedSize;
  /** The element's own width as its observer last reported it: the plot's width before its box is observed. */
  private elementWidth?: number;
  /** The plot was made at a size guessed from the element's width: the box's first report corrects it at once. */
  private guessed = false;
  /** `layout` and `aligned` were built for the series as they are now. */
  private prepared = false;

  constructor(
    private readonly element: HTMLElement,
    private readonly inputs: () => PlotInputs,
    private readonly events: PlotEvents,
  ) {}

  get uplot(): uPlot | undefined {
    return this.plot;
  }

  /** The aligned columns, their y columns placed. */
  get aligned(): Aligned {
    const place = this.placeYs;
    this.placeYs = undefined;
    place?.();
    return this.alignedNow;
  }

  /** The x range in view. */
  get visible(): [number, number] {
    return [this.viewX[0], this.viewX[1]];
  }

  /** The x extent of the data of the last full fetch. */
  get full(): [number, number] | undefined {
    return this.fullX;
  }

  /** Device pixels per CSS pixel, as uPlot draws. */
  pxRatio(): number {
    return uPlot.pxRatio || 1;
  }

  /** CSS pixels of the element the plot is drawn into. */
  hostSize(): { width: number; height: number } {
    return this.observed ?? { width: this.host?.clientWidth ?? 0, height: this.host?.clientHeight ?? 0 };
  }

  get zoom(): [number, number] | undefined {
    return this.zoomState?.range;
  }

  /** The element the plot is drawn into (from the template); a new one starts a new plot (true). */
  attach(el?: Element): boolean {
    const host = el instanceof HTMLElement ? el : undefined;
    if (host === this.host) return false;
    this.destroy();
    this.host = host;
    return true;
  }

  /** The element's observer reported its width. */
  elementResized(width: number): void {
    this.elementWidth = width;
  }

  /**
   * A width to ask points for is known: an observer reported one (reading it from the element
   * right after its insertion would force a layout), or there is no ResizeObserver.
   */
  get sized(): boolean {
    return this.observed !== undefined || this.elementWidth !== undefined || typeof ResizeObserver === 'undefined';
  }

  /** Device pixels across the plot area: how many points to ask for. */
  pixelWidth(): number {
    if (this.plot) return Math.max(1, Math.round(this.plot.bbox.width));
    const cssWidth = this.observed?.width || this.elementWidth || FALLBACK_SIZE.width;
    return Math.max(1, Math.round(Math.max(50, cssWidth - 60) * (globalThis.devicePixelRatio || 1)));
  }

  /** New data arrived for a request of `width` device pixels; a full fetch sets the full x extent. */
  dataArrived(full: boolean, width: number): void {
    this.fetchedWidth = width;
    if (full) this.fullX = xExtent(this.inputs().series, this.inputs().logX);
  }

  /** Live points extended the data: a full view grows with them. */
  dataGrew(): void {
    if (this.zoomState || !this.fullX) return;
    const data = xExtent(this.inputs().series, this.inputs().logX);
    if (data) this.fullX = [Math.min(this.fullX[0], data[0]), Math.max(this.fullX[1], data[1])];
  }

  /** The settings that decide what is fetched are now `request`: a zoom made for other settings goes. */
  requestChanged(request: number): void {
    const z = this.zoomState;
    if (z && z.request !== undefined && z.request !== request) this.zoomState = undefined;
    else if (z) z.request = request;
  }

  /** Shows `range`, made for `request` (undefined: for the request the next update makes). */
  setZoom(range: [number, number], request: number | undefined): void {
    this.zoomState = { range, request };
    this.applyView();
  }

  clearZoom(): void {
    this.zoomState = undefined;
    this.applyView();
  }

  /**
   * Builds the uPlot series and the aligned columns from the series now, so that everything drawn
   * from them (legend, table) matches the series; `sync()` gives them to the plot. False, and
   * nothing changed, while code they need loads (a band's, switched on; the code that merges x
   * live points took apart; the y view that ignores outliers, switched on; a fetch loads them
   * before its answer is shown): `ready` follows.
   */
  prepare(): boolean {
    const input = this.inputs();
    const layout = plotLayout(input.series, input.band, input.showOriginal);
    const columns = layout.slice(1).map((p) => plotColumn(input.series, p));
    const preparedSet = this.shownSet ^ 1;
    let aligned = sharedX(columns);
    const missing = [
      !aligned && unionCode,
      layout.some((p) => p.role === 'band') && bandCode,
      input.ignoreOutliers && outlierCode,
    ].find((part) => part && !part.now);
    if (missing) {
      void missing.load().then((code) => code && this.events.ready());
      return false;
    }
    let place: (() => void) | undefined;
    if (!aligned) {
      const union = unionCode.now!;
      ({ aligned, place } = union.mergeX(columns, (this.alignBuffers[preparedSet] ??= new union.AlignBuffers())));
    }
    this.layout = layout;
    this.columns = columns;
    this.preparedSet = preparedSet;
    this.alignedNow = aligned;
    this.placeYs = place;
    this.prepared = true;
    return true;
  }

  /** Creates the plot, or gives it the new data when its series are the same kind as before. */
  sync(): void {
    const host = this.host;
    if (!host?.isConnected || !(this.prepared || this.prepare())) return;
    this.prepared = false;
    const input = this.inputs();
    const layout = this.layout;
    const signature = JSON.stringify([
      layout.map((p) => [p.chart === -1 ? '' : input.series[p.chart].id, p.role]),
      input.logX,
      input.logY,
      input.xKind,
      input.sync ?? '',
      input.locale,
    ]);
    // every uPlot call that is not batched costs a draw of its own: one per change here
    if (!this.plot || signature !== this.signature) {
      this.create(host, input);
      this.signature = signature;
    } else {
      const u = this.plot;
      u.batch(() => {
        u.setData(this.data(), false);
        this.applyView();
        this.applyVisibility();
      });
    }
  }

  destroy(): void {
    if (this.plot) {
      this.plot.destroy();
      this.plot = undefined;
      this.events.destroyed();
    }
    this.signature = '';
    cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = 0;
  }

  /** Draws again with the same data (a theme or y setting changed). */
  redraw(rebuildPaths: boolean): void {
    this.plot?.redraw(rebuildPaths, rebuildPaths);
  }

  /** Reads the theme's colours for the canvas. */
  readPalette(): void {
    const font = readToken(this.element, 'font-family') || 'sans-serif';
    this.palette = {
      fg: readToken(this.element, 'color-fg'),
      muted: readToken(this.element, 'color-muted'),
      grid: readToken(this.element, 'color-grid'),
      bg: readToken(this.element, 'color-bg'),
      font: `11px ${font}`,
    };
  }

  /** Shows and hides lines as the legend says. */
  applyVisibility(): void {
    const u = this.plot;
    if (!u) return;
    const { series, hidden } = this.inputs();
    this.layout.forEach((p, si) => {
      if (si === 0) return;
      const show = !hidden.has(series[p.chart].id);
      if (u.series[si].show !== show) u.setSeries(si, { show });
    });
  }

  /** The host's observer reported `size`: resize the plot to it on the next frame. */
  readonly resized = (size: ObservedSize): void => {
    this.observed = size;
    if (this.guessed) {
      // in the frame of the plot's first paint, before it is painted
      this.guessed = false;
      this.resize();
    } else if (!this.resizeFrame) this.resizeFrame = requestAnimationFrame(() => this.resize());
  };

  /** How much of the visible x range one unit of `key` spans, for formatting. */
  span(key: 'x' | 'y'): number | undefined {
    const scale = this.plot?.scales[key];
    return scale && scale.min != null && scale.max != null ? scale.max - scale.min : undefined;
  }

  /** uPlot indexes of the main (not original, not band) lines. */
  mainIndexes(): number[] {
    const out: number[] = [];
    this.layout.forEach((p, si) => {
      if (si > 0 && p.role === 'main') out.push(si);
    });
    return out;
  }

  /** Counts, extents and (at most `maxRows`) table rows of the visible range. */
  summarize(maxRows: number): ChartSummary {
    const { series } = this.inputs();
    const columns = this.mainIndexes().map((si) => {
      const s = series[this.layout[si].chart];
      const own = this.columns[si - 1];
      return {
        id: s.id,
        x: own.x,
        y: own.y,
        raw: s.original ? { x: s.original.x, y: s.original.y } : undefined,
        exact: s.exact,
        sourceNonFinite: s.nonFinite,
      };
    });
    return summarize(this.aligned.x, columns, this.viewX, maxRows);
  }

  /** The indexes `[i0, i1)` of the sorted `x` that lie within `[lo, hi]`. */
  rowsIn(x: Float64Array, lo: number, hi: number): [number, number] {
    return visibleWindow(x, lo, hi);
  }

  /**
   * Which rows of the aligned columns hold a value of series `si` that the plot can draw;
   * undefined for x (`si` 0). Places the y columns.
   */
  drawableRows(si: number): ((i: number) => boolean) | undefined {
    const aligned = this.aligned;
    const y = aligned.ys[si - 1];
    const missing = aligned.missing[si - 1];
    const logY = this.inputs().logY;
    return y && ((i) => i >= 0 && i < y.length && !(missing && missing[i]) && drawable(y[i], logY));
  }

  /** The index nearest `idx` where series `si` has a drawable value (for the cursor point and tooltip). */
  nearestDrawable(si: number, idx: number): number {
    // uPlot asks for series 0 first, then reads the y columns of the others: placed by now
    const ok = this.drawableRows(si);
    if (!ok || ok(idx)) return idx;
    const x = this.alignedNow.x;
    for (let d = 1; d < 256; d++) {
      const l = idx - d;
      const r = idx + d;
      if (ok(l)) return ok(r) && x[r] - x[idx] < x[idx] - x[l] ? r : l;
      if (ok(r)) return r;
    }
    return idx;
  }

  /** The x view the chart should show now: the zoom, else the full extent. */
  private targetView(): [number, number] {
    if (this.zoomState) return this.zoomState.range;
    const { series, logX, xMin, xMax } = this.inputs();
    const data = xExtent(series, logX);
    const full: [number, number] = [this.fullX?.[0] ?? data?.[0] ?? 0, this.fullX?.[1] ?? data?.[1] ?? 1];
    // live data extends the view
    if (data) {
      full[0] = Math.min(full[0], data[0]);
      full[1] = Math.max(full[1], data[1]);
    }
    if (finite(xMin)) full[0] = xMin;
    if (finite(xMax)) full[1] = xMax;
    return full;
  }

  private applyView(): void {
    const u = this.plot;
    if (!u) return;
    const [min, max] = this.targetView();
    this.asked = [min, max];
    u.setScale('x', { min, max });
  }

  /** uPlot's data: the aligned columns, from now on the ones the plot shows. */
  private data(): uPlot.AlignedData {
    this.shownSet = this.preparedSet;
    return [this.alignedNow.x, ...this.alignedNow.ys] as unknown as uPlot.AlignedData;
  }

  private create(host: HTMLElement, input: PlotInputs): void {
    this.destroy();
    this.readPalette();
    // before the box's first report: the element's width (the box spans it) and the default height
    const size = this.observed ?? { width: this.elementWidth ?? 0, height: 0 };
    this.guessed = !this.observed;
    const setup = {
      width: size.width || FALLBACK_SIZE.width,
      height: size.height || FALLBACK_SIZE.height,
      xKind: input.xKind,
      logX: input.logX,
      logY: input.logY,
      sync: input.sync || undefined,
      layout: this.layout,
      labels: input.series.map((s) => s.label),
      xLabel: input.xLabel,
    };
    const opts = plotOptions(setup, {
      locale: () => this.inputs().locale,
      palette: () => this.palette,
      color: (chart) => this.inputs().series[chart]?.color ?? this.palette.fg,
      hidden: (chart) => this.inputs().hidden.has(this.inputs().series[chart]?.id ?? ''),
      column: (si) => this.columns[si - 1],
      xRange: (min, max) => this.xRange(min, max),
      yRange: () => this.yRange(),
      dataIdx: (si, idx) => this.nearestDrawable(si, idx),
      onScale: (u, key) => this.onScale(u, key),
      onCursor: (u) => this.events.cursor(u),
      onDraw: (u) => this.drawExtras(u),
      onDoubleClick: () => this.events.doubleClick(),
      pxRatio: () => uPlot.pxRatio || 1,
    });
    this.asked = undefined;
    this.plot = new uPlot(opts, this.data(), host);
  }

  private xRange(min: number | null, max: number | null): uPlot.Range.MinMax {
    const asked = this.asked;
    const given = finite(min) && finite(max);
    const own = asked === undefined || !given || (min === asked[0] && max === asked[1]);
    // a new plot, or no range given: the view the chart should show
    const [a, b] = asked === undefined || !given ? this.targetView() : [min, max];
    let lo = finite(a) ? a : 0;
    let hi = finite(b) ? b : 1;
    if (this.inputs().logX) {
      if (!(lo > 0)) lo = hi > 0 ? hi / 1000 : 1;
      if (!(hi > lo)) hi = lo * 10;
    } else if (!(hi > lo)) {
      const d = lo === 0 ? 1 : Math.abs(lo) * 0.01;
      lo -= d;
      hi += d;
    }
    this.viewX = [lo, hi];
    // a redraw asks again with the adjusted range
    if (own) this.asked = [lo, hi];
    return [lo, hi];
  }

  /** y from the drawable values in view (or the 5th–95th percentile), then `y-min`/`y-max`. */
  private yRange(): uPlot.Range.MinMax {
    const { series, hidden, logY: log, ignoreOutliers, yMin, yMax } = this.inputs();
    const [lo0, hi0] = this.viewX;
    // each series' own points in view
    const ys: Float64Array[] = [];
    this.layout.forEach((p, si) => {
      if (si === 0 || p.role === 'band') return;
      if (hidden.has(series[p.chart].id)) return;
      if (ignoreOutliers && p.role !== 'main') return;
      const { x, y } = this.columns[si - 1];
      const [i0, i1] = visibleWindow(x, lo0, hi0);
      ys.push(y.subarray(i0, i1));
    });
    // loaded before a plot that ignores outliers is drawn (prepare)
    const outliers = ignoreOutliers && outlierCode.now;
    const extent = outliers ? outliers.quantileRange(ys, 0, Infinity, log) : valueExtent(ys, 0, Infinity, log);
    let [lo, hi] = extent ? paddedRange(extent[0], extent[1], log) : log ? [1, 10] : [0, 1];
    if (finite(yMin) && (!log || yMin > 0)) lo = yMin;
    if (finite(yMax) && (!log || yMax > 0)) hi = yMax;
    if (!(hi > lo)) hi = log ? lo * 10 : lo + 1;
    return [lo, hi];
  }

  private onScale(u: uPlot, key: string): void {
    if (key !== 'x') return;
    const { min, max } = u.scales.x;
    const asked = this.asked;
    if (finite(min) && finite(max) && !(asked && asked[0] === min && asked[1] === max)) {
      // a drag-select by the user
      this.asked = [min, max];
      this.zoomState = { range: [min, max], request: this.zoomState?.request };
      this.events.userZoom([min, max]);
    }
    this.events.viewChanged(false);
  }

  private resize(): void {
    cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = 0;
    const u = this.plot;
    if (!u || !this.observed) return;
    const { width, height } = this.observed;
    if (!width || !height || (width === u.width && height === u.height)) return;
    u.setSize({ width, height });
    const px = this.pixelWidth();
    this.events.viewChanged(Math.abs(px - this.fetchedWidth) > this.fetchedWidth * 0.1);
  }

  /** Dots on sparse raw points, and a marker under every non-finite value (drawn as a gap). */
  private drawExtras(u: uPlot): void {
    const { series, logX, logY } = this.inputs();
    const columns = [];
    for (let si = 1; si < this.layout.length; si++) {
      const p = this.layout[si];
      if (p.role === 'band' || !u.series[si].show) continue;
      const s = series[p.chart];
      const own = this.columns[si - 1];
      columns.push({
        x: own.x,
        y: own.y,
        color: s.color,
        dots: s.exact,
        faint: p.role === 'original',
        markNonFinite: p.role === 'main',
      });
    }
    drawMarks(u, this.viewX, columns, logX, logY, uPlot.pxRatio || 1);
  }
}

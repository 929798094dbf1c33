/**
 * The crosshair of one chart: the tooltip beside it, the `metric-chart-cursor` detail, and the
 * keyboard (arrows move the crosshair from point to point, + and − zoom, Escape resets).
 *
 * Loaded on first use (`lazy-cursor.ts`). It imports no module that the chart's first paint runs:
 * texts and formats come from the host, searches in the data from the view. A module shared with
 * the first paint would be split out of the page's entry into a chunk of its own (+0.3 KB gzip
 * for chart-data.ts, measured).
 */
import type uPlot from 'uplot';
import type { MetricChartCursorDetail, MetricChartCursorValue } from './chart-events.js';
import type { ChartSeries } from './chart-series.js';
import type { ChartSummary, ColumnSummary } from './chart-summary.js';
import { placeTooltip, renderTooltip, styleTooltip } from './chart-tooltip.js';
import type { XKind } from './axis-format.js';
import type { PlotView } from './plot-view.js';

/** What the cursor reads from the element and tells it. */
export interface CursorHost {
  readonly localName: string;
  cursorInputs(): {
    series: readonly ChartSeries[];
    hidden: ReadonlySet<string>;
    xKind: XKind;
    summary: ChartSummary;
    tooltipNotes?: (x: number, values: MetricChartCursorValue[]) => string[];
  };
  xLabel(): string;
  fmt(v: number | null | undefined): string;
  fmtX(x: number): string;
  /** A point's log time, as a date and time. */
  fmtTime(time: number): string;
  /** The label of the raw value under a smoothed one. */
  originalLabel(): string;
  /** What the tooltip says about a series' visible values (NaN/Inf, values a log axis leaves out). */
  warnings(c: ColumnSummary | undefined): string[];
  /** The point under the crosshair changed. */
  cursorMoved(detail: MetricChartCursorDetail): void;
  /** Text for the live region (the keyboard crosshair's values). */
  announce(text: string): void;
  /** The user zoomed or reset with the keyboard. */
  keyboardZoom(range: [number, number] | null): void;
}

/** Moves the crosshair (CSS px in the plot; negative hides it) and tells the charts of its sync group. */
function placeCursor(u: uPlot, left: number, top: number): void {
  // uPlot's third argument (publish to the sync group) is missing from its typings
  (u.setCursor as (o: { left: number; top: number }, fire?: boolean, pub?: boolean) => void)({ left, top }, true, true);
}

const ZOOM_KEYS = ['+', '=', '-', '_', 'Escape'];

export class ChartCursor {
  private tooltip?: HTMLElement;
  private index: number | null = null;
  /** The crosshair was placed with the keyboard (and goes away on blur). */
  private byKeyboard = false;

  constructor(
    private readonly host: CursorHost,
    private readonly view: PlotView,
  ) {}

  /** The tooltip element of the template. */
  readonly attachTooltip = (el?: Element): void => {
    const tooltip = el instanceof HTMLElement ? el : undefined;
    if (tooltip && tooltip !== this.tooltip) styleTooltip(tooltip);
    this.tooltip = tooltip;
  };

  /** The plot went: so does the crosshair. */
  reset(): void {
    if (this.tooltip) this.tooltip.hidden = true;
    this.index = null;
  }

  /** uPlot's `setCursor` hook. */
  moved(u: uPlot): void {
    const idx = u.cursor.idx ?? null;
    if (idx === null || u.cursor.left === undefined || u.cursor.left < 0) {
      if (this.tooltip) this.tooltip.hidden = true;
      if (this.index !== null) {
        this.index = null;
        this.host.cursorMoved({ x: null, values: [] });
      }
      return;
    }
    const x = this.view.aligned.x[idx];
    const values = this.valuesAt(u);
    const time = this.timeAt(x);
    this.showTooltip(u, x, time, values);
    if (idx !== this.index) {
      this.index = idx;
      this.host.cursorMoved(time === undefined ? { x, values } : { x, time, values });
    }
  }

  readonly onKeyDown = (e: KeyboardEvent): void => {
    const u = this.view.uplot;
    if (!u) return;
    const [lo, hi] = this.view.visible;
    const x = this.view.aligned.x;
    const [i0, i1] = this.view.rowsIn(x, lo, hi);
    if (i1 <= i0 && !ZOOM_KEYS.includes(e.key)) return;
    const current = this.index ?? -1;
    let handled = true;
    switch (e.key) {
      case 'ArrowRight':
        this.moveTo(current < i0 ? i0 : this.nextPoint(current, 1, i0, i1));
        break;
      case 'ArrowLeft':
        this.moveTo(current < i0 || current >= i1 ? i1 - 1 : this.nextPoint(current, -1, i0, i1));
        break;
      case 'Home':
        this.moveTo(i0);
        break;
      case 'End':
        this.moveTo(i1 - 1);
        break;
      case '+':
      case '=': {
        // the point under the cursor (or the middle) stays where it is on screen
        const anchor = current >= i0 && current < i1 ? x[current] : (lo + hi) / 2;
        const next = anchor - (anchor - lo) / 2;
        this.host.keyboardZoom([next, next + (hi - lo) / 2]);
        break;
      }
      case '-':
      case '_': {
        const full = this.view.full ?? [lo, hi];
        const half = hi - lo;
        const next: [number, number] = [
          Math.max(full[0], (lo + hi) / 2 - half),
          Math.min(full[1], (lo + hi) / 2 + half),
        ];
        this.host.keyboardZoom(next[0] <= full[0] && next[1] >= full[1] ? null : next);
        break;
      }
      case 'Escape':
        if (this.view.zoom) this.host.keyboardZoom(null);
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
  readonly onBlur = (): void => {
    const u = this.view.uplot;
    if (!this.byKeyboard || !u) return;
    this.byKeyboard = false;
    placeCursor(u, -10, -10);
  };

  /** Every shown series' value at the crosshair. */
  private valuesAt(u: uPlot): MetricChartCursorValue[] {
    const { series, hidden } = this.host.cursorInputs();
    const layout = this.view.layout;
    const out: MetricChartCursorValue[] = [];
    const idxs = u.cursor.idxs ?? [];
    series.forEach((s, chart) => {
      if (hidden.has(s.id)) return;
      const mainSi = layout.findIndex((p, si) => si > 0 && p.chart === chart && p.role === 'main');
      const value = this.valueAt(mainSi, idxs[mainSi]);
      const entry: MetricChartCursorValue = { runId: s.runId, key: s.key, label: s.label, value };
      if (s.original) {
        const origSi = layout.findIndex((p, si) => si > 0 && p.chart === chart && p.role === 'original');
        entry.original =
          origSi > 0
            ? this.valueAt(origSi, idxs[origSi])
            : this.rawAt(s, value === null ? NaN : this.view.aligned.x[idxs[mainSi] ?? 0]);
      }
      out.push(entry);
    });
    return out;
  }

  private valueAt(si: number, idx: number | null | undefined): number | null {
    if (si <= 0 || idx === null || idx === undefined) return null;
    const missing = this.view.aligned.missing[si - 1];
    if (missing && missing[idx]) return null;
    const v = this.view.aligned.ys[si - 1]?.[idx];
    return v === undefined ? null : v;
  }

  /** When the point at `x` was logged: from the first shown series whose source sent times. */
  private timeAt(x: number): number | undefined {
    const { series, hidden, xKind } = this.host.cursorInputs();
    if (xKind === 'wallclock') return undefined;
    for (const s of series) {
      const t = s.main.time;
      if (!t || hidden.has(s.id)) continue;
      const [i] = this.view.rowsIn(s.main.x, x, x);
      if (i < s.main.length && s.main.x[i] === x && Number.isFinite(t[i])) return t[i];
    }
    return undefined;
  }

  private showTooltip(u: uPlot, x: number, time: number | undefined, values: MetricChartCursorValue[]): void {
    const el = this.tooltip;
    if (!el) return;
    const { series, summary } = this.host.cursorInputs();
    const h = this.host;
    const rows = values.map((v) => {
      const s = series.find((c) => c.runId === v.runId && c.key === v.key);
      return {
        label: v.label,
        color: s?.color ?? '',
        value: h.fmt(v.value),
        original: v.original !== undefined ? h.fmt(v.original) : undefined,
        notes: h.warnings(summary.columns.get(s?.id ?? '')),
      };
    });
    renderTooltip(
      el,
      `${h.xLabel()} ${h.fmtX(x)}${time === undefined ? '' : ` · ${h.fmtTime(time)}`}`,
      h.originalLabel(),
      rows,
      this.footerNotes(x, values),
    );
    el.hidden = false;
    const ratio = this.view.pxRatio();
    const box = this.view.hostSize();
    placeTooltip(
      el,
      u.bbox.left / ratio + (u.cursor.left ?? 0),
      u.bbox.top / ratio + (u.cursor.top ?? 0),
      box.width,
      box.height,
    );
  }

  /** The embedder's extra tooltip lines; a throwing callback costs its lines, not the tooltip. */
  private footerNotes(x: number, values: MetricChartCursorValue[]): string[] {
    try {
      const notes = this.host.cursorInputs().tooltipNotes?.(x, values);
      return Array.isArray(notes) ? notes.filter((n) => typeof n === 'string' && n !== '') : [];
    } catch (e) {
      console.warn(`<${this.host.localName}>: tooltipNotes threw`, e);
      return [];
    }
  }

  /** The next index in direction `dir` where any shown series has a drawable value. */
  private nextPoint(from: number, dir: 1 | -1, i0: number, i1: number): number {
    const { series, hidden } = this.host.cursorInputs();
    const layout = this.view.layout;
    for (let i = from + dir; i >= i0 && i < i1; i += dir) {
      for (let si = 1; si < layout.length; si++) {
        const p = layout[si];
        if (p.role === 'main' && !hidden.has(series[p.chart].id) && this.view.drawableRows(si)?.(i)) return i;
      }
    }
    return from;
  }

  private moveTo(idx: number): void {
    const u = this.view.uplot;
    const { layout, aligned } = this.view;
    if (!u || idx < 0 || idx >= aligned.x.length) return;
    const { series, hidden } = this.host.cursorInputs();
    const mainSi = layout.findIndex((p, si) => si > 0 && p.role === 'main' && !hidden.has(series[p.chart].id));
    const row = mainSi > 0 ? this.view.nearestDrawable(mainSi, idx) : -1;
    const left = u.valToPos(aligned.x[idx], 'x');
    const top =
      row >= 0 && this.view.drawableRows(mainSi)?.(row)
        ? u.valToPos(aligned.ys[mainSi - 1][row], 'y')
        : u.bbox.height / this.view.pxRatio() / 2;
    placeCursor(u, left, top);
    this.byKeyboard = true;
    const h = this.host;
    const values = this.valuesAt(u);
    h.announce(
      `${h.xLabel()} ${h.fmtX(aligned.x[idx])}: ${values.map((v) => `${v.label} ${h.fmt(v.value)}`).join(', ')}`,
    );
  }

  /** The raw value at x (when the original line is not drawn). */
  private rawAt(s: ChartSeries, x: number): number | null {
    if (!s.original || !Number.isFinite(x)) return null;
    const [i0] = this.view.rowsIn(s.original.x, x, x);
    return i0 < s.original.length && s.original.x[i0] === x ? s.original.y[i0] : null;
  }
}

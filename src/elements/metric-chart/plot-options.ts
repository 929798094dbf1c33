/**
 * uPlot options for the chart: typed-array line paths, theme colours read at draw time (so a theme
 * switch is a redraw), natural tick labels, no uPlot legend, and the chart's own scale ranges,
 * cursor point choice and hooks.
 */
import type uPlot from 'uplot';
import type { Lang } from '../../internal/i18n.js';
import { DURATION_INCRS, formatTicks, type XKind } from './axis-format.js';
import type { XY } from './chart-data.js';
import type { PlotSeries } from './chart-series.js';
import { bandCode } from './plot-parts.js';
import { drawWindow, linePaths } from './line-paths.js';

/** Theme colours for the canvas, read from the element's tokens. */
export interface Palette {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  /** Canvas font for tick labels. */
  font: string;
}

export interface PlotSetup {
  width: number;
  height: number;
  xKind: XKind;
  logX: boolean;
  logY: boolean;
  sync?: string;
  layout: readonly PlotSeries[];
  labels: readonly string[];
  /** Name of the x axis, drawn under it. */
  xLabel: string;
}

/** What the element answers while uPlot draws. */
export interface PlotCallbacks {
  locale(): Lang;
  palette(): Palette;
  color(chart: number): string;
  /** Whether the user hid this chart series (from the legend). */
  hidden(chart: number): boolean;
  /** The columns uPlot series `seriesIdx` draws. */
  column(seriesIdx: number): XY | undefined;
  xRange(min: number | null, max: number | null): uPlot.Range.MinMax;
  yRange(): uPlot.Range.MinMax;
  dataIdx(seriesIdx: number, closestIdx: number): number;
  onScale(u: uPlot, key: string): void;
  onCursor(u: uPlot): void;
  onDraw(u: uPlot): void;
  onDoubleClick(): void;
  /** Device pixels per CSS pixel. */
  pxRatio(): number;
}

/** Width (CSS px) of a main line whose points are not crowded (crowded lines are 1 px, see linePaths). */
const MAIN_WIDTH = 1.5;

function cursorPoint(): HTMLElement {
  const pt = document.createElement('div');
  pt.style.width = pt.style.height = '8px';
  pt.style.marginLeft = pt.style.marginTop = '-4px';
  pt.style.borderWidth = '2px';
  return pt;
}

export function plotOptions(setup: PlotSetup, cb: PlotCallbacks): uPlot.Options {
  const lineWidth = (si: number, crowded: boolean): number =>
    setup.layout[si]?.role === 'main' && !crowded ? MAIN_WIDTH : 1;
  const lines = linePaths({ column: cb.column, lineWidth, pxRatio: cb.pxRatio });
  // loaded before a layout with bands is drawn (PlotView.prepare)
  const envelope = bandCode.now?.envelopePaths({ column: cb.column, window: drawWindow });
  const series: uPlot.Series[] = [{}];
  setup.layout.slice(1).forEach((p) => {
    const color = () => cb.color(p.chart);
    const label = setup.labels[p.chart] ?? '';
    const band = p.role === 'band';
    const main = p.role === 'main';
    series.push({
      label: band ? `${label} band` : label,
      show: !cb.hidden(p.chart),
      // the y range is the chart's own (PlotCallbacks.yRange): uPlot never scans the columns
      auto: false,
      stroke: color,
      ...(band
        ? { paths: envelope, fill: color, width: 0, alpha: 0.18, points: { show: false } }
        : {
            paths: lines.paths,
            width: main ? MAIN_WIDTH : 1,
            alpha: main ? 1 : 0.35,
            points: { show: false, fill: () => cb.palette().bg },
          }),
    });
  });
  const axis = (kind: XKind | 'y', log: boolean): uPlot.Axis => ({
    stroke: () => cb.palette().muted,
    font: cb.palette().font,
    grid: { stroke: () => cb.palette().grid, width: 1 },
    ticks: { stroke: () => cb.palette().grid, width: 1, size: 4 },
    border: { show: false },
    values: (_u, splits, _ai, _space, incr) => formatTicks(kind, splits, incr, cb.locale(), log),
    ...(kind === 'y'
      ? {
          size: (_u: uPlot, values: string[] | undefined) =>
            14 + 6.5 * Math.max(3, ...(values ?? []).map((v) => v.length)),
        }
      : {}),
  });
  const xAxis = axis(setup.xKind, setup.logX);
  xAxis.label = setup.xLabel;
  xAxis.labelSize = 18;
  xAxis.labelFont = cb.palette().font;
  xAxis.labelGap = 0;
  if (setup.xKind === 'relative' || setup.xKind === 'process') xAxis.incrs = [...DURATION_INCRS];
  if (setup.xKind === 'wallclock') xAxis.space = 80;
  // room for the ticks (two lines where a date is added) above the axis name
  xAxis.size = setup.xKind === 'wallclock' ? 44 : 28;
  return {
    width: setup.width,
    height: setup.height,
    // wall-clock x is epoch milliseconds (uPlot's `ms` is the multiplier that yields 1 ms)
    ms: 1,
    legend: { show: false },
    series,
    scales: {
      x: {
        time: setup.xKind === 'wallclock',
        distr: setup.logX ? 3 : 1,
        log: 10,
        auto: false,
        range: (_u, min, max) => cb.xRange(min, max),
      },
      y: { distr: setup.logY ? 3 : 1, log: 10, range: () => cb.yRange() },
    },
    axes: [xAxis, axis('y', setup.logY)],
    cursor: {
      sync: setup.sync ? { key: setup.sync } : undefined,
      drag: { x: true, y: false, setScale: true },
      dataIdx: (_u, si, idx) => cb.dataIdx(si, idx),
      points: {
        // one hover point per drawn line, none for bands and faint originals
        show: (_u, si) => (setup.layout[si]?.role === 'main' ? cursorPoint() : (undefined as unknown as HTMLElement)),
      },
      bind: {
        dblclick: () => () => {
          cb.onDoubleClick();
          return null;
        },
      },
    },
    hooks: {
      setScale: [(u, key) => cb.onScale(u, key)],
      setCursor: [(u) => cb.onCursor(u)],
      // the lines are stroked here, from the vertices their paths builder found (see line-paths.ts)
      drawSeries: [(u, si) => lines.draw(u, si)],
      draw: [(u) => cb.onDraw(u)],
    },
  };
}

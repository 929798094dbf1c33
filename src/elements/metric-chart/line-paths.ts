/**
 * uPlot path builders that draw each series from its own x and y columns (not uPlot's x-aligned
 * data, where every series has a row for every other series' x): a redraw costs one pass over that
 * series' visible points, plus one point beyond each end so the line runs to the plot's edges. They
 * read NaN/±Inf as gaps (the pen lifts), leave out values a log scale cannot draw, and collapse
 * points that share a device-pixel column into one vertical stroke (first, min, max, last).
 *
 * A line is not handed to uPlot as a Path2D: its vertices are kept in buffers of its own, reused
 * from one build to the next, and stroked on the canvas's own path in uPlot's `drawSeries` hook
 * (`LineLayer.draw`), with the state uPlot strokes a path with. A Path2D of the ~4000 vertices a
 * pixel-dense line has cost 3–4× as much to build as the canvas's path, which keeps its memory
 * between draws where a fresh Path2D grows into fresh pages.
 *
 * A line that crowds several points into its pixel columns is drawn 1 px wide (as uPlot draws
 * lines): a wider stroke zig-zagging through a thousand columns costs the canvas ~0.5 s to
 * rasterise (a round join at every turn), a 1-device-pixel one a few ms.
 */
import type uPlot from 'uplot';
import { lowerBound, upperBound } from '../../data/source.js';
import type { XY } from './chart-data.js';

export interface PathContext {
  /** The columns uPlot series `seriesIdx` draws (x sorted ascending). */
  column(seriesIdx: number): XY | undefined;
  /** Stroke width (CSS px) of uPlot series `seriesIdx`, `crowded` when its columns hold many points. */
  lineWidth?(seriesIdx: number, crowded: boolean): number;
  /** Device pixels per CSS pixel (uPlot's `pxRatio`); 1 when absent. */
  pxRatio?(): number;
}

/**
 * The vertices of one line as x, y pairs, and where the pen is put down afresh (a move, not a line
 * from the vertex before). The buffers grow and are kept: building the line again writes into them.
 */
export class LineVertices {
  xy = new Float64Array(512);
  moves = new Int32Array(16);
  /** Vertices held. */
  count = 0;
  /** Entries of `moves` held: vertex indexes, ascending. */
  moveCount = 0;

  /** Empties the line, with room for `vertices` (grown once here rather than doubling as it is written). */
  clear(vertices = 0): void {
    this.count = 0;
    this.moveCount = 0;
    if (2 * vertices > this.xy.length) this.xy = new Float64Array(2 * vertices);
  }

  moveTo(x: number, y: number): void {
    if (this.moveCount === this.moves.length) this.moves = grown(this.moves, this.moves.length * 2);
    this.moves[this.moveCount++] = this.count;
    this.lineTo(x, y);
  }

  lineTo(x: number, y: number): void {
    const at = 2 * this.count++;
    if (at === this.xy.length) this.xy = grown(this.xy, this.xy.length * 2);
    this.xy[at] = x;
    this.xy[at + 1] = y;
  }

  /** Traces the vertices as a path onto `path` (the canvas's path, or a recorder). */
  trace(path: Pick<CanvasRenderingContext2D, 'moveTo' | 'lineTo'>): void {
    const { xy, moves, count, moveCount } = this;
    let m = 0;
    let nextMove = moveCount > 0 ? moves[0] : -1;
    for (let i = 0; i < count; i++) {
      if (i === nextMove) {
        path.moveTo(xy[2 * i], xy[2 * i + 1]);
        nextMove = ++m < moveCount ? moves[m] : -1;
      } else path.lineTo(xy[2 * i], xy[2 * i + 1]);
    }
  }
}

function grown<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * Canvas position of a value: `left + (f(x) − x0) · kx` across, `bottom − (f(y) − y0) · ky` down,
 * where f is log10 on a log scale.
 */
interface Projection {
  left: number;
  x0: number;
  kx: number;
  bottom: number;
  y0: number;
  ky: number;
  logY: boolean;
  logX: boolean;
}

function projection(u: uPlot, seriesIdx: number): Projection {
  const sx = u.scales.x;
  const yKey = u.series[seriesIdx].scale ?? 'y';
  const sy = u.scales[yKey];
  const { left, top, width, height } = u.bbox;
  const logX = sx.distr === 3;
  const logY = sy.distr === 3;
  const fx = logX ? Math.log10 : (v: number) => v;
  const fy = logY ? Math.log10 : (v: number) => v;
  const x0 = fx(sx.min ?? 0);
  const x1 = fx(sx.max ?? 1);
  const y0 = fy(sy.min ?? 0);
  const y1 = fy(sy.max ?? 1);
  const kx = width / (x1 - x0 || 1);
  const ky = height / (y1 - y0 || 1);
  return { left, x0, kx, bottom: top + height, y0, ky, logX, logY };
}

/**
 * Index window `[i0, i1]` (inclusive) of `x` that covers the x scale's view, with the nearest
 * point beyond each end; `i1 < i0` when `x` is empty.
 */
export function drawWindow(u: uPlot, x: Float64Array): [number, number] {
  const { min, max } = u.scales.x;
  const n = x.length;
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  const i0 = lowerBound(x, lo);
  const i1 = upperBound(x, hi, i0);
  return [Math.max(0, i0 - 1), Math.min(n - 1, i1)];
}

function emptyPaths(): uPlot.Series.Paths {
  return { stroke: null, fill: null, clip: null, band: null, flags: 0 };
}

/** uPlot's stroke width in device pixels: rounded to 3 decimals, as uPlot rounds it. */
function deviceWidth(cssWidth: number, pxRatio: number): number {
  return Math.round(cssWidth * pxRatio * 1000) / 1000;
}

/** The lines of a plot: `paths`, the series' path builder, and `draw`, for uPlot's `drawSeries` hook. */
export interface LineLayer {
  /** Finds the series' vertices (and sets its width); uPlot gets paths without a stroke. */
  paths: uPlot.Series.PathBuilder;
  /** Strokes series `seriesIdx` from the vertices its last `paths` call found. */
  draw(u: uPlot, seriesIdx: number): void;
  /** The vertices `paths` last found for series `seriesIdx`. */
  vertices(seriesIdx: number): LineVertices | undefined;
}

/** A line through the points, pen lifted at gaps, one vertical stroke per crowded pixel column. */
export function linePaths(ctx: PathContext): LineLayer {
  const lines = new Map<number, LineVertices>();
  const paths: uPlot.Series.PathBuilder = (u, seriesIdx) => {
    let path = lines.get(seriesIdx);
    if (!path) lines.set(seriesIdx, (path = new LineVertices()));
    const column = ctx.column(seriesIdx);
    if (!column) {
      path.clear();
      return emptyPaths();
    }
    const { x: xs, y: ys } = column;
    const [idx0, idx1] = drawWindow(u, xs);
    // a point is at most two vertices (a lone one is a dot), a crowded pixel column at most four
    path.clear(Math.min(2 * (idx1 - idx0 + 1), 4 * Math.ceil(u.bbox.width) + 64));
    const { left, x0, kx, bottom, y0, ky, logX, logY } = projection(u, seriesIdx);
    let penDown = false;
    let col = NaN;
    let colMin = 0;
    let colMax = 0;
    let colLast = 0;
    let colFirst = 0;
    let colCount = 0;
    let drawn = 0;
    let columns = 0;
    const flushColumn = (): void => {
      if (colCount > 1) {
        // The first point was drawn when the column opened: cover [min, max] and end at the last
        // point, with as few segments as the extremes allow (every order draws the same pixels).
        if (colLast === colMin) {
          if (colMax !== colFirst) path.lineTo(col, colMax);
          if (colMin !== colMax) path.lineTo(col, colMin);
        } else if (colLast === colMax) {
          if (colMin !== colFirst) path.lineTo(col, colMin);
          path.lineTo(col, colMax);
        } else {
          if (colMin !== colFirst) path.lineTo(col, colMin);
          if (colMax !== colMin) path.lineTo(col, colMax);
          path.lineTo(col, colLast);
        }
      }
      colCount = 0;
    };
    // one pass over the points in view, the projection and `drawable` written out (no call a point)
    for (let i = idx0; i <= idx1; i++) {
      const x = xs[i];
      const y = ys[i];
      const badY = logY ? !(y > 0 && y !== Infinity) : y - y !== 0;
      const badX = logX ? !(x > 0 && x !== Infinity) : x - x !== 0;
      if (badY || badX) {
        flushColumn();
        penDown = false;
        col = NaN;
        continue;
      }
      const cx = Math.round(left + ((logX ? Math.log10(x) : x) - x0) * kx);
      const cy = bottom - ((logY ? Math.log10(y) : y) - y0) * ky;
      drawn++;
      if (penDown && cx === col) {
        if (cy < colMin) colMin = cy;
        if (cy > colMax) colMax = cy;
        colLast = cy;
        colCount++;
        continue;
      }
      flushColumn();
      if (penDown) path.lineTo(cx, cy);
      else {
        path.moveTo(cx, cy);
        // a lone point between gaps still shows as a dot-sized stroke
        path.lineTo(cx + 0.5, cy);
      }
      penDown = true;
      columns++;
      col = cx;
      colMin = colMax = colLast = colFirst = cy;
      colCount = 1;
    }
    flushColumn();
    // `draw` strokes with this width, right after uPlot has built the paths
    if (ctx.lineWidth) u.series[seriesIdx].width = ctx.lineWidth(seriesIdx, drawn > 2 * columns);
    return emptyPaths();
  };
  const draw = (u: uPlot, seriesIdx: number): void => {
    const path = lines.get(seriesIdx);
    const s = u.series[seriesIdx];
    if (!path || path.count === 0 || !s) return;
    const stroke = typeof s.stroke === 'function' ? s.stroke(u, seriesIdx) : s.stroke;
    const width = deviceWidth(s.width ?? 1, ctx.pxRatio?.() ?? 1);
    if (!stroke || !(width > 0)) return;
    // the state uPlot strokes a series' path with (drawPath, strokeFill), inside save/restore so
    // the canvas state uPlot keeps track of is left as it was
    const c = u.ctx;
    c.save();
    c.globalAlpha = s.alpha ?? 1;
    const offset = (width % 2) / 2;
    if (Number(s.pxAlign ?? 1) === 1 && offset > 0) c.translate(offset, offset);
    const { left, top, width: plotWidth, height: plotHeight } = u.bbox;
    c.beginPath();
    c.rect(left - width / 2, top - width / 2, plotWidth + width, plotHeight + width);
    c.clip();
    c.strokeStyle = stroke as string | CanvasGradient | CanvasPattern;
    c.lineWidth = width;
    c.lineJoin = 'round';
    c.lineCap = s.cap ?? 'butt';
    c.setLineDash(s.dash ?? []);
    c.beginPath();
    path.trace(c);
    c.stroke();
    c.restore();
  };
  return { paths, draw, vertices: (seriesIdx) => lines.get(seriesIdx) };
}

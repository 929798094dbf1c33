/** Extras drawn on the canvas after the lines: dots on sparse raw points, markers for non-finite values. */
import type uPlot from 'uplot';
import { drawable, visibleWindow } from './chart-data.js';

export interface MarkedColumn {
  /** The series' own columns (x sorted ascending). */
  x: Float64Array;
  y: Float64Array;
  color: string;
  /** Draw dots when the points are sparse (only for raw, exact data). */
  dots: boolean;
  /** Faint (the original line under a smoothed one). */
  faint: boolean;
  /** Draw a marker at every non-finite value. */
  markNonFinite: boolean;
}

/** Dots appear when the visible points are at least this many CSS pixels apart on average. */
const SPARSE_PX = 8;

export function drawMarks(
  u: uPlot,
  view: readonly [number, number],
  columns: readonly MarkedColumn[],
  logX: boolean,
  logY: boolean,
  ratio: number,
): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const maxDots = Math.floor(width / (SPARSE_PX * ratio));
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top - 6 * ratio, width, height + 6 * ratio);
  ctx.clip();
  for (const c of columns) {
    const { x, y } = c;
    const [i0, i1] = visibleWindow(x, view[0], view[1]);
    ctx.fillStyle = c.color;
    // counted and tested on every draw, raw points or not: code first run at the first zoom to
    // raw points would run cold there and throw this function's optimised code away (~1 ms)
    const drawn = countDrawable(y, i0, i1, maxDots + 1, logY);
    if (drawn > 0 && drawn <= maxDots && c.dots) {
      ctx.globalAlpha = c.faint ? 0.35 : 1;
      drawDots(u, x, y, i0, i1, (c.faint ? 2 : 2.5) * ratio, logX, logY);
    }
    if (c.markNonFinite) {
      ctx.globalAlpha = 1;
      markNonFinite(u, x, y, i0, i1, 4 * ratio, top + height, logX);
    }
  }
  ctx.restore();
}

/** Drawable values in `y[i0..i1)`, counted up to `limit`. */
function countDrawable(y: Float64Array, i0: number, i1: number, limit: number, logY: boolean): number {
  let drawn = 0;
  for (let i = i0; i < i1 && drawn < limit; i++) if (drawable(y[i], logY)) drawn++;
  return drawn;
}

/** A dot of radius `r` at every drawable point of `[i0, i1)`. */
function drawDots(
  u: uPlot,
  x: Float64Array,
  y: Float64Array,
  i0: number,
  i1: number,
  r: number,
  logX: boolean,
  logY: boolean,
): void {
  const ctx = u.ctx;
  for (let i = i0; i < i1; i++) {
    if (!drawable(y[i], logY) || !drawable(x[i], logX)) continue;
    ctx.beginPath();
    ctx.arc(u.valToPos(x[i], 'x', true), u.valToPos(y[i], 'y', true), r, 0, Math.PI * 2);
    ctx.fill();
  }
}

/** On the x axis (`base`) under each non-finite value: a triangle up for +Inf, down for -Inf, a diamond for NaN. */
function markNonFinite(
  u: uPlot,
  x: Float64Array,
  y: Float64Array,
  i0: number,
  i1: number,
  size: number,
  base: number,
  logX: boolean,
): void {
  const ctx = u.ctx;
  for (let i = i0; i < i1; i++) {
    const v = y[i];
    if (v === v && v !== Infinity && v !== -Infinity) continue;
    if (!drawable(x[i], logX)) continue;
    const cx = u.valToPos(x[i], 'x', true);
    ctx.beginPath();
    if (v === Infinity) {
      ctx.moveTo(cx - size, base);
      ctx.lineTo(cx + size, base);
      ctx.lineTo(cx, base - 2 * size);
    } else if (v === -Infinity) {
      ctx.moveTo(cx - size, base - 2 * size);
      ctx.lineTo(cx + size, base - 2 * size);
      ctx.lineTo(cx, base);
    } else {
      ctx.moveTo(cx, base);
      ctx.lineTo(cx + size, base - size);
      ctx.lineTo(cx, base - 2 * size);
      ctx.lineTo(cx - size, base - size);
    }
    ctx.closePath();
    ctx.fill();
  }
}

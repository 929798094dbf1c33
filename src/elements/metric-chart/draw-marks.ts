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
    if (c.dots && i1 - i0 > 0) {
      let drawn = 0;
      for (let i = i0; i < i1 && drawn <= maxDots; i++) if (drawable(y[i], logY)) drawn++;
      if (drawn > 0 && drawn <= maxDots) {
        ctx.globalAlpha = c.faint ? 0.35 : 1;
        const r = (c.faint ? 2 : 2.5) * ratio;
        for (let i = i0; i < i1; i++) {
          if (!drawable(y[i], logY) || !drawable(x[i], logX)) continue;
          ctx.beginPath();
          ctx.arc(u.valToPos(x[i], 'x', true), u.valToPos(y[i], 'y', true), r, 0, Math.PI * 2);
          ctx.fill();
        }
      }
    }
    if (!c.markNonFinite) continue;
    ctx.globalAlpha = 1;
    const size = 4 * ratio;
    const base = top + height;
    for (let i = i0; i < i1; i++) {
      const v = y[i];
      if (v === v && v !== Infinity && v !== -Infinity) continue;
      if (!drawable(x[i], logX)) continue;
      const cx = u.valToPos(x[i], 'x', true);
      // on the x axis: a triangle up for +Inf, down for -Inf, a diamond for NaN
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
  ctx.restore();
}

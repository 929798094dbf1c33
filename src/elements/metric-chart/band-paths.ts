/**
 * The band: the min–max envelope per pixel column of the raw values around a downsampled or
 * smoothed line, as a filled area. Loaded with the first chart that draws one (most draw none); it
 * imports no module of the chart's first paint, which would then be split out of the page's entry.
 */
import type uPlot from 'uplot';
import type { XY } from './chart-data.js';

export interface BandContext {
  /** The columns of the uPlot series the band outlines (x sorted ascending). */
  column(seriesIdx: number): XY | undefined;
  /** Index window `[i0, i1]` of `x` that covers the x scale's view, with a point beyond each end. */
  window(u: uPlot, x: Float64Array): [number, number];
}

/** The envelope of the series the band outlines, gaps (values the scales cannot draw) splitting it. */
export function envelopePaths(ctx: BandContext): uPlot.Series.PathBuilder {
  return (u, seriesIdx) => {
    const fill = new Path2D();
    const paths: uPlot.Series.Paths = { stroke: null, fill, clip: null, band: null, flags: 0 };
    const column = ctx.column(seriesIdx);
    if (!column) return paths;
    const { x: xs, y: ys } = column;
    const [idx0, idx1] = ctx.window(u, xs);
    const logX = u.scales.x.distr === 3;
    const logY = u.scales[u.series[seriesIdx].scale ?? 'y'].distr === 3;
    const cols: number[] = [];
    const tops: number[] = [];
    const bottoms: number[] = [];
    const closeRun = (): void => {
      if (cols.length > 1) {
        fill.moveTo(cols[0], tops[0]);
        for (let k = 1; k < cols.length; k++) fill.lineTo(cols[k], tops[k]);
        for (let k = cols.length - 1; k >= 0; k--) fill.lineTo(cols[k], bottoms[k]);
        fill.closePath();
      }
      cols.length = tops.length = bottoms.length = 0;
    };
    for (let i = idx0; i <= idx1; i++) {
      const x = xs[i];
      const y = ys[i];
      // what the scales can draw: finite, and positive on a log scale
      if (!(logY ? y > 0 : y > -Infinity) || !(logX ? x > 0 : x > -Infinity) || x === Infinity || y === Infinity) {
        closeRun();
        continue;
      }
      const cx = Math.round(u.valToPos(x, 'x', true));
      const cy = u.valToPos(y, 'y', true);
      const last = cols.length - 1;
      if (last >= 0 && cols[last] === cx) {
        if (cy < tops[last]) tops[last] = cy;
        if (cy > bottoms[last]) bottoms[last] = cy;
      } else {
        cols.push(cx);
        tops.push(cy);
        bottoms.push(cy);
      }
    }
    closeRun();
    return paths;
  };
}

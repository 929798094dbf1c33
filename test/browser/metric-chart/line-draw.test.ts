import { expect } from '@open-wc/testing';
import type uPlot from 'uplot';
import { linePaths } from '../../../src/elements/metric-chart/line-paths.js';
import { mulberry32 } from '../../../src/data/random.js';

const BBOX = { left: 12, top: 6, width: 300, height: 150 };

function canvas(): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = 340;
  c.height = 170;
  return c.getContext('2d')!;
}

/** A stand-in for the uPlot instance the builders read: scales, bbox, series, canvas. */
function plot(ctx: CanvasRenderingContext2D, series: Partial<uPlot.Series>, x: Float64Array): uPlot {
  return {
    ctx,
    scales: { x: { min: x[0], max: x[x.length - 1], distr: 1 }, y: { min: -12, max: 12, distr: 1 } },
    series: [{}, { scale: 'y', pxAlign: 1, alpha: 1, ...series }],
    bbox: BBOX,
  } as unknown as uPlot;
}

/** What uPlot does with a series' Path2D (drawPath, strokeFill, doStroke), for comparison. */
function strokeAsUplot(ctx: CanvasRenderingContext2D, path: Path2D, s: uPlot.Series, pxRatio: number): void {
  const width = Math.round((s.width ?? 1) * pxRatio * 1000) / 1000;
  const offset = (width % 2) / 2;
  ctx.globalAlpha = s.alpha ?? 1;
  ctx.strokeStyle = s.stroke as string;
  ctx.lineWidth = width;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'butt';
  ctx.setLineDash([]);
  if (offset > 0) ctx.translate(offset, offset);
  const clip = new Path2D();
  clip.rect(BBOX.left - width / 2, BBOX.top - width / 2, BBOX.width + width, BBOX.height + width);
  ctx.save();
  ctx.clip(clip);
  ctx.stroke(path);
  ctx.restore();
  if (offset > 0) ctx.translate(-offset, -offset);
}

describe('metric-chart: lines stroked from their vertices', () => {
  it('draws the pixels uPlot draws from a Path2D of the same vertices', () => {
    const rnd = mulberry32(5);
    const n = 6000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    // crowded columns, a gap, a lone point between gaps, and values beyond the plot's edges
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 300) * 10 + (rnd() - 0.5) * 6);
    y.fill(NaN, 2000, 2100);
    y[2101] = NaN;
    y[3000] = 40;
    y[3001] = -40;
    for (const [cssWidth, alpha, pxRatio] of [
      [1, 1, 1],
      [1.5, 1, 1],
      [1, 0.35, 1],
      [1.5, 1, 2],
    ]) {
      const series = { stroke: '#1f77b4', width: cssWidth, alpha };
      const ours = canvas();
      const lines = linePaths({ column: () => ({ x, y }), pxRatio: () => pxRatio });
      const u = plot(ours, series, x);
      const paths = lines.paths(u, 1, 0, n - 1)!;
      expect(paths.stroke).to.equal(null);
      lines.draw(u, 1);

      const theirs = canvas();
      const path = new Path2D();
      lines.vertices(1)!.trace(path);
      strokeAsUplot(theirs, path, plot(theirs, series, x).series[1], pxRatio);

      const a = ours.getImageData(0, 0, 340, 170).data;
      const b = theirs.getImageData(0, 0, 340, 170).data;
      let differ = 0;
      let painted = 0;
      for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) differ++;
        if (i % 4 === 3 && a[i] > 0) painted++;
      }
      expect(differ, `pixels that differ at width ${cssWidth}, alpha ${alpha}, ratio ${pxRatio}`).to.equal(0);
      expect(painted).to.be.greaterThan(1000);
    }
  });

  it('leaves the canvas state as it found it', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => i);
    const y = Float64Array.from({ length: 100 }, (_, i) => Math.cos(i));
    const ctx = canvas();
    ctx.strokeStyle = '#ff0000';
    ctx.lineWidth = 3;
    ctx.globalAlpha = 0.5;
    const lines = linePaths({ column: () => ({ x, y }) });
    const u = plot(ctx, { stroke: '#00ff00', width: 1.5 }, x);
    lines.paths(u, 1, 0, 99);
    lines.draw(u, 1);
    expect([ctx.strokeStyle, ctx.lineWidth, ctx.globalAlpha]).to.deep.equal(['#ff0000', 3, 0.5]);
    expect(ctx.getTransform().isIdentity).to.equal(true);
  });

  it('draws nothing for a series without points or before its paths were built', () => {
    const ctx = canvas();
    const empty = new Float64Array(0);
    const lines = linePaths({ column: () => ({ x: empty, y: empty }) });
    const u = plot(ctx, { stroke: '#00ff00', width: 1 }, Float64Array.from([0, 1]));
    lines.draw(u, 1);
    lines.paths(u, 1, 0, 0);
    lines.draw(u, 1);
    expect(ctx.getImageData(0, 0, 340, 170).data.some((v) => v !== 0)).to.equal(false);
  });
});

/**
 * Run by draw-marks.test.ts in a child process with V8's optimisation traces on: the marks of 10
 * downsampled lines drawn as a full view is (dots asked for by none), then of raw points as a
 * zoom to 0.1 % of 1M points shows them (1,000 points across 1,000 px: too many for dots). A line
 * `zooms` on stdout separates the two, in order with the traces.
 */
import type uPlot from 'uplot';
import { drawMarks, type MarkedColumn } from '../../../../../src/elements/metric-chart/draw-marks.js';

const noop = (): void => undefined;
const ctx = new Proxy({}, { get: (_, k) => (k === 'canvas' ? {} : noop), set: () => true });
const u = {
  ctx,
  bbox: { left: 0, top: 0, width: 1000, height: 400 },
  valToPos: (v: number) => v,
} as unknown as uPlot;

function columns(n: number, exact: boolean): MarkedColumn[] {
  return Array.from({ length: 10 }, (_, s) => {
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i + s));
    return { x, y, color: '#000', dots: exact, faint: false, markNonFinite: true };
  });
}

const full = columns(4000, false);
for (let r = 0; r < 300; r++) drawMarks(u, [0, 3999], full, false, false, 1);
console.log('zooms');
const raw = columns(1000, true);
for (let r = 0; r < 3; r++) drawMarks(u, [0, 999], raw, false, false, 1);

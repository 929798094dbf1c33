/**
 * Fidelity: which single-sample spikes of a 1,000,000-point series stay visible after each way of
 * sampling it down for a 1,000 px wide chart.
 *
 * The series: a smooth noisy curve with values in about [0, 1] and 50 single-sample spikes, one in
 * each fiftieth of the range (so no two share a pixel column), alternately up and down, 3–6 units
 * tall.
 *
 * "Visible", precisely: the sampled points are drawn as a straight-line polyline on a plot of
 * W = 1,000 × H = 400 px whose x axis spans the raw x extent and whose y axis spans the raw y
 * extent. Pixel column c covers x pixels [c, c + 1) (the last column also takes x = W). For the
 * spike's column, take every polyline segment that overlaps the column, clip it to the column and
 * read its y at both clipped ends; the drawn maximum (minimum, for a downward spike) of those is
 * what the chart shows there. The spike is visible when that extreme reaches the spike's own value
 * to within half a pixel (0.5 px of the y axis).
 */
import { downsample } from '../../src/data/downsample.js';
import { MinMaxIndex } from '../../src/data/minmax-index.js';
import { mulberry32 } from '../../src/data/random.js';
import { evenSample, lttb, randomSample, reservoirSample } from './samplers.js';

export const WIDTH = 1000;
export const HEIGHT = 400;

interface Series {
  x: Float64Array;
  y: Float64Array;
  spikes: number[];
}

function series(n: number, spikes: number, seed: number): Series {
  const rnd = mulberry32(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let noise = 0;
  for (let i = 0; i < n; i++) {
    x[i] = i;
    noise = 0.98 * noise + 0.02 * (rnd() - 0.5);
    y[i] = 0.5 + 0.4 * Math.exp(-i / (n / 4)) + 2 * noise;
  }
  const at: number[] = [];
  const stratum = Math.floor(n / spikes);
  for (let s = 0; s < spikes; s++) {
    const i = s * stratum + Math.floor(stratum * (0.1 + 0.8 * rnd()));
    y[i] += (s % 2 === 0 ? 1 : -1) * (3 + 3 * rnd());
    at.push(i);
  }
  return { x, y, spikes: at };
}

/** Whether each spike is visible in the polyline through (px, py) (see the file comment). */
export function visibleSpikes(raw: Series, px: ArrayLike<number>, py: ArrayLike<number>): boolean[] {
  const n = raw.x.length;
  const x0 = raw.x[0];
  const span = raw.x[n - 1] - x0;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < n; i++) {
    yMin = Math.min(yMin, raw.y[i]);
    yMax = Math.max(yMax, raw.y[i]);
  }
  const tolerance = (0.5 * (yMax - yMin)) / HEIGHT;
  const toPx = (v: number) => ((v - x0) / span) * WIDTH;
  return raw.spikes.map((s) => {
    const up = raw.y[s] > raw.y[s - 1];
    const c = Math.min(WIDTH - 1, Math.floor(toPx(raw.x[s])));
    const colLo = c;
    const colHi = c === WIDTH - 1 ? WIDTH + 1e-9 : c + 1;
    let extreme = up ? -Infinity : Infinity;
    const take = (v: number) => (extreme = up ? Math.max(extreme, v) : Math.min(extreme, v));
    for (let k = 0; k < px.length; k++) {
      const xa = toPx(px[k]);
      if (k + 1 < px.length) {
        const xb = toPx(px[k + 1]);
        // the segment [xa, xb] overlaps the column [colLo, colHi)
        if (xb >= colLo && xa < colHi) {
          const lo = Math.max(xa, colLo);
          const hi = Math.min(xb, colHi);
          const at = (p: number) => (xb === xa ? py[k] : py[k] + ((py[k + 1] - py[k]) * (p - xa)) / (xb - xa));
          take(at(lo));
          take(at(hi));
        }
      } else if (xa >= colLo && xa < colHi) {
        take(py[k]);
      }
    }
    return up ? extreme >= raw.y[s] - tolerance : extreme <= raw.y[s] + tolerance;
  });
}

function pick(raw: Series, idx: Int32Array): { x: Float64Array; y: Float64Array } {
  return { x: Float64Array.from(idx, (i) => raw.x[i]), y: Float64Array.from(idx, (i) => raw.y[i]) };
}

export interface FidelityParams {
  points: number;
  spikes: number;
  seeds: number;
}

export function runFidelity(p: FidelityParams) {
  const methods: Record<string, { share: number[]; points: number[] }> = {};
  const record = (name: string, raw: Series, s: { x: Float64Array; y: Float64Array }) => {
    const seen = visibleSpikes(raw, s.x, s.y);
    const m = (methods[name] ??= { share: [], points: [] });
    m.share.push((100 * seen.filter(Boolean).length) / seen.length);
    m.points.push(s.x.length);
  };
  for (let seed = 1; seed <= p.seeds; seed++) {
    const raw = series(p.points, p.spikes, seed);
    // through the min/max index, as MemorySource and the server answer
    const m4 = downsample(raw.x, raw.y, { points: WIDTH, index: new MinMaxIndex(raw.y) });
    record('M4 at 1,000 px (runpage)', raw, m4);
    record('random 1,500 (W&B)', raw, pick(raw, randomSample(p.points, 1500, seed * 31)));
    record('reservoir 1,000 + last (TensorBoard)', raw, pick(raw, reservoirSample(p.points, 1000, seed * 37)));
    record('320 even steps + first/last (MLflow)', raw, pick(raw, evenSample(p.points, 320)));
    record('LTTB to 1,000', raw, pick(raw, lttb(raw.x, raw.y, 1000)));
  }
  return methods;
}

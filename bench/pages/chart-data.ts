/** The chart benchmarks' data: 10 series of N points with single-sample spikes, and the zoom plan. */
import { generateLargeMetrics } from '../../src/data/sample-large.js';
import type { MemoryMetric } from '../../src/data/memory-metrics.js';

export interface ChartParams {
  series: number;
  points: number;
  /** First-paint runs (a fresh chart and a fresh source each). */
  runs: number;
  /** Zooms per zoom level. */
  zoomsPerLevel: number;
}

/** Fractions of the full x range each zoom level shows. */
export const ZOOM_LEVELS = [0.5, 0.1, 0.01, 0.001, 0.0001];

export function chartMetrics(p: ChartParams): MemoryMetric[] {
  return generateLargeMetrics({ metrics: p.series, points: p.points, seed: 7 });
}

/** Deterministic zoom windows: for each level, `perLevel` ranges at spread-out centres. */
export function zoomPlan(points: number, perLevel: number): { level: number; range: [number, number] }[] {
  const plan: { level: number; range: [number, number] }[] = [];
  for (const level of ZOOM_LEVELS) {
    const width = Math.max(2, (points - 1) * level);
    for (let k = 0; k < perLevel; k++) {
      const centre = (points - 1) * (0.15 + 0.7 * ((k * 0.618034) % 1));
      const lo = Math.max(0, centre - width / 2);
      plan.push({ level, range: [lo, Math.min(points - 1, lo + width)] });
    }
  }
  return plan;
}

export const PLOT_WIDTH = 1000;
export const PLOT_HEIGHT = 400;
export const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

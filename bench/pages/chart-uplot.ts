/**
 * Baseline: uPlot handed all 10 × 1M points directly (its own per-pixel path simplification).
 * First paint: from `new uPlot(…)` until its `draw` hook has run and the next frame is produced.
 * Zoom: `setScale('x', …)` until the `draw` hook.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { MB, afterNextPaint, heapAfterGc, nextTask, stage } from './page-kit.js';
import { COLORS, type ChartParams, PLOT_HEIGHT, PLOT_WIDTH, chartMetrics, zoomPlan } from './chart-data.js';

async function run(p: ChartParams) {
  const heapStart = await heapAfterGc();
  const metrics = chartMetrics(p);
  const data = [
    metrics[0].step as Float64Array,
    ...metrics.map((m) => m.value as Float64Array),
  ] as unknown as uPlot.AlignedData;
  const heapData = await heapAfterGc();
  let onDraw: ((t: number) => void) | undefined;
  const opts: uPlot.Options = {
    width: PLOT_WIDTH + 60,
    height: PLOT_HEIGHT,
    scales: { x: { time: false } },
    series: [{}, ...metrics.map((m, i) => ({ label: m.key, stroke: COLORS[i % COLORS.length], width: 1 }))],
    hooks: {
      draw: [
        () => {
          const done = onDraw;
          onDraw = undefined;
          done?.(performance.now());
        },
      ],
    },
  };
  const firstPaint: number[] = [];
  const drawn: number[] = [];
  let plot: uPlot | undefined;
  for (let r = 0; r < p.runs; r++) {
    plot?.destroy();
    document.body.replaceChildren();
    const box = stage(PLOT_WIDTH + 60, PLOT_HEIGHT);
    await afterNextPaint();
    const drawnNow = new Promise<number>((resolve) => (onDraw = resolve));
    const t0 = performance.now();
    plot = new uPlot(opts, data, box);
    const drawnAt = await drawnNow;
    const paintedAt = await afterNextPaint();
    drawn.push(drawnAt - t0);
    firstPaint.push(paintedAt - t0);
  }
  const heapChart = await heapAfterGc();
  const u = plot!;
  const zoom: { level: number; ms: number; points: number }[] = [];
  for (const { level, range } of zoomPlan(p.points, p.zoomsPerLevel)) {
    const drawnNow = new Promise<number>((resolve) => (onDraw = resolve));
    const t0 = performance.now();
    u.setScale('x', { min: range[0], max: range[1] });
    zoom.push({ level, ms: (await drawnNow) - t0, points: data[0].length });
    await afterNextPaint();
    await nextTask();
  }
  return {
    firstPaint,
    drawn,
    zoom,
    heap: {
      dataMB: heapData !== undefined && heapStart !== undefined ? (heapData - heapStart) / MB : undefined,
      totalMB: heapChart !== undefined && heapStart !== undefined ? (heapChart - heapStart) / MB : undefined,
    },
  };
}

(window as unknown as { bench: unknown }).bench = { run };

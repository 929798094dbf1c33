/**
 * Baseline: Chart.js 4 with its decimation plugin (LTTB to 1,000 samples), the setup its docs give
 * for large data: `parsing: false`, `normalized`, no animation, linear x axis, {x, y} objects.
 * First paint: from `new Chart(…)` until its `afterRender` hook and the next frame.
 * Zoom: set the x scale's min/max and `update('none')` (decimation runs again on the visible range).
 */
import { Chart, LineController, LineElement, PointElement, LinearScale, Decimation, Legend } from 'chart.js';
import { MB, afterNextPaint, heapAfterGc, nextTask, stage } from './page-kit.js';
import { COLORS, type ChartParams, PLOT_HEIGHT, PLOT_WIDTH, chartMetrics, zoomPlan } from './chart-data.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Decimation, Legend);

async function run(p: ChartParams) {
  const heapStart = await heapAfterGc();
  const metrics = chartMetrics(p);
  // the data format Chart.js needs for decimation: one {x, y} object per point
  const points = metrics.map((m) => {
    const out = new Array<{ x: number; y: number }>(m.value.length);
    for (let i = 0; i < out.length; i++) out[i] = { x: m.step[i], y: m.value[i] };
    return out;
  });
  const keys = metrics.map((m) => m.key);
  metrics.length = 0;
  const heapData = await heapAfterGc();
  let onRender: ((t: number) => void) | undefined;
  const firstPaint: number[] = [];
  const drawn: number[] = [];
  let chart: Chart<'line', { x: number; y: number }[]> | undefined;
  const build = (canvas: HTMLCanvasElement) =>
    new Chart(canvas, {
      type: 'line',
      data: {
        datasets: points.map((data, i) => ({
          label: keys[i],
          data,
          borderColor: COLORS[i % COLORS.length],
          borderWidth: 1,
          pointRadius: 0,
        })),
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: false,
        spanGaps: true,
        events: [],
        scales: { x: { type: 'linear' }, y: { type: 'linear' } },
        plugins: { decimation: { enabled: true, algorithm: 'lttb', samples: 1000 } },
      },
      plugins: [
        {
          id: 'bench-render',
          afterRender: () => {
            const done = onRender;
            onRender = undefined;
            done?.(performance.now());
          },
        },
      ],
    });
  for (let r = 0; r < p.runs; r++) {
    chart?.destroy();
    document.body.replaceChildren();
    const box = stage(PLOT_WIDTH + 60, PLOT_HEIGHT);
    const canvas = document.createElement('canvas');
    canvas.width = PLOT_WIDTH + 60;
    canvas.height = PLOT_HEIGHT;
    box.append(canvas);
    await afterNextPaint();
    const drawnNow = new Promise<number>((resolve) => (onRender = resolve));
    const t0 = performance.now();
    chart = build(canvas);
    const drawnAt = await drawnNow;
    const paintedAt = await afterNextPaint();
    drawn.push(drawnAt - t0);
    firstPaint.push(paintedAt - t0);
  }
  const heapChart = await heapAfterGc();
  const c = chart!;
  const zoom: { level: number; ms: number; points: number }[] = [];
  for (const { level, range } of zoomPlan(p.points, p.zoomsPerLevel)) {
    const drawnNow = new Promise<number>((resolve) => (onRender = resolve));
    const t0 = performance.now();
    const x = c.options.scales!.x!;
    x.min = range[0];
    x.max = range[1];
    c.update('none');
    zoom.push({ level, ms: (await drawnNow) - t0, points: c.data.datasets[0].data.length });
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

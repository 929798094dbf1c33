/**
 * <metric-chart> over 10 × 1M points held by a MemorySource.
 *
 * First paint: from setting `source` until uPlot has drawn the canvas (its `status` turns 1 at the
 * end of its first commit, which draws synchronously) and the browser has produced the next frame.
 * Zoom: `zoomTo()` waits for the chart's 120 ms zoom debounce, then asks the source again; the
 * figure is from that getSeries call until uPlot's `draw` hook has run with the new points.
 */
import '../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../src/elements/metric-chart/metric-chart.js';
import { MemorySource } from '../../src/data/memory-source.js';
import type { RunInfo, RunSource, Series, SeriesQuery, Req } from '../../src/data/source.js';
import { MB, afterNextPaint, heapAfterGc, nextTask, stage, until } from './page-kit.js';
import { type ChartParams, PLOT_HEIGHT, PLOT_WIDTH, chartMetrics, zoomPlan } from './chart-data.js';

const INFO = { id: 'bench', name: 'bench', state: 'finished' } as RunInfo;

/** Forwards to a MemorySource and notes when series were asked for and when they arrived. */
class TimedSource implements RunSource {
  askedAt = 0;
  arrivedAt = 0;
  arrived = false;
  constructor(private readonly inner: MemorySource) {}
  getRun(id: string, o?: Req): Promise<RunInfo> {
    return this.inner.getRun(id, o);
  }
  listMetrics(id: string, o?: Req) {
    return this.inner.listMetrics(id, o);
  }
  async getSeries(q: SeriesQuery, o?: Req): Promise<Series[]> {
    this.askedAt = performance.now();
    this.arrived = false;
    const out = await this.inner.getSeries(q, o);
    this.arrivedAt = performance.now();
    this.arrived = true;
    return out;
  }
}

async function run(p: ChartParams) {
  const heapStart = await heapAfterGc();
  let metrics: ReturnType<typeof chartMetrics> | undefined = chartMetrics(p);
  const keys = metrics.map((m) => m.key);
  const heapData = await heapAfterGc();
  const firstPaint: number[] = [];
  const drawn: number[] = [];
  /** Of each first paint: from setting `source` until getSeries answered (the source's M4 and caches). */
  const fetched: number[] = [];
  let chart: MetricChart | undefined;
  let timed: TimedSource | undefined;
  let heapSource: number | undefined;
  let heapChart: number | undefined;
  for (let r = 0; r < p.runs; r++) {
    chart?.parentElement?.remove();
    // a fresh source each run: its per-axis caches are built inside the timed first paint (the
    // min/max index of each value column is built here, with the source, as when data is loaded)
    const source = new MemorySource({ info: INFO, metrics });
    timed = new TimedSource(source);
    heapSource = await heapAfterGc();
    const box = stage(PLOT_WIDTH + 60, PLOT_HEIGHT);
    const el = document.createElement('metric-chart');
    el.style.cssText = `display:block;width:${PLOT_WIDTH + 60}px;height:${PLOT_HEIGHT}px`;
    el.run = 'bench';
    el.metrics = keys;
    el.noLive = true;
    box.append(el);
    await el.updateComplete;
    await afterNextPaint();
    const t0 = performance.now();
    el.source = timed;
    const drawnAt = await until(() => el.uplot?.status === 1 && !el.fetching, 120_000, 'the chart to draw');
    const paintedAt = await afterNextPaint();
    drawn.push(drawnAt - t0);
    firstPaint.push(paintedAt - t0);
    fetched.push(timed.arrivedAt - t0);
    chart = el;
    if (r === p.runs - 1) {
      // the data now lives in the source only (MemorySource adopts Float64Array columns)
      metrics = undefined;
      heapChart = await heapAfterGc();
    }
  }
  const el = chart!;
  const source = timed!;
  const u = el.uplot!;
  let waiting: ((t: number) => void) | undefined;
  (u.hooks.draw ??= []).push(() => {
    if (waiting && source.arrived) {
      const done = waiting;
      waiting = undefined;
      done(performance.now());
    }
  });
  const zoom: { level: number; ms: number; points: number }[] = [];
  for (const { level, range } of zoomPlan(p.points, p.zoomsPerLevel)) {
    // zoomTo redraws the old points at the new scale at once; only the draw after the refetch counts
    source.arrived = false;
    const drawnNow = new Promise<number>((resolve) => (waiting = resolve));
    el.zoomTo(range[0], range[1]);
    const t = await Promise.race([
      drawnNow,
      new Promise<number>((_, fail) => setTimeout(() => fail(new Error('zoom did not redraw')), 60_000)),
    ]);
    zoom.push({ level, ms: t - source.askedAt, points: u.data[0].length });
    await afterNextPaint();
    await nextTask();
  }
  return {
    firstPaint,
    drawn,
    fetched,
    zoom,
    plotWidth: Math.round(u.bbox.width),
    heap: {
      dataMB: heapData !== undefined && heapStart !== undefined ? (heapData - heapStart) / MB : undefined,
      sourceMB: heapSource !== undefined && heapStart !== undefined ? (heapSource - heapStart) / MB : undefined,
      totalMB: heapChart !== undefined && heapStart !== undefined ? (heapChart - heapStart) / MB : undefined,
    },
  };
}

(window as unknown as { bench: unknown }).bench = { run };

/**
 * <metric-workspace> over a run with 2,000 history metrics (40 sections × 50) of `points` steps.
 *
 * - First screen: from setting `source` until every panel whose box meets the scrolling body's box
 *   holds a <metric-chart> that has drawn (uPlot status 1, no request pending): the workspace mounts
 *   charts a few per frame, so a panel still waiting for its chart counts as not drawn; "interactive"
 *   adds the next frame (a rAF callback and a task after it run, so the main thread is free to
 *   answer input).
 * - Scroll: the body's scrollTop set across the whole workspace, one position per frame; rAF deltas.
 */
import '../../src/elements/metric-workspace/define.js';
import type { MetricWorkspace } from '../../src/elements/metric-workspace/metric-workspace.js';
import type { MetricChart } from '../../src/elements/metric-chart/metric-chart.js';
import { MemorySource } from '../../src/data/memory-source.js';
import type { MemoryMetric } from '../../src/data/memory-metrics.js';
import type { RunInfo } from '../../src/data/source.js';
import { afterNextPaint, frameDeltas, longestTask, stage, until } from './page-kit.js';

interface WorkspaceParams {
  metrics: number;
  points: number;
  runs: number;
  scrollFrames: number;
}

const INFO = { id: 'ws', name: 'workspace', state: 'finished' } as RunInfo;

function metrics(count: number, points: number): MemoryMetric[] {
  const step = new Float64Array(points);
  for (let i = 0; i < points; i++) step[i] = i;
  const out: MemoryMetric[] = [];
  for (let m = 0; m < count; m++) {
    const value = new Float64Array(points);
    const a = 1 + (m % 7);
    for (let i = 0; i < points; i++) value[i] = a * Math.exp(-i / (points / 3)) + 0.05 * Math.sin(i * 0.37 + m);
    out.push({ key: `section_${String(m % 40).padStart(2, '0')}/metric_${m}`, step, value });
  }
  return out;
}

function body(el: MetricWorkspace): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>('[part="body"]') ?? null;
}

/** Panels on the first screen, and whether each holds a chart that has drawn. */
function firstScreen(el: MetricWorkspace): { charts: number; drawn: boolean } {
  const b = body(el);
  if (!b) return { charts: 0, drawn: false };
  const box = b.getBoundingClientRect();
  const panels = [...b.querySelectorAll<HTMLElement>('[data-panel-id]')].filter((p) => {
    const r = p.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom && r.height > 0;
  });
  return {
    charts: panels.length,
    drawn:
      panels.length > 0 &&
      panels.every((p) => {
        const c = p.querySelector<MetricChart>('metric-chart');
        return c !== null && c.uplot?.status === 1 && !c.fetching;
      }),
  };
}

async function run(p: WorkspaceParams) {
  const data = metrics(p.metrics, p.points);
  const drawn: number[] = [];
  const interactive: number[] = [];
  const longest: number[] = [];
  let chartsOnScreen = 0;
  let el: MetricWorkspace | undefined;
  for (let r = 0; r < p.runs; r++) {
    document.body.replaceChildren();
    const source = new MemorySource({ info: INFO, metrics: data });
    const box = stage(1200, 800);
    el = document.createElement('metric-workspace');
    el.style.cssText = 'width:1200px;--runpage-metric-workspace-height:800px';
    el.run = 'ws';
    el.noStorage = true;
    el.noLive = true;
    box.append(el);
    await el.updateComplete;
    await afterNextPaint();
    const view = el;
    const { value, longestMs } = await longestTask(async () => {
      const t0 = performance.now();
      view.source = source;
      const drawnAt = await until(() => firstScreen(view).drawn, 120_000, 'the first screen of charts');
      const readyAt = await afterNextPaint();
      return { drawn: drawnAt - t0, interactive: readyAt - t0 };
    });
    drawn.push(value.drawn);
    interactive.push(value.interactive);
    longest.push(longestMs);
    chartsOnScreen = firstScreen(el).charts;
  }
  const b = body(el!)!;
  const steps = p.scrollFrames;
  const scrollDeltas = await frameDeltas((i) => {
    const max = b.scrollHeight - b.clientHeight;
    b.scrollTop = i >= steps - 1 ? max : Math.round((max * i) / (steps - 1));
    return i < steps - 1;
  });
  return { drawn, interactive, longestTaskMs: longest, chartsOnScreen, scrollDeltas, scrollHeightPx: b.scrollHeight };
}

(window as unknown as { bench: unknown }).bench = { run };

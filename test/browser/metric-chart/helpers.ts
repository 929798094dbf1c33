import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { MemorySource, type MemoryMetric } from '../../../src/data/memory-source.js';
import type { RunSource, Series, SeriesQuery } from '../../../src/data/source.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { LazyImport } from '../../../src/internal/lazy-import.js';
import { failImports } from '../helpers/failing-import.js';

export const START = Date.UTC(2026, 0, 1);

/** A metric with steps 0..n-1 and values from `f`. */
export function metric(key: string, n: number, f: (i: number) => number): MemoryMetric {
  const step = new Float64Array(n);
  const value = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    step[i] = i;
    value[i] = f(i);
    time[i] = START + i * 1000;
  }
  return { key, step, value, time };
}

export function sourceOf(
  metrics: MemoryMetric[],
  id = 'run-1',
  extra: Partial<{ name: string; config: Record<string, unknown> }> = {},
): MemorySource {
  return new MemorySource({
    info: { id, name: extra.name ?? id, state: 'finished', startedAt: START, config: (extra.config ?? {}) as never },
    metrics,
  });
}

/** A source wrapper that records every getSeries query. */
export function recording(inner: RunSource): RunSource & { queries: SeriesQuery[] } {
  const queries: SeriesQuery[] = [];
  return {
    queries,
    getRun: (id, o) => inner.getRun(id, o),
    defaultRunId: () => inner.defaultRunId?.(),
    getSeries: (q, o) => {
      queries.push(structuredClone(q));
      return inner.getSeries!(q, o);
    },
    watch: inner.watch ? (id, on, o) => inner.watch!(id, on, o) : undefined,
  };
}

/** Waits until the chart drew data. */
export async function drawn(el: MetricChart): Promise<void> {
  await waitUntil(() => el.uplot !== undefined && (el.uplot.data[0]?.length ?? 0) > 0, 'chart did not draw', {
    timeout: 10_000,
  });
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await aTimeout(0);
}

export function rgbOf(color: string): [number, number, number] {
  const c = document.createElement('canvas').getContext('2d')!;
  c.fillStyle = color;
  const hex = c.fillStyle as string;
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** How many pixels of the canvas column `cx` (canvas px) between rows y0..y1 are close to `rgb`. */
export function pixelsInColumn(
  el: MetricChart,
  cx: number,
  y0: number,
  y1: number,
  rgb: [number, number, number],
  tol = 60,
): number {
  const ctx = el.uplot!.ctx;
  const x = Math.max(0, Math.round(cx) - 1);
  const h = Math.max(1, Math.round(y1 - y0));
  const img = ctx.getImageData(x, Math.round(y0), 3, h).data;
  let hits = 0;
  for (let i = 0; i < img.length; i += 4) {
    if (img[i + 3] < 50) continue;
    const d = Math.abs(img[i] - rgb[0]) + Math.abs(img[i + 1] - rgb[1]) + Math.abs(img[i + 2] - rgb[2]);
    if (d <= tol) hits++;
  }
  return hits;
}

/** Pixels of the whole plot area close to `rgb`. */
export function pixelsOfColor(el: MetricChart, rgb: [number, number, number], tol = 60): number {
  const u = el.uplot!;
  const { left, top, width, height } = u.bbox;
  const img = u.ctx.getImageData(Math.round(left), Math.round(top), Math.round(width), Math.round(height)).data;
  let hits = 0;
  for (let i = 0; i < img.length; i += 4) {
    if (img[i + 3] < 50) continue;
    const d = Math.abs(img[i] - rgb[0]) + Math.abs(img[i + 1] - rgb[1]) + Math.abs(img[i + 2] - rgb[2]);
    if (d <= tol) hits++;
  }
  return hits;
}

export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

export function seriesOf(list: Series[], key: string): Series {
  const s = list.find((x) => x.key === key);
  expect(s, key).to.exist;
  return s!;
}

/** Values for the smoothing tests, and TensorBoard's debiased EMA with weight 0.6 on them. */
export const SMOOTHING_VALUES = [1, 5, 2, 8, 3, 9, 4, 7, 0, 6];
// computed outside this project (Python): last = last*w + (1-w)*v; smoothed = last / (1 - w**n)
export const TB_EMA_06 = [
  1.0, 3.5000000000000004, 2.7346938775510203, 5.154411764705881, 4.219986120749479, 6.225563909774436,
  5.309700018436093, 5.997370229961674, 3.5740001510259947, 4.550303423163843,
];

/** A source that cannot smooth: it drops the setting and says so with `smoothed: false`. */
export function nonSmoothing(inner: RunSource): RunSource {
  return {
    getRun: (id, o) => inner.getRun(id, o),
    defaultRunId: () => inner.defaultRunId?.(),
    getSeries: async (q, o) =>
      (await inner.getSeries!({ ...q, smoothing: undefined }, o)).map((s) => ({ ...s, smoothed: false })),
  };
}

/** A part's chunk made unreachable by `chunkGone`. */
export interface GoneChunk {
  /** How many times the part tried to load. */
  tries(): number;
  /** What console.warn was given meanwhile. */
  warnings: unknown[][];
  /** Puts the real loader and console.warn back; later calls do nothing. */
  restore(): void;
}

/**
 * Makes every load of `lazy` fail as an unreachable chunk does (failImports), and keeps the
 * console's warnings meanwhile instead of printing them.
 */
export function chunkGone<M>(lazy: LazyImport<M>): GoneChunk {
  const failing = failImports(lazy);
  const warn = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  let restored = false;
  return {
    tries: () => failing.tries,
    warnings,
    restore() {
      if (restored) return;
      restored = true;
      failing.restore();
      console.warn = warn;
    },
  };
}

/**
 * A chart whose part `gone` keeps from loading: waits for its error with Retry (one try, nothing
 * drawn), then puts the chunk back and retries until the chart draws.
 */
export async function retryDraws(el: MetricChart, gone: GoneChunk): Promise<void> {
  const retry = (): HTMLButtonElement | null => el.shadowRoot!.querySelector('[part~="retry"]');
  await waitUntil(retry, 'no error with a retry');
  expect(gone.tries()).to.equal(1);
  expect(el.uplot).to.equal(undefined);
  gone.restore();
  retry()!.click();
  await drawn(el);
}

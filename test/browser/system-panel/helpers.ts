import { aTimeout, waitUntil } from '@open-wc/testing';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';

export function charts(el: SystemPanel): MetricChart[] {
  return [...el.shadowRoot!.querySelectorAll<MetricChart>('[data-chart]')];
}

export function chartById(el: SystemPanel, id: string): MetricChart {
  const c = el.shadowRoot!.querySelector<MetricChart>(`[data-chart="${CSS.escape(id)}"]`);
  if (!c)
    throw new Error(
      `no chart ${id}: ${charts(el)
        .map((x) => x.dataset.chart)
        .join(', ')}`,
    );
  return c;
}

export async function drawn(c: MetricChart): Promise<void> {
  await waitUntil(
    () => c.uplot !== undefined && (c.uplot.data[0]?.length ?? 0) > 0,
    `chart ${c.dataset.chart} did not draw`,
    {
      timeout: 10_000,
    },
  );
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await aTimeout(0);
}

export async function panelReady(el: SystemPanel): Promise<void> {
  await waitUntil(() => charts(el).length > 0, 'no charts', { timeout: 10_000 });
  await Promise.all(charts(el).map((c) => drawn(c)));
}

export function text(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

export function rgbOf(color: string): [number, number, number] {
  const c = document.createElement('canvas').getContext('2d')!;
  c.fillStyle = color;
  const hex = c.fillStyle as string;
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Canvas pixels close to `rgb` in one canvas row band around the value `y` of the chart. */
export function pixelsNearValue(c: MetricChart, y: number, rgb: [number, number, number], tol = 40): number {
  const u = c.uplot!;
  const ratio = devicePixelRatio || 1;
  const top = u.valToPos(y, 'y', true);
  const { left, width } = u.bbox;
  const img = u.ctx.getImageData(
    Math.round(left),
    Math.round(top - 3 * ratio),
    Math.round(width),
    Math.round(6 * ratio),
  ).data;
  let hits = 0;
  for (let i = 0; i < img.length; i += 4) {
    if (img[i + 3] < 50) continue;
    const d = Math.abs(img[i] - rgb[0]) + Math.abs(img[i + 1] - rgb[1]) + Math.abs(img[i + 2] - rgb[2]);
    if (d <= tol) hits++;
  }
  return hits;
}

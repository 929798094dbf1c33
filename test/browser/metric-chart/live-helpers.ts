/** A chart following live points, for the tests of the code that appends them. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { MetricPoint } from '../../../src/data/source.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, recording, sourceOf, START } from './helpers.js';

const frame = (): Promise<unknown> => new Promise((r) => requestAnimationFrame(r));
const point = (step: number): MetricPoint => ({ key: 'loss', step, time: START + step * 1000, value: step });

/** A chart of 100 points whose source counts the live events it delivers. */
export async function liveChart() {
  const memory = sourceOf([metric('loss', 100, (i) => i)]);
  const source = recording(memory);
  let delivered = 0;
  const watch = source.watch!;
  source.watch = (id, on, o) =>
    watch(
      id,
      (e) => {
        delivered++;
        on(e);
      },
      o,
    );
  const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
  await drawn(el);
  /** Sends live points and waits until the chart was given them. */
  const send = async (steps: number[]): Promise<void> => {
    const before = delivered;
    memory.append('run-1', { points: steps.map(point) });
    await waitUntil(() => delivered > before, 'live points not delivered');
    await frame();
    await frame();
  };
  return { el, source, send };
}

export const xs = (el: MetricChart): number[] => Array.from(el.uplot!.data[0] as ArrayLike<number>);

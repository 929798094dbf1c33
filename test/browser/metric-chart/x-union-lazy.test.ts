/**
 * The code that merges the x of series logged at different steps (x-union.ts) loads with the first
 * answer that needs it: charts whose series share one x never fetch it. Its own file: a fresh page,
 * where that code has not loaded.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { MemoryMetric } from '../../../src/data/memory-source.js';
import '../../../src/elements/metric-chart/define.js';
import { unionCode } from '../../../src/elements/metric-chart/plot-parts.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { chunkGone, drawn, metric, retryDraws, sourceOf } from './helpers.js';

const unionFetched = (): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith('/x-union.ts'));

/** A metric logged at every other step, from 1. */
function oddSteps(key: string, n: number): MemoryMetric {
  const step = Float64Array.from({ length: n }, (_, i) => 2 * i + 1);
  return { key, step, value: step.map((s) => s * 10), time: step.map((s) => s * 1000) };
}

const realLoad = unionCode.load;

describe('metric-chart: merging different x loads on first use', () => {
  afterEach(() => {
    unionCode.load = realLoad;
  });

  it('series at the same steps draw without it', async () => {
    const source = sourceOf([metric('a', 10, (i) => i), metric('b', 10, (i) => -i)]);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metrics="a,b"></metric-chart>`);
    await drawn(el);
    expect(el.uplot!.data[0]).to.have.length(10);
    expect(unionFetched(), 'fetched for series that share x').to.equal(false);
    expect(unionCode.now).to.equal(undefined);
  });

  it('when it cannot load, the chart shows the error and its retry draws the merged x', async () => {
    const gone = chunkGone(unionCode);
    const source = sourceOf([metric('a', 10, (i) => i), oddSteps('b', 10)]);
    try {
      const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metrics="a,b"></metric-chart>`);
      await retryDraws(el, gone);
    } finally {
      gone.restore();
    }
    const el = document.querySelector('metric-chart')!;
    // steps 0..9 and 1, 3, …, 19: 15 distinct x
    expect(el.uplot!.data[0]).to.have.length(15);
    expect(Array.from(el.uplot!.data[2] as ArrayLike<number>).slice(0, 3)).to.deep.equal([NaN, 10, NaN]);
    expect(unionFetched()).to.equal(true);
  });
});

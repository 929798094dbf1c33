/**
 * The y view that ignores outliers (outlier-range.ts) loads with the first chart that asks for it:
 * other charts never fetch it. Its own file: a fresh page, where that code has not loaded.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import { outlierCode } from '../../../src/elements/metric-chart/plot-parts.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { chunkGone, drawn, metric, retryDraws, sourceOf } from './helpers.js';

const outliersFetched = (): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith('/outlier-range.ts'));

/** Values in [0, 1) and one spike of 1000. */
const spiky = () => sourceOf([metric('loss', 1000, (i) => (i === 500 ? 1000 : (i % 100) / 100))]);

describe('metric-chart: ignoring outliers loads its code on first use', () => {
  it('a chart that shows every value draws without it', async () => {
    const el = await fixture<MetricChart>(html`<metric-chart .source=${spiky()} metric="loss"></metric-chart>`);
    await drawn(el);
    expect(el.uplot!.scales.y.max!).to.be.greaterThan(1000);
    expect(outliersFetched(), 'fetched for a chart that shows every value').to.equal(false);
  });

  it('when it cannot load, the chart shows the error and its retry draws without the spike', async () => {
    const gone = chunkGone(outlierCode);
    let el: MetricChart;
    try {
      el = await fixture<MetricChart>(
        html`<metric-chart .source=${spiky()} metric="loss" ignore-outliers></metric-chart>`,
      );
      await retryDraws(el, gone);
    } finally {
      gone.restore();
    }
    expect(el.uplot!.scales.y.max!).to.be.lessThan(2);
    expect(el.uplot!.data[1].length).to.equal(1000);
    expect(outliersFetched()).to.equal(true);
  });
});

/**
 * Smoothing (src/data/smoothing.ts) loads with the first chart that smooths: a page of charts that
 * do not smooth never fetches it. Its own file: the page is fresh, nothing smoothed before.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, nonSmoothing, SMOOTHING_VALUES as VALUES, sourceOf, TB_EMA_06 } from './helpers.js';

const smoothingFetched = (): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith('/data/smoothing.ts'));

async function expectSmoothed(el: MetricChart): Promise<void> {
  await waitUntil(() => Math.abs((el.uplot?.data[1]?.[1] ?? 0) - TB_EMA_06[1]) < 1e-9, 'the line was not smoothed');
  const drawnY = Array.from(el.uplot!.data[1] as ArrayLike<number>);
  drawnY.forEach((y, i) => expect(y).to.be.closeTo(TB_EMA_06[i], 1e-12));
}

describe('metric-chart: smoothing loads on first use', () => {
  it('a chart that smooths for a source that cannot loads smoothing then, not before', async () => {
    const source = nonSmoothing(sourceOf([metric('loss', VALUES.length, (i) => VALUES[i])]));
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await drawn(el);
    expect(Array.from(el.uplot!.data[1] as ArrayLike<number>)).to.deep.equal(VALUES);
    expect(smoothingFetched(), 'smoothing fetched by a chart that does not smooth').to.equal(false);
    el.smoothing = 'ema';
    el.smoothingWeight = 0.6;
    await expectSmoothed(el);
    expect(smoothingFetched()).to.equal(true);
  });

  it('a MemorySource smooths its first query that asks for it', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('loss', VALUES.length, (i) => VALUES[i])])}
        metric="loss"
        smoothing="ema"
        smoothing-weight="0.6"
      ></metric-chart>`,
    );
    await drawn(el);
    await expectSmoothed(el);
  });
});

/**
 * Smoothing (src/data/smoothing.ts) loads with the first chart that smooths: a page of charts that
 * do not smooth never fetches it. Its own file: the page is fresh, nothing smoothed before.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { RunSource } from '../../../src/data/source.js';
import { drawn, metric, sourceOf } from './helpers.js';

const VALUES = [1, 5, 2, 8, 3, 9, 4, 7, 0, 6];
// TensorBoard's debiased EMA with weight 0.6 on VALUES (as in smoothing.test.ts)
const TB_EMA_06 = [
  1.0, 3.5000000000000004, 2.7346938775510203, 5.154411764705881, 4.219986120749479, 6.225563909774436,
  5.309700018436093, 5.997370229961674, 3.5740001510259947, 4.550303423163843,
];

const smoothingFetched = (): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith('/data/smoothing.ts'));

/** A source that cannot smooth: it drops the setting and says so with `smoothed: false`. */
function nonSmoothing(inner: RunSource): RunSource {
  return {
    getRun: (id, o) => inner.getRun(id, o),
    defaultRunId: () => inner.defaultRunId?.(),
    getSeries: async (q, o) =>
      (await inner.getSeries!({ ...q, smoothing: undefined }, o)).map((s) => ({ ...s, smoothed: false })),
  };
}

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

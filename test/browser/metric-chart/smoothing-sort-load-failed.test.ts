/**
 * A chart loads smoothing (src/data/smoothing.ts) for a source that answers unsmoothed, and the
 * sort by x (src/data/x-order.ts) for an answer whose x go back, with the first such answer. When
 * that chunk cannot be fetched the chart shows the error with a Retry, and the Retry loads it and
 * draws. Its own file: a fresh page, where neither has loaded yet.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { smoothingCode, sortCode } from '../../../src/elements/metric-chart/series-store.js';
import type { RunSource } from '../../../src/data/source.js';
import {
  chunkGone,
  metric,
  nonSmoothing,
  retryDraws,
  SMOOTHING_VALUES as VALUES,
  sourceOf,
  TB_EMA_06,
} from './helpers.js';

/** The chart's error names the failed load (not what a missing module would break next). */
async function saysChunkGone(el: MetricChart): Promise<void> {
  const error = () => el.shadowRoot!.querySelector('[role="alert"]');
  await waitUntil(error, 'no error shown');
  expect(error()!.textContent).to.contain('chunk gone');
}

describe('metric-chart: smoothing or the sort could not load', () => {
  it('smoothing: the error with a Retry, which loads it and draws the smoothed line', async () => {
    const source = nonSmoothing(sourceOf([metric('loss', VALUES.length, (i) => VALUES[i])]));
    const gone = chunkGone(smoothingCode);
    let el: MetricChart;
    try {
      el = await fixture<MetricChart>(
        html`<metric-chart .source=${source} metric="loss" smoothing="ema" smoothing-weight="0.6"></metric-chart>`,
      );
      await saysChunkGone(el);
      await retryDraws(el, gone);
    } finally {
      gone.restore();
    }
    await waitUntil(() => Math.abs((el.uplot?.data[1]?.[1] ?? 0) - TB_EMA_06[1]) < 1e-9, 'smoothed');
    expect(smoothingCode.now).to.not.equal(undefined);
  });

  it('the sort: the error with a Retry, which loads it and draws the points in x order', async () => {
    // a source that answers its points as logged: x goes back (a resumed run)
    const source: RunSource = {
      getRun: async (id) => ({ id, state: 'finished' }),
      defaultRunId: () => 'r',
      getSeries: async (q) =>
        q.keys.map((key) => ({
          runId: 'r',
          key,
          x: new Float64Array([0, 1, 2, 1.5, 3]),
          y: new Float64Array([10, 11, 12, 13, 14]),
          total: 5,
          exact: true,
          nonFinite: 0,
          smoothed: false,
        })),
    };
    const gone = chunkGone(sortCode);
    let el: MetricChart;
    try {
      el = await fixture<MetricChart>(html`<metric-chart .source=${source} run-id="r" metric="loss"></metric-chart>`);
      await saysChunkGone(el);
      await retryDraws(el, gone);
    } finally {
      gone.restore();
    }
    expect(Array.from(el.uplot!.data[0] as ArrayLike<number>)).to.deep.equal([0, 1, 1.5, 2, 3]);
    expect(sortCode.now).to.not.equal(undefined);
  });
});

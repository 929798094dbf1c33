/**
 * The dates of wall-clock axes (date-ticks.ts) load with the first points of a chart whose x is the
 * time: charts of steps never fetch them. Its own file: a fresh page, where that code has not loaded.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import { dateCode } from '../../../src/elements/metric-chart/plot-parts.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { chunkGone, drawn, metric, retryDraws, sourceOf } from './helpers.js';

const datesFetched = (): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith('/date-ticks.ts'));

const xTicks = (el: MetricChart): string[] => (el.uplot!.axes[0] as unknown as { _values: string[] })._values;

describe('metric-chart: the dates of a time axis load on first use', () => {
  it('a chart of steps draws without them', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('loss', 500, (i) => i)])} metric="loss"></metric-chart>`,
    );
    await drawn(el);
    expect(xTicks(el).length).to.be.greaterThan(1);
    expect(datesFetched(), 'fetched for a chart of steps').to.equal(false);
  });

  it('when they cannot load, the chart shows the error and its retry draws times', async () => {
    const gone = chunkGone(dateCode);
    let el: MetricChart;
    try {
      el = await fixture<MetricChart>(
        html`<metric-chart
          .source=${sourceOf([metric('loss', 500, (i) => i)])}
          metric="loss"
          x="wallclock"
        ></metric-chart>`,
      );
      await retryDraws(el, gone);
    } finally {
      gone.restore();
    }
    expect(xTicks(el).some((t) => /\d\d:\d\d/.test(t))).to.equal(true, xTicks(el).join(' '));
    expect(datesFetched()).to.equal(true);
  });
});

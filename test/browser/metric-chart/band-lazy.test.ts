/**
 * The band's code (band-paths.ts) loads with the first chart that draws one: charts without a band
 * never fetch it. Its own file: a fresh page, where that code has not loaded.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import { bandCode } from '../../../src/elements/metric-chart/plot-parts.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { chunkGone, drawn, metric, retryDraws, sourceOf } from './helpers.js';

const bandFetched = (): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith('/band-paths.ts'));

/** Enough points that the source downsamples them: the line gets a band. */
const manyPoints = () => sourceOf([metric('loss', 20_000, (i) => Math.sin(i / 7) + (i % 13) / 10)]);

const realLoad = bandCode.load;

describe('metric-chart: the band loads on first use', () => {
  afterEach(() => {
    bandCode.load = realLoad;
  });

  it('a chart without a band draws without it', async () => {
    const el = await fixture<MetricChart>(html`<metric-chart .source=${manyPoints()} metric="loss"></metric-chart>`);
    await drawn(el);
    expect(el.uplot!.series).to.have.length(2);
    expect(bandFetched(), 'fetched for a chart without a band').to.equal(false);
  });

  it('when it cannot load, the chart shows the error and its retry draws the band', async () => {
    const gone = chunkGone(bandCode);
    let el: MetricChart;
    try {
      el = await fixture<MetricChart>(html`<metric-chart .source=${manyPoints()} metric="loss" band></metric-chart>`);
      await retryDraws(el, gone);
    } finally {
      gone.restore();
    }
    expect(el.uplot!.series.map((s) => s.alpha).slice(1)).to.deep.equal([0.18, 1]);
    const band = el.uplot!.series[1] as { _paths?: { fill?: unknown } };
    expect(band._paths?.fill).to.be.instanceOf(Path2D);
    expect(bandFetched()).to.equal(true);
  });
});

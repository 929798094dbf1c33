/**
 * Live points that take the x of a chart's series apart (one run or metric gets points the others
 * do not have) load the code that merges x (x-union.ts) when the fetch did not need it. Its own
 * file: a fresh page, where that code has not loaded.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import { unionCode } from '../../../src/elements/metric-chart/plot-parts.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, sourceOf } from './helpers.js';

const realLoad = unionCode.load;

describe('metric-chart: merging x for live points', () => {
  afterEach(() => {
    unionCode.load = realLoad;
  });

  it('live points that take the x of series apart load it, then draw the merged x', async () => {
    const source = sourceOf([metric('a', 10, (i) => i), metric('b', 10, (i) => -i)]);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metrics="a,b"></metric-chart>`);
    await drawn(el);
    expect(unionCode.now).to.equal(undefined);
    let loads = 0;
    unionCode.load = (host) => (loads++, realLoad(host));
    source.append('run-1', { points: [{ key: 'a', step: 10, time: 10_000, value: 10 }] });
    await waitUntil(() => el.uplot!.data[0].length === 11, 'the live point is not drawn');
    // the y columns are placed on the merged x when first read (the summary's frame)
    await drawn(el);
    expect(loads).to.equal(1);
    expect(unionCode.now).to.not.equal(undefined);
    expect((el.uplot!.data[2] as ArrayLike<number>)[10]).to.be.NaN;
  });
});

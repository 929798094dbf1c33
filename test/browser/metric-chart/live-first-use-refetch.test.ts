/**
 * Live points that came while the code that appends them was loading, when other series were
 * fetched meanwhile: those series may hold the points already, so the chart asks the source again
 * rather than append them twice. Its own file: a fresh page, where that code has not loaded.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import { liveCode } from '../../../src/elements/metric-chart/lazy-parts.js';
import { liveChart, xs } from './live-helpers.js';

describe('metric-chart: live points while their code loads and a fetch lands', () => {
  it('asks the source again instead of appending points the new series hold', async () => {
    const { el, source, send } = await liveChart();
    expect(liveCode.now).to.equal(undefined);
    const realLoad = liveCode.load;
    let open = (): void => {};
    const gate = new Promise<void>((done) => (open = done));
    liveCode.load = (host) => gate.then(() => realLoad(host));
    try {
      await send([100]);
      // a zoom fetches new series, which hold step 100 already
      el.zoomTo(0, 200);
      await waitUntil(() => xs(el).length === 101 && !el.fetching, 'zoom not fetched');
      const fetched = source.queries.length;
      open();
      // the live code's first import goes through the test server, which takes seconds on a busy machine
      await waitUntil(() => source.queries.length > fetched && !el.fetching, 'not asked again', { timeout: 10_000 });
      expect(xs(el)).to.deep.equal(Array.from({ length: 101 }, (_, i) => i));
    } finally {
      liveCode.load = realLoad;
    }
  });
});

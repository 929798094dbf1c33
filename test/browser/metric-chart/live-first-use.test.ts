/**
 * The code that appends live points loads with the first live points, not with the chart's first
 * paint (a finished run sends none). Its own file: a fresh page, where that code has not loaded.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import { liveCode } from '../../../src/elements/metric-chart/lazy-parts.js';
import { chunkGone } from './helpers.js';
import { liveChart, xs } from './live-helpers.js';

const realLoad = liveCode.load;
describe('metric-chart: live points on first use', () => {
  afterEach(() => {
    liveCode.load = realLoad;
  });

  // first, while the code has never loaded: the next test's points are the try after this failure
  it('is not loaded for the first paint; when it cannot load, the chart asks the source again', async () => {
    const { el, source, send } = await liveChart();
    expect(liveCode.now, 'loaded with the first paint').to.equal(undefined);
    const gone = chunkGone(liveCode);
    try {
      const fetched = source.queries.length;
      await send([100]);
      await waitUntil(() => xs(el).length === 101 && !el.fetching, 'the point is not shown');
      expect(source.queries.length, 'fetched again').to.be.greaterThan(fetched);
      expect(gone.tries()).to.equal(1);
      expect(gone.warnings.some((w) => String(w[1]).includes('chunk gone'))).to.equal(true);
    } finally {
      gone.restore();
    }
    expect(liveCode.now).to.equal(undefined);
  });

  it('tries again with the next points; points sent before it is in are appended in order', async () => {
    const { el, source, send } = await liveChart();
    expect(liveCode.now).to.equal(undefined);
    let open = (): void => {};
    const gate = new Promise<void>((done) => (open = done));
    let loads = 0;
    liveCode.load = (host) => (loads++, gate.then(() => realLoad(host)));
    const fetched = source.queries.length;

    await send([100, 101]);
    await send([102]);
    expect(loads).to.equal(1);
    expect(xs(el)).to.have.length(100);

    open();
    // the live code's first import goes through the test server, which takes seconds on a busy machine
    await waitUntil(() => xs(el).length === 103, 'points not appended', { timeout: 10_000 });
    expect(xs(el).slice(-3)).to.deep.equal([100, 101, 102]);
    expect(source.queries.length, 'appended, not fetched again').to.equal(fetched);
    expect(el.shadowRoot!.querySelector('[part~="notes"]')).to.equal(null);
    expect(liveCode.now).to.not.equal(undefined);

    // from now on, at once
    await send([103]);
    await waitUntil(() => xs(el).length === 104, 'point not appended');
    expect(source.queries.length).to.equal(fetched);
  });
});

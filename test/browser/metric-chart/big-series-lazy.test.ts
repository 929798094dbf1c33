/**
 * M4 and the min/max index (src/data/memory-m4.ts) load with the first series too big to draw
 * whole: a page whose charts hold a few hundred points never fetches them. Its own file: the page
 * is fresh, no big series was drawn before.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, sourceOf } from './helpers.js';

const fetched = (file: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(`/data/${file}`));

describe('metric-chart: M4 loads with the first big series', () => {
  it('draws a small series whole without fetching M4, then fetches it for a big one', async () => {
    const small = await fixture<MetricChart>(
      html`<metric-chart
        style="display:block;width:600px;height:300px"
        .source=${sourceOf([metric('loss', 300, (i) => Math.sin(i / 10))])}
        metric="loss"
      ></metric-chart>`,
    );
    await drawn(small);
    expect(small.uplot!.data[0].length).to.equal(300);
    expect(fetched('memory-m4.ts'), 'M4 fetched for a series drawn whole').to.equal(false);
    expect(fetched('minmax-index.ts'), 'the index fetched for a series drawn whole').to.equal(false);

    const n = 200_000;
    const big = metric('loss', n, (i) => Math.sin(i / 1000) + (i === 123_457 ? 50 : 0));
    const el = await fixture<MetricChart>(
      html`<metric-chart
        style="display:block;width:600px;height:300px"
        .source=${sourceOf([big])}
        metric="loss"
      ></metric-chart>`,
    );
    await drawn(el);
    expect(fetched('memory-m4.ts')).to.equal(true);
    const points = el.uplot!.data[0].length;
    expect(points).to.be.below(n / 10);
    expect(Math.max(...(el.uplot!.data[1] as number[]).filter((v) => v !== null))).to.be.above(
      49,
      'the spike is drawn',
    );
  });
});

import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { RunSource, Series, SeriesQuery } from '../../../src/data/source.js';
import { drawn, metric, recording, sourceOf } from './helpers.js';

describe('metric-chart: requests', () => {
  it('never lets a slow answer for an old zoom overwrite a newer one, and aborts the old request', async () => {
    const inner = sourceOf([metric('loss', 10_000, (i) => i)]);
    const held: { q: SeriesQuery; release: () => Promise<void>; signal?: AbortSignal }[] = [];
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getSeries: (q, o) =>
        q.range && q.range[0] === 100
          ? new Promise<Series[]>((resolve, reject) => {
              // the first zoom's answer comes late (after the second zoom's)
              held.push({ q, signal: o?.signal, release: () => inner.getSeries(q).then(resolve, reject) });
            })
          : inner.getSeries(q, o),
    };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await drawn(el);
    el.zoomTo(100, 200);
    await waitUntil(() => held.length === 1, 'first zoom not requested');
    el.zoomTo(5000, 5010);
    await waitUntil(() => !el.fetching && (el.uplot!.data[0][1] as number) === 5000, 'second zoom not drawn');
    expect(held[0].signal?.aborted).to.equal(true);
    await held[0].release(); // the stale answer is delivered…
    await el.updateComplete; // …and whatever the chart does with it is drawn
    await nextFrame();
    expect(Array.from(el.uplot!.data[0] as ArrayLike<number>)).to.deep.equal(
      Array.from({ length: 13 }, (_, i) => 4999 + i),
    );
    expect(el.visibleRange).to.deep.equal([5000, 5010]);
  });

  it('asks only for x-min…x-max and shows that range; x="process" asks for the runtime axis', async () => {
    const rec = recording(sourceOf([metric('loss', 1000, (i) => i)]));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${rec} metric="loss" x-min="200" x-max="300"></metric-chart>`,
    );
    await drawn(el);
    expect(rec.queries[0].range).to.deep.equal([200, 300]);
    expect(el.visibleRange).to.deep.equal([200, 300]);
    el.x = 'process';
    el.xMin = undefined;
    el.xMax = undefined;
    await waitUntil(() => rec.queries.length === 2 && !el.fetching);
    expect(rec.queries[1].x).to.equal('runtime');
    expect(rec.queries[1].range).to.equal(undefined);
  });

  it('asks for run infos only when labels need them, once for all charts of a source', async () => {
    const inner = sourceOf([metric('loss', 10, (i) => i), metric('acc', 10, (i) => i)], 'r1', {
      name: 'bright-sun',
      config: { lr: 0.1 },
    });
    let getRuns = 0;
    const source: RunSource = {
      getRun: (id, o) => {
        getRuns++;
        return inner.getRun(id, o);
      },
      defaultRunId: () => inner.defaultRunId(),
      getSeries: (q, o) => inner.getSeries(q, o),
    };
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <metric-chart .source=${source} metric="loss"></metric-chart>
        <metric-chart .source=${source} metric="acc"></metric-chart>
      </div>`,
    );
    const [one, two] = wrapper.querySelectorAll('metric-chart');
    await drawn(one);
    await drawn(two);
    expect(getRuns).to.equal(0);
    one.legend = '${run} lr=${config.lr}';
    two.legend = '${run}';
    await waitUntil(
      () => one.shadowRoot!.querySelector('[part~="legend"]')!.textContent!.includes('bright-sun lr=0.1'),
      'label',
    );
    await waitUntil(
      () => two.shadowRoot!.querySelector('[part~="legend"]')!.textContent!.includes('bright-sun'),
      'label 2',
    );
    expect(getRuns).to.equal(1);
  });

  it('zooms as asked when zoomTo() comes before the first data', async () => {
    const rec = recording(sourceOf([metric('loss', 1000, (i) => i)]));
    const el = document.createElement('metric-chart');
    el.source = rec;
    el.metric = 'loss';
    el.zoomTo(100, 200);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(el);
    await drawn(el);
    await waitUntil(() => !el.fetching);
    expect(rec.queries[0].range).to.deep.equal([100, 200]);
    expect(el.visibleRange).to.deep.equal([100, 200]);
    el.resetZoom();
    await waitUntil(() => !el.fetching && el.visibleRange[1] === 999, 'reset');
  });

  it('lets go of its plot when removed and draws again when put back', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><metric-chart .source=${sourceOf([metric('loss', 100, (i) => i)])} metric="loss"></metric-chart></div>`,
    );
    const el = wrapper.querySelector('metric-chart')!;
    await drawn(el);
    el.remove();
    expect(el.uplot).to.equal(undefined);
    wrapper.append(el);
    await drawn(el);
    expect(el.uplot!.data[0].length).to.equal(100);
  });

  it('fetches again at the new width when the chart grows a lot', async () => {
    const rec = recording(sourceOf([metric('loss', 100_000, (i) => Math.sin(i))]));
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width:300px"><metric-chart .source=${rec} metric="loss"></metric-chart></div>`,
    );
    const el = wrapper.querySelector('metric-chart')!;
    await drawn(el);
    const before = rec.queries.at(-1)!.points!;
    wrapper.style.width = '900px';
    await waitUntil(() => rec.queries.length > 1 && !el.fetching, 'no refetch after resize', { timeout: 5000 });
    expect(rec.queries.at(-1)!.points!).to.be.greaterThan(before * 2);
    expect(rec.queries.at(-1)!.points!).to.equal(Math.round(el.uplot!.bbox.width));
  });
});

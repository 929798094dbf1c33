import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { SourceError } from '../../../src/data/errors.js';
import type { RunSource } from '../../../src/data/source.js';
import { drawn, metric, shadowText, sourceOf } from './helpers.js';

function stateOf(el: MetricChart, name: string): Element | null {
  return el.shadowRoot!.querySelector(`[part~="state"][part~="${name}"]`);
}

describe('metric-chart: states', () => {
  it('shows a loading skeleton while the source has not answered', async () => {
    const source: RunSource = {
      getRun: async (id) => ({ id, state: 'running' }),
      defaultRunId: () => 'r',
      getSeries: () => new Promise(() => {}),
    };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await waitUntil(() => stateOf(el, 'loading'));
    expect(stateOf(el, 'loading')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('shows "no points" for a metric without points', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('loss', 0, () => 0)])} metric="loss"></metric-chart>`,
    );
    await waitUntil(() => stateOf(el, 'empty'));
    expect(shadowText(el)).to.contain('No points yet');
  });

  it('shows "metric not found" for a key the run does not have', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('loss', 5, () => 0)])} metric="acc"></metric-chart>`,
    );
    await waitUntil(() => stateOf(el, 'empty'));
    expect(shadowText(el)).to.contain('Metric not found');
    expect(shadowText(el)).to.contain('acc');
  });

  it('asks for a metric when none is set', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('loss', 5, () => 0)])}></metric-chart>`,
    );
    expect(shadowText(el)).to.contain('No metric chosen');
  });

  it('asks for a metric again when its metric is taken away after drawing', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('loss', 5, () => 0)])} metric="loss"></metric-chart>`,
    );
    await drawn(el);
    el.metric = undefined;
    await el.updateComplete;
    expect(shadowText(el)).to.contain('No metric chosen');
    expect(el.shadowRoot!.querySelector('[part~="plot"]')).to.equal(null);
  });

  it('shows an error with a retry that works', async () => {
    const inner = sourceOf([metric('loss', 20, (i) => i)]);
    let failures = 1;
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getSeries: (q, o) =>
        failures-- > 0 ? Promise.reject(new SourceError('unavailable', 'The server is busy')) : inner.getSeries(q, o),
    };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await waitUntil(() => stateOf(el, 'error'));
    expect(shadowText(el)).to.contain('The server is busy');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await drawn(el);
    expect(el.uplot!.data[0].length).to.equal(20);
  });

  it('survives a source that answers nonsense', async () => {
    const inner = sourceOf([metric('loss', 20, (i) => i)]);
    const answers: unknown[] = [
      'not a list',
      [null, { runId: 'run-1', key: 'loss', x: [1, 2], y: 'no' }],
      [
        {
          runId: 'run-1',
          key: 'loss',
          x: Float64Array.from([3, 1, 2]),
          y: Float64Array.from([30, 10]),
          smoothed: true,
          original: { x: 1 },
        },
      ],
    ];
    for (const answer of answers) {
      const source: RunSource = {
        getRun: (id, o) => inner.getRun(id, o),
        defaultRunId: () => inner.defaultRunId(),
        getSeries: async () => answer as never,
      };
      const el = await fixture<MetricChart>(
        html`<metric-chart .source=${source} metric="loss" smoothing="ema"></metric-chart>`,
      );
      // an answer that is no list of series at all is an error the user can retry
      await waitUntil(
        () => stateOf(el, 'empty') || stateOf(el, 'error') || el.uplot,
        `no state for ${JSON.stringify(answer)}`,
      );
      if (el.uplot) expect(Array.from(el.uplot.data[0] as ArrayLike<number>)).to.deep.equal([1, 3]);
    }
  });

  it('says the source cannot provide series when it has no getSeries', async () => {
    const source: RunSource = { getRun: async (id) => ({ id, state: 'finished' }), defaultRunId: () => 'r' };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await waitUntil(() => stateOf(el, 'unsupported'));
    expect(shadowText(el)).to.contain('Not available from this source');
  });

  it('is accessible with data, in the dark theme, and shows hostile text as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric(hostile, 30, (i) => i)])}
        metric=${hostile}
        label=${hostile}
        theme="dark"
      ></metric-chart>`,
    );
    await drawn(el);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.equal(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('speaks Japanese under lang="ja"', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ja">
        <metric-chart
          .source=${sourceOf([metric('損失', 100, (i) => (i === 10 ? NaN : i))])}
          metric="損失"
          x="relative"
        ></metric-chart>
        <metric-chart .source=${sourceOf([metric('loss', 5, () => 0)])} metric="精度"></metric-chart>
      </div>`,
    );
    const [data, missing] = wrapper.querySelectorAll('metric-chart');
    await drawn(data);
    expect(shadowText(data)).to.contain('範囲内に NaN/Inf が 1 件');
    expect(shadowText(data)).to.contain('元データ全 100 点');
    expect(data.shadowRoot!.querySelector('th')!.textContent).to.equal('経過時間');
    await waitUntil(() => stateOf(missing, 'empty'));
    expect(shadowText(missing)).to.contain('メトリクスが見つかりません');
    await expect(data).to.be.accessible();
  });

  it('takes its data from an ancestor <run-source> and a src-less run attribute', async () => {
    await import('../../../src/elements/run-source/define.js');
    const source = sourceOf([metric('loss', 10, (i) => i)], 'other');
    const wrapper = await fixture<HTMLElement>(
      html`<run-source .source=${source} run="other"><metric-chart metric="loss"></metric-chart></run-source>`,
    );
    const el = wrapper.querySelector('metric-chart')!;
    await drawn(el);
    expect(el.uplot!.data[0].length).to.equal(10);
  });
});

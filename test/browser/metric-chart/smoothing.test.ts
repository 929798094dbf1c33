import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart, MetricChartCursorDetail } from '../../../src/elements/metric-chart/metric-chart.js';
import type { RunSource } from '../../../src/data/source.js';
import { drawn, metric, nonSmoothing, shadowText, SMOOTHING_VALUES as VALUES, sourceOf, TB_EMA_06 } from './helpers.js';

/** Steps through every point with the keyboard and returns what the cursor event reported. */
async function readWithKeyboard(el: MetricChart, count: number): Promise<MetricChartCursorDetail[]> {
  const seen: MetricChartCursorDetail[] = [];
  el.addEventListener('metric-chart-cursor', (e) => seen.push(e.detail));
  const plot = el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!;
  plot.focus();
  await sendKeys({ press: 'Home' });
  for (let i = 1; i < count; i++) await sendKeys({ press: 'ArrowRight' });
  await waitUntil(() => seen.filter((d) => d.x !== null).length >= count, 'cursor did not visit every point');
  return seen.filter((d) => d.x !== null);
}

describe('metric-chart: smoothing', () => {
  it('asks the source for TensorBoard EMA and shows the same numbers, with the originals', async () => {
    const source = sourceOf([metric('loss', VALUES.length, (i) => VALUES[i])]);
    let asked: unknown;
    const spy: RunSource = {
      getRun: (id, o) => source.getRun(id, o),
      defaultRunId: () => source.defaultRunId(),
      getSeries: (q, o) => {
        asked = q.smoothing;
        return source.getSeries(q, o);
      },
    };
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${spy}
        metric="loss"
        smoothing="ema"
        smoothing-weight="0.6"
        show-original
      ></metric-chart>`,
    );
    await drawn(el);
    expect(asked).to.deep.equal({ kind: 'ema', weight: 0.6 });
    const seen = await readWithKeyboard(el, VALUES.length);
    expect(seen.map((d) => d.x)).to.deep.equal(VALUES.map((_, i) => i));
    seen.forEach((d, i) => {
      expect(d.values[0].value).to.be.closeTo(TB_EMA_06[i], 1e-12);
      expect(d.values[0].original).to.equal(VALUES[i]);
    });
    // the tooltip shows the smoothed and the original value
    const tip = el.shadowRoot!.querySelector('[part~="tooltip"]')!;
    expect(tip.textContent).to.contain('4.5503');
    expect(tip.textContent).to.contain('original');
  });

  it('smooths in the element when the source returns smoothed: false', async () => {
    const source = nonSmoothing(sourceOf([metric('loss', VALUES.length, (i) => VALUES[i])]));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} metric="loss" smoothing="ema" smoothing-weight="0.6"></metric-chart>`,
    );
    await drawn(el);
    const seen = await readWithKeyboard(el, VALUES.length);
    seen.forEach((d, i) => {
      expect(d.values[0].value).to.be.closeTo(TB_EMA_06[i], 1e-12);
      expect(d.values[0].original).to.equal(VALUES[i]);
    });
  });

  it('draws the original line only with show-original, and a band with band', async () => {
    const source = sourceOf([metric('loss', 300, (i) => Math.sin(i) + i / 100)]);
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} metric="loss" smoothing="average" smoothing-weight="5"></metric-chart>`,
    );
    await drawn(el);
    expect(el.uplot!.series.length).to.equal(2);
    el.showOriginal = true;
    el.band = true;
    await el.updateComplete;
    await waitUntil(() => el.uplot!.series.length === 4);
    expect(el.uplot!.series.map((s) => s.alpha)).to.deep.equal(
      [undefined, 0.18, 0.35, 1].map((a, i) => (i === 0 ? el.uplot!.series[0].alpha : a)),
    );
    expect(shadowText(el)).to.contain('loss');
  });

  it('warns and draws unsmoothed lines for an unknown smoothing kind', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    try {
      const source = sourceOf([metric('loss', 10, (i) => VALUES[i])]);
      const el = await fixture<MetricChart>(
        html`<metric-chart .source=${source} metric="loss" smoothing="spline"></metric-chart>`,
      );
      await drawn(el);
      expect(String(warnings[0])).to.contain('spline');
      expect(Array.from(el.uplot!.data[1] as ArrayLike<number>)).to.deep.equal(VALUES);
    } finally {
      console.warn = original;
    }
  });
});

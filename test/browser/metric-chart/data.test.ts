import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { drawn, metric, pixelsInColumn, pixelsOfColor, rgbOf, shadowText, sourceOf, START } from './helpers.js';

function seriesRgb(el: MetricChart, i = 0): [number, number, number] {
  return rgbOf(getComputedStyle(el).getPropertyValue(`--_series-${i}`).trim());
}

describe('metric-chart: awkward data', () => {
  it('log-y leaves out zeros and negatives, says how many, and still draws the rest', async () => {
    const f = (i: number) => (i % 10 === 0 ? 0 : i % 10 === 5 ? -1 : 10 ** (i / 20));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('lr', 100, f)])} metric="lr" log-y></metric-chart>`,
    );
    await drawn(el);
    const u = el.uplot!;
    expect(u.scales.y.distr).to.equal(3);
    expect(u.scales.y.min!).to.be.greaterThan(0);
    expect(u.scales.y.max!).to.be.greaterThan(10 ** 4.9);
    expect(shadowText(el)).to.contain('20 values ≤ 0 left out (log scale)');
    expect(pixelsOfColor(el, seriesRgb(el))).to.be.greaterThan(100);
  });

  it('says "at least" for values ≤ 0 it can only count among downsampled points', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('lr', 100_000, (i) => (i % 10 === 0 ? 0 : 1 + i))])}
        metric="lr"
        log-y
      ></metric-chart>`,
    );
    await drawn(el);
    expect(shadowText(el)).to.match(/at least [\d,]+ values ≤ 0 left out/);
  });

  it('log-x leaves out x ≤ 0 and notes it', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('loss', 50, (i) => 1 / (i + 1))])}
        metric="loss"
        log-x
      ></metric-chart>`,
    );
    await drawn(el);
    expect(el.uplot!.scales.x.min!).to.be.greaterThan(0);
    expect(shadowText(el)).to.contain('1 points with x ≤ 0 left out');
  });

  it('draws NaN and ±Inf as gaps with a marker and counts them in the legend and tooltip', async () => {
    const bad: Record<number, number> = { 30: NaN, 60: Infinity, 61: -Infinity };
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('loss', 100, (i) => (i in bad ? bad[i] : 1))])}
        metric="loss"
      ></metric-chart>`,
    );
    await drawn(el);
    const u = el.uplot!;
    const color = seriesRgb(el);
    const lineY = u.valToPos(1, 'y', true);
    const ratio = devicePixelRatio;
    const gapCol = u.valToPos(30, 'x', true);
    const okCol = u.valToPos(20, 'x', true);
    expect(pixelsInColumn(el, okCol, lineY - 4 * ratio, lineY + 4 * ratio, color), 'line').to.be.greaterThan(0);
    expect(pixelsInColumn(el, gapCol, lineY - 4 * ratio, lineY + 4 * ratio, color), 'gap').to.equal(0);
    const base = u.bbox.top + u.bbox.height;
    expect(pixelsInColumn(el, gapCol, base - 8 * ratio, base, color), 'marker').to.be.greaterThan(0);
    expect(shadowText(el)).to.contain('3 NaN/Inf in range');
    el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!.focus();
    await sendKeys({ press: 'Home' });
    const tip = el.shadowRoot!.querySelector<HTMLElement>('[part~="tooltip"]')!;
    await waitUntil(() => !tip.hidden);
    expect(tip.textContent).to.contain('3 NaN/Inf in range');
  });

  it('notes x going backwards (a resumed run) and draws the points in x order', async () => {
    const step = [...Array.from({ length: 50 }, (_, i) => i), ...Array.from({ length: 50 }, (_, i) => 25 + i)];
    const source = new MemorySource({
      info: { id: 'r', state: 'finished' },
      metrics: [{ key: 'loss', step, value: step.map((s) => s / 10) }],
    });
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await drawn(el);
    expect(shadowText(el)).to.contain('x values go backwards');
    const x = Array.from(el.uplot!.data[0] as ArrayLike<number>);
    expect(x).to.deep.equal([...x].sort((a, b) => a - b));
  });

  it('plots against wall-clock dates, relative seconds and another metric, with natural tick labels', async () => {
    const metrics = [metric('loss', 7200, (i) => 1 / (i + 1)), metric('epoch', 7200, (i) => i / 720)];
    const source = sourceOf(metrics);
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} metric="loss" x="relative"></metric-chart>`,
    );
    await drawn(el);
    const xTicks = (): string[] => (el.uplot!.axes[0] as unknown as { _values: string[] })._values;
    expect(xTicks().some((t) => /\d(min|h)$/.test(t))).to.equal(true, xTicks().join(' '));
    el.x = 'wallclock';
    await waitUntil(() => el.uplot?.scales.x.time === true && (el.uplot.data[0][0] as number) === START, 'wallclock');
    await el.updateComplete;
    expect(xTicks().some((t) => /\d\d:\d\d/.test(t))).to.equal(true, xTicks().join(' '));
    // ticks at round times (two hours of data: whole minutes at least)
    const splits = (el.uplot!.axes[0] as unknown as { _splits: number[] })._splits;
    expect(splits.length).to.be.greaterThan(2);
    expect(splits.every((v) => v % 60_000 === 0)).to.equal(true, splits.join(' '));
    el.x = 'epoch';
    await waitUntil(() => el.uplot?.scales.x.time === false && (el.uplot.data[0].at(-1) as number) < 11, 'epoch');
    expect(shadowText(el)).to.contain('epoch');
    const steps = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('loss', 3_000_000, () => 1)].slice(0, 1))}
        metric="loss"
      ></metric-chart>`,
    );
    await drawn(steps);
    const stepTicks = (steps.uplot!.axes[0] as unknown as { _values: string[] })._values;
    expect(stepTicks.some((t) => /M$/.test(t))).to.equal(true, stepTicks.join(' '));
  });

  it('plots several metrics of several runs with legend labels from a template and colour overrides', async () => {
    const source = new MemorySource([
      {
        info: { id: 'a', name: 'alpha', state: 'finished', config: { lr: 0.1 } },
        metrics: [metric('loss', 50, (i) => i)],
      },
      {
        info: { id: 'b', name: 'beta', state: 'finished', config: { lr: { value: 0.01 } } },
        metrics: [metric('loss', 80, (i) => 80 - i)],
      },
    ]);
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${source}
        runs="a b"
        metric="loss"
        legend="\${run} lr=\${config.lr}"
        .colors=${{ b: '#ff0000' }}
      ></metric-chart>`,
    );
    await drawn(el);
    const labels = [...el.shadowRoot!.querySelectorAll('[part~="legend"] button')].map((b) =>
      b.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(labels).to.deep.equal(['alpha lr=0.1', 'beta lr=0.01']);
    expect(pixelsOfColor(el, [255, 0, 0], 30)).to.be.greaterThan(50);
    expect(pixelsOfColor(el, seriesRgb(el, 0))).to.be.greaterThan(50);
    // the two runs have different x: aligned into one x column without losing points
    expect(el.uplot!.data[0].length).to.equal(80);
  });

  it('keeps the y range to the 5th–95th percentile with ignore-outliers, and honours y-min / y-max', async () => {
    const source = sourceOf([metric('loss', 1000, (i) => (i === 500 ? 1000 : (i % 100) / 100))]);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await drawn(el);
    expect(el.uplot!.scales.y.max!).to.be.greaterThan(1000);
    el.ignoreOutliers = true;
    await waitUntil(() => el.uplot!.scales.y.max! < 2, 'outlier still sets the range');
    expect(el.uplot!.data[1].length).to.equal(1000);
    el.ignoreOutliers = false;
    el.yMin = -5;
    el.yMax = 5;
    await waitUntil(() => el.uplot!.scales.y.min === -5 && el.uplot!.scales.y.max === 5, 'y-min/y-max');
  });

  it('warns about bad attribute values and falls back', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    try {
      const el = await fixture<MetricChart>(
        html`<metric-chart
          .source=${sourceOf([metric('loss', 10, (i) => i)])}
          metric="loss"
          y-max="lots"
        ></metric-chart>`,
      );
      await drawn(el);
      expect(warnings.join()).to.contain('lots');
      expect(el.uplot!.scales.y.max!).to.be.greaterThan(9);
    } finally {
      console.warn = original;
    }
  });
});

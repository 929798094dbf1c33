import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { THEME_TOKENS } from '../../../src/internal/theme.js';
import { drawn, metric, pixelsOfColor, recording, rgbOf, sourceOf, START } from './helpers.js';

describe('metric-chart: live, theme, size', () => {
  it('draws appended points within a frame without refetching, following the newest step', async () => {
    const source = sourceOf([metric('loss', 100, (i) => 1 / (i + 1))]);
    const rec = recording(source);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${rec} metric="loss"></metric-chart>`);
    await drawn(el);
    expect(el.visibleRange).to.deep.equal([0, 99]);
    const fetched = rec.queries.length;
    source.append('run-1', {
      points: [100, 101, 102].map((s) => ({ key: 'loss', step: s, time: START + s * 1000, value: 0.5 })),
    });
    await waitUntil(() => el.uplot!.data[0].length === 103, 'points not appended', { timeout: 2000 });
    expect(rec.queries.length).to.equal(fetched);
    expect(el.visibleRange).to.deep.equal([0, 102]);
    expect(el.uplot!.scales.x.max).to.equal(102);
    expect(el.shadowRoot!.textContent).to.contain('all 103 raw points');
  });

  it('with smoothing, draws live points at once and then takes the source’s smoothed values', async () => {
    const source = sourceOf([metric('loss', 50, (i) => (i % 2 ? 1 : 3))]);
    const rec = recording(source);
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${rec}
        metric="loss"
        smoothing="ema"
        smoothing-weight="0.5"
        show-original
      ></metric-chart>`,
    );
    await drawn(el);
    const fetched = rec.queries.length;
    source.append('run-1', { points: [{ key: 'loss', step: 50, time: START + 50_000, value: 100 }] });
    await waitUntil(() => (el.uplot!.data[0].at(-1) as number) === 50, 'live point not drawn', { timeout: 2000 });
    expect(rec.queries.length).to.equal(fetched);
    // then the source smooths the full data again
    await waitUntil(() => rec.queries.length > fetched && !el.fetching, 'no refetch', { timeout: 5000 });
    const [reference] = await source.getSeries({
      runIds: ['run-1'],
      keys: ['loss'],
      x: 'step',
      smoothing: { kind: 'ema', weight: 0.5 },
    });
    const layout = el.uplot!.series.length; // x, original, main
    expect(layout).to.equal(3);
    expect((el.uplot!.data[2] as Float64Array).at(-1)).to.be.closeTo(reference.y.at(-1)!, 1e-12);
    expect((el.uplot!.data[1] as Float64Array).at(-1)).to.equal(100);
  });

  it('ignores live points with no-live', async () => {
    const source = sourceOf([metric('loss', 10, (i) => i)]);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss" no-live></metric-chart>`);
    await drawn(el);
    source.append('run-1', { points: [{ key: 'loss', step: 10, time: START + 10_000, value: 1 }] });
    // A MemorySource tells its watchers during append(): a chart that listened has started by now.
    await el.updateComplete;
    await waitUntil(() => !el.fetching, 'no refetch ends');
    expect(el.uplot!.data[0].length).to.equal(10);
  });

  it('keeps the user’s zoom while live points arrive', async () => {
    const source = sourceOf([metric('loss', 100, (i) => i)]);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await drawn(el);
    el.zoomTo(10, 20);
    await waitUntil(() => !el.fetching);
    source.append('run-1', { points: [{ key: 'loss', step: 100, time: START + 100_000, value: 1 }] });
    await waitUntil(() => (el.uplot!.data[0].at(-1) as number) === 100, 'not appended');
    expect(el.visibleRange).to.deep.equal([10, 20]);
  });

  it('redraws in the dark palette when the theme switches', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('loss', 200, (i) => Math.sin(i / 9))])}
        metric="loss"
        theme="light"
      ></metric-chart>`,
    );
    await drawn(el);
    const light = rgbOf(THEME_TOKENS['series-0'][0]);
    const dark = rgbOf(THEME_TOKENS['series-0'][1]);
    expect(pixelsOfColor(el, light, 20)).to.be.greaterThan(50);
    expect(pixelsOfColor(el, dark, 20)).to.equal(0);
    el.theme = 'dark';
    await waitUntil(() => pixelsOfColor(el, dark, 20) > 50, 'not redrawn in dark colours', { timeout: 3000 });
    expect(pixelsOfColor(el, light, 20)).to.equal(0);
  });

  it('resizes with its container and redraws to the new width', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width:640px">
        <metric-chart .source=${sourceOf([metric('loss', 500, (i) => i)])} metric="loss"></metric-chart>
      </div>`,
    );
    const el = wrapper.querySelector('metric-chart')!;
    await drawn(el);
    expect(el.uplot!.width).to.equal(640);
    wrapper.style.width = '420px';
    await waitUntil(() => el.uplot!.width === 420, 'not resized', { timeout: 3000 });
    const canvas = el.uplot!.ctx.canvas;
    expect(canvas.width).to.equal(Math.round(420 * devicePixelRatio));
    // the line runs to the new right edge
    const u = el.uplot!;
    const right = u.bbox.left + u.bbox.width - 2;
    const color = rgbOf(getComputedStyle(el).getPropertyValue('--_series-0').trim());
    const img = u.ctx.getImageData(Math.round(right) - 3, Math.round(u.bbox.top), 3, Math.round(u.bbox.height)).data;
    let hits = 0;
    for (let i = 0; i < img.length; i += 4)
      if (Math.abs(img[i] - color[0]) + Math.abs(img[i + 1] - color[1]) + Math.abs(img[i + 2] - color[2]) < 60) hits++;
    expect(hits).to.be.greaterThan(0);
    // and the chart height is its own, not the content's (no layout loop)
    expect(el.uplot!.height).to.equal(240);
  });

  it('resizes from the size its observer reports, reading no layout per resize', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width:640px">
        <metric-chart .source=${sourceOf([metric('loss', 500, (i) => i)])} metric="loss"></metric-chart>
      </div>`,
    );
    const el = wrapper.querySelector('metric-chart')!;
    await drawn(el);
    const host = el.shadowRoot!.querySelector('.canvas-host')!;
    let reads = 0;
    const props = ['clientWidth', 'clientHeight'] as const;
    const originals = props.map((p) => Object.getOwnPropertyDescriptor(Element.prototype, p)!);
    props.forEach((p, i) =>
      Object.defineProperty(Element.prototype, p, {
        configurable: true,
        get(this: Element) {
          if (this === host) reads++;
          return originals[i].get!.call(this) as number;
        },
      }),
    );
    try {
      for (const width of [600, 500, 420]) {
        wrapper.style.width = `${width}px`;
        await waitUntil(() => el.uplot!.width === width, `not resized to ${width}`, { timeout: 3000 });
      }
    } finally {
      props.forEach((p, i) => Object.defineProperty(Element.prototype, p, originals[i]));
    }
    expect(el.uplot!.height).to.equal(240);
    expect(reads).to.equal(0);
  });
});

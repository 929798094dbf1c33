import { expect, fixture, html } from '@open-wc/testing';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, pixelsInColumn, recording, rgbOf, sourceOf } from './helpers.js';

// A 2× screen, set before uPlot is loaded (it reads the ratio when its module starts).
Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => 2 });

describe('metric-chart: high-DPI screens', () => {
  before(async () => {
    await import('../../../src/elements/metric-chart/define.js');
  });

  it('draws at device resolution and asks for one point column per device pixel', async () => {
    const spikeAt = 50_000;
    const rec = recording(sourceOf([metric('loss', 100_000, (i) => (i === spikeAt ? 10 : 1))]));
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width:500px"><metric-chart .source=${rec} metric="loss"></metric-chart></div>`,
    );
    const el = wrapper.querySelector('metric-chart') as MetricChart;
    await drawn(el);
    const u = el.uplot!;
    expect(u.ctx.canvas.width).to.equal(1000);
    expect(u.ctx.canvas.getBoundingClientRect().width).to.equal(500);
    // the first request came before the plot existed (an estimate); the plot's width rules after
    expect(rec.queries[0].points!).to.be.greaterThan(800);
    expect(u.bbox.width).to.be.greaterThan(800);
    const color = rgbOf(getComputedStyle(el).getPropertyValue('--_series-0').trim());
    const cx = u.valToPos(spikeAt, 'x', true);
    expect(pixelsInColumn(el, cx, u.valToPos(9, 'y', true), u.valToPos(2, 'y', true), color)).to.be.greaterThan(20);
  });
});

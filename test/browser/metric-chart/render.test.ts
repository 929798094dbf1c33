import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, pixelsOfColor, rgbOf, shadowText, sourceOf } from './helpers.js';

describe('metric-chart: drawing', () => {
  it('draws a metric in the first palette colour, with legend and point count', async () => {
    const source = sourceOf([metric('train/loss', 500, (i) => Math.exp(-i / 100))]);
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} metric="train/loss" title="Loss"></metric-chart>`,
    );
    await drawn(el);
    const color = getComputedStyle(el).getPropertyValue('--_series-0').trim();
    expect(pixelsOfColor(el, rgbOf(color))).to.be.greaterThan(50);
    const text = shadowText(el);
    expect(text).to.contain('Loss');
    expect(text).to.contain('train/loss');
    expect(text).to.contain('500');
  });
});

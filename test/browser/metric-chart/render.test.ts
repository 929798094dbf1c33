import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, pixelsOfColor, recording, rgbOf, shadowText, sourceOf } from './helpers.js';

describe('metric-chart: drawing', () => {
  it('draws a metric in the first palette colour, with legend and point count', async () => {
    const source = sourceOf([metric('train/loss', 500, (i) => Math.exp(-i / 100))]);
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} metric="train/loss" label="Loss"></metric-chart>`,
    );
    await drawn(el);
    const color = getComputedStyle(el).getPropertyValue('--_series-0').trim();
    expect(pixelsOfColor(el, rgbOf(color))).to.be.greaterThan(50);
    const text = shadowText(el);
    expect(text).to.contain('Loss');
    expect(text).to.contain('train/loss');
    expect(text).to.contain('500');
  });

  it('shows each chart its own point count in the header when several charts render in turn', async () => {
    const box = await fixture<HTMLElement>(
      html`<div>
        <metric-chart .source=${sourceOf([metric('loss', 120, (i) => i)])} metric="loss"></metric-chart>
        <metric-chart .source=${sourceOf([metric('loss', 130, (i) => i)])} metric="loss"></metric-chart>
      </div>`,
    );
    const [a, b] = [...box.querySelectorAll('metric-chart')] as MetricChart[];
    await drawn(a);
    await drawn(b);
    for (const el of [a, b, a]) {
      el.requestUpdate();
      await el.updateComplete;
    }
    expect(a.shadowRoot!.querySelector('.stats')!.textContent).to.contain('all 120 raw points');
    expect(b.shadowRoot!.querySelector('.stats')!.textContent).to.contain('all 130 raw points');
  });

  it('asks once and draws once: a new plot is the full view, not a zoom', async () => {
    const rec = recording(sourceOf([metric('loss', 100, (i) => i)]));
    const zooms: unknown[] = [];
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${rec}
        metric="loss"
        @metric-chart-zoom=${(e: Event) => zooms.push(e)}
      ></metric-chart>`,
    );
    await drawn(el);
    let draws = 0;
    el.uplot!.hooks.draw!.push(() => draws++);
    await aTimeout(300);
    expect(rec.queries).to.have.length(1);
    expect(zooms).to.have.length(0);
    expect(draws).to.equal(0);
    expect(shadowText(el)).not.to.contain('Reset zoom');
    expect(el.visibleRange).to.deep.equal([0, 99]);
  });
  it('takes its label from label, and from the deprecated title with one warning', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const source = sourceOf([metric('loss', 10, (i) => i)]);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <metric-chart .source=${source} metric="loss" label="New name"></metric-chart>
          <metric-chart .source=${source} metric="loss" title="Old name"></metric-chart>
          <metric-chart .source=${source} metric="loss" title="Old name 2"></metric-chart>
        </div>`,
      );
      const [named, old, old2] = wrapper.querySelectorAll('metric-chart');
      await Promise.all([drawn(named), drawn(old), drawn(old2)]);
      const titleOf = (c: MetricChart) => c.shadowRoot!.querySelector('[part~="title"]')!.textContent;
      expect(titleOf(named)).to.equal('New name');
      expect(titleOf(old)).to.equal('Old name');
      expect(old.label).to.equal('Old name');
      expect(titleOf(old2)).to.equal('Old name 2');
      expect(named.shadowRoot!.querySelector('[part~="plot"]')!.getAttribute('aria-label')).to.equal('New name');
      const deprecations = warnings.filter((w) => String(w[0]).includes('"title" is deprecated'));
      expect(deprecations).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});

/** The crosshair tooltip: plain DOM written outside the element's update cycle. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, sourceOf } from './helpers.js';

describe('metric-chart: tooltip', () => {
  it('shows labels as text and each series’ colour in its swatch', async () => {
    const key = '<img src=x onerror="window.__hacked=1"><b>loss</b>';
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric(key, 20, (i) => i)])} metric=${key}></metric-chart>`,
    );
    el.colors = ['rgb(1, 2, 3)'];
    await drawn(el);
    el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!.focus();
    await sendKeys({ press: 'End' });
    const tip = el.shadowRoot!.querySelector<HTMLElement>('[part~="tooltip"]')!;
    await waitUntil(() => !tip.hidden, 'no tooltip');
    expect(tip.querySelector('.tt-label')!.textContent).to.equal(key);
    expect(tip.querySelector('img, b')).to.equal(null);
    expect(tip.querySelector<HTMLElement>('.swatch')!.style.getPropertyValue('--swatch')).to.equal('rgb(1, 2, 3)');
    expect(tip.querySelector('.tt-value')!.textContent).to.equal('19');
    expect((window as { __hacked?: number }).__hacked).to.equal(undefined);
  });

  it('has the look of its rows, which come with its code, in every chart it is shown in', async () => {
    const source = sourceOf([metric('loss', 20, (i) => i)]);
    const charts = await Promise.all(
      [0, 1].map(() => fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`)),
    );
    for (const el of charts) {
      await drawn(el);
      el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!.focus();
      await sendKeys({ press: 'End' });
      const tip = el.shadowRoot!.querySelector<HTMLElement>('[part~="tooltip"]')!;
      await waitUntil(() => !tip.hidden, 'no tooltip');
      expect(getComputedStyle(tip.querySelector('.tt-row')!).display).to.equal('flex');
      expect(getComputedStyle(tip.querySelector('.tt-x')!).fontWeight).to.equal('600');
      const sheets = el.shadowRoot!.adoptedStyleSheets;
      expect(new Set(sheets).size, 'each sheet adopted once').to.equal(sheets.length);
    }
  });
});

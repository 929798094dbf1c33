import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { observeDocumentChanges } from '../../../src/internal/document-observer.js';
import { themeTokenCss, THEME_TOKENS } from '../../../src/internal/theme.js';
import { themeValues } from '../../../src/internal/theme-read.js';
import { drawn, metric, pixelsOfColor, rgbOf, sourceOf } from '../metric-chart/helpers.js';

/** Counts getComputedStyle calls while `fn` runs. */
async function countStyleReads(fn: () => Promise<void>): Promise<number> {
  const original = window.getComputedStyle;
  let calls = 0;
  window.getComputedStyle = function (this: Window, ...args: Parameters<typeof original>) {
    calls++;
    return original.apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    window.getComputedStyle = original;
  }
  return calls;
}

/** A shadow host with `n` charts in its shadow root, as a workspace holds them. */
async function chartsInShadow(n: number): Promise<{ wrapper: HTMLElement; charts: MetricChart[] }> {
  const wrapper = await fixture<HTMLElement>(html`<div data-runpage-theme="light"></div>`);
  const style = document.createElement('style');
  style.textContent = themeTokenCss('[data-runpage-theme="dark"]', 'dark');
  wrapper.append(style);
  const host = document.createElement('div');
  wrapper.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const source = sourceOf([metric('loss', 200, (i) => Math.sin(i / 9))]);
  const charts: MetricChart[] = [];
  for (let i = 0; i < n; i++) {
    const chart = document.createElement('metric-chart');
    chart.style.cssText = 'display:block;width:300px';
    chart.source = source;
    chart.metric = 'loss';
    root.append(chart);
    charts.push(chart);
  }
  await Promise.all(charts.map((c) => drawn(c)));
  return { wrapper, charts };
}

describe('theme-read: one theme read shared by the charts of a shadow root', () => {
  it('reads the computed style once for many charts, not once per chart', async () => {
    let charts: MetricChart[] = [];
    const reads = await countStyleReads(async () => {
      ({ charts } = await chartsInShadow(8));
    });
    expect(charts.every((c) => c.uplot?.status === 1)).to.equal(true);
    // each chart read its theme several times before (connect, palette, series colour): 8 × 3 and more
    expect(reads).to.be.lessThan(8);
  });

  it('a theme switch on an ancestor still restyles every chart', async () => {
    const { wrapper, charts } = await chartsInShadow(4);
    const light = rgbOf(THEME_TOKENS['series-0'][0]);
    const dark = rgbOf(THEME_TOKENS['series-0'][1]);
    for (const c of charts) expect(pixelsOfColor(c, light, 20)).to.be.greaterThan(20);
    wrapper.setAttribute('data-runpage-theme', 'dark');
    await waitUntil(() => charts.every((c) => pixelsOfColor(c, dark, 20) > 20), 'not every chart redrawn dark', {
      timeout: 3000,
    });
    for (const c of charts) expect(pixelsOfColor(c, light, 20)).to.equal(0);
  });

  it('reads again after a watched attribute changed earlier in the same task', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div data-runpage-theme="light"></div>`);
    const style = document.createElement('style');
    style.textContent = themeTokenCss('[data-runpage-theme="dark"]', 'dark');
    wrapper.append(style);
    const host = document.createElement('div');
    wrapper.append(host);
    const chart = document.createElement('metric-chart');
    host.attachShadow({ mode: 'open' }).append(chart);
    const stop = observeDocumentChanges(() => undefined);
    try {
      const first = themeValues(chart);
      expect(themeValues(chart)).to.equal(first);
      expect(first['color-bg']).to.equal(THEME_TOKENS['color-bg'][0]);
      wrapper.setAttribute('data-runpage-theme', 'dark');
      // no await: the mutation record is still queued
      expect(themeValues(chart)['color-bg']).to.equal(THEME_TOKENS['color-bg'][1]);
    } finally {
      stop();
    }
  });
});

import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import * as stories from '../../../stories/metric-chart.stories.js';

type Story = { render?: () => TemplateResult };
const expected: Record<string, string> = {
  Loading: '.rp-state--loading',
  Empty: '.rp-state--empty',
  MetricNotFound: '.rp-state--empty',
  NoMetric: '.rp-state--empty',
  Error: '.rp-state--error',
  Unsupported: '.rp-state--unsupported',
};

describe('metric-chart stories', () => {
  for (const [name, story] of Object.entries(stories as unknown as Record<string, Story>)) {
    if (name === 'default' || !story.render) continue;
    it(`${name} renders what it promises`, async function () {
      this.timeout(60_000);
      const wrapper = await fixture<HTMLElement>(story.render!());
      const el = (
        wrapper.localName === 'metric-chart' ? wrapper : wrapper.querySelector('metric-chart')!
      ) as MetricChart;
      const want = expected[name] ?? 'canvas';
      await waitUntil(() => el.shadowRoot!.querySelector(want), `${name}: no ${want}`, { timeout: 30_000 });
      if (want === 'canvas') expect(el.uplot!.data[0].length).to.be.greaterThan(0);
    });
  }
});

import { expect } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import * as stories from '../../../stories/metric-chart.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories<MetricChart>(stories, {
  tag: 'metric-chart',
  expected: {
    MetricNotFound: '.rp-state--empty',
    NoMetric: '.rp-state--empty',
    BandCodeError: '.rp-state--error',
    MergedXCodeError: '.rp-state--error',
    CrosshairCodeError: '[part~="tooltip"]:not([hidden])',
  },
  play: true,
  fallback: 'canvas',
  check: (el) => {
    if (el.shadowRoot!.querySelector('canvas')) expect(el.uplot!.data[0].length).to.be.greaterThan(0);
  },
});

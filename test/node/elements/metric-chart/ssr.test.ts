/**
 * <metric-chart> on a server (Lit SSR, a test runner without a DOM): importing it and constructing
 * it must not need a document or window. Lit's node build gives HTMLElement from its DOM shim.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('metric-chart is imported and constructed without a DOM', async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'this test needs a runtime without a DOM');
  assert.equal(typeof globalThis.window, 'undefined');
  const { MetricChart } = await import('../../../../src/elements/metric-chart/metric-chart.js');
  const chart = new MetricChart();
  chart.metric = 'train/loss';
  chart.label = 'Loss';
  assert.equal(chart.label, 'Loss');
  assert.equal(chart.uplot, undefined);
  assert.deepEqual(chart.visibleRange, [0, 1]);
  assert.equal(chart.fetching, false);
  // the shadow root is created when the element connects, not in the constructor
  assert.equal(chart.shadowRoot, null);
});

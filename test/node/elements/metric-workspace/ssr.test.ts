/** <metric-workspace> on a server: importing and constructing it needs no document or window. */
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('metric-workspace is imported and constructed without a DOM', async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'this test needs a runtime without a DOM');
  const { MetricWorkspace } = await import('../../../../src/elements/metric-workspace/metric-workspace.js');
  const ws = new MetricWorkspace();
  ws.search = 'loss';
  assert.equal(ws.search, 'loss');
  assert.equal(ws.shadowRoot, null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { msg } from '../../../../src/elements/metric-chart/metric-chart.messages.js';
import { spyOnIntlNumbers } from '../../../support/intl-spy.js';

test("the chart's English counts read as toLocaleString('en-US') writes them, without Intl", () => {
  const counts = [0, 7, 999, 1000, 12345, 1234567, 10_000_000, 2 ** 40];
  const expected = counts.map((n) => `${n.toLocaleString('en-US')} of ${(n * 3).toLocaleString('en-US')} points`);
  const intl = spyOnIntlNumbers();
  try {
    counts.forEach((n, i) => {
      assert.equal(msg('en', 'downsampled', n, n * 3), `${expected[i]} drawn (every spike kept)`);
    });
    assert.equal(msg('en', 'exact', 1234567), 'all 1,234,567 raw points');
    assert.equal(msg('en', 'nonFinite', 4321), '4,321 NaN/Inf in range');
    assert.equal(intl.calls, 0);
  } finally {
    intl.restore();
  }
});

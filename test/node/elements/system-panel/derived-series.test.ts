import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  rangeStats,
  rateOf,
  scaled,
  secondsPerXUnit,
  valueAtOrBefore,
} from '../../../../src/elements/system-panel/derived-series.js';
import {
  chartMagnitude,
  displayUnit,
  formatByteTotal,
  formatWithUnit,
} from '../../../../src/elements/system-panel/units.js';
import { buildCatalogue } from '../../../../src/elements/system-panel/system-catalogue.js';
import { trackerKeysCode } from '../../../../src/elements/system-panel/system-keys.js';

// MLflow's and Aim's key names load on first use (the panel waits for them before it renders)
await trackerKeysCode.load();

const f = (...v: number[]) => Float64Array.from(v);

test('rate of a counter: increase over elapsed seconds, at each later point', () => {
  const r = rateOf(f(0, 15, 30, 60), f(0, 150, 450, 450), 1);
  assert.deepEqual(Array.from(r.x), [15, 30, 60]);
  assert.deepEqual(Array.from(r.y), [10, 20, 0]);
  assert.equal(r.resets, 0);
});

test('rate on a wall-clock axis converts milliseconds to seconds', () => {
  const r = rateOf(f(1000, 3000), f(0, 4000), secondsPerXUnit('wallclock'));
  assert.deepEqual(Array.from(r.y), [2000]);
  assert.equal(secondsPerXUnit('relative'), 1);
});

test('a counter reset is read as a restart from zero, never a negative spike', () => {
  const r = rateOf(f(0, 10, 20, 30, 40), f(0, 100, 200, 30, 130), 1);
  assert.deepEqual(Array.from(r.y), [10, 10, 3, 10]);
  assert.equal(r.resets, 1);
  assert.ok(Array.from(r.y).every((v) => v >= 0));
});

test('non-finite raw values are gaps; the next rate spans from the last finite point', () => {
  const r = rateOf(f(0, 10, 20, 30), f(0, NaN, 200, 300), 1);
  assert.deepEqual(Array.from(r.x), [10, 20, 30]);
  assert.ok(Number.isNaN(r.y[0]));
  assert.deepEqual(Array.from(r.y.subarray(1)), [10, 10]);
});

test('repeated x never divides by zero; leading gaps give no points', () => {
  const r = rateOf(f(0, 0, 10, 10, 20), f(NaN, 5, 10, 20, 40), 1);
  // 5 → 10 over 10 s, then the later value at x=10 (20) is the base: 20 → 40 over 10 s
  assert.deepEqual(Array.from(r.x), [10, 20]);
  assert.deepEqual(Array.from(r.y), [0.5, 2]);
  assert.equal(rateOf(f(), f(), 1).x.length, 0);
  assert.equal(rateOf(f(1), f(1), 1).x.length, 0);
});

test('a rate of a million-point counter keeps every spike for M4', () => {
  const n = 1_000_000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    x[i] = i;
    total += i === 777_777 ? 1e6 : 10;
    y[i] = total;
  }
  const r = rateOf(x, y, 1);
  assert.equal(r.x.length, n - 1);
  assert.equal(r.y[777_776], 1e6);
  assert.equal(rangeStats(r).max, 1e6);
});

test('scaled copies unless the factor is 1', () => {
  const y = f(1, 2);
  assert.equal(scaled(y, 1), y);
  assert.deepEqual(Array.from(scaled(y, 0.5)), [0.5, 1]);
});

test('range stats: min, mean, max, last of finite values inside the range', () => {
  const c = { x: f(0, 1, 2, 3, 4), y: f(5, NaN, 1, 9, 3) };
  assert.deepEqual(rangeStats(c), { min: 1, mean: 4.5, max: 9, last: 3, count: 4 });
  assert.deepEqual(rangeStats(c, [1, 3]), { min: 1, mean: 5, max: 9, last: 9, count: 2 });
  const none = rangeStats(c, [10, 20]);
  assert.equal(none.count, 0);
  assert.ok(Number.isNaN(none.mean));
  assert.equal(valueAtOrBefore(c, 3.5), 9);
  assert.ok(Number.isNaN(valueAtOrBefore(c, -1)));
});

test('display units: fixed labels, human byte units from the magnitude', () => {
  assert.deepEqual(displayUnit('percent', 50), { divisor: 1, label: '%' });
  assert.deepEqual(displayUnit('celsius', 50), { divisor: 1, label: '°C' });
  assert.deepEqual(displayUnit('bytes', 3 * 1024 ** 3), { divisor: 1024 ** 3, label: 'GB' });
  assert.deepEqual(displayUnit('bytes-rate', 12.5 * 1024 ** 2), { divisor: 1024 ** 2, label: 'MB/s' });
  assert.deepEqual(displayUnit('bytes-rate', 300), { divisor: 1, label: 'B/s' });
  assert.deepEqual(displayUnit('bytes', NaN), { divisor: 1, label: 'B' });
  assert.equal(formatWithUnit(42.123, { divisor: 1, label: '%' }, 'en'), '42.12 %');
  assert.equal(formatWithUnit(17, { divisor: 1, label: '' }, 'en'), '17');
  assert.equal(formatWithUnit(undefined, { divisor: 1, label: '%' }, 'en'), '—');
  assert.equal(formatByteTotal(1.5 * 1024 ** 3, 'en'), '1.5 GB');
});

test('chart magnitude: largest last value, or for counters the average rate over the run', () => {
  const [network] = buildCatalogue([{ key: 'system.network.sent' }, { key: 'system.network.recv' }]);
  const last: Record<string, number> = { 'system.network.sent': 3600 * 1024, 'system.network.recv': 7200 * 1024 ** 2 };
  const m = chartMagnitude(network, (k) => last[k], 3600);
  assert.equal(m, 2 * 1024 ** 2);
  assert.equal(displayUnit(network.unit, m).label, 'MB/s');
  const [gpuMem] = buildCatalogue([{ key: 'system/gpu_0_memory_usage_megabytes' }]);
  assert.equal(
    chartMagnitude(gpuMem, () => 40_000, 10),
    40_000 * 1e6,
  );
  assert.equal(
    chartMagnitude(gpuMem, () => undefined, 10),
    0,
  );
});

test('values read with four significant digits, whole numbers from 1000 on', () => {
  assert.equal(formatWithUnit(1380.0612, { divisor: 1, label: 'MHz' }, 'en'), '1,380 MHz');
  assert.equal(formatWithUnit(280.6111, { divisor: 1, label: 'W' }, 'en'), '280.6 W');
  assert.equal(formatWithUnit(0.004, { divisor: 1, label: '%' }, 'en'), '0.004 %');
  assert.equal(formatWithUnit(Infinity, { divisor: 1, label: '%' }, 'en'), '∞ %');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatDurationTick,
  digitsWithin,
  formatTicks,
  formatValueTick,
  formatValueTicks,
  formatValueWithin,
  formatXValue,
  sourceXAxis,
  xKindOf,
} from '../../../../src/elements/metric-chart/axis-format.js';
import { formatDateTicks } from '../../../../src/elements/metric-chart/date-ticks.js';
import { dateCode } from '../../../../src/elements/metric-chart/plot-parts.js';
import { defaultLegendTemplate, expandLegend } from '../../../../src/elements/metric-chart/legend-template.js';
import { runValue } from '../../../../src/elements/metric-chart/run-values.js';
import { seriesToCsv } from '../../../../src/elements/metric-chart/csv.js';
import { formatDateTime } from '../../../../src/internal/format.js';

test('x kinds: process is the source runtime axis, anything else is a metric', () => {
  assert.equal(sourceXAxis('process'), 'runtime');
  assert.equal(sourceXAxis('step'), 'step');
  assert.equal(xKindOf('wallclock'), 'wallclock');
  assert.equal(xKindOf('epoch'), 'metric');
});

test('value ticks read naturally', () => {
  assert.equal(formatValueTick(1200, 100, 'en'), '1.2k');
  assert.equal(formatValueTick(3_400_000, 100_000, 'en'), '3.4M');
  assert.equal(formatValueTick(0.25, 0.05, 'en'), '0.25');
  assert.equal(formatValueTick(0.1 + 0.2, 0.1, 'en'), '0.3');
  assert.equal(formatValueTick(0.00001, 0.00001, 'en'), '1e-5');
  assert.equal(formatValueTick(-500, 100, 'en'), '-500');
});

/** Ticks as uPlot makes them: `n` multiples of `incr` from `first`, summed in floating point. */
function ticks(first: number, incr: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => first + i * incr);
}

function assertDistinct(labels: string[]): void {
  assert.equal(new Set(labels).size, labels.length, labels.join(' | '));
}

test('a learning rate varying in its 8th significant digit gets distinct ticks', () => {
  const labels = formatValueTicks(ticks(0.00010000001, 0.00000000001, 9), 0.00000000001, 'en');
  assert.deepEqual(labels.slice(0, 3), ['0.00010000001', '0.00010000002', '0.00010000003']);
  assertDistinct(labels);
  // the same rate under 1e-4 takes exponent form, with the mantissa digits it needs
  const small = formatValueTicks(ticks(0.000010000001, 1e-12, 5), 1e-12, 'en');
  assert.deepEqual(small.slice(0, 2), ['1.0000001e-5', '1.0000002e-5']);
  assertDistinct(small);
});

test('narrow ranges around large numbers are written in full, not as 1B', () => {
  const labels = formatValueTicks(ticks(1e9, 2, 5), 2, 'en');
  assert.deepEqual(labels, ['1,000,000,000', '1,000,000,002', '1,000,000,004', '1,000,000,006', '1,000,000,008']);
  assert.deepEqual(formatValueTicks(ticks(1e9, 0.25, 3), 0.25, 'ja'), [
    '1,000,000,000',
    '1,000,000,000.25',
    '1,000,000,000.5',
  ]);
  // compact where the spacing allows it
  assert.deepEqual(formatValueTicks(ticks(0, 2e5, 6), 2e5, 'en'), ['0', '200k', '400k', '600k', '800k', '1M']);
  assert.deepEqual(formatValueTicks(ticks(1e9, 2.5e8, 3), 2.5e8, 'en'), ['1B', '1.25B', '1.5B']);
  assertDistinct(formatValueTicks(ticks(1e15, 1, 5), 1, 'en'));
  assert.deepEqual(formatValueTicks(ticks(1e20, 1e15, 2), 1e15, 'en'), ['1e20', '1.00001e20']);
});

test('narrow ranges around zero', () => {
  assert.deepEqual(formatValueTicks(ticks(-1e-9, 5e-10, 5), 5e-10, 'en'), ['-1e-9', '-5e-10', '0', '5e-10', '1e-9']);
  assert.deepEqual(formatValueTicks(ticks(-0.02, 0.01, 5), 0.01, 'en'), ['-0.02', '-0.01', '0', '0.01', '0.02']);
  // a split that floating point left a hair off zero is still 0
  assert.equal(formatValueTicks([-0.1, 0.1 - 0.1 + 1e-17, 0.1], 0.1, 'en')[1], '0');
});

test('ticks of ordinary ranges stay short', () => {
  assert.deepEqual(formatValueTicks(ticks(0, 0.2, 6), 0.2, 'en'), ['0', '0.2', '0.4', '0.6', '0.8', '1']);
  assert.deepEqual(formatValueTicks(ticks(0, 500, 4), 500, 'en'), ['0', '500', '1k', '1.5k']);
});

test('log axes write each tick to its own decade; irregular ticks fall back to every digit', () => {
  assert.deepEqual(formatValueTicks([1e-5, 2e-5, 1e-3, 0.02, 1, 30, 2000], 1e-5, 'en', true), [
    '1e-5',
    '2e-5',
    '0.001',
    '0.02',
    '1',
    '30',
    '2k',
  ]);
  const irregular = formatValueTicks([0.1, 0.1000000001, 0.1000000002], 0.5, 'en');
  assert.deepEqual(irregular, ['0.1', '0.1000000001', '0.1000000002']);
});

test('tooltip values carry the digits the visible range needs', () => {
  assert.equal(formatValueWithin(0.123456789, 2, 'en'), '0.123457');
  assert.equal(formatValueWithin(0.00010000003, 8e-11, 'en'), '0.00010000003');
  assert.equal(formatValueWithin(0.00010000003, 8e-11, 'ja'), '0.00010000003');
  assert.equal(formatValueWithin(1e9 + 3.5, 8, 'en'), '1,000,000,003.5');
  assert.equal(formatValueWithin(1.0000003e-5, 1e-11, 'en'), '1.0000003e-5');
  assert.equal(formatValueWithin(NaN, 1, 'en'), 'NaN');
  // float32 noise stays hidden on an ordinary range
  assert.equal(formatValueWithin(Math.fround(0.1), 1, 'en'), '0.1');
  assert.equal(digitsWithin(5, undefined), 6);
  assert.equal(digitsWithin(1, 1e-30), 17);
});

test('before the code of date axes loads, wall-clock ticks and x values are whole dates and times', () => {
  assert.equal(dateCode.now, undefined);
  const t = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
  assert.deepEqual(formatTicks('wallclock', [t, NaN], 1000, 'en'), [formatDateTime(t, 'en'), '—']);
  assert.equal(formatXValue('wallclock', t, 'en', 2000), formatDateTime(t, 'en'));
});

test('x values in tooltips carry the digits of a narrow x range', async () => {
  await dateCode.load();
  assert.equal(formatXValue('step', 1_000_000_003, 'en', 8), '1,000,000,003');
  assert.equal(formatXValue('metric', 1.00000003, 'en', 1e-7), '1.00000003');
  assert.equal(formatXValue('metric', 1.00000003, 'en', 10), '1');
  assert.equal(formatXValue('relative', 3725.125, 'en', 1000), '1h 2m 5s');
  assert.equal(formatXValue('relative', 3725.125, 'en', 0.5), '3,725.125s');
  const t = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
  assert.match(formatXValue('wallclock', t, 'en', 2000), /:00\.250/);
  assert.doesNotMatch(formatXValue('wallclock', t, 'en', 3_600_000), /\.250/);
});

test('duration ticks pick the unit from the tick spacing', () => {
  assert.equal(formatDurationTick(30, 10), '30s');
  assert.equal(formatDurationTick(90, 30), '90s');
  assert.equal(formatDurationTick(120, 60), '2min');
  assert.equal(formatDurationTick(450, 150), '7.5min');
  assert.equal(formatDurationTick(7200, 3600), '2h');
  assert.equal(formatDurationTick(5400, 1800), '90min');
  assert.equal(formatDurationTick(9 * 3600, 3 * 3600), '9h');
  assert.equal(formatDurationTick(2 * 86400, 86400), '2d');
  assert.equal(formatDurationTick(0.5, 0.1), '0.5s');
});

test('date ticks show times, and the date where the day changes', () => {
  const t0 = Date.UTC(2026, 0, 1, 23, 0) + new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() * 60_000;
  const labels = formatDateTicks([t0, t0 + 1800_000, t0 + 3600_000], 1800_000, 'en-US');
  assert.equal(labels[0], '23:00\nJan 1');
  assert.equal(labels[1], '23:30');
  assert.equal(labels[2], '00:00\nJan 2');
  assert.equal(formatDateTicks([t0], 86_400_000, 'en-US')[0], 'Jan 1');
  assert.match(formatDateTicks([t0], 86_400_000, 'ja-JP')[0], /1月1日/);
  assert.deepEqual(formatTicks('relative', [60, 120], 60, 'en'), ['1min', '2min']);
});

test('legend templates fill in run, metric and config values as text', () => {
  const run = {
    id: 'r1',
    name: 'bright-sun',
    state: 'finished' as const,
    config: { lr: 0.001, opt: { value: 'adam' }, model: { depth: 12 } },
  };
  assert.equal(expandLegend('${run} ${metric}', { runId: 'r1', metric: 'loss', run }), 'bright-sun loss');
  assert.equal(
    expandLegend('lr=${config.lr} ${config.opt} d=${config.model.depth}', {
      runId: 'r1',
      metric: 'loss',
      run,
      runValue,
    }),
    'lr=0.001 adam d=12',
  );
  assert.equal(expandLegend('${run} ${config.missing}', { runId: 'r1', metric: 'x', runValue }), 'r1');
  assert.equal(expandLegend('${config.__proto__}', { runId: 'r1', metric: 'x', run, runValue }), '');
  // the run values' code not (yet) loaded: their names are empty, the rest is filled in
  assert.equal(expandLegend('${run} lr=${config.lr}', { runId: 'r1', metric: 'x', run }), 'bright-sun lr=');
  assert.equal(defaultLegendTemplate(1, 3), '${metric}');
  assert.equal(defaultLegendTemplate(2, 1), '${run}');
  assert.equal(defaultLegendTemplate(2, 2), '${run} ${metric}');
});

test('CSV quotes fields and writes non-finite values by name', () => {
  const csv = seriesToCsv(
    [
      {
        runId: 'r,1',
        key: 'a"b',
        x: Float64Array.from([1, 2]),
        y: Float64Array.from([NaN, -Infinity]),
        total: 2,
        exact: true,
        nonFinite: 2,
        smoothed: false,
      },
    ],
    'step',
  );
  assert.equal(csv, 'run,metric,step,value\r\n"r,1","a""b",1,NaN\r\n"r,1","a""b",2,-Infinity\r\n');
});

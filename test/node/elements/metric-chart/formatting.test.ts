import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatDateTicks,
  formatDurationTick,
  formatTicks,
  formatValueTick,
  sourceXAxis,
  xKindOf,
} from '../../../../src/elements/metric-chart/axis-format.js';
import { defaultLegendTemplate, expandLegend } from '../../../../src/elements/metric-chart/legend-template.js';
import { seriesToCsv } from '../../../../src/elements/metric-chart/csv.js';

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
  const labels = formatDateTicks([t0, t0 + 1800_000, t0 + 3600_000], 1800_000, 'en');
  assert.equal(labels[0], '23:00\nJan 1');
  assert.equal(labels[1], '23:30');
  assert.equal(labels[2], '00:00\nJan 2');
  assert.equal(formatDateTicks([t0], 86_400_000, 'en')[0], 'Jan 1');
  assert.match(formatDateTicks([t0], 86_400_000, 'ja')[0], /1月1日/);
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
    expandLegend('lr=${config.lr} ${config.opt} d=${config.model.depth}', { runId: 'r1', metric: 'loss', run }),
    'lr=0.001 adam d=12',
  );
  assert.equal(expandLegend('${run} ${config.missing}', { runId: 'r1', metric: 'x' }), 'r1');
  assert.equal(expandLegend('${config.__proto__}', { runId: 'r1', metric: 'x', run }), '');
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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readLevelForm, readPanelForm } from '../../../../src/elements/metric-workspace/settings-form.js';

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}
const isColor = (c: string) => /^(#[0-9a-f]{3,8}|tomato|red)$/i.test(c);

test('empty fields inherit: nothing is overridden', () => {
  const { settings, errors } = readPanelForm(
    form({ title: ' ', x: '', smoothing: '', ignoreOutliers: '' }),
    ['a'],
    isColor,
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(settings, { metrics: ['a'] });
});

test('every panel field is read', () => {
  const { settings, errors } = readPanelForm(
    form({
      title: 'T',
      x: 'relative',
      smoothing: 'ema',
      smoothingWeight: '0.9',
      ignoreOutliers: 'off',
      logX: 'on',
      logY: 'on',
      xMin: '0',
      xMax: '100',
      yMin: '-1',
      yMax: '1e3',
      legend: '${metric}',
      colors: 'tomato, #00ff00',
    }),
    ['a', 'b'],
    isColor,
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(settings, {
    x: 'relative',
    smoothing: 'ema',
    smoothingWeight: 0.9,
    ignoreOutliers: false,
    title: 'T',
    metrics: ['a', 'b'],
    logX: true,
    logY: true,
    xMin: 0,
    xMax: 100,
    yMin: -1,
    yMax: 1000,
    legend: '${metric}',
    colors: ['tomato', '#00ff00'],
  });
});

test('invalid values are named as errors', () => {
  const { errors } = readPanelForm(form({ yMin: 'low', colors: 'tomato, blurple' }), [], isColor);
  assert.deepEqual(errors, ['metrics', 'yMin', 'color:blurple']);
});

test('section level reads columns', () => {
  assert.deepEqual(readLevelForm(form({ columns: '3', x: 'wallclock' })), {
    options: { x: 'wallclock', columns: 3 },
    errors: [],
  });
  assert.deepEqual(readLevelForm(form({ columns: '9' })).errors, ['columns']);
  assert.deepEqual(readLevelForm(form({ columns: '' })).options, {});
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactSettings } from '../../../../src/elements/metric-workspace/layout-edits.js';
import {
  emptySettings,
  parseSettings,
  resolveColumns,
  resolvePanel,
} from '../../../../src/elements/metric-workspace/workspace-settings.js';

test('defaults apply when nothing is set', () => {
  const r = resolvePanel(emptySettings(), 'train', undefined);
  assert.deepEqual(r, {
    x: 'step',
    smoothing: 'none',
    smoothingWeight: undefined,
    ignoreOutliers: false,
    logX: false,
    logY: false,
  });
  // no columns chosen: automatic (as many as fit)
  assert.equal(resolveColumns(emptySettings(), 'train'), undefined);
});

test('workspace < section < panel, field by field', () => {
  const s = emptySettings();
  s.workspace = { x: 'relative', smoothing: 'ema', smoothingWeight: 0.9, ignoreOutliers: true, columns: 3 };
  s.sections.train = { x: 'wallclock', columns: 1 };
  assert.equal(resolvePanel(s, 'val', undefined).x, 'relative');
  assert.equal(resolvePanel(s, 'train', undefined).x, 'wallclock');
  assert.equal(resolvePanel(s, 'train', { x: 'step' }).x, 'step');
  assert.equal(resolvePanel(s, 'train', { x: 'step' }).ignoreOutliers, true);
  assert.equal(resolvePanel(s, 'train', { ignoreOutliers: false }).ignoreOutliers, false);
  assert.equal(resolveColumns(s, 'train'), 1);
  assert.equal(resolveColumns(s, 'val'), 3);
});

test('smoothing kind and weight come from the same level', () => {
  const s = emptySettings();
  s.workspace = { smoothing: 'ema', smoothingWeight: 0.9 };
  s.sections.train = { smoothing: 'gaussian' };
  assert.deepEqual(
    [resolvePanel(s, 'val', undefined).smoothing, resolvePanel(s, 'val', undefined).smoothingWeight],
    ['ema', 0.9],
  );
  const t = resolvePanel(s, 'train', undefined);
  assert.deepEqual([t.smoothing, t.smoothingWeight], ['gaussian', undefined]);
  const p = resolvePanel(s, 'train', { smoothing: 'none' });
  assert.equal(p.smoothing, 'none');
});

test('parseSettings keeps valid parts and reports the rest', () => {
  const { settings, problems } = parseSettings({
    version: 1,
    workspace: { x: 'step', columns: 9, smoothing: 'wobbly' },
    sort: 'order',
    syncZoom: 'yes',
    sections: { train: { pinned: true, collapsed: false, columns: 2 }, bad: 3, odd: { collapsed: 'no' } },
    panels: { 'train/loss': { logY: true, yMin: 'low', metrics: ['train/loss', 7] } },
    custom: [
      { id: 'c1', section: 'train', metrics: ['a', 'b'], title: 'AB' },
      { id: 'c1', metrics: ['dup'] },
      { id: 'c2', metrics: [] },
    ],
    hidden: ['x', 'x', 'y'],
  });
  assert.deepEqual(settings.workspace, { x: 'step' });
  assert.equal(settings.sort, 'order');
  assert.equal(settings.syncZoom, false);
  assert.deepEqual(settings.sections, { train: { pinned: true, collapsed: false, columns: 2 }, odd: {} });
  assert.deepEqual(settings.panels, { 'train/loss': { logY: true } });
  assert.deepEqual(settings.custom, [{ id: 'c1', section: 'train', metrics: ['a', 'b'], title: 'AB' }]);
  assert.deepEqual(settings.hidden, ['x', 'y']);
  for (const fragment of [
    'columns',
    'smoothing',
    'syncZoom',
    'section bad',
    'section odd: collapsed must be true or false',
    'yMin',
    'metrics',
    'unique id',
    'at least one metric',
  ])
    assert.ok(
      problems.some((p) => p.includes(fragment)),
      `a problem mentions ${fragment}: ${problems.join(' | ')}`,
    );
});

test('parseSettings never throws on junk', () => {
  for (const junk of [
    null,
    3,
    'x',
    [],
    { sections: [] },
    { sections: null },
    { panels: { a: null } },
    { custom: 'no' },
    { hidden: [1] },
  ]) {
    const { settings, problems } = parseSettings(junk);
    assert.equal(settings.version, 1);
    assert.ok(problems.length > 0, JSON.stringify(junk));
  }
  assert.deepEqual(parseSettings({}).problems, []);
});

test('compactSettings drops empty overrides', () => {
  const s = emptySettings();
  s.panels.a = { title: undefined };
  s.panels.b = { logY: true };
  s.sections.train = {};
  const c = compactSettings(s);
  assert.deepEqual(c.panels, { b: { logY: true } });
  assert.deepEqual(c.sections, {});
});

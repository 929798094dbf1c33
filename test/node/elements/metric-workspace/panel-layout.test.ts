import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricInfo } from '../../../../src/data/source.js';
import {
  buildPanels,
  DEFAULT_SECTION,
  groupSections,
  sectionOf,
} from '../../../../src/elements/metric-workspace/panel-layout.js';
import { emptySettings } from '../../../../src/elements/metric-workspace/workspace-settings.js';

const m = (key: string, order: number, group: 'history' | 'system' = 'history'): MetricInfo => ({
  key,
  group,
  count: 1,
  order,
});
const metrics = [
  m('val/loss', 0),
  m('train/loss', 1),
  m('epoch', 2),
  m('system.cpu', 3, 'system'),
  m('train/acc', 4),
  m('layers/b0/norm', 5),
];

test('sectionOf takes the first path segment', () => {
  assert.equal(sectionOf('train/loss'), 'train');
  assert.equal(sectionOf('layers/block_0/weight'), 'layers');
  assert.equal(sectionOf('loss'), DEFAULT_SECTION);
  assert.equal(sectionOf('/loss'), DEFAULT_SECTION);
  assert.equal(sectionOf('loss/'), DEFAULT_SECTION);
});

test('one panel per history metric, grouped by prefix, default section last', () => {
  const s = emptySettings();
  const sections = groupSections(buildPanels(metrics, [], s), s);
  assert.deepEqual(
    sections.map((x) => x.name),
    ['layers', 'train', 'val', ''],
  );
  assert.deepEqual(
    sections[1].panels.map((p) => p.id),
    ['train/acc', 'train/loss'],
  );
  assert.ok(!sections.some((x) => x.panels.some((p) => p.id === 'system.cpu')));
});

test('logged order sorts panels and sections by first appearance', () => {
  const s = emptySettings();
  s.sort = 'order';
  const sections = groupSections(buildPanels(metrics, [], s), s);
  assert.deepEqual(
    sections.map((x) => x.name),
    ['val', 'train', 'layers', ''],
  );
  assert.deepEqual(
    sections[1].panels.map((p) => p.id),
    ['train/loss', 'train/acc'],
  );
});

test('pinned sections come first; hidden, overridden, custom and media panels', () => {
  const s = emptySettings();
  s.sections.val = { pinned: true, collapsed: true };
  s.hidden = ['epoch'];
  s.panels['train/loss'] = { title: 'Loss!', metrics: ['train/loss', 'val/loss'] };
  s.custom = [{ id: 'c1', section: 'train', metrics: ['train/acc'] }];
  const panels = buildPanels(metrics, [{ key: 'val/images', kind: 'image', steps: [1] }], s);
  const sections = groupSections(panels, s);
  assert.deepEqual(
    sections.map((x) => x.name),
    ['val', 'layers', 'train'],
  );
  assert.equal(sections[0].collapsed, true);
  assert.deepEqual(
    sections[0].panels.map((p) => `${p.kind}:${p.id}`),
    ['media:media:val/images', 'chart:val/loss'],
  );
  const loss = panels.find((p) => p.id === 'train/loss')!;
  assert.deepEqual([loss.title, loss.keys], ['Loss!', ['train/loss', 'val/loss']]);
  const custom = panels.find((p) => p.id === 'c1')!;
  assert.deepEqual([custom.auto, custom.title, custom.section], [false, 'train/acc', 'train']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelGraph, ModelLayer } from '../../../../src/data/source.js';
import {
  buildModelTree,
  matchingNodes,
  parentIds,
  visibleRows,
} from '../../../../src/elements/model-table/model-tree.js';

const graph: ModelGraph = {
  format: 'test',
  layers: [
    { id: 'enc', name: 'encoder', type: 'Sequential', params: 0 },
    { id: 'enc.0', parent: 'enc', name: '0', type: 'Linear', params: 300, outputShape: '(B, 30)' },
    { id: 'enc.1', parent: 'enc', name: '1', type: 'ReLU', params: 0 },
    { id: 'enc.2', parent: 'enc', name: '2', type: 'Linear', params: 1000, trainableParams: 400 },
    { id: 'head', name: 'head', type: 'Linear', params: 50 },
    { id: 'emb', name: 'embedding', type: 'Embedding', params: 2000, trainableParams: 0 },
  ],
};

const names = (tree: ReturnType<typeof buildModelTree>, rows: ReturnType<typeof visibleRows>) =>
  rows.map((r) => tree.nodes[r.node].layer.name);

test('sums parameters up the tree and totals all layers', () => {
  const tree = buildModelTree(graph);
  assert.deepEqual(tree.warnings, []);
  assert.equal(tree.total, 3350);
  assert.equal(tree.trainable, 300 + 400 + 50);
  assert.equal(tree.nonTrainable, 600 + 2000);
  const enc = tree.nodes[0];
  assert.equal(enc.total, 1300);
  assert.equal(enc.trainable, 700);
  assert.deepEqual(enc.children, [1, 2, 3]);
  assert.equal(tree.nodes[3].depth, 1);
  assert.equal(tree.maxDepth, 1);
});

test('rows follow the model order with levels and set positions', () => {
  const tree = buildModelTree(graph);
  const rows = visibleRows(tree);
  assert.deepEqual(names(tree, rows), ['encoder', '0', '1', '2', 'head', 'embedding']);
  assert.deepEqual(
    rows.map((r) => [r.level, r.posInSet, r.setSize, r.hasChildren, r.expanded]),
    [
      [1, 1, 3, true, true],
      [2, 1, 3, false, false],
      [2, 2, 3, false, false],
      [2, 3, 3, false, false],
      [1, 2, 3, false, false],
      [1, 3, 3, false, false],
    ],
  );
});

test('collapsing hides the children; collapse all keeps only top-level rows', () => {
  const tree = buildModelTree(graph);
  const rows = visibleRows(tree, { collapsed: new Set(['enc']) });
  assert.deepEqual(names(tree, rows), ['encoder', 'head', 'embedding']);
  assert.equal(rows[0].expanded, false);
  assert.equal(rows[0].hasChildren, true);
  assert.deepEqual([...parentIds(tree)], ['enc']);
});

test('search keeps matches and their ancestors, and expands them', () => {
  const tree = buildModelTree(graph);
  const rows = visibleRows(tree, { query: 'relu', collapsed: new Set() });
  assert.deepEqual(names(tree, rows), ['encoder', '1']);
  assert.deepEqual(
    rows.map((r) => r.match),
    [false, true],
  );
  assert.equal(rows[1].setSize, 1);
  assert.equal(matchingNodes(tree, '  ')?.matches, undefined);
  assert.equal(matchingNodes(tree, 'LINEAR')!.matches, 3);
  assert.deepEqual(visibleRows(tree, { query: 'nothing like this' }), []);
});

test('sort by parameters orders siblings only, by subtree totals, stably', () => {
  const tree = buildModelTree(graph);
  assert.deepEqual(names(tree, visibleRows(tree, { sort: 'desc' })), ['embedding', 'encoder', '2', '0', '1', 'head']);
  assert.deepEqual(names(tree, visibleRows(tree, { sort: 'asc' })), ['head', 'encoder', '1', '0', '2', 'embedding']);
});

test('repairs bad input with warnings and never throws', () => {
  const layers = [
    { id: 'a', name: 'a', params: 'twelve' },
    { id: 'a', name: 'dup', params: 5 },
    { name: 'no id', params: -3 },
    { id: 'orphan', parent: 'missing', name: 'orphan', params: '7' },
    null,
    { id: 'x', parent: 'y', name: 'x', params: 1 },
    { id: 'y', parent: 'x', name: 'y', params: 2 },
    { id: 'self', parent: 'self', name: 'self', params: NaN },
    { id: 'late-child', parent: 'late-parent', name: 'late child', params: 4 },
    { id: 'late-parent', name: 'late parent', params: 1 },
  ] as unknown as ModelLayer[];
  const tree = buildModelTree({ format: 't', layers });
  assert.equal(tree.nodes.length, 9);
  assert.equal(tree.total, 0 + 5 + 0 + 7 + 1 + 2 + 0 + 4 + 1);
  assert.deepEqual(
    tree.nodes.map((n) => n.id),
    ['a', 'a~2', '#3', 'orphan', 'x', 'y', 'self', 'late-child', 'late-parent'],
  );
  assert.ok(tree.warnings.length >= 6, tree.warnings.join('\n'));
  const rows = visibleRows(tree);
  assert.equal(rows.length, 9, 'every layer is shown once');
  const lateParent = tree.nodes.findIndex((n) => n.id === 'late-parent');
  assert.equal(tree.nodes[lateParent].total, 5);
  assert.deepEqual(buildModelTree(undefined).nodes, []);
  assert.equal(buildModelTree({ format: 'x', layers: 'nope' } as unknown as ModelGraph).warnings.length, 1);
});

test('a 10,000-deep chain does not overflow the stack', () => {
  const layers: ModelLayer[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: `l${i}`,
    name: `l${i}`,
    params: 1,
    ...(i ? { parent: `l${i - 1}` } : {}),
  }));
  const tree = buildModelTree({ format: 't', layers });
  assert.equal(tree.nodes[0].total, 10_000);
  assert.equal(tree.maxDepth, 9_999);
  assert.equal(visibleRows(tree).length, 10_000);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromKerasSummary, fromPyTorchTree, shapeText } from '../../../src/data/model-convert.js';
import { buildModelTree } from '../../../src/elements/model-table/model-tree.js';

const torch = {
  name: 'Net',
  type: 'Net',
  params: 0,
  children: [
    {
      name: 'features',
      type: 'Sequential',
      params: 0,
      children: [
        { name: '0', type: 'Conv2d', params: 320, output_shape: [null, 32, 26, 26] },
        { name: '1', type: 'ReLU', params: 0 },
      ],
    },
    { name: 'fc', type: 'Linear', params: 1290, trainable_params: 0 },
  ],
};

test('PyTorch tree: dotted ids, parents, types, shapes, trainable', () => {
  const { graph, warnings } = fromPyTorchTree(torch);
  assert.deepEqual(warnings, []);
  assert.equal(graph.format, 'pytorch');
  assert.equal(graph.name, 'Net');
  assert.deepEqual(
    graph.layers.map((l) => [l.id, l.parent, l.name, l.type, l.params]),
    [
      ['Net', undefined, 'Net', 'Net', 0],
      ['Net.features', 'Net', 'features', 'Sequential', 0],
      ['Net.features.0', 'Net.features', '0', 'Conv2d', 320],
      ['Net.features.1', 'Net.features', '1', 'ReLU', 0],
      ['Net.fc', 'Net', 'fc', 'Linear', 1290],
    ],
  );
  assert.equal(graph.layers[2].outputShape, '(None, 32, 26, 26)');
  assert.equal(graph.layers[4].trainableParams, 0);
  const tree = buildModelTree(graph);
  assert.equal(tree.total, 1610);
  assert.equal(tree.nonTrainable, 1290);
});

test('PyTorch tree with subtree counts subtracts the children', () => {
  const totals = {
    name: '',
    type: 'Net',
    params: 1700,
    children: [
      { name: 'a', type: 'Sequential', params: 600, children: [{ name: '0', type: 'Linear', params: 600 }] },
      { name: 'b', type: 'Linear', params: 1000, requires_grad: false },
    ],
  };
  const { graph, warnings } = fromPyTorchTree(totals, { params: 'total' });
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    graph.layers.map((l) => [l.id, l.params]),
    [
      ['Net', 100],
      ['a', 0],
      ['a.0', 600],
      ['b', 1000],
    ],
  );
  const tree = buildModelTree(graph);
  assert.equal(tree.total, 1700);
  assert.equal(tree.trainable, 700);
});

test('PyTorch tree: bad input is reported, not thrown', () => {
  assert.equal(fromPyTorchTree(null).graph.layers.length, 0);
  assert.equal(fromPyTorchTree('nope').warnings.length, 1);
  const shared = { name: 'x', type: 'Linear', params: 1 };
  const { graph, warnings } = fromPyTorchTree({
    name: 'm',
    params: 'lots',
    children: [shared, shared, 5, { name: 'x', params: 2, children: 'none' }],
  });
  assert.deepEqual(
    graph.layers.map((l) => [l.id, l.params]),
    [
      ['m', 0],
      ['m.x', 1],
      ['m.x~2', 2],
    ],
  );
  assert.equal(warnings.length, 4, warnings.join('\n'));
});

test('Keras summary: rows, combined "name (Type)", nested model keeps its own share', () => {
  const summary = {
    name: 'sequential',
    total_params: 1200,
    layers: [
      { name: 'conv2d (Conv2D)', output_shape: [null, 26, 26, 32], param_count: 320 },
      { name: 'flatten', class_name: 'Flatten', output_shape: [null, 800], param_count: 0 },
      {
        name: 'block',
        class_name: 'Functional',
        param_count: 880,
        trainable: false,
        layers: [
          {
            name: 'dense',
            class_name: 'Dense',
            output_shape: [
              [null, 10],
              [null, 5],
            ],
            param_count: '800',
          },
        ],
      },
    ],
  };
  const { graph, warnings } = fromKerasSummary(summary);
  assert.deepEqual(warnings, []);
  assert.equal(graph.name, 'sequential');
  assert.deepEqual(
    graph.layers.map((l) => [l.id, l.parent, l.name, l.type, l.params, l.outputShape]),
    [
      ['conv2d', undefined, 'conv2d', 'Conv2D', 320, '(None, 26, 26, 32)'],
      ['flatten', undefined, 'flatten', 'Flatten', 0, '(None, 800)'],
      ['block', undefined, 'block', 'Functional', 80, undefined],
      ['block/dense', 'block', 'dense', 'Dense', 800, '[(None, 10), (None, 5)]'],
    ],
  );
  assert.equal(graph.layers[2].trainableParams, 0);
  assert.equal(buildModelTree(graph).total, 1200);
});

test('Keras summary: a plain list, mismatched totals and junk rows', () => {
  const { graph, warnings } = fromKerasSummary([{ layer: 'd (Dense)', 'Param #': '1,024' }, 'junk']);
  assert.deepEqual(
    graph.layers.map((l) => [l.name, l.type, l.params]),
    [['d', 'Dense', 1024]],
  );
  assert.equal(warnings.length, 1);
  assert.equal(fromKerasSummary({ nothing: true }).warnings.length, 1);
  const mismatch = fromKerasSummary({ total_params: 10, layers: [{ name: 'a', params: 3 }] });
  assert.match(mismatch.warnings[0], /states 10 parameters/);
});

test('shapeText', () => {
  assert.equal(shapeText(undefined), undefined);
  assert.equal(shapeText('(1, 2)'), '(1, 2)');
  assert.equal(shapeText([null, 3]), '(None, 3)');
  assert.equal(shapeText({ a: 1 }), '{"a":1}');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classesOf, drawableBoxes, mergeSteps, snapIndex } from '../../../../src/elements/media-panel/media-steps.js';

test('mergeSteps unions, sorts and drops non-finite steps', () => {
  assert.deepEqual(
    mergeSteps([
      { key: 'a', kind: 'image', steps: [30, 10] },
      { key: 'b', kind: 'image', steps: [20, 10, NaN] },
      { key: 'c', kind: 'image', steps: undefined as unknown as number[] },
    ]),
    [10, 20, 30],
  );
});

test('snapIndex goes to the nearest step, the earlier one on a tie, the last without a step', () => {
  const steps = [10, 40, 100];
  assert.equal(snapIndex(steps, 55), 1);
  assert.equal(snapIndex(steps, 70), 1);
  assert.equal(snapIndex(steps, 71), 2);
  assert.equal(snapIndex(steps, -5), 0);
  assert.equal(snapIndex(steps, 1e9), 2);
  assert.equal(snapIndex(steps, 40), 1);
  assert.equal(snapIndex(steps, undefined), 2);
  assert.equal(snapIndex(steps, NaN), 2);
  assert.equal(snapIndex([], 3), -1);
});

test('drawableBoxes clamps, orders corners and drops broken boxes', () => {
  const boxes = drawableBoxes([
    { minX: 0.5, minY: 0.6, maxX: 0.1, maxY: 1.4, classId: 1 },
    { minX: NaN, minY: 0, maxX: 1, maxY: 1, classId: 2 },
    { minX: 0.3, minY: 0.3, maxX: 0.3, maxY: 0.9, classId: 3 },
    null as never,
  ]);
  assert.deepEqual(boxes, [{ minX: 0.1, minY: 0.6, maxX: 0.5, maxY: 1, classId: 1 }]);
});

test('classesOf merges class tables and box classes in id order', () => {
  const classes = classesOf([
    { key: 'k', step: 1, index: 0, kind: 'image', url: 'u', classes: { 2: 'car' } },
    {
      key: 'k',
      step: 1,
      index: 1,
      kind: 'image',
      url: 'u',
      boxes: [
        { minX: 0, minY: 0, maxX: 1, maxY: 1, classId: 0, caption: 'cat' },
        { minX: 0, minY: 0, maxX: 1, maxY: 1, classId: 5 },
      ],
    },
  ]);
  assert.deepEqual(classes, [
    { id: 0, name: 'cat' },
    { id: 2, name: 'car' },
    { id: 5, name: '5' },
  ]);
});

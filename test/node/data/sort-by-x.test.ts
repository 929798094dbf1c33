/**
 * sortByX on steps that go back (a resumed run logging the same steps again): whole steps are
 * counted into place, and the answer is the one a stable comparison sort gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortByX } from '../../../src/data/downsample.js';
import { mulberry32 } from '../../../src/data/random.js';

/** A stable comparison sort of the finite x, as sortByX did for every input. */
function reference(x: number[], y: number[]) {
  const order = x.map((_, i) => i).filter((i) => Number.isFinite(x[i]));
  order.sort((a, b) => x[a]! - x[b]! || a - b);
  return { x: order.map((i) => x[i]!), y: order.map((i) => y[i]!) };
}

function check(x: number[], y: number[], what: string) {
  const got = sortByX(x, y);
  const want = reference(x, y);
  assert.deepEqual(Array.from(got.x), want.x, `${what}: x`);
  assert.deepEqual(Array.from(got.y), want.y, `${what}: y`);
  assert.equal(got.nonMonotonic, true, what);
  assert.equal(got.droppedNonFiniteX, x.length - want.x.length, what);
}

test('steps that go back are sorted stably, duplicates and non-finite steps included', () => {
  const random = mulberry32(7);
  for (let round = 0; round < 20; round++) {
    const n = 1 + Math.floor(random() * 2000);
    const base = Math.floor(random() * 200) - 100;
    const width = 1 + Math.floor(random() * n);
    const x = Array.from({ length: n }, () => {
      const r = random();
      return r < 0.02 ? NaN : r < 0.03 ? Infinity : base + Math.floor(random() * width);
    });
    x.push(base - 1, base); // at least one step back
    const y = x.map((_, i) => i + random());
    check(x, y, `round ${round}`);
  }
  // Cycles of the same steps, as a run restarted from step 0 logs them.
  const x = Array.from({ length: 5000 }, (_, i) => i % 512);
  check(
    x,
    x.map((_, i) => i),
    'cycles',
  );
  const signed = sortByX([0, -0, 3, -0, 0, 1], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(signed.y), [1, 2, 4, 5, 6, 3], '0 and -0 keep their order');
});

test('fractional or widely spread steps still sort by comparison', () => {
  check([3.5, 1.25, 2, 1.25, 0.5], [1, 2, 3, 4, 5], 'fractions');
  check([1e12, 5, 1e9, 5, 0], [1, 2, 3, 4, 5], 'wide range');
});

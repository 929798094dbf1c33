import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deoptimisations, optimisationTrace, optimised } from '../../../support/v8-trace.js';

test('the first zoom to raw points draws the marks with the code the full view optimised', () => {
  // the dot count used to first run there (raw points are counted for dots): cold, and it threw
  // away drawMarks' optimised code, ~1 ms of the chart's first zoom to 0.1 %
  const { warm, zooms } = optimisationTrace(new URL('./support/draw-marks-zooms.ts', import.meta.url));
  assert.ok(optimised(warm, 'drawMarks'), 'drawMarks optimised');
  assert.deepEqual(deoptimisations(zooms, ['drawMarks', 'countDrawable', 'drawDots', 'markNonFinite']), []);
});

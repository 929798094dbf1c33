import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEIGHT, WIDTH, visibleSpikes } from '../../../bench/node/fidelity.js';
import { evenSample, lttb, randomSample, reservoirSample } from '../../../bench/node/samplers.js';
import { downsample } from '../../../src/data/downsample.js';

/** A flat series of n points at 0 with one upward spike of 10 at `at` and one downward spike of −10 at `down`. */
function flat(n: number, at: number, down: number) {
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = new Float64Array(n);
  y[at] = 10;
  y[down] = -10;
  return { x, y, spikes: [at, down] };
}

test('a polyline through the spike point shows it; one that skips it does not', () => {
  const raw = flat(100_000, 30_000, 70_000);
  assert.deepEqual(visibleSpikes(raw, raw.x, raw.y), [true, true]);
  const even = evenSample(raw.x.length, 320);
  const px = Float64Array.from(even, (i) => raw.x[i]);
  const py = Float64Array.from(even, (i) => raw.y[i]);
  assert.deepEqual(visibleSpikes(raw, px, py), [false, false]);
});

test('a segment crossing the column counts with its interpolated height, within half a pixel', () => {
  const raw = flat(100_000, 30_000, 70_000);
  // the two points just around the spike's column, at the spike's height: the segment passes through it
  const colWidth = raw.x.length / WIDTH;
  const px = [0, 30_000 - colWidth, 30_000 + colWidth, 99_999];
  assert.equal(visibleSpikes(raw, px, [0, 10, 10, 0])[0], true);
  // a whole pixel lower is not enough (the y axis spans 20 units over HEIGHT px)
  const onePixel = 20 / HEIGHT;
  assert.equal(visibleSpikes(raw, px, [0, 10 - onePixel, 10 - onePixel, 0])[0], false);
});

test('M4 at the plot width keeps every spike', () => {
  const raw = flat(1_000_000, 123_457, 876_543);
  const m4 = downsample(raw.x, raw.y, { points: WIDTH });
  assert.deepEqual(visibleSpikes(raw, m4.x, m4.y), [true, true]);
});

test('the baseline samplers return what they promise', () => {
  const n = 100_000;
  const even = evenSample(n, 320);
  assert.equal(even.length, 322);
  assert.equal(even[0], 0);
  assert.equal(even[even.length - 1], n - 1);
  const random = randomSample(n, 1500, 1);
  assert.equal(new Set(random).size, 1500);
  assert.ok(random.every((v, i) => i === 0 || v > random[i - 1]));
  const reservoir = reservoirSample(n, 1000, 1);
  assert.equal(reservoir.length, 1000);
  assert.equal(reservoir[reservoir.length - 1], n - 1);
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = new Float64Array(n);
  y[5_000] = 7;
  const picked = lttb(x, y, 1000);
  assert.equal(picked.length, 1000);
  assert.equal(picked[0], 0);
  assert.equal(picked[999], n - 1);
  assert.ok(picked.includes(5_000), 'LTTB keeps a lone spike in its bucket');
});

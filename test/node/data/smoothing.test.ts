import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ema,
  gaussian,
  isActiveSmoothing,
  runningAverage,
  smooth,
  timeWeightedEma,
} from '../../../src/data/smoothing.js';

function close(actual: ArrayLike<number>, expected: number[], eps = 1e-9): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i])) assert.ok(Number.isNaN(actual[i]), `index ${i}: expected NaN, got ${actual[i]}`);
    else assert.ok(Math.abs(actual[i] - expected[i]) <= eps, `index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('ema (TensorBoard)', () => {
  it('matches values worked out by hand', () => {
    // w = 0.5: last = 0.5, 1.25, 2.125, (NaN skipped), 3.0625; debias = 0.5, 0.75, 0.875, 0.9375.
    close(ema([1, 2, 3, NaN, 4], 0.5), [1, 1.25 / 0.75, 2.125 / 0.875, NaN, 3.0625 / 0.9375]);
  });
  it('passes non-finite values through without updating the accumulator', () => {
    const r = ema([2, Infinity, 4, -Infinity], 0.9);
    assert.equal(r[1], Infinity);
    assert.equal(r[3], -Infinity);
    // After the Inf, 4 is the second accumulated value: (0.9·0.2 + 0.1·4)/(1 − 0.81).
    close([r[2]], [(0.9 * 0.2 + 0.1 * 4) / (1 - 0.81)]);
  });
  it('is the identity at weight 0 and for a constant series', () => {
    close(ema([3, 1, 4, 1, 5], 0), [3, 1, 4, 1, 5]);
    assert.deepEqual([...ema([0.1, 0.1, 0.1], 0.99)], [0.1, 0.1, 0.1]);
  });
  it('starts at the first value (debiased) and lags behind a step', () => {
    const r = ema([0, 0, 0, 10, 10, 10], 0.6);
    assert.equal(r[0], 0);
    assert.ok(r[3] > 0 && r[3] < 10 && r[5] > r[3]);
  });
});

describe('twema', () => {
  it('equals ema on evenly spaced x', () => {
    const y = [5, 3, 8, 2, 7, 1];
    const x = y.map((_, i) => i * 10);
    close(timeWeightedEma(x, y, 0.7), [...ema(y, 0.7)]);
  });
  it('forgets more across a long gap', () => {
    const y = [0, 0, 0, 0, 10];
    const even = timeWeightedEma([0, 1, 2, 3, 4], y, 0.8);
    const gap = timeWeightedEma([0, 1, 2, 3, 40], y, 0.8);
    assert.ok(gap[4] > even[4], `${gap[4]} > ${even[4]}`);
  });
  it('follows the documented formula on uneven x', () => {
    // x = 0, 1, 3: mean spacing 1.5, so the gaps count 2/3 and 4/3; w = 0.5.
    const a1 = 0.5 ** (2 / 3);
    const a2 = 0.5 ** (4 / 3);
    const den2 = (1 * a1 + 1) * a2 + 1;
    close(timeWeightedEma([0, 1, 3], [4, 0, 10], 0.5), [4, (4 * a1) / (a1 + 1), (4 * a1 * a2 + 10) / den2]);
  });
  it('is the identity at weight 0', () => {
    close(timeWeightedEma([0, 1, 5], [1, 2, 3], 0), [1, 2, 3]);
  });
});

describe('running average', () => {
  it('averages a centred window truncated at the ends', () => {
    close(runningAverage([1, 2, 3, 4, 5], 1), [1.5, 2, 3, 4, 4.5]);
  });
  it('skips non-finite neighbours and passes them through', () => {
    close(runningAverage([1, NaN, 3, 5], 1), [1, NaN, 4, 4]);
  });
});

describe('gaussian', () => {
  it('keeps a constant and a straight line (away from the ends) unchanged', () => {
    close(gaussian([2, 2, 2, 2, 2, 2], 1.5), [2, 2, 2, 2, 2, 2]);
    const line = Array.from({ length: 30 }, (_, i) => 3 * i + 1);
    const r = gaussian(line, 2);
    for (let i = 6; i < 24; i++) assert.ok(Math.abs(r[i] - line[i]) < 1e-9);
  });
  it('spreads an impulse symmetrically and keeps its mass', () => {
    const y = new Array(41).fill(0);
    y[20] = 1;
    const r = gaussian(y, 3);
    assert.ok(Math.abs(r[17] - r[23]) < 1e-15);
    assert.ok(r[20] < 1 && r[20] > r[21]);
    const mass = r.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(mass - 1) < 0.02, `mass ${mass}`);
  });
  it('passes NaN through', () => {
    assert.ok(Number.isNaN(gaussian([1, NaN, 1], 1)[1]));
    assert.ok(Number.isNaN(gaussian([1, NaN, 1, 2, 3], 20)[1]));
  });
  it('stays close to the exact kernel when σ is large (box filters)', () => {
    const n = 2000;
    const y = Array.from({ length: n }, (_, i) => Math.sin(i / 60) + (i % 97 === 0 ? 3 : 0) + (i === 500 ? NaN : 0));
    const sigma = 12;
    const fast = gaussian(y, sigma);
    // The exact kernel, computed here directly.
    const r = Math.ceil(3 * sigma);
    for (let i = 0; i < n; i += 7) {
      if (Number.isNaN(y[i])) continue;
      let num = 0;
      let den = 0;
      for (let j = Math.max(0, i - r); j <= Math.min(n - 1, i + r); j++) {
        if (!Number.isFinite(y[j])) continue;
        const k = Math.exp(-((j - i) ** 2) / (2 * sigma * sigma));
        num += k * y[j];
        den += k;
      }
      assert.ok(Math.abs(fast[i] - num / den) < 0.08, `index ${i}: ${fast[i]} vs ${num / den}`);
    }
    close(gaussian(new Array(500).fill(4), 30), new Array(500).fill(4));
  });
});

describe('smooth / isActiveSmoothing', () => {
  it('dispatches by kind', () => {
    close(smooth([0, 1, 2], [1, 2, 3], { kind: 'ema', weight: 0.5 }), [...ema([1, 2, 3], 0.5)]);
    close(smooth([0, 1, 2], [1, 2, 3], { kind: 'none', weight: 0.5 }), [1, 2, 3]);
  });
  it('treats none, zero weights and unknown kinds as inactive', () => {
    assert.equal(isActiveSmoothing(undefined), false);
    assert.equal(isActiveSmoothing({ kind: 'none', weight: 0.9 }), false);
    assert.equal(isActiveSmoothing({ kind: 'ema', weight: 0 }), false);
    assert.equal(isActiveSmoothing({ kind: 'bogus' as 'ema', weight: 0.5 }), false);
    assert.equal(isActiveSmoothing({ kind: 'average', weight: 0.2 }), false);
    assert.equal(isActiveSmoothing({ kind: 'ema', weight: 0.6 }), true);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource, lazyMetric, type MetricColumns } from '../../../src/data/memory-source.js';
import type { RunInfo } from '../../../src/data/source.js';
import { MinMaxIndex } from '../../../src/data/minmax-index.js';
import { downsample } from '../../../src/data/downsample.js';
import { until } from '../../support/until.js';

const INFO = { id: 'r', name: 'r', state: 'finished' } as RunInfo;

function columns(k: number, n = 5000): MetricColumns {
  const step = Float64Array.from({ length: n }, (_, i) => i);
  const value = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50 + k) + (i % 997 === 0 ? 9 : 0));
  const time = Float64Array.from({ length: n }, (_, i) => 1e12 + 1000 * i);
  return { step, value, time };
}

describe('MemorySource min/max indexes', () => {
  it('are built with the source for columns handed over, by the first query for a lazy metric', async () => {
    const built: number[] = [];
    const extend = Object.getOwnPropertyDescriptor(MinMaxIndex.prototype, 'extend')!;
    MinMaxIndex.prototype.extend = function (this: MinMaxIndex, y: Float64Array) {
      built.push(y.length);
      extend.value.call(this, y);
    };
    try {
      const eager = new MemorySource({ info: INFO, metrics: [0, 1].map((k) => ({ key: `m${k}`, ...columns(k) })) });
      // the index code loads with the first big series: the indexes are built once it is there
      await until(() => built.length >= 2, 'the indexes built with the source');
      assert.deepEqual(built, [5000, 5000], 'one index per metric while the data loads');
      await eager.getSeries({ runIds: ['r'], keys: ['m1'], x: 'step', points: 100 });
      assert.deepEqual(built, [5000, 5000, 5000], 'the first query extends it by nothing');
      built.length = 0;
      const lazy = new MemorySource({
        info: INFO,
        metrics: [0, 1].map((k) => lazyMetric(`m${k}`, 'history', () => columns(k))),
      });
      assert.deepEqual(built, []);
      await lazy.getSeries({ runIds: ['r'], keys: ['m1'], x: 'step', points: 100 });
      assert.deepEqual(built, [5000]);
      await lazy.getSeries({ runIds: ['r'], keys: ['m1'], x: 'step', points: 100, range: [10, 4000] });
      assert.deepEqual(built, [5000]);
    } finally {
      Object.defineProperty(MinMaxIndex.prototype, 'extend', extend);
    }
  });
});

describe('MemorySource: series drawn whole', () => {
  it('answers a series of at most 4 points per pixel column without an index, and M4 with one', async () => {
    const built: number[] = [];
    const extend = Object.getOwnPropertyDescriptor(MinMaxIndex.prototype, 'extend')!;
    MinMaxIndex.prototype.extend = function (this: MinMaxIndex, y: Float64Array) {
      built.push(y.length);
      extend.value.call(this, y);
    };
    try {
      const small = columns(0, 400);
      (small.value as Float64Array)[7] = NaN;
      const source = new MemorySource({ info: INFO, metrics: [{ key: 'm', ...small }] });
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(built, [], 'no index with the source for a small series');
      for (const q of [
        { points: 100 },
        { points: 1000, range: [10, 300] as [number, number] },
        { points: 10, range: [10, 40] as [number, number] },
      ]) {
        const [s] = await source.getSeries({ runIds: ['r'], keys: ['m'], x: 'step', ...q });
        const expected = downsample(small.step as Float64Array, small.value as Float64Array, q);
        assert.deepEqual([...s.x], [...expected.x]);
        assert.deepEqual([...s.y], [...expected.y]);
        assert.deepEqual([s.total, s.exact, s.nonFinite], [expected.total, expected.exact, expected.nonFinite]);
      }
      assert.deepEqual(built, [], 'drawn whole, no index is built');
      const [m4] = await source.getSeries({ runIds: ['r'], keys: ['m'], x: 'step', points: 50 });
      const expected = downsample(small.step as Float64Array, small.value as Float64Array, { points: 50 });
      assert.equal(m4.exact, false);
      assert.deepEqual([...m4.x], [...expected.x]);
      assert.deepEqual([...m4.y], [...expected.y]);
      assert.deepEqual(built, [400], 'the first query that needs M4 builds the index');
      await source.getSeries({ runIds: ['r'], keys: ['m'], x: 'step', points: 20 });
      assert.deepEqual(built, [400], 'later ones use it as it is');
    } finally {
      Object.defineProperty(MinMaxIndex.prototype, 'extend', extend);
    }
  });

  it('smooths a small series without an index, and a big one with M4 over the smoothed values', async () => {
    const big = columns(1, 20_000);
    const source = new MemorySource({
      info: INFO,
      metrics: [
        { key: 'm', ...columns(0, 300) },
        { key: 'b', ...big },
      ],
    });
    const smoothing = { kind: 'ema', weight: 0.9 } as const;
    const [small] = await source.getSeries({ runIds: ['r'], keys: ['m'], x: 'step', points: 100, smoothing });
    assert.equal(small.smoothed, true);
    assert.equal(small.exact, true);
    assert.equal(small.x.length, 300);
    const [m4] = await source.getSeries({ runIds: ['r'], keys: ['b'], x: 'step', points: 100, smoothing });
    assert.equal(m4.smoothed, true);
    assert.equal(m4.exact, false);
    assert.ok(m4.x.length <= 4 * 100 + 2);
    assert.deepEqual(
      [...m4.original!.x],
      [...downsample(big.step as Float64Array, big.value as Float64Array, { points: 100 }).x],
    );
  });
});

describe('MemorySource over lazy metrics', () => {
  it('loads a metric only when it is first asked for, once, with the answers of eager columns', async () => {
    const loads: number[] = [];
    const lazy = new MemorySource({
      info: INFO,
      metrics: [0, 1, 2].map((k) =>
        lazyMetric(`m${k}`, 'history', () => {
          loads.push(k);
          return columns(k);
        }),
      ),
    });
    const eager = new MemorySource({ info: INFO, metrics: [0, 1, 2].map((k) => ({ key: `m${k}`, ...columns(k) })) });
    assert.deepEqual(loads, []);
    const q = { runIds: ['r'], keys: ['m1'], x: 'step', points: 100, range: [1000, 3000] as [number, number] };
    assert.deepEqual(await lazy.getSeries(q), await eager.getSeries(q));
    assert.deepEqual(loads, [1]);
    const wall = { ...q, x: 'relative' as const, range: undefined };
    assert.deepEqual(await lazy.getSeries(wall), await eager.getSeries(wall));
    assert.deepEqual(loads, [1, 0, 2], 'relative time starts at the earliest time of any metric');
    assert.deepEqual(await lazy.listMetrics('r'), await eager.listMetrics('r'));
    assert.deepEqual(loads, [1, 0, 2]);
  });

  it('adds a lazy metric’s warnings to the run when it is loaded', async () => {
    const source = new MemorySource({
      info: INFO,
      metrics: [
        lazyMetric('short', undefined, () => ({ step: [0, 1, 2, NaN], value: [1, 2, 3] })),
        lazyMetric('system/gpu', undefined, () => ({ step: [0], value: [1] })),
      ],
    });
    assert.equal((await source.getRun('r')).warnings, undefined);
    const metrics = await source.listMetrics('r');
    assert.deepEqual(
      metrics.map((m) => [m.key, m.group, m.count]),
      [
        ['short', 'history', 3],
        ['system/gpu', 'system', 1],
      ],
    );
    assert.deepEqual((await source.getRun('r')).warnings, [
      'Metric short: columns have different lengths (4, 3); kept the first 3 points',
    ]);
  });

  it('fails the request when loading throws, and tries again on the next one', async () => {
    let fail = true;
    const source = new MemorySource({
      info: INFO,
      metrics: [
        lazyMetric('m', 'history', () => {
          if (fail) throw new Error('the cache file is gone');
          return columns(0, 10);
        }),
      ],
    });
    const q = { runIds: ['r'], keys: ['m'], x: 'step' };
    await assert.rejects(source.getSeries(q), /the cache file is gone/);
    fail = false;
    const [s] = await source.getSeries(q);
    assert.equal(s.total, 10);
  });

  it('takes live points after its loaded columns', async () => {
    const source = new MemorySource({
      info: { ...INFO, state: 'running' },
      metrics: [lazyMetric('m', 'history', () => columns(0, 10))],
    });
    source.append('r', { points: [{ key: 'm', step: 10, time: 1e12 + 10_000, value: 42 }] });
    const [s] = await source.getSeries({ runIds: ['r'], keys: ['m'], x: 'step' });
    assert.equal(s.total, 11);
    assert.equal(s.y[10], 42);
  });
});

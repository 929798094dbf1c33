import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource, lazyMetric, type MetricColumns } from '../../../src/data/memory-source.js';
import type { RunInfo } from '../../../src/data/source.js';
import { MinMaxIndex } from '../../../src/data/minmax-index.js';

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

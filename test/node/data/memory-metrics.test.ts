import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricStore } from '../../../src/data/memory-metrics.js';
import { LiveMetricStore, MemorySource } from '../../../src/data/memory-source.js';
import { downsample } from '../../../src/data/downsample.js';
import { sortByX } from '../../../src/data/x-order.js';

const ignore = () => undefined;

describe('MetricStore: evenly spaced steps', () => {
  it('tells the step axis is evenly spaced when every step sits on x0 + i · dx', () => {
    const store = new MetricStore({ key: 'm', step: [10, 15, 20, 25], value: [1, 2, 3, 4] }, 0, ignore);
    assert.deepEqual(store.columns('step', undefined, sortByX)!.even, { x0: 10, dx: 5 });
  });

  it('does not for uneven, unsorted or non-finite steps, nor for other axes', () => {
    for (const step of [
      [0, 1, 3],
      [0, 2, 1],
      [0, NaN, 2],
      [0, 1, Infinity],
    ]) {
      const store = new MetricStore({ key: 'm', step, value: [1, 2, 3] }, 0, ignore);
      assert.equal(store.columns('step', undefined, sortByX)!.even, undefined, String(step));
    }
    const timed = new MetricStore({ key: 'm', step: [0, 1, 2], value: [1, 2, 3], time: [0, 1000, 2000] }, 0, ignore);
    assert.equal(timed.columns('wallclock', undefined, sortByX)!.even, undefined);
  });

  it('follows appended points: on the grid it stays, off it it goes', () => {
    const store = new LiveMetricStore({ key: 'm', step: [0], value: [1] }, 0, ignore);
    assert.deepEqual(store.columns('step', undefined, sortByX)!.even, { x0: 0, dx: 0 });
    store.append({ key: 'm', step: 2, value: 5, time: 2 });
    store.append({ key: 'm', step: 4, value: 6, time: 4 });
    assert.deepEqual(store.columns('step', undefined, sortByX)!.even, { x0: 0, dx: 2 });
    store.append({ key: 'm', step: 7, value: 7, time: 7 });
    assert.equal(store.columns('step', undefined, sortByX)!.even, undefined);
    store.append({ key: 'm', step: 8, value: 7, time: 8 });
    assert.equal(store.columns('step', undefined, sortByX)!.even, undefined);
  });
});

describe('MetricStore: the sort is needed only by x that go back', () => {
  it('answers columns in order without it, and none for steps that go back until it is given', () => {
    const sorted = new MetricStore({ key: 'm', step: [0, 1, 2], value: [1, 2, 3], time: [5, 6, 7] }, 0, ignore);
    assert.deepEqual(Array.from(sorted.columns('step', undefined, undefined)!.x), [0, 1, 2]);
    assert.deepEqual(Array.from(sorted.columns('wallclock', undefined, undefined)!.x), [5, 6, 7]);
    const back = new MetricStore({ key: 'm', step: [0, 2, 1], value: [1, 2, 3] }, 0, ignore);
    assert.equal(back.columns('step', undefined, undefined), undefined);
    const columns = back.columns('step', undefined, sortByX)!;
    assert.deepEqual(Array.from(columns.x), [0, 1, 2]);
    assert.deepEqual(Array.from(columns.y), [1, 3, 2]);
    assert.equal(columns.nonMonotonic, true);
  });

  it('a MemorySource answers steps that go back sorted', async () => {
    const source = new MemorySource({
      info: { id: 'a', state: 'finished' },
      metrics: [{ key: 'm', step: [0, 1, 2, 1, 2, 3], value: [0, 1, 2, 10, 20, 30] }],
    });
    const [s] = await source.getSeries({ runIds: ['a'], keys: ['m'], x: 'step' });
    assert.deepEqual(Array.from(s!.x), [0, 1, 1, 2, 2, 3]);
    assert.deepEqual(Array.from(s!.y), [0, 1, 10, 2, 20, 30]);
    assert.equal(s!.nonMonotonic, true);
  });
});

describe('MemorySource: series over evenly spaced steps', () => {
  it('answers what M4 over the columns read as they are gives', async () => {
    const n = 50_000;
    const step = Float64Array.from({ length: n }, (_, i) => 3 + i * 2);
    const value = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 300) + (i % 977 === 0 ? 10 : 0));
    value[12_345] = NaN;
    const source = new MemorySource({
      info: { id: 'a', state: 'finished' },
      metrics: [{ key: 'm', step, value }],
    });
    for (const range of [undefined, [1000, 60_000], [50_000.5, 50_100.5]] as ([number, number] | undefined)[]) {
      const [s] = await source.getSeries({ runIds: ['a'], keys: ['m'], x: 'step', points: 300, range });
      const expected = downsample(step, value, { points: 300, range });
      assert.deepEqual([...s.x], [...expected.x], `x of ${range}`);
      assert.deepEqual([...s.y], [...expected.y]);
      assert.deepEqual([s.total, s.exact, s.nonFinite], [expected.total, expected.exact, expected.nonFinite]);
    }
  });
});

describe('MetricStore: columns of other types', () => {
  it('reads BigInt64Array steps, Int32Array values and numeric strings as numbers, junk as NaN', () => {
    const store = new MetricStore(
      {
        key: 'm',
        step: new BigInt64Array([1n, 2n, 3n]) as unknown as ArrayLike<number>,
        value: new Int32Array([4, 5, 6]),
        time: ['7', ' ', 'x'] as unknown as ArrayLike<number>,
      },
      0,
      ignore,
    );
    const step = store.columns('step', undefined, undefined)!;
    assert.deepEqual([...step.x], [1, 2, 3]);
    assert.deepEqual([...step.y], [4, 5, 6]);
    assert.deepEqual([...store.columns('wallclock', undefined, sortByX)!.x], [7]);
  });
});

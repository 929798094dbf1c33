import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource } from '../../../../src/data/memory-source.js';
import type { RunEvent } from '../../../../src/data/source.js';
import { lazyImport } from '../../../../src/internal/lazy-import.js';
import { ChartSource, chartLiveCode } from '../../../../src/elements/system-panel/chart-source.js';

// The live code of a chart's source loads with the first live event. These tests run before
// anything in this process has loaded it, in this order.

const START = Date.UTC(2026, 0, 1);

function gaugeRun(): MemorySource {
  return new MemorySource({
    info: { id: 'r', state: 'running', startedAt: START },
    metrics: [{ key: 'system.gpu.0.gpu', group: 'system', step: [0], value: [1], time: [START] }],
  });
}

const gauge = [{ alias: 'GPU 0', key: 'system.gpu.0.gpu', scale: 1, divisor: 1 }];

function values(events: RunEvent[]): number[] {
  return events.flatMap((e) => (e.type === 'metrics' ? e.points.map((p) => p.value) : []));
}

const push = (mem: MemorySource, step: number, value: number) =>
  mem.append('r', { points: [{ key: 'system.gpu.0.gpu', step, time: START + step * 15_000, value }] });

/** A macrotask: every promise of a load that is settled has run its callbacks. */
const settled = () => new Promise((r) => setTimeout(r, 0));

test('a live code that cannot load keeps the events; the next event loads it again and hands all on in order', async () => {
  const realLoad = chartLiveCode.load;
  const warn = console.warn;
  let tries = 0;
  chartLiveCode.load = lazyImport<typeof import('../../../../src/elements/system-panel/chart-live.js')>(() => {
    tries++;
    return Promise.reject(new Error('chunk gone'));
  }).load;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  const mem = gaugeRun();
  const chart = new ChartSource(mem, gauge);
  const events: RunEvent[] = [];
  const stop = chart.watch('r', (e) => events.push(e));
  try {
    push(mem, 1, 7);
    await settled();
    assert.equal(tries, 1);
    assert.equal(warnings.length, 1);
    assert.deepEqual(values(events), []);
  } finally {
    chartLiveCode.load = realLoad;
    console.warn = warn;
  }
  push(mem, 2, 8);
  await chartLiveCode.load();
  await settled();
  assert.deepEqual(values(events), [7, 8]);
  assert.deepEqual(
    events.flatMap((e) => (e.type === 'metrics' ? e.points.map((p) => p.step) : [])),
    [1, 2],
  );
  stop();
});

test('once the live code is in, events are handed on at once; none after stop', async () => {
  const mem = gaugeRun();
  const chart = new ChartSource(mem, gauge);
  const events: RunEvent[] = [];
  const stop = chart.watch('r', (e) => events.push(e));
  push(mem, 1, 3);
  push(mem, 2, 4);
  assert.deepEqual(values(events), [3, 4]);
  stop();
  push(mem, 3, 5);
  await settled();
  assert.deepEqual(values(events), [3, 4]);
});

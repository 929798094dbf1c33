import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSourceError } from '../../../../src/data/errors.js';
import { LazyModule } from '../../../../src/data/source.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import type { RunEvent } from '../../../../src/data/source.js';
import { ChartSource, chartLiveCode } from '../../../../src/elements/system-panel/chart-source.js';

const START = Date.UTC(2026, 0, 1);

function run(n: number, counter: (i: number) => number, gauge: (i: number) => number): MemorySource {
  const steps = Array.from({ length: n }, (_, i) => i);
  const time = steps.map((i) => START + i * 15_000);
  return new MemorySource({
    info: { id: 'r', state: 'running', startedAt: START },
    metrics: [
      { key: 'system.network.sent', group: 'system', step: steps, value: steps.map(counter), time },
      { key: 'system.gpu.0.gpu', group: 'system', step: steps, value: steps.map(gauge), time },
    ],
  });
}

const lines = [
  { alias: 'sent', key: 'system.network.sent', scale: 1, divisor: 1024, derive: 'rate' as const },
  { alias: 'GPU 0', key: 'system.gpu.0.gpu', scale: 1, divisor: 1 },
];

test('rate lines are derived on raw points, then downsampled with M4 (a one-sample burst survives)', async () => {
  const n = 20_000;
  // 15 KB per 15 s, except one sample that sends 15 MB
  const source = run(
    n,
    (i) => i * 15 * 1024 + (i >= 12_345 ? 15 * 1024 ** 2 : 0),
    () => 50,
  );
  const chart = new ChartSource(source, lines);
  const [s] = await chart.getSeries({ runIds: ['r'], keys: ['sent'], x: 'relative', points: 200 });
  assert.equal(s.key, 'sent');
  assert.equal(s.exact, false);
  assert.equal(s.total, n - 1);
  assert.ok(s.x.length <= 5 * 200 + 2);
  const max = Math.max(...s.y);
  // KB/s: 1 KB/s normally, (15 MB + 15 KB) / 15 s at the burst
  assert.equal(max, (15 * 1024 ** 2 + 15 * 1024) / 15 / 1024);
  assert.equal(Math.min(...s.y), 1);
  const stats = (await chart.stats('r', 'relative', undefined)).get('sent')!;
  assert.equal(stats.max, max);
  assert.equal(stats.count, n - 1);
});

test('zooming in reaches the raw rate points; counters stay available for the tooltip', async () => {
  const chart = new ChartSource(
    run(
      100,
      (i) => i * 1024 * 15,
      (i) => i,
    ),
    lines,
  );
  const [s] = await chart.getSeries({ runIds: ['r'], keys: ['sent'], x: 'relative', range: [150, 300], points: 800 });
  assert.equal(s.exact, true);
  // one neighbour outside each end, like every source
  assert.deepEqual(
    Array.from(s.x),
    Array.from({ length: 13 }, (_, i) => 135 + 15 * i),
  );
  const counter = chart.counters('r', 'relative').get('sent')!;
  assert.equal(counter.y[10], 10 * 15 * 1024);
  const stats = await chart.stats('r', 'relative', [150, 300]);
  assert.deepEqual(stats.get('GPU 0'), { min: 10, mean: 15, max: 20, last: 20, count: 11 });
});

test('a counter reset (resumed run) gives no negative rate', async () => {
  const chart = new ChartSource(
    run(
      10,
      (i) => (i < 5 ? i * 1500 : (i - 5) * 1500),
      () => 1,
    ),
    [{ alias: 'sent', key: 'system.network.sent', scale: 1, divisor: 1, derive: 'rate' }],
  );
  const [s] = await chart.getSeries({ runIds: ['r'], keys: ['sent'], x: 'wallclock' });
  assert.ok(Array.from(s.y).every((v) => v >= 0));
  assert.deepEqual(Array.from(s.y), [100, 100, 100, 100, 0, 100, 100, 100, 100]);
});

test('gauges are converted to the drawn unit; unknown lines are not-found', async () => {
  const chart = new ChartSource(
    run(
      3,
      () => 0,
      (i) => i * 1024,
    ),
    [{ alias: 'GPU 0', key: 'system.gpu.0.gpu', scale: 2, divisor: 1024 }],
  );
  const [s] = await chart.getSeries({ runIds: ['r'], keys: ['GPU 0'], x: 'relative' });
  assert.deepEqual(Array.from(s.y), [0, 2, 4]);
  await assert.rejects(chart.getSeries({ runIds: ['r'], keys: ['nope'], x: 'relative' }), { code: 'not-found' });
  const noSeries = new ChartSource({ getRun: source().getRun }, lines);
  await assert.rejects(noSeries.getSeries({ runIds: ['r'], keys: ['sent'], x: 'relative' }), { code: 'unsupported' });
});

function source(): MemorySource {
  return run(
    3,
    () => 0,
    () => 0,
  );
}

test('live points: gauges renamed and converted, counters as rates since the fetched data, cache dropped', async () => {
  await chartLiveCode.load(); // loaded with the first live event (chart-live.test.ts)
  const mem = run(
    3,
    (i) => i * 1024,
    (i) => i,
  );
  const chart = new ChartSource(mem, lines);
  const events: RunEvent[] = [];
  const stop = chart.watch('r', (e) => events.push(e));
  const before = await chart.stats('r', 'relative', undefined);
  assert.equal(before.get('GPU 0')!.last, 2);
  mem.append('r', {
    points: [
      { key: 'system.gpu.0.gpu', step: 3, time: START + 45_000, value: 7 },
      { key: 'system.network.sent', step: 3, time: START + 45_000, value: 9999 },
      { key: 'train/loss', step: 3, time: START + 45_000, value: 1 },
    ],
  });
  stop();
  const metrics = events.filter((e) => e.type === 'metrics');
  assert.equal(metrics.length, 1);
  const points = metrics[0].type === 'metrics' ? metrics[0].points : [];
  assert.deepEqual(points[0], { key: 'GPU 0', step: 3, time: START + 45_000, value: 7 });
  // the fetch on the relative axis (run start + x seconds) gave the counter's last raw point: 2048 at 30 s
  assert.deepEqual(points[1], { key: 'sent', step: 3, time: START + 45_000, value: (9999 - 2048) / 15 / 1024 });
  assert.equal(points.length, 2);
  const after = await chart.stats('r', 'relative', undefined);
  assert.equal(after.get('GPU 0')!.last, 7);
  assert.equal(after.get('sent')!.last, (9999 - 2048) / 15 / 1024);
});

test('live counters: without a previous point the chart is told to fetch again; resets and gaps as in rateOf', async () => {
  await chartLiveCode.load(); // loaded with the first live event (chart-live.test.ts)
  const mem = run(
    3,
    (i) => i * 1000,
    () => 1,
  );
  const chart = new ChartSource(mem, [
    { alias: 'sent', key: 'system.network.sent', scale: 1, divisor: 1, derive: 'rate' },
  ]);
  const got: number[] = [];
  const times: number[] = [];
  const stop = chart.watch('r', (e) => {
    if (e.type === 'metrics') for (const p of e.points) (got.push(p.value), times.push(p.time));
  });
  const at = (s: number) => START + s * 1000;
  const push = (s: number, value: number) =>
    mem.append('r', { points: [{ key: 'system.network.sent', step: s, time: at(s), value }] });
  push(45, 3000); // nothing fetched yet: no previous point
  push(55, 4000); // 100 per second
  push(65, NaN); // a gap
  push(75, 6000); // 100 per second since the last finite point
  push(85, 500); // reset: 500 since the restart
  stop();
  assert.ok(Number.isNaN(times[0]));
  assert.deepEqual(got.slice(1, 2), [100]);
  assert.ok(Number.isNaN(got[2]));
  assert.deepEqual(got.slice(3), [100, 50]);
  assert.ok(times.slice(1).every((t) => Number.isFinite(t)));
});

test('a wall-clock fetch seeds the live rate too', async () => {
  await chartLiveCode.load(); // loaded with the first live event (chart-live.test.ts)
  const mem = run(
    3,
    (i) => i * 1500,
    () => 1,
  );
  const chart = new ChartSource(mem, [
    { alias: 'sent', key: 'system.network.sent', scale: 1, divisor: 1, derive: 'rate' },
  ]);
  await chart.getSeries({ runIds: ['r'], keys: ['sent'], x: 'wallclock' });
  const got: number[] = [];
  const stop = chart.watch('r', (e) => {
    if (e.type === 'metrics') for (const p of e.points) got.push(p.value);
  });
  mem.append('r', { points: [{ key: 'system.network.sent', step: 3, time: START + 45_000, value: 4500 }] });
  stop();
  assert.deepEqual(got, [100]);
});

test('bad queries and failing sources reject with SourceErrors', async () => {
  const chart = new ChartSource(source(), lines);
  await assert.rejects(chart.getSeries(null as never), { name: 'SourceError', code: 'invalid-data' });
  await assert.rejects(chart.getSeries({ runIds: ['r'], keys: 'sent' as never, x: 'relative' }), {
    code: 'invalid-data',
  });
  const failing = new ChartSource(
    {
      getRun: () => Promise.reject(new Error('down')),
      getSeries: () => Promise.reject(new TypeError('boom')),
    },
    lines,
  );
  await assert.rejects(failing.getSeries({ runIds: ['r'], keys: ['sent'], x: 'relative' }), {
    name: 'SourceError',
    code: 'unavailable',
    message: 'boom',
  });
  await assert.rejects(failing.stats('r', 'relative', undefined), { name: 'SourceError' });
  const aborted = AbortSignal.abort();
  await assert.rejects(chart.getSeries({ runIds: ['r'], keys: ['sent'], x: 'relative' }, { signal: aborted }), {
    code: 'aborted',
  });
});

/** A ChartSource whose M4 module is this test's: counted, and failing while `fail` is set. */
class CountedM4 extends ChartSource {
  loads = 0;
  fail = false;
  protected override readonly m4 = new LazyModule(async () => {
    this.loads++;
    if (this.fail) throw new TypeError('Failed to fetch dynamically imported module: memory-m4.js');
    return import('../../../../src/data/memory-m4.js');
  });
}

test('M4 loads with the first line too long to draw whole; a failed load is retryable', async () => {
  const chart = new CountedM4(
    run(
      2_000,
      (i) => i * 1024,
      (i) => i % 7,
    ),
    lines,
  );
  const whole = await chart.getSeries({ runIds: ['r'], keys: ['GPU 0'], x: 'step', points: 800 });
  assert.equal(whole[0].exact, true);
  assert.equal(chart.loads, 0, 'a line drawn whole needs no M4');

  chart.fail = true;
  await assert.rejects(chart.getSeries({ runIds: ['r'], keys: ['GPU 0'], x: 'step', points: 100 }), (e) => {
    assert.ok(isSourceError(e));
    assert.equal(e.code, 'unavailable');
    assert.equal(e.retryable, true);
    return true;
  });
  chart.fail = false;
  const [s] = await chart.getSeries({ runIds: ['r'], keys: ['GPU 0'], x: 'step', points: 100 });
  assert.equal(chart.loads, 2, 'the retry loads again');
  assert.equal(s.exact, false);
  assert.equal(s.total, 2_000);
  assert.deepEqual([Math.min(...s.y), Math.max(...s.y)], [0, 6]);
});

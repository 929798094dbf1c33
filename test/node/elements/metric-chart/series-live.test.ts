import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Series } from '../../../../src/data/source.js';
import { listConverter, numberConverter } from '../../../../src/elements/metric-chart/attribute-converters.js';
import {
  colorOverride,
  plotLayout,
  smoothsHere,
  sortsHere,
  toChartSeries,
  xExtent,
} from '../../../../src/elements/metric-chart/chart-series.js';
import { appendLivePoints, continueSmoothing, liveX } from '../../../../src/elements/metric-chart/live-append.js';
import * as kernels from '../../../../src/data/smoothing.js';
import * as order from '../../../../src/data/x-order.js';

const f = (...v: number[]) => Float64Array.from(v);

function series(partial: Partial<Series>): Series {
  return {
    runId: 'r',
    key: 'loss',
    x: f(0, 1, 2),
    y: f(3, 1, 2),
    total: 3,
    exact: true,
    nonFinite: 0,
    smoothed: false,
    ...partial,
  };
}

test('toChartSeries keeps the source smoothing and its original line', () => {
  const [s] = toChartSeries([series({ smoothed: true, y: f(3, 2, 2), original: { x: f(0, 1, 2), y: f(3, 1, 2) } })], {
    kind: 'ema',
    weight: 0.5,
  });
  assert.deepEqual(Array.from(s.main.y), [3, 2, 2]);
  assert.deepEqual(Array.from(s.original!.y), [3, 1, 2]);
});

test('toChartSeries smooths here when the source did not', () => {
  const [s] = toChartSeries([series({ y: f(0, 10, 10) })], { kind: 'ema', weight: 0.5 }, kernels);
  // debiased EMA: 0, (0.5*0+0.5*10)/(1-0.25) = 6.667, ...
  assert.equal(s.main.y[0], 0);
  assert.ok(Math.abs(s.main.y[1] - 20 / 3) < 1e-12);
  assert.deepEqual(Array.from(s.original!.y), [0, 10, 10]);
});

test('smoothsHere: only with smoothing on and a series the source did not smooth', () => {
  const ema = { kind: 'ema', weight: 0.5 } as const;
  assert.equal(smoothsHere([series({ smoothed: true }), series({ smoothed: false })], ema), true);
  assert.equal(smoothsHere([series({ smoothed: true })], ema), false);
  assert.equal(smoothsHere([series({ smoothed: false })], undefined), false);
  assert.equal(smoothsHere([], ema), false);
});

test('toChartSeries sorts an unsorted answer and says x went backwards; skips malformed series', () => {
  const list = [series({ x: f(2, 0, 1), y: f(20, 0, 10) }), { runId: 'r', key: 'bad', x: [1, 2] } as unknown as Series];
  assert.equal(sortsHere(list, undefined), true, 'the sort is needed');
  const out = toChartSeries(list, undefined, undefined, order);
  assert.equal(out.length, 1);
  assert.deepEqual(Array.from(out[0].main.x), [0, 1, 2]);
  assert.equal(out[0].nonMonotonic, true);
});

test('sortsHere: only lines whose x go back need the sort, the original line too when it is drawn', () => {
  const ema = { kind: 'ema', weight: 0.5 } as const;
  const back = { x: f(0, 2, 1), y: f(0, 2, 1) };
  assert.equal(sortsHere([series({}), series({ key: 'acc' })], undefined), false);
  assert.equal(sortsHere([series({ x: f(0, NaN, 2) })], undefined), true, 'non-finite x are dropped by the sort');
  assert.equal(sortsHere([series({ smoothed: true, original: back })], ema), true);
  assert.equal(sortsHere([series({ smoothed: true, original: back })], undefined), false, 'not drawn');
  assert.equal(sortsHere([{ runId: 'r', key: 'bad', x: [1, 0] } as unknown as Series], undefined), false);
  // an answer in order is drawn without the sort's code
  const [s] = toChartSeries([series({})], undefined);
  assert.equal(s.nonMonotonic, false);
});

test('plotLayout puts the band and the faint original under each line', () => {
  const [smoothed, raw] = toChartSeries(
    [series({ smoothed: true, original: { x: f(0, 1, 2), y: f(1, 2, 3) } }), series({ key: 'acc', exact: false })],
    { kind: 'ema', weight: 0.6 },
    kernels,
  );
  raw.original = undefined;
  assert.deepEqual(
    plotLayout([smoothed, raw], true, true).map((p) => `${p.chart}:${p.role}`),
    ['-1:main', '0:band', '0:original', '0:main', '1:band', '1:main'],
  );
  assert.deepEqual(
    plotLayout([smoothed, raw], false, false).map((p) => `${p.chart}:${p.role}`),
    ['-1:main', '0:main', '1:main'],
  );
});

test('colorOverride matches by index or by run/metric, metric, run', () => {
  const [s] = toChartSeries([series({})], undefined);
  assert.equal(colorOverride(['#123456'], s, 0), '#123456');
  assert.equal(colorOverride({ 'r/loss': 'red', loss: 'blue' }, s, 0), 'red');
  assert.equal(colorOverride({ loss: 'blue' }, s, 0), 'blue');
  assert.equal(colorOverride({ r: 'green' }, s, 0), 'green');
  assert.equal(colorOverride({ other: 'green' }, s, 0), undefined);
  assert.equal(colorOverride(undefined, s, 0), undefined);
});

test('xExtent skips x ≤ 0 on a log axis', () => {
  const out = toChartSeries([series({ x: f(0, 5, 9) })], undefined);
  assert.deepEqual(xExtent(out, false), [0, 9]);
  assert.deepEqual(xExtent(out, true), [5, 9]);
});

test('liveX places points on each axis', () => {
  const p = { key: 'loss', step: 7, time: 61_000, value: 1, runtime: 42 };
  assert.equal(liveX('step', p, 1000), 7);
  assert.equal(liveX('wallclock', p, 1000), 61_000);
  assert.equal(liveX('relative', p, 1000), 60);
  assert.equal(liveX('process', p, 1000), 42);
  assert.equal(liveX('process', { ...p, runtime: undefined }, 1000), 60);
  assert.ok(Number.isNaN(liveX('relative', p, undefined)));
  assert.ok(Number.isNaN(liveX('metric', p, 0)));
});

test('continueSmoothing continues the EMA and passes gaps through', () => {
  assert.equal(continueSmoothing(1, 3, { kind: 'ema', weight: 0.5 }), 2);
  assert.equal(continueSmoothing(1, 3, { kind: 'average', weight: 5 }), 3);
  assert.ok(Number.isNaN(continueSmoothing(1, NaN, { kind: 'ema', weight: 0.5 })));
});

test('appendLivePoints appends in place and asks for a refetch when x goes back', () => {
  const out = toChartSeries([series({})], undefined);
  const start = () => 0;
  let r = appendLivePoints(
    out,
    [
      {
        runId: 'r',
        points: [
          { key: 'loss', step: 3, time: 0, value: NaN },
          { key: 'other', step: 4, time: 0, value: 1 },
        ],
      },
    ],
    'step',
    start,
    undefined,
  );
  assert.deepEqual(r, { changed: true, refetch: false });
  assert.equal(out[0].main.length, 4);
  assert.equal(out[0].total, 4);
  assert.equal(out[0].nonFinite, 1);
  r = appendLivePoints(
    out,
    [{ runId: 'r', points: [{ key: 'loss', step: 1, time: 0, value: 1 }] }],
    'step',
    start,
    undefined,
  );
  assert.deepEqual(r, { changed: false, refetch: true });
  assert.equal(out[0].nonMonotonic, true);
});

test('attribute converters read lists and numbers, warning on bad values', () => {
  const warn = console.warn;
  const seen: string[] = [];
  console.warn = (m: string) => seen.push(m);
  try {
    const list = listConverter('x-el', /[\s,]+/)('a, b  c');
    assert.deepEqual(list, ['a', 'b', 'c']);
    assert.deepEqual(listConverter('x-el', /,/)('["a,b", "c"]'), ['a,b', 'c']);
    assert.deepEqual(listConverter('x-el', /,/)('[oops'), ['[oops']);
    const num = numberConverter('x-el');
    assert.equal(num('1e3'), 1000);
    assert.equal(num(''), undefined);
    assert.equal(num('NaN'), undefined);
    assert.equal(seen.length, 2);
  } finally {
    console.warn = warn;
  }
});

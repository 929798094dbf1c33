/**
 * `seriesAsIs` takes a getSeries answer that needs no reading as it is, without the metric readers:
 * it must give exactly what the readers give for it, and leave every answer they would repair to them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriesAsIs } from '../../../src/data/read/series-as-is.js';
import { readSeries } from '../../../src/data/read/metrics.js';
import { Repairs } from '../../../src/data/read/repairs.js';
import type { SeriesQuery } from '../../../src/data/source.js';

const q: SeriesQuery = { runIds: ['r'], keys: ['loss'], x: 'step' };
const good = () => ({
  runId: 'r',
  key: 'loss',
  x: new Float64Array([0, 1, 2]),
  y: new Float64Array([1, NaN, Infinity]),
  total: 3,
  exact: true,
  nonFinite: 2,
  smoothed: false,
});

/** What the readers make of `answer`, and whether they repaired anything. */
function read(answer: unknown[], query = q) {
  const r = new Repairs('getSeries');
  const out = answer.map((s) => readSeries(s, r, query)).filter((s) => s !== undefined);
  return { out, repaired: !r.empty };
}

test('an answer that fits is taken as it is, the same series the readers give, columns not copied', () => {
  const answers: unknown[][] = [
    [good()],
    [good(), { ...good(), key: 'acc', nonMonotonic: true }],
    [{ runId: 'r', key: 'loss', x: new Float64Array(), y: new Float64Array() }],
    [{ ...good(), extra: 'left out' }],
    [],
  ];
  for (const answer of answers) {
    const quick = seriesAsIs(answer, q);
    const { out, repaired } = read(answer);
    assert.equal(repaired, false);
    assert.deepEqual(quick, out);
    quick!.forEach((s, i) => assert.equal(s.x, (answer[i] as { x: unknown }).x, 'x is not copied'));
  }
});

test('an answer the readers repair or read with care is left to them', () => {
  const cases: [string, unknown[], SeriesQuery?][] = [
    ['array columns', [{ ...good(), x: [0, 1, 2] }]],
    ['columns of different lengths', [{ ...good(), y: new Float64Array(2) }]],
    ['a non-finite x', [{ ...good(), x: new Float64Array([0, NaN, 2]) }]],
    ['a numeric key', [{ ...good(), key: 7 }]],
    ['no run id', [{ ...good(), runId: undefined }]],
    ['a fractional total', [{ ...good(), total: 2.5 }]],
    ['a negative count', [{ ...good(), nonFinite: -1 }]],
    ['a string flag', [{ ...good(), exact: 'true' }]],
    ['a time column', [{ ...good(), time: new Float64Array(3) }]],
    ['an original', [{ ...good(), original: { x: new Float64Array(3), y: new Float64Array(3) } }]],
    ['a null item', [good(), null]],
    ['not a list', { 0: good() } as unknown as unknown[]],
    ['wall-clock x', [good()], { ...q, x: 'wallclock' }],
  ];
  for (const [what, answer, query] of cases) assert.equal(seriesAsIs(answer, query ?? q), undefined, what);
});

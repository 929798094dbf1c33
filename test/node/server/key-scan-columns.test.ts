/**
 * A key scan's columns placed by its segments (src/server/key-scan-columns.ts): the columns are the
 * parts joined in file order; the step order the segments place (a counting sort cut across them)
 * is `sortByX` of the joined columns; the listing facts are what a source finds reading the joined
 * columns itself; and where the steps do not allow it (not whole, spread wide, row-numbered) no
 * step order, or no facts, are given, and the source sorts as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortByX } from '../../../src/data/downsample.js';
import { MemorySource, type MemoryMetric } from '../../../src/data/memory-source.js';
import type { ScanPart, ScannedPoints } from '../../../src/formats/wandb/key-scan.js';
import { handedBack, layOut, partStats, placePart, type LaidKey } from '../../../src/server/key-scan-columns.js';

/**
 * A part of one key whose points are given as [step, value, time] rows, cut into pieces of `piece`
 * points (the times left out with `time: false`, as a scan for a step chart finds them).
 */
function partOf(
  rows: [number, number, number][],
  o: { piece?: number; rowIndexed?: number[]; historyRows?: number; time?: boolean } = {},
): ScanPart {
  const size = o.piece ?? 5;
  const pieces: ScannedPoints[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const slice = rows.slice(i, i + size);
    const piece: ScannedPoints = {
      step: Float64Array.from(slice.map((r) => r[0])),
      value: Float64Array.from(slice.map((r) => r[1])),
    };
    if (o.time !== false) piece.time = Float64Array.from(slice.map((r) => r[2]));
    pieces.push(piece);
  }
  return {
    keys: [{ key: 'loss', pieces, rowIndexed: Int32Array.from(o.rowIndexed ?? []) }],
    historyRows: o.historyRows ?? rows.length,
  };
}

/**
 * The key's columns placed by its parts as worker threads place them: each part places its points,
 * then hands back what its placement wants (a copy of the part's pieces, as a transfer leaves the
 * worker none). `time`: the plan of a chart against time (then the parts copy their columns).
 */
function place(parts: ScanPart[], o: { shared?: boolean; time?: boolean } = {}): LaidKey {
  const plan = { keys: ['loss'], time: o.time ?? false, runtime: false };
  const laid = layOut(parts.map(partStats), plan, o.shared ? (bytes) => new SharedArrayBuffer(bytes) : undefined);
  parts.forEach((p, i) => {
    placePart(p, laid.parts[i]!);
    const back = handedBack(p, laid.parts[i]!);
    if (back) laid.receive(i, structuredClone(back.part));
  });
  return laid.keys[0]!;
}

const joined = (parts: ScanPart[], col: 'step' | 'value' | 'time') =>
  parts.flatMap((p) => p.keys[0]!.pieces.flatMap((piece) => (piece[col] ? [...piece[col]] : [])));

/** The metric's listing and a step chart, read by a source from the metric as given. */
async function seen(m: MemoryMetric) {
  const source = new MemorySource({ info: { id: 'r', state: 'finished' }, metrics: [m] });
  const info = await source.listMetrics('r');
  const series = await source.getSeries({ runIds: ['r'], keys: ['loss'], x: 'step', points: 40 });
  const full = await source.getSeries({ runIds: ['r'], keys: ['loss'], x: 'step' });
  const warnings = (await source.getRun('r')).warnings ?? [];
  return { info, series, full, warnings };
}

async function assertSeenAsJoined(laid: LaidKey, parts: ScanPart[]) {
  const plain: MemoryMetric = {
    key: 'loss',
    group: 'history',
    step: Float64Array.from(joined(parts, 'step')),
    value: Float64Array.from(joined(parts, 'value')),
  };
  const times = joined(parts, 'time');
  if (times.length > 0) plain.time = Float64Array.from(times);
  const columns = laid.columns();
  const given: MemoryMetric = { key: 'loss', group: 'history', step: columns.step, value: columns.value };
  if (columns.time) given.time = columns.time;
  if (laid.facts) given.facts = laid.facts;
  assert.deepEqual(await seen(given), await seen(plain));
}

/** Steps that go round and round (a run resumed again and again), some not finite, cut in three parts. */
function cyclingParts(o: { time?: boolean } = {}): ScanPart[] {
  const rows: [number, number, number][] = [];
  for (let i = 0; i < 300; i++) {
    const step = i % 37 === 5 ? NaN : i % 23 === 7 ? Infinity : (i * 7) % 50;
    rows.push([step, i % 31 === 0 ? NaN : Math.sin(i), i % 13 === 0 ? NaN : 1_700_000_000_000 + ((i * 11) % 300)]);
  }
  return [
    partOf(rows.slice(0, 40), o),
    partOf(rows.slice(40, 41), o),
    partOf([], o),
    partOf(rows.slice(41), { ...o, piece: 64 }),
  ];
}

test('the parts place their columns joined in file order, in plain and shared memory', () => {
  for (const time of [true, false]) {
    const parts = cyclingParts({ time });
    for (const shared of [false, true]) {
      const laid = place(parts, { shared, time });
      const columns = laid.columns();
      assert.deepEqual([...columns.step], joined(parts, 'step'));
      assert.deepEqual([...columns.value], joined(parts, 'value'));
      assert.deepEqual(columns.time ? [...columns.time] : [], joined(parts, 'time'));
      // against time the parts copy their columns; against steps they place only the step order,
      // the columns joined from the pieces they handed back
      assert.equal(columns.step.buffer instanceof SharedArrayBuffer, shared && time);
      assert.equal(laid.facts?.byStep?.().x.buffer instanceof SharedArrayBuffer, shared && !time);
    }
  }
});

test('steps that go back are placed in step order: sortByX of the joined columns', async () => {
  const parts = cyclingParts({ time: false });
  const laid = place(parts);
  const byStep = laid.facts?.byStep?.();
  assert.ok(byStep, 'whole steps over a narrow range are counted and placed by the parts');
  const want = sortByX(joined(parts, 'step'), joined(parts, 'value'));
  assert.deepEqual([...byStep.x], [...want.x]);
  assert.deepEqual([...byStep.y], [...want.y]);
  assert.equal(byStep.nonMonotonic, true);
  const bad = joined(parts, 'step').filter((s) => !Number.isFinite(s)).length;
  assert.ok(bad > 0);
  assert.equal(laid.facts!.badSteps, bad);
  await assertSeenAsJoined(laid, parts);
});

test('steps in order, all finite: the columns are their own step order', async () => {
  const rows = (from: number, n: number) =>
    Array.from({ length: n }, (_, i): [number, number, number] => [from + 3 * i, i / 7, 1_700_000_000_000 + i]);
  // a step repeated where two parts meet still counts as in order
  const parts = [partOf(rows(0, 30)), partOf(rows(87, 20)), partOf(rows(144, 9))];
  const laid = place(parts, { time: true });
  const byStep = laid.facts?.byStep?.();
  assert.ok(byStep);
  assert.equal(byStep.x, laid.columns().step);
  assert.equal(byStep.y, laid.columns().value);
  assert.equal(byStep.nonMonotonic, false);
  await assertSeenAsJoined(laid, parts);
  // going back across the parts' seam: sorted
  const back = [partOf(rows(0, 30), { time: false }), partOf(rows(50, 20), { time: false })];
  const laidBack = place(back);
  assert.equal(laidBack.facts?.byStep?.().nonMonotonic, true);
  await assertSeenAsJoined(laidBack, back);
});

test('steps the parts cannot count leave the sort to the source; row-numbered points leave it the facts too', async () => {
  const fractional = [
    partOf([
      [2.5, 1, 0],
      [1, 2, 0],
      [0.5, 3, 0],
    ]),
    partOf([[0, 4, 0]]),
  ];
  const wide = [
    partOf([
      [1e9, 1, 0],
      [0, 2, 0],
    ]),
    partOf([[5e8, 3, 0]]),
  ];
  // a part whose own steps spread too wide to count, though the whole key's would not
  const sparse = [
    partOf([
      [0, 1, 0],
      [4000, 2, 0],
    ]),
    partOf(Array.from({ length: 2000 }, (_, i) => [i % 900, i, 0])),
  ];
  const timeless = (parts: ScanPart[]) =>
    parts.map((p) => ({
      ...p,
      keys: p.keys.map((k) => ({ ...k, pieces: k.pieces.map(({ step, value }) => ({ step, value })) })),
    }));
  for (const parts of [fractional, wide, sparse].map(timeless)) {
    const laid = place(parts);
    assert.ok(laid.facts, 'the facts are given');
    assert.equal(laid.facts.byStep, undefined, 'no step order');
    await assertSeenAsJoined(laid, parts);
  }
  // rows without a step are numbered by their row among all the parts' rows: their steps change as the parts meet
  const rowIndexed = [
    partOf(
      [
        [0, 1, 0],
        [1, 2, 0],
      ],
      { rowIndexed: [1], historyRows: 5 },
    ),
    partOf(
      [
        [0, 3, 0],
        [9, 4, 0],
      ],
      { rowIndexed: [0] },
    ),
  ];
  const laid = place(rowIndexed, { time: true });
  assert.equal(laid.facts, undefined);
  assert.deepEqual([...laid.columns().step], [0, 1, 5, 9]);
});

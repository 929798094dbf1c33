import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GrowingColumns, RowAxis } from '../../../../src/formats/wandb/growing-columns.js';

interface Point {
  step: number;
  value: number;
  time: number;
  runtime: number;
}

function columnsOf(c: GrowingColumns): Point[] {
  c.sync();
  const { step, value, time, runtime } = c.out;
  assert.equal(value.length, step.length);
  assert.equal(time.length, step.length);
  assert.equal(runtime.length, step.length);
  return Array.from(step, (s, i) => ({ step: s, value: value[i]!, time: time[i]!, runtime: runtime[i]! }));
}

/** Rows of a few metrics, some skipping rows, one logged twice in a row, one also logged off the axis. */
test('columns on a shared row axis hold the points pushed, however metrics skip, repeat or leave rows', () => {
  const axis = new RowAxis();
  const other = new RowAxis();
  const names = ['every', 'late', 'gappy', 'twice', 'mixed', 'switch'];
  const cols = new Map(names.map((k) => [k, new GrowingColumns(k, 'history')]));
  const want = new Map<string, Point[]>(names.map((k) => [k, []]));
  const snapshots: { name: string; points: Point[]; out: Float64Array[] }[] = [];
  const put = (name: string, row: RowAxis, value: number) => {
    const r = row.n - 1;
    const d = row.data;
    want.get(name)!.push({ step: d[r]!, value, time: d[row.cap + r]!, runtime: d[2 * row.cap + r]! });
    cols.get(name)!.pushInRow(row, value);
  };
  for (let r = 0; r < 3000; r++) {
    axis.add(r * 2, r % 7 === 0 ? NaN : 1e12 + r, r / 10);
    put('every', axis, Math.sin(r));
    if (r >= 500) put('late', axis, r);
    if (r % 3 !== 0 || r > 2000) put('gappy', axis, -r);
    put('twice', axis, r);
    if (r === 1234) put('twice', axis, r + 0.5);
    if (r % 100 === 0) {
      const mixed = { step: r, value: 1, time: NaN, runtime: 0 };
      want.get('mixed')!.push(mixed);
      cols.get('mixed')!.push(mixed.step, mixed.value, mixed.time, mixed.runtime);
    } else put('mixed', axis, r);
    if (r % 10 === 0) {
      other.add(r, 5e11 + r, NaN);
      put('switch', r < 1500 ? axis : other, r);
    }
    if (r % 700 === 0)
      for (const [name, c] of cols) {
        c.sync();
        snapshots.push({ name, points: columnsOf(c), out: [c.out.step, c.out.value, c.out.time, c.out.runtime] });
      }
  }
  for (const [name, c] of cols) assert.deepEqual(columnsOf(c), want.get(name), name);
  // Views handed out earlier keep their points while the columns grow on.
  for (const s of snapshots) {
    const [step, value, time, runtime] = s.out;
    const points = Array.from(step!, (x, i) => ({
      step: x,
      value: value![i]!,
      time: time![i]!,
      runtime: runtime![i]!,
    }));
    assert.deepEqual(points, s.points, s.name);
  }
});

test('metrics logged in every row view one step buffer', () => {
  const axis = new RowAxis();
  const a = new GrowingColumns('a', 'history');
  const b = new GrowingColumns('b', 'history');
  for (let r = 0; r < 100; r++) {
    axis.add(r, NaN, NaN);
    a.pushInRow(axis, r);
    b.pushInRow(axis, -r);
  }
  a.sync();
  b.sync();
  assert.equal(a.out.step.buffer, b.out.step.buffer);
  assert.equal(a.out.step.byteOffset, b.out.step.byteOffset);
  assert.notEqual(a.out.value.buffer, b.out.value.buffer);
  assert.deepEqual(
    Array.from(b.out.value),
    Array.from({ length: 100 }, (_, r) => -r),
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type uPlot from 'uplot';
import { linePaths } from '../../../../src/elements/metric-chart/line-paths.js';
import { mulberry32 } from '../../../../src/data/random.js';

/** Records the path's commands instead of drawing them. */
class RecordedPath {
  readonly ops: { op: 'M' | 'L'; x: number; y: number }[] = [];
  moveTo(x: number, y: number): void {
    this.ops.push({ op: 'M', x, y });
  }
  lineTo(x: number, y: number): void {
    this.ops.push({ op: 'L', x, y });
  }
}

function draw(x: Float64Array, y: Float64Array, width: number): RecordedPath {
  const u = {
    scales: { x: { min: x[0], max: x[x.length - 1], distr: 1 }, y: { min: -10, max: 10, distr: 1 } },
    series: [{}, { scale: 'y', width: 1 }],
    bbox: { left: 0, top: 0, width, height: 200 },
  } as unknown as uPlot;
  const lines = linePaths({ column: () => ({ x, y }) });
  lines.paths(u, 1, 0, x.length - 1);
  const path = new RecordedPath();
  lines.vertices(1)!.trace(path);
  return path;
}

test('linePaths draws each crowded pixel column from its first point over [min, max] to its last', () => {
  const rnd = mulberry32(3);
  const n = 20_000;
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = Float64Array.from({ length: n }, () => (rnd() - 0.5) * 18);
  // columns whose last point is their minimum or maximum, and flat ones
  for (let i = 0; i + 40 < n; i += 400) {
    y[i + 39] = -9.5;
    y[i + 239] = 9.5;
  }
  y.fill(1, 1000, 1100);
  const width = 500;
  const path = draw(x, y, width);
  const k = width / (n - 1);
  const py = (v: number) => 200 - (v + 10) * 10;
  // the points of each pixel column, in order
  const columns = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = Math.round(i * k);
    if (!columns.has(c)) columns.set(c, []);
    columns.get(c)!.push(py(y[i]));
  }
  // the path's vertices in each column, in order
  const drawn = new Map<number, number[]>();
  for (const { x: vx, y: vy } of path.ops) {
    if (!drawn.has(vx)) drawn.set(vx, []);
    drawn.get(vx)!.push(vy);
  }
  let segments = 0;
  for (const [c, ys] of columns) {
    const vs = drawn.get(c)!;
    assert.ok(vs, `column ${c} drawn`);
    assert.equal(vs[0], ys[0], `column ${c} starts at its first point`);
    assert.equal(vs[vs.length - 1], ys[ys.length - 1], `column ${c} ends at its last point`);
    assert.equal(Math.min(...vs), Math.min(...ys), `column ${c} reaches its minimum`);
    assert.equal(Math.max(...vs), Math.max(...ys), `column ${c} reaches its maximum`);
    // at most first, min, max, last; one less when the last point is an extreme
    const extremeLast = ys[ys.length - 1] === Math.min(...ys) || ys[ys.length - 1] === Math.max(...ys);
    assert.ok(vs.length <= (extremeLast ? 3 : 4), `column ${c}: ${vs.length} vertices`);
    segments += vs.length;
  }
  assert.equal(path.ops.length, segments + 1, 'the column vertices, and the dot-sized stroke at the first point');
});

/**
 * M4 of any x range through MemorySource (its min/max index, its x-sorted columns) against a
 * brute force written from the definition in src/data/downsample.ts: random values with spikes,
 * ties, gaps (NaN, ±Infinity), repeated x and steps that go backwards, random ranges and widths.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunInfo } from '../../../src/data/source.js';
import { mulberry32 } from '../../../src/data/random.js';

/** Every point of a column by definition: first, min, max, last finite and the first gap, in x order. */
function bruteM4(
  x: number[],
  y: number[],
  range: [number, number] | undefined,
  points: number,
): { x: number[]; y: number[]; total: number; nonFinite: number; exact: boolean } {
  const inside: number[] = [];
  for (let i = 0; i < x.length; i++) if (!range || (x[i] >= range[0] && x[i] <= range[1])) inside.push(i);
  const finite = (v: number) => Number.isFinite(v);
  const nonFinite = inside.filter((i) => !finite(y[i])).length;
  const before = range && inside.length ? inside[0] - 1 : range ? x.findLastIndex((v) => v < range[0]) : -1;
  const afterAt = range ? (inside.length ? inside[inside.length - 1] + 1 : x.findIndex((v) => v > range[1])) : -1;
  const after = afterAt >= 0 && afterAt < x.length ? afterAt : -1;
  let picked: number[];
  if (inside.length <= 4 * points) {
    picked = inside;
  } else {
    const lo = range ? range[0] : x[inside[0]];
    const hi = range ? range[1] : x[inside[inside.length - 1]];
    const scale = points / (hi - lo);
    const columns = new Map<number, number[]>();
    for (const i of inside) {
      const c = Math.min(points - 1, Math.max(0, Math.floor((x[i] - lo) * scale)));
      if (!columns.has(c)) columns.set(c, []);
      columns.get(c)!.push(i);
    }
    const set = new Set<number>();
    for (const members of columns.values()) {
      const good = members.filter((i) => finite(y[i]));
      if (good.length) {
        let min = good[0];
        let max = good[0];
        for (const i of good) {
          if (y[i] < y[min]) min = i;
          if (y[i] > y[max]) max = i;
        }
        for (const i of [good[0], min, max, good[good.length - 1]]) set.add(i);
      }
      const gap = members.find((i) => !finite(y[i]));
      if (gap !== undefined) set.add(gap);
    }
    picked = [...set].sort((a, b) => a - b);
  }
  const all = [...(before >= 0 ? [before] : []), ...picked, ...(after >= 0 ? [after] : [])];
  const exact = picked.length === inside.length;
  return { x: all.map((i) => x[i]), y: all.map((i) => y[i]), total: inside.length, nonFinite, exact };
}

function values(n: number, rnd: () => number): number[] {
  const y: number[] = [];
  let v = 0;
  for (let i = 0; i < n; i++) {
    v += rnd() - 0.5;
    const r = rnd();
    if (r < 0.003) y.push(v + (rnd() < 0.5 ? -1 : 1) * 1e3);
    else if (r < 0.01) y.push(NaN);
    else if (r < 0.012) y.push(rnd() < 0.5 ? Infinity : -Infinity);
    else if (r < 0.05) y.push(Math.round(v));
    else if (r < 0.06) y.push(-0);
    else y.push(v);
  }
  // a flat stretch (every leaf all ties) and a stretch with no finite value
  if (n > 4000) {
    y.fill(3, 1000, 1700);
    y.fill(NaN, 2500, 3300);
  }
  return y;
}

/** Stable sort by x, as a MemorySource keeps non-monotonic steps. */
function sortedByX(steps: number[], y: number[]): { x: number[]; y: number[] } {
  const order = steps.map((_, i) => i).sort((a, b) => steps[a] - steps[b]);
  return { x: order.map((i) => steps[i]), y: order.map((i) => y[i]) };
}

describe('range M4 through the min/max index', () => {
  for (const kind of ['monotonic', 'repeated steps', 'steps that go back'] as const) {
    it(`equals a brute force over random ranges and widths (${kind})`, async () => {
      const rnd = mulberry32(kind.length * 7919);
      const n = 60_000;
      const steps: number[] = [];
      for (let i = 0; i < n; i++) {
        if (kind === 'monotonic') steps.push(i);
        else if (kind === 'repeated steps') steps.push(Math.floor(i / (1 + Math.floor(rnd() * 3))) + i);
        else steps.push(i < n / 2 ? i : i - n / 3);
      }
      if (kind === 'repeated steps') steps.sort((a, b) => a - b);
      const y = values(n, rnd);
      const source = new MemorySource({
        info: { id: 'r', name: 'r', state: 'finished' } as RunInfo,
        metrics: [{ key: 'm', step: steps, value: y }],
      });
      const sorted = sortedByX(steps, y);
      const last = sorted.x[n - 1];
      for (let t = 0; t < 80; t++) {
        const points = 1 + Math.floor(rnd() ** 2 * 1500);
        const lo = Math.floor(rnd() * last);
        // whole and fractional ends, some on a leaf boundary (multiples of 16 and 128)
        const hi = t % 4 === 0 ? lo + 128 * Math.floor(rnd() * 200) : lo + rnd() ** 2 * (last - lo);
        const range: [number, number] | undefined = t % 9 === 0 ? undefined : [lo, hi];
        const [got] = await source.getSeries({ runIds: ['r'], keys: ['m'], x: 'step', points, range });
        const want = bruteM4(sorted.x, sorted.y, range, points);
        const at = `points=${points} range=${range?.join('–')}`;
        assert.deepEqual([...got.x], want.x, at);
        assert.deepEqual([...got.y], want.y, at);
        assert.equal(got.total, want.total, at);
        assert.equal(got.nonFinite, want.nonFinite, at);
        assert.equal(got.exact, want.exact, at);
      }
    });
  }
});

/**
 * One x column for series whose x differ: the sorted union of their x, and each series' y placed on
 * it. Loaded with the first answer whose series do not all share one x (most charts draw one
 * series, or several logged at the same steps). It imports no module of the chart's first paint,
 * which would then be split out of the page's entry.
 */
import type { Aligned, XY } from './chart-data.js';

/**
 * Typed arrays kept from one alignment to the next, so that aligning again (every zoom) writes into
 * memory it has rather than allocating ~2 MB of fresh columns: on a busy page a fresh allocation
 * of that size cost 10–40× the walk that fills it. Whatever an alignment into these returned is
 * overwritten by the next one into the same buffers.
 */
export class AlignBuffers {
  private readonly floats = new Map<string, Float64Array>();
  private readonly flags = new Map<string, Uint8Array>();

  /** `n` doubles under `key` (contents undefined). */
  float(key: string, n: number): Float64Array {
    let a = this.floats.get(key);
    if (!a || a.length < n) this.floats.set(key, (a = new Float64Array(grown(a?.length ?? 0, n))));
    return a.length === n ? a : a.subarray(0, n);
  }

  /** `n` bytes under `key` (contents undefined). */
  flag(key: string, n: number): Uint8Array {
    let a = this.flags.get(key);
    if (!a || a.length < n) this.flags.set(key, (a = new Uint8Array(grown(a?.length ?? 0, n))));
    return a.length === n ? a : a.subarray(0, n);
  }
}

/** A capacity of at least `n`, with room to grow by half again. */
function grown(had: number, n: number): number {
  return Math.max(n, Math.ceil(had * 1.5));
}

/** Fresh arrays each time (no buffers given). */
const FRESH = {
  float: (_key: string, n: number) => new Float64Array(n),
  flag: (_key: string, n: number) => new Uint8Array(n),
};

/**
 * Writes the sorted union of two sorted columns into `out` from `at`, each value as often as the
 * column that repeats it most (a value in both is written once per pair); returns how many.
 */
function unionOfTwo(a: Float64Array, b: Float64Array, out: Float64Array, at: number): number {
  let p = 0;
  let q = 0;
  let n = at;
  const na = a.length;
  const nb = b.length;
  // without branches on the values: which side moves is data, not a jump the CPU has to guess
  while (p < na && q < nb) {
    const u = a[p];
    const v = b[q];
    out[n++] = u <= v ? u : v;
    p += +(u <= v);
    q += +(v <= u);
  }
  while (p < na) out[n++] = a[p++];
  while (q < nb) out[n++] = b[q++];
  return n - at;
}

/**
 * The union of two or more sorted columns by merging them in pairs, level by level: O(n log k)
 * for k columns of n values in all. Each level is written into one of two scratch buffers, the
 * last one into the `x` buffer.
 */
function unionOf(xs: readonly Float64Array[], buffers: Pick<AlignBuffers, 'float'>): Float64Array {
  let level = xs.slice();
  let scratch = 0;
  while (level.length > 1) {
    let capacity = 0;
    for (const a of level) capacity += a.length;
    const out = buffers.float(level.length <= 2 ? 'x' : `union${scratch}`, capacity);
    const next: Float64Array[] = [];
    let at = 0;
    for (let i = 0; i < level.length; i += 2) {
      let n: number;
      if (i + 1 < level.length) n = unionOfTwo(level[i], level[i + 1], out, at);
      else {
        out.set(level[i], at);
        n = level[i].length;
      }
      next.push(out.subarray(at, at + n));
      at += n;
    }
    level = next;
    scratch ^= 1;
  }
  return level[0];
}

/**
 * Writes each point of one column (`cx`, `cy`) into `y` at its row of the union `x`, clearing its
 * `miss` flag: every x of the column is in the union, in order, so one forward walk places them.
 */
function placeColumn(x: Float64Array, cx: Float64Array, cy: Float64Array, y: Float64Array, miss: Uint8Array): void {
  const m = cx.length;
  let i = 0;
  for (let p = 0; p < m; p++) {
    const v = cx[p];
    while (x[i] < v) i++;
    y[i] = cy[p];
    miss[i++] = 0;
  }
}

/**
 * One x column for inputs (each sorted by x) whose x differ: the x values merged, keeping repeated x
 * values as often as the input that repeats them most, and each y column with NaN plus a `missing`
 * flag where its input has no point. With `buffers`, the merged columns are written into them (see
 * `AlignBuffers`).
 */
export function alignColumns(columns: readonly XY[], buffers?: AlignBuffers): Aligned {
  const { aligned, place } = mergeX(columns, buffers);
  place();
  return aligned;
}

/**
 * `alignColumns` in two steps: the merged x now, and the y columns (and their `missing` flags)
 * when `place` is called. Until then `aligned.ys` and `aligned.missing` are the columns they will
 * be written into, holding anything.
 */
export function mergeX(columns: readonly XY[], buffers?: AlignBuffers): { aligned: Aligned; place: () => void } {
  const into = buffers ?? FRESH;
  const x = unionOf(
    columns.map((c) => c.x),
    into,
  );
  const n = x.length;
  const ys = columns.map((_, j) => into.float(`y${j}`, n));
  const missing = columns.map((_, j) => into.flag(`missing${j}`, n));
  const place = (): void => {
    columns.forEach((c, j) => {
      ys[j].fill(NaN);
      missing[j].fill(1);
      placeColumn(x, c.x, c.y, ys[j], missing[j]);
    });
  };
  return { aligned: { x, ys, missing }, place };
}

/** The metric columns a `.wandb` run builder fills, one growing buffer per metric. */
import type { MetricGroup } from '../../data/source.js';
import type { MemoryMetric } from '../../data/memory-source.js';

/**
 * The columns of one metric; `time` / `runtime` hold NaN where a point has none. Each is a view
 * of the points added before `facts.metrics` was last read (read it again after adding more).
 * Metrics logged in the same rows may view one shared buffer for step, time and runtime: never
 * write into the columns.
 */
export interface MetricColumns extends MemoryMetric {
  group: MetricGroup;
  step: Float64Array;
  value: Float64Array;
  time: Float64Array;
  runtime: Float64Array;
}

const NO_POINTS = new Float64Array(0);

/** Small buffers grow fourfold (fewer made for the many short ones), large ones double. */
function grownCapacity(cap: number): number {
  return cap < 1024 ? 4 * cap : 2 * cap;
}

/**
 * The step, time and runtime of each row of one group (history rows, or system samples), stored
 * once per row: the columns of metrics logged in consecutive rows view these instead of holding
 * copies (a run logging three metrics a row writes half the bytes it would otherwise). Rows are
 * only added: a view once made keeps its values.
 */
export class RowAxis {
  /** Rows added; the last one is the row being read. */
  n = 0;
  /** Two rows fit 48 bytes, which V8 keeps on its heap (a builder makes two axes, often for few rows). */
  cap = 2;
  /** step, time and runtime, a third of it each. */
  data = new Float64Array(3 * 2);

  add(step: number, time: number, runtime: number): void {
    const i = this.n;
    let cap = this.cap;
    if (i === cap) {
      const grown = grownCapacity(cap);
      const next = new Float64Array(3 * grown);
      for (let c = 0; c < 3; c++) next.set(this.data.subarray(c * cap, (c + 1) * cap), c * grown);
      this.data = next;
      this.cap = cap = grown;
    }
    const d = this.data;
    d[i] = step;
    d[cap + i] = time;
    d[2 * cap + i] = runtime;
    this.n = i + 1;
  }
}

/**
 * One metric's columns as they grow (a push is a store, not an array growth step). While its
 * points lie in consecutive rows of one `RowAxis` (a metric logged in every row), it holds only
 * its values and views the axis for the rest; a point out of that sequence (a row skipped, a
 * second point in one row, another axis) copies what it viewed into its own buffer, where step,
 * value, time and runtime each take a quarter. `sync()` publishes the filled part as views in `out`.
 */
export class GrowingColumns {
  readonly out: MetricColumns;
  private n = 0;
  /** Two points fit a buffer of 64 bytes, which V8 keeps on its heap (cheap for a metric of a few points). */
  private cap = 2;
  /** Values only while on `axis`, else step, value, time and runtime. */
  private data = new Float64Array(2);
  /** The axis the points lie on, from its row `from` on (until `own`). */
  private axis: RowAxis | undefined;
  /** Whether `data` holds all four columns (from the first point off an axis on). */
  private own = false;
  private from = 0;
  /** The buffers `out` views. */
  private shown: Float64Array | undefined;
  private shownAxis: Float64Array | undefined;

  constructor(key: string, group: MetricGroup) {
    this.out = { key, group, step: NO_POINTS, value: NO_POINTS, time: NO_POINTS, runtime: NO_POINTS };
  }

  get key(): string {
    return this.out.key;
  }

  /** Adds a point of the last row of `axis` (its step, time and runtime). */
  pushInRow(axis: RowAxis, value: number): void {
    const i = this.n;
    const row = axis.n - 1;
    if (this.axis === axis && row === this.from + i) {
      if (i === this.cap) this.growValues();
      this.data[i] = value;
      this.n = i + 1;
      return;
    }
    if (i === 0 && !this.own) {
      this.axis = axis;
      this.from = row;
      this.data[0] = value;
      this.n = 1;
      return;
    }
    const cap = axis.cap;
    const d = axis.data;
    this.push(d[row]!, value, d[cap + row]!, d[2 * cap + row]!);
  }

  /** Adds a point with its own step, time and runtime. */
  push(step: number, value: number, time: number, runtime: number): void {
    if (!this.own) this.ownBuffer();
    const i = this.n;
    if (i === this.cap) this.grow();
    const cap = this.cap;
    const d = this.data;
    d[i] = step;
    d[cap + i] = value;
    d[2 * cap + i] = time;
    d[3 * cap + i] = runtime;
    this.n = i + 1;
  }

  sync(): void {
    const o = this.out;
    const { n, cap, data, axis } = this;
    if (axis !== undefined && !this.own) {
      if (this.shown === data && this.shownAxis === axis.data && o.step.length === n) return;
      const a = axis.data;
      const at = this.from;
      this.shown = data;
      this.shownAxis = a;
      o.step = a.subarray(at, at + n);
      o.value = data.subarray(0, n);
      o.time = a.subarray(axis.cap + at, axis.cap + at + n);
      o.runtime = a.subarray(2 * axis.cap + at, 2 * axis.cap + at + n);
      return;
    }
    if (this.shown === data && o.step.length === n) return;
    this.shown = data;
    this.shownAxis = undefined;
    o.step = data.subarray(0, n);
    o.value = data.subarray(cap, cap + n);
    o.time = data.subarray(2 * cap, 2 * cap + n);
    o.runtime = data.subarray(3 * cap, 3 * cap + n);
  }

  private growValues(): void {
    const grown = grownCapacity(this.cap);
    const next = new Float64Array(grown);
    next.set(this.data);
    this.data = next;
    this.cap = grown;
  }

  private grow(): void {
    const { cap, data } = this;
    const grown = grownCapacity(cap);
    const next = new Float64Array(4 * grown);
    for (let c = 0; c < 4; c++) next.set(data.subarray(c * cap, (c + 1) * cap), c * grown);
    this.data = next;
    this.cap = grown;
  }

  /** Moves to a buffer of all four columns, copying the points viewed on the axis (if any). */
  private ownBuffer(): void {
    const { n, from, axis, cap } = this;
    const next = new Float64Array(4 * cap);
    if (axis !== undefined && n > 0) {
      const a = axis.data;
      next.set(a.subarray(from, from + n), 0);
      next.set(this.data.subarray(0, n), cap);
      next.set(a.subarray(axis.cap + from, axis.cap + from + n), 2 * cap);
      next.set(a.subarray(2 * axis.cap + from, 2 * axis.cap + from + n), 3 * cap);
    }
    this.data = next;
    this.axis = undefined;
    this.own = true;
  }
}

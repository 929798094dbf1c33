/** The metric columns a `.wandb` run builder fills, one growing buffer per metric. */
import type { MetricGroup } from '../../data/source.js';
import type { MemoryMetric } from '../../data/memory-source.js';

/**
 * The columns of one metric; `time` / `runtime` hold NaN where a point has none. Each is a view
 * of the points added before `facts.metrics` was last read (read it again after adding more).
 */
export interface MetricColumns extends MemoryMetric {
  group: MetricGroup;
  step: Float64Array;
  value: Float64Array;
  time: Float64Array;
  runtime: Float64Array;
}

const NO_POINTS = new Float64Array(0);

/**
 * One metric's columns as they grow, in one typed buffer whose capacity doubles (a push is a
 * store, not an array growth step): step, value, time and runtime each take a quarter of it.
 * `sync()` publishes the filled part as views in `out`.
 */
export class GrowingColumns {
  readonly out: MetricColumns;
  private n = 0;
  /** Two points fit a buffer of 64 bytes, which V8 keeps on its heap (cheap for a metric of a few points). */
  private cap = 2;
  private data = new Float64Array(4 * 2);
  /** The buffer `out` views. */
  private shown: Float64Array | undefined;

  constructor(key: string, group: MetricGroup) {
    this.out = { key, group, step: NO_POINTS, value: NO_POINTS, time: NO_POINTS, runtime: NO_POINTS };
  }

  get key(): string {
    return this.out.key;
  }

  push(step: number, value: number, time: number, runtime: number): void {
    const i = this.n;
    const cap = this.cap;
    if (i === cap) {
      this.grow();
      return this.push(step, value, time, runtime);
    }
    const d = this.data;
    d[i] = step;
    d[cap + i] = value;
    d[2 * cap + i] = time;
    d[3 * cap + i] = runtime;
    this.n = i + 1;
  }

  sync(): void {
    const o = this.out;
    const { n, cap, data } = this;
    if (this.shown === data && o.step.length === n) return;
    this.shown = data;
    o.step = data.subarray(0, n);
    o.value = data.subarray(cap, cap + n);
    o.time = data.subarray(2 * cap, 2 * cap + n);
    o.runtime = data.subarray(3 * cap, 3 * cap + n);
  }

  private grow(): void {
    const { cap, data } = this;
    // Small columns grow fourfold: fewer buffers made for the many metrics of a few points.
    const grown = cap < 1024 ? 4 * cap : 2 * cap;
    const next = new Float64Array(4 * grown);
    for (let c = 0; c < 4; c++) next.set(data.subarray(c * cap, (c + 1) * cap), c * grown);
    this.data = next;
    this.cap = grown;
  }
}

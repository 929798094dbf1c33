/**
 * One metric against another metric's values as x (a chart whose x-axis is a metric), joined on
 * step: the in-memory source loads it with the first such query, with the sort it needs.
 */
import { SourceError } from './errors.js';
import { sortByX, type SortedColumns } from './x-order.js';
import type { MetricStore, XColumns } from './memory-metrics.js';

export { sortByX } from './x-order.js';

/** Columns in step order. */
interface ByStep {
  x: Float64Array;
  y: Float64Array;
}

/** `a`'s values against `b`'s as x at the steps both logged (`b`'s last value at a step), sorted by x. */
export function joinOnStep(a: ByStep, b: ByStep): SortedColumns {
  const xs = new Float64Array(a.x.length);
  const ys = new Float64Array(a.x.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < a.x.length; i++) {
    const s = a.x[i];
    while (j < b.x.length && b.x[j] < s) j++;
    let m = j;
    while (m + 1 < b.x.length && b.x[m + 1] === s) m++;
    if (m < b.x.length && b.x[m] === s) {
      xs[k] = b.y[m];
      ys[k++] = a.y[i];
    }
  }
  return sortByX(xs.subarray(0, k), ys.subarray(0, k));
}

/**
 * `store`'s metric against the values of the metric `x` of `metrics` as x, joined on step, cached by
 * `store` until either grows; not-found when the run has no metric `x`.
 */
export function joinedColumns(store: MetricStore, metrics: Map<string, MetricStore>, x: string): XColumns {
  const xMetric = metrics.get(x);
  if (!xMetric) throw new SourceError('not-found', `No metric ${JSON.stringify(x)} to use as the x-axis.`);
  return store.cached(`metric:${xMetric.key}:${xMetric.count}`, () =>
    joinOnStep(store.columns('step', undefined, sortByX)!, xMetric.columns('step', undefined, sortByX)!),
  )!;
}

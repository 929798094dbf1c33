/**
 * What a MemorySource loads with its first big series (memory-runs.ts): M4, the min/max index that
 * answers it fast, and the indexes of a metric's columns. A series that a chart draws whole needs
 * none of them.
 */
import type { MetricStore, XColumns } from './memory-metrics.js';
import { MinMaxIndex } from './minmax-index.js';

export { downsample, SharedColumns } from './downsample.js';
export { MinMaxIndex };

/**
 * The min/max index of `columns` (of `store`'s metric), built the first time M4 needs it; y in the
 * metric's value order shares its own index (`MetricStore.valueIndex`), which appends extend.
 */
export function indexOf(store: MetricStore, columns: XColumns): MinMaxIndex {
  if (columns.index) return columns.index;
  if (!columns.valueOrder) return (columns.index = new MinMaxIndex(columns.y));
  if (store.valueIndex) store.valueIndex.extend(columns.y);
  else store.valueIndex = new MinMaxIndex(columns.y);
  return (columns.index = store.valueIndex);
}

/** Builds the index of big metrics' value columns now (with the source), so a first chart pays only for its query. */
export function indexValues(stores: readonly MetricStore[]): void {
  for (const store of stores) {
    const values = store.values();
    if (values) store.valueIndex ??= new MinMaxIndex(values);
  }
}

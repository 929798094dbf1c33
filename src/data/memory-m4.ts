/**
 * What a MemorySource loads with its first big series (memory-runs.ts): M4, the min/max index that
 * answers it fast, and the indexes of a metric's columns. A series that a chart draws whole needs
 * none of them.
 */
import type { MetricStore, SmoothedY, XColumns } from './memory-metrics.js';
import { MinMaxIndex } from './minmax-index.js';
import { downsample, type DownsampleOptions, type Downsampled, type SharedColumns } from './downsample.js';

export { downsample, SharedColumns } from './downsample.js';
export { MinMaxIndex };

type Window = Pick<DownsampleOptions, 'range' | 'points'>;

/** M4 of a metric's columns (of `store`) with their index, the pixel columns `shared` by metrics logged at the same x. */
export function downsampleColumns(
  store: MetricStore,
  columns: XColumns,
  options: Window,
  shared: SharedColumns,
): Downsampled {
  return downsample(columns.x, columns.y, {
    ...options,
    columns: shared,
    index: indexOf(store, columns),
    even: columns.even,
  });
}

/** M4 of the columns' smoothed y, with the index of the smoothed y (built the first time). */
export function downsampleSmoothed(columns: XColumns, smoothed: SmoothedY, options: Window): Downsampled {
  return downsample(columns.x, smoothed.y, {
    ...options,
    index: (smoothed.index ??= new MinMaxIndex(smoothed.y)),
    even: columns.even,
  });
}

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

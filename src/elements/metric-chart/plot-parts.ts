/**
 * The plot's own parts that most first paints do not run, loaded on first use through `lazyImport`
 * like the element's parts in lazy-parts.ts. They are apart from those because plot-view.ts and
 * plot-options.ts wait for them, and the element's parts (the crosshair, live points) know the plot.
 */
import { lazyImport } from '../../internal/lazy-import.js';

/** The band around downsampled or smoothed lines (band-paths.ts): loaded with the first chart that draws one. */
export const bandCode = lazyImport(() => import('./band-paths.js'));

/** Merging the x of series that do not share one (x-union.ts): loaded with the first such answer. */
export const unionCode = lazyImport(() => import('./x-union.js'));

/** Dates on wall-clock axes (date-ticks.ts): loaded with the first points of a chart whose x is the time. */
export const dateCode = lazyImport(() => import('./date-ticks.js'));

/** The y view that ignores outliers (outlier-range.ts): loaded with the first chart that asks for it. */
export const outlierCode = lazyImport(() => import('./outlier-range.js'));

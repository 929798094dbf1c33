/**
 * The chart's parts that no first paint runs, loaded on first use through `lazyImport` (once per
 * page, again after a failure). Each must import no module that the first paint loads: such a
 * module would be split out of the page's entry into a chunk of its own (a bigger page).
 */
import { lazyImport } from '../../internal/lazy-import.js';

/** The crosshair: tooltip, values under the cursor, keyboard (see lazy-cursor.ts). */
export const cursorCode = lazyImport(() => import('./chart-cursor.js'));

/** Appending live points: a finished run sends none. */
export const liveCode = lazyImport(() => import('./live-append.js'));

/** Run values that legend templates name (`${config.lr}`): loaded with the run infos. */
export const runValuesCode = lazyImport(() => import('./run-values.js'));

/** The band's and the x merge's code, which the plot itself waits for, are in plot-parts.ts. */

/**
 * The readers a chart needs, as one module: metric lists and series, and live events (which read
 * metric points). One `import()` loads them together, so a bundler makes one file of them. The
 * readers of runs (`run.ts`: a `run` event needs them too, and loads them with it), logs, files,
 * artifacts, media and models stay in files of their own: a chart of a finished run asks none.
 */
export * from './metrics.js';
export * from './events.js';

/**
 * The readers a page of charts needs, as one module: runs and their listings, metric lists and
 * series, and live events (which read metrics and run patches). One `import()` loads them together,
 * so a bundler makes one file of them, not one per kind; the readers of logs, files, artifacts,
 * media and models stay in files of their own.
 */
export * from './run.js';
export * from './metrics.js';
export * from './events.js';

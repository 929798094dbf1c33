/**
 * Generated, realistic training runs for stories, demos, tests and benchmarks (the package's
 * `runpage/sample-run.js` entry). Everything is derived from a seed (mulberry32), so the same
 * options give the same run on every machine.
 */
export { generateSampleRun } from './sample-standard.js';
export type { SampleRunOptions } from './sample-standard.js';
export { generateLargeMetrics, generateLargeLogs, generateLargeFiles, generateLargeRun } from './sample-large.js';
export type { LargeMetricsOptions, LargeRunOptions } from './sample-large.js';
export { playLiveRun } from './sample-live.js';
export type { LiveRunOptions } from './sample-live.js';

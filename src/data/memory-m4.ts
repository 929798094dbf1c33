/**
 * What a MemorySource loads with its first big series (memory-runs.ts): M4 and the min/max index
 * that answers it fast. A series that a chart draws whole needs neither.
 */
export { downsample, SharedColumns } from './downsample.js';
export { MinMaxIndex } from './minmax-index.js';

/**
 * Entry for the Node-side benchmarks, run by bench/run.mjs as
 *   node --import tsx bench/node/main.ts <which> '<params json>' <out.json>
 * so each runs in a process of its own.
 */
import { writeFileSync } from 'node:fs';
import { runFidelity } from './fidelity.js';
import { runReaders } from './readers.js';
import { runServe } from './serve.js';
import { runServeBig } from './serve-big.js';
import { runServeListing } from './serve-listing.js';
import { runSoak } from './soak.js';

const [which, params, out] = process.argv.slice(2);
const p = JSON.parse(params || '{}');
const jobs: Record<string, () => unknown> = {
  fidelity: () => runFidelity(p),
  readers: () => runReaders(p),
  serve: () => runServe(p),
  'serve-big': () => runServeBig(p),
  'serve-listing': () => runServeListing(p),
  soak: () => runSoak(p),
};
const job = jobs[which];
if (!job) {
  console.error(`unknown benchmark ${which}`);
  process.exit(2);
}
const result = await job();
writeFileSync(out, JSON.stringify(result));

/**
 * A worker thread that scans one segment of a `.wandb` datastore for a few history keys
 * (key-scan-segment.ts) and posts what it found, its columns transferred, not copied.
 * Started by first-series.ts with a `SegmentJob` as `workerData`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanPart } from '../formats/wandb/key-scan.js';
import { scanSegment, type SegmentJob } from './key-scan-segment.js';

let part: ScanPart | undefined;
let error: string | undefined;
try {
  part = scanSegment(workerData as SegmentJob);
} catch (e) {
  error = e instanceof Error ? e.message : String(e);
}
const buffers = new Set<ArrayBuffer>();
for (const k of part?.keys ?? []) {
  buffers.add(k.rowIndexed.buffer as ArrayBuffer);
  for (const p of k.pieces)
    for (const a of [p.step, p.value, p.time, p.runtime]) if (a) buffers.add(a.buffer as ArrayBuffer);
}
parentPort?.postMessage({ part, error }, [...buffers]);

/**
 * A worker thread that scans one segment of a `.wandb` datastore for a few history keys
 * (key-scan-segment.ts): it posts what it found of each key (`partStats`), then places its points
 * where the main thread's answer says (`placePart`, into shared memory) and posts that it is done,
 * with the pieces the placement wants back (transferred, not copied).
 * Started by first-series.ts with a `SegmentJob` as `workerData`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanPart } from '../formats/wandb/key-scan.js';
import { handedBack, partStats, placePart, type PartPlacement } from './key-scan-columns.js';
import { scanSegment, type SegmentJob } from './key-scan-segment.js';

const failed = (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) });

let part: ScanPart | undefined;
try {
  part = scanSegment(workerData as SegmentJob);
  const stats = partStats(part);
  const counts = stats.keys.flatMap((k) => (k.counts ? [k.counts.buffer as ArrayBuffer] : []));
  parentPort?.postMessage({ stats }, counts);
} catch (e) {
  parentPort?.postMessage(failed(e));
}
if (part) {
  const found = part;
  parentPort?.once('message', (placement: PartPlacement) => {
    try {
      placePart(found, placement);
      const back = handedBack(found, placement);
      parentPort?.postMessage(back ? { part: back.part } : { placed: true }, back?.buffers ?? []);
    } catch (e) {
      parentPort?.postMessage(failed(e));
    }
  });
}

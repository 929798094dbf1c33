/**
 * Reads one segment of a `.wandb` datastore from disk through a key scan
 * (formats/wandb/key-scan.ts): in a worker thread (key-scan-worker.ts), or in place.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { KeyScan, type ScanPart, type ScanPlan } from '../formats/wandb/key-scan.js';
import { BLOCK_SIZE } from '../formats/wandb/framing.js';

export interface SegmentJob {
  path: string;
  plan: ScanPlan;
  /** Block-aligned offsets of the segment; the scan reads on past `end` to finish a record. */
  start: number;
  end: number;
  /** The file's size when the scan began: bytes past it are not read (the full read saw none either). */
  size: number;
}

/** Bytes read at once: whole blocks, as the full read's stream hands them over. */
const PIECE = 128 * BLOCK_SIZE;

export function scanSegment(job: SegmentJob): ScanPart {
  const scan = new KeyScan({ ...job.plan, start: job.start, end: job.end });
  const fd = openSync(job.path, 'r');
  try {
    const buf = new Uint8Array(PIECE);
    let pos = job.start;
    while (scan.wantsMore && pos < job.size) {
      const n = readSync(fd, buf, 0, Math.min(PIECE, job.size - pos), pos);
      if (n <= 0) break;
      scan.push(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return scan.finish();
}

/**
 * The listing of runs the server has not read yet, from what is cheap to read: for a W&B run the
 * head and tail of its datastore, config.yaml, wandb-summary.json, wandb-metadata.json and the
 * end of its debug logs (`peekWandbListing`), never its history. A 10 GB folder of runs lists in
 * about the time it takes to stat its files.
 *
 * Each run's entry is kept until the files it was read from change (size or mtime); a run that
 * was live is looked at again every time, since its state depends on the clock too.
 */
import { stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { RunRef } from '../data/source.js';
import { isLiveState } from '../data/source.js';
import { peekWandbListing } from '../formats/wandb/peek.js';
import type { RunLocation } from './discover.js';
import { createNodeFolder } from './node-folder.js';

export interface ListingCacheOptions {
  now: () => number;
  heartbeatThresholdMs: number;
}

/** The files of a W&B run folder whose changes change its listing. */
const WANDB_FILES = [
  '',
  'files',
  'files/wandb-summary.json',
  'files/config.yaml',
  'files/wandb-metadata.json',
  'files/output.log',
  'logs',
  'logs/debug.log',
  'logs/debug-internal.log',
];

/**
 * Bytes read at each end of a datastore: the run record is in its first block and the exit record
 * in its last (test/node/formats/wandb/real-runs.test.ts checks one block against full reads).
 * Every record read is decoded, so this is most of a listing's cost.
 */
const PEEK_BYTES = 32 * 1024;

export class ListingCache {
  private readonly entries = new Map<string, { stamp: string; ref: RunRef }>();

  constructor(private readonly o: ListingCacheOptions) {}

  /** Entries held (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The run's listing, or undefined when its format cannot be listed without reading it (or the
   * quick look failed): the caller then reads the run.
   */
  async ref(loc: RunLocation): Promise<RunRef | undefined> {
    if (loc.format !== 'wandb') return undefined;
    const dir = nodePath.join(loc.root, loc.path);
    const stamp = await wandbStamp(dir, loc.id);
    const held = this.entries.get(dir);
    if (held && held.stamp === stamp && !isLiveState(held.ref.state)) return { ...held.ref, id: loc.id };
    const ref = await peekWandbListing(createNodeFolder(dir), {
      folderName: nodePath.basename(dir),
      now: this.o.now(),
      heartbeatThresholdMs: this.o.heartbeatThresholdMs,
      projectHint: loc.project,
      peekBytes: PEEK_BYTES,
    });
    if (ref.error !== undefined) {
      this.entries.delete(dir);
      return undefined;
    }
    this.entries.set(dir, { stamp, ref });
    return { ...ref, id: loc.id };
  }
}

/** Sizes and mtimes of the files a W&B listing is read from (a missing file counts as missing). */
async function wandbStamp(dir: string, id: string): Promise<string> {
  const paths = [...WANDB_FILES, `run-${id.replace(/-\d+$/, '')}.wandb`];
  const parts = await Promise.all(
    paths.map((p) =>
      stat(nodePath.join(dir, p)).then(
        (s) => `${s.size}:${s.mtimeMs}`,
        () => '-',
      ),
    ),
  );
  return parts.join(',');
}

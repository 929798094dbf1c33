/**
 * The listing of runs the server has not read yet, from what is cheap to read: for a W&B run the
 * head and tail of its datastore, config.yaml, wandb-summary.json, wandb-metadata.json and the
 * end of its debug logs (`peekWandbListingChecked`), never its history. A 10 GB folder of runs
 * lists in about the time it takes to stat its files. A run whose quick look may differ from a
 * full read (cut short, or with its summary only in its datastore) is left to a full read.
 *
 * Each run's entry is kept until the files it was read from change (size or mtime); a run that
 * was live is looked at again every time, since its state depends on the clock too. With a
 * `store` (listing-store.ts) entries are also kept on disk, so a restarted server lists from them.
 */
import { stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { RunRef } from '../data/source.js';
import { isLiveState } from '../data/source.js';
import { peekWandbListingChecked } from '../formats/wandb/peek.js';
import type { RunLocation } from './discover.js';
import { startKey, type StartKey } from './listing-start.js';
import type { ListingStore, StoredListing } from './listing-store.js';
import { createNodeFolder } from './node-folder.js';

export interface ListingCacheOptions {
  now: () => number;
  heartbeatThresholdMs: number;
  /** Keeps listings on disk across restarts; absent: in memory only. */
  store?: ListingStore;
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
  /** Listings by run folder, per searched folder (`RunLocation.root`). */
  private readonly roots = new Map<string, Map<string, StoredListing>>();
  private readonly loading = new Map<string, Promise<Map<string, StoredListing>>>();
  /** Listings being read, by run folder: two callers asking at once read once. */
  private readonly reading = new Map<string, Promise<RunRef | undefined>>();

  constructor(private readonly o: ListingCacheOptions) {}

  /** Entries held (for tests). */
  get size(): number {
    let n = 0;
    for (const m of this.roots.values()) n += m.size;
    return n;
  }

  /**
   * The run's listing, or undefined when its format cannot be listed without reading it (or the
   * quick look failed): the caller then reads the run.
   */
  async ref(loc: RunLocation): Promise<RunRef | undefined> {
    if (loc.format !== 'wandb') return undefined;
    const dir = nodePath.join(loc.root, loc.path);
    let work = this.reading.get(dir);
    if (!work) {
      work = this.read(loc, dir).finally(() => this.reading.delete(dir));
      this.reading.set(dir, work);
    }
    const ref = await work;
    return ref && { ...ref, id: loc.id };
  }

  /**
   * The run's start time where it is known without listing the run (see listing-start.ts): from a
   * listing held, else from the head of its datastore or its discovery. Undefined: list the run.
   */
  async startKey(loc: RunLocation): Promise<StartKey> {
    if (loc.format === 'wandb') {
      const held = (await this.entries(loc.root)).get(nodePath.join(loc.root, loc.path));
      // A run's start does not change as it goes on: a held listing still knows it.
      if (held && held.ref.error === undefined) return { startedAt: held.ref.startedAt };
    }
    return startKey(loc);
  }

  /** Lets go of a run's listing (its folder is gone), in memory and on disk. */
  forget(loc: RunLocation): void {
    const entries = this.roots.get(loc.root);
    if (entries?.delete(nodePath.join(loc.root, loc.path))) this.changed(loc.root, entries);
  }

  /** Writes the listings kept on disk now (a server closing). */
  flush(): Promise<void> {
    return this.o.store?.flush() ?? Promise.resolve();
  }

  private async read(loc: RunLocation, dir: string): Promise<RunRef | undefined> {
    const entries = await this.entries(loc.root);
    const stamp = await wandbStamp(dir, loc.id);
    const held = entries.get(dir);
    if (held && held.stamp === stamp && !isLiveState(held.ref.state)) return held.ref;
    const { ref, unsure } = await peekWandbListingChecked(createNodeFolder(dir), {
      folderName: nodePath.basename(dir),
      now: this.o.now(),
      heartbeatThresholdMs: this.o.heartbeatThresholdMs,
      projectHint: loc.project,
      peekBytes: PEEK_BYTES,
    });
    // A quick look that may differ from a full read (peek.ts says when): the caller reads the run.
    if (ref.error !== undefined || unsure !== undefined) {
      if (entries.delete(dir)) this.changed(loc.root, entries);
      return undefined;
    }
    entries.set(dir, { stamp, ref });
    // A live run's listing is read again every time: only ended runs are worth keeping on disk.
    if (!isLiveState(ref.state) || held) this.changed(loc.root, entries);
    return ref;
  }

  private async entries(root: string): Promise<Map<string, StoredListing>> {
    const held = this.roots.get(root);
    if (held) return held;
    let loading = this.loading.get(root);
    if (!loading) {
      loading = (this.o.store?.load(root) ?? Promise.resolve(new Map<string, StoredListing>())).then((m) => {
        this.roots.set(root, m);
        this.loading.delete(root);
        return m;
      });
      this.loading.set(root, loading);
    }
    return loading;
  }

  private changed(root: string, entries: Map<string, StoredListing>): void {
    this.o.store?.save(root, entries);
  }
}

/** Sizes and mtimes of the files a W&B listing is read from (a missing file counts as missing). */
export async function wandbStamp(dir: string, id: string): Promise<string> {
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

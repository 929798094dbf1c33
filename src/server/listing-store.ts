/**
 * The runs-list cache on disk, so that a restarted server lists runs it listed before without
 * reading them again: one JSON file per searched folder in `<cache dir>/listing/`, holding each
 * run's listing and the sizes and mtimes of the files it was read from (the entry counts only
 * while they are unchanged). Written atomically (a temporary file renamed), a second after the
 * last change; a file that cannot be read or parsed is ignored, never an error.
 */
import { mkdir, readFile, rename, writeFile, unlink } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { isLiveState, type RunRef } from '../data/source.js';
import { parseWire, stringifyWire } from '../data/http-wire.js';

export interface StoredListing {
  /** Sizes and mtimes of the files the listing was read from. */
  stamp: string;
  ref: RunRef;
}

const VERSION = 1;
/** Listings larger than this (a 10 MB config) are not kept on disk; they are read again. */
const MAX_ENTRY_CHARS = 256 * 1024;
const SAVE_DELAY_MS = 1000;

export class ListingStore {
  private readonly folder: string;
  private readonly loaded = new Map<string, Promise<Map<string, StoredListing>>>();
  private readonly dirty = new Map<string, Map<string, StoredListing>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  /** `cacheDir`: see cache-dir.ts. */
  constructor(
    cacheDir: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.folder = nodePath.join(cacheDir, 'listing');
  }

  /** The listings kept for the runs under `root` (an absolute folder), by run folder. */
  load(root: string): Promise<Map<string, StoredListing>> {
    let held = this.loaded.get(root);
    if (!held) {
      held = readFile(this.fileOf(root), 'utf8').then(
        (text) => parseStored(text, root),
        () => new Map<string, StoredListing>(),
      );
      this.loaded.set(root, held);
    }
    return held;
  }

  /** Keeps `entries` (every listing now known under `root`; it is read when written) on disk soon. */
  save(root: string, entries: Map<string, StoredListing>): void {
    this.dirty.set(root, entries);
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Writes what changed now; resolves once written (failures are logged, never thrown). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const work = [...this.dirty];
    this.dirty.clear();
    this.saving = this.saving.then(async () => {
      for (const [root, entries] of work) await this.write(root, entries);
    });
    return this.saving;
  }

  private fileOf(root: string): string {
    const hash = createHash('sha256').update(root).digest('hex').slice(0, 24);
    return nodePath.join(this.folder, `${hash}.json`);
  }

  private async write(root: string, entries: Map<string, StoredListing>): Promise<void> {
    // The wire form keeps NaN and ±Infinity (plain JSON would write null).
    const runs: string[] = [];
    for (const [dir, e] of entries) {
      // A live run's listing is read again every time: only ended runs are worth keeping.
      if (isLiveState(e.ref.state)) continue;
      const text = stringifyWire({ dir, stamp: e.stamp, ref: e.ref });
      if (text.length <= MAX_ENTRY_CHARS) runs.push(text);
    }
    const file = this.fileOf(root);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      await writeFile(tmp, `{"version":${VERSION},"root":${JSON.stringify(root)},"runs":[${runs.join(',')}]}`, {
        mode: 0o600,
      });
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      this.log(`runpage: the runs-list cache could not be written to ${file}: ${(e as Error)?.message ?? String(e)}`);
    }
  }
}

function parseStored(text: string, root: string): Map<string, StoredListing> {
  const out = new Map<string, StoredListing>();
  let data: unknown;
  try {
    data = parseWire(text);
  } catch {
    return out;
  }
  if (!isObject(data) || data.version !== VERSION || data.root !== root || !Array.isArray(data.runs)) return out;
  for (const e of data.runs) {
    if (
      isObject(e) &&
      typeof e.dir === 'string' &&
      typeof e.stamp === 'string' &&
      isObject(e.ref) &&
      typeof e.ref.id === 'string'
    )
      out.set(e.dir, { stamp: e.stamp, ref: e.ref as unknown as RunRef });
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Which runs on disk may have changed since the last look, for the listing watcher
 * (run-watcher.ts): each run's files are stamped (sizes and mtimes: the files a W&B listing is
 * read from, a TensorBoard folder's event files, an MLflow run's meta.yaml, tags, params and
 * metrics), and only runs whose stamp moved are listed again. So one live run among a thousand
 * costs a thousand stamps every rescan (a few stats each) and one listing, not a thousand
 * listings. With the paths `fs.watch` named, only the runs under them are stamped at all.
 *
 * Always listed again: runs held in memory only (no folder to stamp), runs that are new, and
 * runs the caller says were live when last listed (their state moves with the clock). A run
 * whose folder is gone is forgotten (`forget`) and reported removed.
 */
import { readdir, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { RunRef } from '../data/source.js';
import { mapLimited } from '../formats/mlflow/requests.js';
import type { RunLocation } from './discover.js';
import { wandbStamp } from './listing-cache.js';

/** What the watcher asks of the runs it watches (implemented by `ListingDelta`). */
export interface ListingChanges {
  /** Stamps every run: later looks compare with this. Taken before the watcher's baseline listing. */
  reset(): Promise<void>;
  /**
   * The runs that may have changed since the last look and the runs gone. `touched`: the paths
   * file notifications named since then (only runs under them are stamped); absent: every run.
   * `live`: ids whose last listing was live (listed again whatever their files say).
   */
  look(o: {
    touched?: ReadonlySet<string>;
    live: ReadonlySet<string>;
  }): Promise<{ changed: string[]; removed: string[] }>;
  /** The listings of these runs (as `listRuns` lists them). */
  list(ids: string[]): Promise<RunRef[]>;
}

/** The runs a delta looks at: the registry's ids and where each was found. */
export interface StampedRuns {
  ids(): string[];
  location(id: string): RunLocation | undefined;
  /** Forgets runs whose folders are gone. */
  forget(ids: readonly string[]): void;
}

export interface ListingDeltaOptions {
  runs: StampedRuns;
  /** Lists these runs (the catalog's `listRunsOf`, so a public server hides what it hides). */
  list: (ids: string[]) => Promise<RunRef[]>;
}

/** Stamps taken at once (each a few stats). */
const STAMP_CONCURRENCY = 16;
/** The stamp of a run whose folder is not there. */
const GONE = 'gone';

export class ListingDelta implements ListingChanges {
  private stamps = new Map<string, string>();
  /** How many runs were stamped, over all looks (for tests: the work of a look). */
  stamped = 0;

  constructor(private readonly o: ListingDeltaOptions) {}

  async reset(): Promise<void> {
    const ids = this.o.runs.ids();
    const next = new Map<string, string>();
    await mapLimited(ids, STAMP_CONCURRENCY, async (id) => {
      const loc = this.o.runs.location(id);
      if (loc) next.set(id, await this.stamp(loc, undefined));
    });
    this.stamps = next;
  }

  async look(o: { touched?: ReadonlySet<string>; live: ReadonlySet<string> }): Promise<{
    changed: string[];
    removed: string[];
  }> {
    const ids = this.o.runs.ids();
    const held = new Set(ids);
    const removed = [...this.stamps.keys()].filter((id) => !held.has(id));
    for (const id of removed) this.stamps.delete(id);
    const underTouched = o.touched && touchedRunFolders(o.touched);
    const changed: string[] = [];
    const gone: string[] = [];
    await mapLimited(ids, STAMP_CONCURRENCY, async (id) => {
      const loc = this.o.runs.location(id);
      if (!loc) {
        changed.push(id);
        return;
      }
      const was = this.stamps.get(id);
      const dir = nodePath.join(loc.root, loc.path);
      if (was !== undefined && !o.live.has(id) && underTouched && !underTouched(dir)) return;
      const now = await this.stamp(loc, was);
      if (now === GONE) {
        gone.push(id);
        return;
      }
      this.stamps.set(id, now);
      if (was !== now || o.live.has(id)) changed.push(id);
    });
    if (gone.length) {
      this.o.runs.forget(gone);
      for (const id of gone) this.stamps.delete(id);
    }
    // in the registry's order, as a full listing would have them
    const order = new Map(ids.map((id, i) => [id, i]));
    changed.sort((a, b) => order.get(a)! - order.get(b)!);
    return { changed, removed: [...removed, ...gone] };
  }

  list(ids: string[]): Promise<RunRef[]> {
    return this.o.list(ids);
  }

  /** The run's stamp, or GONE when it moved from `was` because the folder is not there. */
  private async stamp(loc: RunLocation, was: string | undefined): Promise<string> {
    this.stamped++;
    const dir = nodePath.join(loc.root, loc.path);
    const now = await formatStamp(loc, dir);
    if (now === was) return now;
    const there = await stat(dir).then(
      (s) => s.isDirectory(),
      (e: NodeJS.ErrnoException) => e?.code !== 'ENOENT' && e?.code !== 'ENOTDIR',
    );
    return there ? now : GONE;
  }
}

async function formatStamp(loc: RunLocation, dir: string): Promise<string> {
  if (loc.format === 'wandb') return wandbStamp(dir, loc.id);
  if (loc.format === 'mlflow')
    return (
      await Promise.all([
        filesStamp(dir, ['meta.yaml']),
        ...['tags', 'params', 'metrics'].map((sub) => folderStamp(nodePath.join(dir, sub))),
      ])
    ).join('|');
  return folderStamp(dir);
}

/** Sizes and mtimes of the files directly in `dir` (its sub-folders by their own mtime only). */
async function folderStamp(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => undefined);
  if (!names) return '-';
  names.sort();
  return `${names.length}:${await filesStamp(dir, names)}`;
}

async function filesStamp(dir: string, names: readonly string[]): Promise<string> {
  const parts = await Promise.all(
    names.map((n) =>
      stat(nodePath.join(dir, n)).then(
        (s) => `${s.size}:${s.mtimeMs}`,
        () => '-',
      ),
    ),
  );
  return parts.join(',');
}

/**
 * Whether a run folder holds one of the touched paths, or is one of them or under one (a folder
 * moved in or out): each touched path and its parent folders are looked up, not every pair.
 */
function touchedRunFolders(touched: ReadonlySet<string>): (dir: string) => boolean {
  const holders = new Set<string>();
  for (const p of touched) {
    for (let at = nodePath.resolve(p); ;) {
      holders.add(at);
      const up = nodePath.dirname(at);
      if (up === at) break;
      at = up;
    }
  }
  const exact = new Set([...touched].map((p) => nodePath.resolve(p)));
  return (dir) => {
    if (holders.has(dir)) return true;
    for (let at = dir; ;) {
      if (exact.has(at)) return true;
      const up = nodePath.dirname(at);
      if (up === at) return false;
      at = up;
    }
  };
}

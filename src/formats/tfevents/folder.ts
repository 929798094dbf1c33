/**
 * TensorBoard runs on a `RunFolder`: finding run folders under a log directory, and reading one
 * run's event files (all of them, recursively) into a `TfeventsRun`, again and again as they grow.
 *
 * A run is a folder of event files. Event files in its subfolders belong to it too (their folder
 * becomes a key prefix): a folder named like a split (`train`, `validation`, …), or any folder
 * whose parent holds event files itself (PyTorch `add_scalars` writers), is part of its parent's run.
 * Except below an hparams experiment (`hp.hparams_config`, written at the root of a logdir whose
 * subfolders are its sessions, as in TensorBoard's hparams tutorial) or a writer that logged
 * several hparams sessions (PyTorch `add_hparams` in a loop): each session's folder is a run.
 * A run's reader takes the files of its own folders only, never those of a run nested below it.
 */
import type { RunFolder } from '../common/run-folder.js';
import { joinPath } from '../common/run-folder.js';
import { walkFolder } from '../common/walk.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../../data/source.js';
import { decodeEvent } from './event.js';
import { TfRecordReader } from './tfrecord.js';
import {
  isEventFileName,
  TfeventsRunReader,
  type TfeventsRun,
  type TfeventsRunOptions,
  type TfeventsStatus,
  type TfeventsUpdate,
} from './run-reader.js';

/** Folder names TensorFlow, Keras and common trainers give the per-split writers of one run. */
const SPLIT_FOLDERS = new Set([
  'train',
  'training',
  'validation',
  'valid',
  'val',
  'eval',
  'evaluation',
  'test',
  'testing',
]);

const MAX_DEPTH = 8;

export interface TfeventsRunRef {
  /** Path of the run folder, relative to the folder searched (`''`: the folder itself). */
  path: string;
  /** Number of event files, in the run folder and below. */
  files: number;
  /** Newest modification time among them (epoch ms). */
  modified?: number;
}

interface Found {
  dir: string;
  files: number;
  modified?: number;
  /** The event files' paths (from the folder root) and sizes. */
  paths: { path: string; size?: number }[];
}

/** Bytes read from the start of an event file to tell an hparams experiment root. */
const HEAD_BYTES = 64 * 1024;
/** Event files of one folder looked into for that. */
const HEAD_FILES = 8;
/**
 * Subfolders of one folder looked into for hparams sessions, in name order: `add_hparams` names
 * them by the time (digits, first in that order), `add_scalars` by tag (many, after them).
 */
const HEAD_CHILDREN = 16;

/**
 * Every TensorBoard run under `dir` (which may itself be one run). Unreadable folders are skipped;
 * problems on the way (a link loop, a cut) go to `warnings`.
 */
export async function findTfeventsRuns(folder: RunFolder, dir = '', warnings?: string[]): Promise<TfeventsRunRef[]> {
  const found = await collect(folder, dir, warnings);
  const withEvents = new Set(found.map((f) => f.dir));
  const experiments = await experimentRoots(folder, found, withEvents);
  const roots = new Map<string, TfeventsRunRef>();
  for (const f of found) {
    const root = runRootOf(f.dir, dir, withEvents, experiments);
    const rel = root === dir ? '' : root.slice(dir === '' ? 0 : dir.length + 1);
    const ref = roots.get(rel) ?? { path: rel, files: 0 };
    ref.files += f.files;
    if (f.modified !== undefined) ref.modified = Math.max(ref.modified ?? -Infinity, f.modified);
    roots.set(rel, ref);
  }
  return [...roots.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function parentOf(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

/** The run folder the events of `dir` belong to, climbing no higher than `top`. */
function runRootOf(dir: string, top: string, withEvents: Set<string>, experiments: Set<string>): string {
  let d = dir;
  while (d !== top) {
    const name = d.slice(d.lastIndexOf('/') + 1);
    const parent = parentOf(d);
    const split = SPLIT_FOLDERS.has(name.toLowerCase());
    if (!split && (!withEvents.has(parent) || experiments.has(parent))) break;
    d = parent;
  }
  return d;
}

/**
 * The folders, among those holding event files and having subfolders that do too, whose
 * subfolders are runs of their own: hparams sessions. Either the folder's own event files begin
 * with an hparams experiment definition (`hp.hparams_config` at the logdir root, TensorBoard's
 * hparams tutorial), or two or more of its subfolders begin with an hparams session (PyTorch's
 * `add_hparams` called in a loop, one `<time>` folder per call). A single `add_hparams` folder
 * stays part of its writer's run: its hparams are that run's.
 */
async function experimentRoots(folder: RunFolder, found: Found[], withEvents: Set<string>): Promise<Set<string>> {
  const children = new Map<string, Found[]>();
  for (const f of found) {
    const parent = parentOf(f.dir);
    if (f.dir === parent || !withEvents.has(parent)) continue;
    if (SPLIT_FOLDERS.has(f.dir.slice(f.dir.lastIndexOf('/') + 1).toLowerCase())) continue;
    const list = children.get(parent) ?? [];
    list.push(f);
    children.set(parent, list);
  }
  const out = new Set<string>();
  for (const f of found) {
    const kids = children.get(f.dir);
    if (!kids) continue;
    let isRoot = false;
    for (const file of f.paths.slice(0, HEAD_FILES)) {
      if ((await hparamsAtHead(folder, file.path, file.size)) === 'experiment') {
        isRoot = true;
        break;
      }
    }
    let sessions = 0;
    kids.sort((a, b) => (a.dir < b.dir ? -1 : 1));
    for (const kid of kids.slice(0, HEAD_CHILDREN)) {
      if (isRoot || sessions >= 2) break;
      const first = kid.paths[0];
      if (first && (await hparamsAtHead(folder, first.path, first.size)) !== undefined) sessions++;
    }
    if (isRoot || sessions >= 2) out.add(f.dir);
  }
  return out;
}

/** Whether the first records of an event file hold an hparams experiment definition, or a session. */
async function hparamsAtHead(
  folder: RunFolder,
  path: string,
  size: number | undefined,
): Promise<'experiment' | 'session' | undefined> {
  const reader = new TfRecordReader();
  let found: 'experiment' | 'session' | undefined;
  const take = (buf: Uint8Array, start: number, end: number) => {
    if (found !== undefined) return;
    for (const v of decodeEvent(buf, start, end).values) {
      if (v.kind !== 'hparams') continue;
      if (v.hparams.experiment) found = 'experiment';
      else if (v.hparams.hparams) found ??= 'session';
    }
  };
  try {
    if (folder.stream) {
      let read = 0;
      for await (const chunk of folder.stream(path, 0, HEAD_BYTES)) {
        const piece = chunk.subarray(0, HEAD_BYTES - read);
        reader.pushRanges(piece, take);
        read += piece.length;
        if (found !== undefined || read >= HEAD_BYTES) break;
      }
    } else if (size !== undefined && size <= HEAD_BYTES * 16) {
      reader.pushRanges((await folder.read(path)).subarray(0, HEAD_BYTES), take);
    }
  } catch {
    return undefined;
  }
  return found;
}

/** The folders below `dir` (itself included) holding event files, with their counts. */
async function collect(folder: RunFolder, dir: string, warnings?: string[]): Promise<Found[]> {
  const walk = await walkFolder(folder, dir, {
    maxDepth: MAX_DEPTH,
    warnUnlistable: false,
    enter: (_path, e) => !e.name.startsWith('.'),
  });
  warnings?.push(...walk.warnings);
  const byDir = new Map<string, Found>();
  for (const { path, entry } of walk.entries) {
    if (entry.kind !== 'file' || !isEventFileName(entry.name)) continue;
    const at = parentOf(path);
    const here = byDir.get(at) ?? { dir: at, files: 0, paths: [] };
    here.files++;
    here.paths.push({ path, size: entry.size });
    if (entry.modified !== undefined) here.modified = Math.max(here.modified ?? -Infinity, entry.modified);
    byDir.set(at, here);
  }
  return [...byDir.values()];
}

export interface TfeventsFolderRunOptions extends TfeventsRunOptions {
  /**
   * A run whose newest event was written within this many ms (by its wall time), in files that
   * changed within it too, is `running`. Default 5 minutes.
   */
  growingThresholdMs?: number;
}

/** One run folder, read incrementally: call `refresh()` to take in what was written since. */
export class TfeventsFolderRun {
  private readonly folder: RunFolder;
  private readonly dir: string;
  private readonly options: TfeventsFolderRunOptions;
  private readonly reader: TfeventsRunReader;
  private newest: number | undefined;
  private readonly listWarnings = new Set<string>();
  /** Folders (relative) holding event files when the experiment roots were last worked out. */
  private knownDirs = '';
  private experiments = new Set<string>();

  constructor(folder: RunFolder, dir: string, options: TfeventsFolderRunOptions) {
    this.folder = folder;
    this.dir = dir;
    this.options = options;
    this.reader = new TfeventsRunReader(options);
  }

  /** Reads the bytes added to the run's event files since the last call. Never rejects for bad data. */
  async refresh(now = Date.now()): Promise<TfeventsUpdate> {
    const update: TfeventsUpdate = { metrics: [], histograms: [] };
    const files = await this.listEventFiles();
    const threshold = this.options.growingThresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS;
    files.sort((a, b) => (a.path < b.path ? -1 : 1));
    this.reader.declare(files.map((f) => f.path));
    const times = files.flatMap((f) => (f.modified === undefined ? [] : [f.modified]));
    this.newest = times.length ? times.reduce((a, b) => Math.max(a, b)) : undefined;
    for (const f of files) {
      const have = this.reader.received(f.path);
      if (f.size === undefined || f.size > have) {
        await this.readFrom(f.path, have, update);
      }
      // A file nobody has written to for a while is complete: a record cut off at its end is damage.
      if (f.modified !== undefined && now - f.modified >= threshold) append(update, this.reader.end(f.path));
    }
    return update;
  }

  /** The run's state and times now, cheaply (no metric columns built): for live polling. */
  status(now = Date.now(), growingThresholdMs = this.options.growingThresholdMs): TfeventsStatus {
    return this.reader.status({ now, lastModified: this.newest, growingThresholdMs });
  }

  toRun(now = Date.now()): TfeventsRun {
    const run = this.reader.toRun({
      now,
      lastModified: this.newest,
      growingThresholdMs: this.options.growingThresholdMs,
    });
    if (this.listWarnings.size) run.info.warnings = [...this.listWarnings, ...(run.info.warnings ?? [])];
    return run;
  }

  private async readFrom(rel: string, start: number, update: TfeventsUpdate): Promise<void> {
    const path = joinPath(this.dir, rel);
    try {
      if (this.folder.stream) {
        for await (const chunk of this.folder.stream(path, start)) append(update, this.reader.push(rel, chunk));
      } else {
        const bytes = await this.folder.read(path);
        if (bytes.length > start) append(update, this.reader.push(rel, bytes.subarray(start)));
      }
    } catch (e) {
      this.listWarnings.add(`${rel}: could not be read (${e instanceof Error ? e.message : String(e)}).`);
    }
  }

  /** The run's event files: those of its folders, without those of runs nested below it (`findTfeventsRuns`). */
  private async listEventFiles(): Promise<{ path: string; size?: number; modified?: number }[]> {
    const walk = await walkFolder(this.folder, this.dir, {
      maxDepth: MAX_DEPTH,
      enter: (_path, e) => !e.name.startsWith('.'),
    });
    for (const w of walk.warnings) this.listWarnings.add(w);
    const files = walk.entries
      .filter(({ entry }) => entry.kind === 'file' && isEventFileName(entry.name))
      .map(({ path, rel, entry }) => ({ full: path, path: rel, size: entry.size, modified: entry.modified }));
    const byDir = new Map<string, Found>();
    for (const f of files) {
      const at = parentOf(f.path);
      const here = byDir.get(at) ?? { dir: at, files: 0, paths: [] };
      here.files++;
      here.paths.push({ path: f.full, size: f.size });
      byDir.set(at, here);
    }
    const withEvents = new Set(byDir.keys());
    if (withEvents.size > 1) {
      const known = [...withEvents].sort().join('\n');
      if (known !== this.knownDirs) {
        // Relative dirs, full paths: experimentRoots reads through the folder root.
        this.experiments = await experimentRoots(this.folder, [...byDir.values()], withEvents);
        this.knownDirs = known;
      }
    }
    const experiments = this.experiments;
    return files
      .filter((f) => runRootOf(parentOf(f.path), '', withEvents, experiments) === '')
      .map(({ full: _full, ...f }) => f);
  }
}

function append(into: TfeventsUpdate, more: TfeventsUpdate): void {
  for (const p of more.metrics) into.metrics.push(p);
  for (const h of more.histograms) into.histograms.push(h);
}

/** Reads a whole TensorBoard run folder once. */
export async function readTfeventsRun(
  folder: RunFolder,
  dir: string,
  options: TfeventsFolderRunOptions & { now?: number },
): Promise<TfeventsRun> {
  const run = new TfeventsFolderRun(folder, dir, options);
  const now = options.now ?? Date.now();
  await run.refresh(now);
  return run.toRun(now);
}

/**
 * The one folder walk the readers and the server use to look below a folder of a `RunFolder`.
 *
 * A run folder may hold symbolic links back into itself (`files/a -> .`, several links to `.`, a
 * link to a parent). Followed naively, each such link multiplies the paths below it and a walk
 * never ends. So this walk lists each folder once: a link inside the folder carries the path it
 * leads to (`FolderEntry.link.target`), real folders are walked before links (so a folder is
 * found under its own path), and a link to a folder already listed, or to one that holds the link,
 * is reported and not followed. The depth and the number of entries listed are bounded too, and
 * every cut is a warning, never a hang.
 */
import type { FolderEntry, RunFolder } from './run-folder.js';
import { joinPath } from './run-folder.js';

export interface WalkOptions {
  /**
   * The deepest level listed: entries directly in the start folder are depth 0, and a folder at
   * depth `d` is entered only when `d < maxDepth`. Default 32.
   */
  maxDepth?: number;
  /** Say in a warning that folders below `maxDepth` were not listed (for complete listings). Default false. */
  warnDepth?: boolean;
  /** Entries listed in all before the walk stops with a warning. Default 100,000. */
  maxEntries?: number;
  /**
   * Whether to enter a folder found at `path` (relative to the folder root); called once for each
   * folder that could be entered (links already listed are not offered). Default: enter every one.
   */
  enter?: (path: string, entry: FolderEntry, depth: number) => boolean | Promise<boolean>;
  /** A folder that cannot be listed (the start included) adds a warning. Default true. */
  warnUnlistable?: boolean;
}

export interface WalkedEntry {
  /** Path from the folder root. */
  path: string;
  /** Path from the start of the walk. */
  rel: string;
  entry: FolderEntry;
  /** 0 for the entries directly in the start folder. */
  depth: number;
  /** A folder link that was not followed: it leads to a folder listed already, or to one holding it. */
  loop?: true;
}

export interface FolderWalk {
  /** Every entry listed, ordered by path (segment by segment, so a folder's content follows it). */
  entries: WalkedEntry[];
  /** What was cut or could not be listed, one line per kind of problem. */
  warnings: string[];
  /** False when a bound (depth or entries) stopped the walk before everything was listed. */
  complete: boolean;
}

export const WALK_MAX_DEPTH = 32;
export const WALK_MAX_ENTRIES = 100_000;

interface Pending {
  path: string;
  rel: string;
  /** The folder's own path (through links: the path of the folder a link leads to). */
  real: string;
  depth: number;
  /** The entry that led here (absent for the start). */
  walked?: WalkedEntry;
}

/** Walks below `start`, breadth first, folders before links; see the module comment. */
export async function walkFolder(folder: RunFolder, start: string, options: WalkOptions = {}): Promise<FolderWalk> {
  const maxDepth = options.maxDepth ?? WALK_MAX_DEPTH;
  const maxEntries = options.maxEntries ?? WALK_MAX_ENTRIES;
  const warnUnlistable = options.warnUnlistable ?? true;
  const entries: WalkedEntry[] = [];
  const warnings: string[] = [];
  const loops: string[] = [];
  const unlistable: string[] = [];
  const visited = new Set<string>([start]);
  let tooDeep = 0;
  let complete = true;

  const folders: Pending[] = [{ path: start, rel: '', real: start, depth: -1 }];
  /** Links to folders, followed once no real folder is left to list. */
  const links: Pending[] = [];

  walking: while (folders.length > 0 || links.length > 0) {
    const dir = folders.length > 0 ? folders.shift()! : links.shift()!;
    if (dir.depth >= 0 && visited.has(dir.real)) {
      // A link deferred earlier whose target has been listed meanwhile.
      if (dir.walked) dir.walked.loop = true;
      loops.push(dir.path);
      continue;
    }
    visited.add(dir.real);
    let listed: FolderEntry[];
    try {
      listed = await folder.list(dir.path);
    } catch (e) {
      unlistable.push(`${dir.path || '.'} (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const depth = dir.depth + 1;
    for (const entry of listed) {
      if (entries.length >= maxEntries) {
        complete = false;
        warnings.push(`Stopped after listing ${maxEntries} entries; the rest of the folder is not listed.`);
        break walking;
      }
      const path = joinPath(dir.path, entry.name);
      const rel = joinPath(dir.rel, entry.name);
      const walked: WalkedEntry = { path, rel, entry, depth };
      entries.push(walked);
      if (entry.kind !== 'dir') continue;
      const target = entry.link?.to === 'inside' ? entry.link.target : undefined;
      const real = target ?? joinPath(dir.real, entry.name);
      if (target !== undefined && (visited.has(real) || holds(real, dir.real))) {
        walked.loop = true;
        loops.push(path);
        continue;
      }
      if (options.enter && !(await options.enter(path, entry, depth))) continue;
      if (depth >= maxDepth) {
        tooDeep++;
        continue;
      }
      (target === undefined ? folders : links).push({ path, rel, real, depth, walked });
    }
  }

  if (loops.length > 0) {
    warnings.push(
      `${loops.length === 1 ? 'A folder link leads' : `${loops.length} folder links lead`} back to a folder ` +
        `listed already (a link loop) and ${loops.length === 1 ? 'was' : 'were'} not followed: ${sample(loops)}.`,
    );
  }
  if (tooDeep > 0 && options.warnDepth) {
    complete = false;
    warnings.push(`${tooDeep} folders deeper than ${maxDepth} levels were not listed.`);
  }
  if (unlistable.length > 0 && warnUnlistable)
    warnings.push(`Folders that could not be listed: ${sample(unlistable)}.`);
  entries.sort((a, b) => comparePaths(a.path, b.path));
  return { entries, warnings, complete };
}

/** Whether folder `outer` is `inner` or holds it. */
function holds(outer: string, inner: string): boolean {
  return outer === '' || outer === inner || inner.startsWith(`${outer}/`);
}

function sample(items: string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

/** Orders `/`-separated paths segment by segment (`a/b` before `a-b`, unlike a plain string order). */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  const n = Math.min(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    if (as[i] !== bs[i]) return as[i]! < bs[i]! ? -1 : 1;
  }
  return as.length - bs.length;
}

/** A file found below a folder: its path from the start of the walk. */
export interface ListedFile {
  path: string;
  size?: number;
  modified?: number;
  /** A link that is not followed (out of the folder, to nothing, or a folder link loop). */
  link?: true;
}

/**
 * Every file below `start` (folders are implied by the files' paths), at most `max`: links out of
 * the folder or to nothing are listed as links, and so are folder links that would loop. Problems
 * go to `warnings`.
 */
export async function listFiles(
  folder: RunFolder,
  start: string,
  max: number,
  warnings: string[],
  options: Pick<WalkOptions, 'maxDepth' | 'warnUnlistable'> = {},
): Promise<ListedFile[]> {
  const walk = await walkFolder(folder, start, { warnDepth: true, ...options, maxEntries: Math.max(max * 2, 1000) });
  warnings.push(...walk.warnings);
  const out: ListedFile[] = [];
  for (const { rel, entry, loop } of walk.entries) {
    if (entry.kind === 'dir' && !loop) continue;
    if (out.length >= max) {
      warnings.push(`The folder has more than ${max} files; the rest are not listed.`);
      break;
    }
    const file: ListedFile = { path: rel };
    if (entry.kind === 'file' && entry.size !== undefined) file.size = entry.size;
    if (entry.modified !== undefined) file.modified = entry.modified;
    if (entry.kind !== 'file') file.link = true;
    out.push(file);
  }
  return out;
}

/**
 * Finds W&B run folders under a root: `wandb/` or `.wandb/` folders holding `run-*` /
 * `offline-run-*` folders, at any depth up to `maxDepth`. The root may itself be such a
 * `wandb/` folder or a run folder. Links (`latest-run` and the like) are never followed, so each
 * run is found once.
 */

import { runIdFromFolderName } from './reader.js';
import { type FolderEntry, type RunFolder, joinPath } from './run-folder.js';

export interface WandbRunLocation {
  /** Path of the run folder relative to the root (`''` when the root is the run folder). */
  path: string;
  /** The folder's name, `run-20220429_201936-3ojed7lz`. */
  name: string;
  id: string;
  offline: boolean;
  /** The start time in the folder name (the writer's local time, so only for ordering), as `YYYYMMDD_HHMMSS`. */
  stamp: string;
}

export interface FindRunsOptions {
  /** How many folder levels below the root to search (default 4). */
  maxDepth?: number;
  /** The root's own name, so a root that is itself a run folder is recognized. */
  rootName?: string;
}

const SKIP = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv', 'site-packages']);
const RUN_DIR = /^(offline-)?run-(\d{8}_\d{6})-[A-Za-z0-9]+/;

export async function findWandbRuns(folder: RunFolder, options: FindRunsOptions = {}): Promise<WandbRunLocation[]> {
  const maxDepth = options.maxDepth ?? 4;
  const found: WandbRunLocation[] = [];
  const rootRun = options.rootName ? location('', options.rootName) : undefined;
  if (rootRun) return [rootRun];

  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: FolderEntry[];
    try {
      entries = await folder.list(dir);
    } catch {
      return;
    }
    const dirs = entries
      .filter((e) => e.kind === 'dir')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of dirs) {
      const path = joinPath(dir, e.name);
      const run = location(path, e.name);
      if (run) found.push(run);
      else if (depth < maxDepth && !SKIP.has(e.name)) await walk(path, depth + 1);
    }
  };
  await walk('', 0);
  return found;
}

function location(path: string, name: string): WandbRunLocation | undefined {
  const m = RUN_DIR.exec(name);
  const id = runIdFromFolderName(name);
  if (!m || !id) return undefined;
  return { path, name, id, offline: m[1] !== undefined, stamp: m[2]! };
}

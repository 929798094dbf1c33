/**
 * Finds W&B run folders under a root: `wandb/` or `.wandb/` folders holding `run-*` /
 * `offline-run-*` folders, at any depth up to `maxDepth`. The root may itself be such a
 * `wandb/` folder or a run folder. Links (`latest-run` and the like) are neither taken for runs nor
 * searched, so each run is found once, under its own path.
 */

import { runIdFromFolderName } from './reader.js';
import type { RunFolder } from '../common/run-folder.js';
import { comparePaths, walkFolder } from '../common/walk.js';

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
  /** Where problems met on the way go (a link loop, a cut); default: nowhere. */
  warnings?: string[];
}

const SKIP = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv', 'site-packages']);
const RUN_DIR = /^(offline-)?run-(\d{8}_\d{6})-[A-Za-z0-9]+/;

export async function findWandbRuns(folder: RunFolder, options: FindRunsOptions = {}): Promise<WandbRunLocation[]> {
  const maxDepth = options.maxDepth ?? 4;
  const found: WandbRunLocation[] = [];
  const rootRun = options.rootName ? location('', options.rootName) : undefined;
  if (rootRun) return [rootRun];

  const walk = await walkFolder(folder, '', {
    maxDepth,
    warnUnlistable: false,
    enter: (path, e) => {
      if (e.link) return false;
      const run = location(path, e.name);
      if (run) found.push(run);
      return !run && !SKIP.has(e.name);
    },
  });
  options.warnings?.push(...walk.warnings);
  found.sort((a, b) => comparePaths(a.path, b.path));
  return found;
}

function location(path: string, name: string): WandbRunLocation | undefined {
  const m = RUN_DIR.exec(name);
  const id = runIdFromFolderName(name);
  if (!m || !id) return undefined;
  return { path, name, id, offline: m[1] !== undefined, stamp: m[2]! };
}

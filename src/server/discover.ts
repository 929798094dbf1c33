/**
 * Finds the runs under the paths given to `runpage serve`: W&B run folders, MLflow file stores
 * (`mlruns/`) and folders holding TensorBoard event files, using each reader's discovery helper.
 * Event files inside a W&B run folder or an MLflow store belong to that run and are not listed
 * again. A path that cannot be read gives a problem message, never an exception.
 */
import { stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { findWandbRuns } from '../formats/wandb/discover.js';
import { findMlflowStores, listMlflowRuns, listMlflowRunsAt } from '../formats/mlflow/file-store.js';
import { findTfeventsRuns } from '../formats/tfevents/folder.js';
import { SERVER_ARTIFACTS_FOLDER } from '../formats/mlflow/artifact-location.js';
import { joinPath } from '../formats/common/run-folder.js';
import type { RunState } from '../data/source.js';
import { createNodeFolder, type NodeFolder } from './node-folder.js';

export type RunFormat = 'wandb' | 'tfevents' | 'mlflow';

export interface RunLocation {
  format: RunFormat;
  /** The id the run is served under (unique within the server). */
  id: string;
  /** Absolute path of the folder searched. */
  root: string;
  /** The run's folder relative to `root` (`''`: the root itself). */
  path: string;
  name?: string;
  project?: string;
  state?: RunState;
  startedAt?: number;
}

export interface Discovery {
  runs: RunLocation[];
  /** Paths that could not be searched, with why. */
  problems: string[];
}

export async function discoverRuns(paths: readonly string[]): Promise<Discovery> {
  const runs: RunLocation[] = [];
  const problems: string[] = [];
  for (const given of paths) {
    const root = nodePath.resolve(given);
    try {
      const s = await stat(root);
      if (!s.isDirectory()) {
        problems.push(`${given} is not a folder`);
        continue;
      }
    } catch (e) {
      problems.push(`${given} cannot be read: ${(e as Error).message}`);
      continue;
    }
    const warnings: string[] = [];
    runs.push(...(await discoverUnder(root, warnings)));
    for (const w of new Set(warnings)) problems.push(`${given}: ${w}`);
  }
  return { runs: uniqueIds(runs), problems };
}

async function discoverUnder(root: string, warnings: string[]): Promise<RunLocation[]> {
  const folder = createNodeFolder(root);
  const out: RunLocation[] = [];
  // With `rootName`, a root that is itself a run folder is found as one; otherwise it is searched.
  const wandb = await findWandbRuns(folder, { rootName: nodePath.basename(root), warnings }).catch(() => []);
  const projects = new Map<string, Promise<string | undefined>>();
  for (const w of wandb) {
    const loc: RunLocation = { format: 'wandb', id: w.id, root, path: w.path, name: w.name };
    const wandbDir = nodePath.dirname(nodePath.join(root, w.path));
    if (!projects.has(wandbDir)) projects.set(wandbDir, wandbProjectHint(folder, root, wandbDir));
    const project = await projects.get(wandbDir);
    if (project !== undefined) loc.project = project;
    out.push(loc);
  }

  const stores = await findMlflowStores(folder, '', warnings).catch(() => [] as string[]);
  // The root may be an experiment folder or a run folder of a store rather than a store.
  const atRoot = stores.length === 0 ? await listMlflowRunsAt(folder, nodePath.basename(root)).catch(() => []) : [];
  if (atRoot.length > 0) stores.push('');
  for (const store of stores) {
    const listed = atRoot.length > 0 ? atRoot : await listMlflowRuns(folder, store).catch(() => []);
    for (const r of listed) {
      const loc: RunLocation = { format: 'mlflow', id: r.runId, root, path: r.path };
      if (r.name !== undefined) loc.name = r.name;
      if (r.experimentName !== undefined) loc.project = r.experimentName;
      if (r.state !== undefined) loc.state = r.state;
      if (r.startedAt !== undefined) loc.startedAt = r.startedAt;
      out.push(loc);
    }
  }

  // A tracking server's artifacts (`mlartifacts/` beside `mlruns/`) belong to the store's runs too.
  const serverArtifacts = stores.filter((s) => s !== '').map((s) => joinPath(parentOf(s), SERVER_ARTIFACTS_FOLDER));
  const claimed = [...out.filter((r) => r.format === 'wandb').map((r) => r.path), ...stores, ...serverArtifacts];
  const isClaimed = (p: string) => claimed.some((c) => c === '' || p === c || p.startsWith(`${c}/`));
  for (const t of await findTfeventsRuns(folder, '', warnings).catch(() => [])) {
    if (isClaimed(t.path)) continue;
    const name = t.path === '' ? nodePath.basename(root) : t.path;
    out.push({ format: 'tfevents', id: tfeventsId(root, t.path), root, path: t.path, name });
  }
  return out;
}

/**
 * The project of the W&B runs in a `wandb/` folder when a run does not name its own (no run
 * record, no `finishing run` line in its debug log): `project` in `wandb/settings` (written by
 * `wandb init`), else the name of the folder holding `wandb/`, which W&B users name after their
 * project far more often than not.
 */
async function wandbProjectHint(folder: NodeFolder, root: string, wandbDir: string): Promise<string | undefined> {
  // Only inside the searched folder, and never through a link leading out of it.
  const rel = nodePath.relative(root, wandbDir);
  if (!rel.startsWith('..') && !nodePath.isAbsolute(rel)) {
    const settings = joinPath(rel.split(nodePath.sep).join('/'), 'settings');
    const fromSettings = await folder
      .read(settings)
      .then((b) => settingsProject(new TextDecoder().decode(b)))
      .catch(() => undefined);
    if (fromSettings) return fromSettings;
  }
  const name = nodePath.basename(wandbDir);
  if (name !== 'wandb' && name !== '.wandb') return undefined;
  return nodePath.basename(nodePath.dirname(wandbDir)) || undefined;
}

/** `project = …` in the INI text of `wandb/settings` (its `[default]` section, or before any section). */
export function settingsProject(text: string): string | undefined {
  let section = 'default';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1]!.trim();
    const m = /^project\s*[=:]\s*(.+)$/.exec(line);
    if (m && section === 'default') return m[1]!.trim() || undefined;
  }
  return undefined;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A readable id for a TensorBoard run: its folder path below the searched folder, or the folder's name. */
function tfeventsId(root: string, path: string): string {
  return joinPath(nodePath.basename(root), path).replace(/[^A-Za-z0-9._~/-]+/g, '_');
}

/** The same W&B run found twice (or two runs sharing an id) get `-2`, `-3`… */
function uniqueIds(runs: RunLocation[]): RunLocation[] {
  const seen = new Set<string>();
  for (const r of runs) {
    let id = r.id || 'run';
    if (seen.has(id)) {
      let k = 2;
      while (seen.has(`${id}-${k}`)) k++;
      id = `${id}-${k}`;
    }
    seen.add(id);
    r.id = id;
  }
  return runs;
}

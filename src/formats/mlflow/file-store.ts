/**
 * The MLflow file store (`mlruns/`) on a `RunFolder`: finding stores, listing experiments and
 * runs, and reading one run (meta, metrics, params, tags, artifacts) into a `MemoryRun`.
 *
 * Layout: `<root>/<exp_id>/meta.yaml`, `<root>/<exp_id>/<run_id>/{meta.yaml, metrics/, params/,
 * tags/, artifacts/}`; keys with `/` are nested folders. `.trash/` and `models/` (the model
 * registry) are not experiments. Nothing here rejects for bad data: problems become warnings.
 */
import type { ArtifactDetail, JsonObject, RunInfo, RunState } from '../../data/source.js';
import type { MemoryFile, MemoryMetric, MemoryRun } from '../../data/memory-source.js';
import type { RunFolder } from '../wandb/run-folder.js';
import { joinPath } from '../wandb/run-folder.js';
import {
  parseExperimentMeta,
  parseRunMeta,
  mlflowState,
  type MlflowExperimentMeta,
  type MlflowRunMeta,
} from './meta.js';
import { parseMetricFile, type MlflowMetricPoint } from './metric-file.js';
import { runInfoFromTags, latestValue, type MlflowLoggedModel, parseLoggedModels } from './run-info.js';
import { modelArtifact } from './artifacts.js';

/** Folders at the root of a store that are not experiments. */
const NOT_EXPERIMENTS = new Set(['.trash', 'models', '.mlflow']);
const MAX_DEPTH = 6;
const utf8 = new TextDecoder('utf-8');

export interface MlflowExperiment extends MlflowExperimentMeta {
  /** Folder of the experiment, relative to the RunFolder's root. */
  path: string;
}

export interface MlflowRunLocation {
  runId: string;
  /** Folder of the run, relative to the RunFolder's root. */
  path: string;
  experimentId: string;
  experimentName?: string;
  name?: string;
  state?: RunState;
  startedAt?: number;
  lifecycleStage?: string;
}

export interface MlflowRun extends MemoryRun {
  metrics: MemoryMetric[];
  /** The run's artifacts, paths relative to `artifacts/`; bytes are read on demand (`mlflowArtifactPath`). */
  files: MemoryFile[];
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Models logged with `mlflow.<flavor>.log_model` (tag `mlflow.log-model.history`). */
  models: MlflowLoggedModel[];
  /** The logged models as output artifacts; their files are under `artifacts/<artifact path>/`. */
  artifacts: ArtifactDetail[];
}

async function readText(folder: RunFolder, path: string): Promise<string | undefined> {
  try {
    return utf8.decode(await folder.read(path));
  } catch {
    return undefined;
  }
}

async function listOrEmpty(folder: RunFolder, dir: string) {
  try {
    return await folder.list(dir);
  } catch {
    return [];
  }
}

/** Whether `dir` is the root of a file store: it holds at least one experiment folder. */
export async function isMlflowStore(folder: RunFolder, dir: string): Promise<boolean> {
  return (await listMlflowExperiments(folder, dir)).experiments.length > 0;
}

/** Every file store under `dir` (which may be one itself), as paths relative to the folder root. */
export async function findMlflowStores(folder: RunFolder, dir = ''): Promise<string[]> {
  const out: string[] = [];
  const visit = async (d: string, depth: number): Promise<void> => {
    if (await isMlflowStore(folder, d)) {
      out.push(d);
      return;
    }
    if (depth >= MAX_DEPTH) return;
    for (const e of await listOrEmpty(folder, d)) {
      if (e.kind === 'dir' && !e.name.startsWith('.') && e.name !== 'node_modules')
        await visit(joinPath(d, e.name), depth + 1);
    }
  };
  await visit(dir, 0);
  return out.sort();
}

/** The experiments of a store, by their `meta.yaml`. */
export async function listMlflowExperiments(
  folder: RunFolder,
  root: string,
): Promise<{ experiments: MlflowExperiment[]; warnings: string[] }> {
  const experiments: MlflowExperiment[] = [];
  const warnings: string[] = [];
  for (const e of await listOrEmpty(folder, root)) {
    if (e.kind !== 'dir' || NOT_EXPERIMENTS.has(e.name)) continue;
    const path = joinPath(root, e.name);
    const text = await readText(folder, joinPath(path, 'meta.yaml'));
    if (text === undefined) continue;
    const meta = parseExperimentMeta(text, `${path}/meta.yaml`);
    if (meta.value) experiments.push({ ...meta.value, path });
    else if (meta.warning && !/has no experiment_id/.test(meta.warning)) warnings.push(meta.warning);
  }
  experiments.sort((a, b) => compareIds(a.experimentId, b.experimentId));
  return { experiments, warnings };
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ListMlflowRunsOptions {
  /** Also list runs whose lifecycle stage is `deleted` (MLflow hides them). Default false. */
  includeDeleted?: boolean;
}

/** Every run of every experiment of a store, newest first. */
export async function listMlflowRuns(
  folder: RunFolder,
  root: string,
  options: ListMlflowRunsOptions = {},
): Promise<MlflowRunLocation[]> {
  const runs: MlflowRunLocation[] = [];
  const { experiments } = await listMlflowExperiments(folder, root);
  for (const exp of experiments) {
    if (exp.lifecycleStage === 'deleted' && !options.includeDeleted) continue;
    for (const e of await listOrEmpty(folder, exp.path)) {
      if (e.kind !== 'dir') continue;
      const path = joinPath(exp.path, e.name);
      const text = await readText(folder, joinPath(path, 'meta.yaml'));
      if (text === undefined) continue;
      const meta = parseRunMeta(text).value;
      if (!meta) continue;
      if (meta.lifecycleStage === 'deleted' && !options.includeDeleted) continue;
      const loc: MlflowRunLocation = { runId: meta.runId, path, experimentId: exp.experimentId };
      if (exp.name !== undefined) loc.experimentName = exp.name;
      if (meta.runName !== undefined) loc.name = meta.runName;
      const state = mlflowState(meta.status);
      if (state) loc.state = state;
      if (meta.startTime !== undefined) loc.startedAt = meta.startTime;
      if (meta.lifecycleStage !== undefined) loc.lifecycleStage = meta.lifecycleStage;
      runs.push(loc);
    }
  }
  return runs.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
}

interface Leaf {
  /** `/`-joined path below the walked folder. */
  key: string;
  size?: number;
  modified?: number;
}

/** Files below `dir`, recursively; links are never followed. */
async function walkFiles(folder: RunFolder, dir: string, prefix = '', depth = 0): Promise<Leaf[]> {
  const out: Leaf[] = [];
  for (const e of await listOrEmpty(folder, dir)) {
    const key = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.kind === 'file') {
      const leaf: Leaf = { key };
      if (e.size !== undefined) leaf.size = e.size;
      if (e.modified !== undefined) leaf.modified = e.modified;
      out.push(leaf);
    } else if (e.kind === 'dir' && depth < 32)
      out.push(...(await walkFiles(folder, joinPath(dir, e.name), key, depth + 1)));
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function readKeyValues(folder: RunFolder, dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const leaf of await walkFiles(folder, dir)) {
    const text = await readText(folder, joinPath(dir, leaf.key));
    if (text !== undefined) out[leaf.key] = text;
  }
  return out;
}

export interface ReadMlflowRunOptions {
  /** Shown as the run's project. */
  experimentName?: string;
}

/** The folder path of an artifact of the run at `runPath`. */
export function mlflowArtifactPath(runPath: string, path: string): string {
  return joinPath(joinPath(runPath, 'artifacts'), path);
}

/** Reads one run folder (`<root>/<exp_id>/<run_id>`). */
export async function readMlflowRun(
  folder: RunFolder,
  runPath: string,
  options: ReadMlflowRunOptions = {},
): Promise<MlflowRun> {
  const warnings: string[] = [];
  const folderName = runPath.slice(runPath.lastIndexOf('/') + 1);
  const metaText = await readText(folder, joinPath(runPath, 'meta.yaml'));
  let meta: MlflowRunMeta = { runId: folderName };
  if (metaText === undefined) warnings.push('meta.yaml is missing; the run id is taken from the folder name.');
  else {
    const parsed = parseRunMeta(metaText);
    if (parsed.warning) warnings.push(parsed.warning);
    if (parsed.value) meta = parsed.value;
  }

  const metrics: MemoryMetric[] = [];
  const latest: Record<string, MlflowMetricPoint> = {};
  let lastWrite = -Infinity;
  const metricsDir = joinPath(runPath, 'metrics');
  for (const leaf of await walkFiles(folder, metricsDir)) {
    const text = await readText(folder, joinPath(metricsDir, leaf.key));
    if (text === undefined) {
      warnings.push(`Metric ${leaf.key} could not be read.`);
      continue;
    }
    const parsed = parseMetricFile(text, leaf.key);
    warnings.push(...parsed.warnings);
    const { points } = parsed;
    const metric: MemoryMetric = {
      key: leaf.key,
      group: leaf.key.startsWith('system/') ? 'system' : 'history',
      step: Float64Array.from(points, (p) => p.step),
      value: Float64Array.from(points, (p) => p.value),
      time: Float64Array.from(points, (p) => p.time),
    };
    metrics.push(metric);
    const last = latestValue(points);
    if (last) latest[leaf.key] = last;
    for (const p of points) if (p.time > lastWrite) lastWrite = p.time;
  }

  const params = await readKeyValues(folder, joinPath(runPath, 'params'));
  const tags = await readKeyValues(folder, joinPath(runPath, 'tags'));
  const artifactLeaves = await walkFiles(folder, joinPath(runPath, 'artifacts'));
  const files: MemoryFile[] = artifactLeaves.map((a) => {
    const f: MemoryFile = { path: a.key };
    if (a.size !== undefined) f.size = a.size;
    if (a.modified !== undefined) f.modified = a.modified;
    return f;
  });
  const models = parseLoggedModels(tags['mlflow.log-model.history'], warnings);
  const entries = files.map((f) => {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    return {
      path: f.path,
      name,
      kind: 'file' as const,
      ...(f.size === undefined ? {} : { size: f.size }),
      ...(f.modified === undefined ? {} : { modified: f.modified }),
    };
  });
  const artifacts = models.map((m) => modelArtifact(m, entries));

  const summary: JsonObject = {};
  for (const [key, p] of Object.entries(latest)) summary[key] = Number.isFinite(p.value) ? p.value : String(p.value);
  const config: JsonObject = { ...params };

  const info: RunInfo = {
    ...runInfoFromTags(tags),
    id: meta.runId,
    state: mlflowState(meta.status) ?? 'finished',
    format: 'mlflow',
    config,
    summary,
  };
  if (meta.status === undefined) warnings.push('The run has no status; shown as finished.');
  info.name = tags['mlflow.runName'] || meta.runName || meta.runId;
  if (options.experimentName !== undefined) info.project = options.experimentName;
  if (info.user === undefined && meta.userId) info.user = meta.userId;
  if (meta.startTime !== undefined) info.startedAt = meta.startTime;
  if (meta.endTime !== undefined) info.endedAt = meta.endTime;
  const heartbeat = Math.max(lastWrite, meta.startTime ?? -Infinity, meta.endTime ?? -Infinity);
  if (Number.isFinite(heartbeat)) info.heartbeatAt = heartbeat;
  const end = meta.endTime ?? (info.state === 'running' && Number.isFinite(heartbeat) ? heartbeat : undefined);
  if (meta.startTime !== undefined && end !== undefined) info.runtime = Math.max(0, (end - meta.startTime) / 1000);
  info.warnings = warnings;
  return { info, metrics, files, params, tags, models, artifacts };
}

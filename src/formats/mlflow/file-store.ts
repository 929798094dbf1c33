/**
 * The MLflow file store (`mlruns/`) on a `RunFolder`: finding stores, listing experiments and
 * runs, and reading one run (meta, metrics, params, tags, artifacts, logged models, registered
 * versions, TensorBoard event files among its artifacts) into a `MemoryRun`.
 *
 * Layout: `<root>/<exp_id>/meta.yaml`, `<root>/<exp_id>/<run_id>/{meta.yaml, metrics/, params/,
 * tags/, artifacts/}`; keys with `/` are nested folders; `<root>/models/` is the model registry
 * (registry.ts). `.trash/` and `models/` are not experiments. Nothing here rejects for bad data:
 * problems become warnings, and a run whose meta.yaml (or whose experiment's) is missing or
 * malformed is still listed and read, under its folder name.
 */
import type {
  ArtifactDetail,
  JsonObject,
  JsonValue,
  ModelGraph,
  RunInfo,
  RunRef,
  RunState,
} from '../../data/source.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../../data/source.js';
import type { MemoryFile, MemoryMetric, MemoryRun } from '../../data/memory-source.js';
import type { RunFolder } from '../common/run-folder.js';
import { joinPath } from '../common/run-folder.js';
import { walkFolder } from '../common/walk.js';
import {
  parseExperimentMeta,
  parseRunMeta,
  mlflowState,
  type MlflowExperimentMeta,
  type MlflowRunMeta,
  type MlflowStatus,
} from './meta.js';
import { parseMetricColumns, type MlflowMetricPoint } from './metric-file.js';
import { runInfoFromTags, latestIndex, type MlflowLoggedModel, parseLoggedModels } from './run-info.js';
import { modelArtifact, registeredVersionArtifact } from './artifacts.js';
import { mlflowRunTimes } from './run-state.js';
import { parseMlmodel, signatureGraph, type MlflowModelFile, type SignedModel } from './mlmodel.js';
import {
  readMlflowRegistry,
  versionArtifactPath,
  versionsOfRun,
  type MlflowModelVersion,
  type MlflowRegistry,
} from './registry.js';
import { ArtifactTensorboard } from './artifact-tensorboard.js';
import { locateArtifacts } from './artifact-location.js';
import { readDatasetInputs } from './dataset-inputs.js';

/** Folders at the root of a store that are not experiments. */
const NOT_EXPERIMENTS = new Set(['.trash', 'models', '.mlflow']);
/** Folders inside an experiment that are not runs (experiment tags; MLflow 3 logged models, traces). */
const NOT_RUNS = new Set(['tags', 'models', 'traces', 'datasets', 'logged_models']);
/** Subfolders that make a folder without a readable meta.yaml recognisable as a run. */
const RUN_PARTS = new Set(['metrics', 'params', 'tags', 'artifacts']);
const MAX_DEPTH = 6;
/** Model files whose bytes a run read keeps for the Artifacts tab (larger ones are listed only). */
const MAX_HELD_FILE_BYTES = 1024 * 1024;
const MAX_HELD_BYTES_PER_RUN = 16 * 1024 * 1024;
const MAX_MLMODEL_BYTES = 1024 * 1024;
const MAX_INPUT_EXAMPLE_BYTES = 64 * 1024;
const utf8 = new TextDecoder('utf-8');

export interface MlflowExperiment extends MlflowExperimentMeta {
  /** Folder of the experiment, relative to the RunFolder's root. */
  path: string;
  /** Set when its meta.yaml is missing or malformed: the experiment id is then its folder name. */
  warnings?: string[];
}

export interface MlflowRunLocation {
  runId: string;
  /** Folder of the run, relative to the RunFolder's root. */
  path: string;
  experimentId: string;
  experimentName?: string;
  name?: string;
  /** MLflow's status, where meta.yaml says it. */
  status?: MlflowStatus;
  /**
   * The state where the status alone decides it (finished, failed, killed, pending). A RUNNING
   * run's state needs its activity (run-state.ts): it is decided when the run is read.
   */
  state?: RunState;
  startedAt?: number;
  lifecycleStage?: string;
  /** Problems with the run's or its experiment's meta.yaml; the run is listed all the same. */
  warnings?: string[];
}

export interface MlflowRun extends MemoryRun {
  metrics: MemoryMetric[];
  /** The run's artifacts, paths relative to `artifactsPath`; bytes are read on demand. */
  files: MemoryFile[];
  /**
   * The run's artifacts folder on the RunFolder: its own `artifacts/`, or where its artifact_uri
   * leads (`mlartifacts/…` beside the store for runs logged through a tracking server).
   */
  artifactsPath: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Models logged with `mlflow.<flavor>.log_model` (tag `mlflow.log-model.history`, and MLmodel files found). */
  models: MlflowLoggedModel[];
  /** The MLmodel files found among the artifacts. */
  modelFiles: MlflowModelFile[];
  /** Logged models and the registered versions made from them (outputs), and logged datasets (inputs). */
  artifacts: ArtifactDetail[];
  /** Bytes of the small files of those artifacts, by artifact id (paths relative to each artifact). */
  artifactFiles: Record<string, MemoryFile[]>;
  /** The logged models' signatures (Model tab); absent when no model has one. */
  model?: ModelGraph;
  /** TensorBoard event files among the artifacts, kept to read what a live run writes next. */
  tensorboard?: ArtifactTensorboard;
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

/**
 * Every file store under `dir` (which may be one itself), as paths relative to the folder root.
 * Problems on the way (a link loop, a cut) go to `warnings`.
 */
export async function findMlflowStores(folder: RunFolder, dir = '', warnings?: string[]): Promise<string[]> {
  if (await isMlflowStore(folder, dir)) return [dir];
  const out: string[] = [];
  const walk = await walkFolder(folder, dir, {
    maxDepth: MAX_DEPTH - 1,
    warnUnlistable: false,
    enter: async (path, e) => {
      if (e.name.startsWith('.') || e.name === 'node_modules') return false;
      if (!(await isMlflowStore(folder, path))) return true;
      out.push(path);
      return false;
    },
  });
  warnings?.push(...walk.warnings);
  return out.sort();
}

/**
 * The experiments of a store: folders with a readable `meta.yaml`, and folders whose meta.yaml is
 * malformed (or, for a numeric folder name, missing) but which hold runs, listed under their
 * folder name with a warning.
 */
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
    if (text === undefined) {
      // MLflow itself would not see this experiment; its runs are real all the same.
      if (/^\d+$/.test(e.name) && (await holdsRuns(folder, path, true)))
        experiments.push({ experimentId: e.name, path, warnings: [`Experiment ${e.name}: meta.yaml is missing.`] });
      continue;
    }
    // A run's meta.yaml names its experiment too: a folder of runs is no store.
    if (isRunMetaText(text)) continue;
    const meta = parseExperimentMeta(text, `${path}/meta.yaml`);
    if (meta.value) experiments.push({ ...meta.value, path });
    else if (await holdsRuns(folder, path, false))
      experiments.push({ experimentId: e.name, path, warnings: [`Experiment ${e.name}: ${meta.warning}`] });
    else if (meta.warning && !/has no experiment_id/.test(meta.warning)) warnings.push(meta.warning);
  }
  experiments.sort((a, b) => compareIds(a.experimentId, b.experimentId));
  return { experiments, warnings };
}

/** What makes `dir` a run folder: a meta.yaml, or run parts (metrics/, params/, tags/, artifacts/). */
async function runEvidence(folder: RunFolder, dir: string): Promise<'meta' | 'parts' | undefined> {
  const entries = await listOrEmpty(folder, dir);
  if (entries.some((e) => e.kind === 'file' && e.name === 'meta.yaml')) return 'meta';
  return entries.some((e) => e.kind === 'dir' && RUN_PARTS.has(e.name)) ? 'parts' : undefined;
}

/** Whether an experiment folder holds a run; `strict`: one whose meta.yaml reads as a run. */
async function holdsRuns(folder: RunFolder, dir: string, strict: boolean): Promise<boolean> {
  for (const e of await listOrEmpty(folder, dir)) {
    if (e.kind !== 'dir' || NOT_RUNS.has(e.name) || e.name.startsWith('.')) continue;
    const path = joinPath(dir, e.name);
    if (!strict && (await runEvidence(folder, path))) return true;
    const text = strict ? await readText(folder, joinPath(path, 'meta.yaml')) : undefined;
    if (text !== undefined && parseRunMeta(text).value) return true;
  }
  return false;
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

/**
 * Every run of every experiment of a store, newest first. A folder whose meta.yaml is missing or
 * malformed but which holds run parts is listed under its folder name, with the problem.
 */
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
      if (e.kind !== 'dir' || NOT_RUNS.has(e.name) || e.name.startsWith('.')) continue;
      const loc = await runAt(folder, joinPath(exp.path, e.name), e.name, exp, options);
      if (loc) runs.push(loc);
    }
  }
  return runs.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
}

/** The run in folder `path` (named `name`) of experiment `exp`, or undefined when it is no run (or deleted and hidden). */
async function runAt(
  folder: RunFolder,
  path: string,
  name: string,
  exp: Pick<MlflowExperiment, 'experimentId' | 'name' | 'warnings'>,
  options: ListMlflowRunsOptions,
): Promise<MlflowRunLocation | undefined> {
  const text = await readText(folder, joinPath(path, 'meta.yaml'));
  const parsed = text === undefined ? undefined : parseRunMeta(text);
  const meta = parsed?.value;
  if (meta?.lifecycleStage === 'deleted' && !options.includeDeleted) return undefined;
  const warnings = [...(exp.warnings ?? [])];
  if (!meta) {
    const evidence = text === undefined ? await runEvidence(folder, path) : 'meta';
    if (!evidence) return undefined;
    warnings.push(
      text !== undefined
        ? (parsed?.warning ?? 'meta.yaml cannot be read.')
        : evidence === 'meta'
          ? 'meta.yaml cannot be read.'
          : 'meta.yaml is missing.',
    );
  } else if (parsed?.warning) warnings.push(parsed.warning);
  const loc: MlflowRunLocation = {
    runId: meta?.runId ?? name,
    path,
    experimentId: exp.experimentId || (meta?.experimentId ?? ''),
  };
  if (exp.name !== undefined) loc.experimentName = exp.name;
  const runName = meta?.runName ?? (await readText(folder, joinPath(path, 'tags/mlflow.runName')));
  if (runName) loc.name = runName;
  if (meta?.status !== undefined) {
    loc.status = meta.status;
    const state = meta.status === 'RUNNING' ? undefined : mlflowState(meta.status);
    if (state) loc.state = state;
  }
  if (meta?.startTime !== undefined) loc.startedAt = meta.startTime;
  if (meta?.lifecycleStage !== undefined) loc.lifecycleStage = meta.lifecycleStage;
  if (warnings.length) loc.warnings = warnings;
  return loc;
}

/** Whether meta.yaml text is a run's (it names a run id): a run's meta.yaml names its experiment too. */
function isRunMetaText(text: string): boolean {
  return parseRunMeta(text).value !== undefined;
}

/**
 * The runs of a folder that is part of a store rather than a store: an experiment folder
 * (`mlruns/0`: its runs) or a run folder (`mlruns/0/<run_id>`: itself, at path `''`), as when
 * one of them is given to `runpage serve`. `rootName` names the folder (a run's id when its
 * meta.yaml cannot tell it). Empty for anything else.
 */
export async function listMlflowRunsAt(
  folder: RunFolder,
  rootName: string,
  options: ListMlflowRunsOptions = {},
): Promise<MlflowRunLocation[]> {
  const text = await readText(folder, 'meta.yaml');
  if (text === undefined) return [];
  if (isRunMetaText(text)) {
    const loc = await runAt(folder, '', rootName, { experimentId: '' }, options);
    return loc ? [loc] : [];
  }
  const exp = parseExperimentMeta(text).value;
  if (!exp || (exp.lifecycleStage === 'deleted' && !options.includeDeleted)) return [];
  const runs: MlflowRunLocation[] = [];
  for (const e of await listOrEmpty(folder, '')) {
    if (e.kind !== 'dir' || NOT_RUNS.has(e.name) || e.name.startsWith('.')) continue;
    const loc = await runAt(folder, e.name, e.name, exp, options);
    if (loc) runs.push(loc);
  }
  return runs.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
}

interface Leaf {
  /** `/`-joined path below the walked folder. */
  key: string;
  size?: number;
  modified?: number;
}

/** Files below `dir`, recursively (`walkFolder`: each folder once); problems go to `warnings`. */
async function walkFiles(folder: RunFolder, dir: string, warnings?: string[]): Promise<Leaf[]> {
  const walk = await walkFolder(folder, dir, { maxDepth: 32, warnDepth: true, warnUnlistable: false });
  warnings?.push(...walk.warnings);
  const out: Leaf[] = [];
  for (const { rel, entry } of walk.entries) {
    if (entry.kind !== 'file') continue;
    const leaf: Leaf = { key: rel };
    if (entry.size !== undefined) leaf.size = entry.size;
    if (entry.modified !== undefined) leaf.modified = entry.modified;
    out.push(leaf);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function readKeyValues(folder: RunFolder, dir: string, warnings: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const leaf of await walkFiles(folder, dir, warnings)) {
    const text = await readText(folder, joinPath(dir, leaf.key));
    if (text !== undefined) out[leaf.key] = text;
  }
  return out;
}

export interface ReadMlflowRunOptions {
  /** Shown as the run's project; default: the name in the experiment's meta.yaml. */
  experimentName?: string;
  /** Epoch ms, for the run state (run-state.ts). Default `Date.now()`. */
  now?: number;
  /** A RUNNING run silent for longer is `unknown`, not `running`. Default 5 minutes. */
  heartbeatThresholdMs?: number;
  /** Read TensorBoard event files among the artifacts as `tensorboard/…` metrics. Default true. */
  tensorboard?: boolean;
  /** Read logged models, registered versions and their files (`artifacts`, `model`). Default true. */
  models?: boolean;
  /** The store's model registry, when the caller has read it already. */
  registry?: MlflowRegistry;
  /** Newest dated activity known from elsewhere (epoch ms): events a caller reads incrementally. */
  lastActivity?: number;
  /** The run folder's name when `runPath` is `''` (the folder read is the run folder itself). */
  folderName?: string;
}

/** The folder path of an artifact kept in the run's own `artifacts/` (`MlflowRun.artifactsPath` says where a run's are). */
export function mlflowArtifactPath(runPath: string, path: string): string {
  return joinPath(joinPath(runPath, 'artifacts'), path);
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Reads one run folder (`<root>/<exp_id>/<run_id>`). Never rejects for bad data. */
export async function readMlflowRun(
  folder: RunFolder,
  runPath: string,
  options: ReadMlflowRunOptions = {},
): Promise<MlflowRun> {
  const warnings: string[] = [];
  const now = options.now ?? Date.now();
  const threshold = options.heartbeatThresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS;
  const folderName = runPath === '' ? (options.folderName ?? '') : runPath.slice(runPath.lastIndexOf('/') + 1);
  const expPath = parentOf(runPath);
  // A run folder read on its own: its experiment is outside the folder.
  const experiment = runPath === '' ? undefined : await readExperiment(folder, expPath, warnings);
  const metaText = await readText(folder, joinPath(runPath, 'meta.yaml'));
  let meta: MlflowRunMeta = { runId: folderName };
  if (metaText === undefined)
    warnings.push("meta.yaml is missing: the run's status, times and name are unknown; its id is the folder name.");
  else {
    const parsed = parseRunMeta(metaText);
    if (parsed.value) meta = parsed.value;
    else warnings.push(`${parsed.warning} The run's status, times and name are unknown; its id is the folder name.`);
    if (parsed.value && parsed.warning) warnings.push(parsed.warning);
    if (parsed.value && parsed.value.status === undefined) warnings.push('meta.yaml has no status.');
  }

  const metrics: MemoryMetric[] = [];
  const latest: Record<string, MlflowMetricPoint> = {};
  let lastActivity = Math.max(meta.startTime ?? -Infinity, options.lastActivity ?? -Infinity);
  const metricsDir = joinPath(runPath, 'metrics');
  for (const leaf of await walkFiles(folder, metricsDir, warnings)) {
    const text = await readText(folder, joinPath(metricsDir, leaf.key));
    if (text === undefined) {
      warnings.push(`Metric ${leaf.key} could not be read.`);
      continue;
    }
    const { step, value, time, warnings: lineWarnings } = parseMetricColumns(text, leaf.key);
    warnings.push(...lineWarnings);
    metrics.push({ key: leaf.key, group: leaf.key.startsWith('system/') ? 'system' : 'history', step, value, time });
    const last = latestIndex(step, time, value);
    if (last >= 0) latest[leaf.key] = { step: step[last]!, time: time[last]!, value: value[last]! };
    for (let i = 0; i < time.length; i++) if (time[i]! > lastActivity) lastActivity = time[i]!;
  }

  const params = await readKeyValues(folder, joinPath(runPath, 'params'), warnings);
  const tags = await readKeyValues(folder, joinPath(runPath, 'tags'), warnings);
  const location = await locateArtifacts(folder, runPath, meta.artifactUri, folderName);
  if (location.warning) warnings.push(location.warning);
  const artifactsDir = location.path;
  const artifactLeaves = await walkFiles(folder, artifactsDir, warnings);
  const files: MemoryFile[] = artifactLeaves.map((a) => {
    const f: MemoryFile = { path: a.key };
    if (a.size !== undefined) f.size = a.size;
    if (a.modified !== undefined) f.modified = a.modified;
    return f;
  });

  let tensorboard: ArtifactTensorboard | undefined;
  if (options.tensorboard !== false && artifactLeaves.some((l) => /(^|\/|\.)tfevents\.\d/.test(l.key))) {
    tensorboard = new ArtifactTensorboard(
      folder,
      artifactsDir,
      threshold,
      metrics.map((m) => m.key),
    );
    await tensorboard.refresh(now);
    const tb = tensorboard.snapshot(now);
    metrics.push(...tb.metrics);
    warnings.push(...tb.warnings);
    const last = tensorboard.lastEventTime(now);
    if (last !== undefined && last > lastActivity) lastActivity = last;
  }

  const summary: JsonObject = {};
  for (const [key, p] of Object.entries(latest)) summary[key] = Number.isFinite(p.value) ? p.value : String(p.value);

  const times = mlflowRunTimes({
    status: meta.status,
    startTime: meta.startTime,
    endTime: meta.endTime,
    lastActivity: Number.isFinite(lastActivity) ? lastActivity : undefined,
    now,
    thresholdMs: threshold,
  });
  const info: RunInfo = {
    ...runInfoFromTags(tags),
    id: meta.runId,
    ...times,
    format: 'mlflow',
    config: { ...params },
    summary,
  };
  info.name = tags['mlflow.runName'] || meta.runName || meta.runId;
  const project = options.experimentName ?? experiment?.name;
  if (project !== undefined) info.project = project;
  if (info.user === undefined && meta.userId) info.user = meta.userId;
  if (metaText !== undefined && folderName !== '' && meta.runId !== folderName)
    warnings.push(`meta.yaml names the run ${meta.runId}, but its folder is ${folderName}.`);

  const producer: RunRef = { id: meta.runId, name: info.name, format: 'mlflow' };
  if (info.project !== undefined) producer.project = info.project;
  const { warnings: modelWarnings, ...models } =
    options.models === false
      ? { warnings: [], models: [], modelFiles: [], artifacts: [], artifactFiles: {} }
      : await readMlflowModels(folder, runPath, {
          runId: meta.runId,
          files,
          artifactsPath: artifactsDir,
          tags,
          producer,
          registry: options.registry,
        });
  warnings.push(...modelWarnings);
  info.warnings = warnings;
  const run: MlflowRun = { info, metrics, files, artifactsPath: artifactsDir, params, tags, ...models };
  if (tensorboard) run.tensorboard = tensorboard;
  return run;
}

export interface MlflowModels {
  models: MlflowLoggedModel[];
  modelFiles: MlflowModelFile[];
  artifacts: ArtifactDetail[];
  artifactFiles: Record<string, MemoryFile[]>;
  model?: ModelGraph;
}

export interface ReadMlflowModelsOptions {
  runId: string;
  /** The run's artifact files (paths from `artifactsPath`). */
  files: readonly MemoryFile[];
  /** The run's artifacts folder (`MlflowRun.artifactsPath`); default `<runPath>/artifacts`. */
  artifactsPath?: string;
  tags: Record<string, string>;
  /** The run, as the artifacts' producer. */
  producer: RunRef;
  /** The store's registry; read from `<store>/models/` when absent. */
  registry?: MlflowRegistry;
}

/**
 * A run's logged models (MLmodel files and the log-model history), the registered versions made
 * from them, their artifacts with the bytes of their small files, and their signatures as a graph;
 * and the datasets it logged as inputs (`artifacts` holds both).
 */
export async function readMlflowModels(
  folder: RunFolder,
  runPath: string,
  o: ReadMlflowModelsOptions,
): Promise<MlflowModels & { warnings: string[] }> {
  const warnings: string[] = [];
  const artifactsDir = o.artifactsPath ?? joinPath(runPath, 'artifacts');
  const models = await readModels(folder, artifactsDir, o.files, o.tags, warnings);
  const registry = o.registry ?? (await readMlflowRegistry(folder, parentOf(parentOf(runPath))));
  warnings.push(...registry.warnings);
  const { artifacts, artifactFiles } = await modelArtifacts(
    folder,
    artifactsDir,
    o.runId,
    models,
    o.files,
    registry,
    o.producer,
  );
  const signed: SignedModel[] = models.flatMap((m) =>
    m.file?.signature
      ? [{ artifactPath: m.logged.artifactPath, flavors: m.logged.flavors, signature: m.file.signature }]
      : [],
  );
  const datasets = await readDatasetInputs(folder, runPath, warnings);
  const out: MlflowModels & { warnings: string[] } = {
    models: models.map((m) => m.logged),
    modelFiles: models.flatMap((m) => (m.file ? [m.file] : [])),
    artifacts: [...artifacts, ...datasets],
    artifactFiles,
    warnings,
  };
  const graph = signatureGraph(signed);
  if (graph) out.model = graph;
  return out;
}

/** The experiment's meta.yaml; a missing or malformed one is a warning on the run. */
async function readExperiment(
  folder: RunFolder,
  expPath: string,
  warnings: string[],
): Promise<MlflowExperimentMeta | undefined> {
  const name = expPath.slice(expPath.lastIndexOf('/') + 1);
  const text = await readText(folder, joinPath(expPath, 'meta.yaml'));
  if (text === undefined) {
    warnings.push(`The experiment's meta.yaml (experiment ${name}) is missing: its name is unknown.`);
    return undefined;
  }
  const parsed = parseExperimentMeta(text, `The experiment's meta.yaml (experiment ${name})`);
  if (!parsed.value) warnings.push(`${parsed.warning} Its name is unknown.`);
  return parsed.value;
}

interface FoundModel {
  logged: MlflowLoggedModel;
  file?: MlflowModelFile;
  inputExample?: JsonValue;
}

/**
 * The run's logged models: every `MLmodel` file among the artifacts, merged with the entries of
 * the tag `mlflow.log-model.history` (which also lists models whose files are stored elsewhere).
 */
async function readModels(
  folder: RunFolder,
  artifactsDir: string,
  files: readonly MemoryFile[],
  tags: Record<string, string>,
  warnings: string[],
): Promise<FoundModel[]> {
  const byPath = new Map<string, FoundModel>();
  for (const logged of parseLoggedModels(tags['mlflow.log-model.history'], warnings)) {
    const path = logged.artifactPath.replace(/\/+$/, '');
    if (!byPath.has(path)) byPath.set(path, { logged: { ...logged, artifactPath: path } });
  }
  for (const f of files) {
    if (f.path !== 'MLmodel' && !f.path.endsWith('/MLmodel')) continue;
    const dir = parentOf(f.path);
    if (f.size !== undefined && f.size > MAX_MLMODEL_BYTES) {
      warnings.push(`${f.path} is larger than ${MAX_MLMODEL_BYTES} bytes; not read.`);
      continue;
    }
    const text = await readText(folder, joinPath(artifactsDir, f.path));
    if (text === undefined) {
      warnings.push(`${f.path} could not be read.`);
      continue;
    }
    const file = parseMlmodel(text, dir);
    warnings.push(...file.warnings);
    const found = byPath.get(dir) ?? { logged: { artifactPath: dir, flavors: [] } };
    found.file = file;
    const flavors = Object.keys(file.flavors);
    if (flavors.length) found.logged.flavors = flavors;
    if (found.logged.createdAt === undefined && file.createdAt !== undefined) found.logged.createdAt = file.createdAt;
    if (found.logged.modelUuid === undefined && file.modelUuid !== undefined) found.logged.modelUuid = file.modelUuid;
    found.inputExample = await readInputExample(folder, artifactsDir, dir, file, files);
    byPath.set(dir, found);
  }
  return [...byPath.values()].sort((a, b) => (a.logged.artifactPath < b.logged.artifactPath ? -1 : 1));
}

/** A model's saved input example (`saved_input_example_info.artifact_path`), parsed, when small. */
async function readInputExample(
  folder: RunFolder,
  artifactsDir: string,
  dir: string,
  file: MlflowModelFile,
  files: readonly MemoryFile[],
): Promise<JsonValue | undefined> {
  const name = file.inputExample?.['artifact_path'];
  if (typeof name !== 'string' || name.includes('..')) return undefined;
  const path = joinPath(dir, name);
  const size = files.find((f) => f.path === path)?.size;
  if (size === undefined || size > MAX_INPUT_EXAMPLE_BYTES) return undefined;
  const text = await readText(folder, joinPath(artifactsDir, path));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Logged models and their registered versions as artifacts, with the bytes of their small files. */
async function modelArtifacts(
  folder: RunFolder,
  artifactsDir: string,
  runId: string,
  models: readonly FoundModel[],
  files: readonly MemoryFile[],
  registry: MlflowRegistry,
  producer: RunRef,
): Promise<{ artifacts: ArtifactDetail[]; artifactFiles: Record<string, MemoryFile[]> }> {
  const entries = files.map((f) => ({
    path: f.path,
    name: f.path.slice(f.path.lastIndexOf('/') + 1),
    kind: 'file' as const,
    ...(f.size === undefined ? {} : { size: f.size }),
    ...(f.modified === undefined ? {} : { modified: f.modified }),
  }));
  const registered = versionsOfRun(registry, runId);
  const pathOf = new Map(registered.map((r) => [r.version, versionArtifactPath(r.version, runId)]));
  // A version whose source names no path belongs to the run's only model, when it has one.
  const soleModel = models.length === 1 ? models[0]!.logged.artifactPath : undefined;
  const logged = models.map((m) => {
    const mine = registered.filter((r) => (pathOf.get(r.version) ?? soleModel) === m.logged.artifactPath);
    return modelArtifact(m.logged, entries, { file: m.file, inputExample: m.inputExample, registered: mine, producer });
  });
  const byPath = new Map(logged.map((a, i) => [models[i]!.logged.artifactPath, a]));
  const fromOf = (version: MlflowModelVersion) => {
    const path = pathOf.get(version) ?? soleModel;
    return path === undefined ? undefined : byPath.get(path);
  };
  const versions = registered.map(({ model, version }) =>
    registeredVersionArtifact(model, version, fromOf(version), producer),
  );

  const artifactFiles: Record<string, MemoryFile[]> = {};
  let budget = MAX_HELD_BYTES_PER_RUN;
  const held = new Map<string, MemoryFile[]>();
  for (const m of models) {
    const path = m.logged.artifactPath;
    const out: MemoryFile[] = [];
    for (const f of byPath.get(path)?.files ?? []) {
      if (f.kind !== 'file' || f.size === undefined || f.size > MAX_HELD_FILE_BYTES || f.size > budget) continue;
      try {
        const bytes = await folder.read(joinPath(artifactsDir, joinPath(path, f.path)));
        budget -= bytes.length;
        out.push({ path: f.path, bytes, size: bytes.length });
      } catch {
        // Listed without contents: the element says they were not kept.
      }
    }
    held.set(path, out);
  }
  for (const [i, m] of models.entries()) artifactFiles[logged[i]!.id] = held.get(m.logged.artifactPath) ?? [];
  for (const [i, r] of registered.entries()) {
    const path = pathOf.get(r.version) ?? soleModel;
    if (path !== undefined && held.has(path)) artifactFiles[versions[i]!.id] = held.get(path)!;
  }
  return { artifacts: [...logged, ...versions], artifactFiles };
}

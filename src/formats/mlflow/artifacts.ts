/**
 * What an MLflow run shows in the Artifacts tab: the models it logged (its MLmodel files and the
 * tag `mlflow.log-model.history`, outputs), the registered model versions made from them
 * (outputs), and the datasets it used (`inputs.dataset_inputs` of the REST API, inputs). A model's
 * files are the run's artifact files under its artifact path.
 */
import type { ArtifactDetail, ArtifactInfo, FileEntry, JsonObject, JsonValue, RunRef } from '../../data/source.js';
import type { MlflowLoggedModel } from './run-info.js';
import type { MlflowModelFile } from './mlmodel.js';
import type { MlflowModelVersion, MlflowRegisteredModel } from './registry.js';

const MODEL_PREFIX = 'model:';
const DATASET_PREFIX = 'dataset:';
const REGISTERED_PREFIX = 'registered:';

/** The id of a logged model's artifact: `model:<artifact path>`. */
export function modelArtifactId(model: MlflowLoggedModel): string {
  return `${MODEL_PREFIX}${model.artifactPath}`;
}

/** The artifact path of a model artifact id, or undefined for other ids. */
export function modelArtifactPath(id: string): string | undefined {
  return id.startsWith(MODEL_PREFIX) ? id.slice(MODEL_PREFIX.length) : undefined;
}

/** What else is known of a logged model besides the `mlflow.log-model.history` entry. */
export interface ModelArtifactExtras {
  /** Its MLmodel file, read from the artifacts. */
  file?: MlflowModelFile;
  /** Its saved input example, parsed (small files only). */
  inputExample?: JsonValue;
  /** Registered versions made from it, newest first. */
  registered?: { model: MlflowRegisteredModel; version: MlflowModelVersion }[];
  /** The run that logged it. */
  producer?: RunRef;
}

/** Flavor settings that name a file or folder of the model (`model.pkl`, `data/`). */
const FLAVOR_FILE_KEYS = ['pickled_model', 'model_path', 'model_data', 'data', 'saved_model_dir', 'model_file'];

/**
 * A logged model as an output artifact. `runFiles` are the run's artifact files (paths from the
 * artifact root); those under the model's artifact path become its files, relative to it. Its
 * metadata holds what its MLmodel says (flavors and their settings, signature, input example,
 * size, MLflow version) and the registered versions made from it, which are also its `versions`.
 */
export function modelArtifact(
  model: MlflowLoggedModel,
  runFiles: readonly FileEntry[] = [],
  extras: ModelArtifactExtras = {},
): ArtifactDetail {
  const files = filesBelow(model.artifactPath, runFiles);
  const size = files.reduce((n, f) => n + (f.kind === 'file' && typeof f.size === 'number' ? f.size : 0), 0);
  const file = extras.file;
  const flavorInfo: JsonObject = { ...(model.flavorInfo ?? {}), ...(file?.flavors ?? {}) };
  const flavors = Object.keys(flavorInfo).length ? Object.keys(flavorInfo) : model.flavors;
  const metadata: JsonObject = { flavors };
  if (Object.keys(flavorInfo).length) metadata['flavor_info'] = flavorInfo;
  const uuid = file?.modelUuid ?? model.modelUuid;
  if (uuid) metadata['model_uuid'] = uuid;
  if (file?.signature) metadata['signature'] = file.signature.raw;
  if (file?.inputExample) {
    metadata['input_example'] =
      extras.inputExample === undefined ? file.inputExample : { ...file.inputExample, example: extras.inputExample };
  }
  if (file?.sizeBytes !== undefined) metadata['model_size_bytes'] = file.sizeBytes;
  if (file?.mlflowVersion) metadata['mlflow_version'] = file.mlflowVersion;
  if (file?.metadata) metadata['metadata'] = file.metadata;
  if (file) {
    const missing = missingModelFiles(flavorInfo, files);
    if (missing.length) metadata['missing_files'] = missing;
  }
  const registered = extras.registered ?? [];
  if (registered.length) {
    metadata['registered_versions'] = registered.map(({ version: v }) => {
      const entry: JsonObject = { name: v.name, version: v.version };
      if (v.stage) entry['stage'] = v.stage;
      if (v.aliases.length) entry['aliases'] = v.aliases;
      return entry;
    });
  }
  const artifact: ArtifactDetail = {
    id: modelArtifactId(model),
    name: model.artifactPath,
    type: 'model',
    direction: 'output',
    aliases: [],
    metadata,
    files,
    fileCount: files.filter((f) => f.kind === 'file').length,
  };
  if (size > 0) artifact.size = size;
  const created = model.createdAt ?? file?.createdAt;
  if (created !== undefined) artifact.createdAt = created;
  if (flavors.length) artifact.description = `Logged model (${flavors.join(', ')})`;
  if (extras.producer) artifact.producer = extras.producer;
  if (registered.length) artifact.versions = registered.map(({ version }) => versionInfo(version));
  return artifact;
}

/** The id of a registered model version's artifact: `registered:<name>/<version>`. */
export function registeredArtifactId(v: Pick<MlflowModelVersion, 'name' | 'version'>): string {
  return `${REGISTERED_PREFIX}${v.name}/${v.version}`;
}

/**
 * A registered model version as an artifact of the run it was registered from: named after the
 * registered model, version `v<n>`, its aliases, its stage and tags in the metadata, the files of
 * the logged model it came from (`from`, when known), and every version of the registered model.
 */
export function registeredVersionArtifact(
  model: MlflowRegisteredModel,
  version: MlflowModelVersion,
  from: ArtifactDetail | undefined,
  producer: RunRef | undefined,
): ArtifactDetail {
  const metadata: JsonObject = { registered_model: model.name, version: version.version };
  const put = (key: string, value: string | undefined) => {
    if (value) metadata[key] = value;
  };
  put('stage', version.stage);
  put('status', version.status);
  put('status_message', version.statusMessage);
  put('source', version.source);
  put('run_id', version.runId);
  put('user_id', version.userId);
  if (version.updatedAt !== undefined) metadata['last_updated_timestamp'] = version.updatedAt;
  if (Object.keys(version.tags).length) metadata['tags'] = { ...version.tags };
  put('registered_model_description', model.description);
  if (Object.keys(model.tags).length) metadata['registered_model_tags'] = { ...model.tags };
  if (from) metadata['logged_model'] = from.name;
  if (from?.metadata?.['flavors']) metadata['flavors'] = from.metadata['flavors'];
  if (from?.metadata?.['signature']) metadata['signature'] = from.metadata['signature'];
  const artifact: ArtifactDetail = {
    ...versionInfo(version),
    metadata,
    files: from ? from.files.map((f) => ({ ...f })) : [],
    versions: model.versions.map(versionInfo),
  };
  if (from?.size !== undefined) artifact.size = from.size;
  if (from) artifact.fileCount = from.fileCount ?? from.files.length;
  if (producer) artifact.producer = producer;
  return artifact;
}

/** The listing fields of a registered version. */
function versionInfo(v: MlflowModelVersion): ArtifactInfo {
  const info: ArtifactInfo = {
    id: registeredArtifactId(v),
    name: v.name,
    type: 'model',
    direction: 'output',
    version: `v${v.version}`,
    aliases: [...v.aliases],
  };
  if (v.createdAt !== undefined) info.createdAt = v.createdAt;
  const stage = v.stage && v.stage.toLowerCase() !== 'none' ? `stage ${v.stage}` : undefined;
  const description = [v.description, stage].filter(Boolean).join(' · ');
  if (description) info.description = description;
  return info;
}

/** The run's files under `artifactPath`, paths relative to it. */
function filesBelow(artifactPath: string, runFiles: readonly FileEntry[]): FileEntry[] {
  const trimmed = artifactPath.replace(/\/+$/, '');
  const prefix = trimmed === '' ? '' : `${trimmed}/`;
  const files: FileEntry[] = [];
  for (const f of runFiles) if (f.path.startsWith(prefix)) files.push({ ...f, path: f.path.slice(prefix.length) });
  return files;
}

/** Files or folders the flavors name that are not among the model's files (not uploaded, not copied). */
function missingModelFiles(flavorInfo: JsonObject, files: readonly FileEntry[]): string[] {
  const named = new Set<string>();
  for (const settings of Object.values(flavorInfo)) {
    if (!settings || typeof settings !== 'object' || Array.isArray(settings)) continue;
    for (const key of FLAVOR_FILE_KEYS) {
      const v = settings[key];
      if (typeof v === 'string' && v !== '' && !v.includes('://') && !v.startsWith('/'))
        named.add(v.replace(/\/+$/, ''));
    }
  }
  return [...named].filter((p) => !files.some((f) => f.path === p || f.path.startsWith(`${p}/`))).sort();
}

interface ApiDatasetInput {
  tags?: { key?: unknown; value?: unknown }[];
  dataset?: {
    name?: unknown;
    digest?: unknown;
    source_type?: unknown;
    source?: unknown;
    schema?: unknown;
    profile?: unknown;
  };
}

/** The datasets of a REST run's `inputs` (`{dataset_inputs: [{tags, dataset}]}`) as input artifacts. */
export function datasetArtifacts(inputs: unknown): ArtifactDetail[] {
  const list = (inputs as { dataset_inputs?: unknown } | null)?.dataset_inputs;
  if (!Array.isArray(list)) return [];
  const out: ArtifactDetail[] = [];
  for (const item of list as ApiDatasetInput[]) {
    const d = item?.dataset;
    if (!d || typeof d.name !== 'string') continue;
    const digest = typeof d.digest === 'string' ? d.digest : '';
    const contexts = (Array.isArray(item.tags) ? item.tags : [])
      .filter((t) => t?.key === 'mlflow.data.context' && typeof t.value === 'string')
      .map((t) => t.value as string);
    const metadata: JsonObject = {};
    if (typeof d.source_type === 'string') metadata['source_type'] = d.source_type;
    for (const field of ['source', 'schema', 'profile'] as const) {
      if (typeof d[field] === 'string') metadata[field] = jsonOrText(d[field] as string);
    }
    const artifact: ArtifactDetail = {
      id: `${DATASET_PREFIX}${d.name}@${digest}`,
      name: d.name,
      type: 'dataset',
      direction: 'input',
      aliases: contexts,
      metadata,
      files: [],
    };
    if (digest) artifact.digest = digest;
    out.push(artifact);
  }
  return out;
}

/** MLflow stores dataset source, schema and profile as JSON text. */
function jsonOrText(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

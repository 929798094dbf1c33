/**
 * What an MLflow run shows in the Artifacts tab: the models it logged (tag
 * `mlflow.log-model.history`, outputs) and the datasets it used (`inputs.dataset_inputs` of the
 * REST API, inputs). A model's files are the run's artifact files under its artifact path.
 */
import type { ArtifactDetail, FileEntry, JsonObject, JsonValue } from '../../data/source.js';
import type { MlflowLoggedModel } from './run-info.js';

const MODEL_PREFIX = 'model:';
const DATASET_PREFIX = 'dataset:';

/** The id of a logged model's artifact: `model:<artifact path>`. */
export function modelArtifactId(model: MlflowLoggedModel): string {
  return `${MODEL_PREFIX}${model.artifactPath}`;
}

/** The artifact path of a model artifact id, or undefined for other ids. */
export function modelArtifactPath(id: string): string | undefined {
  return id.startsWith(MODEL_PREFIX) ? id.slice(MODEL_PREFIX.length) : undefined;
}

/**
 * A logged model as an output artifact. `files` are the run's artifact files (paths from the
 * artifact root); those under the model's artifact path become its files, relative to it.
 */
export function modelArtifact(model: MlflowLoggedModel, runFiles: readonly FileEntry[] = []): ArtifactDetail {
  const prefix = `${model.artifactPath.replace(/\/+$/, '')}/`;
  const files: FileEntry[] = [];
  let size = 0;
  for (const f of runFiles) {
    if (!f.path.startsWith(prefix)) continue;
    files.push({ ...f, path: f.path.slice(prefix.length) });
    if (f.kind === 'file' && typeof f.size === 'number') size += f.size;
  }
  const metadata: JsonObject = { flavors: model.flavors };
  if (model.flavorInfo) metadata['flavor_info'] = model.flavorInfo;
  if (model.modelUuid) metadata['model_uuid'] = model.modelUuid;
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
  if (model.createdAt !== undefined) artifact.createdAt = model.createdAt;
  if (model.flavors.length) artifact.description = `Logged model (${model.flavors.join(', ')})`;
  return artifact;
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

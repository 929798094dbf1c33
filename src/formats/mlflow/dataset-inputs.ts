/**
 * The datasets a file-store run logged with `mlflow.log_input` (MLflow 2.4+), as the input
 * artifacts the REST source shows for the same run. The file store keeps them in two places:
 * `<exp>/datasets/<dataset_id>/meta.yaml` (name, digest, source_type, source, schema, profile: the
 * dataset, once per experiment) and `<run>/inputs/<input_id>/meta.yaml` (source_type `DATASET`,
 * source_id = the dataset id, destination_type `RUN`, tags such as `mlflow.data.context`).
 */
import { parse as parseYaml } from 'yaml';
import type { ArtifactDetail } from '../../data/source.js';
import type { RunFolder } from '../common/run-folder.js';
import { joinPath } from '../common/run-folder.js';
import { datasetArtifacts } from './artifacts.js';

const utf8 = new TextDecoder('utf-8');
/** Inputs read per run; more are a warning. */
const MAX_INPUTS = 1000;

async function readMapping(folder: RunFolder, path: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = utf8.decode(await folder.read(path));
  } catch {
    return undefined;
  }
  try {
    // Failsafe schema: every scalar stays a string (a digest of digits stays as written).
    const doc: unknown = parseYaml(text, { prettyErrors: false, maxAliasCount: 100, schema: 'failsafe' });
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? (doc as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The run's dataset inputs as input artifacts; problems (an input whose dataset is gone) become warnings. */
export async function readDatasetInputs(
  folder: RunFolder,
  runPath: string,
  warnings: string[],
): Promise<ArtifactDetail[]> {
  const inputsDir = joinPath(runPath, 'inputs');
  let entries;
  try {
    entries = await folder.list(inputsDir);
  } catch {
    return [];
  }
  const dirs = entries
    .filter((e) => e.kind === 'dir')
    .map((e) => e.name)
    .sort();
  if (dirs.length > MAX_INPUTS) warnings.push(`The run has ${dirs.length} inputs; the first ${MAX_INPUTS} are shown.`);
  const slash = runPath.lastIndexOf('/');
  const datasetsDir = joinPath(slash < 0 ? '' : runPath.slice(0, slash), 'datasets');
  const inputs: unknown[] = [];
  for (const name of dirs.slice(0, MAX_INPUTS)) {
    const input = await readMapping(folder, joinPath(joinPath(inputsDir, name), 'meta.yaml'));
    if (!input) {
      warnings.push(`inputs/${name}/meta.yaml cannot be read.`);
      continue;
    }
    if (input['source_type'] !== 'DATASET') continue;
    const id = input['source_id'];
    const dataset =
      typeof id === 'string' && id !== '' && !/[\\/]|^\.\.?$/.test(id)
        ? await readMapping(folder, joinPath(joinPath(datasetsDir, id), 'meta.yaml'))
        : undefined;
    if (!dataset || typeof dataset['name'] !== 'string') {
      warnings.push(`inputs/${name} names dataset ${String(id)}, which is not in the experiment's datasets/.`);
      continue;
    }
    const tags = input['tags'];
    inputs.push({
      dataset,
      tags:
        tags && typeof tags === 'object' && !Array.isArray(tags)
          ? Object.entries(tags as Record<string, unknown>).map(([key, value]) => ({ key, value }))
          : [],
    });
  }
  return datasetArtifacts({ dataset_inputs: inputs });
}

/**
 * The `MLmodel` file of a logged MLflow model (YAML at the root of the model's artifact folder):
 * its flavors, signature, input example and size, and the signature as a `ModelGraph` for the
 * Model tab.
 *
 * Fields written by MLflow 1.x–3.x: `artifact_path`, `run_id`, `utc_time_created`, `model_uuid`,
 * `mlflow_version`, `model_size_bytes`, `flavors: {<name>: {...}}`, `signature: {inputs, outputs,
 * params}` (each a JSON string, or null), `saved_input_example_info: {artifact_path, type,
 * pandas_orient, serving_input_path}`, `metadata`. A signature is column-based (`[{"type":
 * "double", "name": "x", "required": true}]`, newer types `array`, `object`, `map` nested) or
 * tensor-based (`[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}}]`).
 */
import { isScalar, parseDocument } from 'yaml';
import type { JsonObject, JsonValue, ModelGraph, ModelLayer } from '../../data/source.js';
import { parseUtcTime } from './run-info.js';

export interface MlflowSignatureEntry {
  /** Column or tensor name; absent for unnamed entries. */
  name?: string;
  /** Readable type: `double`, `string`, `array<long>`, `float32 tensor`, `object {a: long}`. */
  type: string;
  /** Tensor shape as written, `(-1, 28, 28)`. */
  shape?: string;
  /** False when the column is optional; absent when the signature does not say. */
  required?: boolean;
  /** Default of an inference parameter, as text. */
  default?: string;
}

export interface MlflowSignature {
  inputs?: MlflowSignatureEntry[];
  outputs?: MlflowSignatureEntry[];
  /** Inference parameters (`ParamSchema`, MLflow 2.6+). */
  params?: MlflowSignatureEntry[];
  /** The signature as MLflow wrote it (JSON values parsed), for the artifact's metadata. */
  raw: JsonObject;
}

export interface MlflowModelFile {
  /** The model's folder below the run's artifacts (the MLmodel file's folder). */
  artifactPath: string;
  /** `artifact_path` written inside the file (may differ from where the file is when copied). */
  declaredPath?: string;
  runId?: string;
  createdAt?: number;
  modelUuid?: string;
  mlflowVersion?: string;
  sizeBytes?: number;
  flavors: Record<string, JsonValue>;
  signature?: MlflowSignature;
  /** `saved_input_example_info` as written. */
  inputExample?: JsonObject;
  /** `metadata` as written (user metadata). */
  metadata?: JsonObject;
  warnings: string[];
}

/** Parses the text of an MLmodel file found at `<artifactPath>/MLmodel`. Never throws. */
export function parseMlmodel(text: string, artifactPath: string): MlflowModelFile {
  const where = `${artifactPath ? `${artifactPath}/` : ''}MLmodel`;
  const out: MlflowModelFile = { artifactPath, flavors: {}, warnings: [] };
  let doc: unknown;
  let ids: Record<string, string | undefined>;
  try {
    // YAML 1.1, as PyYAML writes it. Ids are taken as written: an unquoted hex id like 12e45 is
    // text to PyYAML but a number to a YAML 1.1 reader.
    const parsed = parseDocument(text, { prettyErrors: false, schema: 'yaml-1.1' });
    if (parsed.errors.length > 0) throw parsed.errors[0];
    doc = parsed.toJS({ maxAliasCount: 100 });
    ids = Object.fromEntries(
      ['artifact_path', 'run_id', 'model_uuid', 'model_id'].map((k) => [k, sourceText(parsed.get(k, true))]),
    );
  } catch (e) {
    out.warnings.push(`${where} is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return out;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    out.warnings.push(`${where} does not hold a mapping.`);
    return out;
  }
  const m = toJson(doc) as JsonObject;
  const declared = ids['artifact_path'];
  if (declared !== undefined) out.declaredPath = declared;
  const runId = ids['run_id'];
  if (runId !== undefined) out.runId = runId;
  const created = parseUtcTime(m['utc_time_created']);
  if (created !== undefined) out.createdAt = created;
  const uuid = ids['model_uuid'] ?? ids['model_id'];
  if (uuid !== undefined) out.modelUuid = uuid;
  const version = m['mlflow_version'];
  if (typeof version === 'string' || typeof version === 'number') out.mlflowVersion = String(version);
  const size = m['model_size_bytes'];
  if (typeof size === 'number' && Number.isFinite(size) && size >= 0) out.sizeBytes = size;
  const flavors = m['flavors'];
  if (isObject(flavors)) out.flavors = flavors;
  else if (flavors !== undefined) out.warnings.push(`${where}: flavors is not a mapping.`);
  if (isObject(m['saved_input_example_info'])) out.inputExample = m['saved_input_example_info'];
  if (isObject(m['metadata'])) out.metadata = m['metadata'];
  if (isObject(m['signature'])) out.signature = parseSignature(m['signature'], where, out.warnings);
  return out;
}

function parseSignature(sig: JsonObject, where: string, warnings: string[]): MlflowSignature {
  const out: MlflowSignature = { raw: {} };
  for (const part of ['inputs', 'outputs', 'params'] as const) {
    const value = sig[part];
    if (value === null || value === undefined) continue;
    let list: unknown = value;
    if (typeof value === 'string') {
      try {
        list = JSON.parse(value);
      } catch {
        warnings.push(`${where}: signature ${part} is not valid JSON.`);
        out.raw[part] = value;
        continue;
      }
    }
    out.raw[part] = list as JsonValue;
    if (!Array.isArray(list)) {
      warnings.push(`${where}: signature ${part} is not a list.`);
      continue;
    }
    out[part] = list.map((spec) => signatureEntry(spec, part === 'params'));
  }
  return out;
}

function signatureEntry(spec: unknown, isParam: boolean): MlflowSignatureEntry {
  if (!isObject(spec)) return { type: typeof spec === 'string' ? spec : 'unknown' };
  const entry: MlflowSignatureEntry = { type: typeText(spec) };
  if (typeof spec['name'] === 'string') entry.name = spec['name'];
  const tensor = spec['tensor-spec'];
  const shape = isObject(tensor) ? tensor['shape'] : spec['shape'];
  if (Array.isArray(shape)) entry.shape = `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
  if (typeof spec['required'] === 'boolean') entry.required = spec['required'];
  if (isParam && 'default' in spec) entry.default = JSON.stringify(spec['default']);
  return entry;
}

const MAX_TYPE_DEPTH = 8;

/** The readable type of a column, tensor, array, object or map spec. */
function typeText(spec: JsonObject, depth = 0): string {
  if (depth > MAX_TYPE_DEPTH) return '…';
  const type = spec['type'];
  const tensor = spec['tensor-spec'];
  if (type === 'tensor' && isObject(tensor)) return `${String(tensor['dtype'] ?? '?')} tensor`;
  if (type === 'array' && isObject(spec['items'])) return `array<${typeText(spec['items'], depth + 1)}>`;
  if (type === 'map' && isObject(spec['values'])) return `map<string, ${typeText(spec['values'], depth + 1)}>`;
  if (type === 'object' && isObject(spec['properties'])) {
    const props = Object.entries(spec['properties']).map(
      ([k, v]) =>
        `${k}${isObject(v) && v['required'] === false ? '?' : ''}: ${isObject(v) ? typeText(v, depth + 1) : '?'}`,
    );
    return `object {${props.join(', ')}}`;
  }
  return typeof type === 'string' ? type : 'unknown';
}

/** One logged model's signature, for `signatureGraph`. */
export interface SignedModel {
  artifactPath: string;
  flavors: string[];
  signature: MlflowSignature;
}

const SIGNATURE_PARTS = [
  ['inputs', 'input'],
  ['outputs', 'output'],
  ['params', 'inference parameter'],
] as const;

/**
 * The signatures of a run's logged models as a layer tree: per model its `inputs`, `outputs` and
 * `params` (inference parameters), each entry a row whose type is the column or tensor type and
 * whose shape is the tensor's. With one model the three groups are the top level; with several,
 * each model is a top-level row. Signatures hold no parameter counts: every `params` is 0.
 */
export function signatureGraph(models: readonly SignedModel[]): ModelGraph | undefined {
  if (models.length === 0) return undefined;
  const layers: ModelLayer[] = [];
  const several = models.length > 1;
  for (const model of models) {
    const top = several ? `model:${model.artifactPath}` : undefined;
    if (top !== undefined)
      layers.push({
        id: top,
        name: model.artifactPath || '(artifact root)',
        type: model.flavors.join(', '),
        params: 0,
      });
    for (const [part, what] of SIGNATURE_PARTS) {
      const entries = model.signature[part];
      if (!entries) continue;
      const group = `${top ?? 'signature'}/${part}`;
      const layer: ModelLayer = { id: group, name: part, type: countText(entries.length, what), params: 0 };
      if (top !== undefined) layer.parent = top;
      layers.push(layer);
      entries.forEach((e, i) => {
        const row: ModelLayer = {
          id: `${group}/${i}`,
          parent: group,
          name: e.name ?? `[${i}]`,
          type: rowType(e),
          params: 0,
        };
        if (e.shape !== undefined) {
          if (part === 'inputs') row.inputShape = e.shape;
          else row.outputShape = e.shape;
        }
        layers.push(row);
      });
    }
  }
  const only = models[0]!;
  const graph: ModelGraph = { format: 'mlflow-signature', layers };
  if (!several)
    graph.name = only.flavors.length ? `${only.artifactPath} (${only.flavors.join(', ')})` : only.artifactPath;
  return graph;
}

function countText(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The type column: the type, optional, default (the shape has its own column). */
function rowType(e: MlflowSignatureEntry): string {
  let text = e.type;
  if (e.required === false) text += ' (optional)';
  if (e.default !== undefined) text += ` = ${e.default}`;
  return text;
}

/** A scalar as written in the file (without quotes); undefined for null, empty or non-scalars. */
function sourceText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const text = typeof node.source === 'string' ? node.source : String(node.value);
  return text === '' ? undefined : text;
}

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** YAML values to JSON values: dates become ISO text, non-finite numbers their names. */
function toJson(v: unknown, depth = 0): JsonValue {
  if (depth > 64) return null;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : null;
  if (Array.isArray(v)) return v.map((x) => toJson(x, depth + 1));
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toJson(x, depth + 1);
    return out;
  }
  return String(v);
}

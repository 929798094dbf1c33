/**
 * Conversions from the model descriptions people log into the flat `ModelGraph` of the source
 * contract. Pure functions: bad input never throws; what could not be used is listed in
 * `warnings` and everything usable is kept.
 */
import type { ModelGraph, ModelLayer } from './source.js';

export interface ConvertResult {
  graph: ModelGraph;
  warnings: string[];
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

/** A non-negative integer from the first of `keys` that holds one; undefined when none does. */
function countOf(o: Obj, keys: readonly string[], what: string, warnings: string[]): number | undefined {
  for (const key of keys) {
    const v = o[key];
    if (v === undefined || v === null) continue;
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.replace(/[,_\s]/g, '')) : NaN;
    if (Number.isFinite(n) && n >= 0) return Math.round(n);
    warnings.push(`${what}: ${key} ${JSON.stringify(v)} is not a parameter count; counted as 0`);
    return 0;
  }
  return undefined;
}

/** Keras-style shape text: `[null, 28, 28]` → `(None, 28, 28)`; lists of shapes in brackets. */
export function shapeText(shape: unknown): string | undefined {
  if (shape === undefined || shape === null) return undefined;
  if (typeof shape === 'string') return shape;
  if (typeof shape === 'number') return String(shape);
  if (!Array.isArray(shape)) return JSON.stringify(shape);
  if (shape.some(Array.isArray)) return `[${shape.map((s) => shapeText(s) ?? 'None').join(', ')}]`;
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}

function uniqueId(wanted: string, used: Set<string>): string {
  let id = wanted;
  for (let k = 2; used.has(id); k++) id = `${wanted}~${k}`;
  used.add(id);
  return id;
}

export interface PyTorchOptions {
  /**
   * What each node's `params` counts: `own` (the module's own parameters,
   * `parameters(recurse=False)`, the default) or `total` (its whole subtree, `parameters()`).
   */
  params?: 'own' | 'total';
}

const PARAM_KEYS = ['params', 'num_params', 'numParams', 'parameters', 'param_count'] as const;
const TRAINABLE_KEYS = ['trainableParams', 'trainable_params', 'num_trainable_params'] as const;

/**
 * A PyTorch module tree, `{name, type, params, children: [...]}` nested (also `trainable_params`,
 * `output_shape`), into a ModelGraph. Ids are the dotted module paths (`encoder.layers.0`), as
 * `named_modules()` names them.
 */
export function fromPyTorchTree(root: unknown, options: PyTorchOptions = {}): ConvertResult {
  const warnings: string[] = [];
  const layers: ModelLayer[] = [];
  const graph: ModelGraph = { format: 'pytorch', layers };
  const tops = Array.isArray(root) ? root : [root];
  if (!tops.some(isObj)) {
    warnings.push('The PyTorch module tree is not an object with name, type, params and children');
    return { graph, warnings };
  }
  if (isObj(root) && str(root.name)) graph.name = str(root.name);
  const used = new Set<string>();
  const seen = new Set<Obj>();
  const total = options.params === 'total';
  // Explicit stack (no recursion): very deep module chains do not overflow the call stack.
  const stack: { node: unknown; parent?: ModelLayer; path: string }[] = [];
  for (let i = tops.length - 1; i >= 0; i--) stack.push({ node: tops[i], path: '' });
  while (stack.length) {
    const { node, parent, path } = stack.pop()!;
    if (!isObj(node)) {
      warnings.push(`Skipped a module under ${parent?.name ?? 'the top level'}: not an object`);
      continue;
    }
    if (seen.has(node)) {
      warnings.push(
        `Skipped a module that appears twice in the tree (${str(node.name) ?? str(node.type) ?? 'unnamed'})`,
      );
      continue;
    }
    seen.add(node);
    const name = str(node.name) ?? '';
    const type = str(node.type) ?? str(node.class_name) ?? str(node.className);
    const dotted = path && name ? `${path}.${name}` : path || name;
    const id = uniqueId(dotted || (parent ? `${parent.id}.?` : (type ?? 'model')), used);
    const label = name || (parent ? id : (type ?? 'model'));
    const layer: ModelLayer = { id, name: label, params: countOf(node, PARAM_KEYS, `Module ${id}`, warnings) ?? 0 };
    if (parent) layer.parent = parent.id;
    if (type) layer.type = type;
    const trainable = countOf(node, TRAINABLE_KEYS, `Module ${id}`, warnings);
    if (trainable !== undefined) layer.trainableParams = trainable;
    else if (node.trainable === false || node.requires_grad === false) layer.trainableParams = 0;
    const out = shapeText(node.outputShape ?? node.output_shape);
    if (out) layer.outputShape = out;
    const input = shapeText(node.inputShape ?? node.input_shape);
    if (input) layer.inputShape = input;
    layers.push(layer);
    const children = node.children ?? node.modules;
    if (children !== undefined && !Array.isArray(children))
      warnings.push(`Module ${id}: children is not a list; ignored`);
    const list = Array.isArray(children) ? children : [];
    for (let i = list.length - 1; i >= 0; i--) stack.push({ node: list[i], parent: layer, path: dotted });
    if (total) subtractChildren(layer, list, warnings);
  }
  return { graph, warnings };
}

/** A module's (subtree) parameter count and trainable share, as written in the tree. */
function countsOf(o: Obj): { params: number; trainable: number } {
  const quiet: string[] = [];
  const params = countOf(o, PARAM_KEYS, '', quiet) ?? 0;
  const trainable =
    countOf(o, TRAINABLE_KEYS, '', quiet) ?? (o.trainable === false || o.requires_grad === false ? 0 : params);
  return { params, trainable: Math.min(params, trainable) };
}

/** For subtree counts: a module's own parameters are its count minus its children's counts. */
function subtractChildren(layer: ModelLayer, children: unknown[], warnings: string[]): void {
  let sum = 0;
  let trainableSum = 0;
  for (const c of children) {
    if (!isObj(c)) continue;
    const counts = countsOf(c);
    sum += counts.params;
    trainableSum += counts.trainable;
  }
  if (sum > layer.params) {
    warnings.push(`Module ${layer.id}: its children count ${sum} parameters, more than its own total ${layer.params}`);
  }
  const trainable = layer.trainableParams ?? layer.params;
  layer.params = Math.max(0, layer.params - sum);
  const ownTrainable = Math.min(layer.params, Math.max(0, trainable - trainableSum));
  if (ownTrainable !== layer.params) layer.trainableParams = ownTrainable;
  else delete layer.trainableParams;
}

const KERAS_PARAM_KEYS = ['param_count', 'params', 'count_params', 'num_params', 'parameters', 'Param #'] as const;

/**
 * A Keras `model.summary()` as JSON into a ModelGraph. Accepts a list of layer rows or an object
 * `{name, layers, total_params?, trainable_params?}`; a row has `name`, `class_name` (or `type`, or
 * `"name (Type)"` in `name`/`layer`), `output_shape`, `param_count` (or `params`, `Param #`),
 * `trainable` and, for a nested model, its own `layers`. A nested model's row counts its whole
 * subtree, as Keras prints it, so its own share is what its layers do not account for.
 */
export function fromKerasSummary(summary: unknown): ConvertResult {
  const warnings: string[] = [];
  const layers: ModelLayer[] = [];
  const graph: ModelGraph = { format: 'keras', layers };
  let rows: unknown;
  if (Array.isArray(summary)) rows = summary;
  else if (isObj(summary)) {
    rows = summary.layers ?? (isObj(summary.config) ? summary.config.layers : undefined);
    const name = str(summary.name) ?? (isObj(summary.config) ? str(summary.config.name) : undefined);
    if (name) graph.name = name;
  }
  if (!Array.isArray(rows)) {
    warnings.push('The Keras summary has no list of layers');
    return { graph, warnings };
  }
  const used = new Set<string>();
  const seen = new Set<unknown>();
  const stack: { row: unknown; parent?: ModelLayer; index: number }[] = [];
  for (let i = rows.length - 1; i >= 0; i--) stack.push({ row: rows[i], index: i });
  while (stack.length) {
    const { row, parent, index } = stack.pop()!;
    if (!isObj(row) || seen.has(row)) {
      warnings.push(`Skipped layer #${index + 1}${parent ? ` of ${parent.name}` : ''}: not a layer object`);
      continue;
    }
    seen.add(row);
    const config = isObj(row.config) ? row.config : {};
    let name = str(row.name) ?? str(config.name) ?? str(row.layer) ?? str(row['Layer (type)']);
    let type = str(row.class_name) ?? str(row.type) ?? str(row.layer_type);
    const combined = name && !type ? /^(.*\S)\s+\(([^()]+)\)$/.exec(name) : null;
    if (combined) [, name, type] = combined;
    const label = name ?? `layer_${index + 1}`;
    const id = uniqueId(parent ? `${parent.id}/${label}` : label, used);
    const given = countOf(row, KERAS_PARAM_KEYS, `Layer ${id}`, warnings) ?? 0;
    const layer: ModelLayer = { id, name: label, params: given };
    if (parent) layer.parent = parent.id;
    if (type) layer.type = type;
    const out = shapeText(row.output_shape ?? row.outputShape ?? row['Output Shape']);
    if (out) layer.outputShape = out;
    const trainableCount = countOf(row, ['trainable_params', 'trainableParams'], `Layer ${id}`, warnings);
    const frozen = row.trainable === false || config.trainable === false;
    if (trainableCount !== undefined) layer.trainableParams = Math.min(given, trainableCount);
    else if (frozen) layer.trainableParams = 0;
    layers.push(layer);
    const inner = row.layers ?? (isObj(row.config) ? row.config.layers : undefined);
    if (Array.isArray(inner) && inner.length) {
      keepOwnShare(layer, inner, frozen, warnings);
      for (let i = inner.length - 1; i >= 0; i--) stack.push({ row: inner[i], parent: layer, index: i });
    }
  }
  checkKerasTotals(summary, layers, warnings);
  return { graph, warnings };
}

function keepOwnShare(layer: ModelLayer, inner: unknown[], frozen: boolean, warnings: string[]): void {
  const quiet: string[] = [];
  let sum = 0;
  for (const r of inner) if (isObj(r)) sum += countOf(r, KERAS_PARAM_KEYS, '', quiet) ?? 0;
  if (layer.params === 0) return; // the row gave no count: its layers carry it all
  if (sum > layer.params)
    warnings.push(`Layer ${layer.id}: its layers count ${sum} parameters, more than its ${layer.params}`);
  layer.params = Math.max(0, layer.params - sum);
  if (layer.trainableParams !== undefined)
    layer.trainableParams = frozen ? 0 : Math.min(layer.params, layer.trainableParams);
}

function checkKerasTotals(summary: unknown, layers: ModelLayer[], warnings: string[]): void {
  if (!isObj(summary)) return;
  const quiet: string[] = [];
  const stated = countOf(summary, ['total_params', 'totalParams'], '', quiet);
  if (stated === undefined) return;
  const sum = layers.reduce((s, l) => s + l.params, 0);
  if (sum !== stated) warnings.push(`The summary states ${stated} parameters in total but its layers add up to ${sum}`);
}

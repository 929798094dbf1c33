/**
 * Parsers for the text files of a W&B run's `files/` folder. Each takes the file's text and
 * returns what it could read plus warnings; none throws.
 */

import { parse as parseYaml } from 'yaml';
import type { JsonObject, JsonValue, ModelGraph, ModelLayer, RunInfo } from '../../data/source.js';
import { hardwareFromMetadata } from './metadata-hardware.js';
import { parsePythonJson } from './python-json.js';
import { isPlainObject, parseIsoTime } from './values.js';

export interface Parsed<T> {
  value: T;
  warnings: string[];
}

/**
 * `config.yaml` in both shapes: newer `key: {value: …}` and older `wandb_version: 1` with
 * `key: {desc, value}`. Returns the user config (values unwrapped, `_wandb` and `wandb_version`
 * left out) and the `_wandb` block separately.
 */
export function parseConfigYaml(text: string): Parsed<{ config: JsonObject; wandb?: JsonObject }> {
  const warnings: string[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 1000, prettyErrors: false });
  } catch (e) {
    return { value: { config: {} }, warnings: [`config.yaml is not valid YAML: ${message(e)}`] };
  }
  if (doc === null || doc === undefined) return { value: { config: {} }, warnings };
  if (!isPlainObject(doc)) return { value: { config: {} }, warnings: ['config.yaml does not hold a mapping; ignored'] };
  const config: JsonObject = {};
  let wandb: JsonObject | undefined;
  for (const [k, raw] of Object.entries(doc)) {
    if (k === 'wandb_version') continue;
    const v = isPlainObject(raw) && 'value' in raw ? raw.value : raw;
    const json = toJsonValue(v);
    if (k === '_wandb') {
      if (isPlainObject(json)) wandb = json;
    } else config[k] = json;
  }
  return { value: { config, wandb }, warnings };
}

/** `wandb-summary.json`: a flat JSON object. */
export function parseSummaryJson(text: string): Parsed<JsonObject> {
  if (text.trim() === '') return { value: {}, warnings: [] };
  const v = parseJsonLenient(text);
  if (!isPlainObject(v)) return { value: {}, warnings: ['wandb-summary.json is not a JSON object; ignored'] };
  return { value: v, warnings: [] };
}

/** RunInfo facts from `wandb-metadata.json`. */
export type MetadataFacts = Pick<
  RunInfo,
  'host' | 'os' | 'user' | 'python' | 'command' | 'git' | 'hardware' | 'startedAt' | 'heartbeatAt'
> & {
  email?: string;
  root?: string;
  codePath?: string;
  /** The run state the older SDK recorded (`running` while it lived). */
  state?: string;
};

export function parseMetadataJson(text: string): Parsed<MetadataFacts> {
  if (text.trim() === '') return { value: {}, warnings: [] };
  const m = parseJsonLenient(text);
  if (!isPlainObject(m)) return { value: {}, warnings: ['wandb-metadata.json is not a JSON object; ignored'] };
  const out: MetadataFacts = {};
  const s = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  if (s(m.host)) out.host = s(m.host);
  if (s(m.os)) out.os = s(m.os);
  if (s(m.username)) out.user = s(m.username);
  if (s(m.email)) out.email = s(m.email);
  if (s(m.root)) out.root = s(m.root);
  if (s(m.codePath)) out.codePath = s(m.codePath);
  if (s(m.state)) out.state = s(m.state);
  if (s(m.python) || s(m.executable)) out.python = { version: s(m.python), executable: s(m.executable) };
  const program = s(m.program) ?? s(m.codePath);
  const args = Array.isArray(m.args) ? m.args.filter((a): a is string => typeof a === 'string') : undefined;
  if (program || args?.length) out.command = { program, args: args ?? [] };
  if (isPlainObject(m.git) && (s(m.git.remote) || s(m.git.commit))) {
    out.git = { remote: s(m.git.remote), commit: s(m.git.commit) };
    if (s(m.git.branch)) out.git.branch = s(m.git.branch);
  }
  out.startedAt = parseIsoTime(m.startedAt);
  out.heartbeatAt = parseIsoTime(m.heartbeatAt);

  const hardware = hardwareFromMetadata(m);
  if (hardware) out.hardware = hardware;
  return { value: out, warnings: [] };
}

/**
 * `media/graph/*.graph.json` → ModelGraph. Node names with dots (`encoder.layers.0`) are nested
 * modules: each gets its dotted prefix as parent; a prefix that is not itself a node becomes a
 * container layer with no parameters of its own, so the tree is complete.
 */
export function parseGraphJson(text: string, name?: string): Parsed<ModelGraph | undefined> {
  const g = parseJsonLenient(text);
  if (!isPlainObject(g) || !Array.isArray(g.nodes)) {
    return { value: undefined, warnings: [`${name ?? 'graph file'} is not a W&B graph (no nodes list); ignored`] };
  }
  const nodes = g.nodes.filter(isPlainObject);
  const used = new Set<string>();
  const layers: ModelLayer[] = [];
  const byName = new Map<string, ModelLayer>();
  const real: { layer: ModelLayer; name: string }[] = [];
  nodes.forEach((node, i) => {
    const nodeName = typeof node.name === 'string' && node.name !== '' ? node.name : String(node.id ?? `node ${i}`);
    let id = nodeName;
    for (let k = 2; used.has(id); k++) id = `${nodeName}#${k}`;
    used.add(id);
    const layer: ModelLayer = { id, name: nodeName, params: nodeParams(node) };
    const type = layerType(node.class_name);
    if (type) layer.type = type;
    const shape = shapeText(node.output_shape);
    if (shape) layer.outputShape = shape;
    const inShape = shapeText(node.input_shape);
    if (inShape) layer.inputShape = inShape;
    if (!byName.has(nodeName)) byName.set(nodeName, layer);
    real.push({ layer, name: nodeName });
  });
  const placed = new Set<ModelLayer>();
  const place = (layer: ModelLayer, path: string): void => {
    if (placed.has(layer)) return;
    const dot = path.lastIndexOf('.');
    if (dot > 0) {
      const parentName = path.slice(0, dot);
      let parent = byName.get(parentName);
      if (!parent) {
        let id = parentName;
        for (let k = 2; used.has(id); k++) id = `${parentName}#${k}`;
        used.add(id);
        parent = { id, name: parentName, params: 0 };
        byName.set(parentName, parent);
      }
      place(parent, parentName);
      layer.parent = parent.id;
    }
    placed.add(layer);
    layers.push(layer);
  };
  for (const { layer, name: n } of real) place(layer, n);
  for (const layer of layers)
    if (layer.parent) layer.name = layer.name.slice(layer.name.lastIndexOf('.') + 1) || layer.name;
  const graph: ModelGraph = { format: typeof g.format === 'string' ? `wandb-${g.format}` : 'wandb', layers };
  if (name) graph.name = name;
  return { value: graph, warnings: [] };
}

function nodeParams(node: JsonObject): number {
  const np = node.num_parameters;
  if (typeof np === 'number' && Number.isFinite(np)) return np;
  if (Array.isArray(np))
    return np.reduce<number>((s, v) => s + (typeof v === 'number' && Number.isFinite(v) ? v : 0), 0);
  if (Array.isArray(node.parameters)) {
    let total = 0;
    for (const p of node.parameters) {
      if (!Array.isArray(p) || !Array.isArray(p[1])) continue;
      total += p[1].reduce<number>((s, d) => s * (typeof d === 'number' ? d : 0), 1);
    }
    return total;
  }
  return 0;
}

/** `Linear(in_features=4, out_features=2, bias=True)` → `Linear`; `Dense` stays. */
function layerType(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const paren = v.indexOf('(');
  return (paren > 0 ? v.slice(0, paren) : v).trim();
}

function shapeText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  const show = (x: unknown): string =>
    Array.isArray(x) ? `(${x.map(show).join(', ')})` : x === null ? 'None' : String(x);
  return show(v);
}

/** Parses JSON that may contain Python's bare NaN / Infinity (as wandb-summary.json can); they stay numbers. */
export function parseJsonLenient(text: string): JsonValue | undefined {
  return parsePythonJson(text);
}

/** One line of a `.jsonl` history or events file (Python writes NaN and ±Infinity bare: they stay numbers). */
export function parseJsonRow(line: string): JsonObject | undefined {
  const v = parsePythonJson(line);
  return isPlainObject(v) ? v : undefined;
}

/** Splits console text into lines (a final line without a newline is kept; `\r\n` ends a line too). */
export function splitLogText(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}

/** YAML values (dates, big ints) to plain JSON values. */
function toJsonValue(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v; // YAML's .nan / .inf stay numbers, as in the datastore
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toJsonValue(x)]));
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJsonValue(x);
    return out;
  }
  return String(v);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}

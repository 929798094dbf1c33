/**
 * The model registry of an MLflow file store: `<store>/models/<name>/` holds `meta.yaml` (name,
 * creation_timestamp, last_updated_timestamp, description), `tags/<key>`, `aliases/<alias>` (the
 * file body is the version it points to) and `version-<n>/` with `meta.yaml` (name, version,
 * creation_timestamp, last_updated_timestamp, description, user_id, current_stage, source, run_id,
 * run_link, status, status_message, storage_location) and `tags/<key>`. A deleted version stays on
 * disk with the stage `Deleted_Internal`; it is not shown. Problems become warnings.
 */
import { isScalar, parseDocument } from 'yaml';
import type { RunFolder } from '../common/run-folder.js';
import { joinPath } from '../common/run-folder.js';
import { walkFolder } from '../common/walk.js';

export interface MlflowModelVersion {
  /** The registered model's name. */
  name: string;
  /** `1`, `2`… as written. */
  version: string;
  createdAt?: number;
  updatedAt?: number;
  description?: string;
  userId?: string;
  /** `None`, `Staging`, `Production`, `Archived`. */
  stage?: string;
  /** `READY`, `PENDING_REGISTRATION`, `FAILED_REGISTRATION`. */
  status?: string;
  statusMessage?: string;
  /** Where the model was registered from: `runs:/<run>/<path>`, a file or artifact URI, `models:/…`. */
  source?: string;
  runId?: string;
  runLink?: string;
  storageLocation?: string;
  /** Aliases pointing at this version (from the registered model's `aliases/` folder). */
  aliases: string[];
  tags: Record<string, string>;
}

export interface MlflowRegisteredModel {
  name: string;
  createdAt?: number;
  updatedAt?: number;
  description?: string;
  tags: Record<string, string>;
  /** Versions, newest (highest number) first. */
  versions: MlflowModelVersion[];
}

export interface MlflowRegistry {
  models: MlflowRegisteredModel[];
  warnings: string[];
}

const DELETED_STAGE = 'deleted_internal';
const utf8 = new TextDecoder('utf-8');

/** Reads `<storeRoot>/models/`; an absent registry is an empty one. */
export async function readMlflowRegistry(folder: RunFolder, storeRoot: string): Promise<MlflowRegistry> {
  const registry: MlflowRegistry = { models: [], warnings: [] };
  const root = joinPath(storeRoot, 'models');
  for (const e of await listOrEmpty(folder, root)) {
    if (e.kind !== 'dir') continue;
    const model = await readRegisteredModel(folder, joinPath(root, e.name), e.name, registry.warnings);
    if (model) registry.models.push(model);
  }
  registry.models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return registry;
}

/** The registered versions made from a run's models, newest first, with their registered models. */
export function versionsOfRun(
  registry: MlflowRegistry,
  runId: string,
): { model: MlflowRegisteredModel; version: MlflowModelVersion }[] {
  const out: { model: MlflowRegisteredModel; version: MlflowModelVersion }[] = [];
  for (const model of registry.models)
    for (const version of model.versions) if (version.runId === runId) out.push({ model, version });
  return out.sort((a, b) => (b.version.createdAt ?? 0) - (a.version.createdAt ?? 0));
}

/**
 * The artifact path, inside run `runId`, of the model a version was registered from, or undefined
 * when its source does not name one (`models:/…`, another store).
 */
export function versionArtifactPath(version: MlflowModelVersion, runId: string): string | undefined {
  for (const uri of [version.source, version.storageLocation]) {
    if (!uri) continue;
    const runs = /^runs:\/+([^/]+)\/(.*)$/.exec(uri);
    if (runs) {
      if (runs[1] === runId) return trimSlashes(runs[2]!);
      continue;
    }
    const at = uri.indexOf(`/${runId}/artifacts`);
    if (at >= 0) return trimSlashes(uri.slice(at + runId.length + '/artifacts'.length + 1));
  }
  return undefined;
}

const trimSlashes = (p: string) => p.replace(/^\/+|\/+$/g, '');

async function readRegisteredModel(
  folder: RunFolder,
  dir: string,
  folderName: string,
  warnings: string[],
): Promise<MlflowRegisteredModel | undefined> {
  const meta = await readYaml(folder, joinPath(dir, 'meta.yaml'));
  if (meta.problem) warnings.push(`Registered model ${folderName}: ${meta.problem}`);
  const name = meta.text('name') ?? folderName;
  const model: MlflowRegisteredModel = { name, tags: await readKeyFiles(folder, joinPath(dir, 'tags')), versions: [] };
  setNumber(model, 'createdAt', meta.number('creation_timestamp'));
  setNumber(model, 'updatedAt', meta.number('last_updated_timestamp'));
  const description = meta.text('description');
  if (description) model.description = description;

  const aliasesByVersion = new Map<string, string[]>();
  for (const [alias, version] of Object.entries(await readKeyFiles(folder, joinPath(dir, 'aliases')))) {
    const v = version.trim();
    aliasesByVersion.set(v, [...(aliasesByVersion.get(v) ?? []), alias]);
  }
  for (const e of await listOrEmpty(folder, dir)) {
    if (e.kind !== 'dir' || !e.name.startsWith('version-')) continue;
    const vdir = joinPath(dir, e.name);
    const vmeta = await readYaml(folder, joinPath(vdir, 'meta.yaml'));
    if (vmeta.problem) {
      warnings.push(`Registered model ${name}, ${e.name}: ${vmeta.problem}`);
      continue;
    }
    const stage = vmeta.text('current_stage');
    if (stage?.toLowerCase() === DELETED_STAGE) continue;
    const version = vmeta.text('version') ?? e.name.slice('version-'.length);
    const v: MlflowModelVersion = {
      name,
      version,
      aliases: (aliasesByVersion.get(version) ?? []).sort(),
      tags: await readKeyFiles(folder, joinPath(vdir, 'tags')),
    };
    setNumber(v, 'createdAt', vmeta.number('creation_timestamp'));
    setNumber(v, 'updatedAt', vmeta.number('last_updated_timestamp'));
    const fields = [
      ['description', 'description'],
      ['userId', 'user_id'],
      ['stage', 'current_stage'],
      ['status', 'status'],
      ['statusMessage', 'status_message'],
      ['source', 'source'],
      ['runId', 'run_id'],
      ['runLink', 'run_link'],
      ['storageLocation', 'storage_location'],
    ] as const;
    for (const [field, key] of fields) {
      const text = vmeta.text(key);
      if (text) v[field] = text;
    }
    model.versions.push(v);
  }
  model.versions.sort((a, b) => Number(b.version) - Number(a.version) || (a.version < b.version ? 1 : -1));
  return model;
}

function setNumber<T extends { createdAt?: number; updatedAt?: number }>(
  o: T,
  field: 'createdAt' | 'updatedAt',
  n: number | undefined,
): void {
  if (n !== undefined) o[field] = n;
}

interface YamlFields {
  problem?: string;
  /** A scalar as written (ids keep their digits and letters); undefined for null or absent. */
  text(key: string): string | undefined;
  number(key: string): number | undefined;
}

async function readYaml(folder: RunFolder, path: string): Promise<YamlFields> {
  const none: YamlFields = { text: () => undefined, number: () => undefined };
  let text: string;
  try {
    text = utf8.decode(await folder.read(path));
  } catch {
    return { ...none, problem: 'meta.yaml is missing.' };
  }
  const doc = parseDocument(text, { prettyErrors: false, schema: 'yaml-1.1' });
  if (doc.errors.length > 0)
    return { ...none, problem: `meta.yaml is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
  if (!doc.contents || !('get' in doc.contents)) return { ...none, problem: 'meta.yaml does not hold a mapping.' };
  const scalar = (key: string) => {
    const node = doc.get(key, true);
    return isScalar(node) && node.value !== null ? node : undefined;
  };
  return {
    text(key) {
      const node = scalar(key);
      if (!node) return undefined;
      return typeof node.source === 'string' ? node.source : String(node.value);
    },
    number(key) {
      const n = Number(scalar(key)?.value);
      return scalar(key) && Number.isFinite(n) ? n : undefined;
    },
  };
}

async function listOrEmpty(folder: RunFolder, dir: string) {
  try {
    return await folder.list(dir);
  } catch {
    return [];
  }
}

/** `<dir>/<key>` files (keys may hold `/`: nested folders), bodies as text. */
async function readKeyFiles(folder: RunFolder, dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = await walkFolder(folder, dir, { maxDepth: 8, warnUnlistable: false });
  for (const { path, rel, entry } of walk.entries) {
    if (entry.kind !== 'file') continue;
    try {
      out[rel] = utf8.decode(await folder.read(path));
    } catch {
      // An unreadable tag file: left out, like MLflow's own reader would fail on it.
    }
  }
  return out;
}

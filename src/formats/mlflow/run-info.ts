/**
 * What an MLflow run's tags and metric histories say for the overview; shared by the file store
 * reader and the REST source.
 */
import type { JsonObject, JsonValue, RunInfo } from '../../data/source.js';

/** Tags every MLflow run carries; not shown as user tags. */
const SYSTEM_TAG_PREFIX = 'mlflow.';

/** The RunInfo fields that come from tags: name, notes, user, source, git, user tags. */
export function runInfoFromTags(tags: Record<string, string>): Partial<RunInfo> {
  const info: Partial<RunInfo> = {};
  const get = (k: string) => (typeof tags[k] === 'string' && tags[k] !== '' ? tags[k] : undefined);
  const name = get('mlflow.runName');
  if (name) info.name = name;
  const notes = get('mlflow.note.content');
  if (notes) info.notes = notes;
  const user = get('mlflow.user');
  if (user) info.user = user;
  const program = get('mlflow.source.name');
  if (program) info.command = { program };
  const git: NonNullable<RunInfo['git']> = {};
  const commit = get('mlflow.source.git.commit');
  const branch = get('mlflow.source.git.branch');
  const remote = get('mlflow.source.git.repoURL');
  if (commit) git.commit = commit;
  if (branch) git.branch = branch;
  if (remote) git.remote = remote;
  if (Object.keys(git).length) info.git = git;
  const parent = get('mlflow.parentRunId');
  if (parent) info.group = parent;
  const userTags = Object.keys(tags)
    .filter((k) => !k.startsWith(SYSTEM_TAG_PREFIX))
    .sort()
    .map((k) => (tags[k] ? `${k}: ${tags[k]}` : k));
  if (userTags.length) info.tags = userTags;
  info.sdk = { name: 'mlflow' };
  return info;
}

/**
 * MLflow's "latest" value of a metric, as its stores pick it: the greatest (step, timestamp,
 * value) in Python's tuple order, so among values of one step logged in the same millisecond
 * (a loop logging without a step) the largest, not the last. A NaN compares as Python's does:
 * never greater, so the value met first among equals stays.
 */
export function latestValue<T extends { step: number; time: number; value: number }>(
  points: readonly T[],
): T | undefined {
  let best: T | undefined;
  for (const p of points)
    if (!best || tupleGreater(p.step, p.time, p.value, best.step, best.time, best.value)) best = p;
  return best;
}

/** `latestValue` over columns: the index of the latest point, or -1 when there is none. */
export function latestIndex(step: ArrayLike<number>, time: ArrayLike<number>, value: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < value.length; i++) {
    if (best < 0 || tupleGreater(step[i]!, time[i]!, value[i]!, step[best]!, time[best]!, value[best]!)) best = i;
  }
  return best;
}

/** Python's `(aStep, aTime, aValue) > (bStep, bTime, bValue)`: the first unequal element decides. */
function tupleGreater(
  aStep: number,
  aTime: number,
  aValue: number,
  bStep: number,
  bTime: number,
  bValue: number,
): boolean {
  if (aStep !== bStep) return aStep > bStep;
  if (aTime !== bTime) return aTime > bTime;
  return aValue !== bValue && aValue > bValue;
}

export interface MlflowLoggedModel {
  artifactPath: string;
  /** Epoch ms */
  createdAt?: number;
  modelUuid?: string;
  /** Flavor names: `python_function`, `sklearn`, `pytorch`… */
  flavors: string[];
  /** The flavors' own settings as logged. */
  flavorInfo?: JsonObject;
}

/** The `mlflow.log-model.history` tag: a JSON list of logged models. */
export function parseLoggedModels(text: string | undefined, warnings: string[]): MlflowLoggedModel[] {
  if (!text) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    warnings.push('The tag mlflow.log-model.history is not valid JSON; ignored.');
    return [];
  }
  if (!Array.isArray(doc)) return [];
  const out: MlflowLoggedModel[] = [];
  for (const m of doc) {
    if (!m || typeof m !== 'object' || typeof m.artifact_path !== 'string') continue;
    const model: MlflowLoggedModel = { artifactPath: m.artifact_path, flavors: [] };
    if (typeof m.model_uuid === 'string') model.modelUuid = m.model_uuid;
    const created = parseUtcTime(m.utc_time_created);
    if (created !== undefined) model.createdAt = created;
    if (m.flavors && typeof m.flavors === 'object' && !Array.isArray(m.flavors)) {
      model.flavors = Object.keys(m.flavors);
      model.flavorInfo = m.flavors as { [k: string]: JsonValue };
    }
    out.push(model);
  }
  return out;
}

/** `2025-05-26 11:08:05.562372` (UTC, Python's str(datetime)) → epoch ms. */
export function parseUtcTime(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?/.exec(v);
  if (!m) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
}

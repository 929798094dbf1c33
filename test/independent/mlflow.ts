/**
 * An independent reader of one MLflow file-store run, `mlruns/<experiment>/<run id>/`
 * (FORMATS.md "MLflow", file store).
 *
 * Rules this reader applies:
 * - State: the meta.yaml status (RUNNING 1, SCHEDULED 2, FINISHED 3, FAILED 4, KILLED 5).
 *   RUNNING is written at start and replaced when the run ends, so a RUNNING run whose newest
 *   timestamp (start, metric points) is older than `SILENCE_MS` stopped writing without ending.
 *   Whether its process died or is idle (a notebook that never called end_run) the store cannot
 *   say: unknown, ending (as far as anything shows) at that last sign of life. Newer: running.
 * - Times: start_time and end_time (epoch ms); runtime is their difference.
 * - Metrics: `metrics/<key>` (a `/` in a key is a subfolder), one `<timestamp> <value> [<step>]`
 *   line per point; keys `system/...` are system metrics. Values are Python float text
 *   (`nan`, `inf`, `-inf` included).
 * - Config: params, strings as stored. Summary: each metric's latest point, chosen as MLflow's
 *   file store does: the greatest (step, timestamp, value).
 * - Files: what `artifacts/` holds (the artifact root MLflow's UI lists).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { addPoint, emptyFacts, isSilent, readTree, type Point, type RunFacts, type State } from './facts.js';

const STATUS: Record<number, State> = { 1: 'running', 2: 'pending', 3: 'finished', 4: 'failed', 5: 'killed' };
const STATUS_NAME: Record<string, number> = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 };

export function readMlflowRun(dir: string, now = Date.now()): RunFacts {
  const facts = emptyFacts('mlflow');
  readTree(join(dir, 'artifacts'), facts);
  const meta = (parseYaml(readFileSync(join(dir, 'meta.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
  const start = typeof meta.start_time === 'number' ? meta.start_time : undefined;
  const end = typeof meta.end_time === 'number' ? meta.end_time : undefined;
  const status = typeof meta.status === 'string' ? STATUS_NAME[meta.status] : (meta.status as number);

  let lastSeen = Math.max(start ?? -Infinity, end ?? -Infinity);
  for (const [key, text] of filesBelow(join(dir, 'metrics'))) {
    const group = key.startsWith('system/') ? 'system' : 'history';
    let latest: Point | undefined;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const [ts, value, step] = line.trim().split(' ');
      const point = { step: step === undefined ? 0 : Number(step), value: pythonFloat(value), time: Number(ts) };
      addPoint(facts, key, group, point);
      lastSeen = Math.max(lastSeen, point.time);
      if (!latest || greater(point, latest)) latest = point;
    }
    if (latest) facts.summary[key] = latest.value;
  }
  for (const [key, text] of filesBelow(join(dir, 'params'))) facts.config[key] = text;

  facts.startedAt = start;
  facts.state = STATUS[status] ?? 'unknown';
  facts.stateWhy = `meta.yaml status ${String(meta.status)}`;
  if (facts.state === 'running' && isSilent(lastSeen, now)) {
    facts.state = 'unknown';
    facts.stateWhy = 'meta.yaml status RUNNING, with no point or end written for longer than the silence limit';
    facts.endedAt = lastSeen;
  } else if (facts.state !== 'running') facts.endedAt = end;
  if (start !== undefined && facts.endedAt !== undefined) facts.runtime = (facts.endedAt - start) / 1000;
  return facts;
}

/** Python's float(): also `nan`, `inf`, `-inf`, `infinity` in any case. */
function pythonFloat(text: string): number {
  const t = text.toLowerCase().replace(/^\+/, '');
  if (t === 'nan' || t === '-nan') return NaN;
  if (t === 'inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return Number(text);
}

/** Python's tuple order on (step, timestamp, value): the first element that differs decides. */
function greater(a: Point, b: Point): boolean {
  const ka = [a.step ?? 0, a.time ?? 0, a.value];
  const kb = [b.step ?? 0, b.time ?? 0, b.value];
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] > kb[i];
  return false;
}

/** Every file below `root` as [path relative to root, text]; an absent folder is empty. */
function filesBelow(root: string, prefix = ''): [string, string][] {
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch {
    return [];
  }
  return names.flatMap((name): [string, string][] => {
    const path = join(root, name);
    const key = prefix ? `${prefix}/${name}` : name;
    return statSync(path).isDirectory() ? filesBelow(path, key) : [[key, readFileSync(path, 'utf8')]];
  });
}

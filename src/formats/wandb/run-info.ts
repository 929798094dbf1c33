/**
 * Builds the `RunInfo` of a W&B run from what the datastore said and what `files/` said.
 * The datastore wins where both have a fact; `files/` fills the gaps.
 */

import type { JsonObject, RunInfo } from '../../data/source.js';
import type { MetadataFacts } from './files.js';
import type { DatastoreFacts } from './run-builder.js';
import { deriveRunState } from './state.js';
import { isPlainObject } from './values.js';

export interface InfoInput {
  facts: DatastoreFacts;
  folderId?: string;
  fileConfig?: { config: JsonObject; wandb?: JsonObject };
  fileSummary?: JsonObject;
  meta: MetadataFacts;
  now: number;
  thresholdMs: number;
}

export function buildInfo(x: InfoInput): RunInfo {
  const { facts: f, meta } = x;
  const run = f.run;
  const env = f.environment;
  const dsWandb = isPlainObject(f.config._wandb) ? f.config._wandb : undefined;
  const fileWandb = x.fileConfig?.wandb;

  const startedAt =
    run?.startTime ?? env.startedAt ?? meta.startedAt ?? seconds(dsWandb?.start_time) ?? seconds(fileWandb?.start_time);
  const lastActivity = maxDefined(f.lastActivity, meta.heartbeatAt, startedAt);
  const state = deriveRunState({ exit: f.exit, lastActivity, now: x.now, thresholdMs: x.thresholdMs });

  const info: RunInfo = { id: run?.runId || x.folderId || 'unknown', state, format: 'wandb' };
  set(info, 'name', run?.displayName);
  set(info, 'project', run?.project);
  set(info, 'entity', run?.entity);
  set(info, 'group', run?.group);
  set(info, 'jobType', run?.jobType);
  set(info, 'notes', run?.notes);
  if (run?.tags.length) info.tags = run.tags;
  set(info, 'startedAt', startedAt);
  set(info, 'heartbeatAt', lastActivity);
  if (f.exit) info.exitCode = f.exit.exitCode;

  const summaryRuntime = typeof x.fileSummary?._runtime === 'number' ? x.fileSummary._runtime : undefined;
  // An exit record knows the runtime; otherwise the run lasted at least until its last sign of life.
  const sinceStart =
    startedAt !== undefined && lastActivity !== undefined ? (lastActivity - startedAt) / 1000 : undefined;
  const logged = f.lastRuntime ?? summaryRuntime;
  const runtime = f.exit?.runtime ?? maxDefined(logged, sinceStart);
  set(info, 'runtime', runtime);
  if (state !== 'running') {
    set(
      info,
      'endedAt',
      f.exit?.runtime !== undefined && startedAt !== undefined ? startedAt + f.exit.runtime * 1000 : lastActivity,
    );
  }

  set(info, 'host', run?.host || env.host || meta.host);
  set(info, 'os', env.os ?? meta.os);
  set(info, 'user', env.username ?? meta.user);
  const python = {
    version:
      env.python ??
      f.telemetry.pythonVersion ??
      meta.python?.version ??
      str(dsWandb?.python_version) ??
      str(fileWandb?.python_version),
    executable: env.executable ?? meta.python?.executable,
  };
  if (python.version || python.executable) info.python = clean(python);
  if (env.program || env.args.length) info.command = clean({ program: env.program ?? env.codePath, args: env.args });
  else if (meta.command) info.command = clean(meta.command);
  const git = run?.git?.remote || run?.git?.commit ? run.git : env.git?.remote || env.git?.commit ? env.git : meta.git;
  if (git) info.git = clean({ ...git });
  const hardware = hardwareFromEnvironment(f) ?? meta.hardware;
  if (hardware) info.hardware = hardware;

  info.config = mergeGaps(withoutWandb(f.config), x.fileConfig?.config);
  info.summary = mergeGaps(withoutWandb(f.summary), x.fileSummary ? withoutWandb(x.fileSummary) : undefined);
  const version =
    f.telemetry.cliVersion ?? str(dsWandb?.cli_version) ?? str(fileWandb?.cli_version) ?? f.producer?.split('+')[0];
  info.sdk = version ? { name: 'wandb', version } : { name: 'wandb' };
  return info;
}

function hardwareFromEnvironment(f: DatastoreFacts): RunInfo['hardware'] | undefined {
  const e = f.environment;
  const hw: NonNullable<RunInfo['hardware']> = {};
  if (e.cpuCount) hw.cpuCount = e.cpuCount;
  if (e.cpuCountLogical) hw.cpuCountLogical = e.cpuCountLogical;
  const memory = e.memoryTotal ?? e.apple?.ramTotal;
  if (memory) hw.memoryBytes = memory;
  const gpus = e.gpuNvidia
    .filter((g) => g.name)
    .map((g) => (g.memoryTotal ? { name: g.name!, memoryBytes: g.memoryTotal } : { name: g.name! }));
  if (gpus.length) hw.gpus = gpus;
  if (e.gpuCount) hw.acceleratorCount = e.gpuCount;
  if (e.gpuType) hw.accelerator = e.gpuType;
  if (e.apple?.name) {
    hw.cpu = e.apple.name;
    hw.accelerator ??= e.apple.name;
  }
  if (e.cudaVersion) hw.cudaVersion = e.cudaVersion;
  return Object.keys(hw).length ? hw : undefined;
}

/** `primary` with the keys only `gaps` has added. */
function mergeGaps(primary: JsonObject, gaps: JsonObject | undefined): JsonObject {
  if (!gaps) return primary;
  const out: JsonObject = { ...primary };
  for (const [k, v] of Object.entries(gaps)) if (!(k in out)) out[k] = v;
  return out;
}

function withoutWandb(o: JsonObject): JsonObject {
  if (!('_wandb' in o)) return o;
  const { _wandb: _omit, ...rest } = o;
  return rest;
}

function seconds(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v * 1000 : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function maxDefined(...vs: (number | undefined)[]): number | undefined {
  let m: number | undefined;
  for (const v of vs) if (v !== undefined && Number.isFinite(v) && (m === undefined || v > m)) m = v;
  return m;
}

function set<K extends keyof RunInfo>(o: RunInfo, k: K, v: RunInfo[K] | undefined | null | ''): void {
  if (v !== undefined && v !== null && v !== '') o[k] = v;
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined || o[k] === '') delete o[k];
  return o;
}

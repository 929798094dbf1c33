/**
 * Builds the `RunInfo` of a W&B run from what the datastore said and what `files/` said.
 * The datastore wins where both have a fact; `files/` fills the gaps.
 */

import type { JsonObject, RunInfo } from '../../data/source.js';
import type { MetadataFacts } from './files.js';
import type { DatastoreFacts } from './run-builder.js';
import { type DebugLogFacts, localToEpoch } from './debug-logs.js';
import { deriveRunState, endsInTraceback } from './state.js';
import { isPlainObject } from './values.js';

export interface InfoInput {
  facts: DatastoreFacts;
  folderId?: string;
  fileConfig?: { config: JsonObject; wandb?: JsonObject };
  fileSummary?: JsonObject;
  meta: MetadataFacts;
  /** What the run's debug logs say: an exit code, the SDK version, the project. */
  debug?: DebugLogFacts;
  /**
   * Epoch ms of the latest change to the run's files. Used only for runs read from `files/`
   * alone, and only when the run's own clock agrees (a copied folder has fresh file times).
   */
  filesChangedAt?: number;
  /** The console as it is shown (it may end in a traceback). */
  console?: readonly { text: string }[];
  /** The project to show when nothing in the run names one (a guess from the folder layout). */
  projectHint?: string;
  now: number;
  thresholdMs: number;
}

/**
 * File times further past the run's own latest time than this are not the run writing: the
 * folder was copied (or checked out) later.
 */
const COPY_GAP_MS = 24 * 3600_000;

export function buildInfo(x: InfoInput): RunInfo {
  const { facts: f, meta } = x;
  const debug = x.debug ?? {};
  const run = f.run;
  const env = f.environment;
  const dsWandb = isPlainObject(f.config._wandb) ? f.config._wandb : undefined;
  const fileWandb = x.fileConfig?.wandb;
  const datastore = hasRecords(f);

  const startedAt =
    run?.startTime ??
    env.startedAt ??
    meta.startedAt ??
    seconds(dsWandb?.start_time) ??
    seconds(fileWandb?.start_time) ??
    debug.firstTime;
  const summary = x.fileSummary;
  // wandb-summary.json: `_wandb.runtime` is written with the exit, `_runtime` with each log call.
  const summaryRuntime = maxDefined(
    num(summary?._runtime),
    isPlainObject(summary?._wandb) ? num(summary._wandb.runtime) : undefined,
  );
  // The run's own clock: times it recorded itself.
  const recorded = maxDefined(
    f.lastActivity,
    meta.heartbeatAt,
    startedAt,
    seconds(summary?._timestamp),
    startedAt !== undefined && summaryRuntime !== undefined ? startedAt + summaryRuntime * 1000 : undefined,
    debug.lastTime,
    localToEpoch(debug, startedAt),
  );
  const filesChanged =
    !datastore && x.filesChangedAt !== undefined && recorded !== undefined && x.filesChangedAt - recorded <= COPY_GAP_MS
      ? x.filesChangedAt
      : undefined;
  const lastActivity = maxDefined(recorded, filesChanged);
  const recordedExit = !f.exit && debug.exitCode !== undefined ? { exitCode: debug.exitCode } : undefined;
  const state = deriveRunState({
    exit: f.exit,
    recordedExit,
    lastActivity,
    now: x.now,
    thresholdMs: x.thresholdMs,
    datastore,
    closed: debug.closed,
    endsInTraceback: x.console !== undefined && endsInTraceback(x.console),
  });

  const info: RunInfo = { id: run?.runId || x.folderId || 'unknown', state, format: 'wandb' };
  set(info, 'name', run?.displayName);
  set(info, 'project', run?.project || debug.project || x.projectHint);
  set(info, 'entity', run?.entity || debug.entity);
  set(info, 'group', run?.group);
  set(info, 'jobType', run?.jobType);
  set(info, 'notes', run?.notes);
  if (run?.tags.length) info.tags = run.tags;
  set(info, 'startedAt', startedAt);
  set(info, 'heartbeatAt', lastActivity);
  const exitCode = f.exit?.exitCode ?? recordedExit?.exitCode;
  if (exitCode !== undefined) info.exitCode = exitCode;

  // A recorded exit knows the runtime; otherwise the run lasted at least until its last sign of life.
  const exitRuntime = f.exit ? f.exit.runtime : recordedExit ? debug.runtime : undefined;
  const sinceStart =
    startedAt !== undefined && lastActivity !== undefined ? (lastActivity - startedAt) / 1000 : undefined;
  const runtime = exitRuntime ?? maxDefined(f.lastRuntime, summaryRuntime, sinceStart);
  set(info, 'runtime', runtime);
  if (state !== 'running') {
    // Start + runtime; a run with no sign of how long it lasted has no known end (not its start).
    const lasted = runtime !== undefined && (runtime > 0 || exitRuntime !== undefined);
    set(
      info,
      'endedAt',
      startedAt !== undefined && lasted ? startedAt + runtime * 1000 : datastore ? lastActivity : undefined,
    );
  }

  set(info, 'host', run?.host || env.host || meta.host);
  set(info, 'os', env.os ?? meta.os);
  set(info, 'user', env.username ?? meta.user);
  const python = {
    version:
      env.python ??
      f.telemetry.pythonVersion ??
      run?.telemetry?.pythonVersion ??
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
  // The best evidence first: what the writer recorded in the datastore, then the config it
  // saved, then the writer's version in the header (0.18+), then its debug logs.
  const version =
    f.telemetry.cliVersion ??
    run?.telemetry?.cliVersion ??
    str(dsWandb?.cli_version) ??
    str(fileWandb?.cli_version) ??
    f.producer?.split('+')[0] ??
    debug.sdkVersion;
  info.sdk = version ? { name: 'wandb', version } : { name: 'wandb' };
  return info;
}

/** Whether the datastore holds anything beyond its header (an empty one says nothing about the run). */
export function hasRecords(f: DatastoreFacts): boolean {
  for (const [type, n] of Object.entries(f.recordCounts)) if (type !== 'header' && n > 0) return true;
  return false;
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

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
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

/** Readers of runs: `RunInfo` (whole or a live patch) and `RunRef`. */
import {
  RUN_STATES,
  type GpuInfo,
  type HardwareInfo,
  type RunContents,
  type RunInfo,
  type RunListEvent,
  type RunPage,
  type RunRef,
} from '../source.js';
import { readJsonObject } from './json.js';
import type { Repairs } from './repairs.js';
import {
  isObj,
  put,
  readBoolean,
  readList,
  readNumber,
  readOneOf,
  readString,
  readStrings,
  readTime,
  type Obj,
} from './values.js';

const CONTENTS: readonly (keyof RunContents)[] = ['metrics', 'system', 'logs', 'files', 'artifacts', 'model', 'media'];
const TEXT_FIELDS = ['name', 'project', 'entity', 'group', 'jobType', 'notes', 'host', 'os', 'user', 'format'] as const;
const TIME_FIELDS = ['heartbeatAt', 'startedAt', 'endedAt'] as const;

function readSub<T extends object>(
  v: unknown,
  r: Repairs,
  what: string,
  fill: (o: Obj, out: T) => void,
): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    r.dropped(what);
    return undefined;
  }
  const out = {} as T;
  fill(v, out);
  return out;
}

function readHardware(v: unknown, r: Repairs): HardwareInfo | undefined {
  return readSub<HardwareInfo>(v, r, 'run hardware', (o, out) => {
    put(out, 'cpu', readString(o.cpu, r, 'hardware cpu'));
    put(out, 'cpuCount', readNumber(o.cpuCount, r, 'hardware counts', { min: 0, int: true }));
    put(out, 'cpuCountLogical', readNumber(o.cpuCountLogical, r, 'hardware counts', { min: 0, int: true }));
    put(out, 'memoryBytes', readNumber(o.memoryBytes, r, 'hardware memory', { min: 0 }));
    put(out, 'acceleratorCount', readNumber(o.acceleratorCount, r, 'hardware counts', { min: 0, int: true }));
    put(out, 'accelerator', readString(o.accelerator, r, 'hardware accelerator'));
    put(out, 'cudaVersion', readString(o.cudaVersion, r, 'hardware CUDA version'));
    if (o.gpus !== undefined && o.gpus !== null) {
      const gpus: GpuInfo[] = [];
      for (const g of readList(o.gpus, r, 'hardware GPU list')) {
        const name = isObj(g) ? readString(g.name, r, 'GPU names') : readString(g, r, 'GPUs');
        if (name === undefined) {
          if (isObj(g) || g === null) r.dropped('GPUs without a name');
          continue;
        }
        const gpu: GpuInfo = { name };
        if (isObj(g)) put(gpu, 'memoryBytes', readNumber(g.memoryBytes, r, 'GPU memory', { min: 0 }));
        gpus.push(gpu);
      }
      out.gpus = gpus;
    }
  });
}

/** The fields of a run that are present in `o`, each read to its contract type. */
function readRunFields(o: Obj, r: Repairs, out: Partial<RunInfo>): void {
  for (const f of TEXT_FIELDS) put(out, f, readString(o[f], r, `run ${f}`));
  for (const f of TIME_FIELDS) put(out, f, readTime(o[f], r, `run times`));
  if ('state' in o) out.state = readOneOf(o.state, RUN_STATES, r, 'run state', 'unknown');
  put(out, 'tags', readStrings(o.tags, r, 'run tags'));
  put(out, 'warnings', readStrings(o.warnings, r, 'run warnings'));
  put(out, 'withheld', readStrings(o.withheld, r, 'withheld fields'));
  put(out, 'runtime', readNumber(o.runtime, r, 'run runtime', { min: 0 }));
  put(out, 'exitCode', readNumber(o.exitCode, r, 'run exit code', { int: true }));
  put(
    out,
    'python',
    readSub(o.python, r, 'run python', (p, py: NonNullable<RunInfo['python']>) => {
      put(py, 'version', readString(p.version, r, 'python version'));
      put(py, 'executable', readString(p.executable, r, 'python executable'));
    }),
  );
  put(
    out,
    'command',
    readSub(o.command, r, 'run command', (c, cmd: NonNullable<RunInfo['command']>) => {
      put(cmd, 'program', readString(c.program, r, 'command program'));
      put(cmd, 'args', readStrings(c.args, r, 'command arguments'));
    }),
  );
  put(
    out,
    'git',
    readSub(o.git, r, 'run git', (g, git: NonNullable<RunInfo['git']>) => {
      put(git, 'remote', readString(g.remote, r, 'git remote'));
      put(git, 'commit', readString(g.commit, r, 'git commit'));
      put(git, 'branch', readString(g.branch, r, 'git branch'));
      put(git, 'dirty', readBoolean(g.dirty, r, 'git dirty flag'));
    }),
  );
  put(out, 'hardware', readHardware(o.hardware, r));
  put(out, 'config', readJsonObject(o.config, r, 'config'));
  put(out, 'summary', readJsonObject(o.summary, r, 'summary'));
  if (o.sdk !== undefined && o.sdk !== null) {
    const sdk = readSub(o.sdk, r, 'run SDK', (s, sdk: NonNullable<RunInfo['sdk']>) => {
      sdk.name = readString(s.name, r, 'SDK name') ?? 'unknown';
      put(sdk, 'version', readString(s.version, r, 'SDK version'));
    });
    put(out, 'sdk', sdk);
  }
  put(
    out,
    'has',
    readSub(o.has, r, 'run contents', (h, has: RunContents) => {
      for (const k of CONTENTS) put(has, k, readBoolean(h[k], r, 'run contents flags'));
    }),
  );
}

/** A whole run. Undefined when `v` is not an object at all; a missing id is the one asked for. */
export function readRunInfo(v: unknown, r: Repairs, askedId: string): RunInfo | undefined {
  if (!isObj(v)) return undefined;
  const id = readString(v.id, r, 'run id');
  const out: RunInfo = { id: id ?? askedId, state: 'unknown' };
  if (id === undefined) r.converted('run id');
  readRunFields(v, r, out);
  if (!('state' in v)) r.converted('run state');
  return out;
}

/** A live change to a run: only the fields it carries. */
export function readRunPatch(v: unknown, r: Repairs): Partial<RunInfo> | undefined {
  if (!isObj(v)) return undefined;
  const out: Partial<RunInfo> = {};
  if ('id' in v) put(out, 'id', readString(v.id, r, 'run id'));
  readRunFields(v, r, out);
  return out;
}

/** A run in a listing or a lineage; undefined when it has no usable id. */
export function readRunRef(v: unknown, r: Repairs, what = 'runs'): RunRef | undefined {
  if (!isObj(v)) {
    r.dropped(`${what} that are not objects`);
    return undefined;
  }
  const id = readString(v.id, r, `${what} ids`);
  if (id === undefined) {
    r.dropped(`${what} without an id`);
    return undefined;
  }
  const out: RunRef = { id };
  put(out, 'name', readString(v.name, r, `${what} names`));
  put(out, 'project', readString(v.project, r, `${what} projects`));
  if (v.state !== undefined && v.state !== null)
    put(out, 'state', readOneOf(v.state, RUN_STATES, r, `${what} states`, 'unknown'));
  put(out, 'group', readString(v.group, r, `${what} groups`));
  put(out, 'tags', readStrings(v.tags, r, `${what} tags`));
  put(out, 'startedAt', readTime(v.startedAt, r, `${what} start times`));
  put(out, 'endedAt', readTime(v.endedAt, r, `${what} end times`));
  put(out, 'heartbeatAt', readTime(v.heartbeatAt, r, `${what} heartbeats`));
  put(out, 'runtime', readNumber(v.runtime, r, `${what} runtimes`, { min: 0 }));
  put(out, 'config', readJsonObject(v.config, r, `${what} configs`));
  put(out, 'summary', readJsonObject(v.summary, r, `${what} summaries`));
  put(out, 'format', readString(v.format, r, `${what} formats`));
  put(out, 'error', readString(v.error, r, `${what} errors`));
  put(out, 'warnings', readNumber(v.warnings, r, `${what} warning counts`, { min: 0, int: true }));
  return out;
}

/** One page of `queryRuns`: the runs kept, a whole-number total, the next cursor and a search problem. */
export function readRunPage(v: unknown, r: Repairs): RunPage | undefined {
  if (!isObj(v)) return undefined;
  if (!Array.isArray(v.runs)) return undefined;
  const runs: RunRef[] = [];
  for (const item of v.runs) {
    const ref = readRunRef(item, r);
    if (ref) runs.push(ref);
  }
  const page: RunPage = { runs, total: runs.length };
  if (typeof v.total === 'number' && Number.isInteger(v.total) && v.total >= runs.length) page.total = v.total;
  else if (v.total !== undefined) r.dropped('a run count that is not a whole number');
  if (typeof v.next === 'string' && v.next !== '') page.next = v.next;
  if (typeof v.invalid === 'string') page.invalid = v.invalid;
  return page;
}

/** One `watchRuns` event; undefined (with the reason in `r`) when it cannot be used. */
export function readRunListEvent(v: unknown, r: Repairs): RunListEvent | undefined {
  if (!isObj(v)) {
    r.dropped('listing events that are not objects');
    return undefined;
  }
  if (v.type === 'resync') return { type: 'resync' };
  if (v.type === 'run-removed') {
    const runId = readString(v.runId, r, 'removed run ids');
    if (runId === undefined) r.dropped('listing events without a run id');
    return runId === undefined ? undefined : { type: 'run-removed', runId };
  }
  if (v.type === 'run-added' || v.type === 'run-changed') {
    const run = readRunRef(v.run, r, 'listed runs');
    return run ? { type: v.type, run } : undefined;
  }
  r.dropped('listing events of an unknown type');
  return undefined;
}

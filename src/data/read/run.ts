/** Readers of runs: `RunInfo` (whole or a live patch) and `RunRef`. */
import {
  RUN_STATES,
  type GpuInfo,
  type HardwareInfo,
  type RunContents,
  type RunInfo,
  type RunPage,
  type RunRef,
} from '../source.js';
import { readJsonObject } from './json.js';
import type { Repairs } from './repairs.js';
import { COUNT, putFields, readFields, type Fields } from './fields.js';
import { isObj, put, readList, readNumber, readOneOf, readString, type Obj } from './values.js';
import { answerReader, readArray } from './answer.js';

const TEXT_FIELDS = ['name', 'project', 'entity', 'group', 'jobType', 'notes', 'host', 'os', 'user', 'format'] as const;
const TIME_FIELDS = ['heartbeatAt', 'startedAt', 'endedAt'] as const;
const CONTENTS: readonly (keyof RunContents)[] = ['metrics', 'system', 'logs', 'files', 'artifacts', 'model', 'media'];

const RUN_FIELDS: Fields<RunInfo> = {
  ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, ['string', `run ${f}`]])),
  ...Object.fromEntries(TIME_FIELDS.map((f) => [f, ['time', 'run times']])),
};
const LIST_FIELDS: Fields<RunInfo> = {
  tags: ['strings', 'run tags'],
  warnings: ['strings', 'run warnings'],
  withheld: ['strings', 'withheld fields'],
  runtime: ['number', 'run runtime', { min: 0 }],
  exitCode: ['number', 'run exit code', { int: true }],
};
const PYTHON: Fields<NonNullable<RunInfo['python']>> = {
  version: ['string', 'python version'],
  executable: ['string', 'python executable'],
};
const COMMAND: Fields<NonNullable<RunInfo['command']>> = {
  program: ['string', 'command program'],
  args: ['strings', 'command arguments'],
};
const GIT: Fields<NonNullable<RunInfo['git']>> = {
  remote: ['string', 'git remote'],
  commit: ['string', 'git commit'],
  branch: ['string', 'git branch'],
  dirty: ['boolean', 'git dirty flag'],
};
const SDK: Fields<NonNullable<RunInfo['sdk']>> = { name: ['string', 'SDK name'], version: ['string', 'SDK version'] };
const HAS: Fields<RunContents> = Object.fromEntries(CONTENTS.map((k) => [k, ['boolean', 'run contents flags']]));
const HARDWARE: Fields<HardwareInfo> = {
  cpu: ['string', 'hardware cpu'],
  cpuCount: ['number', 'hardware counts', COUNT],
  cpuCountLogical: ['number', 'hardware counts', COUNT],
  memoryBytes: ['number', 'hardware memory', { min: 0 }],
  acceleratorCount: ['number', 'hardware counts', COUNT],
  accelerator: ['string', 'hardware accelerator'],
  cudaVersion: ['string', 'hardware CUDA version'],
};

const REF_NAMES: Fields<RunRef> = { name: ['string', 'names'], project: ['string', 'projects'] };
const REF_FIELDS: Fields<RunRef> = {
  group: ['string', 'groups'],
  tags: ['strings', 'tags'],
  startedAt: ['time', 'start times'],
  endedAt: ['time', 'end times'],
  heartbeatAt: ['time', 'heartbeats'],
  runtime: ['number', 'runtimes', { min: 0 }],
  config: ['json', 'configs'],
  summary: ['json', 'summaries'],
  format: ['string', 'formats'],
  error: ['string', 'errors'],
  warnings: ['number', 'warning counts', COUNT],
};

function readHardware(v: unknown, r: Repairs): HardwareInfo | undefined {
  const out = readFields(v, r, 'run hardware', HARDWARE);
  if (out && isObj(v) && v.gpus !== undefined && v.gpus !== null) {
    const gpus: GpuInfo[] = [];
    for (const g of readList(v.gpus, r, 'hardware GPU list')) {
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
  return out;
}

/** The fields of a run that are present in `o`, each read to its contract type. */
function readRunFields(o: Obj, r: Repairs, out: Partial<RunInfo>): void {
  putFields(out, o, r, RUN_FIELDS);
  if ('state' in o) out.state = readOneOf(o.state, RUN_STATES, r, 'run state', 'unknown');
  putFields(out, o, r, LIST_FIELDS);
  put(out, 'python', readFields(o.python, r, 'run python', PYTHON));
  put(out, 'command', readFields(o.command, r, 'run command', COMMAND));
  put(out, 'git', readFields(o.git, r, 'run git', GIT));
  put(out, 'hardware', readHardware(o.hardware, r));
  put(out, 'config', readJsonObject(o.config, r, 'config'));
  put(out, 'summary', readJsonObject(o.summary, r, 'summary'));
  const sdk = readFields(o.sdk, r, 'run SDK', SDK);
  if (sdk) sdk.name ??= 'unknown';
  put(out, 'sdk', sdk);
  put(out, 'has', readFields(o.has, r, 'run contents', HAS));
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
  putFields(out, v, r, REF_NAMES, `${what} `);
  if (v.state !== undefined && v.state !== null)
    put(out, 'state', readOneOf(v.state, RUN_STATES, r, `${what} states`, 'unknown'));
  putFields(out, v, r, REF_FIELDS, `${what} `);
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

/** How checked-source.ts reads the answers of these methods. */
export const readAnswer = answerReader({
  getRun: (v, r, [runId]) => readRunInfo(v, r, runId),
  listRuns: (v, r) => readArray(v, r, (item, ri) => readRunRef(item, ri)),
  queryRuns: readRunPage,
});

/** checked-source.ts takes the class from the readers it loaded (for the events of watchRuns). */
export { Repairs } from './repairs.js';

/**
 * An independent reader of one W&B run folder (FORMATS.md "W&B run folder" and "The `.wandb`
 * datastore"; field numbers checked against wandb's `wandb_internal.proto`).
 *
 * Rules this reader applies, each a judgement written down:
 * - State. An exit record decides: code 0 → finished, else failed with that code. Without one,
 *   a datastore that holds a run record proves the run started writing: silent for
 *   `SILENCE_MS` → crashed, else running. Without a datastore (or an empty one) the folder's
 *   files decide: a "handling exit code: N" line in logs/debug-internal.log (Python writer)
 *   counts as an exit; nothing else in files/ proves an end or a crash, so the state is unknown,
 *   ending at start + the summary's `_wandb.runtime`, else at the last line of its logs.
 * - Times. Start: the run record's start_time (files only: wandb-metadata.json startedAt).
 *   Runtime of an ended run: the exit record's runtime (whole seconds); a zero there is proto3's
 *   "not written", so `_wandb.runtime` of the summary, then the last sign of life stands in.
 *   End = start + runtime. A crashed or running run ends (so far) at its last sign of life: the
 *   newest timestamp of any stats, output or history record, or of any line of the run's own
 *   logs/*.log (the SDK's process keeps logging, e.g. output.log writes, after the user's process
 *   stopped writing records). The older writer logs local time without a zone: the run folder's
 *   name is the same local time of the start, which gives the offset.
 * - Metrics. History items whose value is a number (bare NaN/Infinity included) are points at
 *   the record's step; keys starting with `_` are W&B's own (`_step`, `_runtime`, `_timestamp`)
 *   and are not metrics. Stats items are system metrics `system.<key>`; a JSON object value
 *   (legacy `network: {sent, recv}`) gives one metric per member, joined with `.`.
 *   A nested key path is joined with `.`, as W&B's app shows nested values.
 * - Console. Output records are byte chunks per stream; a line is complete at its `\n` and takes
 *   its place in the console then; a stream's unfinished last line (an `input()` prompt) takes
 *   its place where its first character was written, as a terminal shows it. When the
 *   datastore has no console, files/output.log is the console. When it has one and output.log
 *   holds lines after the datastore's last complete line (the datastore was cut, the SDK kept
 *   writing output.log), those lines follow. output.log does not say which stream a line took.
 * - Config and summary. files/config.yaml and files/wandb-summary.json are the SDK's latest
 *   snapshots; when absent, the datastore's records are folded in order (run record first).
 *   With no summary at all, each history key's last value is the summary (W&B's default).
 *   `_wandb` is the SDK's bookkeeping, hidden by W&B's app, and left out of both.
 * - Hardware. wandb-metadata.json, else the environment records of 0.19+ datastores. Memory
 *   `memory.total` is GiB when a number (SDK ≤ 0.17), bytes when a string (0.19+).
 */
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { wandbRecords } from './framing.js';
import { addPoint, emptyFacts, isSilent, readTree, type ConsoleLine, type Hardware, type RunFacts } from './facts.js';
import { parsePythonJson, type Json } from './json.js';
import { Msg, timestampMs } from './protobuf.js';

type JsonObject = { [key: string]: Json };

/** Record field numbers (FORMATS.md). */
const R = {
  history: 2,
  summary: 3,
  output: 4,
  config: 5,
  files: 6,
  stats: 7,
  outputRaw: 13,
  run: 17,
  exit: 18,
  environment: 26,
} as const;

export function readWandbRun(dir: string, now = Date.now()): RunFacts {
  const facts = emptyFacts('wandb');
  readTree(dir, facts);
  const stores = [...facts.files.keys()].filter((p) => !p.includes('/') && p.endsWith('.wandb'));
  if (stores.length > 1) facts.notes.push(`several datastores: ${stores.join(', ')}; read ${stores[0]}`);
  const log = stores.length > 0 ? readDatastore(facts.files.get(stores[0])!, facts) : undefined;
  const text = (path: string) => {
    const bytes = facts.files.get(path);
    return bytes && new TextDecoder().decode(bytes);
  };
  const json = (path: string) => {
    const t = text(path);
    if (t === undefined || t.trim() === '') return undefined;
    try {
      return parsePythonJson(t) as JsonObject;
    } catch {
      facts.notes.push(`${path} is not JSON`);
      return undefined;
    }
  };

  // Config and summary: the snapshot files first, then the datastore's fold.
  const configYaml = text('files/config.yaml');
  facts.config = configYaml !== undefined ? unwrapConfigYaml(configYaml) : (log?.config ?? {});
  facts.summary =
    json('files/wandb-summary.json') ?? (log && log.summaryRecords > 0 ? log.summary : (log?.lastHistory ?? {}));
  const summaryRuntime = numberAt(facts.summary, ['_wandb', 'runtime']);
  delete facts.config._wandb;
  delete facts.summary._wandb;

  const metadata = json('files/wandb-metadata.json');
  facts.hardware = mergeHardware(metadata && hardwareFromMetadata(metadata), log?.environment);
  facts.console = consoleOf(log?.console, text('files/output.log'), facts);

  // Start, state and end.
  const started = log?.runRecord === true;
  facts.startedAt = started ? log.startedAt : isoUtc(metadata?.startedAt);
  const lastSeen = log?.lastSeen;
  const sinceStart = (t: number | undefined) =>
    t !== undefined && facts.startedAt !== undefined ? (t - facts.startedAt) / 1000 : undefined;
  const exit = log?.exit ?? exitFromDebugLog(text('logs/debug-internal.log'));
  if (exit) {
    facts.exitCode = exit.code;
    facts.state = exit.code === 0 ? 'finished' : 'failed';
    facts.stateWhy = `${exit.from} says exit code ${exit.code}`;
    facts.runtime = exit.runtime || summaryRuntime || sinceStart(lastSeen);
    if (facts.runtime !== undefined && facts.startedAt !== undefined)
      facts.endedAt = facts.startedAt + facts.runtime * 1000;
  } else if (started) {
    const silent = isSilent(lastSeen, now);
    facts.state = silent ? 'crashed' : 'running';
    facts.stateWhy = silent
      ? 'the datastore holds a run record and no exit record, and has been silent since'
      : 'the datastore holds no exit record and was written to recently';
    const last = silent ? Math.max(lastSeen ?? -Infinity, lastLogTime(facts, dir, log.startedAt)) : lastSeen;
    facts.runtime = sinceStart(Number.isFinite(last) ? last : undefined);
    if (silent && Number.isFinite(last)) facts.endedAt = last;
  } else {
    facts.state = 'unknown';
    facts.stateWhy = 'no datastore records and no exit line in logs/debug-internal.log: nothing proves an end';
    // Without a runtime in the summary, the last sign of life in the run's logs is the end.
    const lastLog = lastLogTime(facts, dir, facts.startedAt);
    facts.runtime = summaryRuntime ?? (lastLog > (facts.startedAt ?? Infinity) ? sinceStart(lastLog) : undefined);
    if (facts.runtime !== undefined && facts.startedAt !== undefined)
      facts.endedAt = facts.startedAt + facts.runtime * 1000;
  }

  for (const named of log?.namedFiles ?? [])
    if (!facts.files.has(`files/${named}`)) facts.notes.push(`files/${named} is named by a files record but absent`);
  return facts;
}

interface Exit {
  code: number;
  runtime: number;
  from: string;
}

interface Datastore {
  runRecord: boolean;
  startedAt?: number;
  lastSeen?: number;
  exit?: Exit;
  config: JsonObject;
  summary: JsonObject;
  summaryRecords: number;
  lastHistory: JsonObject;
  console: ConsoleParts;
  environment?: Hardware;
  namedFiles: string[];
}

interface ConsoleParts {
  lines: ConsoleLine[];
  /** Index in `lines` of the last line that ended with `\n`. */
  lastComplete: number | undefined;
}

function readDatastore(bytes: Uint8Array, facts: RunFacts): Datastore {
  const { payloads, problem } = wandbRecords(bytes);
  if (problem) facts.notes.push(`datastore: ${problem} (${payloads.length} intact records kept)`);
  const d: Datastore = {
    runRecord: false,
    config: {},
    summary: {},
    summaryRecords: 0,
    lastHistory: {},
    console: { lines: [], lastComplete: undefined },
    namedFiles: [],
  };
  const seen = (t: number | undefined) => {
    if (t !== undefined && !Number.isNaN(t)) d.lastSeen = Math.max(d.lastSeen ?? t, t);
  };
  const pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  /** Where each stream's unfinished line began, as a console position. */
  const pendingAt: Record<'stdout' | 'stderr', number> = { stdout: 0, stderr: 0 };
  let historyIndex = 0;

  for (const payload of payloads) {
    const rec = new Msg(payload);
    const run = rec.msg(R.run);
    if (run) {
      d.runRecord = true;
      d.startedAt ??= timestampMs(run.msg(17));
      const config = run.msg(4);
      if (config) fold(d.config, config, facts);
      const summary = run.msg(5);
      if (summary) fold(d.summary, summary, facts);
    }
    const config = rec.msg(R.config);
    if (config) fold(d.config, config, facts);
    const summary = rec.msg(R.summary);
    if (summary) {
      d.summaryRecords++;
      fold(d.summary, summary, facts);
    }
    const history = rec.msg(R.history);
    if (history) {
      const items = history.msgs(1).map((item) => ({ path: itemPath(item), value: historyValue(item, facts) }));
      const stepItem = items.find((i) => i.path.length === 1 && i.path[0] === '_step');
      const step = history.has(2)
        ? (history.msg(2)!.int(1) ?? 0)
        : typeof stepItem?.value === 'number'
          ? stepItem.value
          : historyIndex;
      historyIndex++;
      const tsItem = items.find((i) => i.path.length === 1 && i.path[0] === '_timestamp');
      const time = typeof tsItem?.value === 'number' ? tsItem.value * 1000 : undefined;
      seen(time);
      for (const { path, value } of items) {
        if (value === undefined) continue;
        d.lastHistory[path.join('.')] = value;
        if (path[0].startsWith('_') || typeof value !== 'number') continue;
        addPoint(facts, path.join('.'), 'history', { step, value, time });
      }
    }
    const stats = rec.msg(R.stats);
    if (stats) {
      const time = timestampMs(stats.msg(2));
      seen(time);
      for (const item of stats.msgs(3)) {
        const value = jsonValue(item, facts);
        for (const [key, v] of flatten(item.str(1) ?? '', value))
          addPoint(facts, `system.${key}`, 'system', { value: v, time });
      }
    }
    const output = rec.msg(R.output) ?? rec.msg(R.outputRaw);
    if (output) {
      seen(timestampMs(output.msg(2)));
      const stream = output.int(1) === 1 ? 'stdout' : 'stderr'; // enum default 0 is STDERR
      const before = pending[stream];
      const parts = (before + (output.str(3) ?? '')).split('\n');
      pending[stream] = parts.pop()!;
      for (const text of parts) d.console.lines.push({ text, stream });
      // A new unfinished line begins here.
      if (pending[stream] !== '' && (parts.length > 0 || before === '')) pendingAt[stream] = d.console.lines.length;
      if (parts.length > 0) d.console.lastComplete = d.console.lines.length - 1;
    }
    const exit = rec.msg(R.exit);
    if (exit && !exit.int(3)) d.exit = { code: exit.int(1) ?? 0, runtime: exit.int(2) ?? 0, from: 'the exit record' };
    const env = rec.msg(R.environment);
    if (env) d.environment = mergeHardware(hardwareFromEnvironment(env), d.environment);
    const files = rec.msg(R.files);
    if (files) for (const item of files.msgs(1)) d.namedFiles.push(item.str(1) ?? '');
  }
  const unfinished = (['stderr', 'stdout'] as const).filter((stream) => pending[stream] !== '');
  // The later position first, so the earlier one still points where it should.
  unfinished.sort((a, b) => pendingAt[b] - pendingAt[a]);
  for (const stream of unfinished) d.console.lines.splice(pendingAt[stream], 0, { text: pending[stream], stream });
  return d;
}

/** A history/config/summary item's path: `nested_key` (2) when written, else `key` (1). */
function itemPath(item: Msg): string[] {
  const nested = item.strs(2);
  return nested.length > 0 ? nested : [item.str(1) ?? ''];
}

function jsonValue(item: Msg, facts: RunFacts): Json | undefined {
  const text = item.str(16);
  if (text === undefined) return undefined;
  try {
    return parsePythonJson(text);
  } catch {
    facts.notes.push(`value_json is not JSON: ${text.slice(0, 80)}`);
    return undefined;
  }
}

/** HistoryItem: the typed value (number 6, integer 5 as sint64) when a writer set one, else value_json. */
function historyValue(item: Msg, facts: RunFacts): Json | undefined {
  if (item.has(6)) return item.double(6)!;
  if (item.has(5)) {
    const z = item.last(5)!.varint;
    return Number((z >> 1n) ^ -(z & 1n));
  }
  return jsonValue(item, facts);
}

/** Applies a ConfigRecord/SummaryRecord (update 1, remove 2) to `target`. */
function fold(target: JsonObject, record: Msg, facts: RunFacts): void {
  for (const item of record.msgs(1)) {
    const value = jsonValue(item, facts);
    if (value === undefined) continue;
    const path = itemPath(item);
    let obj = target;
    for (const k of path.slice(0, -1)) {
      const next = obj[k];
      obj = obj[k] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    }
    obj[path[path.length - 1]] = value;
  }
  for (const item of record.msgs(2)) {
    const path = itemPath(item);
    let obj: Json | undefined = target;
    for (const k of path.slice(0, -1)) obj = obj && typeof obj === 'object' && !Array.isArray(obj) ? obj[k] : undefined;
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) delete obj[path[path.length - 1]];
  }
}

/** Numeric leaves of a stats value: a number, or an object's members joined with `.`. */
function flatten(key: string, value: Json | undefined): [string, number][] {
  if (typeof value === 'number') return [[key, value]];
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => flatten(`${key}.${k}`, v));
  return [];
}

/** wandb-metadata.json writes `startedAt` as ISO 8601 in UTC, without a zone. */
function isoUtc(v: Json | undefined): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(t) ? undefined : t;
}

function numberAt(obj: Json, path: string[]): number | undefined {
  let v: Json | undefined = obj;
  for (const k of path) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** config.yaml: `key: {value: ...}` (with `desc` in older writers) under an optional `wandb_version`. */
function unwrapConfigYaml(text: string): JsonObject {
  const doc = (parseYaml(text) ?? {}) as JsonObject;
  const out: JsonObject = {};
  for (const [key, entry] of Object.entries(doc)) {
    if (key === 'wandb_version') continue;
    out[key] =
      entry !== null && typeof entry === 'object' && !Array.isArray(entry) && 'value' in entry ? entry.value : entry;
  }
  return out;
}

function consoleOf(parts: ConsoleParts | undefined, outputLog: string | undefined, facts: RunFacts): ConsoleLine[] {
  const fileLines = outputLog ? splitLines(outputLog) : [];
  if (!parts || parts.lines.length === 0) return fileLines.map((text) => ({ text }));
  if (fileLines.length === 0 || parts.lastComplete === undefined) return parts.lines;
  // The anchor: the datastore's last complete, non-empty line.
  let a = parts.lastComplete;
  while (a >= 0 && parts.lines[a].text === '') a--;
  if (a < 0) return parts.lines;
  const at = fileLines.lastIndexOf(parts.lines[a].text);
  if (at < 0) {
    facts.notes.push("files/output.log does not hold the datastore's last console line; not appended");
    return parts.lines;
  }
  const tail = fileLines.slice(at + 1);
  if (tail.length === 0) return parts.lines;
  facts.notes.push(`console: ${tail.length} lines from files/output.log after the datastore's last line`);
  return [...parts.lines.slice(0, a + 1), ...tail.map((text) => ({ text }))];
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The newest time any line of logs/*.log carries, as epoch ms; -Infinity when none does. */
function lastLogTime(facts: RunFacts, dir: string, startedAt: number | undefined): number {
  // `run-20220429_201936-id` is the start in the writer's local time.
  const named = /-(\d{4})(\d\d)(\d\d)_(\d\d)(\d\d)(\d\d)-/.exec(basename(dir));
  const localStart = named && Date.UTC(+named[1], +named[2] - 1, +named[3], +named[4], +named[5], +named[6]);
  const quarterHour = 15 * 60_000;
  const offset =
    localStart && startedAt !== undefined ? Math.round((localStart - startedAt) / quarterHour) * quarterHour : 0;
  let newest = -Infinity;
  for (const [path, bytes] of facts.files) {
    if (!/^logs\/[^/]+\.log$/.test(path)) continue;
    const stamp = /(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)[,.](\d+)(Z|[+-]\d\d:?\d\d)?/g;
    for (const m of new TextDecoder().decode(bytes).matchAll(stamp)) {
      const ms = Number(`0.${m[7]}`) * 1000;
      let t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + ms;
      if (m[8] === undefined) t -= offset;
      else if (m[8] !== 'Z') {
        const [, sign, hh, mm] = /([+-])(\d\d):?(\d\d)/.exec(m[8])!;
        t -= (sign === '+' ? 1 : -1) * (+hh * 60 + +mm) * 60_000;
      }
      newest = Math.max(newest, t);
    }
  }
  return newest;
}

/** The Python writer's logs/debug-internal.log says `handling exit code: N` when it sends the exit. */
function exitFromDebugLog(text: string | undefined): Exit | undefined {
  const m = text && /handling exit code: (-?\d+)/.exec(text);
  const runtime = text && /handling runtime: (\d+)/.exec(text);
  return m
    ? { code: Number(m[1]), runtime: runtime ? Number(runtime[1]) : 0, from: 'logs/debug-internal.log' }
    : undefined;
}

/** EnvironmentRecord: cpu_count 16, cpu_count_logical 17, gpu_type 18, gpu_count 19, memory 21, gpu_nvidia 24. */
function hardwareFromEnvironment(env: Msg): Hardware {
  const gpus = env.msgs(24).map((g) => ({ name: g.str(1) ?? '', memoryBytes: g.int(2) }));
  if (gpus.length === 0 && env.str(18))
    for (let i = 0; i < (env.int(19) ?? 1); i++) gpus.push({ name: env.str(18)!, memoryBytes: undefined });
  return { cpuCount: env.int(16), cpuCountLogical: env.int(17), memoryBytes: env.msg(21)?.int(1), gpus };
}

function hardwareFromMetadata(m: JsonObject): Hardware {
  const num = (v: Json | undefined) =>
    typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  const memory = m.memory as JsonObject | undefined;
  const total = memory?.total;
  const memoryBytes = typeof total === 'number' ? Math.round(total * 2 ** 30) : num(total);
  const listed = (m.gpu_nvidia ?? m.gpu_devices) as JsonObject[] | undefined;
  const gpus = (listed ?? []).map((g) => ({
    name: String(g.name),
    memoryBytes: num(g.memoryTotal ?? g.memory_total),
  }));
  if (gpus.length === 0 && typeof m.gpu === 'string')
    for (let i = 0; i < (num(m.gpu_count) ?? 1); i++) gpus.push({ name: m.gpu, memoryBytes: undefined });
  return { cpuCount: num(m.cpu_count), cpuCountLogical: num(m.cpu_count_logical), memoryBytes, gpus };
}

/** Field by field, `preferred` wins; GPUs come whole from whichever lists some. */
function mergeHardware(preferred: Hardware | undefined, fallback: Hardware | undefined): Hardware | undefined {
  if (!preferred) return fallback;
  if (!fallback) return preferred;
  return {
    cpuCount: preferred.cpuCount ?? fallback.cpuCount,
    cpuCountLogical: preferred.cpuCountLogical ?? fallback.cpuCountLogical,
    memoryBytes: preferred.memoryBytes ?? fallback.memoryBytes,
    gpus: preferred.gpus.length > 0 ? preferred.gpus : fallback.gpus,
  };
}

/** A W&B run folder is named `{run|offline-run}-YYYYMMDD_HHMMSS-<id>[-suffix]`. */
export function wandbRunId(folder: string): string | undefined {
  return /^(?:offline-)?run-\d{8}_\d{6}-([A-Za-z0-9]+)(?:-.*)?$/.exec(basename(folder))?.[1];
}

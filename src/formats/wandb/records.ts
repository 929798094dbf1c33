/**
 * Decodes one `.wandb` `Record` protobuf into a plain typed object.
 *
 * Field numbers follow wandb/proto/wandb_internal.proto (see shared/FORMATS.md). Only what the run
 * page shows is decoded; unknown record kinds come back as `{ type: 'other' }` so callers can count
 * them. JSON values stay as text (`valueJson`) until the consumer needs them.
 */

import {
  FieldCursor,
  type ProtoField,
  StringTable,
  WIRE_LEN,
  WIRE_VARINT,
  decodeUtf8,
  readFields,
  timestampMs,
} from '../common/protobuf.js';
import { plainStep, readRecordBody } from './record-envelope.js';
import { readOutputBody } from './output-body.js';
import { PathsByPlace } from './keys-by-place.js';
import { HistoryRecord, Item, NumberedHistoryRecord, NumberedOutputRecord, OutputRecord } from './record-objects.js';
import type {
  WandbArtifact,
  WandbEnvironment,
  WandbGit,
  WandbGpu,
  WandbItem,
  WandbManifestEntry,
  WandbRecord,
  WandbRunRecord,
  WandbTelemetry,
} from './record-types.js';

export { readRecordBody, type RecordBody } from './record-envelope.js';
export { readOutputBody, type OutputBody } from './output-body.js';
export type * from './record-types.js';

// Cursors of the hot path (Record > History > Item), reused: decoding is synchronous and each
// nesting level has its own.
/** A Record's body (history), and an item of history, summary, config or stats. */
const BODY_CURSOR = new FieldCursor();
const ITEM = new FieldCursor();
/** Item keys repeat in every row: decoded once each. */
const KEYS = new StringTable();
const PATHS = new Map<string, readonly string[]>();

/** Decodes the Record in `payload[start, end)`. Throws `ProtobufError` on malformed bytes. */
export function decodeRecord(payload: Uint8Array, start = 0, end = payload.length): WandbRecord {
  const { no: bodyNo, start: bodyStart, end: bodyEnd, num } = readRecordBody(payload, start, end);
  if (bodyNo === 0) return { num, type: 'other', field: 0 };
  // The two kinds that make up nearly all of a datastore are decoded in place, and made in
  // their final shape (`num` last, as it is added to the others): a property added later
  // costs each record a second allocation.
  if (bodyNo === 2) return decodeHistory(payload, bodyStart, bodyEnd, num);
  if (bodyNo === 4 || bodyNo === 13) return decodeOutput(payload, bodyStart, bodyEnd, bodyNo === 13, num);
  const rec = decodeBody(bodyNo, payload.subarray(bodyStart, bodyEnd));
  if (num !== undefined) rec.num = num;
  return rec;
}

function decodeBody(no: number, b: Uint8Array): WandbRecord {
  switch (no) {
    case 2:
      return decodeHistory(b, 0, b.length, undefined);
    case 3:
      return { type: 'summary', ...decodeUpdates(b) };
    case 4:
      return decodeOutput(b, 0, b.length, false, undefined);
    case 5:
      return { type: 'config', ...decodeUpdates(b) };
    case 6:
      return decodeFiles(b);
    case 7:
      return decodeStats(b);
    case 8:
      return { type: 'artifact', ...decodeArtifact(b) };
    case 11:
      return { type: 'telemetry', ...decodeTelemetry(b) };
    case 12:
      return decodeMetric(b);
    case 13:
      return decodeOutput(b, 0, b.length, true, undefined);
    case 17:
      return decodeRun(b);
    case 18:
      return decodeExit(b);
    case 20:
      return { type: 'final' };
    case 21:
      return decodeHeader(b);
    case 22:
      return { type: 'footer' };
    case 23:
      return { type: 'preempting' };
    case 25:
      return decodeUseArtifact(b);
    case 26:
      return { type: 'environment', ...decodeEnvironment(b) };
    case 27:
      return decodeOutputLogger(b);
    default:
      return { type: 'other', field: no };
  }
}

/** HistoryItem / SummaryItem / ConfigItem / StatsItem: key 1, nested_key 2, value_json 16. */
function decodeItem(b: Uint8Array, start = 0, end = b.length): WandbItem {
  let key: string | undefined;
  let nested: string[] | undefined;
  let valueJson = '';
  const f = ITEM.reset(b, start, end);
  while (f.next()) {
    if (f.wire !== WIRE_LEN) continue;
    if (f.no === 1) key = KEYS.get(b, f.start, f.end);
    else if (f.no === 2) (nested ??= []).push(f.asString());
    else if (f.no === 16) valueJson = f.asString();
  }
  return new Item(key !== undefined && key !== '' ? pathOf(key) : nested ? nested : [key ?? ''], valueJson);
}

/** The same key's items share one path array. */
function pathOf(key: string): readonly string[] {
  let path = PATHS.get(key);
  if (!path) {
    if (PATHS.size >= 4096) PATHS.clear();
    path = Object.freeze([key]);
    PATHS.set(key, path);
  }
  return path;
}

/** Item paths without a value, as in `remove` lists. */
function decodeKeyPath(b: Uint8Array): string[] {
  return [...decodeItem(b).path];
}

/** A history record, with `num` when it has one (see `decodeRecord`). */
function historyRecord(items: WandbItem[], step: number | undefined, num: number | undefined): WandbRecord {
  return num === undefined ? new HistoryRecord(items, step) : new NumberedHistoryRecord(items, step, num);
}

/**
 * A row's items are gathered here, then copied out by `slice` (an array of their number, which
 * no allocation site tracks: see record-objects.ts).
 */
const ROW_ITEMS: WandbItem[] = [];

function decodeHistory(b: Uint8Array, start: number, end: number, num: number | undefined): WandbRecord {
  if (decodePlainHistory(b, start, end)) return historyRecord(ROW_ITEMS.slice(0, PLAIN_ITEMS), PLAIN_STEP, num);
  const items = ROW_ITEMS;
  items.length = 0;
  let step: number | undefined;
  const f = BODY_CURSOR.reset(b, start, end);
  while (f.next()) {
    if (f.no === 1 && f.wire === WIRE_LEN) items.push(decodeItem(b, f.start, f.end));
    else if (f.no === 2 && f.wire === WIRE_LEN) {
      step = 0; // a present HistoryStep with num 0 omits the field
      const g = f.message();
      while (g.next()) if (g.no === 1 && g.wire === WIRE_VARINT) step = g.asInt();
    }
  }
  return historyRecord(items.slice(), step, num);
}

const STEP = new FieldCursor();
/** The shared path of each place's key in the last history row read by `decodePlainHistory`. */
const PATHS_BY_PLACE = new PathsByPlace(pathOf);

/** The step of the last row `decodePlainHistory` read, and its number of items (in `ROW_ITEMS`). */
let PLAIN_STEP: number | undefined;
let PLAIN_ITEMS = 0;

/**
 * The items of a history row as the SDK writes it, read without a cursor into `ROW_ITEMS`: items
 * of exactly a non-empty `key` then `value_json`, every length under 128 (one byte); its step in
 * `PLAIN_STEP`. False for anything else (read it with the cursor).
 */
function decodePlainHistory(b: Uint8Array, start: number, end: number): boolean {
  const items = ROW_ITEMS;
  let n = 0;
  let step: number | undefined;
  let p = start;
  while (p < end) {
    if (p + 1 >= end) return false;
    const tag = b[p]!;
    const len = b[p + 1]!;
    const to = p + 2 + len;
    if (len >= 0x80 || to > end) return false;
    if (tag === 0x12) {
      step = plainStep(b, p + 2, to);
      if (step < 0) {
        step = 0; // a present HistoryStep with num 0 omits the field
        const g = STEP.reset(b, p + 2, to);
        while (g.next()) if (g.no === 1 && g.wire === WIRE_VARINT) step = g.asInt();
      }
    } else {
      // key (0x0a, length, bytes) then value_json (0x82 0x01, length, bytes), ending the item
      const keyStart = p + 4;
      const keyEnd = keyStart + b[p + 3]!;
      if (tag !== 0x0a || b[p + 2] !== 0x0a || keyEnd === keyStart || keyEnd + 3 > to) return false;
      if (b[keyEnd] !== 0x82 || b[keyEnd + 1] !== 0x01 || keyEnd + 3 + b[keyEnd + 2]! !== to) return false;
      items[n] = new Item(PATHS_BY_PLACE.get(n, b, keyStart, keyEnd), decodeUtf8(b, keyEnd + 3, to));
      n++;
    }
    p = to;
  }
  PLAIN_STEP = step;
  PLAIN_ITEMS = n;
  return true;
}

function decodeUpdates(b: Uint8Array): { update: WandbItem[]; remove: string[][] } {
  const update: WandbItem[] = [];
  const remove: string[][] = [];
  for (const f of readFields(b)) {
    if (f.wire !== WIRE_LEN) continue;
    if (f.no === 1) update.push(decodeItem(f.data));
    else if (f.no === 2) remove.push(decodeKeyPath(f.data));
  }
  return { update, remove };
}

function decodeOutput(b: Uint8Array, start: number, end: number, raw: boolean, num: number | undefined): WandbRecord {
  const o = readOutputBody(b, start, end);
  const line = decodeUtf8(b, o.lineStart, o.lineEnd);
  const stream = o.stdout ? 'stdout' : 'stderr';
  return num === undefined
    ? new OutputRecord(stream, o.time, line, raw)
    : new NumberedOutputRecord(stream, o.time, line, raw, num);
}

function decodeOutputLogger(b: Uint8Array): WandbRecord {
  let line = '';
  let time: number | undefined;
  for (const f of readFields(b)) {
    if (f.no === 1 && f.wire === WIRE_LEN) line = f.asString();
    else if (f.no === 2 && f.wire === WIRE_LEN) time = timestampMs(f.data);
  }
  return { type: 'output_logger', line, time };
}

function decodeStats(b: Uint8Array): WandbRecord {
  let statsType = 0;
  let time: number | undefined;
  const items: WandbItem[] = [];
  for (const f of readFields(b)) {
    if (f.no === 1 && f.wire === WIRE_VARINT) statsType = f.asInt32();
    else if (f.no === 2 && f.wire === WIRE_LEN) time = timestampMs(f.data);
    else if (f.no === 3 && f.wire === WIRE_LEN) items.push(decodeItem(f.data));
  }
  return { type: 'stats', statsType, time, items };
}

function decodeExit(b: Uint8Array): WandbRecord {
  let exitCode = 0;
  let runtime: number | undefined;
  for (const f of readFields(b)) {
    if (f.wire !== WIRE_VARINT) continue;
    if (f.no === 1) exitCode = f.asInt32();
    else if (f.no === 2) runtime = f.asInt32();
  }
  return { type: 'exit', exitCode, runtime };
}

function decodeFiles(b: Uint8Array): WandbRecord {
  const files: { path: string; policy: number }[] = [];
  for (const f of readFields(b)) {
    if (f.no !== 1 || f.wire !== WIRE_LEN) continue;
    let path = '';
    let policy = 0;
    for (const g of f.asMessage()) {
      if (g.no === 1 && g.wire === WIRE_LEN) path = g.asString();
      else if (g.no === 2 && g.wire === WIRE_VARINT) policy = g.asInt32();
    }
    files.push({ path, policy });
  }
  return { type: 'files', files };
}

function decodeGit(b: Uint8Array): WandbGit {
  const git: WandbGit = {};
  for (const f of readFields(b)) {
    if (f.wire !== WIRE_LEN) continue;
    if (f.no === 1) git.remote = f.asString();
    else if (f.no === 2) git.commit = f.asString();
  }
  return git;
}

function decodeTelemetry(b: Uint8Array): WandbTelemetry {
  const t: WandbTelemetry = {};
  for (const f of readFields(b)) {
    if (f.wire !== WIRE_LEN) continue;
    if (f.no === 4) t.pythonVersion = f.asString();
    else if (f.no === 5) t.cliVersion = f.asString();
    else if (f.no === 12) t.coreVersion = f.asString();
    else if (f.no === 13) t.platform = f.asString();
  }
  return t;
}

function decodeHeader(b: Uint8Array): WandbRecord {
  const h: { type: 'header'; producer?: string; minConsumer?: string } = { type: 'header' };
  for (const f of readFields(b)) {
    if (f.no !== 1 || f.wire !== WIRE_LEN) continue;
    for (const g of f.asMessage()) {
      if (g.wire !== WIRE_LEN) continue;
      if (g.no === 1) h.producer = g.asString();
      else if (g.no === 2) h.minConsumer = g.asString();
    }
  }
  return h;
}

function decodeMetric(b: Uint8Array): WandbRecord {
  const m: Extract<WandbRecord, { type: 'metric' }> = { type: 'metric' };
  for (const f of readFields(b)) {
    if (f.no === 1 && f.wire === WIRE_LEN) m.name = f.asString();
    else if (f.no === 2 && f.wire === WIRE_LEN) m.globName = f.asString();
    else if (f.no === 4 && f.wire === WIRE_LEN) m.stepMetric = f.asString();
    else if (f.no === 6 && f.wire === WIRE_LEN) {
      for (const g of f.asMessage()) if (g.no === 2 && g.wire === WIRE_VARINT) m.hidden = g.asBool();
    } else if (f.no === 8 && f.wire === WIRE_VARINT) {
      const goal = f.asInt32();
      if (goal === 1) m.goal = 'minimize';
      else if (goal === 2) m.goal = 'maximize';
    }
  }
  return m;
}

/**
 * Reads a message whose fields are mostly strings: a length-delimited field numbered in `strings`
 * sets that property of `into`; every other field goes to `other`.
 */
function decodeStringFields<T extends object>(
  b: Uint8Array,
  into: T,
  strings: Readonly<Record<number, keyof T>>,
  other: (f: ProtoField) => void,
): T {
  for (const f of readFields(b)) {
    const name = f.wire === WIRE_LEN ? strings[f.no] : undefined;
    if (name !== undefined) (into as Record<keyof T, unknown>)[name] = f.asString();
    else other(f);
  }
  return into;
}

const RUN_STRINGS: Record<number, keyof WandbRunRecord> = {
  1: 'runId',
  2: 'entity',
  3: 'project',
  6: 'group',
  7: 'jobType',
  8: 'displayName',
  9: 'notes',
  12: 'sweepId',
  13: 'host',
};

function decodeRun(b: Uint8Array): WandbRunRecord {
  const r: WandbRunRecord = { type: 'run', config: [], summary: [], tags: [] };
  return decodeStringFields(b, r, RUN_STRINGS, (f) => {
    if (f.wire === WIRE_VARINT) {
      if (f.no === 14) r.startingStep = f.asInt();
      else if (f.no === 18) r.resumed = f.asBool();
      else if (f.no === 20) r.runtime = f.asInt32();
    } else if (f.wire !== WIRE_LEN) return;
    else if (f.no === 4) r.config = decodeUpdates(f.data).update;
    else if (f.no === 5) r.summary = decodeUpdates(f.data).update;
    else if (f.no === 10) r.tags.push(f.asString());
    else if (f.no === 17) r.startTime = timestampMs(f.data);
    else if (f.no === 19) r.telemetry = decodeTelemetry(f.data);
    else if (f.no === 21) r.git = decodeGit(f.data);
  });
}

const ARTIFACT_STRINGS: Record<number, keyof WandbArtifact> = {
  1: 'runId',
  2: 'project',
  3: 'entity',
  4: 'artifactType',
  5: 'name',
  6: 'digest',
  7: 'description',
  8: 'metadataJson',
};

function decodeArtifact(b: Uint8Array): WandbArtifact {
  const a: WandbArtifact = { aliases: [], tags: [], manifest: [] };
  return decodeStringFields(b, a, ARTIFACT_STRINGS, (f) => {
    if (f.no === 9 && f.wire === WIRE_VARINT) a.userCreated = f.asBool();
    else if (f.wire !== WIRE_LEN) return;
    else if (f.no === 11) a.aliases.push(f.asString());
    else if (f.no === 12) decodeManifest(f.data, a);
    else if (f.no === 19) a.tags.push(f.asString());
  });
}

function decodeManifest(b: Uint8Array, a: WandbArtifact): void {
  for (const f of readFields(b)) {
    if (f.no === 2 && f.wire === WIRE_LEN) a.storagePolicy = f.asString();
    else if (f.no === 4 && f.wire === WIRE_LEN) {
      const e: WandbManifestEntry = { path: '' };
      for (const g of f.asMessage()) {
        if (g.no === 4 && g.wire === WIRE_VARINT) e.size = g.asInt();
        else if (g.wire !== WIRE_LEN) continue;
        else if (g.no === 1) e.path = g.asString();
        else if (g.no === 2) e.digest = g.asString();
        else if (g.no === 3) e.ref = g.asString();
        else if (g.no === 5) e.mimetype = g.asString();
      }
      a.manifest.push(e);
    }
  }
}

/** UseArtifactRecord: id 1, type 2, name 3 (partial and job details are not shown). */
function decodeUseArtifact(b: Uint8Array): WandbRecord {
  const u: Extract<WandbRecord, { type: 'use_artifact' }> = { type: 'use_artifact' };
  for (const f of readFields(b)) {
    if (f.wire !== WIRE_LEN) continue;
    if (f.no === 1) u.id = f.asString();
    else if (f.no === 2) u.artifactType = f.asString();
    else if (f.no === 3) u.name = f.asString();
  }
  return u;
}

/**
 * EnvironmentRecord (0.19+ writers; the same facts as wandb-metadata.json). Newer writers split
 * it in two records (software, then hardware); the consumer merges them.
 */
const ENVIRONMENT_STRINGS: Record<number, keyof WandbEnvironment> = {
  1: 'os',
  2: 'python',
  4: 'docker',
  6: 'program',
  7: 'codePath',
  10: 'email',
  11: 'root',
  12: 'host',
  13: 'username',
  14: 'executable',
  18: 'gpuType',
  27: 'cudaVersion',
};

function decodeEnvironment(b: Uint8Array): WandbEnvironment {
  const e: WandbEnvironment = { args: [], gpuNvidia: [] };
  return decodeStringFields(b, e, ENVIRONMENT_STRINGS, (f) => {
    if (f.wire === WIRE_VARINT) {
      if (f.no === 16) e.cpuCount = f.asUint();
      else if (f.no === 17) e.cpuCountLogical = f.asUint();
      else if (f.no === 19) e.gpuCount = f.asUint();
    } else if (f.wire !== WIRE_LEN) return;
    else if (f.no === 3) e.startedAt = timestampMs(f.data);
    else if (f.no === 5) e.args.push(f.asString());
    else if (f.no === 9) e.git = decodeGit(f.data);
    else if (f.no === 21) {
      for (const g of f.asMessage()) if (g.no === 1 && g.wire === WIRE_VARINT) e.memoryTotal = g.asUint();
    } else if (f.no === 23) {
      const apple: { name?: string; ramTotal?: number } = {};
      for (const g of f.asMessage()) {
        if (g.no === 1 && g.wire === WIRE_LEN) apple.name = g.asString();
        else if (g.no === 7 && g.wire === WIRE_VARINT) apple.ramTotal = g.asUint();
      }
      e.apple = apple;
    } else if (f.no === 24) {
      const gpu: WandbGpu = {};
      for (const g of f.asMessage()) {
        if (g.no === 1 && g.wire === WIRE_LEN) gpu.name = g.asString();
        else if (g.no === 2 && g.wire === WIRE_VARINT) gpu.memoryTotal = g.asUint();
      }
      e.gpuNvidia.push(gpu);
    }
  });
}

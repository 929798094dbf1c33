/**
 * Folds `.wandb` records into the facts of one run: metrics (history and system), console lines,
 * config, summary, environment, artifacts, media and exit status.
 *
 * Records can be added one batch at a time as a live file grows; `snapshot()` can be called at
 * any point and reflects every record added so far.
 */

import type { ArtifactDetail, JsonObject, MediaItem, MediaKind, MetricGroup } from '../../data/source.js';
import type { AppendedPoint, MemoryLogLine } from '../../data/memory-source.js';
import type {
  WandbArtifact,
  WandbEnvironment,
  WandbItem,
  WandbRecord,
  WandbRunRecord,
  WandbTelemetry,
} from './records.js';
import { decodeRecord } from './records.js';
import { readRecordBody } from './record-envelope.js';
import { readOutputBody } from './output-body.js';
import { HistoryRow, decodeHistoryBody, readPlainStats } from './history-row.js';
import { ConsoleQueue } from './console-queue.js';
import { ROLE_RUNTIME, ROLE_STEP, ROLE_VALUE } from './keys-by-place.js';
import { GrowingColumns, RowAxis, type MetricColumns } from './growing-columns.js';
import { stringifyPythonJson } from './python-json.js';
import { deletePath, isPlainObject, mediaType, numericLeaves, parseValueJson, setPath, toJson } from './values.js';

export type { MetricColumns };

export type WandbLogLine = MemoryLogLine & { stream: 'stdout' | 'stderr' };

/** Turns a run-relative path (`files/media/images/x.png`) into a URL for `<img>`. */
export type MediaUrl = (path: string) => string | undefined;

/** Everything the datastore said about a run. */
export interface DatastoreFacts {
  run?: WandbRunRecord;
  environment: WandbEnvironment;
  telemetry: WandbTelemetry;
  producer?: string;
  config: JsonObject;
  summary: JsonObject;
  hasConfig: boolean;
  hasSummary: boolean;
  /** One entry per key, in order of first appearance (see MetricColumns). */
  readonly metrics: Map<string, MetricColumns>;
  historyRows: number;
  systemSamples: number;
  /** Console lines; console records are decoded when this is first read after they were added. */
  readonly logs: WandbLogLine[];
  artifacts: ArtifactDetail[];
  media: MediaItem[];
  exit?: { exitCode: number; runtime?: number };
  /** Latest time any record carries (epoch ms). */
  lastActivity?: number;
  /** `_runtime` of the latest history row or summary (seconds). */
  lastRuntime?: number;
  files: string[];
  metricGoals: Record<string, 'minimize' | 'maximize'>;
  recordCounts: Record<string, number>;
  warnings: string[];
}

/**
 * Empty facts whose `metrics` is read from `columns`: each read publishes the points added since
 * the last one (a view per column, no copy); `logs` reads `lines` once `decodeConsole` has added
 * the console records waiting. The two getters are defined on the object, not written in its
 * literal: a literal with accessors makes an object of slow (dictionary) properties, and facts
 * are updated for every record.
 */
function emptyFacts(
  columns: Map<string, GrowingColumns>,
  lines: WandbLogLine[],
  decodeConsole: () => void,
): DatastoreFacts {
  const published = new Map<string, MetricColumns>();
  const facts = {
    environment: { args: [], gpuNvidia: [] },
    telemetry: {},
    config: {},
    summary: {},
    hasConfig: false,
    hasSummary: false,
  } as Partial<DatastoreFacts>;
  const getter = (name: 'metrics' | 'logs', get: () => unknown) =>
    Object.defineProperty(facts, name, { get, enumerable: true, configurable: true });
  getter('metrics', () => {
    for (const [key, c] of columns) {
      c.sync();
      if (!published.has(key)) published.set(key, c.out);
    }
    return published;
  });
  facts.historyRows = 0;
  facts.systemSamples = 0;
  getter('logs', () => {
    decodeConsole();
    return lines;
  });
  facts.artifacts = [];
  facts.media = [];
  facts.files = [];
  facts.metricGoals = {};
  facts.recordCounts = {};
  facts.warnings = [];
  return facts as DatastoreFacts;
}

const MEDIA_KINDS: Record<string, MediaKind> = {
  'image-file': 'image',
  'video-file': 'video',
  'audio-file': 'audio',
};

export class WandbRunBuilder {
  private readonly columns = new Map<string, GrowingColumns>();
  /** Step, time and runtime of each history row and each system sample, which their columns view. */
  private readonly historyAxis = new RowAxis();
  private readonly systemAxis = new RowAxis();
  /** `facts.logs` without decoding the console records waiting in `console`. */
  private readonly lines: WandbLogLine[] = [];
  /** Console records not decoded yet, in file order (all of them come after `lines`). */
  private readonly console = new ConsoleQueue();
  readonly facts: DatastoreFacts = emptyFacts(this.columns, this.lines, () => this.decodeConsole());

  /**
   * Each stream's line not yet ended by a newline, in the pieces it came in: joined once its
   * newline comes (a progress bar that never writes one must not cost a copy per record).
   */
  private readonly pending: Record<'stdout' | 'stderr', string[]> = { stdout: [], stderr: [] };
  private pendingTime: Record<'stdout' | 'stderr', number | undefined> = { stdout: undefined, stderr: undefined };
  /** Where in `facts.logs` each stream's partial line began. */
  private pendingAt: Record<'stdout' | 'stderr', number> = { stdout: 0, stderr: 0 };
  private badValues = 0;
  private readonly mediaUrl: MediaUrl;

  constructor(options: { mediaUrl?: MediaUrl } = {}) {
    this.mediaUrl = options.mediaUrl ?? (() => undefined);
  }

  private appended: AppendedPoint[] | undefined;
  /** Scratch for the history row being added, and the column of each of its places last time. */
  private readonly row = new HistoryRow();
  private readonly rowColumns: (GrowingColumns | undefined)[] = [];
  private readonly systemKeys = new Map<string, string>();
  /** The column and key of each place of the last stats row read by `readPlainStats`. */
  private readonly statsColumns: (GrowingColumns | undefined)[] = [];
  private readonly statsKeys: string[] = [];

  /**
   * Adds records in file order. Returns the metric points and complete log lines they added
   * (what a live view appends).
   */
  add(records: Iterable<WandbRecord>): { points: AppendedPoint[]; logs: WandbLogLine[] } {
    const l0 = this.facts.logs.length;
    const points: AppendedPoint[] = [];
    this.appended = points;
    for (const r of records) {
      this.facts.recordCounts[r.type] = (this.facts.recordCounts[r.type] ?? 0) + 1;
      this.addOne(r);
    }
    this.appended = undefined;
    return { points, logs: this.facts.logs.slice(l0) };
  }

  private column(key: string, group: MetricGroup): GrowingColumns {
    let col = this.columns.get(key);
    if (!col) {
      col = new GrowingColumns(key, group);
      this.columns.set(key, col);
    }
    return col;
  }

  /**
   * Adds a point of the last row of `axis` (which holds `step`, `time` and `runtime`, NaN for
   * none) to a metric's columns, and to the points `add` returns.
   */
  private addPoint(
    col: GrowingColumns,
    axis: RowAxis,
    step: number,
    value: number,
    time: number | undefined,
    runtime: number | undefined,
  ): void {
    col.pushInRow(axis, value);
    if (!this.appended) return;
    const p: AppendedPoint = {
      key: col.key,
      group: col.out.group,
      step,
      value,
      time: time ?? this.facts.lastActivity ?? NaN,
    };
    if (runtime !== undefined) p.runtime = runtime;
    this.appended.push(p);
  }

  /**
   * Adds one record payload (`payload[start, end)`) in file order, as `add` does, without returning what it added (a
   * whole file read at once): history rows go straight into the metric columns. Throws
   * `ProtobufError` for a payload that is not a valid Record, having added nothing of it.
   */
  addPayload(payload: Uint8Array, start = 0, end = payload.length): void {
    const counts = this.facts.recordCounts;
    const body = readRecordBody(payload, start, end);
    if (body.no === 2) {
      decodeHistoryBody(payload, this.row, body.start, body.end);
      counts.history = (counts.history ?? 0) + 1;
      this.addHistory(this.row);
      return;
    }
    if (body.no === 4 || body.no === 13) {
      this.queueOutput(payload, body.start, body.end);
      counts.output = (counts.output ?? 0) + 1;
      return;
    }
    if (body.no === 7 && readPlainStats(payload, this.row, body.start, body.end)) {
      counts.stats = (counts.stats ?? 0) + 1;
      this.addStatsRow(this.row);
      return;
    }
    const r = decodeRecord(payload, start, end);
    counts[r.type] = (counts[r.type] ?? 0) + 1;
    this.addOne(r);
  }

  warn(message: string): void {
    this.facts.warnings.push(message);
  }

  /**
   * An OutputRecord / OutputRawRecord body (output_type 1, timestamp 2, line 3, as `decodeRecord`
   * reads them), queued undecoded. Throws `ProtobufError` as `decodeRecord` does, queueing nothing.
   */
  private queueOutput(b: Uint8Array, start: number, end: number): void {
    const o = readOutputBody(b, start, end);
    this.noteTime(o.time);
    this.console.push(b, o.lineStart, o.lineEnd, o.stdout, o.time);
  }

  /** Turns the console records waiting into lines (when the console is read). */
  private decodeConsole(): void {
    if (this.console.length > 0) this.console.drain((text, stream, time) => this.addOutput(text, stream, time));
  }

  /**
   * Console text not yet ended by a newline (an `input()` prompt, a progress bar), shown once
   * the file is complete. `inPlace`: where it was written among the other lines (a prompt before
   * the traceback that followed it); otherwise appended (lines already sent live stay put).
   */
  flushLogs(inPlace = false): WandbLogLine[] {
    this.decodeConsole();
    const out: { line: WandbLogLine; at: number }[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const parts = this.pending[stream];
      if (parts.length > 0) {
        out.push({
          line: this.line(parts.join(''), stream, this.pendingTime[stream]),
          at: this.pendingAt[stream],
        });
        parts.length = 0;
      }
    }
    if (inPlace) {
      // The later position first, so the earlier one still points where it did.
      for (const p of [...out].sort((a, b) => b.at - a.at)) this.lines.splice(p.at, 0, p.line);
    } else this.lines.push(...out.map((p) => p.line));
    return out.map((p) => p.line);
  }

  /** Adds one warning counting the values skipped since the last call (not JSON at all). */
  reportSkippedValues(): void {
    if (this.badValues > 0) {
      this.warn(`${this.badValues} logged values were not valid JSON and were skipped`);
      this.badValues = 0;
    }
  }

  private addOne(r: WandbRecord): void {
    const f = this.facts;
    switch (r.type) {
      case 'history':
        this.addHistory(this.row.setItems(r.items, r.step));
        break;
      case 'summary':
        f.hasSummary = true;
        this.applyUpdates(f.summary, r.update, r.remove);
        this.noteRuntime(f.summary._runtime);
        break;
      case 'config':
        f.hasConfig = true;
        this.applyUpdates(f.config, r.update, r.remove);
        break;
      case 'output':
        this.decodeConsole();
        this.addOutput(r.line, r.stream, r.time);
        break;
      case 'output_logger':
        // Lines from Python logging arrive whole; they do not join a partial stdout line.
        this.decodeConsole();
        this.noteTime(r.time);
        for (const text of r.line.replace(/\n$/, '').split('\n')) this.lines.push(this.line(text, 'stdout', r.time));
        break;
      case 'stats':
        this.addStats(r.items, r.time);
        break;
      case 'exit':
        f.exit = { exitCode: r.exitCode, runtime: r.runtime };
        break;
      case 'files':
        for (const file of r.files) if (file.path && !f.files.includes(file.path)) f.files.push(file.path);
        break;
      case 'artifact':
        f.artifacts.push(toArtifact(r, 'output', f.artifacts.length));
        break;
      case 'use_artifact':
        f.artifacts.push({
          id: r.id || `input-${f.artifacts.length}`,
          name: r.name ?? r.id ?? 'artifact',
          type: r.artifactType ?? 'unknown',
          direction: 'input',
          aliases: [],
          files: [],
        });
        break;
      case 'environment':
        mergeEnvironment(f.environment, r);
        this.noteTime(r.startedAt);
        break;
      case 'telemetry':
        for (const [k, v] of Object.entries(r))
          if (k !== 'type' && k !== 'num' && v) (f.telemetry as Record<string, unknown>)[k] = v;
        break;
      case 'header':
        if (r.producer) f.producer = r.producer;
        break;
      case 'metric':
        if (r.name && r.goal) f.metricGoals[r.name] = r.goal;
        break;
      case 'run':
        this.addRun(r);
        break;
      default:
        break;
    }
  }

  private addRun(r: WandbRunRecord): void {
    const f = this.facts;
    const prev = f.run;
    // A resumed or updated run record repeats the run; later non-empty fields win.
    f.run = prev ? { ...prev, ...definedFields(r), tags: r.tags.length ? r.tags : prev.tags } : r;
    if (r.config.length) {
      f.hasConfig = true;
      this.applyUpdates(f.config, r.config, []);
    }
    if (r.summary.length) {
      f.hasSummary = true;
      this.applyUpdates(f.summary, r.summary, []);
    }
    this.noteTime(r.startTime);
  }

  private applyUpdates(target: JsonObject, update: WandbItem[], remove: string[][]): void {
    for (const item of update) {
      const v = parseValueJson(item.valueJson);
      if (v === undefined) {
        this.badValues++;
        continue;
      }
      setPath(target, item.path, toJson(v));
    }
    for (const path of remove) deletePath(target, path);
  }

  private addHistory(row: HistoryRow): void {
    const f = this.facts;
    const { keys, roles, kinds, numbers, others, count } = row;
    let step = row.step;
    let runtime: number | undefined;
    let time: number | undefined;
    // First the row's own step and times, which every other value of the row carries.
    for (let i = 0; i < count; i++) {
      const role = roles[i]!;
      if (role === ROLE_VALUE) continue;
      const v = numbers[i]!;
      if (kinds[i] !== 0 /* VALUE_NUMBER */ || !Number.isFinite(v)) continue;
      if (role === ROLE_STEP) step ??= v;
      else if (role === ROLE_RUNTIME) runtime = v;
      else time = v * 1000;
    }
    if (step === undefined) step = f.historyRows;
    f.historyRows++;
    this.noteTime(time);
    this.noteRuntime(runtime);
    const axis = this.historyAxis;
    axis.add(step, time ?? NaN, runtime ?? NaN);
    for (let i = 0; i < count; i++) {
      if (roles[i] !== ROLE_VALUE) continue;
      const key = keys[i]!;
      const kind = kinds[i];
      if (kind === 0 /* VALUE_NUMBER */) {
        // Rows repeat their keys in the same order: the column of the item at the same place
        // last time is most likely this one.
        let col = this.rowColumns[i];
        if (col === undefined || col.key !== key) {
          col = this.column(key, 'history');
          this.rowColumns[i] = col;
        }
        this.addPoint(col, axis, step, numbers[i]!, time, runtime);
        continue;
      }
      if (kind === 2 /* VALUE_BAD */) {
        this.badValues++;
        continue;
      }
      const v = others[i]!;
      const type = mediaType(v);
      if (type !== undefined) {
        this.addMedia(key, step, v as JsonObject, type);
        continue;
      }
      const leaves: [string, number][] = [];
      numericLeaves(v, key, leaves);
      for (const [k, value] of leaves) this.addPoint(this.column(k, 'history'), axis, step, value, time, runtime);
    }
  }

  /** A row of `files/wandb-history.jsonl` (writers before 0.10 kept history there). */
  addHistoryRow(row: JsonObject): void {
    this.addHistory(this.row.setItems(rowItems(row), undefined));
  }

  /** A row of `files/wandb-events.jsonl` (system metrics before 0.10; keys already `system.`-prefixed). */
  addSystemRow(row: JsonObject): void {
    const ts = row._timestamp;
    const items = rowItems(row)
      .filter((i) => !i.path[0]!.startsWith('_'))
      .map((i) => ({ path: [i.path[0]!.replace(/^system\./, '')], valueJson: i.valueJson }));
    this.addStats(items, typeof ts === 'number' && Number.isFinite(ts) ? ts * 1000 : undefined);
  }

  /**
   * Media values in a summary (the datastore's, or wandb-summary.json) that history did not show:
   * a summary-only image, or the last image of a run whose history is lost.
   */
  addSummaryMedia(summary: JsonObject = this.facts.summary): void {
    const f = this.facts;
    const step = typeof summary._step === 'number' && Number.isFinite(summary._step) ? summary._step : 0;
    for (const [key, v] of Object.entries(summary)) {
      const type = mediaType(v);
      if (type === undefined || f.media.some((m) => m.key === key)) continue;
      // The file's name says the step it was logged at (`<key>_<step>_<id>.png`); `_step` is only the last step.
      const named = isPlainObject(v) && typeof v.path === 'string' ? /_(\d+)_[A-Za-z0-9]+\.\w+$/.exec(v.path) : null;
      this.addMedia(key, named ? Number(named[1]) : step, v as JsonObject, type);
    }
  }

  private addMedia(key: string, step: number, v: JsonObject, type: string): void {
    const single = MEDIA_KINDS[type];
    const items: { path: string; caption?: string; width?: number; height?: number; kind: MediaKind }[] = [];
    if (single && typeof v.path === 'string') {
      items.push({ path: v.path, kind: single, caption: str(v.caption), width: num(v.width), height: num(v.height) });
    } else if (type === 'images/separated' && Array.isArray(v.filenames)) {
      const captions = Array.isArray(v.captions) ? v.captions : [];
      v.filenames.forEach((name, i) => {
        if (typeof name === 'string')
          items.push({
            path: name,
            kind: 'image',
            caption: str(captions[i]),
            width: num(v.width),
            height: num(v.height),
          });
      });
    } else return;
    items.forEach((m, index) => {
      const relPath = `files/${m.path.replace(/^\/+/, '')}`;
      const item: MediaItem = { key, step, index, kind: m.kind, url: this.mediaUrl(relPath) ?? relPath };
      if (m.caption !== undefined) item.caption = m.caption;
      if (m.width !== undefined) item.width = m.width;
      if (m.height !== undefined) item.height = m.height;
      this.facts.media.push(item);
    });
  }

  private addStats(items: WandbItem[], time: number | undefined): void {
    const f = this.facts;
    const step = f.systemSamples++;
    this.noteTime(time);
    const start = f.run?.startTime ?? f.environment.startedAt;
    const runtime = time !== undefined && start !== undefined ? (time - start) / 1000 : undefined;
    const axis = this.systemAxis;
    axis.add(step, time ?? NaN, runtime ?? NaN);
    const leaves: [string, number][] = [];
    for (const item of items) {
      const v = parseValueJson(item.valueJson);
      if (v === undefined) {
        this.badValues++;
        continue;
      }
      if (typeof v === 'number') {
        this.addPoint(this.column(this.systemKey(item.path), 'system'), axis, step, v, time, runtime);
        continue;
      }
      leaves.length = 0;
      numericLeaves(v, this.systemKey(item.path), leaves);
      for (const [key, value] of leaves) this.addPoint(this.column(key, 'system'), axis, step, value, time, runtime);
    }
  }

  /** `addStats` for a row read by `readPlainStats`. */
  private addStatsRow(row: HistoryRow): void {
    const f = this.facts;
    const time = row.time;
    const step = f.systemSamples++;
    this.noteTime(time);
    const start = f.run?.startTime ?? f.environment.startedAt;
    const runtime = time !== undefined && start !== undefined ? (time - start) / 1000 : undefined;
    const axis = this.systemAxis;
    axis.add(step, time ?? NaN, runtime ?? NaN);
    const { keys, kinds, numbers, others, count } = row;
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      const kind = kinds[i];
      if (kind === 0 /* VALUE_NUMBER */) {
        // Samples repeat their keys in the same order (see addHistory).
        let col = this.statsColumns[i];
        if (col === undefined || this.statsKeys[i] !== key) {
          col = this.column(this.systemKeyOf(key), 'system');
          this.statsColumns[i] = col;
          this.statsKeys[i] = key;
        }
        this.addPoint(col, axis, step, numbers[i]!, time, runtime);
      } else if (kind === 2 /* VALUE_BAD */) this.badValues++;
      else {
        const leaves: [string, number][] = [];
        numericLeaves(others[i], this.systemKeyOf(key), leaves);
        for (const [k, value] of leaves) this.addPoint(this.column(k, 'system'), axis, step, value, time, runtime);
      }
    }
  }

  /** `system.<key>`, made once per key of a one-part path (stats repeat the same keys in every sample). */
  private systemKey(path: readonly string[]): string {
    return path.length === 1 ? this.systemKeyOf(path[0]!) : `system.${path.join('.')}`;
  }

  private systemKeyOf(name: string): string {
    let key = this.systemKeys.get(name);
    if (key === undefined) {
      key = `system.${name}`;
      if (this.systemKeys.size < 4096) this.systemKeys.set(name, key);
    }
    return key;
  }

  private addOutput(text: string, stream: 'stdout' | 'stderr', time: number | undefined): void {
    this.noteTime(time);
    const parts = this.pending[stream];
    let lineTime = parts.length === 0 ? time : this.pendingTime[stream];
    let from = 0;
    let nl = text.indexOf('\n');
    const began = parts.length === 0 || nl >= 0;
    while (nl >= 0) {
      let line = text.slice(from, nl);
      if (parts.length > 0) {
        parts.push(line);
        line = parts.join('');
        parts.length = 0;
      }
      this.lines.push(this.line(line, stream, lineTime));
      lineTime = time;
      from = nl + 1;
      nl = text.indexOf('\n', from);
    }
    if (began) this.pendingAt[stream] = this.lines.length;
    if (from < text.length) parts.push(from === 0 ? text : text.slice(from));
    this.pendingTime[stream] = parts.length === 0 ? undefined : lineTime;
  }

  private line(text: string, stream: 'stdout' | 'stderr', time: number | undefined): WandbLogLine {
    const l: WandbLogLine = { text, stream };
    if (time !== undefined) l.time = time;
    return l;
  }

  private noteTime(t: number | undefined): void {
    if (t === undefined || !Number.isFinite(t)) return;
    if (this.facts.lastActivity === undefined || t > this.facts.lastActivity) this.facts.lastActivity = t;
  }

  private noteRuntime(v: unknown): void {
    if (
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (this.facts.lastRuntime === undefined || v > this.facts.lastRuntime)
    ) {
      this.facts.lastRuntime = v;
    }
  }
}

function rowItems(row: JsonObject): WandbItem[] {
  // JSON.stringify would turn NaN and ±Infinity into null; value_json spells them out.
  return Object.entries(row).map(([key, value]) => ({ path: [key], valueJson: stringifyPythonJson(value) }));
}

function toArtifact(a: WandbArtifact, direction: 'input' | 'output', index: number): ArtifactDetail {
  const name = a.name || `artifact-${index}`;
  const files = a.manifest.map((e) => {
    const parts = e.path.split('/');
    const entry: ArtifactDetail['files'][number] = {
      path: e.path,
      name: parts[parts.length - 1] || e.path,
      kind: 'file',
    };
    if (e.size !== undefined) entry.size = e.size;
    if (e.mimetype) entry.mime = e.mimetype;
    return entry;
  });
  const detail: ArtifactDetail = {
    id: a.digest ? `${name}:${a.digest}` : `${name}:${index}`,
    name,
    type: a.artifactType || 'unknown',
    direction,
    aliases: a.aliases,
    files,
    fileCount: files.length,
  };
  const size = a.manifest.reduce((s, e) => s + (e.size ?? 0), 0);
  if (a.manifest.length) detail.size = size;
  if (a.digest) detail.digest = a.digest;
  if (a.description) detail.description = a.description;
  if (a.metadataJson) {
    const meta = parseValueJson(a.metadataJson);
    if (isPlainObject(meta)) detail.metadata = meta;
  }
  return detail;
}

function mergeEnvironment(into: WandbEnvironment, e: WandbEnvironment): void {
  for (const [k, v] of Object.entries(e)) {
    if (k === 'type' || k === 'num' || v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length) (into as unknown as Record<string, unknown>)[k] = v;
    } else (into as unknown as Record<string, unknown>)[k] = v;
  }
}

function definedFields<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

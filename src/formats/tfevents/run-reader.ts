/**
 * Turns the event files of one TensorBoard run folder into a run: scalar metrics (merged across
 * files by step, then wall time, duplicates kept), histograms, start/end times, state and warnings.
 *
 * It does no I/O: the caller feeds each file's bytes with `push(path, chunk)`, as much as is on
 * disk, and again later as the file grows (live runs). Paths are relative to the run folder,
 * `/`-separated; a file in a subfolder prefixes its tags with the folder (`train/loss`), and
 * PyTorch `add_scalars` folders (`<main_tag with / as _>_<name>` next to the parent's own event
 * file) become `<main_tag>/<name>`. Keys are settled in `toRun` with every file known; `declare`
 * the paths up front so that live updates use the same keys.
 */
import type { JsonObject, RunInfo, RunState } from '../../data/source.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../../data/source.js';
import type { AppendedPoint, MemoryMetric, MemoryRun } from '../../data/memory-source.js';
import { decodeEvent, type TfEvent, type TfHistogram } from './event.js';
import { TfRecordReader } from './tfrecord.js';
import { HPARAMS_STATUS_FAILURE, HPARAMS_STATUS_SUCCESS } from './hparams.js';

interface ScalarPoint {
  step: number;
  value: number;
  /** Epoch ms; NaN when the event had no wall time. */
  time: number;
}

export interface TfHistogramPoint {
  key: string;
  step: number;
  time?: number;
  histogram: TfHistogram;
}

export interface TfeventsRun extends MemoryRun {
  metrics: MemoryMetric[];
  /** Histograms (`HistogramProto` or TF2 histogram tensors), in step order; not shown by any element yet. */
  histograms: TfHistogramPoint[];
}

export interface TfeventsUpdate {
  /** New scalar points, ready for `MemorySource.append`; `runtime` counts from the first event seen so far. */
  metrics: AppendedPoint[];
  histograms: TfHistogramPoint[];
}

export interface TfeventsRunOptions {
  id: string;
  name?: string;
  project?: string;
}

/** What the caller knows about the files on disk, to decide whether the run is still being written. */
export interface TfeventsLiveness {
  /** Epoch ms. */
  now: number;
  /**
   * Newest modification time (epoch ms) among the run's event files, where known. It can only
   * rule liveness out (a file untouched for the threshold is not being written), never in: a copy
   * of old event files has a fresh mtime.
   */
  lastModified?: number;
  /** A run whose newest event is younger than this is `running`. Default 5 minutes. */
  growingThresholdMs?: number;
}

/** The run's state and times as its events tell them, without building its metrics. */
export interface TfeventsStatus {
  state: RunState;
  /** Wall time of the first event (epoch ms). */
  startedAt?: number;
  /** Wall time of the last event, or of the hparams session end; absent while running. */
  endedAt?: number;
  /** Newest event wall time (epoch ms). */
  heartbeatAt?: number;
  /** Seconds from the first event to the last. */
  runtime?: number;
}

interface FileState {
  path: string;
  folder: string;
  records: TfRecordReader;
  received: number;
  ended: boolean;
  decodeWarnings: string[];
}

/** Whether a file name is a TensorBoard event file. */
export function isEventFileName(name: string): boolean {
  return /(^|\.)tfevents\.\d/.test(name);
}

/**
 * The metric key of `tag` written into a file inside `folder` (relative path, '' for the run
 * root). `parentHasEvents`: the folder's parent holds event files itself, as next to the
 * subfolders PyTorch's `add_scalars` creates.
 */
export function metricKey(folder: string, tag: string, parentHasEvents = true): string {
  if (!folder) return tag;
  const slash = folder.lastIndexOf('/');
  const parent = slash < 0 ? '' : folder.slice(0, slash + 1);
  const last = folder.slice(slash + 1);
  const addScalarsPrefix = tag.replaceAll('/', '_') + '_';
  if (parentHasEvents && last.length > addScalarsPrefix.length && last.startsWith(addScalarsPrefix)) {
    return `${parent}${tag}/${last.slice(addScalarsPrefix.length)}`;
  }
  return `${folder}/${tag}`;
}

export class TfeventsRunReader {
  private readonly options: TfeventsRunOptions;
  private readonly files = new Map<string, FileState>();
  /** Folders (relative to the run) that hold at least one event file. */
  private readonly folders = new Set<string>();
  /** Scalar points per (folder, tag), in the order they first appeared; keys are settled in `toRun`. */
  private readonly scalars = new Map<string, { folder: string; tag: string; points: ScalarPoint[] }>();
  private readonly histos: (TfHistogramPoint & { folder: string; tag: string })[] = [];
  private firstTime = Infinity;
  private lastTime = -Infinity;
  private fileVersion: string | undefined;
  private stopped = false;
  /** From the hparams plugin: the session's hyperparameters and how it ended. */
  private readonly hparams: JsonObject = {};
  /** Summaries no element shows (images, audio, text, histograms, other plugins' tensors): kind → folder\0tag. */
  private readonly unshown = new Map<string, Set<string>>();
  /** `time`: end_time_secs as written (epoch ms); `wall`: wall time of the event that carried it. */
  private sessionEnd: { status: number; time?: number; wall?: number } | undefined;

  constructor(options: TfeventsRunOptions) {
    this.options = options;
  }

  /** Paths fed so far. */
  get paths(): string[] {
    return [...this.files.keys()];
  }

  /** Makes files known before their bytes come, so metric keys are right from the first point. */
  declare(paths: readonly string[]): void {
    for (const path of paths) this.file(path);
  }

  /** Bytes of `path` received so far: read the file from this offset next time. */
  received(path: string): number {
    return this.files.get(path)?.received ?? 0;
  }

  /** Feeds the next bytes of the event file at `path`; returns the points they completed. */
  push(path: string, chunk: Uint8Array): TfeventsUpdate {
    const file = this.file(path);
    const update: TfeventsUpdate = { metrics: [], histograms: [] };
    if (file.ended) return update;
    file.received += chunk.length;
    file.records.pushRanges(chunk, (buf, start, end, offset) => this.take(file, buf, start, end, offset, update));
    return update;
  }

  /** The file at `path` will not grow any more: a record cut off at its end becomes a warning. */
  end(path: string): TfeventsUpdate {
    const file = this.file(path);
    const update: TfeventsUpdate = { metrics: [], histograms: [] };
    if (file.ended) return update;
    file.records.endRanges((buf, start, end, offset) => this.take(file, buf, start, end, offset, update));
    file.ended = true;
    return update;
  }

  /** The run as read so far. */
  toRun(live: TfeventsLiveness): TfeventsRun {
    const started = this.firstEventTime;
    const byKey = new Map<string, ScalarPoint[]>();
    for (const series of this.scalars.values()) {
      const key = this.keyOf(series.folder, series.tag);
      const list = byKey.get(key);
      if (list) list.push(...series.points);
      else byKey.set(key, [...series.points]);
    }
    const metrics = [...byKey].map(([key, points]) => toColumns(key, sortByStepThenTime(points), started));
    const histograms = sortByStepThenTime(this.histos).map(({ folder, tag, ...h }) => ({
      ...h,
      key: this.keyOf(folder, tag),
    }));
    const status = this.status(live);
    const running = status.state === 'running';
    const info: RunInfo = {
      id: this.options.id,
      name: this.options.name ?? this.options.id,
      ...status,
      format: 'tfevents',
      summary: summaryOf(metrics),
      warnings: this.warnings(running),
    };
    if (this.options.project !== undefined) info.project = this.options.project;
    if (Object.keys(this.hparams).length > 0) info.config = { ...this.hparams };
    // `file_version` (brain.Event:2) is the file format's version, not the writer's: no sdk version.
    if (this.fileVersion) info.sdk = { name: 'tensorboard' };
    return { info, metrics, histograms };
  }

  /** Wall time (epoch ms) of the earliest event read so far. */
  get firstEventTime(): number | undefined {
    return Number.isFinite(this.firstTime) ? this.firstTime : undefined;
  }

  /** Wall time (epoch ms) of the newest event read so far. */
  get lastEventTime(): number | undefined {
    return Number.isFinite(this.lastTime) ? this.lastTime : undefined;
  }

  /**
   * The run's state by what its events say. Event files record no exit, so:
   * - a SessionLog STOP or an hparams session end (success or failure) is how it ended, provided
   *   nothing was written after the session end: PyTorch's `hparams()` writes a session end of
   *   success whenever it is called, and Lightning's TensorBoardLogger (and many a training loop)
   *   calls it when training starts;
   * - otherwise it is `running` only while its newest event's wall time is within the threshold
   *   of `now` and no file has stood still for that long (an mtime rules liveness out, never in:
   *   copied files are fresh);
   * - otherwise `unknown`: nobody writes to it any more, and nothing says how it ended. Its end is
   *   the last event's wall time, the last moment it is known to have been alive.
   */
  status(live: TfeventsLiveness): TfeventsStatus {
    const first = this.firstEventTime;
    const last = this.lastEventTime;
    const threshold = live.growingThresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS;
    const endWall = this.sessionEnd?.wall;
    const endStatus =
      last === undefined || endWall === undefined || last - endWall <= SESSION_END_SLACK_MS
        ? this.sessionEnd?.status
        : undefined;
    const ended = this.stopped || endStatus === HPARAMS_STATUS_SUCCESS || endStatus === HPARAMS_STATUS_FAILURE;
    const fresh = (t: number | undefined) => t !== undefined && live.now - t < threshold;
    const running = !ended && fresh(last) && (live.lastModified === undefined || fresh(live.lastModified));
    const state: RunState = running
      ? 'running'
      : endStatus === HPARAMS_STATUS_FAILURE
        ? 'failed'
        : ended
          ? 'finished'
          : 'unknown';
    const out: TfeventsStatus = { state };
    if (first !== undefined) out.startedAt = first;
    if (last !== undefined) out.heartbeatAt = last;
    if (first !== undefined && last !== undefined) out.runtime = (last - first) / 1000;
    if (!running && last !== undefined) out.endedAt = last;
    const sessionEnd = endStatus === undefined ? undefined : this.sessionEnd?.time;
    if (!running && ended && sessionEnd !== undefined && Number.isFinite(sessionEnd)) out.endedAt = sessionEnd;
    return out;
  }

  /** While the run is running, a cut-off record at a file's end is normal: the writer is mid-write. */
  private warnings(running: boolean): string[] {
    const out: string[] = this.unshownNote();
    for (const f of this.files.values()) {
      for (const w of f.records.warnings) out.push(`${f.path}: ${w}`);
      if (!running && !f.ended) for (const w of f.records.previewEnd()) out.push(`${f.path}: ${w}`);
      out.push(...f.decodeWarnings);
      if (f.ended && f.received === 0) out.push(`${f.path}: empty event file.`);
    }
    return out;
  }

  /** What the event files hold that no element shows, so that a run of images alone does not look empty. */
  private unshownNote(): string[] {
    const parts: string[] = [];
    for (const [kind, ids] of [...this.unshown].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const keys = [...new Set([...ids].map((id) => this.keyOf(...splitId(id))))].sort();
      const shown = keys.slice(0, MAX_UNSHOWN_KEYS).join(', ');
      parts.push(`${kind} (${shown}${keys.length > MAX_UNSHOWN_KEYS ? `, … ${keys.length} in all` : ''})`);
    }
    return parts.length ? [`Not shown, as no view for them exists yet: ${parts.join('; ')}.`] : [];
  }

  private keyOf(folder: string, tag: string): string {
    if (!folder) return tag;
    const slash = folder.lastIndexOf('/');
    const parent = slash < 0 ? '' : folder.slice(0, slash);
    const parentHasEvents = this.folders.has(parent);
    return metricKey(folder, tag, parentHasEvents);
  }

  private file(path: string): FileState {
    let file = this.files.get(path);
    if (!file) {
      const slash = path.lastIndexOf('/');
      const folder = slash < 0 ? '' : path.slice(0, slash);
      file = {
        path,
        folder,
        records: new TfRecordReader(),
        received: 0,
        ended: false,
        decodeWarnings: [],
      };
      this.files.set(path, file);
      this.folders.add(folder);
    }
    return file;
  }

  /** One record's data, `buf[start, end)`, whose header is at `offset` in the file. */
  private take(file: FileState, buf: Uint8Array, start: number, end: number, offset: number, update: TfeventsUpdate) {
    const event = decodeEvent(buf, start, end);
    if (event.error) {
      const kept = event.values.length ? `; kept ${event.values.length} values decoded before it` : '';
      file.decodeWarnings.push(`${file.path}: event at byte ${offset} is malformed (${event.error})${kept}.`);
    }
    this.add(file, event, update);
  }

  private add(file: FileState, event: TfEvent, update: TfeventsUpdate): void {
    const time = Number.isFinite(event.wallTime) ? event.wallTime * 1000 : undefined;
    if (time !== undefined) {
      this.firstTime = Math.min(this.firstTime, time);
      this.lastTime = Math.max(this.lastTime, time);
    }
    if (event.fileVersion && !this.fileVersion) this.fileVersion = event.fileVersion;
    // SessionLog STOP: the writer closed the run cleanly.
    if (event.sessionLog?.status === 2) this.stopped = true;
    else if (event.sessionLog?.status === 1) this.stopped = false;
    for (const v of event.values) {
      const key = this.keyOf(file.folder, v.tag);
      if (v.kind === 'scalar') {
        const p: ScalarPoint = { step: event.step, value: v.value, time: time ?? NaN };
        const id = `${file.folder}\u0000${v.tag}`;
        const series = this.scalars.get(id);
        if (series) series.points.push(p);
        else this.scalars.set(id, { folder: file.folder, tag: v.tag, points: [p] });
        const appended: AppendedPoint = { key, step: p.step, value: p.value, time: p.time };
        if (time !== undefined) appended.runtime = (time - this.firstTime) / 1000;
        update.metrics.push(appended);
      } else if (v.kind === 'hparams') {
        if (v.hparams.hparams) Object.assign(this.hparams, v.hparams.hparams);
        if (v.hparams.endStatus !== undefined)
          this.sessionEnd = { status: v.hparams.endStatus, time: v.hparams.endTime, wall: time };
      } else if (!(v.kind === 'tensor' && v.plugin?.startsWith('graph'))) {
        // Graphs (graph_def, Keras model configs, run metadata) are the program, not the run's data: not listed.
        const kind = v.kind === 'tensor' ? tensorKind(v.plugin) : UNSHOWN_KIND[v.kind];
        const id = `${file.folder}\u0000${v.tag}`;
        const ids = this.unshown.get(kind);
        if (!ids) this.unshown.set(kind, new Set([id]));
        else if (ids.size < MAX_UNSHOWN_IDS) ids.add(id);
        if (v.kind === 'histogram') {
          const h: TfHistogramPoint = { key, step: event.step, histogram: v.histogram };
          if (time !== undefined) h.time = time;
          this.histos.push({ ...h, folder: file.folder, tag: v.tag });
          update.histograms.push(h);
        }
      }
    }
  }
}

/**
 * Events this much newer than an hparams session end show that the run went on past it (a
 * session end written at the start); the few a writer adds with it (add_hparams' metrics) do not.
 */
const SESSION_END_SLACK_MS = 5000;

const MAX_UNSHOWN_KEYS = 5;
/** Distinct tags remembered per kind of unshown summary (the count shown stops there). */
const MAX_UNSHOWN_IDS = 1000;

const UNSHOWN_KIND: Record<'histogram' | 'image' | 'audio', string> = {
  histogram: 'histograms',
  image: 'images',
  audio: 'audio',
};

/** TF2 writes images, audio, text and histograms as tensors of their plugin. */
const TENSOR_PLUGIN_KIND: Record<string, string> = {
  images: 'images',
  audio: 'audio',
  text: 'text',
  histograms: 'histograms',
  pr_curves: 'PR curves',
  mesh: 'meshes',
};

function tensorKind(plugin: string | undefined): string {
  if (!plugin) return 'tensors';
  return TENSOR_PLUGIN_KIND[plugin] ?? `${plugin} plugin data`;
}

function splitId(id: string): [string, string] {
  const at = id.indexOf('\u0000');
  return [id.slice(0, at), id.slice(at + 1)];
}

/** Stable sort by step, then time (points without a time keep their place among equal steps). */
function sortByStepThenTime<T extends { step: number; time?: number }>(points: T[]): T[] {
  const time = (p: T) => (p.time !== undefined && Number.isFinite(p.time) ? p.time : 0);
  return points
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.step - b.p.step || time(a.p) - time(b.p) || a.i - b.i)
    .map((x) => x.p);
}

function toColumns(key: string, points: ScalarPoint[], started: number | undefined): MemoryMetric {
  const n = points.length;
  const step = new Float64Array(n);
  const value = new Float64Array(n);
  const time = new Float64Array(n);
  const runtime = new Float64Array(n);
  points.forEach((p, i) => {
    step[i] = p.step;
    value[i] = p.value;
    time[i] = p.time;
    runtime[i] = started === undefined ? NaN : (p.time - started) / 1000;
  });
  return { key, step, value, time, runtime };
}

/** The last finite value of each key (columns are in step order). */
function summaryOf(metrics: MemoryMetric[]): JsonObject {
  const out: JsonObject = {};
  for (const m of metrics) {
    for (let i = m.value.length - 1; i >= 0; i--) {
      if (Number.isFinite(m.value[i])) {
        out[m.key] = m.value[i]!;
        break;
      }
    }
  }
  return out;
}

/**
 * Reads one discovered run from disk with its format's reader, into what the registry serves:
 * the `MemoryRun` (for a MemorySource), access to the run's files on disk (for byte ranges), and,
 * for a run still being written, a live feed that turns new bytes into appends.
 */
import { realpath } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { MemoryAppend, MemoryFile, MemoryLogLine, MemoryRun } from '../data/memory-source.js';
import type { AppendedPoint } from '../data/memory-metrics.js';
import type { RunInfo } from '../data/source.js';
import { stringifyWire } from '../data/http-wire.js';
import { readAllBytes } from '../data/bytes.js';
import { readWandbRun, type WandbRun, type WandbTail } from '../formats/wandb/reader.js';
import { TfeventsFolderRun } from '../formats/tfevents/folder.js';
import {
  readMlflowModels,
  readMlflowRun,
  type MlflowRun,
  type ReadMlflowRunOptions,
} from '../formats/mlflow/file-store.js';
import { ArtifactTensorboard, TENSORBOARD_PREFIX } from '../formats/mlflow/artifact-tensorboard.js';
import { isEventFileName } from '../formats/tfevents/run-reader.js';
import { type FolderEntry } from '../formats/common/run-folder.js';
import { listFiles } from '../formats/common/walk.js';
import { createNodeFolder, type NodeFolder } from './node-folder.js';
import { DiskLog } from './disk-log.js';
import type { ReadPause } from './read-pause.js';
import { inRanges, type LogFile } from '../data/log-file.js';
import type { RunLocation } from './discover.js';
import {
  cachedRunBytes,
  fingerprintOf,
  floatColumns,
  sameFiles,
  type RunCache,
  type RunCacheKey,
  type RunFingerprint,
} from './run-cache.js';

/** Byte access to a run's files; paths are run-relative and checked by the folder. */
export interface RunFiles {
  list(dir: string): Promise<FolderEntry[]>;
  stat(path: string): Promise<{ size: number; modified: number }>;
  /** Bytes [start, end) of the file. */
  stream(path: string, start: number, end: number): AsyncIterable<Uint8Array>;
}

/** Turns what a live run wrote since the last poll into one append. */
export interface LiveFeed {
  /** Absolute paths to watch for changes (each change triggers a poll; polling also runs on a timer). */
  readonly watchPaths: string[];
  /** Absolute folders whose entries make the run's file list; a change there is `files-changed`. */
  readonly fileDirs: string[];
  /** What was written since the last call; undefined when nothing changed. */
  poll(now: number): Promise<MemoryAppend | undefined>;
  /** True once the run has ended: it is not polled any more. */
  readonly done: boolean;
}

export interface LoadedRun {
  run: MemoryRun;
  files?: RunFiles;
  live?: LiveFeed;
  /** What the run will hold in memory, when known without reading it (a run opened from its cache file). */
  bytes?: number;
}

export interface LoadOptions {
  now: number;
  heartbeatThresholdMs: number;
  /** How often live runs are polled (a feed that ends runs by silence decides one poll early). */
  pollMs?: number;
  /** The URL (relative to the server root) of a run-relative file, for media items. */
  fileUrl: (path: string) => string;
  /**
   * Serve console lines that only a file holds (a W&B run's output.log) from that file through a
   * disk index, never read whole (a server); otherwise they are read into memory (an export).
   */
  logsOnDisk?: boolean;
  /** Where W&B runs that have ended are kept once read, to open without reading again (run-cache.ts). */
  cache?: RunCache;
  /** Holds a W&B run's read back between the pieces of its files (read-pause.ts). */
  pause?: ReadPause;
}

const MAX_LISTED_FILES = 20_000;

export async function loadRun(loc: RunLocation, o: LoadOptions): Promise<LoadedRun> {
  if (loc.format === 'wandb') return loadWandb(loc, o);
  if (loc.format === 'tfevents') return loadTfevents(loc, o);
  return loadMlflow(loc, o);
}

/**
 * Media URLs name the run's id on this server, which a cached run must not keep: runs are read
 * with this mark before each media path, replaced by `fileUrl` once read or loaded.
 */
const MEDIA_MARK = '\u0000runpage-media:';

function withMediaUrls<T extends { media?: MemoryRun['media'] }>(run: T, fileUrl: (path: string) => string): T {
  if (run.media)
    run.media = run.media.map((m) =>
      m.url.startsWith(MEDIA_MARK) ? { ...m, url: fileUrl(m.url.slice(MEDIA_MARK.length)) } : m,
    );
  return run;
}

async function loadWandb(loc: RunLocation, o: LoadOptions): Promise<LoadedRun> {
  const dir = nodePath.join(loc.root, loc.path);
  const folder = createNodeFolder(dir);
  const openLogFile = o.logsOnDisk ? diskLogOpener(folder) : undefined;
  const pause = o.pause;
  const reading: NodeFolder = pause
    ? { ...folder, stream: (path, start, end) => pause.through(folder.stream(path, start, end)) }
    : folder;
  const readMarked = (now: number) =>
    readWandbRun(reading, {
      folderName: nodePath.basename(dir),
      now,
      heartbeatThresholdMs: o.heartbeatThresholdMs,
      mediaUrl: (path) => MEDIA_MARK + path,
      projectHint: loc.project,
      openLogFile,
    });
  const readAt = async (now: number) => withMediaUrls(await readMarked(now), o.fileUrl);
  const cached = o.cache ? await openCached(o.cache, folder, dir, loc, o) : undefined;
  if (cached?.run)
    return { run: withMediaUrls(cached.run, o.fileUrl), files: folder, bytes: cachedRunBytes(cached.run) };
  const read = await readMarked(o.now);
  const marked = read.media;
  withMediaUrls(read, o.fileUrl);
  const { tail, datastorePath, ...run } = read;
  const loaded: LoadedRun = { run, files: folder };
  if (run.info.state !== 'running') {
    // A run that will not grow: columns as Float64Arrays (adopted by its source), equal ones shared.
    const metrics = floatColumns(read.metrics);
    loaded.run = { ...run, metrics };
    // Its folder did not change while it was read: kept for the next open.
    if (cached && !read.logFile && sameFiles(cached.fingerprint, read.files)) {
      const { info, logs, files, artifacts, model } = run;
      void o.cache!.store(cached.key, cached.fingerprint, {
        info,
        metrics,
        logs,
        files,
        artifacts,
        model,
        media: marked,
      });
    }
  }
  if (run.info.state !== 'running') return loaded;
  if (tail && datastorePath) loaded.live = wandbFeed(folder, dir, datastorePath, tail, run.info, openLogFile);
  else loaded.live = wandbFilesFeed(dir, read, readAt, o);
  return loaded;
}

/** The cached run of a W&B run folder, or the key and fingerprint to cache it under once read. */
async function openCached(
  cache: RunCache,
  folder: NodeFolder,
  dir: string,
  loc: RunLocation,
  o: LoadOptions,
): Promise<{ run?: MemoryRun; key: RunCacheKey; fingerprint: RunFingerprint } | undefined> {
  try {
    const key: RunCacheKey = {
      path: await realpath(dir),
      heartbeatThresholdMs: o.heartbeatThresholdMs,
      logsOnDisk: o.logsOnDisk === true,
    };
    if (loc.project !== undefined) key.projectHint = loc.project;
    const fingerprint = await fingerprintOf(folder);
    return { run: await cache.load(key, fingerprint), key, fingerprint };
  } catch {
    return undefined; // the folder cannot be listed now: read it (and say why) the usual way
  }
}

/**
 * Opens a run's log file through a disk index (disk-log.ts), once: opened again (a live run read
 * anew), the same index is extended over what was written since.
 */
function diskLogOpener(folder: NodeFolder): (path: string) => Promise<DiskLog> {
  const open = new Map<string, DiskLog>();
  return async (path) => {
    const real = await folder.realFile(path);
    const known = open.get(real);
    if (known) {
      await known.refresh({ complete: true });
      return known;
    }
    const log = await DiskLog.open(real, { name: path });
    open.set(real, log);
    return log;
  };
}

/** Lines announced with a log file's growth: the newest of a burst only (the total counts all). */
const RECENT_LINES = 100;

/** What a log file the console ends in gained since `known` lines, as an append. */
async function logFileGrowth(file: LogFile, known: number): Promise<MemoryAppend['logFile']> {
  const count = file.count;
  const from = Math.max(known, count - RECENT_LINES);
  const texts = count > from ? await file.read(from, count) : [];
  const recent = texts.map((text, i) => {
    const line: MemoryLogLine = { text, stream: inRanges(file.stderr, from + i) ? 'stderr' : 'stdout' };
    if (file.label !== undefined) line.label = file.label;
    return line;
  });
  return { file, recent };
}

const WANDB_FILE_DIRS = (dir: string) => [
  dir,
  nodePath.join(dir, 'files'),
  nodePath.join(dir, 'files', 'media'),
  nodePath.join(dir, 'files', 'media', 'images'),
];

function wandbFeed(
  folder: NodeFolder,
  dir: string,
  path: string,
  tail: WandbTail,
  info: RunInfo,
  openLogFile?: (path: string) => Promise<DiskLog>,
): LiveFeed {
  const known = new InfoTracker(info);
  let done = false;
  return {
    watchPaths: [dir],
    fileDirs: WANDB_FILE_DIRS(dir),
    get done() {
      return done;
    },
    async poll(now) {
      let bytes: Uint8Array = new Uint8Array(0);
      try {
        const { size } = await folder.stat(path);
        if (size > tail.offset) bytes = await readAllBytes(folder.stream(path, tail.offset, size));
      } catch {
        // The file vanished or cannot be read right now: treat as no growth; silence decides.
      }
      const r = tail.push(bytes, now);
      const logs = [...r.logs];
      const warnings = [...r.warnings];
      let facts = r.run;
      let logFile: MemoryAppend['logFile'];
      // Ended without an exit record: output.log may hold the console's end (the traceback).
      if (tail.cutShort && openLogFile) {
        const file = await openLogFile('files/output.log').catch(() => undefined);
        if (file) {
          const more = await tail.completeConsoleFromFile(file, now);
          warnings.push(...more.warnings);
          if (more.run) facts = more.run;
          if (more.logFile) logFile = await logFileGrowth(more.logFile, 0);
        }
      } else if (tail.cutShort) {
        const outputLog = await readOutputLog(folder);
        if (outputLog !== undefined) {
          const more = tail.completeConsole(outputLog, now);
          logs.push(...more.logs);
          warnings.push(...more.warnings);
          if (more.run) facts = more.run;
        }
      }
      const patch = facts ? known.patch(facts, warnings) : undefined;
      if (facts?.state !== undefined && facts.state !== 'running') done = true;
      const append = appendOf(r.points, logs, patch);
      return logFile ? { ...(append ?? {}), logFile } : append;
    },
  };
}

async function readOutputLog(folder: NodeFolder): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await folder.read('files/output.log'));
  } catch {
    return undefined; // no output.log: nothing to complete
  }
}

/**
 * A live run read from `files/` alone (no datastore yet, or a writer without one): its files are
 * read again when they change, at most every few seconds, and what grew is appended (files only
 * grow: output.log lines and history points past those sent). Once they stop changing, the run
 * is read a last time for its final state, a little before the threshold, so the source's crash
 * rule never shows it crashed in between.
 */
function wandbFilesFeed(
  dir: string,
  first: WandbRun,
  readAt: (now: number) => Promise<WandbRun>,
  o: LoadOptions,
): LiveFeed {
  const known = new InfoTracker(first.info);
  const folder = createNodeFolder(dir);
  const counts = new Map(first.metrics.map((m) => [m.key, m.step.length]));
  let lines = first.logs.length;
  let fileLines = first.logFile?.count ?? 0;
  let media = new Set(first.media.map((m) => m.url));
  let warnings = first.info.warnings ?? [];
  let stamp = wandbFilesStamp(first.files);
  let lastChange = first.info.heartbeatAt ?? o.now;
  let lastRead = o.now;
  let done = false;
  const pollMs = o.pollMs ?? 1000;
  const rereadMs = Math.max(5 * pollMs, 5000);
  const quietFor = o.heartbeatThresholdMs - Math.min(2 * pollMs, o.heartbeatThresholdMs / 2);
  return {
    watchPaths: [dir, nodePath.join(dir, 'files'), nodePath.join(dir, 'logs')],
    fileDirs: WANDB_FILE_DIRS(dir),
    get done() {
      return done;
    },
    async poll(now) {
      const latest = await latestModification(folder);
      const changed = latest !== stamp;
      if (changed) {
        stamp = latest;
        lastChange = now;
      }
      const quiet = now - lastChange >= quietFor;
      if (!quiet && (!changed || now - lastRead < rereadMs)) return undefined;
      lastRead = now;
      // Quiet: judge as if the threshold had passed, which it will before the next poll or two.
      const again = await readAt(quiet ? lastChange + o.heartbeatThresholdMs + 1 : now);
      const points: AppendedPoint[] = [];
      for (const m of again.metrics) {
        const seen = counts.get(m.key) ?? 0;
        for (let i = seen; i < m.value.length; i++) {
          const p: AppendedPoint = {
            key: m.key,
            group: m.group,
            step: m.step[i]!,
            value: m.value[i]!,
            time: m.time[i]!,
          };
          if (Number.isFinite(m.runtime[i])) p.runtime = m.runtime[i];
          points.push(p);
        }
        counts.set(m.key, Math.max(seen, m.value.length));
      }
      const logs = again.logs.slice(lines);
      lines = Math.max(lines, again.logs.length);
      // output.log served from disk: the same index, extended (diskLogOpener).
      const logFile =
        again.logFile && again.logFile.count > fileLines ? await logFileGrowth(again.logFile, fileLines) : undefined;
      if (again.logFile) fileLines = Math.max(fileLines, again.logFile.count);
      const newMedia = again.media.filter((m) => !media.has(m.url));
      media = new Set([...media, ...newMedia.map((m) => m.url)]);
      const fresh = (again.info.warnings ?? []).filter((w) => !warnings.includes(w));
      warnings = again.info.warnings ?? warnings;
      const patch = known.patch(again.info, fresh);
      if (again.info.state !== 'running') done = true;
      const append = appendOf(points, logs, patch);
      if (newMedia.length === 0 && !logFile) return append;
      const out: MemoryAppend = { ...(append ?? {}) };
      if (newMedia.length > 0) out.media = newMedia;
      if (logFile) out.logFile = logFile;
      return out;
    },
  };
}

/** Whether a run-relative path is one `latestModification` looks at. */
const STAMPED = /^(?:[^/]+|(?:files|logs)\/[^/]+)$/;

/** `latestModification` of a file list already read. */
function wandbFilesStamp(files: readonly MemoryFile[]): number | undefined {
  let latest: number | undefined;
  for (const f of files) {
    if (f.mime === 'inode/symlink' || !STAMPED.test(f.path) || f.modified === undefined) continue;
    if (latest === undefined || f.modified > latest) latest = f.modified;
  }
  return latest;
}

/** The latest modification time among the run folder's top files, `files/` and `logs/` (a cheap change stamp). */
async function latestModification(folder: NodeFolder): Promise<number | undefined> {
  let latest: number | undefined;
  for (const dir of ['', 'files', 'logs']) {
    let entries: FolderEntry[];
    try {
      entries = await folder.list(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.kind === 'file' && e.modified !== undefined && (latest === undefined || e.modified > latest))
        latest = e.modified;
    }
  }
  return latest;
}

async function loadTfevents(loc: RunLocation, o: LoadOptions): Promise<LoadedRun> {
  const root = createNodeFolder(loc.root);
  const reader = new TfeventsFolderRun(root, loc.path, {
    id: loc.id,
    name: loc.name,
    growingThresholdMs: o.heartbeatThresholdMs,
  });
  await reader.refresh(o.now);
  const read = reader.toRun(o.now);
  const runFolder = createNodeFolder(nodePath.join(loc.root, loc.path));
  const warnings: string[] = [];
  const files = await listTree(runFolder, warnings);
  if (warnings.length) read.info.warnings = [...(read.info.warnings ?? []), ...warnings];
  const loaded: LoadedRun = { run: { info: read.info, metrics: read.metrics, files }, files: runFolder };
  if (read.info.state === 'running') loaded.live = tfeventsFeed(reader, runFolder.root, read.info, o);
  return loaded;
}

/**
 * A TensorBoard run being written: new events become points. It stays `running` while its newest
 * event's wall time is recent, then turns `unknown` (event files hold no exit), or finished /
 * failed where its events say how it ended.
 */
function tfeventsFeed(reader: TfeventsFolderRun, root: string, info: RunInfo, o: LoadOptions): LiveFeed {
  const known = new InfoTracker(info);
  const quietMs = quietThreshold(o);
  let done = false;
  return {
    watchPaths: [root],
    fileDirs: [root],
    get done() {
      return done;
    },
    async poll(now) {
      const update = await reader.refresh(now);
      const status = reader.status(now, quietMs);
      if (status.state !== 'running') done = true;
      return appendOf(update.metrics, [], known.patch(status, []));
    },
  };
}

/**
 * How long a live feed waits in silence before it says the run is no longer running: a little
 * less than the heartbeat threshold, so that the source's crash rule (a silent `running` run is
 * `crashed`) never shows the run crashed in between.
 */
function quietThreshold(o: LoadOptions): number {
  return o.heartbeatThresholdMs - Math.min(2 * (o.pollMs ?? 1000), o.heartbeatThresholdMs / 2);
}

async function loadMlflow(loc: RunLocation, o: LoadOptions): Promise<LoadedRun> {
  const store = createNodeFolder(loc.root);
  const options: ReadMlflowRunOptions = {
    now: o.now,
    heartbeatThresholdMs: o.heartbeatThresholdMs,
    folderName: nodePath.basename(nodePath.join(loc.root, loc.path)),
  };
  if (loc.project !== undefined) options.experimentName = loc.project;
  const read = await readMlflowRun(store, loc.path, options);
  const artifacts = createNodeFolder(nodePath.join(loc.root, read.artifactsPath));
  const run: MemoryRun = {
    info: read.info,
    metrics: read.metrics,
    files: read.files,
    artifacts: read.artifacts,
    artifactFiles: read.artifactFiles,
  };
  if (read.model) run.model = read.model;
  const loaded: LoadedRun = { run, files: artifacts };
  if (read.info.state === 'running') loaded.live = mlflowFeed(store, loc, read, options, artifacts.root, o);
  return loaded;
}

/**
 * An MLflow run being written. The file store has no incremental form: metric files only grow, so
 * new lines are the points past the count seen; TensorBoard event files among the artifacts are
 * read incrementally. A changed artifact list reads the logged models again. The run stays
 * `running` while something dated is written (run-state.ts), then turns `unknown`; a status
 * rewritten by MLflow at the end (FINISHED, FAILED, KILLED) ends it.
 */
function mlflowFeed(
  store: NodeFolder,
  loc: RunLocation,
  read: MlflowRun,
  options: ReadMlflowRunOptions,
  artifactsRoot: string,
  o: LoadOptions,
): LiveFeed {
  const known = new InfoTracker(read.info);
  const tbKeys = new Set(
    read.tensorboard ? read.metrics.filter((m) => m.key.startsWith(`${TENSORBOARD_PREFIX}/`)).map((m) => m.key) : [],
  );
  const counts = new Map(read.metrics.filter((m) => !tbKeys.has(m.key)).map((m) => [m.key, m.value.length]));
  let tensorboard = read.tensorboard;
  let filesStamp = stampOf(read.files);
  const quietMs = quietThreshold(o);
  const runDir = nodePath.join(loc.root, loc.path);
  let done = false;
  return {
    watchPaths: [runDir, nodePath.join(runDir, 'metrics')],
    fileDirs: [artifactsRoot],
    get done() {
      return done;
    },
    async poll(now) {
      const points: AppendedPoint[] = [];
      if (tensorboard) points.push(...(await tensorboard.refresh(now)));
      const again = await readMlflowRun(store, loc.path, {
        ...options,
        now,
        heartbeatThresholdMs: quietMs,
        tensorboard: false,
        models: false,
        lastActivity: tensorboard?.lastEventTime(now),
      });
      // meta.yaml is rewritten in place: read between truncate and write, it is empty. Wait for the next poll.
      const metaProblem = (again.info.warnings ?? []).some(
        (w) => /meta\.yaml/.test(w) && !(read.info.warnings ?? []).includes(w),
      );
      if (metaProblem) return undefined;
      for (const m of again.metrics) {
        const seen = counts.get(m.key) ?? 0;
        for (let i = seen; i < m.value.length; i++) {
          points.push({ key: m.key, group: m.group, step: m.step[i], value: m.value[i], time: m.time?.[i] ?? NaN });
        }
        counts.set(m.key, Math.max(seen, m.value.length));
      }
      if (!tensorboard && again.files.some(isEventFile)) {
        // The first event files of the run: from now on read like the others (new folders are found by refresh).
        const keys = again.metrics.map((m) => m.key);
        tensorboard = new ArtifactTensorboard(store, again.artifactsPath, o.heartbeatThresholdMs, keys);
        points.push(...(await tensorboard.refresh(now)));
      }
      let artifacts: MemoryAppend['artifacts'];
      const stamp = stampOf(again.files);
      if (stamp !== filesStamp) {
        filesStamp = stamp;
        const producer = { id: again.info.id, name: again.info.name, format: 'mlflow' };
        const models = await readMlflowModels(store, loc.path, { ...again, runId: again.info.id, producer });
        if (models.artifacts.length > 0) artifacts = models.artifacts;
      }
      const { warnings: _w, ...info } = again.info;
      void _w;
      const patch = known.patch(info, []);
      if (again.info.state !== 'running') done = true;
      const out = appendOf(points, [], patch) ?? {};
      if (artifacts) out.artifacts = artifacts;
      return Object.keys(out).length > 0 ? out : undefined;
    },
  };
}

const isEventFile = (f: MemoryFile) => isEventFileName(f.path.slice(f.path.lastIndexOf('/') + 1));

/** Paths and sizes of a run's artifact files but event files: changes when a model may have been logged. */
function stampOf(files: readonly MemoryFile[]): string {
  return files
    .filter((f) => !isEventFile(f))
    .map((f) => `${f.path}\u0000${f.size ?? ''}`)
    .join('\n');
}

/** Remembers the run facts last sent, so a live update carries only what changed. */
class InfoTracker {
  private readonly last = new Map<string, string>();
  private warnings: string[];

  constructor(info: RunInfo) {
    for (const [k, v] of Object.entries(info)) this.last.set(k, stringifyWire(v));
    this.warnings = info.warnings ?? [];
  }

  patch(next: Partial<RunInfo>, newWarnings: string[]): Partial<RunInfo> | undefined {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) {
      if (k === 'id' || k === 'warnings' || v === undefined) continue;
      // The wire form tells NaN from Infinity (JSON.stringify writes both as null).
      const text = stringifyWire(v);
      if (this.last.get(k) === text) continue;
      this.last.set(k, text);
      out[k] = v;
    }
    if (newWarnings.length > 0) {
      this.warnings = [...this.warnings, ...newWarnings];
      out.warnings = this.warnings;
    }
    return Object.keys(out).length > 0 ? (out as Partial<RunInfo>) : undefined;
  }
}

function appendOf(
  points: AppendedPoint[],
  logs: MemoryAppend['logs'] & object,
  run: Partial<RunInfo> | undefined,
): MemoryAppend | undefined {
  if (points.length === 0 && logs.length === 0 && !run) return undefined;
  const out: MemoryAppend = {};
  if (points.length > 0) out.points = points;
  if (logs.length > 0) out.logs = logs;
  if (run) out.run = run;
  return out;
}

/** Every file below a folder, without contents (`listFiles`: links never followed twice). */
async function listTree(folder: NodeFolder, warnings: string[]): Promise<MemoryFile[]> {
  const files = await listFiles(folder, '', MAX_LISTED_FILES, warnings);
  return files.map(({ link, ...f }) => (link ? { ...f, mime: 'inode/symlink' } : f));
}

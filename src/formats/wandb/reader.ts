/**
 * Reads one W&B run folder (`run-…` / `offline-run-…`) into the `MemoryRun` shape: the `.wandb`
 * datastore first (streamed), then `files/` for what the datastore lacks. Where both have a fact,
 * the datastore wins.
 *
 * Never throws for bad data: damaged, truncated or missing files become `info.warnings`.
 */

import type { AppendedPoint, MemoryFile, MemoryLogLine, MemoryRun } from '../../data/memory-source.js';
import type { ArtifactDetail, JsonObject, MediaItem, ModelGraph, RunInfo } from '../../data/source.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../../data/source.js';
import { type DatastoreReader, createDatastoreReader } from './datastore.js';
import {
  parseConfigYaml,
  parseGraphJson,
  parseJsonRow,
  parseMetadataJson,
  parseSummaryJson,
  splitLogText,
} from './files.js';
import { type MediaUrl, type MetricColumns, WandbRunBuilder } from './run-builder.js';
import { type FolderEntry, type RunFolder } from '../common/run-folder.js';
import { listFiles } from '../common/walk.js';
import { type InfoInput, buildInfo, hasRecords } from './run-info.js';
import type { LogFile } from '../../data/log-file.js';
import {
  CONSOLE_END_LINES,
  completeFromLogFile,
  completeFromOutputLog,
  type ConsoleLogFile,
} from './console-continuation.js';
import { readRunDebugLogs } from './debug-logs.js';
import { mediaFromFiles } from './media-files.js';

export interface ReadWandbRunOptions {
  /** The run folder's own name (`run-20220429_201936-3ojed7lz`), for the run id when the datastore has none. */
  folderName?: string;
  /** Epoch ms used to tell running from crashed. Default `Date.now()`. */
  now?: number;
  heartbeatThresholdMs?: number;
  /** Run-relative path (`files/media/images/a.png`) → URL; default: the path itself. */
  mediaUrl?: MediaUrl;
  /** Most entries to list in the run's file tree (default 100,000). */
  maxFiles?: number;
  /**
   * The project to show when nothing in the run names one (no run record, no `finishing run`
   * line in its debug log): the server's guess from the folder layout or `wandb/settings`.
   */
  projectHint?: string;
  /**
   * Opens `files/output.log` as a log file read on demand instead of reading it whole (a server
   * passes its disk index): console lines that only that file holds then come as `logFile`.
   */
  openLogFile?: (path: string) => Promise<ConsoleLogFile>;
}

/** A read run: the `MemoryRun` plus what a live reader needs to continue. */
export interface WandbRun extends MemoryRun {
  info: RunInfo;
  /** History and system metrics as plain growable columns (NaN where a point has no time/runtime). */
  metrics: MetricColumns[];
  logs: MemoryLogLine[];
  /** Console lines past `logs` that only output.log holds, read on demand (with `openLogFile`). */
  logFile?: LogFile;
  files: MemoryFile[];
  artifacts: ArtifactDetail[];
  media: MediaItem[];
  /** Path of the datastore inside the folder, when there is one. */
  datastorePath?: string;
  /** Continues reading the datastore as it grows (live runs); present when there is a datastore. */
  tail?: WandbTail;
}

/**
 * The live continuation of a read run. Read the datastore from `offset` whenever it grows and
 * `push` the new bytes: the result is what to append to a `MemorySource` (`points`, `logs`, and
 * the updated `run` facts such as state and summary). Once the run has ended (an exit record, or
 * silence longer than the threshold at `now`), the last partial line is flushed and the tail
 * stops taking bytes.
 */
export interface WandbTail {
  readonly offset: number;
  push(
    bytes: Uint8Array,
    now?: number,
  ): { points: AppendedPoint[]; logs: MemoryLogLine[]; run?: Partial<RunInfo>; warnings: string[] };
  /**
   * True once the tail has ended without an exit record (the run was cut short) and its console
   * has not been completed yet: read `files/output.log` then and pass it to `completeConsole`.
   */
  readonly cutShort: boolean;
  /**
   * The lines of `output.log` past the datastore's console (labelled `output.log`) and the run's
   * facts re-evaluated with them (a final traceback makes the run `failed`). Once only.
   */
  completeConsole(
    outputLog: string,
    now?: number,
  ): { logs: MemoryLogLine[]; run?: Partial<RunInfo>; warnings: string[] };
  /** `completeConsole` with output.log opened as a log file: its lines past the console come as `logFile`. */
  completeConsoleFromFile(
    file: ConsoleLogFile,
    now?: number,
  ): Promise<{ logFile?: LogFile; run?: Partial<RunInfo>; warnings: string[] }>;
}

const FOLDER_NAME = /^(?:offline-)?run-(\d{8})_(\d{6})-([A-Za-z0-9]+)(?:-.*)?$/;

/** The run id in a folder name (`offline-run-20250818_154253-01tt2qoy` → `01tt2qoy`). */
export function runIdFromFolderName(name: string): string | undefined {
  return FOLDER_NAME.exec(name)?.[3];
}

export async function readWandbRun(folder: RunFolder, options: ReadWandbRunOptions = {}): Promise<WandbRun> {
  const warnings: string[] = [];
  const mediaUrl: MediaUrl = options.mediaUrl ?? ((p) => p);
  const builder = new WandbRunBuilder({ mediaUrl });
  const thresholdMs = options.heartbeatThresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS;

  const root = await listOrEmpty(folder, '', warnings);
  const stores = root.filter((e) => e.kind === 'file' && e.name.endsWith('.wandb'));
  const folderId = options.folderName ? runIdFromFolderName(options.folderName) : undefined;
  const store = stores.find((e) => folderId && e.name === `run-${folderId}.wandb`) ?? stores[0];
  if (stores.length > 1) warnings.push(`${stores.length} .wandb files in the run folder; read ${store!.name}`);
  const reader = createDatastoreReader();
  if (store) await readStore(folder, store.name, reader, builder);
  builder.addSummaryMedia();
  builder.reportSkippedValues();
  const facts = builder.facts;
  const fromFilesOnly = !hasRecords(facts);
  if (!store) warnings.push('no .wandb datastore in the run folder; the run is read from files/ only');

  const dir = async (name: string) =>
    root.some((e) => e.name === name && e.kind === 'dir') ? listOrEmpty(folder, name, warnings) : [];
  const filesDir = await dir('files');
  const has = (name: string) => filesDir.some((e) => e.name === name && e.kind === 'file');
  const text = async (name: string) => (has(name) ? readText(folder, `files/${name}`, warnings) : undefined);

  const configText = await text('config.yaml');
  const fileConfig = configText === undefined ? undefined : parseConfigYaml(configText);
  const summaryText = await text('wandb-summary.json');
  const fileSummary = summaryText === undefined ? undefined : parseSummaryJson(summaryText);
  const metaText = await text('wandb-metadata.json');
  const meta = metaText === undefined ? undefined : parseMetadataJson(metaText);
  for (const p of [fileConfig, fileSummary, meta]) if (p) warnings.push(...p.warnings);
  if (facts.historyRows === 0 && has('wandb-history.jsonl')) {
    await readJsonLines(folder, 'files/wandb-history.jsonl', warnings, (row) => builder.addHistoryRow(row));
  }
  if (facts.systemSamples === 0 && has('wandb-events.jsonl')) {
    await readJsonLines(folder, 'files/wandb-events.jsonl', warnings, (row) => builder.addSystemRow(row));
  }
  // wandb-summary.json names the last media of each key, with caption and size, when history does not.
  if (fileSummary) builder.addSummaryMedia(fileSummary.value);
  const model = await readModel(
    folder,
    filesDir.some((e) => e.name === 'media' && e.kind === 'dir'),
    warnings,
  );
  const debug = await readRunDebugLogs(folder, await dir('logs'));
  const files = await listTree(folder, options.maxFiles ?? 100_000, warnings);

  const infoInput = (now: number, console?: readonly MemoryLogLine[]): InfoInput => ({
    facts,
    folderId,
    fileConfig: fileConfig?.value,
    fileSummary: fileSummary?.value,
    meta: meta?.value ?? {},
    debug,
    filesChangedAt: fromFilesOnly ? latestChange(files) : undefined,
    console,
    projectHint: options.projectHint,
    now,
    thresholdMs,
  });
  const now = options.now ?? Date.now();
  let info = buildInfo(infoInput(now));
  const running = info.state === 'running';
  // A run just started has only the header yet; one that ended so lost its records.
  if (store && fromFilesOnly && !running)
    warnings.push(`${store.name} holds no records; the run is read from files/ only`);
  // A run still writing ends mid-record and mid-line as a matter of course; anything else that
  // ends so was cut off, and says so.
  const reportedTail = !running && store ? reader.tailWarnings() : [];
  if (!running) builder.flushLogs(true);
  for (const w of reportedTail) builder.warn(`${store!.name}: ${w}`);
  let logs: MemoryLogLine[] = facts.logs;
  let logFile: LogFile | undefined;
  let consoleEnd: readonly { text: string }[] = logs;
  const outputLog = has('output.log') ? options.openLogFile : undefined;
  if (facts.logs.length === 0 && outputLog) {
    const file = await openLogFile(outputLog, warnings);
    if (file && file.count > 0) {
      logFile = file;
      consoleEnd = (await file.read(Math.max(0, file.count - CONSOLE_END_LINES), file.count)).map((text) => ({ text }));
    }
  } else if (facts.logs.length === 0) logs = consoleEnd = await fileLogs(folder, has('output.log'), warnings);
  else if (!running && !facts.exit && outputLog) {
    // Cut short: output.log, written apart from the datastore, may hold the end (the traceback).
    const file = await openLogFile(outputLog, warnings);
    const more = file ? await completeFromLogFile(facts.logs, file) : undefined;
    if (more?.warning) warnings.push(more.warning);
    if (more?.file) {
      logFile = more.file;
      consoleEnd = more.end.map((text) => ({ text }));
    }
  } else if (!running && !facts.exit && has('output.log')) {
    // Cut short: output.log, written apart from the datastore, may hold the end (the traceback).
    const outputLog = await readText(folder, 'files/output.log', warnings);
    const more = outputLog === undefined ? { logs: [] } : completeFromOutputLog(facts.logs, outputLog);
    if (more.warning) warnings.push(more.warning);
    if (more.logs.length) logs = consoleEnd = [...facts.logs, ...more.logs];
  }
  if (!running) info = buildInfo(infoInput(now, consoleEnd));
  info.warnings = [...facts.warnings, ...warnings];
  if (info.warnings.length === 0) delete info.warnings;

  // Media files that no history record names: a run without a datastore, or one cut short.
  const media = facts.media;
  if (!facts.exit) {
    const named = new Set(media.map((m) => m.url));
    const url = (p: string) => mediaUrl(p) ?? p;
    for (const m of mediaFromFiles(
      files.map((f) => f.path),
      url,
    )) {
      if (!named.has(m.url)) media.push(m);
    }
  }

  const run: WandbRun = {
    info,
    metrics: [...facts.metrics.values()],
    logs,
    files,
    artifacts: facts.artifacts,
    media,
  };
  if (logFile) run.logFile = logFile;
  if (model) run.model = model;
  if (store) {
    run.datastorePath = store.name;
    run.tail = createTail(reader, builder, (now, console) => buildInfo(infoInput(now, console)), reportedTail);
  }
  return run;
}

/** Epoch ms of the latest modification among the run's files. */
function latestChange(files: readonly MemoryFile[]): number | undefined {
  let latest: number | undefined;
  for (const f of files) {
    if (f.mime === 'inode/symlink' || f.modified === undefined || !Number.isFinite(f.modified)) continue;
    if (latest === undefined || f.modified > latest) latest = f.modified;
  }
  return latest;
}

/** Continues reading a growing datastore after `readWandbRun` (see `WandbTail`). */
function createTail(
  reader: DatastoreReader,
  builder: WandbRunBuilder,
  info: (now: number, console?: readonly MemoryLogLine[]) => RunInfo,
  reported: string[],
): WandbTail {
  let finished = false;
  let completed = false;
  const runFacts = (i: RunInfo): Partial<RunInfo> => {
    const run: Partial<RunInfo> = { ...i };
    delete run.warnings;
    return run;
  };
  return {
    get offset() {
      return reader.offset;
    },
    push(bytes, now = Date.now()) {
      if (finished) return { points: [], logs: [], warnings: [] };
      const batch = reader.push(bytes);
      const added = builder.add(batch.records);
      const before = builder.facts.warnings.length;
      builder.reportSkippedValues();
      let i = info(now);
      const logs: MemoryLogLine[] = [...added.logs];
      const warnings = [...batch.warnings, ...builder.facts.warnings.slice(before)];
      if (i.state !== 'running') {
        finished = true;
        logs.push(...builder.flushLogs());
        // The end of the file as it was at read time was already reported in `info.warnings`.
        warnings.push(...reader.finish().warnings.filter((w) => !reported.includes(w)));
        i = info(now, builder.facts.logs);
      }
      return { points: added.points, logs, run: runFacts(i), warnings };
    },
    get cutShort() {
      return finished && !builder.facts.exit && !completed;
    },
    completeConsole(outputLog, now = Date.now()) {
      if (!finished || builder.facts.exit || completed) return { logs: [], warnings: [] };
      completed = true;
      const more = completeFromOutputLog(builder.facts.logs, outputLog);
      builder.facts.logs.push(...more.logs);
      return {
        logs: more.logs,
        run: runFacts(info(now, builder.facts.logs)),
        warnings: more.warning ? [more.warning] : [],
      };
    },
    async completeConsoleFromFile(file, now = Date.now()) {
      if (!finished || builder.facts.exit || completed) return { warnings: [] };
      completed = true;
      const more = await completeFromLogFile(builder.facts.logs, file);
      const end = more.end.map((text) => ({ text }));
      const out: { logFile?: LogFile; run?: Partial<RunInfo>; warnings: string[] } = {
        run: runFacts(info(now, end)),
        warnings: more.warning ? [more.warning] : [],
      };
      if (more.file) out.logFile = more.file;
      return out;
    },
  };
}

async function readStore(
  folder: RunFolder,
  path: string,
  reader: DatastoreReader,
  builder: WandbRunBuilder,
): Promise<void> {
  const take = (buf: Uint8Array, start: number, end: number) => builder.addPayload(buf, start, end);
  const feed = (bytes: Uint8Array) => {
    for (const w of reader.pushRanges(bytes, take)) builder.warn(`${path}: ${w}`);
  };
  try {
    if (folder.stream) for await (const chunk of folder.stream(path)) feed(chunk);
    else feed(await folder.read(path));
  } catch (e) {
    builder.warn(`reading ${path} failed after ${reader.offset} bytes: ${errorText(e)}`);
  }
}

/** output.log opened by the caller's `openLogFile`; a failure is a warning (the file stays listed). */
async function openLogFile(
  open: (path: string) => Promise<ConsoleLogFile>,
  warnings: string[],
): Promise<ConsoleLogFile | undefined> {
  try {
    return await open('files/output.log');
  } catch (e) {
    warnings.push(`could not read files/output.log: ${errorText(e)}`);
    return undefined;
  }
}

async function fileLogs(folder: RunFolder, present: boolean, warnings: string[]) {
  if (!present) return [];
  const text = await readText(folder, 'files/output.log', warnings);
  return text === undefined ? [] : splitLogText(text).map((line) => ({ text: line, stream: 'stdout' as const }));
}

/** Feeds each JSON object line of a `.jsonl` file; lines that are not JSON objects are counted in one warning. */
async function readJsonLines(folder: RunFolder, path: string, warnings: string[], each: (row: JsonObject) => void) {
  const text = await readText(folder, path, warnings);
  if (text === undefined) return;
  let bad = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const row = parseJsonRow(line);
    if (row) each(row);
    else bad++;
  }
  if (bad > 0) warnings.push(`${path}: ${bad} lines are not JSON objects and were skipped`);
}

async function readModel(folder: RunFolder, hasMedia: boolean, warnings: string[]): Promise<ModelGraph | undefined> {
  if (!hasMedia) return undefined;
  let entries: FolderEntry[];
  try {
    entries = await folder.list('files/media/graph');
  } catch {
    return undefined;
  }
  const graphs = entries
    .filter((e) => e.kind === 'file' && e.name.endsWith('.graph.json'))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const g of graphs) {
    const text = await readText(folder, `files/media/graph/${g.name}`, warnings);
    if (text === undefined) continue;
    const parsed = parseGraphJson(text, g.name);
    warnings.push(...parsed.warnings);
    if (parsed.value) return parsed.value;
  }
  return undefined;
}

/** Every file of the run folder, without contents (`listFiles`: links never followed twice). */
async function listTree(folder: RunFolder, max: number, warnings: string[]): Promise<MemoryFile[]> {
  return (await listFiles(folder, '', max, warnings)).map(({ link, ...f }) =>
    link ? { ...f, mime: 'inode/symlink' } : f,
  );
}

async function listOrEmpty(folder: RunFolder, dir: string, warnings: string[]): Promise<FolderEntry[]> {
  try {
    return await folder.list(dir);
  } catch (e) {
    warnings.push(`could not list ${dir || 'the run folder'}: ${errorText(e)}`);
    return [];
  }
}

const utf8 = new TextDecoder('utf-8');

async function readText(folder: RunFolder, path: string, warnings: string[]): Promise<string | undefined> {
  try {
    return utf8.decode(await folder.read(path));
  } catch (e) {
    warnings.push(`could not read ${path}: ${errorText(e)}`);
    return undefined;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

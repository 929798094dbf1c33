/**
 * A quick look at a W&B run for run listings: id, name, project, state and start time, without
 * reading a large datastore whole. The run record sits at the start of the file and the exit
 * record near its end; 32 KiB blocks are self-contained, so the head and the last few blocks are
 * read and the middle (history, console) is skipped. The state weighs the same evidence as a full
 * read (debug logs, the end of output.log, file times of a run without a datastore).
 */

import type { RunInfo, RunRef } from '../../data/source.js';
import { listingOf } from '../../data/run-listing.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../../data/source.js';
import { createDatastoreReader } from './datastore.js';
import { readRunDebugLogs } from './debug-logs.js';
import { parseConfigYaml, parseMetadataJson, parseSummaryJson, splitLogText } from './files.js';
import { BLOCK_SIZE } from './framing.js';
import { runIdFromFolderName } from './reader.js';
import { WandbRunBuilder } from './run-builder.js';
import type { RunFolder } from '../common/run-folder.js';
import { buildInfo, hasRecords } from './run-info.js';

export interface PeekWandbRunOptions {
  folderName?: string;
  /** Epoch ms; default `Date.now()`. */
  now?: number;
  heartbeatThresholdMs?: number;
  /** Bytes read at each end of a large datastore (default 256 KiB). Smaller files are read whole. */
  peekBytes?: number;
  /** The project to show when nothing in the run names one (see `ReadWandbRunOptions.projectHint`). */
  projectHint?: string;
}

/** The last bytes of a file that are read for the end of its console. */
const CONSOLE_TAIL = 64 * 1024;

async function tailText(folder: RunFolder, path: string, size: number | undefined): Promise<string> {
  if (!folder.stream || size === undefined || size <= CONSOLE_TAIL)
    return new TextDecoder().decode(await folder.read(path));
  const decoder = new TextDecoder();
  let text = '';
  for await (const c of folder.stream(path, size - CONSOLE_TAIL)) text += decoder.decode(c, { stream: true });
  text += decoder.decode();
  return text.slice(text.indexOf('\n') + 1); // the first line is cut
}

/** Never rejects: a run that cannot be read comes back with `error` set. */
export async function peekWandbRun(folder: RunFolder, options: PeekWandbRunOptions = {}): Promise<RunRef> {
  const folderId = options.folderName ? runIdFromFolderName(options.folderName) : undefined;
  try {
    const info = await peekInfo(folder, folderId, options);
    const ref: RunRef = { id: info.id, state: info.state, format: 'wandb' };
    if (info.name) ref.name = info.name;
    if (info.project) ref.project = info.project;
    if (info.startedAt !== undefined) ref.startedAt = info.startedAt;
    return ref;
  } catch (e) {
    return unreadable(folderId, options, e);
  }
}

/**
 * Every listing field of a W&B run (`listingOf`: also group, tags, runtime, config from the run
 * record or config.yaml, summary from wandb-summary.json) from the same quick look. Never rejects.
 */
export async function peekWandbListing(folder: RunFolder, options: PeekWandbRunOptions = {}): Promise<RunRef> {
  return (await peekWandbListingChecked(folder, options)).ref;
}

/**
 * `peekWandbListing`, saying when the quick look may differ from a full read (`unsure`, why): a
 * datastore not read whole that was cut short (a full read completes its console from
 * output.log and reports what it did), or whose summary is only in its records (no
 * wandb-summary.json: summary records in the part not read would be missed). A caller that needs
 * the full read's values reads such a run.
 */
export async function peekWandbListingChecked(
  folder: RunFolder,
  options: PeekWandbRunOptions = {},
): Promise<{ ref: RunRef; unsure?: string }> {
  const folderId = options.folderName ? runIdFromFolderName(options.folderName) : undefined;
  try {
    const checks: PeekChecks = {};
    const info = await peekInfo(folder, folderId, options, true, checks);
    const ref: RunRef = { ...listingOf(info.id, info), format: 'wandb' };
    return checks.unsure === undefined ? { ref } : { ref, unsure: checks.unsure };
  } catch (e) {
    return { ref: unreadable(folderId, options, e) };
  }
}

interface PeekChecks {
  unsure?: string;
}

function unreadable(folderId: string | undefined, options: PeekWandbRunOptions, e: unknown): RunRef {
  return {
    id: folderId ?? options.folderName ?? 'unknown',
    format: 'wandb',
    error: `could not read the run: ${e instanceof Error ? e.message : String(e)}`,
  };
}

async function peekInfo(
  folder: RunFolder,
  folderId: string | undefined,
  options: PeekWandbRunOptions,
  withConfigFile = false,
  checks: PeekChecks = {},
): Promise<RunInfo> {
  const root = await folder.list('');
  const stores = root.filter((e) => e.kind === 'file' && e.name.endsWith('.wandb'));
  const store = stores.find((e) => folderId && e.name === `run-${folderId}.wandb`) ?? stores[0];
  const builder = new WandbRunBuilder();
  /** The reader that saw the end of the datastore, and whether it saw all of it. */
  let end: ReturnType<typeof createDatastoreReader> | undefined;
  let whole = false;
  const seen: string[] = [];
  if (store) {
    const peek = Math.max(BLOCK_SIZE, options.peekBytes ?? 256 * 1024);
    const size = store.size ?? Infinity;
    const head = createDatastoreReader();
    if (!folder.stream || size <= 2 * peek) {
      const bytes = await folder.read(store.name);
      const batch = head.push(bytes);
      builder.add(batch.records);
      seen.push(...batch.warnings);
      end = head;
      whole = true;
    } else {
      // Chunks may be larger than the peek: records past it are not decoded (decoding is the cost).
      let read = 0;
      for await (const chunk of folder.stream(store.name, 0, peek)) {
        builder.add(head.push(chunk.subarray(0, Math.max(0, peek - read))).records);
        read += chunk.length;
        if (read >= peek) break;
      }
      const tailStart = Math.floor((size - peek) / BLOCK_SIZE) * BLOCK_SIZE;
      const tail = createDatastoreReader({ start: tailStart });
      for await (const chunk of folder.stream(store.name, tailStart)) builder.add(tail.push(chunk).records);
      end = tail;
    }
  }
  const dir = async (name: string) =>
    root.some((e) => e.name === name && e.kind === 'dir') ? folder.list(name).catch(() => []) : [];
  const files = await dir('files');
  const file = (name: string) => files.find((e) => e.name === name && e.kind === 'file');
  const text = async (name: string) =>
    file(name) ? new TextDecoder().decode(await folder.read(`files/${name}`)) : undefined;
  const metaText = await text('wandb-metadata.json');
  const configText = withConfigFile ? await text('config.yaml') : undefined;
  const summaryText = await text('wandb-summary.json');
  const logs = await dir('logs');
  const debug = await readRunDebugLogs(folder, logs);
  // The end of the console, for a final traceback (the full read also adds what only output.log holds).
  const output = file('output.log');
  const consoleEnd =
    output && !builder.facts.exit ? splitLogText(await tailText(folder, 'files/output.log', output.size)) : [];
  let changed: number | undefined;
  for (const e of [...root, ...files, ...logs]) {
    if (e.kind === 'file' && e.modified !== undefined && (changed === undefined || e.modified > changed))
      changed = e.modified;
  }
  const fileConfig = configText === undefined ? undefined : parseConfigYaml(configText);
  const meta = metaText === undefined ? undefined : parseMetadataJson(metaText);
  const fileSummary = summaryText === undefined ? undefined : parseSummaryJson(summaryText);
  const info = buildInfo({
    facts: builder.facts,
    folderId,
    ...(fileConfig ? { fileConfig: fileConfig.value } : {}),
    meta: meta?.value ?? {},
    fileSummary: fileSummary?.value,
    debug,
    filesChangedAt: hasRecords(builder.facts) ? undefined : changed,
    console: [...builder.facts.logs, ...consoleEnd.map((t) => ({ text: t }))],
    projectHint: options.projectHint,
    now: options.now ?? Date.now(),
    thresholdMs: options.heartbeatThresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS,
  });
  if (!whole && fileSummary) {
    // wandb-summary.json is the run's whole summary; the records read may hold older values.
    const { _wandb: _omit, ...values } = fileSummary.value;
    void _omit;
    info.summary = { ...info.summary, ...values };
  }
  // The problems a full read reports that a quick look sees too, worded as reader.ts words them.
  const warnings: string[] = [];
  const running = info.state === 'running';
  // A run still writing ends mid-record as a matter of course; one that ended so was cut off.
  const cut = store && end && !running ? end.tailWarnings() : [];
  if (whole) for (const w of [...seen, ...cut]) warnings.push(`${store!.name}: ${w}`);
  if (!whole && cut.length > 0) checks.unsure = `${store!.name} was cut short`;
  else if (cut.length > 0 && !builder.facts.exit && (output?.size ?? 0) > 0)
    checks.unsure = `${store!.name} was cut short before its console ended`;
  else if (store && !whole && !fileSummary) checks.unsure = 'no wandb-summary.json';
  if (stores.length > 1) warnings.push(`${stores.length} .wandb files in the run folder; read ${store!.name}`);
  if (!store) warnings.push('no .wandb datastore in the run folder; the run is read from files/ only');
  else if (!hasRecords(builder.facts))
    warnings.push(`${store.name} holds no records; the run is read from files/ only`);
  if (withConfigFile) for (const p of [fileConfig, fileSummary, meta]) if (p) warnings.push(...p.warnings);
  if (warnings.length) info.warnings = [...(info.warnings ?? []), ...warnings];
  return info;
}

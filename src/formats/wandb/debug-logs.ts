/**
 * What a run's own debug logs (`logs/debug.log`, `logs/debug-internal.log`) say about how it
 * ended, for runs whose datastore does not (cut short, empty, or missing).
 *
 * - `debug.log` (the user process, every SDK since 0.10): `Current SDK version is 0.21.0`,
 *   `[wandb_run.py:_atexit_cleanup():…] got exitcode: 1`, `finishing run entity/project/id`
 *   (offline runs: `project/id`).
 * - `debug-internal.log` of the Python writer (≤ 0.17): `handling exit code: 1` and
 *   `handling runtime: 2`, written as the exit record is sent. Its times are local without a zone,
 *   so they are not used.
 * - `debug-internal.log` of the Go writer (0.18+): JSON lines with RFC 3339 times:
 *   `{"msg":"stream: starting","core version":"0.21.0"}` and, when the run's stream ended
 *   normally, `{"msg":"stream: closing"}`.
 *
 * Only the head and the tail of each file matter (version at the start, exit at the end), so a
 * large log is never read whole.
 */

import { type FolderEntry, type RunFolder } from '../common/run-folder.js';

/** Bytes read at each end of a debug log; the middle (request traffic) says nothing about the end. */
const WINDOW = 128 * 1024;

export interface DebugLogFacts {
  /** The exit code the SDK recorded. */
  exitCode?: number;
  /** Seconds, recorded with the exit by the Python writer. */
  runtime?: number;
  /** The Go writer closed the run's stream normally (an orderly end, code unknown). */
  closed?: boolean;
  /** Epoch ms of the first and the last line with an absolute time (Go writer's JSON lines). */
  firstTime?: number;
  lastTime?: number;
  /**
   * The first and last times of the Python writer's lines, read as if they were UTC: they are the
   * machine's local time, whose offset only a known start time can tell (see `localToEpoch`).
   */
  firstLocal?: number;
  lastLocal?: number;
  sdkVersion?: string;
  project?: string;
  entity?: string;
}

const EXIT_CODE = /\bgot exitcode: (-?\d+)/g;
const INTERNAL_EXIT_CODE = /\bhandling exit code: (-?\d+)/g;
const INTERNAL_RUNTIME = /\bhandling runtime: (\d+)/g;
const SDK_VERSION = /\bCurrent SDK version is ([0-9][\w.+-]*)/;
const FINISHING = /\bfinishing run ([^\s]+)/g;

/** `2022-04-29 20:18:47,598 INFO …`: the Python logging format of both logs. */
const LOCAL_TIME = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d),(\d{3}) /gm;

/** Reads `debug.log` text (or its head and tail) into `facts`. */
export function readDebugLog(text: string, facts: DebugLogFacts): void {
  noteLocalTimes(text, facts);
  const code = lastMatch(text, EXIT_CODE);
  if (code !== undefined) facts.exitCode = Number(code);
  const version = SDK_VERSION.exec(text)?.[1];
  if (version) facts.sdkVersion ??= version;
  const path = lastMatch(text, FINISHING)?.split('/');
  // entity/project/id or project/id; the id is the run's own.
  if (path && path.length >= 2 && path.every((p) => p !== '')) {
    facts.project ??= path[path.length - 2];
    if (path.length >= 3) facts.entity ??= path[path.length - 3];
  }
}

/** Reads `debug-internal.log` text (or its head and tail), Python or Go writer, into `facts`. */
export function readDebugInternalLog(text: string, facts: DebugLogFacts): void {
  noteLocalTimes(text, facts);
  const code = lastMatch(text, INTERNAL_EXIT_CODE);
  if (code !== undefined) facts.exitCode ??= Number(code);
  const runtime = lastMatch(text, INTERNAL_RUNTIME);
  if (runtime !== undefined) facts.runtime ??= Number(runtime);
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a line cut by the head/tail window, or not JSON
    }
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const time = typeof e.time === 'string' ? Date.parse(e.time) : NaN;
    if (Number.isFinite(time)) {
      if (facts.firstTime === undefined || time < facts.firstTime) facts.firstTime = time;
      if (facts.lastTime === undefined || time > facts.lastTime) facts.lastTime = time;
    }
    if (typeof e['core version'] === 'string' && e['core version'] !== '') facts.sdkVersion ??= e['core version'];
    if (e.msg === 'stream: closing' || e.msg === 'stream: closed') facts.closed = true;
  }
}

function noteLocalTimes(text: string, facts: DebugLogFacts): void {
  LOCAL_TIME.lastIndex = 0;
  for (let m = LOCAL_TIME.exec(text); m; m = LOCAL_TIME.exec(text)) {
    const t = Date.parse(`${m[1]}T${m[2]}.${m[3]}Z`);
    if (!Number.isFinite(t)) continue;
    if (facts.firstLocal === undefined || t < facts.firstLocal) facts.firstLocal = t;
    if (facts.lastLocal === undefined || t > facts.lastLocal) facts.lastLocal = t;
  }
}

/** Local times further than this from the start time, after the zone offset, do not belong to it. */
const START_TOLERANCE_MS = 5 * 60_000;
/** Zone offsets are whole quarter hours. */
const ZONE_STEP_MS = 15 * 60_000;

/**
 * The Python writer's last log time as epoch ms, when its first log time (written as `wandb.init`
 * ran) lines up with the run's known start within a whole-quarter-hour zone offset.
 */
export function localToEpoch(facts: DebugLogFacts, startedAt: number | undefined): number | undefined {
  if (startedAt === undefined || facts.firstLocal === undefined || facts.lastLocal === undefined) return undefined;
  const offset = Math.round((facts.firstLocal - startedAt) / ZONE_STEP_MS) * ZONE_STEP_MS;
  if (Math.abs(facts.firstLocal - offset - startedAt) > START_TOLERANCE_MS) return undefined;
  return facts.lastLocal - offset;
}

function lastMatch(text: string, re: RegExp): string | undefined {
  let last: string | undefined;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m[1];
  return last;
}

/** The facts of `logs/debug.log` and `logs/debug-internal.log` (`logsDir`: the entries of `logs/`). Never rejects. */
export async function readRunDebugLogs(folder: RunFolder, logsDir: readonly FolderEntry[]): Promise<DebugLogFacts> {
  const facts: DebugLogFacts = {};
  const file = (name: string) => logsDir.find((e) => e.name === name && e.kind === 'file');
  const debug = file('debug.log');
  if (debug) readDebugLog(await headAndTail(folder, `logs/${debug.name}`, debug.size), facts);
  const internal = file('debug-internal.log');
  if (internal) readDebugInternalLog(await headAndTail(folder, `logs/${internal.name}`, internal.size), facts);
  return facts;
}

const utf8 = new TextDecoder('utf-8');

/** The file's text, or its first and last WINDOW bytes joined by a newline when it is larger. */
async function headAndTail(folder: RunFolder, path: string, size: number | undefined): Promise<string> {
  try {
    if (!folder.stream || size === undefined || size <= 2 * WINDOW) return utf8.decode(await folder.read(path));
    const head = await firstBytes(folder.stream(path, 0), WINDOW);
    const tail = await firstBytes(folder.stream(path, size - WINDOW), WINDOW);
    return `${utf8.decode(head)}\n${utf8.decode(tail)}`;
  } catch {
    return ''; // an unreadable log is no evidence
  }
}

async function firstBytes(chunks: AsyncIterable<Uint8Array>, n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let at = 0;
  for await (const c of chunks) {
    const take = Math.min(c.length, n - at);
    out.set(c.subarray(0, take), at);
    at += take;
    if (at >= n) break;
  }
  return out.subarray(0, at);
}

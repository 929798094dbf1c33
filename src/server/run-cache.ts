/**
 * A disk cache of W&B runs already read, so that a restarted server opens a big run without
 * reading its datastore again. One file per run in the cache folder (never inside the user's run
 * folders), named by a hash of what it was read with (the run folder's real path, the crash
 * threshold, the project hint, the package and format versions).
 *
 * Layout (all numbers little-endian, each section 8-byte aligned so columns load as views):
 *
 *   "RUNPAGEC" (8 bytes) | header length (u32) | 0 (u32) | header JSON | pad | sections… | "RUNPAGE." (8 bytes)
 *
 * Section offsets in the header count from the data start, so the header's length moves nothing.
 *
 * The header holds the read key, the file list of the run folder when it was read (path, size,
 * mtime of every file: the fingerprint), the run's facts as wire JSON (non-finite numbers kept),
 * and where each section lies. Metric columns are raw float64 (a column equal to one written
 * before is stored once and shared, as the step and time columns of metrics logged together are);
 * the console is one UTF-8 blob with line ends, streams, times and labels beside it, read a line at
 * a time when asked.
 *
 * A cache file is valid only if the run folder lists the same files with the same sizes and
 * mtimes as when it was read; anything else (a grown datastore, a new file, a touched config) reads
 * the run again. A cache file that does not parse, is shorter or longer than its header says, or
 * names sections outside itself is ignored with a warning and rewritten. Files are written under a
 * temporary name and renamed, so a reader never sees half a file and two servers writing the same
 * run's cache leave one whole file. Bytes changed inside a column by something other than runpage
 * are not detected (no checksum: hashing hundreds of MB would cost more than the open it saves).
 * The folder is kept within `maxBytes`: after each write the files used least recently (a load
 * touches its file's mtime) are deleted.
 *
 * Runs still running are not cached: their tail reader's state is not something a file can hold
 * (the builder's partial console lines, the datastore reader's place in a record), so a live run
 * that is reopened is read again; once it has ended it is cached like any other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { endianness } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryLogLine, MemoryLogs, MemoryMetric, MemoryRun } from '../data/memory-source.js';
import type { MemoryFile } from '../data/memory-files.js';
import { parseWire, stringifyWire } from '../data/http-wire.js';
import { listFiles } from '../formats/common/walk.js';
import type { RunFolder } from '../formats/common/run-folder.js';
import { findPackageRoot } from './bundle-file.js';

/** Bump when the layout or the meaning of a cached field changes. */
export const RUN_CACHE_FORMAT = 1;
const MAGIC = Buffer.from('RUNPAGEC', 'latin1');
const END = Buffer.from('RUNPAGE.', 'latin1');
const PREFIX = 16;

/** What a run was read with: a cache file read with anything else is not this run's. */
export interface RunCacheKey {
  /** The run folder's real path. */
  path: string;
  heartbeatThresholdMs: number;
  projectHint?: string;
  /** Console lines served from a disk index of output.log (a server) or read into memory. */
  logsOnDisk: boolean;
}

/** Files of the run folder as listed when it was read: path, size, mtime (and links). */
export type RunFingerprint = readonly Pick<MemoryFile, 'path' | 'size' | 'modified' | 'mime'>[];

/**
 * The installed runpage version and the time this build was made ('' parts when they cannot be
 * found): a cache follows its readers, and a rebuilt checkout may have changed them without a new
 * version number.
 */
export function packageVersion(): string {
  return `${installedVersion()}+${buildTime()}`;
}

function installedVersion(): string {
  const root = findPackageRoot();
  if (!root) return '';
  try {
    const json = JSON.parse(readFileSync(nodePath.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return String(json.version ?? '');
  } catch {
    return '';
  }
}

/** When the running build of this module was written ('' when that cannot be found). */
function buildTime(): string {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return '';
  }
}

/** The most files a W&B run folder lists (the reader's default), and so its fingerprint. */
const MAX_FILES = 100_000;

/** The files of a run folder as the W&B reader lists them (links as `inode/symlink`). */
export async function fingerprintOf(folder: RunFolder): Promise<RunFingerprint> {
  const files = await listFiles(folder, '', MAX_FILES, []);
  return files.map(({ link, ...f }) => (link ? { ...f, mime: 'inode/symlink' } : f));
}

interface Section {
  offset: number;
  bytes: number;
}

interface CachedMetric {
  key: string;
  group?: MemoryMetric['group'];
  count: number;
  step: number;
  value: number;
  time?: number;
  runtime?: number;
}

interface CachedLogs {
  count: number;
  text: number;
  /** Float64 byte offset where each line ends in `text`. */
  ends: number;
  /** One byte a line: 1 for stderr. */
  streams: number;
  times?: number;
  labels?: { names: string[]; index: number };
}

interface Header {
  format: number;
  version: string;
  key: RunCacheKey;
  fingerprint: RunFingerprint;
  /** The run without metrics and logs, as wire JSON. */
  run: string;
  metrics: CachedMetric[];
  logs?: CachedLogs;
  /** Where each section lies, from the start of the data (the first 8-byte boundary after the header). */
  sections: Section[];
  /** Bytes of data: the sections and their padding. */
  data: number;
}

/** A run as written: its metrics as columns and its console as an array of lines. */
export interface CacheableRun extends MemoryRun {
  metrics: MemoryMetric[];
  logs?: MemoryLogLine[];
}

export interface RunCacheOptions {
  dir: string;
  /**
   * Most bytes of cache files kept in the folder: past it, after a write, the files used least
   * recently are deleted (never the one just written). Default 8 GiB.
   */
  maxBytes?: number;
  /** The package version; a cache written by another version is read again. */
  version?: string;
  log?: (message: string) => void;
}

export class RunCache {
  readonly dir: string;
  private readonly version: string;
  private readonly log: (message: string) => void;
  private readonly writing = new Set<Promise<void>>();
  readonly maxBytes: number;

  constructor(o: RunCacheOptions) {
    this.dir = o.dir;
    this.maxBytes = o.maxBytes ?? 8 * 1024 ** 3;
    this.version = o.version ?? '';
    this.log = o.log ?? ((m) => console.warn(m));
  }

  /** The cache file of a run read with `key`. */
  fileOf(key: RunCacheKey): string {
    const hash = createHash('sha256')
      .update(JSON.stringify([RUN_CACHE_FORMAT, this.version, key]))
      .digest('hex')
      .slice(0, 32);
    return nodePath.join(this.dir, `${hash}.run`);
  }

  /**
   * The run cached for `key` if the folder still lists exactly `fingerprint`; undefined when there
   * is none or it is stale. A damaged file is reported and removed.
   */
  async load(key: RunCacheKey, fingerprint: RunFingerprint): Promise<MemoryRun | undefined> {
    const path = this.fileOf(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      return undefined;
    }
    try {
      const run = decodeRun(bytes, key, this.version, fingerprint);
      // Its modification time says when it was last used (what pruning goes by).
      if (run) {
        const now = new Date();
        await utimes(path, now, now).catch(() => undefined);
      }
      return run;
    } catch (e) {
      this.log(`runpage: ignored the cache of ${key.path} (${path}): ${(e as Error).message}; the run is read again`);
      await rm(path, { force: true }).catch(() => undefined);
      return undefined;
    }
  }

  /** Writes a run's cache in the background; failures are logged, never thrown. */
  store(key: RunCacheKey, fingerprint: RunFingerprint, run: CacheableRun): Promise<void> {
    const done = this.write(key, fingerprint, run)
      .catch((e: unknown) =>
        this.log(`runpage: could not write the cache of ${key.path}: ${(e as Error)?.message ?? String(e)}`),
      )
      .finally(() => this.writing.delete(done));
    this.writing.add(done);
    return done;
  }

  /** Settles once every cache file being written is written (or failed). */
  async flush(): Promise<void> {
    while (this.writing.size > 0) await Promise.all([...this.writing]);
  }

  private async write(key: RunCacheKey, fingerprint: RunFingerprint, run: CacheableRun): Promise<void> {
    // After the answer that read the run has gone out.
    await new Promise((resolve) => setImmediate(resolve));
    const parts = await encodeRun(run, key, this.version, fingerprint);
    await mkdir(this.dir, { recursive: true });
    const path = this.fileOf(key);
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const fh = await open(tmp, 'w');
      try {
        await fh.writev(parts);
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    await this.prune(path);
  }

  /** Deletes the cache files used least recently until the folder is within `maxBytes`, and leftovers of failed writes. */
  private async prune(keep: string): Promise<void> {
    const files: { path: string; size: number; used: number }[] = [];
    const hourAgo = Date.now() - 3_600_000;
    for (const name of await readdir(this.dir)) {
      const path = nodePath.join(this.dir, name);
      const s = await stat(path).catch(() => undefined);
      if (!s?.isFile()) continue;
      // A temporary file an hour old belongs to a writer that died.
      if (name.endsWith('.tmp') && s.mtimeMs < hourAgo) await rm(path, { force: true }).catch(() => undefined);
      else if (name.endsWith('.run')) files.push({ path, size: s.size, used: s.mtimeMs });
    }
    let total = files.reduce((n, f) => n + f.size, 0);
    files.sort((a, b) => a.used - b.used);
    for (const f of files) {
      if (total <= this.maxBytes) break;
      if (f.path === keep) continue;
      await rm(f.path, { force: true }).catch(() => undefined);
      total -= f.size;
    }
  }
}

/**
 * The metric columns of a run as Float64Arrays (what a MemorySource adopts without copying and
 * the cache writes as they are), a column equal to another one the same array: metrics logged in
 * the same rows share their step, time and runtime. For runs that will not grow.
 */
export function floatColumns(metrics: readonly MemoryMetric[]): MemoryMetric[] {
  const seen = new Map<string, Float64Array[]>();
  const once = (values: ArrayLike<number>, n: number): Float64Array => {
    const f = (values instanceof Float64Array ? values : new Float64Array(values)).subarray(0, n);
    const sample = `${n}:${f[0]}:${f[n >> 1]}:${f[n - 1]}`;
    const same = seen.get(sample) ?? [];
    const bytes = Buffer.from(f.buffer, f.byteOffset, f.byteLength);
    for (const s of same) if (s === f || bytes.equals(Buffer.from(s.buffer, s.byteOffset, s.byteLength))) return s;
    same.push(f);
    seen.set(sample, same);
    return f;
  };
  return metrics.map((m) => {
    const n = Math.min(m.step.length, m.value.length, m.time?.length ?? Infinity, m.runtime?.length ?? Infinity);
    const out: MemoryMetric = { key: m.key, step: once(m.step, n), value: once(m.value, n) };
    if (m.group) out.group = m.group;
    if (m.time) out.time = once(m.time, n);
    if (m.runtime) out.runtime = once(m.runtime, n);
    return out;
  });
}

const align8 = (n: number) => (n + 7) & ~7;

/** Console lines encoded between two turns of the event loop (a million lines take a second or so). */
const LINES_PER_TURN = 65_536;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The cache file of a run, as the pieces to write in order; yields to other work between slices of the console. */
export async function encodeRun(
  run: CacheableRun,
  key: RunCacheKey,
  version: string,
  fingerprint: RunFingerprint,
): Promise<Uint8Array[]> {
  if (endianness() !== 'LE') throw new Error('the run cache is written on little-endian machines only');
  const blobs: Uint8Array[] = [];
  const sections: Section[] = [];
  let at = 0;
  const add = (b: Uint8Array): number => {
    sections.push({ offset: at, bytes: b.byteLength });
    blobs.push(b);
    at += align8(b.byteLength);
    return sections.length - 1;
  };
  // Equal columns are one array (floatColumns): each is stored once.
  const sectionOf = new Map<Float64Array, number>();
  const column = (f: Float64Array): number => {
    let section = sectionOf.get(f);
    if (section === undefined) sectionOf.set(f, (section = add(new Uint8Array(f.buffer, f.byteOffset, f.byteLength))));
    return section;
  };
  const metrics: CachedMetric[] = floatColumns(run.metrics).map((m) => {
    const c: CachedMetric = {
      key: m.key,
      count: m.step.length,
      step: column(m.step as Float64Array),
      value: column(m.value as Float64Array),
    };
    if (m.group) c.group = m.group;
    if (m.time) c.time = column(m.time as Float64Array);
    if (m.runtime) c.runtime = column(m.runtime as Float64Array);
    return c;
  });
  const { metrics: _m, logs: lines, ...rest } = run;
  void _m;
  const header: Omit<Header, 'data' | 'sections'> = {
    format: RUN_CACHE_FORMAT,
    version,
    key,
    fingerprint,
    run: stringifyWire(rest),
    metrics,
  };
  if (lines && lines.length > 0) (header as Header).logs = await encodeLogs(lines, add);
  const headerBytes = Buffer.from(JSON.stringify({ ...header, sections, data: at }), 'utf8');
  const start = align8(PREFIX + headerBytes.byteLength);
  const prefix = Buffer.alloc(PREFIX);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(headerBytes.byteLength, 8);
  const out: Uint8Array[] = [prefix, headerBytes, new Uint8Array(start - PREFIX - headerBytes.byteLength)];
  for (const b of blobs) {
    out.push(b);
    const pad = align8(b.byteLength) - b.byteLength;
    if (pad) out.push(new Uint8Array(pad));
  }
  out.push(END);
  return out;
}

async function encodeLogs(lines: readonly MemoryLogLine[], add: (b: Uint8Array) => number): Promise<CachedLogs> {
  const n = lines.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += Buffer.byteLength(lines[i]!.text, 'utf8');
    if (i % LINES_PER_TURN === LINES_PER_TURN - 1) await nextTurn();
  }
  const text = Buffer.allocUnsafe(total);
  const ends = new Float64Array(n);
  const streams = new Uint8Array(n);
  let times: Float64Array | undefined;
  let labelIndex: Int32Array | undefined;
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (i % LINES_PER_TURN === LINES_PER_TURN - 1) await nextTurn();
    const l = lines[i]!;
    at += text.write(l.text, at, 'utf8');
    ends[i] = at;
    if (l.stream === 'stderr') streams[i] = 1;
    if (typeof l.time === 'number') {
      times ??= new Float64Array(n).fill(NaN);
      times[i] = l.time;
    }
    if (typeof l.label === 'string') {
      labelIndex ??= new Int32Array(n).fill(-1);
      let k = names.indexOf(l.label);
      if (k < 0) k = names.push(l.label) - 1;
      labelIndex[i] = k;
    }
  }
  const out: CachedLogs = { count: n, text: add(text), ends: add(bytesOf(ends)), streams: add(streams) };
  if (times) out.times = add(bytesOf(times));
  if (labelIndex) out.labels = { names, index: add(bytesOf(labelIndex)) };
  return out;
}

const bytesOf = (a: Float64Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The run in a cache file; undefined when it is another read's (key, version) or the folder
 * changed since (fingerprint). Throws for a damaged file.
 */
export function decodeRun(
  file: Uint8Array,
  key: RunCacheKey,
  version: string,
  fingerprint: RunFingerprint,
): MemoryRun | undefined {
  // Columns are views into the file's bytes: they must start 8-byte aligned.
  const bytes = file.byteOffset % 8 === 0 ? file : file.slice();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < PREFIX + END.length || !buf.subarray(0, 8).equals(MAGIC))
    throw new Error('not a runpage cache file');
  const headerLength = buf.readUInt32LE(8);
  if (PREFIX + headerLength > buf.length) throw new Error('the file is shorter than its header');
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', PREFIX, PREFIX + headerLength)) as Header;
  } catch {
    throw new Error('its header is not JSON');
  }
  if (header.format !== RUN_CACHE_FORMAT || header.version !== version) return undefined;
  if (JSON.stringify(header.key) !== JSON.stringify(key)) return undefined;
  const start = align8(PREFIX + headerLength);
  const total = start + Number(header.data) + END.length;
  if (total !== buf.length) throw new Error(`the file is ${buf.length} bytes, its header says ${total}`);
  if (!buf.subarray(buf.length - END.length).equals(END)) throw new Error('its end mark is missing');
  if (!sameFiles(header.fingerprint, fingerprint)) return undefined;
  const sections = header.sections;
  const section = (i: number | undefined): Uint8Array => {
    const s = i === undefined ? undefined : sections[i];
    if (!s || !(s.offset >= 0 && s.offset % 8 === 0 && s.bytes >= 0 && s.offset + s.bytes <= header.data))
      throw new Error(`section ${String(i)} lies outside the file`);
    return bytes.subarray(start + s.offset, start + s.offset + s.bytes);
  };
  // One view per section: a column stored once is one array shared by the metrics that have it.
  const views = new Map<number, Float64Array>();
  const floats = (i: number | undefined, n: number): Float64Array => {
    const b = section(i);
    if (b.byteLength !== n * 8) throw new Error(`section ${String(i)} holds ${b.byteLength / 8} values, not ${n}`);
    let view = views.get(i!);
    if (!view) views.set(i!, (view = new Float64Array(b.buffer, b.byteOffset, n)));
    return view;
  };
  const run = parseWire(header.run) as MemoryRun;
  if (typeof run !== 'object' || run === null || typeof run.info !== 'object') throw new Error('it holds no run');
  run.metrics = header.metrics.map((c) => {
    const m: MemoryMetric = { key: c.key, step: floats(c.step, c.count), value: floats(c.value, c.count) };
    if (c.group) m.group = c.group;
    if (c.time !== undefined) m.time = floats(c.time, c.count);
    if (c.runtime !== undefined) m.runtime = floats(c.runtime, c.count);
    return m;
  });
  if (header.logs) run.logs = decodeLogs(header.logs, section, floats);
  return run;
}

function decodeLogs(
  c: CachedLogs,
  section: (i: number | undefined) => Uint8Array,
  floats: (i: number | undefined, n: number) => Float64Array,
): MemoryLogs {
  const n = c.count;
  const textBytes = section(c.text);
  const text = Buffer.from(textBytes.buffer, textBytes.byteOffset, textBytes.byteLength);
  const ends = floats(c.ends, n);
  const streams = section(c.streams);
  if (streams.length !== n) throw new Error('the console streams do not match its lines');
  if (n > 0 && ends[n - 1] !== text.length) throw new Error('the console text does not match its lines');
  const times = c.times === undefined ? undefined : floats(c.times, n);
  let labels: Int32Array | undefined;
  if (c.labels) {
    const b = section(c.labels.index);
    if (b.byteLength !== n * 4) throw new Error('the console labels do not match its lines');
    labels = new Int32Array(b.buffer, b.byteOffset, n);
  }
  const names = c.labels?.names ?? [];
  const logs: MemoryLogs = {
    count: n,
    line(i) {
      const from = i === 0 ? 0 : ends[i - 1]!;
      const line: MemoryLogLine = { text: text.toString('utf8', from, ends[i]) };
      line.stream = streams[i] === 1 ? 'stderr' : 'stdout';
      const t = times?.[i];
      if (t !== undefined && !Number.isNaN(t)) line.time = t;
      const k = labels?.[i] ?? -1;
      if (k >= 0 && names[k] !== undefined) line.label = names[k];
      return line;
    },
    labels: names,
  };
  return logs;
}

export function sameFiles(a: RunFingerprint, b: RunFingerprint): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.path !== y.path || x.size !== y.size || x.modified !== y.modified || x.mime !== y.mime) return false;
  }
  return true;
}

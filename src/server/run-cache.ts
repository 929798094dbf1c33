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
 * before is stored once and shared, as the step and time columns of metrics logged together are),
 * with what the metric is listed with (step range, last value, first time) in the header, and, for
 * a metric whose steps go back, its points in step order (a reopened run never sorts). A metric of
 * PAGED_FROM points or more also has the min/max index of its step-ordered y
 * (minmax-index-bytes.ts) and every CHUNK-th step-ordered x, with a checksum of the two: its step
 * charts read only the points M4 needs (paged-downsample.ts). The console is one UTF-8 blob with
 * line ends, streams, times and labels beside it, read a line at a time when asked. A loaded file
 * is read lazily (cached-run.ts): the header on opening, a section (or a piece of one) when first used.
 *
 * A cache file is valid only if the run folder lists the same files with the same sizes and
 * mtimes as when it was read; anything else (a grown datastore, a new file, a touched config) reads
 * the run again. A cache file that does not parse, is shorter or longer than its header says, or
 * names sections outside itself is ignored with a warning and rewritten. Files are written under a
 * temporary name and renamed, so a reader never sees half a file and two servers writing the same
 * run's cache leave one whole file. Bytes changed inside a column by something other than runpage
 * are not detected (no checksum: hashing hundreds of MB would cost more than the open it saves); an
 * index whose checksum does not match is reported when first read, its metric read whole, and the
 * file removed (the next open reads the run again).
 * The folder is kept within `maxBytes`: after each write the files used least recently (a load
 * touches its file's mtime) are deleted.
 *
 * Runs still running are not cached: their tail reader's state is not something a file can hold
 * (the builder's partial console lines, the datastore reader's place in a record), so a live run
 * that is reopened is read again; once it has ended it is cached like any other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { endianness } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryLogLine, MemoryMetric, MemoryRun } from '../data/memory-source.js';
import { MinMaxIndex } from '../data/minmax-index.js';
import { checksum, indexByteLength, indexToBytes } from '../data/minmax-index-bytes.js';
import { CHUNK, chunkStarts } from '../data/paged-downsample.js';
import type { MemoryFile } from '../data/memory-files.js';
import { parseWire, stringifyWire } from '../data/http-wire.js';
import { listFiles } from '../formats/common/walk.js';
import type { RunFolder } from '../formats/common/run-folder.js';
import { findPackageRoot } from './bundle-file.js';
import {
  CachedMetricColumns,
  SectionReader,
  bytesSource,
  cachedLogs,
  fileSource,
  type CachedLogs,
  type CachedMetric,
  type Section,
  type SectionSource,
} from './cached-run.js';
import { orderByX } from '../data/x-order.js';
import { BLOCK, TimeSlices, inBlocks, inSlices } from '../data/time-slices.js';

/** Bump when the layout or the meaning of a cached field changes. */
export const RUN_CACHE_FORMAT = 3;
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
  /** Metrics of at least this many points are stored with their min/max index and read in pieces (default PAGED_FROM). */
  pagedFrom?: number;
}

export class RunCache {
  readonly dir: string;
  private readonly version: string;
  private readonly log: (message: string) => void;
  private readonly writing = new Set<Promise<void>>();
  readonly maxBytes: number;
  private readonly pagedFrom: number | undefined;

  constructor(o: RunCacheOptions) {
    this.dir = o.dir;
    this.pagedFrom = o.pagedFrom;
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
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return undefined;
    }
    try {
      // The columns are read from the open file when first asked (cached-run.ts), which owns it from here.
      const run = openRunFile(fd, path, key, this.version, fingerprint, (message) => {
        // found on a query: that metric is read whole now; the next open reads the run again
        this.log(`runpage: ignored the cache of ${key.path} (${path}): ${message}; the run is read again`);
        try {
          rmSync(path, { force: true });
        } catch {
          // gone already, or not ours to remove: the next write replaces it
        }
      });
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
    const parts = await encodeRun(run, key, this.version, fingerprint, { pagedFrom: this.pagedFrom });
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

const isFiniteNumber = (v: number) => v === v && v !== Infinity && v !== -Infinity;

/** What a metric is listed with (as MetricStore finds it), and whether its steps are already in order. */
async function factsOf(
  step: Float64Array,
  value: Float64Array,
  time: Float64Array | undefined,
  slices: TimeSlices,
): Promise<{ facts: CachedMetric['facts']; stepSorted: boolean }> {
  let stepSorted = true;
  let prev = -Infinity;
  let first = Infinity;
  let last = -Infinity;
  let badSteps = 0;
  let lastValue: number | undefined;
  let firstTime = Infinity;
  await inBlocks(step.length, slices, (from, to) => {
    for (let i = from; i < to; i++) {
      const s = step[i]!;
      if (!isFiniteNumber(s) || s < prev) stepSorted = false;
      prev = s;
      if (isFiniteNumber(s)) {
        if (s < first) first = s;
        if (s > last) last = s;
      } else badSteps++;
      if (isFiniteNumber(value[i]!)) lastValue = value[i];
      if (time && time[i]! < firstTime && isFiniteNumber(time[i]!)) firstTime = time[i]!;
    }
  });
  const facts: CachedMetric['facts'] = {};
  if (first <= last) facts.steps = [first, last];
  if (lastValue !== undefined) facts.last = lastValue;
  if (firstTime !== Infinity) facts.firstTime = firstTime;
  if (badSteps > 0) facts.badSteps = badSteps;
  return { facts, stepSorted };
}

/** Metrics of at least this many points are stored with their min/max index and read in pieces. */
export const PAGED_FROM = 65_536;

/** The min/max index of `y`, built a block at a time (extending it over a longer prefix) in time slices. */
async function indexOf(y: Float64Array, slices: TimeSlices): Promise<MinMaxIndex> {
  const index = new MinMaxIndex(y.subarray(0, 0));
  await inBlocks(y.length, slices, (_, to) => index.extend(y.subarray(0, to)), 4 * BLOCK);
  return index;
}

/**
 * The cache file of a run, as the pieces to write in order. Every pass over a column or the console
 * runs in time slices (`o.slices`, default: DEFAULT_SLICE_MS of run time each) with a turn of the event loop
 * between two, so the server answers requests while a big run is encoded.
 */
export async function encodeRun(
  run: CacheableRun,
  key: RunCacheKey,
  version: string,
  fingerprint: RunFingerprint,
  o: { pagedFrom?: number | undefined; slices?: TimeSlices } = {},
): Promise<Uint8Array[]> {
  const pagedFrom = o.pagedFrom ?? PAGED_FROM;
  const slices = o.slices ?? new TimeSlices();
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
  // Points in step order, for metrics whose steps go back: sorted once here, never when reopened.
  // Metrics sharing a step column share its order: sorted once, as a permutation of their rows.
  const orders = new Map<Float64Array, { x: number; xs: Float64Array; rows: Uint32Array; nonMonotonic: boolean }>();
  // A big metric's index and chunk starts, once per section of its step-ordered y and x.
  const indexes = new Map<number, { section: number; sum: number }>();
  const starts = new Map<number, { section: number; bytes: Uint8Array }>();
  const paged = async (x: Float64Array, y: Float64Array, b: CachedMetric['byStep']): Promise<CachedMetric['paged']> => {
    let index = indexes.get(b.y);
    if (!index) {
      const bytes = indexToBytes(await indexOf(y, slices));
      indexes.set(b.y, (index = { section: add(bytes), sum: checksum(bytes) }));
    }
    let start = starts.get(b.x);
    if (!start) {
      const bytes = bytesOf(chunkStarts(x));
      starts.set(b.x, (start = { section: add(bytes), bytes }));
    }
    return { index: index.section, starts: start.section, sum: checksum(start.bytes, index.sum) };
  };
  const metrics: CachedMetric[] = [];
  for (const m of floatColumns(run.metrics)) {
    const step = m.step as Float64Array;
    const value = m.value as Float64Array;
    const { facts, stepSorted } = await factsOf(step, value, m.time as Float64Array | undefined, slices);
    const c: CachedMetric = {
      key: m.key,
      count: step.length,
      step: column(step),
      value: column(value),
      facts,
      byStep: { x: 0, y: 0, count: step.length, nonMonotonic: false },
    };
    if (m.group) c.group = m.group;
    if (m.time) c.time = column(m.time as Float64Array);
    if (m.runtime) c.runtime = column(m.runtime as Float64Array);
    let ordered = { x: step, y: value };
    if (stepSorted) c.byStep = { ...c.byStep, x: c.step, y: c.value };
    else {
      let order = orders.get(step);
      if (!order) {
        const sorted = await inSlices(orderByX(step), slices);
        orders.set(
          step,
          (order = { x: add(bytesOf(sorted.x)), xs: sorted.x, rows: sorted.rows, nonMonotonic: sorted.nonMonotonic }),
        );
      }
      const { rows } = order;
      const y = new Float64Array(rows.length);
      await inBlocks(rows.length, slices, (from, to) => {
        for (let i = from; i < to; i++) y[i] = value[rows[i]!]!;
      });
      c.byStep = { x: order.x, y: add(bytesOf(y)), count: rows.length, nonMonotonic: order.nonMonotonic };
      ordered = { x: order.xs, y };
    }
    if (c.byStep.count >= pagedFrom) c.paged = await paged(ordered.x, ordered.y, c.byStep);
    metrics.push(c);
  }
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
  if (lines && lines.length > 0) (header as Header).logs = await encodeLogs(lines, add, slices);
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

/** Console lines encoded between two clock reads (building one line of a lazy log can cost ~0.1 ms). */
const LINES_PER_BLOCK = 512;

async function encodeLogs(
  lines: readonly MemoryLogLine[],
  add: (b: Uint8Array) => number,
  slices: TimeSlices,
): Promise<CachedLogs> {
  const n = lines.length;
  let total = 0;
  await inBlocks(
    n,
    slices,
    (from, to) => {
      for (let i = from; i < to; i++) total += Buffer.byteLength(lines[i]!.text, 'utf8');
    },
    LINES_PER_BLOCK,
  );
  const text = Buffer.allocUnsafe(total);
  const ends = new Float64Array(n);
  const streams = new Uint8Array(n);
  let times: Float64Array | undefined;
  let labelIndex: Int32Array | undefined;
  const names: string[] = [];
  let at = 0;
  await inBlocks(
    n,
    slices,
    (from, to) => {
      for (let i = from; i < to; i++) {
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
    },
    LINES_PER_BLOCK,
  );
  const out: CachedLogs = { count: n, text: add(text), ends: add(bytesOf(ends)), streams: add(streams) };
  if (times) out.times = add(bytesOf(times));
  if (labelIndex) out.labels = { names, index: add(bytesOf(labelIndex)) };
  return out;
}

const bytesOf = (a: Float64Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The run in a cache file held in memory; undefined when it is another read's (key, version) or the
 * folder changed since (fingerprint). Throws for a damaged file.
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
  const header = parseHeader(buf.toString('utf8', PREFIX, PREFIX + headerLength));
  if (!sameRead(header, key, version)) return undefined;
  const start = checkSize(header, headerLength, buf.length);
  if (!buf.subarray(buf.length - END.length).equals(END)) throw new Error('its end mark is missing');
  if (!sameFiles(header.fingerprint, fingerprint)) return undefined;
  return openRun(header, bytesSource(bytes, start));
}

/**
 * The run in the cache file open as `fd`, its sections read when first needed (the source keeps
 * `fd` and closes it). Undefined (and `fd` closed) when it is another read's or stale; throws (and
 * closes `fd`) for a damaged file. Only the header and the end mark are read here.
 */
function openRunFile(
  fd: number,
  path: string,
  key: RunCacheKey,
  version: string,
  fingerprint: RunFingerprint,
  damaged: (message: string) => void,
): MemoryRun | undefined {
  let source: SectionSource | undefined;
  try {
    const size = fstatSync(fd).size;
    const prefix = readAt(fd, 0, Math.min(size, PREFIX));
    if (size < PREFIX + END.length || !prefix.subarray(0, 8).equals(MAGIC)) throw new Error('not a runpage cache file');
    const headerLength = prefix.readUInt32LE(8);
    if (PREFIX + headerLength > size) throw new Error('the file is shorter than its header');
    const header = parseHeader(readAt(fd, PREFIX, headerLength).toString('utf8'));
    if (!sameRead(header, key, version)) return undefined;
    const start = checkSize(header, headerLength, size);
    if (!readAt(fd, size - END.length, END.length).equals(END)) throw new Error('its end mark is missing');
    if (!sameFiles(header.fingerprint, fingerprint)) return undefined;
    source = fileSource(fd, start, path);
    return openRun(header, source, damaged);
  } finally {
    if (!source) closeSync(fd);
  }
}

/** `length` bytes of the file at `position` (fewer at its end). */
function readAt(fd: number, position: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n <= 0) break;
    done += n;
  }
  return out.subarray(0, done);
}

function parseHeader(text: string): Header {
  let header: Header;
  try {
    header = JSON.parse(text) as Header;
  } catch {
    throw new Error('its header is not JSON');
  }
  if (typeof header !== 'object' || header === null) throw new Error('its header is not an object');
  return header;
}

const sameRead = (header: Header, key: RunCacheKey, version: string) =>
  header.format === RUN_CACHE_FORMAT &&
  header.version === version &&
  JSON.stringify(header.key) === JSON.stringify(key);

/** Where the data starts, once the file's size is the one its header says. */
function checkSize(header: Header, headerLength: number, size: number): number {
  const start = align8(PREFIX + headerLength);
  const total = start + Number(header.data) + END.length;
  if (total !== size) throw new Error(`the file is ${size} bytes, its header says ${total}`);
  return start;
}

/** Bytes a run loaded from a cache file takes once all of it is read (for held-runs.ts). */
const fullBytes = new WeakMap<MemoryRun, number>();

/** What a run opened from its cache file will hold in memory once read, as its header says; undefined for other runs. */
export function cachedRunBytes(run: MemoryRun): number | undefined {
  return fullBytes.get(run);
}

/**
 * A run over the sections of a checked file: every section its header names is checked against the
 * data's size and the values it must hold, so a damaged header throws here, not on a later read.
 */
function openRun(
  header: Header,
  source: SectionSource,
  damaged: (message: string) => void = () => undefined,
): MemoryRun {
  const sections = Array.isArray(header.sections) ? header.sections : [];
  const used = new Set<number>();
  let bytes = 0;
  const section = (i: unknown, length?: number): number => {
    const s = typeof i === 'number' ? sections[i] : undefined;
    if (!s || !(s.offset >= 0 && s.offset % 8 === 0 && s.bytes >= 0 && s.offset + s.bytes <= header.data))
      throw new Error(`section ${String(i)} lies outside the file`);
    if (length !== undefined && s.bytes !== length)
      throw new Error(`section ${String(i)} holds ${s.bytes} bytes, not ${length}`);
    if (!used.has(i as number)) bytes += s.bytes;
    used.add(i as number);
    return i as number;
  };
  const run = parseWire(header.run) as MemoryRun;
  if (typeof run !== 'object' || run === null || typeof run.info !== 'object') throw new Error('it holds no run');
  const metrics = Array.isArray(header.metrics) ? header.metrics : [];
  for (const c of metrics) {
    const n = c.count * 8;
    for (const i of [c.step, c.value, c.time, c.runtime]) if (i !== undefined) section(i, n);
    if (typeof c.byStep !== 'object' || c.byStep === null) throw new Error(`metric ${c.key} has no step order`);
    section(c.byStep.x, c.byStep.count * 8);
    section(c.byStep.y, c.byStep.count * 8);
    const p = c.paged;
    if (p !== undefined) {
      if (typeof p !== 'object' || p === null || typeof p.sum !== 'number')
        throw new Error(`metric ${c.key} has no index`);
      section(p.index, indexByteLength(c.byStep.count));
      section(p.starts, Math.ceil(c.byStep.count / CHUNK) * 8);
    }
  }
  // Metric columns count twice: their min/max index and the copies other x axes sort.
  bytes *= 2;
  const logs = header.logs;
  if (logs) {
    const n = logs.count;
    const text = section(logs.text);
    const ends = section(logs.ends, n * 8);
    section(logs.streams, n);
    if (logs.times !== undefined) section(logs.times, n * 8);
    if (logs.labels) section(logs.labels.index, n * 4);
    const end = n === 0 ? undefined : source.read(sections[ends]!.offset + (n - 1) * 8, 8);
    const last = end ? Buffer.from(end.buffer, end.byteOffset, 8).readDoubleLE(0) : 0;
    if (last !== sections[text]!.bytes) throw new Error('the console text does not match its lines');
    // Lines are strings once shown: a little per line besides its text.
    bytes += 24 * n;
  }
  const reader = new SectionReader(sections, source, used);
  run.metrics = metrics.map((c) => new CachedMetricColumns(reader, c, damaged));
  if (logs) run.logs = cachedLogs(logs, reader);
  if (used.size === 0) source.done();
  fullBytes.set(run, 64 * 1024 + bytes + 200 * ((run.files?.length ?? 0) + (run.media?.length ?? 0)));
  return run;
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

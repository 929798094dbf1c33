/**
 * A run opened from its cache file (run-cache.ts) without reading its columns: the header says
 * where each section lies, and a section is read (one positioned read of the file) when something
 * first needs it. A metric is a `MemoryMetric` whose columns are getters and whose `facts` list it
 * (memory-metrics.ts); a step chart reads only its step-ordered columns, and of a big metric with
 * a stored index only the pieces M4 needs (paged-downsample.ts). The console is read on
 * its first line. Every section is read once and shared: metrics logged in the same rows get the
 * same step, time and runtime array.
 *
 * The file stays open until every section has been read or the run is garbage collected: a cache
 * file replaced or pruned meanwhile keeps its bytes for this reader (its inode lives on).
 */
import { closeSync, readSync } from 'node:fs';
import type { MemoryLogLine, MemoryLogs, MemoryMetric } from '../data/memory-source.js';
import type { MetricFacts, PagedPoints } from '../data/memory-metrics.js';
import { checksum, indexFromBytes } from '../data/minmax-index-bytes.js';
import { PagedColumn, downsamplePaged } from '../data/paged-downsample.js';

export interface Section {
  offset: number;
  bytes: number;
}

/** A metric's columns (section numbers) and what it is listed with before they are read. */
export interface CachedMetric {
  key: string;
  group?: MemoryMetric['group'];
  count: number;
  step: number;
  value: number;
  time?: number;
  runtime?: number;
  facts: Omit<MetricFacts, 'count' | 'byStep'>;
  /** The finite-step points in step order (`sortByX(step, value)`): the raw columns when already in order. */
  byStep: { x: number; y: number; count: number; nonMonotonic: boolean };
  /**
   * For a big metric: the min/max index of `byStep.y` (minmax-index-bytes.ts), every CHUNK-th
   * `byStep.x` (paged-downsample.ts), and the checksum of the two sections (index first).
   */
  paged?: { index: number; starts: number; sum: number };
}

export interface CachedLogs {
  count: number;
  text: number;
  /** Float64 byte offset where each line ends in `text`. */
  ends: number;
  /** One byte a line: 1 for stderr. */
  streams: number;
  times?: number;
  labels?: { names: string[]; index: number };
}

/** Where a cache file's sections are read from: its bytes in memory, or the open file. */
export interface SectionSource {
  /** Bytes [at, at + length) of the data (after the header); `align8` ones start 8-byte aligned. */
  read(at: number, length: number): Uint8Array;
  /** Fills `into` with the bytes [at, at + into.length) of the data. */
  readInto(at: number, into: Uint8Array): void;
  /** Every section this source will be asked for has been read. */
  done(): void;
}

/** Sections of a cache file held in memory (views into its bytes, which start 8-byte aligned). */
export function bytesSource(bytes: Uint8Array, start: number): SectionSource {
  return {
    read: (at, length) => bytes.subarray(start + at, start + at + length),
    readInto: (at, into) => into.set(bytes.subarray(start + at, start + at + into.length)),
    done: () => undefined,
  };
}

const closeOnCollect = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/** Sections read from an open cache file, at `start` + their offset; the file is closed by `done` or on collection. */
export function fileSource(fd: number, start: number, path: string): SectionSource {
  let open = true;
  const token = {};
  const source: SectionSource & { token: object } = {
    token,
    read(at, length) {
      const out = new Uint8Array(new ArrayBuffer((length + 7) & ~7), 0, length);
      source.readInto(at, out);
      return out;
    },
    readInto(at, into) {
      if (!open) throw new Error(`the cache file ${path} was closed`);
      const length = into.byteLength;
      let done = 0;
      while (done < length) {
        const n = readSync(fd, into, done, length - done, start + at + done);
        if (n <= 0) throw new Error(`the cache file ${path} is shorter than when it was opened`);
        done += n;
      }
    },
    done() {
      if (!open) return;
      open = false;
      closeOnCollect.unregister(token);
      closeSync(fd);
    },
  };
  closeOnCollect.register(source, fd, token);
  return source;
}

/**
 * Reads sections on demand, each once (sections already checked against the file's size); once
 * every section in `used` is read, the source is told it is done.
 */
export class SectionReader {
  private readonly held = new Map<number, Uint8Array>();
  private readonly floats = new Map<number, Float64Array>();
  private readonly pagedColumns = new Map<number, PagedColumn>();

  constructor(
    private readonly sections: readonly Section[],
    private readonly source: SectionSource,
    private readonly used: ReadonlySet<number>,
  ) {}

  bytes(i: number): Uint8Array {
    let b = this.held.get(i);
    if (!b) {
      const s = this.sections[i]!;
      this.hold(i, (b = this.source.read(s.offset, s.bytes)));
    }
    return b;
  }

  private hold(i: number, b: Uint8Array): void {
    this.held.set(i, b);
    if ([...this.used].every((u) => this.held.has(u))) this.source.done();
  }

  /** Section `i` as `n` float64s, one array however many metrics share it. */
  float64(i: number, n: number): Float64Array {
    let f = this.floats.get(i);
    if (!f) {
      const paged = this.pagedColumns.get(i);
      if (paged) return paged.all();
      const b = this.bytes(i);
      if (b.byteLength !== n * 8) throw new Error(`section ${i} holds ${b.byteLength / 8} values, not ${n}`);
      this.floats.set(i, (f = new Float64Array(b.buffer, b.byteOffset, n)));
    }
    return f;
  }

  /**
   * Section `i` as `n` float64s read in pieces (`starts`: its `chunkStarts`, for a sorted one); the
   * same array as `float64` once read whole. One column however many metrics share it.
   */
  paged(i: number, n: number, starts?: Float64Array): PagedColumn {
    let p = this.pagedColumns.get(i);
    if (!p) {
      const read = this.floats.get(i);
      const s = this.sections[i]!;
      if (s.bytes !== n * 8) throw new Error(`section ${i} holds ${s.bytes / 8} values, not ${n}`);
      p = new PagedColumn(
        n,
        (from, into) =>
          this.source.readInto(s.offset + 8 * from, new Uint8Array(into.buffer, into.byteOffset, into.byteLength)),
        starts,
        (whole) => {
          this.floats.set(i, whole);
          this.hold(i, new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength));
        },
        read,
      );
      this.pagedColumns.set(i, p);
    }
    return p;
  }
}

/** A metric whose columns are read from the cache file when first used. */
export class CachedMetricColumns implements MemoryMetric {
  readonly key: string;
  readonly group?: MemoryMetric['group'];
  readonly facts: MetricFacts;

  /**
   * `damaged` is told when the stored index of a big metric does not check (the metric is then read
   * whole, as if it had none).
   */
  constructor(
    private readonly reader: SectionReader,
    private readonly c: CachedMetric,
    damaged: (message: string) => void = () => undefined,
  ) {
    this.key = c.key;
    if (c.group) this.group = c.group;
    const b = c.byStep;
    this.facts = {
      ...c.facts,
      count: c.count,
      byStep: () => ({
        x: reader.float64(b.x, b.count),
        y: reader.float64(b.y, b.count),
        nonMonotonic: b.nonMonotonic,
      }),
    };
    const p = c.paged;
    if (p) {
      let points: PagedPoints | undefined;
      this.facts.byStepPaged = () => {
        if (points) return points;
        try {
          const index = reader.bytes(p.index);
          const starts = reader.bytes(p.starts);
          if (checksum(starts, checksum(index)) !== p.sum) throw new Error('its checksum does not match');
          const x = reader.paged(
            b.x,
            b.count,
            new Float64Array(starts.buffer, starts.byteOffset, starts.byteLength / 8),
          );
          const y = reader.paged(b.y, b.count);
          const yIndex = indexFromBytes(index, b.count);
          points = {
            x,
            y,
            index: yIndex,
            nonMonotonic: b.nonMonotonic,
            downsample: (options) => downsamplePaged(x, y, yIndex, options),
          };
        } catch (e) {
          damaged(`the index of metric ${c.key} is damaged (${(e as Error).message})`);
          this.facts.byStepPaged = undefined;
        }
        return points;
      };
    }
  }

  get step(): Float64Array {
    return this.reader.float64(this.c.step, this.c.count);
  }

  get value(): Float64Array {
    return this.reader.float64(this.c.value, this.c.count);
  }

  get time(): Float64Array | undefined {
    return this.c.time === undefined ? undefined : this.reader.float64(this.c.time, this.c.count);
  }

  get runtime(): Float64Array | undefined {
    return this.c.runtime === undefined ? undefined : this.reader.float64(this.c.runtime, this.c.count);
  }
}

/** The console of a cache file, read whole on its first line. */
export function cachedLogs(c: CachedLogs, reader: SectionReader): MemoryLogs {
  const n = c.count;
  const names = c.labels?.names ?? [];
  let read: ((i: number) => MemoryLogLine) | undefined;
  const open = (): ((i: number) => MemoryLogLine) => {
    const textBytes = reader.bytes(c.text);
    const text = Buffer.from(textBytes.buffer, textBytes.byteOffset, textBytes.byteLength);
    const ends = reader.float64(c.ends, n);
    const streams = reader.bytes(c.streams);
    if (n > 0 && ends[n - 1] !== text.length) throw new Error('the console text does not match its lines');
    const times = c.times === undefined ? undefined : reader.float64(c.times, n);
    let labels: Int32Array | undefined;
    if (c.labels) {
      const b = reader.bytes(c.labels.index);
      labels = new Int32Array(b.buffer, b.byteOffset, n);
    }
    return (i) => {
      const from = i === 0 ? 0 : ends[i - 1]!;
      const line: MemoryLogLine = { text: text.toString('utf8', from, ends[i]) };
      line.stream = streams[i] === 1 ? 'stderr' : 'stdout';
      const t = times?.[i];
      if (t !== undefined && !Number.isNaN(t)) line.time = t;
      const k = labels?.[i] ?? -1;
      if (k >= 0 && names[k] !== undefined) line.label = names[k];
      return line;
    };
  };
  return {
    count: n,
    line: (i) => (read ??= open())(i),
    labels: names,
  };
}

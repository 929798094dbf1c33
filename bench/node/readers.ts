/**
 * Reader throughput: a generated `.wandb` datastore and a tfevents file of ~100 MB each, written
 * into the OS temp folder (deleted afterwards), then read from memory in 1 MiB chunks:
 * - `.wandb`: createDatastoreReader (LevelDB-log framing, CRC checks, protobuf Record decoding);
 * - `.wandb` to metric columns: the same framing (pushRanges) feeding WandbRunBuilder.addPayload, as readWandbRun
 *   reads a run (history rows straight into columns, console lines, every other record);
 * - tfevents: TfRecordReader (framing, masked CRC-32C checks) handing each record's bytes
 *   (pushRanges, as TfeventsRunReader reads) to decodeEvent.
 * The same readers are timed on the real run files of ../shared/fixtures/real (when present),
 * each read whole from memory, repeated until ~100 MB have been read (at 20 MB a baseline run
 * took some 15 ms, which one time slice given to another process could double).
 * Baseline in the same process: one pass of a JS loop over the same bytes (a sum), the floor of
 * any reader written in JS, timed right before each run of a reader (the same load for both).
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { createDatastoreReader } from '../../src/formats/wandb/datastore.js';
import { WandbRunBuilder } from '../../src/formats/wandb/run-builder.js';
import { TfRecordReader, decodeEvent, frameTfRecord } from '../../src/formats/tfevents/index.js';
import { historyRecord, outputRecord, runRecord } from '../../test/node/formats/wandb/helpers.js';
import { encode, scalarValue } from '../../test/node/formats/tfevents/encode.js';

const MiB = 1024 * 1024;
const BLOCK = 32768;

/** Buffers writes and flushes them to a file descriptor in 4 MiB pieces. */
export class FileSink {
  private buf = Buffer.alloc(4 * MiB);
  private used = 0;
  written = 0;
  constructor(private readonly fd: number) {}
  write(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buf.length) this.flush();
    if (bytes.length > this.buf.length) {
      writeSync(this.fd, bytes);
    } else {
      this.buf.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.written += bytes.length;
  }
  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }
}

/** The W&B writer's framing (7-byte header, 32 KiB blocks, FULL/FIRST/MIDDLE/LAST), streamed. */
export class WandbFramer {
  private pos = 0;
  constructor(private readonly sink: FileSink) {
    this.put(Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00));
  }
  private put(bytes: Uint8Array): void {
    this.sink.write(bytes);
    this.pos += bytes.length;
  }
  record(payload: Uint8Array): void {
    let rest = payload;
    let first = true;
    do {
      let left = BLOCK - (this.pos % BLOCK);
      if (left < 7) {
        this.put(new Uint8Array(left));
        left = BLOCK;
      }
      const n = Math.min(left - 7, rest.length);
      const last = n === rest.length;
      const type = first && last ? 1 : first ? 2 : last ? 4 : 3;
      const data = rest.subarray(0, n);
      const sum = crc32(data, crc32(Uint8Array.of(type))) >>> 0;
      this.put(Uint8Array.of(sum & 0xff, (sum >>> 8) & 0xff, (sum >>> 16) & 0xff, sum >>> 24, n & 0xff, n >> 8, type));
      this.put(data);
      rest = rest.subarray(n);
      first = false;
    } while (rest.length > 0);
  }
}

/** Distinct payloads the generated files cycle through (encoding each record anew would dominate the run). */
const POOL = 512;

/** `newlines`: console records end their line (as the SDK writes them); else one endless line. */
export function writeWandb(path: string, bytes: number, o: { newlines?: boolean } = {}): number {
  const pool: Uint8Array[] = [];
  for (let step = 0; step < POOL; step++) {
    const loss = (2 * Math.exp(-step / 1e5) + 0.01 * Math.sin(step)).toFixed(6);
    pool.push(
      historyRecord(
        [
          ['train/loss', loss],
          ['train/accuracy', (1 - Number(loss) / 3).toFixed(6)],
          ['train/lr', (3e-4 * (1 - step / 1e7)).toExponential(4)],
          ['_step', String(step)],
          ['_runtime', (step * 0.05).toFixed(3)],
          ['_timestamp', (1_714_550_400 + step * 0.05).toFixed(3)],
        ],
        step,
      ),
    );
    if (step % 4 === 0)
      pool.push(
        outputRecord(
          `step ${step} | loss=${loss} | 512 samples/s${o.newlines ? '\n' : ''}`,
          true,
          false,
          1_714_550_400_000 + step * 50,
        ),
      );
  }
  const fd = openSync(path, 'w');
  const sink = new FileSink(fd);
  const framer = new WandbFramer(sink);
  framer.record(runRecord({ id: 'bench', project: 'bench', startMs: 1_714_550_400_000 }));
  let records = 1;
  while (sink.written < bytes) framer.record(pool[records++ % pool.length]);
  sink.flush();
  closeSync(fd);
  return records;
}

export function writeTfevents(path: string, bytes: number): number {
  const tags = ['train/loss', 'train/accuracy', 'eval/loss', 'lr'];
  const pool: Uint8Array[] = [];
  for (let step = 0; step < POOL; step++) {
    const event = encode([
      [1, { double: 1_714_550_400 + step * 0.05 }],
      [2, { varint: step }],
      [5, { message: [scalarValue(tags[step % tags.length], Math.exp(-step / 1e6) + 0.01 * Math.sin(step))] }],
    ]);
    pool.push(frameTfRecord(event));
  }
  const fd = openSync(path, 'w');
  const sink = new FileSink(fd);
  sink.write(
    frameTfRecord(
      encode([
        [1, { double: 1_714_550_400 }],
        [3, { string: 'brain.Event:2' }],
      ]),
    ),
  );
  let records = 1;
  while (sink.written < bytes) sink.write(pool[records++ % pool.length]);
  sink.flush();
  closeSync(fd);
  return records;
}

function chunks(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += MiB) out.push(bytes.subarray(i, Math.min(bytes.length, i + MiB)));
  return out;
}

/**
 * Reads one chunk and counts its records. A function of its own so that nothing holds a batch
 * once it is counted, as a consumer that handles each batch in turn holds none: a loop variable
 * holding it (in an unoptimized frame, until the next push returned) kept ~3 MB of dead records
 * alive while the next chunk was decoded, and every scavenge copied them again.
 */
function readBatch(reader: ReturnType<typeof createDatastoreReader>, c: Uint8Array): number {
  const batch = reader.push(c);
  if (batch.warnings.length > 0) throw new Error(`the generated .wandb file read with warnings: ${batch.warnings[0]}`);
  return batch.records.length;
}

function readWandb(parts: Uint8Array[]): number {
  const reader = createDatastoreReader();
  let records = 0;
  for (const c of parts) records += readBatch(reader, c);
  const warnings = reader.finish().warnings;
  if (warnings.length > 0) throw new Error(`the generated .wandb file read with warnings: ${warnings[0]}`);
  return records;
}

function readWandbColumns(parts: Uint8Array[], expectClean = true): number {
  const reader = createDatastoreReader();
  const builder = new WandbRunBuilder();
  const take = (buf: Uint8Array, start: number, end: number) => builder.addPayload(buf, start, end);
  let warnings = 0;
  for (const c of parts) warnings += reader.pushRanges(c, take).length;
  if (expectClean && warnings > 0) throw new Error(`the generated .wandb file read with ${warnings} warnings`);
  let points = 0;
  for (const m of builder.facts.metrics.values()) points += m.value.length;
  return points;
}

function readTf(parts: Uint8Array[]): number {
  const reader = new TfRecordReader();
  let values = 0;
  const take = (buf: Uint8Array, start: number, end: number) => (values += decodeEvent(buf, start, end).values.length);
  for (const c of parts) reader.pushRanges(c, take);
  reader.endRanges(take);
  if (reader.warnings.length > 0)
    throw new Error(`the generated tfevents file read with warnings: ${reader.warnings[0]}`);
  return values;
}

/** Every .wandb and tfevents file under the real fixtures folder, read into memory. */
function realFiles(): { wandb: Uint8Array[]; tfevents: Uint8Array[] } {
  const root = join(import.meta.dirname, '../../../shared/fixtures/real');
  const out = { wandb: [] as Uint8Array[], tfevents: [] as Uint8Array[] };
  if (!existsSync(root)) return out;
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    if (e.name.endsWith('.wandb')) out.wandb.push(new Uint8Array(readFileSync(path)));
    else if (e.name.includes('tfevents')) out.tfevents.push(new Uint8Array(readFileSync(path)));
  }
  return out;
}

/** readTf for files that may be damaged (real fixtures include cut-off ones). */
function readTfLenient(parts: Uint8Array[]): number {
  const reader = new TfRecordReader();
  let values = 0;
  const take = (buf: Uint8Array, start: number, end: number) => (values += decodeEvent(buf, start, end).values.length);
  for (const c of parts) reader.pushRanges(c, take);
  reader.endRanges(take);
  return values;
}

function byteLoop(parts: Uint8Array[]): number {
  let sum = 0;
  for (const c of parts) for (let i = 0; i < c.length; i++) sum = (sum + c[i]) | 0;
  return sum;
}

/**
 * Times `fn` `runs` times, each run right after a run of `baseline`, whose times are added to
 * `baselineMs`: a reader and its baseline are timed under the same load (a busy machine's load
 * shifts between a block of reader runs and a block of baseline runs, and so did the ratio).
 */
function timeRunsBeside(runs: number, fn: () => unknown, baseline: () => unknown, baselineMs: number[]): number[] {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    baseline();
    baselineMs.push(performance.now() - t);
    t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return ms;
}

export function runReaders(p: { megabytes: number; runs: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-bench-readers-'));
  try {
    const target = p.megabytes * MiB;
    const wandbPath = join(dir, 'run-bench.wandb');
    const tfPath = join(dir, 'events.out.tfevents.bench');
    const t = performance.now();
    writeWandb(wandbPath, target);
    writeTfevents(tfPath, target);
    const generateMs = performance.now() - t;
    const out: Record<string, { mb: number; ms: number[]; items: number }> = {};
    const wandb = readFileSync(wandbPath);
    const wandbParts = chunks(wandb);
    let items = 0;
    const wandbLoop = () => byteLoop(wandbParts);
    out.wandbBaseline = { mb: wandb.length / MiB, ms: [], items: 0 };
    out.wandb = {
      mb: wandb.length / MiB,
      ms: timeRunsBeside(p.runs, () => (items = readWandb(wandbParts)), wandbLoop, out.wandbBaseline.ms),
      items: 0,
    };
    out.wandb.items = items;
    const tf = readFileSync(tfPath);
    const tfParts = chunks(tf);
    out.tfeventsBaseline = { mb: tf.length / MiB, ms: [], items: 0 };
    out.tfevents = {
      mb: tf.length / MiB,
      ms: timeRunsBeside(
        p.runs,
        () => (items = readTf(tfParts)),
        () => byteLoop(tfParts),
        out.tfeventsBaseline.ms,
      ),
      items: 0,
    };
    out.tfevents.items = items;
    // The columns share the .wandb baseline: its runs beside them join those beside the records.
    out.wandbColumns = {
      mb: wandb.length / MiB,
      ms: timeRunsBeside(p.runs, () => (items = readWandbColumns(wandbParts)), wandbLoop, out.wandbBaseline.ms),
      items: 0,
    };
    out.wandbColumns.items = items;
    const real = realFiles();
    const realRuns = (files: Uint8Array[], read: (parts: Uint8Array[]) => number) => {
      const bytes = files.reduce((n, f) => n + f.length, 0);
      const repeat = Math.max(1, Math.ceil((100 * MiB) / Math.max(1, bytes)));
      const wholes = files.map((f) => [f]);
      const baselineMs: number[] = [];
      const ms = timeRunsBeside(
        p.runs,
        () => {
          for (let r = 0; r < repeat; r++) for (const f of wholes) read(f);
        },
        () => {
          for (let r = 0; r < repeat; r++) for (const f of wholes) byteLoop(f);
        },
        baselineMs,
      );
      return { mb: (bytes * repeat) / MiB, files: files.length, ms, baselineMs };
    };
    const realOut: Record<string, unknown> = {};
    if (real.wandb.length > 0) realOut.realWandb = realRuns(real.wandb, (f) => readWandbColumns(f, false));
    if (real.tfevents.length > 0) realOut.realTfevents = realRuns(real.tfevents, readTfLenient);
    return { generateMs, ...out, ...realOut };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

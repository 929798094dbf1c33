/**
 * A fast scan of a `.wandb` datastore for the points of a few history keys, for the first chart
 * of a run that is not read yet: the framing and checksums of every chunk, then only history
 * records, and in them only the items that can give the asked keys their points.
 *
 * The points are the ones the full read (reader.ts, run-builder.ts) gives those keys, in the same
 * order: the same chunks are dropped (bad checksum, impossible length, zeroed bytes, a record cut
 * off), the same records skipped (not a valid protobuf), each row's step, time and runtime found
 * the same way, nested values' numeric leaves joined with `.` as the builder joins them. A key the
 * scan cannot answer so (system metrics, the row's own `_step`…) is refused by `scanPlan`.
 *
 * The file can be cut in block-aligned segments scanned apart (on several threads): blocks are
 * self-contained, so a segment reads past its end only to finish a record it began, and the
 * next one skips that record's rest. The server joins the segments' parts in file order
 * (src/server/key-scan-columns.ts).
 */

import { crc32 } from '../../data/crc32.js';
import { joinBytes } from '../../data/bytes.js';
import { FieldCursor, WIRE_VARINT, decodeUtf8 } from '../common/protobuf.js';
import { parseAsciiNumber } from '../common/ascii-number.js';
import * as framing from './framing.js';
import {
  HistoryRow,
  VALUE_BAD as BAD,
  VALUE_NUMBER as NUMBER,
  decodeHistoryBody,
  plainItemKeyEnd,
} from './history-row.js';
import { readRecordBody } from './records.js';
import { mediaType, numericLeaves } from './values.js';

// Read once into constants of this module: the scan loop reads them for every chunk.
const BLOCK_SIZE = framing.BLOCK_SIZE;
const CHUNK_FULL = framing.CHUNK_FULL;
const CHUNK_FIRST = framing.CHUNK_FIRST;
const CHUNK_MIDDLE = framing.CHUNK_MIDDLE;
const CHUNK_LAST = framing.CHUNK_LAST;
const VALUE_NUMBER = NUMBER;
const VALUE_BAD = BAD;
const HEADER_SIZE = 7;
const CHUNK_HEADER_SIZE = 7;
/** As framing.ts: a record assembled past this is dropped. */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;
const TYPE_BYTES = [0, 1, 2, 3, 4].map((t) => crc32(Uint8Array.of(t)));
const SPECIAL = ['_step', '_runtime', '_timestamp'];

/** What to scan for a series query: the keys, and the columns its x axis needs besides step and value. */
export interface ScanPlan {
  /** Keys whose points the answer needs (the asked keys, and a metric used as x). */
  keys: string[];
  /** Keys that must have points for the scan to answer (a metric x must exist; `timestamp` need not). */
  required: string[];
  time: boolean;
  runtime: boolean;
}

/**
 * The scan that answers a series query of `keys` against `x` exactly as the full read would, or
 * undefined when none can: an x axis measured from the run's start (`relative`, which needs every
 * metric's times), or a key the scan cannot find all points of (see `scannableKey`).
 */
export function scanPlan(keys: readonly string[], x: string): ScanPlan | undefined {
  if (keys.length === 0 || !keys.every(scannableKey)) return undefined;
  const plan: ScanPlan = { keys: [...new Set(keys)], required: [...new Set(keys)], time: false, runtime: false };
  if (x === 'step') return plan;
  if (x === 'wallclock') plan.time = true;
  else if (x === 'runtime') plan.runtime = true;
  else if (x === 'timestamp') {
    // a metric named `timestamp` is the x axis where the run has one, else the rows' times
    plan.time = true;
    if (!plan.keys.includes(x)) plan.keys.push(x);
  } else if (x === 'relative' || !scannableKey(x)) return undefined;
  else {
    if (!plan.keys.includes(x)) plan.keys.push(x);
    if (!plan.required.includes(x)) plan.required.push(x);
  }
  return plan;
}

/**
 * A key whose points only history rows hold, and whose text the scan can match by its bytes:
 * not a system metric (`system.…`, which stats records fill too), not one of a row's own
 * `_step` / `_runtime` / `_timestamp`, and text that reads back as itself from UTF-8.
 */
export function scannableKey(key: unknown): key is string {
  return (
    typeof key === 'string' &&
    key !== '' &&
    !SPECIAL.includes(key) &&
    !key.startsWith('system.') &&
    !key.startsWith('\ufeff') &&
    !key.includes('\ufffd') &&
    wellFormed(key)
  );
}

function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Points of one key, in columns: step and value, time and runtime when the plan wants them. */
export interface ScannedPoints {
  step: Float64Array;
  value: Float64Array;
  time?: Float64Array;
  runtime?: Float64Array;
}

/** The points of one key found in a segment. */
export interface ScannedKey {
  key: string;
  /** The points in pieces, in file order (filled pieces of a fixed size, never grown and copied). */
  pieces: ScannedPoints[];
  /**
   * Points whose row had no step (indexes among the key's points in the segment): their `step`
   * holds the row's index among the segment's history rows, which the join moves past the
   * rows of the segments before.
   */
  rowIndexed: Int32Array;
}

/** What one segment's scan found. */
export interface ScanPart {
  keys: ScannedKey[];
  /** History rows decoded (the full read numbers rows without a step by this count). */
  historyRows: number;
}

/** Where to scan: block-aligned `[start, end)`; the segment reads on past `end` to finish a record. */
export interface KeyScanOptions extends ScanPlan {
  start?: number;
  end?: number;
}

/** Points per piece of a key's columns (512 KiB a column). */
const PIECE_POINTS = 65536;

/** The points of one wanted key as they are found, into pieces of columns. */
class KeyPoints {
  /** Points found. */
  n = 0;
  /** Points in the piece being filled (`PIECE_POINTS`: none begun). */
  at = PIECE_POINTS;
  step = new Float64Array(0);
  value = new Float64Array(0);
  time: Float64Array | undefined;
  runtime: Float64Array | undefined;
  readonly pieces: ScannedPoints[] = [];
  readonly rowIndexed: number[] = [];
  constructor(
    readonly key: string,
    private readonly plan: ScanPlan,
  ) {}

  /** Begins the next piece. */
  next(): void {
    const piece: ScannedPoints = {
      step: (this.step = new Float64Array(PIECE_POINTS)),
      value: (this.value = new Float64Array(PIECE_POINTS)),
    };
    if (this.plan.time) piece.time = this.time = new Float64Array(PIECE_POINTS);
    if (this.plan.runtime) piece.runtime = this.runtime = new Float64Array(PIECE_POINTS);
    this.pieces.push(piece);
    this.at = 0;
  }

  /** The pieces, the last cut to its points. */
  found(): ScannedPoints[] {
    const last = this.pieces[this.pieces.length - 1];
    if (last && this.at < PIECE_POINTS) {
      last.step = last.step.subarray(0, this.at);
      last.value = last.value.subarray(0, this.at);
      if (last.time) last.time = last.time.subarray(0, this.at);
      if (last.runtime) last.runtime = last.runtime.subarray(0, this.at);
    }
    return this.pieces;
  }
}

/** The item names whose values can give a point to a wanted key, by byte length. */
class Candidates {
  private readonly byLength: Uint8Array[][] = [];
  private readonly names: string[][] = [];
  private readonly maxLength: number;

  /** `special`: the row's own keys the points need (`_step` always; `_runtime`, `_timestamp` for those columns). */
  constructor(keys: readonly string[], special: readonly string[]) {
    const names = new Set<string>(['', ...special]);
    for (const key of keys) {
      names.add(key);
      // a nested value under a prefix of the key (`a` holding {"b": 1} gives `a.b`)
      for (let i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) names.add(key.slice(0, i));
    }
    const encoder = new TextEncoder();
    let max = 0;
    for (const name of names) {
      const bytes = encoder.encode(name);
      (this.byLength[bytes.length] ??= []).push(bytes);
      (this.names[bytes.length] ??= []).push(name);
      max = Math.max(max, bytes.length);
    }
    this.maxLength = max;
  }

  /**
   * The name the key bytes `b[start, end)` read as (`decodeUtf8`), when it is one of the names.
   * UTF-8 text of a name reads as it, and so does the same text after a byte order mark (which
   * the decoder drops); no other bytes do (invalid bytes read as U+FFFD, which no name holds).
   */
  match(b: Uint8Array, start: number, end: number): string | undefined {
    const n = end - start;
    if (n > this.maxLength + 3) return undefined;
    const name = this.matchAt(b, start, n);
    if (name !== undefined || n < 3 || b[start] !== 0xef || b[start + 1] !== 0xbb || b[start + 2] !== 0xbf) return name;
    return this.matchAt(b, start + 3, n - 3);
  }

  private matchAt(b: Uint8Array, start: number, n: number): string | undefined {
    const list = this.byLength[n];
    if (!list) return undefined;
    outer: for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      for (let i = 0; i < n; i++) if (c[i] !== b[start + i]) continue outer;
      return this.names[n]![k];
    }
    return undefined;
  }
}

const STEP = new FieldCursor();

/**
 * The scan of one segment of a datastore. `push` the file's bytes from `start` on, in pieces
 * whose lengths are multiples of the 32 KiB block (the last piece of the file may be shorter),
 * while `wantsMore`; then `finish()`.
 */
export class KeyScan {
  private readonly end: number;
  /** File offset of the next byte pushed. */
  private offset: number;
  /** Bytes of an unfinished block, when a piece was not block-aligned. */
  private rest: Uint8Array | undefined;
  private parts: Uint8Array[] | null = null;
  private partsBytes = 0;
  private over = false;
  private readonly points: KeyPoints[];
  private readonly byKey = new Map<string, KeyPoints>();
  private readonly candidates: Candidates;
  /** Every item of the row being read (the general decoder), or only the candidates (the plain one). */
  private readonly row = new HistoryRow();
  private readonly leaves: [string, number][] = [];
  private historyRows = 0;
  /** Where the `_step` items of the plain row being read lie (read only when the row has no step). */
  private readonly stepItems = new Int32Array(64);
  private stepCount = 0;

  constructor(o: KeyScanOptions) {
    this.offset = Math.max(0, Math.floor((o.start ?? 0) / BLOCK_SIZE) * BLOCK_SIZE);
    this.end = o.end ?? Infinity;
    this.points = o.keys.map((k) => new KeyPoints(k, o));
    for (const p of this.points) this.byKey.set(p.key, p);
    const special = ['_step'];
    if (o.runtime) special.push('_runtime');
    if (o.time) special.push('_timestamp');
    this.candidates = new Candidates(o.keys, special);
  }

  /** False once the segment is read: past its end with no record left to finish. */
  get wantsMore(): boolean {
    return !this.over;
  }

  push(bytes: Uint8Array): void {
    let b = bytes;
    if (this.rest) {
      const joined = new Uint8Array(this.rest.length + b.length);
      joined.set(this.rest);
      joined.set(b, this.rest.length);
      b = joined;
      this.rest = undefined;
    }
    let p = 0;
    while (!this.over && b.length - p >= BLOCK_SIZE) {
      this.block(b, p, BLOCK_SIZE);
      p += BLOCK_SIZE;
    }
    if (!this.over && p < b.length) this.rest = b.slice(p);
  }

  /** The file ends after the bytes pushed: its last, short block is read. */
  finish(): ScanPart {
    if (!this.over && this.rest) this.block(this.rest, 0, this.rest.length);
    this.rest = undefined;
    this.over = true;
    return {
      keys: this.points.map((p) => ({ key: p.key, pieces: p.found(), rowIndexed: Int32Array.from(p.rowIndexed) })),
      historyRows: this.historyRows,
    };
  }

  /** One block `b[off, off + len)` at file offset `this.offset` (as framing.ts reads it). */
  private block(b: Uint8Array, off: number, len: number): void {
    const at = this.offset;
    this.offset += len;
    /** Past the segment's end: only the record begun before it is read on. */
    const after = at >= this.end;
    if (after && !this.parts) {
      this.over = true;
      return;
    }
    let p = 0;
    if (at === 0) {
      if (len < HEADER_SIZE) return;
      p = HEADER_SIZE;
    }
    for (;;) {
      const blockLeft = BLOCK_SIZE - p;
      if (blockLeft < CHUNK_HEADER_SIZE || len - p < CHUNK_HEADER_SIZE) return;
      const q = off + p;
      const checksum = (b[q]! | (b[q + 1]! << 8) | (b[q + 2]! << 16) | (b[q + 3]! << 24)) >>> 0;
      const length = b[q + 4]! | (b[q + 5]! << 8);
      const type = b[q + 6]!;
      if (checksum === 0 && length === 0 && type === 0) {
        // zero fill to the block's end keeps the record being assembled; anything after it is damage
        if (!isZeros(b, q, off + len)) this.damaged(after);
        return;
      }
      if (type < CHUNK_FULL || type > CHUNK_LAST || CHUNK_HEADER_SIZE + length > blockLeft) {
        this.damaged(after);
        return;
      }
      if (len - p < CHUNK_HEADER_SIZE + length) return; // the file ends inside this chunk
      const from = q + CHUNK_HEADER_SIZE;
      const to = from + length;
      if (crc32(b, TYPE_BYTES[type], from, to) !== checksum) {
        this.damaged(after);
        return;
      }
      p += CHUNK_HEADER_SIZE + length;
      if (after && (type === CHUNK_FULL || type === CHUNK_FIRST)) {
        // the next segment's record: the one begun before the end is dropped, as a new one starts
        this.parts = null;
        this.over = true;
        return;
      }
      switch (type) {
        case CHUNK_FULL:
          this.parts = null;
          this.record(b, from, to);
          break;
        case CHUNK_FIRST:
          this.parts = [b.slice(from, to)];
          this.partsBytes = length;
          break;
        default: {
          // MIDDLE or LAST: without a record begun they are the rest of one whose start was lost
          const parts = this.parts;
          if (!parts) break;
          this.partsBytes += length;
          if (this.partsBytes > MAX_RECORD_BYTES) {
            this.parts = null;
            if (after) this.over = true;
            break;
          }
          if (type === CHUNK_MIDDLE) {
            parts.push(b.slice(from, to));
            break;
          }
          parts.push(b.subarray(from, to));
          this.parts = null;
          const record = joinBytes(parts);
          this.record(record, 0, record.length);
          if (after) {
            this.over = true;
            return;
          }
        }
      }
    }
  }

  /** A damaged chunk: the record being assembled is lost and the rest of the block skipped. */
  private damaged(after: boolean): void {
    this.parts = null;
    if (after) this.over = true;
  }

  /** One record payload; one the full read cannot decode is skipped as it skips it. */
  private record(b: Uint8Array, start: number, end: number): void {
    try {
      // The body is the first length-delimited field but control (16), uuid (19) and info (200),
      // as records.ts's readRecordBody finds it. A record whose first field is another body is not
      // history, which is all the scan reads (whether the full read can decode it does not matter
      // here); one that is only a history body is read without a cursor.
      const tag = b[start]!;
      if (tag < 0x80 && (tag & 7) === 2 && tag !== 0x12) return;
      if (tag === 0x12 && start + 1 < end) {
        let p = start + 1;
        let len = 0;
        for (let shift = 0; shift < 28 && p < end; shift += 7) {
          const byte = b[p++]!;
          len |= (byte & 0x7f) << shift;
          if (byte < 0x80) {
            if (p + len === end) return this.history(b, p, end);
            break;
          }
        }
      }
      const body = readRecordBody(b, start, end);
      if (body.no === 2) this.history(b, body.start, body.end);
    } catch {
      // not a valid record: the full read skips it too (with a warning)
    }
  }

  private history(b: Uint8Array, start: number, end: number): void {
    const row = this.row;
    if (!this.plainRow(b, start, end)) decodeHistoryBody(b, row, start, end);
    this.addRow(row);
  }

  /**
   * history-row.ts's `readPlainRow`, keeping only the items whose names are candidates: the same
   * rows are taken (and the same throw), the others are read by `decodeHistoryBody` itself.
   */
  private plainRow(b: Uint8Array, start: number, end: number): boolean {
    const row = this.row;
    row.clear();
    this.stepCount = 0;
    let p = start;
    while (p < end) {
      const tag = b[p]!;
      if (p + 1 >= end) return false;
      const len = b[p + 1]!;
      const to = p + 2 + len;
      if (len >= 0x80 || to > end) return false;
      if (tag === 0x12) {
        // the step as the SDK writes it (one small varint, or none for 0), else as history-row.ts reads it
        if (len === 0) row.step = 0;
        else if (len === 2 && b[p + 2] === 0x08 && b[p + 3]! < 0x80) row.step = b[p + 3]!;
        else if (len === 3 && b[p + 2] === 0x08 && b[p + 3]! >= 0x80 && b[p + 4]! < 0x80)
          row.step = (b[p + 3]! & 0x7f) | (b[p + 4]! << 7);
        else if (len === 4 && b[p + 2] === 0x08 && b[p + 3]! >= 0x80 && b[p + 4]! >= 0x80 && b[p + 5]! < 0x80)
          row.step = (b[p + 3]! & 0x7f) | ((b[p + 4]! & 0x7f) << 7) | (b[p + 5]! << 14);
        else readStep(STEP.reset(b, p + 2, to), row);
        p = to;
        continue;
      }
      if (tag !== 0x0a || !this.plainItem(b, p, to)) return false;
      p = to;
    }
    // `_step` counts only in a row without its own step (the SDK writes both)
    const items = this.stepItems;
    if (row.step === undefined)
      for (let i = 0; i < this.stepCount; i += 2) this.addValue('_step', b, items[i]!, items[i + 1]!);
    return true;
  }

  private plainItem(b: Uint8Array, p: number, to: number): boolean {
    const keyEnd = plainItemKeyEnd(b, p, to);
    if (keyEnd < 0) return false;
    const key = this.candidates.match(b, p + 4, keyEnd);
    if (key === undefined) return true;
    if (key !== '_step') this.addValue(key, b, keyEnd + 3, to);
    else if (this.stepCount < this.stepItems.length) {
      this.stepItems[this.stepCount++] = keyEnd + 3;
      this.stepItems[this.stepCount++] = to;
    } else return false; // a row of more `_step` items than kept: the general decoder reads it
    return true;
  }

  /** An item's value `b[start, end)`, read as history-row.ts reads it. */
  private addValue(key: string, b: Uint8Array, start: number, end: number): void {
    const v = parseAsciiNumber(b, start, end);
    if (v === v) this.row.addNumber(key, v);
    else this.row.addText(key, decodeUtf8(b, start, end));
  }

  /** run-builder.ts's `addHistory`, for the wanted keys only (NaN stands for "none": steps, times and runtimes taken are finite). */
  private addRow(row: HistoryRow): void {
    const { keys, kinds, numbers, others, count } = row;
    let step = row.step ?? NaN;
    let runtime = NaN;
    let time = NaN;
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      if (key !== '_step' && key !== '_runtime' && key !== '_timestamp') continue;
      const v = numbers[i]!;
      if (kinds[i] !== VALUE_NUMBER || !Number.isFinite(v)) continue;
      if (key === '_step') {
        if (step !== step) step = v;
      } else if (key === '_runtime') runtime = v;
      else time = v * 1000;
    }
    const rowIndexed = step !== step;
    if (rowIndexed) step = this.historyRows;
    this.historyRows++;
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      if (key === '_step' || key === '_runtime' || key === '_timestamp') continue;
      const kind = kinds[i];
      if (kind === VALUE_NUMBER) {
        const points = this.byKey.get(key);
        if (points) this.add(points, step, numbers[i]!, time, runtime, rowIndexed);
        continue;
      }
      if (kind === VALUE_BAD) continue;
      const v = others[i]!;
      if (mediaType(v) !== undefined || !this.mayHold(key)) continue;
      const leaves = this.leaves;
      leaves.length = 0;
      numericLeaves(v, key, leaves);
      for (const [k, value] of leaves) {
        const points = this.byKey.get(k);
        if (points) this.add(points, step, value, time, runtime, rowIndexed);
      }
    }
  }

  /** Whether a nested value under `name` can have a wanted key among its leaves. */
  private mayHold(name: string): boolean {
    if (name === '') return true;
    for (const p of this.points) if (p.key.length > name.length && p.key.startsWith(`${name}.`)) return true;
    return false;
  }

  private add(p: KeyPoints, step: number, value: number, time: number, runtime: number, rowIndexed: boolean): void {
    if (p.at === PIECE_POINTS) p.next();
    const i = p.at++;
    if (rowIndexed) p.rowIndexed.push(p.n);
    p.n++;
    p.step[i] = step;
    p.value[i] = value;
    if (p.time) p.time[i] = time;
    if (p.runtime) p.runtime[i] = runtime;
  }
}

function readStep(g: FieldCursor, row: HistoryRow): void {
  let step = 0; // a present HistoryStep with num 0 omits the field
  while (g.next()) if (g.no === 1 && g.wire === WIRE_VARINT) step = g.asInt();
  row.step = step;
}

function isZeros(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

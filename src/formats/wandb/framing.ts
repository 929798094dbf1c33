/**
 * The framing of a `.wandb` datastore: a 7-byte header (`:W&B`, magic 0xBEE1 LE, version 0),
 * then LevelDB-log chunks in 32 KiB blocks counted from offset 0.
 *
 * `createChunkReader()` is incremental: feed it bytes in any pieces as the file grows and it
 * returns every record payload completed so far. It holds at most one unfinished chunk plus one
 * unfinished record, never the whole file.
 *
 * Damage policy: a chunk with a bad checksum, an impossible length or an unknown type drops the
 * record being assembled and skips to the next block (the writer never lets a chunk cross a block,
 * so the next block starts clean). Every skip is reported as a warning with its byte offset.
 */

import { crc32 } from '../../data/crc32.js';
import { crcTables } from '../../data/crc-tables.js';
import { joinBytes } from '../../data/bytes.js';
import { CrcRanges } from '../common/crc-ranges.js';
import { plainBytes } from '../common/protobuf.js';

export const BLOCK_SIZE = 32768;
/** The file header: ":W&B", magic 0xBEE1 (little-endian), version 0. */
const FILE_HEADER = Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0);
const HEADER_SIZE = FILE_HEADER.length;
const CHUNK_HEADER_SIZE = 7;

export const CHUNK_FULL = 1;
export const CHUNK_FIRST = 2;
export const CHUNK_MIDDLE = 3;
export const CHUNK_LAST = 4;

/** Records larger than this are treated as corrupt (the SDK's own records are far smaller). */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;
/** Warnings beyond this many are counted and summarized in one line at `finish()`. */
const MAX_WARNINGS = 50;

export interface ChunkBatch {
  /** Complete record payloads. Valid until the next `push`; decode or copy them before that. */
  payloads: Uint8Array[];
  /** Problems found in the bytes of this batch. */
  warnings: string[];
}

/** Takes one record payload, `buf[start, end)`, valid only during the call. */
export type TakeRange = (buf: Uint8Array, start: number, end: number) => void;

export interface ChunkReader {
  /** Adds the next bytes of the file; returns the records they completed. */
  push(bytes: Uint8Array): ChunkBatch;
  /**
   * Adds the next bytes of the file and hands each record they completed to `take` as it is
   * found (no array, no view per record); returns the warnings. `take` must not throw (the
   * reader's place in the bytes would be lost): callers that skip bad records catch inside it.
   */
  pushRanges(bytes: Uint8Array, take: TakeRange): string[];
  /**
   * Declares the end of the file: reports an empty file, a short header, or a record the file
   * ends in the middle of (a killed run). The reader accepts no more bytes afterwards.
   */
  finish(): ChunkBatch;
  /**
   * What `finish()` would report about the end of the bytes fed so far (an unfinished record, a
   * short header), without ending: a live reader shows it only once the run is over.
   */
  tailWarnings(): string[];
  /** Bytes fed so far (the file offset the next `push` continues from). */
  readonly offset: number;
}

/** CRC-32 (zlib's, as `data/crc32.ts`) tables. */
const CRC32_TABLES = crcTables(0xedb88320);
/** A chunk's checksum covers its type byte, then its data: the register after the type byte. */
const TYPE_REGISTERS = [0, 1, 2, 3, 4].map((t) => ~crc32(Uint8Array.of(t)) >>> 0);

export interface ChunkReaderOptions {
  /**
   * File offset of the first byte that will be pushed; a multiple of the 32 KiB block size.
   * Blocks are self-contained, so reading can start at any block (to peek at the end of a large
   * file): the header is not expected there, and the pieces of a record begun before `start`
   * are skipped without a warning.
   */
  start?: number;
}

export function createChunkReader(options: ChunkReaderOptions = {}): ChunkReader {
  const start =
    options.start !== undefined && options.start > 0 ? Math.floor(options.start / BLOCK_SIZE) * BLOCK_SIZE : 0;
  /** Absolute offset of `buf[0]`. */
  let base = start;
  /** Unconsumed bytes: the unfinished tail of earlier pushes plus the new bytes. */
  let buf: Uint8Array = new Uint8Array(0);
  let headerChecked = start > 0;
  /** Starting mid-file: chunks ending a record begun before `start` are expected, not damage. */
  let midFileStart = start > 0;
  /** When set, bytes before this absolute offset are skipped (padding or a damaged block). */
  let skipUntil = 0;
  /** Parts of the record being assembled from FIRST/MIDDLE chunks (copies). */
  let parts: Uint8Array[] | null = null;
  let partsBytes = 0;
  let partsStart = 0;
  /**
   * Where zero fill to the end of a block began: padding if the file ends there, damage (zeros
   * written over records) once a chunk follows it.
   */
  let zeroedAt = -1;
  /** Offset of the first orphan MIDDLE/LAST chunk in a row, so one warning covers one lost record. */
  let orphanAt = -1;
  let finished = false;
  const crc = new CrcRanges(CRC32_TABLES);
  let warningCount = 0;
  let suppressed = 0;

  function warn(out: string[], message: string): void {
    warningCount++;
    if (warningCount > MAX_WARNINGS) suppressed++;
    else out.push(message);
  }

  function dropPartial(out: string[], why: string): void {
    if (parts) warn(out, `dropped an incomplete record (${partsBytes} bytes from offset ${partsStart}): ${why}`);
    parts = null;
    partsBytes = 0;
  }

  /** A chunk that starts a record at `at` drops the one being assembled (the message is made only then). */
  function newRecordAt(out: string[], at: number): void {
    if (parts) dropPartial(out, `a new record starts at offset ${at}`);
  }

  function skipBlock(out: string[], at: number, why: string): void {
    const next = (Math.floor(at / BLOCK_SIZE) + 1) * BLOCK_SIZE;
    warn(out, `${why} at offset ${at}; skipped to offset ${next}`);
    dropPartial(out, why);
    skipUntil = next;
  }

  function checkHeader(out: string[], h: Uint8Array): void {
    let magicOk = true;
    for (let i = 0; i < 6; i++) if (h[i] !== FILE_HEADER[i]) magicOk = false;
    if (!magicOk) {
      warn(
        out,
        'not a W&B datastore header (expected ":W&B" and magic 0xBEE1); reading on, keeping only chunks whose checksums match',
      );
    } else if (h[6] !== FILE_HEADER[6]) {
      warn(out, `unknown datastore version ${h[6]}; reading it as version ${FILE_HEADER[6]}`);
    }
  }

  function push(bytes: Uint8Array): ChunkBatch {
    const payloads: Uint8Array[] = [];
    const warnings = pushRanges(bytes, (b, start, end) => payloads.push(b.subarray(start, end)));
    return { payloads, warnings };
  }

  function pushRanges(bytes: Uint8Array, take: TakeRange): string[] {
    const warnings: string[] = [];
    if (finished || bytes.length === 0) return warnings;
    let rest = plainBytes(bytes);
    if (buf.length > 0) {
      // The unfinished tail of the last push lies in one block (chunks never cross one): join it
      // with the bytes up to that block's end only, and read the rest where it lies.
      const k = Math.min(rest.length, BLOCK_SIZE - ((base + buf.length) % BLOCK_SIZE));
      scan(joined(buf, rest.subarray(0, k)), take, warnings);
      rest = rest.subarray(k);
      if (rest.length === 0) return warnings;
      if (buf.length > 0) rest = joined(buf, rest);
    }
    scan(rest, take, warnings);
    return warnings;
  }

  /** Reads the chunks of `bytes` (the unread bytes from offset `base` on); keeps the unfinished tail. */
  function scan(bytes: Uint8Array, take: TakeRange, warnings: string[]): void {
    buf = bytes;
    crc.begin(buf);
    let p = 0;
    const end = buf.length;
    for (;;) {
      const at = base + p;
      if (at < skipUntil) {
        const n = Math.min(skipUntil - at, end - p);
        p += n;
        if (p >= end) break;
        continue;
      }
      if (!headerChecked) {
        if (end - p < HEADER_SIZE) break;
        checkHeader(warnings, buf.subarray(p, p + HEADER_SIZE));
        headerChecked = true;
        p += HEADER_SIZE;
        continue;
      }
      const blockLeft = BLOCK_SIZE - (at % BLOCK_SIZE);
      if (blockLeft < CHUNK_HEADER_SIZE) {
        skipUntil = at + blockLeft; // trailer padding
        continue;
      }
      if (end - p < CHUNK_HEADER_SIZE) break;
      const checksum = (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
      const length = buf[p + 4]! | (buf[p + 5]! << 8);
      const type = buf[p + 6]!;
      if (checksum === 0 && length === 0 && type === 0) {
        // Zero fill (preallocated or padded space) ends the block. Data after it means the zeros
        // overwrote chunks, which is damage and is reported.
        const to = Math.min(end, p + blockLeft);
        if (isZeros(buf.subarray(p, to))) {
          if (zeroedAt < 0) zeroedAt = at;
          skipUntil = at + blockLeft;
        } else skipBlock(warnings, at, 'zeroed bytes over chunk data');
        continue;
      }
      if (type < CHUNK_FULL || type > CHUNK_LAST) {
        skipBlock(warnings, at, `unknown chunk type ${type}`);
        continue;
      }
      if (CHUNK_HEADER_SIZE + length > blockLeft) {
        skipBlock(warnings, at, `chunk length ${length} runs past its block`);
        continue;
      }
      if (end - p < CHUNK_HEADER_SIZE + length) break;
      const from = p + CHUNK_HEADER_SIZE;
      const to = from + length;
      if (~crc.update(TYPE_REGISTERS[type]!, from, to) >>> 0 !== checksum) {
        skipBlock(warnings, at, 'chunk checksum mismatch');
        continue;
      }
      p += CHUNK_HEADER_SIZE + length;
      if (zeroedAt >= 0) {
        warn(warnings, `zeroed bytes over chunk data from offset ${zeroedAt} to ${at}; the records there are lost`);
        zeroedAt = -1;
      }
      if (type !== CHUNK_MIDDLE && type !== CHUNK_LAST) {
        orphanAt = -1;
        midFileStart = false;
      }
      switch (type) {
        case CHUNK_FULL:
          newRecordAt(warnings, at);
          take(buf, from, to);
          break;
        case CHUNK_FIRST:
          newRecordAt(warnings, at);
          parts = [buf.slice(from, to)];
          partsBytes = length;
          partsStart = at;
          break;
        case CHUNK_MIDDLE:
        case CHUNK_LAST: {
          if (!parts) {
            if (midFileStart) break;
            if (orphanAt < 0) {
              orphanAt = at;
              warn(warnings, `skipped the rest of a record whose start was lost, at offset ${at}`);
            }
            if (type === CHUNK_LAST) orphanAt = -1;
            break;
          }
          partsBytes += length;
          if (partsBytes > MAX_RECORD_BYTES) {
            warn(warnings, `record from offset ${partsStart} exceeds ${MAX_RECORD_BYTES} bytes; dropped`);
            parts = null;
            partsBytes = 0;
            break;
          }
          if (type === CHUNK_MIDDLE) {
            parts.push(buf.slice(from, to));
            break;
          }
          parts.push(buf.subarray(from, to));
          const record = joinBytes(parts);
          parts = null;
          partsBytes = 0;
          take(record, 0, record.length);
          break;
        }
      }
    }
    // Keep only the unfinished tail, copied so a large pushed buffer is not pinned.
    base += p;
    buf = p >= end ? EMPTY : buf.slice(p);
  }

  function tailWarnings(): string[] {
    const out: string[] = [];
    const size = base + buf.length;
    if (size === 0) out.push('the datastore file is empty (0 bytes)');
    else if (!headerChecked)
      out.push(`the datastore file is only ${size} bytes, shorter than its ${HEADER_SIZE}-byte header`);
    else if (parts)
      out.push(`the file ends inside a record (${partsBytes + buf.length} bytes from offset ${partsStart} dropped)`);
    else if (buf.length > 0 && !isZeros(buf))
      out.push(`the file ends inside a record (${buf.length} bytes from offset ${base} dropped)`);
    return out;
  }

  function finish(): ChunkBatch {
    const warnings: string[] = [];
    if (finished) return { payloads: [], warnings };
    finished = true;
    for (const w of tailWarnings()) warn(warnings, w);
    parts = null;
    buf = new Uint8Array(0);
    if (suppressed > 0) warnings.push(`…and ${suppressed} more problems of the same kinds`);
    return { payloads: [], warnings };
  }

  return {
    push,
    pushRanges,
    finish,
    tailWarnings,
    get offset() {
      return base + buf.length;
    },
  };
}

const EMPTY = new Uint8Array(0);

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function isZeros(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

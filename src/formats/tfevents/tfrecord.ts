/**
 * TFRecord framing, as TensorFlow writes event files:
 *
 *   uint64 LE length | uint32 LE masked CRC-32C(length bytes) | data | uint32 LE masked CRC-32C(data)
 *
 * The reader is incremental (feed it bytes as a file grows) and never throws on bad bytes:
 * a header or data checksum that does not match starts a byte-by-byte search for the next
 * position where a whole record verifies, and the skipped span becomes a warning. A record
 * cut off at the end of the bytes is only a problem once `end()` says no more bytes come.
 */
import { maskedCrc32c } from '../common/crc32c.js';

export interface TfRecord {
  /** Byte offset of the record's header in the file. */
  offset: number;
  data: Uint8Array;
}

export interface TfRecordReaderOptions {
  /** Records claiming more bytes than this are treated as corrupt. Default 1 GiB. */
  maxRecordBytes?: number;
}

const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;
const DEFAULT_MAX_RECORD_BYTES = 1 << 30;

type Candidate = { kind: 'record'; length: number } | { kind: 'need'; bytes: number } | { kind: 'bad'; reason: string };

export class TfRecordReader {
  private readonly maxRecordBytes: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** File offset of the first pending byte. */
  private base = 0;
  /** Bytes that must be buffered before parsing can make progress. */
  private need = HEADER_BYTES;
  /** Set while searching for the next good record: where the bad bytes began, and why. */
  private resync: { from: number; reason: string } | undefined;
  private warningList: string[] = [];
  private ended = false;

  constructor(options: TfRecordReaderOptions = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  /** File offset just past the last byte consumed (a complete record or skipped junk). */
  get offset(): number {
    return this.base;
  }

  /** Bytes received but not yet part of a returned record or a reported skip. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Problems met so far, in order. */
  get warnings(): readonly string[] {
    return this.warningList;
  }

  /** Takes the warnings met since the last call. */
  takeWarnings(): string[] {
    const out = this.warningList;
    this.warningList = [];
    return out;
  }

  /** Feeds the next bytes of the file; returns the records they completed. */
  push(chunk: Uint8Array): TfRecord[] {
    if (this.ended || chunk.length === 0) return [];
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.need) return [];
    return this.parse(false);
  }

  /** No more bytes will come: returns any last records and reports what is left over. */
  end(): TfRecord[] {
    if (this.ended) return [];
    const records = this.pendingBytes > 0 ? this.parse(true) : [];
    this.ended = true;
    return records;
  }

  /**
   * What `end()` would report now, without ending: the warnings about the bytes still pending
   * (a cut-off record or junk at the end). The reader keeps waiting for more bytes.
   */
  previewEnd(): string[] {
    if (this.ended || this.pendingBytes === 0) return [];
    const copy = new TfRecordReader({ maxRecordBytes: this.maxRecordBytes });
    copy.base = this.base;
    copy.resync = this.resync && { ...this.resync };
    copy.pending = [this.flatten()];
    copy.pendingBytes = this.pendingBytes;
    copy.end();
    return copy.takeWarnings();
  }

  private parse(final: boolean): TfRecord[] {
    const buf = this.flatten();
    const records: TfRecord[] = [];
    let pos = 0;
    this.need = HEADER_BYTES;
    while (pos < buf.length) {
      const c = this.candidateAt(buf, pos);
      if (c.kind === 'need') {
        if (!final) {
          this.need = c.bytes;
          break;
        }
        if (this.resync) {
          pos++;
          continue;
        }
        this.warn(
          `Truncated record at byte ${this.base + pos}: ${buf.length - pos} of ${c.bytes} bytes present; ` +
            `the rest was never written.`,
        );
        pos = buf.length;
        break;
      }
      if (c.kind === 'bad') {
        if (!this.resync) this.resync = { from: this.base + pos, reason: c.reason };
        pos++;
        continue;
      }
      if (this.resync) this.finishResync(this.base + pos);
      const dataStart = pos + HEADER_BYTES;
      records.push({ offset: this.base + pos, data: buf.slice(dataStart, dataStart + c.length) });
      pos = dataStart + c.length + FOOTER_BYTES;
    }
    if (final && this.resync) this.finishResync(this.base + buf.length);
    this.consume(buf, pos);
    return records;
  }

  /** Whether a whole verified record starts at `pos`. */
  private candidateAt(buf: Uint8Array, pos: number): Candidate {
    const available = buf.length - pos;
    if (available < HEADER_BYTES) return { kind: 'need', bytes: HEADER_BYTES };
    const view = new DataView(buf.buffer, buf.byteOffset + pos, HEADER_BYTES);
    if (view.getUint32(8, true) !== maskedCrc32c(buf, pos, pos + 8)) {
      return { kind: 'bad', reason: 'length checksum mismatch' };
    }
    const high = view.getUint32(4, true);
    const length = view.getUint32(0, true);
    if (high !== 0 || length > this.maxRecordBytes) {
      return { kind: 'bad', reason: `implausible record length ${high * 2 ** 32 + length}` };
    }
    const total = HEADER_BYTES + length + FOOTER_BYTES;
    if (available < total) return { kind: 'need', bytes: total };
    const dataEnd = pos + HEADER_BYTES + length;
    const stored = new DataView(buf.buffer, buf.byteOffset + dataEnd, FOOTER_BYTES).getUint32(0, true);
    if (stored !== maskedCrc32c(buf, pos + HEADER_BYTES, dataEnd)) {
      return { kind: 'bad', reason: 'data checksum mismatch' };
    }
    return { kind: 'record', length };
  }

  private finishResync(to: number): void {
    const r = this.resync!;
    this.resync = undefined;
    const what = to > r.from ? `skipped ${to - r.from} bytes (${r.from}–${to})` : 'nothing skipped';
    this.warn(`Corrupt event data at byte ${r.from} (${r.reason}); ${what}.`);
  }

  private warn(message: string): void {
    this.warningList.push(message);
  }

  private flatten(): Uint8Array {
    if (this.pending.length === 1) return this.pending[0]!;
    const out = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const chunk of this.pending) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  private consume(buf: Uint8Array, pos: number): void {
    const rest = buf.length - Math.min(pos, buf.length);
    this.base += buf.length - rest;
    // Copy a small remainder so the (possibly large) parsed buffer can be freed.
    this.pending =
      rest === 0 ? [] : [rest < buf.length / 2 ? buf.slice(buf.length - rest) : buf.subarray(buf.length - rest)];
    this.pendingBytes = rest;
  }
}

/** Reads every intact record of a whole file. */
export function readTfRecords(
  bytes: Uint8Array,
  options?: TfRecordReaderOptions,
): { records: TfRecord[]; warnings: string[] } {
  const reader = new TfRecordReader(options);
  const records = [...reader.push(bytes), ...reader.end()];
  return { records, warnings: reader.takeWarnings() };
}

/** Frames `data` as one TFRecord (used to write small event files in tests and exports). */
export function frameTfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + data.length + FOOTER_BYTES);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length, true);
  view.setUint32(4, 0, true);
  view.setUint32(8, maskedCrc32c(out, 0, 8), true);
  out.set(data, HEADER_BYTES);
  view.setUint32(HEADER_BYTES + data.length, maskedCrc32c(data), true);
  return out;
}

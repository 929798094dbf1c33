/**
 * TFRecord framing, as TensorFlow writes event files:
 *
 *   uint64 LE length | uint32 LE masked CRC-32C(length bytes) | data | uint32 LE masked CRC-32C(data)
 *
 * The reader is incremental (feed it bytes as a file grows) and never throws on bad bytes:
 * a header or data checksum that does not match starts a byte-by-byte search for the next
 * position where a whole record verifies, and the skipped span becomes a warning. A record
 * cut off at the end of the bytes is only a problem once `end()` says no more bytes come.
 *
 * A header whose length verifies but claims more bytes than follow it does not hide what
 * follows: at the end of the file the search starts right after it, and while bytes still come
 * an intact record found after it shows it is false. The searches are bounded per file.
 */
import { maskedCrc32c } from '../common/crc32c.js';
import { plainBytes } from '../common/protobuf.js';

export interface TfRecord {
  /** Byte offset of the record's header in the file. */
  offset: number;
  /** A view of the bytes pushed (or of the reader's copy of them), never written to afterwards. */
  data: Uint8Array;
}

/** Takes the data of one record, `buf[start, end)`, and the file offset of its header. */
export type TakeTfRecord = (buf: Uint8Array, start: number, end: number, offset: number) => void;

export interface TfRecordReaderOptions {
  /** Records claiming more bytes than this are treated as corrupt. Default 1 GiB. */
  maxRecordBytes?: number;
}

const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;
const DEFAULT_MAX_RECORD_BYTES = 1 << 30;
/**
 * Data checksum bytes a file's resync searches may compute: a base plus a multiple of the file's
 * size. Real damage rarely meets a header that verifies (1 in 2^32 positions); a file built to
 * hold one at every position would cost time quadratic in its size without this bound.
 */
const RESYNC_BUDGET_BASE = 64 * 1024 * 1024;
const RESYNC_BUDGET_PER_BYTE = 4;
/**
 * A header claiming this many bytes more than have come starts a search for intact records after
 * it, continued with every push (each position is searched once).
 */
const LOOKAHEAD_GAP = 1024 * 1024;

type Candidate = { kind: 'record'; length: number } | { kind: 'need'; bytes: number } | { kind: 'bad'; reason: string };
const LENGTH_MISMATCH: Candidate = { kind: 'bad', reason: 'length checksum mismatch' };
const DATA_MISMATCH: Candidate = { kind: 'bad', reason: 'data checksum mismatch' };
const HEADER_INSIDE: Candidate = { kind: 'bad', reason: 'a record header inside its data' };

function uint32At(buf: Uint8Array, at: number): number {
  return (buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24)) >>> 0;
}

export class TfRecordReader {
  private readonly maxRecordBytes: number;
  /**
   * Received bytes not yet consumed: `buf[off, off + len)`. Records are handed out as views into
   * `buf`, so once they are, `buf` is `shared` and never written again: the next bytes go into a
   * new buffer (grown by doubling, so appends stay linear). A chunk pushed while nothing is
   * pending is used as it is, without a copy.
   */
  private buf: Uint8Array = new Uint8Array(0);
  private off = 0;
  private len = 0;
  private shared = false;
  /** File offset of `buf[0]`. */
  private base = 0;
  /** Parsing waits until this many bytes are buffered (a whole header, or a whole record). */
  private need = HEADER_BYTES;
  /**
   * Set while searching for the next good record: where the bad bytes began, and why. `cut`: the
   * search began at a record the bytes end inside; if nothing good follows it, it is a cut-off.
   */
  private resync: { from: number; reason: string; cut?: { at: number; have: number; want: number } } | undefined;
  /**
   * While a header claims far more bytes than have come, the bytes after it are searched for an
   * intact record (a false header must not hide them): the file offset searched up to.
   */
  private lookedTo = 0;
  /** Bytes of data checksums the searches may still compute (resync work is bounded per file). */
  private budget = RESYNC_BUDGET_BASE;
  /** `headerWithin`'s memory: the first verifying header found, how far positions were scanned, the last query. */
  private headerFound = -1;
  private headerScanned = 0;
  private headerQueried = 0;
  /** The search stopped for good: every further byte is skipped (see `budget`). */
  private gaveUp = false;
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
    return this.len;
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
    const records: TfRecord[] = [];
    this.pushRanges(chunk, (buf, start, end, offset) => records.push({ offset, data: buf.subarray(start, end) }));
    return records;
  }

  /**
   * Feeds the next bytes of the file and hands the data of each record they completed to `take`
   * as `buf[start, end)` (valid only during the call), with the file offset of its header: no
   * array and no view per record. `take` must not throw.
   */
  pushRanges(chunk: Uint8Array, take: TakeTfRecord): void {
    if (this.ended || chunk.length === 0) return;
    this.budget += RESYNC_BUDGET_PER_BYTE * chunk.length;
    if (this.gaveUp) {
      this.base += chunk.length;
      return;
    }
    let rest = plainBytes(chunk);
    // A record begun in the last chunk: first join only the bytes that complete it (its header,
    // then its data), so the rest of the chunk is read where it lies instead of copied.
    for (let i = 0; i < 2 && this.len > 0 && !this.resync && !this.gaveUp; i++) {
      const missing = this.need - this.len;
      if (missing <= 0 || missing >= rest.length) break;
      this.append(rest.subarray(0, missing));
      rest = rest.subarray(missing);
      this.parse(false, take);
    }
    if (rest.length > 0) this.append(rest);
    if (this.len >= this.need) this.parse(false, take);
  }

  /** No more bytes will come: returns any last records and reports what is left over. */
  end(): TfRecord[] {
    const records: TfRecord[] = [];
    this.endRanges((buf, start, end, offset) => records.push({ offset, data: buf.subarray(start, end) }));
    return records;
  }

  /** `end`, handing the last records to `take` as `pushRanges` does. */
  endRanges(take: TakeTfRecord): void {
    if (this.ended) return;
    if (this.len > 0 || this.resync) this.parse(true, take);
    this.ended = true;
  }

  /**
   * What `end()` would report now, without ending: the warnings about the bytes still pending
   * (a cut-off record or junk at the end). The reader keeps waiting for more bytes.
   */
  previewEnd(): string[] {
    if (this.ended || (this.len === 0 && !this.resync)) return [];
    const copy = new TfRecordReader({ maxRecordBytes: this.maxRecordBytes });
    copy.base = this.base;
    copy.resync = this.resync && { ...this.resync };
    copy.buf = this.buf;
    copy.off = this.off;
    copy.len = this.len;
    copy.shared = true;
    copy.lookedTo = this.lookedTo;
    copy.budget = this.budget;
    copy.gaveUp = this.gaveUp;
    copy.end();
    return copy.takeWarnings();
  }

  private append(chunk: Uint8Array): void {
    if (this.len === 0) {
      this.buf = chunk;
      this.off = 0;
      this.len = chunk.length;
      this.shared = true;
      return;
    }
    if (this.shared || this.off + this.len + chunk.length > this.buf.length) {
      const size = this.len + chunk.length;
      const grown = new Uint8Array(Math.max(size, Math.min(2 * size, size + 64 * 1024 * 1024), 64 * 1024));
      grown.set(this.buf.subarray(this.off, this.off + this.len));
      this.buf = grown;
      this.off = 0;
      this.shared = false;
    }
    this.buf.set(chunk, this.off + this.len);
    this.len += chunk.length;
  }

  private parse(final: boolean, take: TakeTfRecord): void {
    const buf = this.buf.subarray(this.off, this.off + this.len);
    let pos = 0;
    this.need = HEADER_BYTES;
    while (pos < buf.length && !this.gaveUp) {
      let c = this.candidateAt(buf, pos, this.resync !== undefined);
      if (c.kind === 'need' && !this.resync && c.bytes > HEADER_BYTES) {
        // A header claiming more bytes than are here: a record still being written, or a false
        // header. At the end of the file it is one or the other; before it, an intact record
        // found after the header shows the header is false.
        const have = buf.length - pos;
        if (final) {
          this.resync = {
            from: this.base + pos,
            reason: `a record claims ${c.bytes - HEADER_BYTES - FOOTER_BYTES} bytes, more than the ${have - HEADER_BYTES} after its header`,
            cut: { at: this.base + pos, have, want: c.bytes },
          };
          pos++;
          continue;
        }
      }
      if (c.kind === 'need' && c.bytes - (buf.length - pos) > LOOKAHEAD_GAP && this.intactRecordAfter(buf, pos)) {
        const claimed = c.bytes - HEADER_BYTES - FOOTER_BYTES;
        c = { kind: 'bad', reason: `a record claims ${claimed} bytes but an intact record follows its header` };
      }
      if (c.kind === 'need') {
        if (!final) {
          // Counted from `pos`, where the buffer starts once consumed.
          this.need = c.bytes - (buf.length - pos) > LOOKAHEAD_GAP ? buf.length - pos + 1 : c.bytes;
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
        if (this.budget < 0) {
          this.giveUp();
          pos = buf.length;
          break;
        }
        pos++;
        continue;
      }
      if (this.resync) this.finishResync(this.base + pos);
      const dataStart = pos + HEADER_BYTES;
      const dataEnd = dataStart + c.length;
      // Handed-out bytes are never written again (`push` keeps views of them).
      this.shared = true;
      take(buf, dataStart, dataEnd, this.base + pos);
      pos = dataEnd + FOOTER_BYTES;
    }
    if (final && this.resync) this.finishResync(this.base + buf.length);
    this.consume(pos);
  }

  /**
   * Whether a whole verified record starts at `pos`. `searching`: the data checksum is paid for
   * from the resync budget (a search may meet many headers that verify and data that does not).
   */
  private readonly verified = { kind: 'record' as const, length: 0 };

  private candidateAt(buf: Uint8Array, pos: number, searching: boolean): Candidate {
    const available = buf.length - pos;
    if (available < HEADER_BYTES) return { kind: 'need', bytes: HEADER_BYTES };
    if (uint32At(buf, pos + 8) !== maskedCrc32c(buf, pos, pos + 8)) return LENGTH_MISMATCH;
    const high = uint32At(buf, pos + 4);
    const length = uint32At(buf, pos);
    if (high !== 0 || length > this.maxRecordBytes) {
      return { kind: 'bad', reason: `implausible record length ${high * 2 ** 32 + length}` };
    }
    const total = HEADER_BYTES + length + FOOTER_BYTES;
    if (available < total) return { kind: 'need', bytes: total };
    if (searching) {
      // A real record's data holds no header that verifies (1 in 2^32 per position); checking
      // that first keeps a search over headers packed over bad data linear instead of quadratic.
      if (this.headerWithin(buf, pos + 1, pos + total)) return HEADER_INSIDE;
      this.budget -= length;
    }
    const dataEnd = pos + HEADER_BYTES + length;
    if (uint32At(buf, dataEnd) !== maskedCrc32c(buf, pos + HEADER_BYTES, dataEnd)) return DATA_MISMATCH;
    // One object for every verified record: the caller reads `length` before the next candidate.
    this.verified.length = length;
    return this.verified;
  }

  /** Whether a header whose length checksum verifies starts in `buf[from, to)` (positions scanned once). */
  private headerWithin(buf: Uint8Array, from: number, to: number): boolean {
    const absFrom = this.base + from;
    if (absFrom < this.headerQueried) {
      // Asked about earlier bytes than before (a resync after a look-ahead): scan afresh.
      this.headerFound = -1;
      this.headerScanned = absFrom;
    }
    this.headerQueried = absFrom;
    const absTo = this.base + Math.min(to, buf.length - HEADER_BYTES + 1);
    if (this.headerFound >= absFrom) return this.headerFound < absTo;
    let at = Math.max(absFrom, this.headerScanned);
    for (; at < absTo; at++) {
      const p = at - this.base;
      if (uint32At(buf, p + 8) === maskedCrc32c(buf, p, p + 8)) {
        this.headerFound = at;
        this.headerScanned = at + 1;
        return true;
      }
    }
    this.headerScanned = Math.max(this.headerScanned, at);
    return false;
  }

  /**
   * Searches the bytes after the header at `pos` for a whole verified record, from where the last
   * search stopped: it stops at a record still incomplete, and when the budget is spent.
   */
  private intactRecordAfter(buf: Uint8Array, pos: number): boolean {
    let at = Math.max(pos + 1, this.lookedTo - this.base);
    for (; at + HEADER_BYTES <= buf.length && this.budget >= 0; at++) {
      const c = this.candidateAt(buf, at, true);
      if (c.kind === 'record') return true;
      if (c.kind === 'need') break;
    }
    this.lookedTo = this.base + at;
    return false;
  }

  /** The search for intact records cost more than a file of this size may: the rest is skipped. */
  private giveUp(): void {
    this.gaveUp = true;
    this.resync!.reason +=
      '; too many headers that verify over data that does not to keep searching, so the rest of the file is skipped';
  }

  private finishResync(to: number): void {
    const r = this.resync!;
    this.resync = undefined;
    if (r.cut && to === this.base + this.len && !this.gaveUp) {
      this.warn(
        `Truncated record at byte ${r.cut.at}: ${r.cut.have} of ${r.cut.want} bytes present; the rest was never written.`,
      );
      return;
    }
    const what = to > r.from ? `skipped ${to - r.from} bytes (${r.from}–${to})` : 'nothing skipped';
    this.warn(`Corrupt event data at byte ${r.from} (${r.reason}); ${what}.`);
  }

  private warn(message: string): void {
    this.warningList.push(message);
  }

  private consume(pos: number): void {
    const used = Math.min(pos, this.len);
    if (used === 0) return;
    this.base += used;
    this.off += used;
    this.len -= used;
    if (this.len === 0) {
      // Nothing pending: let the buffer go (records handed out keep what they need of it).
      this.buf = new Uint8Array(0);
      this.off = 0;
      this.shared = false;
    }
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

/**
 * A console log served from its file on disk (Node only): one streaming pass builds an index of
 * where lines start, and lines are read on demand for each window or search; the file is never
 * held whole. A 400 MB `output.log` read whole took the server from 56 to 858 MB; indexed, it
 * costs tens of MB (bench/node/disk-log-rss.ts: 85 → 147 MB after a window and a search).
 *
 * The index keeps the start of every 32nd line, and of any line that begins 64 KiB or more past
 * the last one kept; so reaching a line reads at most ~64 KiB besides the line itself, and a line
 * longer than that is always followed by a kept start, which tells where it ends without reading
 * it. A live file's index is extended by `refresh()`; a final line without its newline counts
 * only once the file is complete (the run has ended).
 *
 * Lines are split on `\n` (a `\r` before it is dropped), as `splitLogText` does for a file read
 * whole. A line longer than LINE_LIMIT bytes is served as its first and last halves of that with
 * a note between: a terminal shows the end of a `\r`-redrawn progress line, so the end is kept.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { SourceError, throwIfAborted } from '../data/errors.js';
import type { LogFile } from '../data/log-file.js';

export interface DiskLogOptions {
  /** The file's name in messages (`files/output.log`). */
  name?: string;
  /** Count a last line without a newline (the file will not grow any more). Default true. */
  complete?: boolean;
  /** Bytes of one line served at most (default 1 MiB). */
  lineLimit?: number;
  signal?: AbortSignal;
}

/** Lines between kept line starts. */
const EVERY_LINES = 32;
/** Bytes after which the next line start is kept, whatever the line count. */
const EVERY_BYTES = 64 * 1024;
/** Bytes read at once while indexing. */
const INDEX_BLOCK = 1024 * 1024;
/** Bytes read at once while reading lines. */
const READ_BLOCK = 256 * 1024;
const LINE_LIMIT = 1024 * 1024;
/** Text one `read` answers at most (then fewer lines than asked; at least one). */
const READ_BUDGET = 16 * 1024 * 1024;
/** A search batch holds at most this many lines or this much text. */
const BATCH_LINES = 1024;
const BATCH_CHARS = 1024 * 1024;
const NEWLINE = 0x0a;

export class DiskLog implements LogFile {
  readonly label: string | undefined = undefined;
  readonly stderr: readonly number[] = [];
  /** Lines counted. */
  private lines = 0;
  /** Byte offset of the first line not counted yet (where indexing goes on). */
  private indexed = 0;
  /** Bytes of the counted lines (past `indexed` when the last one has no newline). */
  private end = 0;
  /** The last counted line has no newline (counted because the file was complete). */
  private openEnded = false;
  private cpLine: Float64Array<ArrayBuffer> = new Float64Array(256);
  private cpOffset: Float64Array<ArrayBuffer> = new Float64Array(256);
  private cps = 0;
  private refreshing: Promise<unknown> = Promise.resolve();
  private readonly name: string;
  private readonly lineLimit: number;

  private constructor(
    readonly path: string,
    o: DiskLogOptions,
  ) {
    this.name = o.name ?? path;
    this.lineLimit = Math.max(64, o.lineLimit ?? LINE_LIMIT);
    this.keep(0, 0);
  }

  /** Indexes the file in one streaming pass. */
  static async open(path: string, o: DiskLogOptions = {}): Promise<DiskLog> {
    const log = new DiskLog(path, o);
    await log.refresh({ complete: o.complete ?? true, signal: o.signal });
    return log;
  }

  get count(): number {
    return this.lines;
  }

  /** Bytes the index covers. */
  get bytes(): number {
    return this.end;
  }

  /** Memory the index holds, in bytes (for measurements). */
  get indexBytes(): number {
    return this.cpLine.byteLength + this.cpOffset.byteLength;
  }

  /**
   * Extends the index over what was written since; `complete` counts a last line without a
   * newline. Returns how many lines were added and the texts of the newest (at most `recent`).
   * A file that shrank (rewritten) is not indexed again: its lines past the new end read as none.
   */
  refresh(o: { complete?: boolean; recent?: number; signal?: AbortSignal } = {}): Promise<{
    added: number;
    recent: string[];
  }> {
    const run = this.refreshing.then(() => this.extend(o));
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  private async extend(o: { complete?: boolean; recent?: number; signal?: AbortSignal }) {
    const before = this.lines;
    if (this.openEnded) {
      // The last line had no newline yet: it may go on now.
      this.lines--;
      this.openEnded = false;
      this.end = this.indexed;
    }
    let size: number;
    let fh: FileHandle;
    try {
      size = (await stat(this.path)).size;
      fh = await open(this.path, 'r');
    } catch (e) {
      throw this.unreadable(e);
    }
    try {
      let pos = this.indexed;
      while (pos < size) {
        throwIfAborted(o.signal);
        const buf = Buffer.allocUnsafe(Math.min(INDEX_BLOCK, size - pos));
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break; // shrank while being read
        const block = buf.subarray(0, bytesRead);
        for (let i = block.indexOf(NEWLINE); i !== -1; i = block.indexOf(NEWLINE, i + 1)) {
          this.lines++;
          this.indexed = pos + i + 1;
          this.keep(this.lines, this.indexed);
        }
        pos += bytesRead;
      }
      this.end = this.indexed;
      if ((o.complete ?? false) && pos > this.indexed) {
        this.lines++;
        this.openEnded = true;
        this.end = pos;
      }
    } catch (e) {
      throw this.unreadable(e);
    } finally {
      await fh.close().catch(() => undefined);
    }
    const added = Math.max(0, this.lines - before);
    const want = Math.min(added, Math.max(0, o.recent ?? 0));
    const recent = want > 0 ? await this.read(this.lines - want, this.lines, o.signal) : [];
    return { added, recent };
  }

  /** Keeps the start of `line` when it is the 32nd since the last kept, or 64 KiB past it. */
  private keep(line: number, offset: number): void {
    const n = this.cps;
    if (n > 0 && line - this.cpLine[n - 1] < EVERY_LINES && offset - this.cpOffset[n - 1] < EVERY_BYTES) return;
    if (n === this.cpLine.length) {
      this.cpLine = grow(this.cpLine);
      this.cpOffset = grow(this.cpOffset);
    }
    this.cpLine[n] = line;
    this.cpOffset[n] = offset;
    this.cps++;
  }

  /** Index of the last kept start at or before `line`. */
  private keptBefore(line: number): number {
    let lo = 0;
    let hi = this.cps - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cpLine[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Where a long line (one followed by a kept start) ends: its newline, or the end of the file. */
  private endOfLongLine(line: number): number {
    const k = this.keptBefore(line + 1);
    if (this.cpLine[k] === line + 1) return this.cpOffset[k] - 1;
    return this.end;
  }

  async read(from: number, to: number, signal?: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    let chars = 0;
    for await (const texts of this.texts(from, to, signal)) {
      for (const text of texts) {
        out.push(text);
        chars += text.length;
        if (chars >= READ_BUDGET) return out;
      }
    }
    return out;
  }

  async *batches(from: number, to: number, signal?: AbortSignal): AsyncGenerator<string[]> {
    let batch: string[] = [];
    let chars = 0;
    for await (const texts of this.texts(from, to, signal)) {
      for (const text of texts) {
        batch.push(text);
        chars += text.length;
        if (batch.length >= BATCH_LINES || chars >= BATCH_CHARS) {
          yield batch;
          batch = [];
          chars = 0;
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** A view of the lines from `first` on, with a label and stderr ranges of its own. */
  slice(first: number, o: { label?: string; stderr?: readonly number[] } = {}): LogFile {
    const start = Math.max(0, Math.floor(first));
    const count = () => Math.max(0, this.count - start);
    return {
      get count() {
        return count();
      },
      label: o.label,
      stderr: o.stderr ?? [],
      read: (a, b, signal) => this.read(start + a, start + b, signal),
      batches: (a, b, signal) => this.batches(start + a, start + b, signal),
    };
  }

  /** The texts of lines `[from, to)`, read block by block from the nearest kept start, a block's lines at a time. */
  private async *texts(from: number, to: number, signal?: AbortSignal): AsyncGenerator<string[]> {
    from = Math.max(0, Math.floor(from));
    to = Math.min(Math.floor(to), this.lines);
    if (!(from < to)) return;
    const k = this.keptBefore(from);
    let line = this.cpLine[k];
    let lineStart = this.cpOffset[k];
    const end = this.end;
    let fh: FileHandle;
    try {
      fh = await open(this.path, 'r');
    } catch (e) {
      throw this.unreadable(e);
    }
    try {
      let block: Buffer = Buffer.alloc(0);
      let blockStart = lineStart;
      let p = 0;
      let parts: Buffer[] = [];
      let partBytes = 0;
      let out: string[] = [];
      const emit = (text: string) => {
        if (line >= from) out.push(text);
        line++;
      };
      while (line < to) {
        if (p >= block.length) {
          if (out.length > 0) {
            yield out;
            out = [];
          }
          const next = blockStart + block.length;
          if (next >= end) {
            // The last line, without a newline.
            if (line < this.lines) emit(this.decode(parts, partBytes));
            break;
          }
          throwIfAborted(signal);
          const want = Math.min(READ_BLOCK, end - next);
          const buf = Buffer.allocUnsafe(want);
          const { bytesRead } = await fh.read(buf, 0, want, next);
          if (bytesRead === 0) break; // the file shrank: no more lines
          block = buf.subarray(0, bytesRead);
          blockStart = next;
          p = 0;
        }
        if (partBytes === 0 && this.lineLimit >= READ_BLOCK) {
          // Whole lines in the rest of the block, none over the limit: decode them at once.
          const last = block.lastIndexOf(NEWLINE);
          if (last >= p) {
            const texts = block.toString('utf8', p, last).split('\n');
            for (let i = 0; i < texts.length && line < to; i++) emit(stripCr(texts[i]!));
            p = last + 1;
            lineStart = blockStart + p;
            continue;
          }
        }
        const nl = block.indexOf(NEWLINE, p);
        if (nl === -1) {
          parts.push(block.subarray(p));
          partBytes += block.length - p;
          p = block.length;
          if (partBytes > this.lineLimit) {
            // A long line: keep its head, read its tail, and go on after it without reading the rest.
            const lineEnd = this.endOfLongLine(line);
            emit(await this.cutLine(fh, parts, lineStart, lineEnd));
            lineStart = lineEnd + 1;
            parts = [];
            partBytes = 0;
            block = Buffer.alloc(0);
            blockStart = lineStart;
            p = 0;
          }
          continue;
        }
        parts.push(block.subarray(p, nl));
        partBytes += nl - p;
        p = nl + 1;
        emit(this.decode(parts, partBytes));
        lineStart = blockStart + p;
        parts = [];
        partBytes = 0;
      }
      if (out.length > 0) yield out;
    } catch (e) {
      throw this.unreadable(e);
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  private decode(parts: Buffer[], bytes: number): string {
    const all = parts.length === 1 ? parts[0] : Buffer.concat(parts, bytes);
    if (all.length > this.lineLimit) {
      const half = this.lineLimit >> 1;
      return this.joinCut(all.subarray(0, half), all.subarray(all.length - half), all.length);
    }
    return stripCr(all.toString('utf8'));
  }

  private async cutLine(fh: FileHandle, head: Buffer[], start: number, end: number): Promise<string> {
    const half = this.lineLimit >> 1;
    const first = Buffer.concat(head).subarray(0, half);
    const tail = Buffer.allocUnsafe(Math.min(half, end - start));
    const { bytesRead } = await fh.read(tail, 0, tail.length, end - tail.length);
    return this.joinCut(first, tail.subarray(0, bytesRead), end - start);
  }

  private joinCut(head: Buffer, tail: Buffer, total: number): string {
    // Cut on character boundaries: drop the continuation bytes of a character split at either edge.
    let h = head.length;
    while (h > 0 && (head[h - 1] & 0xc0) === 0x80) h--;
    if (h > 0 && head[h - 1] >= 0xc0) h--;
    let t = 0;
    while (t < tail.length && (tail[t] & 0xc0) === 0x80) t++;
    const left = total - h - (tail.length - t);
    const note = ` … [${left.toLocaleString('en-US')} bytes of this ${total.toLocaleString('en-US')}-byte line are not shown here; ${this.name} holds it whole] … `;
    return head.subarray(0, h).toString('utf8') + note + stripCr(tail.subarray(t).toString('utf8'));
  }

  private unreadable(e: unknown): SourceError {
    if (e instanceof SourceError) return e;
    const code = (e as { code?: string })?.code;
    const why = code === 'ENOENT' ? 'it is gone' : ((e as Error)?.message ?? String(e));
    return new SourceError('unavailable', `${this.name} cannot be read: ${why}.`, { cause: e });
  }
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

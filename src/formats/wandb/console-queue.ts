/**
 * Console records (`output`, `output_raw`) kept as their UTF-8 bytes until someone reads the
 * console: a run read for its metrics never decodes its text, splits its lines or makes a line
 * object each (console records are most of a typical datastore's records).
 *
 * The bytes are copied into pages of up to 256 KiB (a record's bytes stay valid only during the
 * reader's call), so the queue costs about what its text weighs, less than the decoded strings.
 */

import { decodeUtf8 } from '../common/protobuf.js';

const PAGE = 256 * 1024;

export class ConsoleQueue {
  private pages: Uint8Array[] = [];
  private page = new Uint8Array(0);
  private used = 0;
  /** Bytes of the pages before `page`: records are placed by their offset in all pages together. */
  private before = 0;
  /**
   * Per record, three numbers: where its text starts, where it ends times two plus one for
   * stdout, its time (NaN: none). A typed buffer, not arrays: a long JS array in the young
   * generation is copied by every scavenge until it is promoted.
   */
  private meta = new Float64Array(0);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Queues the text `b[start, end)` of one record. */
  push(b: Uint8Array, start: number, end: number, stdout: boolean, time: number | undefined): void {
    const n = end - start;
    let page = this.page;
    let at = this.used;
    if (at + n > page.length) {
      // Pages start small (most runs print little) and grow fourfold up to PAGE.
      this.before += page.length;
      page = this.page = new Uint8Array(Math.max(Math.min(PAGE, 4 * page.length || 4096), n));
      this.pages.push(page);
      at = 0;
    }
    if (n <= 48) for (let i = 0; i < n; i++) page[at + i] = b[start + i]!;
    else page.set(b.subarray(start, end), at);
    this.used = at + n;
    const from = this.before + at;
    const k = 3 * this.count++;
    let meta = this.meta;
    if (k === meta.length) {
      // Six numbers (two records) fit 48 bytes, kept on V8's heap; small buffers grow fourfold.
      const grown = new Float64Array(k === 0 ? 6 : k < 3072 ? 4 * k : 2 * k);
      grown.set(meta);
      this.meta = meta = grown;
    }
    meta[k] = from;
    meta[k + 1] = 2 * (from + n) + (stdout ? 1 : 0);
    meta[k + 2] = time ?? NaN;
  }

  /** Hands each queued record to `take` in order and empties the queue. */
  drain(take: (text: string, stream: 'stdout' | 'stderr', time: number | undefined) => void): void {
    const { pages, meta, count } = this;
    this.pages = [];
    this.page = new Uint8Array(0);
    this.used = 0;
    this.before = 0;
    this.meta = new Float64Array(0);
    this.count = 0;
    let k = 0;
    let pageStart = 0;
    for (let i = 0; i < 3 * count; i += 3) {
      const start = meta[i]!;
      const code = meta[i + 1]!;
      const end = Math.floor(code / 2);
      // An empty text may sit at the very end of a page, or before any page.
      while (end > start && start >= pageStart + pages[k]!.length) pageStart += pages[k++]!.length;
      const t = meta[i + 2]!;
      take(
        end > start ? decodeUtf8(pages[k]!, start - pageStart, end - pageStart) : '',
        code % 2 === 1 ? 'stdout' : 'stderr',
        t === t ? t : undefined,
      );
    }
  }
}

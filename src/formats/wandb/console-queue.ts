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
  /** Per record: page index, start and end in it, stream (1 stdout, 0 stderr) and time (NaN: none). */
  private inPage: number[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private streams: number[] = [];
  private times: number[] = [];

  get length(): number {
    return this.streams.length;
  }

  /** Queues the text `b[start, end)` of one record. */
  push(b: Uint8Array, start: number, end: number, stdout: boolean, time: number | undefined): void {
    const n = end - start;
    let page = this.page;
    let at = this.used;
    if (at + n > page.length) {
      // Pages start small (most runs print little) and double up to PAGE.
      page = this.page = new Uint8Array(Math.max(Math.min(PAGE, 4 * page.length || 4096), n));
      this.pages.push(page);
      at = 0;
    }
    if (n <= 256) for (let i = 0; i < n; i++) page[at + i] = b[start + i]!;
    else page.set(b.subarray(start, end), at);
    this.inPage.push(this.pages.length - 1);
    this.starts.push(at);
    this.ends.push(at + n);
    this.used = at + n;
    this.streams.push(stdout ? 1 : 0);
    this.times.push(time ?? NaN);
  }

  /** Hands each queued record to `take` in order and empties the queue. */
  drain(take: (text: string, stream: 'stdout' | 'stderr', time: number | undefined) => void): void {
    const { pages, inPage, starts, ends, streams, times } = this;
    this.pages = [];
    this.page = new Uint8Array(0);
    this.used = 0;
    this.inPage = [];
    this.starts = [];
    this.ends = [];
    this.streams = [];
    this.times = [];
    for (let i = 0; i < streams.length; i++) {
      const t = times[i]!;
      take(
        decodeUtf8(pages[inPage[i]!]!, starts[i]!, ends[i]!),
        streams[i] === 1 ? 'stdout' : 'stderr',
        t === t ? t : undefined,
      );
    }
  }
}

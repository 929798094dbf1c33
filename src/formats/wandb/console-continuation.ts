/**
 * Where `files/output.log` goes on past the datastore's console.
 *
 * A run cut short (Ctrl-C, a kill, a crash of the writer) often stops writing its datastore
 * before its console: `output.log` then holds the last lines, typically the final traceback. The
 * two do not match line for line: the datastore may keep raw `\r` progress redraws and ANSI
 * colours where output.log holds what the terminal showed, blank lines differ, a long line may be
 * split in one and whole in the other, stdout and stderr may interleave differently, and the
 * datastore's last line may be a partial one.
 *
 * So both are compared as a stream of visible characters (escapes removed, only the last redraw
 * of a `\r` line kept, all whitespace dropped), and the end of the datastore's console is looked
 * up in output.log's stream: the last few hundred characters first, then shorter pieces ending at
 * earlier lines (the very last datastore lines may be partial or redrawn). Where the same text
 * occurs more than once, the occurrence nearest the position the datastore's own length predicts
 * wins. Everything in output.log after that point is the continuation; a line only partly
 * covered is taken whole, so the user sees it complete.
 */

import type { MemoryLogLine } from '../../data/memory-source.js';
import type { LogFile } from '../../data/log-file.js';
import { splitLogText } from './files.js';

/** The label of console lines that only `files/output.log` holds. */
export const OUTPUT_LOG_LABEL = 'output.log';

/**
 * The datastore's console completed from `output.log` (its text): the lines to append, labelled
 * `output.log`, and a warning saying which lines they are, or why none could be added.
 */
export function completeFromOutputLog(
  datastore: readonly MemoryLogLine[],
  outputLog: string,
): { logs: (MemoryLogLine & { stream: 'stdout' | 'stderr' })[]; warning?: string } {
  const lines = splitLogText(outputLog);
  const c = continuationOf(
    datastore.map((l) => l.text),
    lines,
  );
  if (!c.aligned) {
    return {
      logs: [],
      warning: `files/output.log (${lines.length} lines) does not line up with the datastore's console, so it was not added to it; it is listed under Files`,
    };
  }
  if (c.lines.length === 0) return { logs: [] };
  const first = datastore.length + 1;
  const last = datastore.length + c.lines.length;
  const stderr = tracebackLines(c.lines);
  return {
    logs: c.lines.map((text, i) => ({
      text,
      stream: stderr.has(i) ? ('stderr' as const) : ('stdout' as const),
      label: OUTPUT_LOG_LABEL,
    })),
    warning: `the datastore ends before the console did: lines ${first}–${last} come from files/output.log (label "${OUTPUT_LOG_LABEL}")`,
  };
}

/** output.log opened as a log file read on demand (a server's disk index), not as one text. */
export interface ConsoleLogFile extends LogFile {
  /** The lines from `first` on, with a label and stderr ranges of their own. */
  slice(first: number, o: { label?: string; stderr?: readonly number[] }): LogFile;
}

/** Lines kept from the console's end: what telling a final traceback needs (state.ts). */
export const CONSOLE_END_LINES = 1000;

/**
 * `completeFromOutputLog` over output.log opened as a log file: the continuation is the file's
 * lines from where it goes on past the datastore's console (labelled `output.log`, tracebacks on
 * stderr), never read whole; `end` is the console's last lines with it (for the run's state).
 */
export async function completeFromLogFile(
  datastore: readonly MemoryLogLine[],
  file: ConsoleLogFile,
  signal?: AbortSignal,
): Promise<{ file?: LogFile; end: string[]; warning?: string }> {
  const count = file.count;
  const finder = new ContinuationFinder(datastore.map((l) => l.text));
  for await (const batch of file.batches(0, count, signal)) finder.push(batch);
  const c = finder.finish();
  const datastoreEnd = datastore.slice(-CONSOLE_END_LINES).map((l) => l.text);
  if (!c.aligned) {
    return {
      end: datastoreEnd,
      warning: `files/output.log (${count} lines) does not line up with the datastore's console, so it was not added to it; it is listed under Files`,
    };
  }
  if (c.first >= count) return { end: datastoreEnd };
  const tracebacks = new TracebackFinder();
  let end = datastoreEnd;
  for await (const batch of file.batches(c.first, count, signal)) {
    tracebacks.push(batch);
    end = [...end, ...batch].slice(-CONSOLE_END_LINES);
  }
  const first = datastore.length + 1;
  const last = datastore.length + count - c.first;
  return {
    file: file.slice(c.first, { label: OUTPUT_LOG_LABEL, stderr: tracebacks.finish() }),
    end,
    warning: `the datastore ends before the console did: lines ${first}–${last} come from files/output.log (label "${OUTPUT_LOG_LABEL}")`,
  };
}

const TRACEBACK_HEADER = 'Traceback (most recent call last):';
const CHAINED = /^(?:During handling of the above exception|The above exception was the direct cause)/;
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?::.*)?$/;

/**
 * Indexes of the lines of Python tracebacks (header, frames, chained-exception notes, exception
 * line). output.log does not say which stream a line came from, but Python prints these to stderr.
 */
function tracebackLines(lines: readonly string[]): Set<number> {
  const finder = new TracebackFinder();
  finder.push(lines);
  const ranges = finder.finish();
  const out = new Set<number>();
  for (let k = 0; k < ranges.length; k += 2) for (let i = ranges[k]!; i < ranges[k + 1]!; i++) out.add(i);
  return out;
}

/**
 * The tracebacks of lines given in order, batch by batch (a file read in pieces): a traceback is
 * its header, its frames (indented lines) and the exception line; blank lines and chained-exception
 * notes between two tracebacks belong to them. `finish` gives their line indexes as sorted
 * `[from, to)` pairs, flattened.
 */
export class TracebackFinder {
  private readonly ranges: number[] = [];
  private line = 0;
  private state: 'none' | 'frames' | 'between' = 'none';
  /** Where the traceback being read started, or the lines after an exception line start. */
  private from = 0;

  push(lines: readonly string[]): void {
    for (const text of lines) this.next(text);
  }

  private next(text: string): void {
    const i = this.line++;
    if (this.state === 'frames') {
      if (/^\s/.test(text)) return;
      this.state = 'none';
      if (EXCEPTION_LINE.test(text)) {
        this.mark(this.from, i + 1);
        this.state = 'between';
        this.from = i + 1;
        return;
      }
    } else if (this.state === 'between') {
      if (text.trim() === '' || CHAINED.test(text)) return;
      this.state = 'none';
      // A chained exception: the note and the blank lines around it lead to the next traceback.
      if (i > this.from && text.startsWith(TRACEBACK_HEADER)) this.mark(this.from, i);
    }
    if (text.startsWith(TRACEBACK_HEADER)) {
      this.state = 'frames';
      this.from = i;
    }
  }

  private mark(from: number, to: number): void {
    const n = this.ranges.length;
    if (n > 0 && this.ranges[n - 1] === from) this.ranges[n - 1] = to;
    else this.ranges.push(from, to);
  }

  finish(): number[] {
    return [...this.ranges];
  }
}

export interface Continuation {
  /** False when output.log could not be lined up with the datastore's console at all. */
  aligned: boolean;
  /** Lines of output.log past the datastore's console, as written. */
  lines: string[];
}

/** Characters of the datastore's visible stream matched at once. */
const ANCHOR = 256;
/** Shorter anchors than this are too ambiguous to trust, unless they are the datastore's whole console. */
const MIN_ANCHOR = 16;
/** How many of the datastore's last lines may fail to match before giving up. */
const MAX_DROPPED_LINES = 12;

// CSI (colours, cursor moves), OSC (titles, links) and lone two-character escapes.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const SPACE = /\s+/g;

/** What a terminal would show of a line, without whitespace (see the module comment). */
export function visibleText(line: string): string {
  let text = line.includes('\u001b') ? line.replace(ESCAPES, '') : line;
  if (text.includes('\r')) {
    const redraws = text.split('\r').filter((s) => s.trim() !== '');
    text = redraws[redraws.length - 1] ?? '';
  }
  return text.replace(SPACE, '');
}

export function continuationOf(datastore: readonly string[], outputLog: readonly string[]): Continuation {
  const finder = new ContinuationFinder(datastore);
  finder.push(outputLog);
  const c = finder.finish();
  return { aligned: c.aligned, lines: c.aligned ? outputLog.slice(c.first) : [] };
}

interface Candidate {
  anchor: string;
  /** Where the anchor ends in the datastore's stream: where it is expected in output.log's. */
  end: number;
  /** End offset of the occurrence nearest `end` so far, in output.log's stream. */
  best?: number;
  /** The first line not wholly covered by `best`; undefined while it is still to come. */
  bestLine?: number;
  /** No later occurrence can be nearer. */
  settled: boolean;
}

/** Text searched at once: lines are gathered into blocks of about this many visible characters. */
const BLOCK = 64 * 1024;

/**
 * Finds where output.log goes on past the datastore's console, reading output.log's lines once,
 * in order, batch by batch: a file of any size is never held whole. The anchors tried are those
 * of the module comment, in the same order; all are looked for in one pass, and one that is found
 * makes every later one moot.
 */
export class ContinuationFinder {
  private readonly d: { text: string; ends: number[] };
  private readonly candidates: Candidate[] = [];
  /** Visible characters kept from before the block, so an anchor across two blocks is found. */
  private readonly carryLength: number;
  private carry = '';
  /** Lines gathered since the last search: their visible text and where each ends. */
  private block: string[] = [];
  private blockLength = 0;
  private blockEnds: number[] = [];
  /** Visible characters and lines of output.log read so far. */
  private length = 0;
  private lines = 0;
  /** The end of output.log's stream, long enough to tell whether it stops inside the datastore's. */
  private readonly tailLength: number;
  private tail: string[] = [];
  private tailChars = 0;

  /** `block`: visible characters searched at once (small in tests, to cross block edges often). */
  constructor(
    datastore: readonly string[],
    private readonly blockSize = BLOCK,
  ) {
    this.d = stream(datastore);
    const d = this.d;
    const lastLines = Math.min(MAX_DROPPED_LINES, datastore.length);
    for (let drop = 0; drop < lastLines; drop++) {
      const line = datastore.length - 1 - drop;
      const end = d.ends[line]!;
      const start = d.ends[line - 1] ?? 0;
      if (end === start) continue; // a blank line: nothing to find
      // The text up to this line's end, then this line alone (stdout and stderr may interleave differently).
      for (const from of [Math.max(0, end - ANCHOR), start]) {
        const anchor = d.text.slice(from, end);
        if (anchor.length < MIN_ANCHOR && from !== 0) continue;
        this.candidates.push({ anchor, end, settled: false });
      }
    }
    this.carryLength = Math.max(0, ...this.candidates.map((c) => c.anchor.length - 1));
    this.tailLength = Math.max(0, ...this.candidates.map((c) => d.text.length - c.end));
  }

  push(lines: readonly string[]): void {
    for (const line of lines) {
      const v = visibleText(line);
      this.lines++;
      if (v === '') continue; // ends where the line before did
      this.block.push(v);
      this.blockLength += v.length;
      this.blockEnds.push(this.length + this.blockLength, this.lines - 1);
      if (this.blockLength >= this.blockSize) this.search();
    }
  }

  /** Where output.log's lines past the datastore's console start (`first`), if it lines up at all. */
  finish(): { aligned: boolean; first: number } {
    this.search();
    const d = this.d;
    if (d.text === '') return { aligned: true, first: 0 };
    if (this.length === 0) return { aligned: true, first: this.lines }; // nothing (visible) to add
    for (const c of this.candidates) {
      if (c.best === undefined) continue;
      // output.log may simply stop inside the datastore lines that did not match (it was written
      // less often): then it holds nothing beyond them.
      const rest = this.length - c.best;
      if (rest <= d.text.length - c.end && d.text.startsWith(this.tailText(rest), c.end))
        return { aligned: true, first: this.lines };
      return { aligned: true, first: c.bestLine ?? this.lines };
    }
    return { aligned: false, first: this.lines };
  }

  /** Looks for the anchors in the block gathered (and the carry before it). */
  private search(): void {
    if (this.block.length === 0) return;
    const text = this.block.join('');
    const ends = this.blockEnds;
    const blockStart = this.length;
    const window = this.carry + text;
    const windowStart = blockStart - this.carry.length;
    for (const c of this.candidates) {
      // A line still to come after an occurrence that ended a block: the first line of this one.
      if (c.best !== undefined && c.bestLine === undefined) c.bestLine = ends[1];
    }
    for (const c of this.candidates) {
      if (c.settled) {
        if (c.best !== undefined) break; // found: the anchors after it are never tried
        continue;
      }
      const { anchor, end: expected } = c;
      // Only occurrences that end inside this block: the others were seen before.
      for (
        let i = window.indexOf(anchor, Math.max(0, this.carry.length - anchor.length + 1));
        i >= 0;
        i = window.indexOf(anchor, i + 1)
      ) {
        const end = windowStart + i + anchor.length;
        if (c.best === undefined || Math.abs(end - expected) < Math.abs(c.best - expected)) {
          c.best = end;
          c.bestLine = lineAfter(ends, end);
        } else if (end > expected) {
          c.settled = true; // occurrences only get farther from here on
          break;
        }
      }
      if (c.best !== undefined) break; // found: the anchors after it are never tried
    }
    this.length += this.blockLength;
    this.keepTail(text);
    this.carry = this.carryLength > 0 ? window.slice(-this.carryLength) : '';
    this.block = [];
    this.blockLength = 0;
    this.blockEnds = [];
  }

  private keepTail(text: string): void {
    if (this.tailLength === 0) return;
    this.tail.push(text);
    this.tailChars += text.length;
    while (this.tail.length > 1 && this.tailChars - this.tail[0]!.length >= this.tailLength) {
      this.tailChars -= this.tail.shift()!.length;
    }
  }

  private tailText(length: number): string {
    if (length <= 0) return '';
    const text = this.tail.join('');
    return text.slice(Math.max(0, text.length - length));
  }
}

/** In `[end, line, end, line, …]` pairs of a block: the first line ending past `offset`, if any. */
function lineAfter(ends: readonly number[], offset: number): number | undefined {
  let lo = 0;
  let hi = ends.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[2 * mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < ends.length >> 1 ? ends[2 * lo + 1] : undefined;
}

/** The visible stream of lines, and where each line ends in it. */
function stream(lines: readonly string[]): { text: string; ends: number[] } {
  const parts: string[] = [];
  const ends: number[] = [];
  let n = 0;
  for (const line of lines) {
    const v = visibleText(line);
    parts.push(v);
    n += v.length;
    ends.push(n);
  }
  return { text: parts.join(''), ends };
}

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

const TRACEBACK_HEADER = 'Traceback (most recent call last):';
const CHAINED = /^(?:During handling of the above exception|The above exception was the direct cause)/;
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?::.*)?$/;

/**
 * Indexes of the lines of Python tracebacks (header, frames, chained-exception notes, exception
 * line). output.log does not say which stream a line came from, but Python prints these to stderr.
 */
function tracebackLines(lines: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith(TRACEBACK_HEADER)) continue;
    let j = i + 1;
    while (j < lines.length && /^\s/.test(lines[j]!)) j++;
    if (j >= lines.length || !EXCEPTION_LINE.test(lines[j]!)) continue;
    for (let k = i; k <= j; k++) out.add(k);
    // A chained exception: the note and the blank lines around it lead to the next traceback.
    let k = j + 1;
    while (k < lines.length && (lines[k]!.trim() === '' || CHAINED.test(lines[k]!))) k++;
    if (k > j + 1 && k < lines.length && lines[k]!.startsWith(TRACEBACK_HEADER)) {
      for (let m = j + 1; m < k; m++) out.add(m);
    }
    i = j;
  }
  return out;
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
  const d = stream(datastore);
  const o = stream(outputLog);
  if (d.text === '') return { aligned: true, lines: [...outputLog] };
  if (o.text === '') return { aligned: true, lines: [] }; // nothing (visible) to add

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
      const at = nearestOccurrence(o.text, anchor, end);
      if (at === undefined) continue;
      // output.log may simply stop inside the datastore lines that did not match (it was written
      // less often): then it holds nothing beyond them.
      if (d.text.slice(end).startsWith(o.text.slice(at))) return { aligned: true, lines: [] };
      return { aligned: true, lines: outputLog.slice(firstLineAfter(o.ends, at)) };
    }
  }
  return { aligned: false, lines: [] };
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

/** End offset of the occurrence of `anchor` in `text` whose end is nearest `expectedEnd`. */
function nearestOccurrence(text: string, anchor: string, expectedEnd: number): number | undefined {
  let best: number | undefined;
  for (let i = text.indexOf(anchor); i >= 0; i = text.indexOf(anchor, i + 1)) {
    const end = i + anchor.length;
    if (best === undefined || Math.abs(end - expectedEnd) < Math.abs(best - expectedEnd)) best = end;
    else if (end > expectedEnd) break; // occurrences only get farther from here on
  }
  return best;
}

/** Index of the first line not wholly covered by `offset` characters of the stream. */
function firstLineAfter(ends: readonly number[], offset: number): number {
  // Binary search: the first line whose end is past the offset; a line ending exactly there is covered.
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

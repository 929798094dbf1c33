/** Readers of console-log answers: chunks of lines (search matches: later/on-demand.ts, read with the first search). */
import type { LogChunk, LogLine, LogQuery, LogStream } from '../source.js';
import type { Repairs } from './repairs.js';
import { isObj, isObjOrDropped, put, readNumber, readOneOf, readString, readStrings, readTime } from './values.js';
import { answerReader } from './answer.js';

const STREAMS: readonly LogStream[] = ['stdout', 'stderr'];

/**
 * One line; a bare string is a line of that text (converted), anything else that is not an object
 * is no line (noted). A text that is not text is empty (noted).
 */
export function readLogLine(v: unknown, r: Repairs, fallbackN: number): LogLine | undefined {
  if (typeof v === 'string') {
    r.converted('log lines given as bare text');
    return { n: fallbackN, text: v, stream: 'stdout' };
  }
  if (!isObjOrDropped(v, r, 'log lines')) return undefined;
  let text = readString(v.text, r, 'log line texts');
  if (text === undefined) {
    r.dropped('log line texts');
    text = '';
  }
  const n = readNumber(v.n, r, 'log line numbers', { min: 0, int: true });
  const line: LogLine = {
    n: n ?? fallbackN,
    text,
    stream: readOneOf(v.stream, STREAMS, r, 'log line streams', 'stdout')!,
  };
  put(line, 'time', readTime(v.time, r, 'log line times'));
  put(line, 'label', readString(v.label, r, 'log line labels'));
  return line;
}

/**
 * The lines of a list, leaving out what is not a line, with line numbers that go up: a number
 * missing, or not above the one before, becomes the one before plus one (noted), so no two lines
 * of a chunk share a number. `firstN` is the number of a first line that has none.
 */
export function readLogLines(raw: unknown[], r: Repairs, firstN: number): LogLine[] {
  const lines: LogLine[] = [];
  for (const item of raw) {
    const prev = lines.length ? lines[lines.length - 1].n : undefined;
    const line = readLogLine(item, r, prev === undefined ? firstN : prev + 1);
    if (!line) continue;
    if (prev !== undefined && line.n <= prev) {
      r.converted('log line numbers out of order');
      line.n = prev + 1;
    }
    lines.push(line);
  }
  return lines;
}

export function readLogChunk(v: unknown, r: Repairs, q: LogQuery | undefined): LogChunk | undefined {
  if (!isObj(v)) return undefined;
  if (!Array.isArray(v.lines)) return r.invalid('The source sent a log chunk without a list of lines.');
  const start =
    readNumber(v.start, r, 'log chunk starts', { min: 0, int: true }) ?? Math.max(0, Math.floor(Number(q?.start) || 0));
  const lines = readLogLines(v.lines, r, start);
  const total = readNumber(v.total, r, 'log totals', { min: 0, int: true });
  const chunk: LogChunk = { start, lines, total: Math.max(total ?? 0, start + lines.length) };
  if (total === undefined) r.converted('log totals');
  put(chunk, 'labels', readStrings(v.labels, r, 'log labels'));
  return chunk;
}

/** How checked-source.ts reads the answers of this method. */
export const readAnswer = answerReader({ getLogs: (v, r, [q]) => readLogChunk(v, r, q) });

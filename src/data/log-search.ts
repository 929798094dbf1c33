/**
 * Searching log lines: plain text or regular expression, with or without case. The scan yields to
 * the event loop every ~30 ms so a search over a million lines never blocks input for long and can
 * be aborted part way.
 */
import type { LogMatches } from './source.js';
import { SourceError, throwIfAborted } from './errors.js';

export interface SearchableLines {
  count: number;
  /** The text at a position of the (filtered) log. */
  text(pos: number): string;
  /** The whole-log line number at a position. */
  lineNumber(pos: number): number;
}

export interface SearchOptions {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  limit: number;
}

const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** The text a reader sees: ANSI escape sequences removed. */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for the query; an invalid regular expression is SourceError('invalid-data'). */
export function compileQuery(o: Pick<SearchOptions, 'query' | 'regex' | 'caseSensitive'>): RegExp {
  const source = o.regex ? o.query : escapeRegExp(o.query);
  try {
    return new RegExp(source, o.caseSensitive ? '' : 'i');
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^Invalid regular expression: /, '');
    throw new SourceError('invalid-data', `The search is not a valid regular expression: ${reason}`);
  }
}

/** Yield to the page this often, well under the 50 ms that counts as a long task. */
const SLICE_MS = 25;
/** Lines between clock checks: small, because building one line (a lazy log) can cost ~0.1 ms. */
const CHECK_EVERY = 64;

export async function searchLogLines(
  lines: SearchableLines,
  o: SearchOptions,
  signal?: AbortSignal,
): Promise<LogMatches> {
  throwIfAborted(signal);
  const query = typeof o.query === 'string' ? o.query : String(o.query ?? '');
  const result: LogMatches = { total: 0, lines: [], positions: [], truncated: false };
  if (query === '') return result;
  const re = compileQuery({ ...o, query });
  let sliceStart = Date.now();
  for (let pos = 0; pos < lines.count; pos++) {
    if (pos % CHECK_EVERY === 0 && Date.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      throwIfAborted(signal);
      sliceStart = Date.now();
    }
    if (!re.test(stripAnsi(lines.text(pos)))) continue;
    result.total++;
    if (result.lines.length < o.limit) {
      result.lines.push(lines.lineNumber(pos));
      result.positions.push(pos);
    } else {
      result.truncated = true;
    }
  }
  return result;
}

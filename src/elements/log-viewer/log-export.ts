/**
 * Getting log text out of a source for copy and download: ranges of lines as shown, the whole log
 * assembled from windows, and the source's own file URL when it is safe to link. Pure: no DOM.
 */
import { throwIfAborted } from '../../data/errors.js';
import type { LogChunk, LogMatches, LogQuery, LogStream, Req, RunSource } from '../../data/source.js';
import { parseTerminalLine } from './ansi.js';
import type { LineSelection } from './permalink.js';

/** The detail of `log-viewer-download`: what the download saved. */
export interface LogViewerDownloadDetail {
  /** The source's URL for the log file, when it has one. */
  url?: string;
  /** The log assembled from windows, when the source has no file URL. */
  blob?: Blob;
  fileName: string;
}

export type GetLogs = (q: LogQuery, o?: Req) => Promise<LogChunk>;
export interface LogFilter {
  streams?: LogStream[];
  labels?: string[];
}

/** Lines per request when reading many. */
export const EXPORT_CHUNK = 10_000;

/**
 * The displayed text (escapes applied, `\r` resolved) of positions `from..to` (inclusive) of the
 * (filtered) log, at most `limit` lines.
 */
export async function rangeTexts(
  getLogs: GetLogs,
  runId: string,
  from: number,
  to: number,
  filter: LogFilter,
  limit: number,
): Promise<string[]> {
  const end = Math.min(to, from + limit - 1);
  const out: string[] = [];
  for (let start = Math.max(0, from); start <= end;) {
    const chunk = await getLogs({ runId, start, count: Math.min(EXPORT_CHUNK, end - start + 1), ...filter });
    if (!chunk || !Array.isArray(chunk.lines) || chunk.lines.length === 0) break;
    for (const l of chunk.lines) out.push(parseTerminalLine(typeof l?.text === 'string' ? l.text : '').text);
    start += chunk.lines.length;
  }
  return out;
}

/**
 * The displayed text of the selected lines (`range`, whole-log line numbers) that the view shows,
 * at most `limit` lines: in "only matching lines" mode (`matches`) only the matching ones; under a
 * filter, the positions the selection was made at in the filtered log (`positions`).
 */
export async function selectedTexts(
  getLogs: GetLogs,
  runId: string,
  range: LineSelection,
  o: { matches?: LogMatches; filter: LogFilter; positions?: { from: number; to: number } },
  limit: number,
): Promise<string[]> {
  const { matches, filter, positions: p } = o;
  if (matches) {
    const positions = matches.positions.filter(
      (_, i) => matches.lines[i] >= range.from && matches.lines[i] <= range.to,
    );
    if (positions.length === 0) return [];
    const keep = new Set(positions);
    const first = positions[0];
    const all = await rangeTexts(getLogs, runId, first, positions[positions.length - 1], filter, limit);
    return all.filter((_, i) => keep.has(first + i));
  }
  if (p) return rangeTexts(getLogs, runId, p.from, p.to, filter, limit);
  return rangeTexts(getLogs, runId, range.from, range.to, {}, limit);
}

/**
 * The whole log as the source holds it (raw text, one line per line), read window by window into
 * a Blob. `onProgress` gets 0–100.
 */
export async function assembleLog(
  getLogs: GetLogs,
  runId: string,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<Blob> {
  const parts: string[] = [];
  let total = Infinity;
  for (let start = 0; start < total;) {
    throwIfAborted(signal);
    const chunk = await getLogs({ runId, start, count: EXPORT_CHUNK }, { signal });
    if (!chunk || !Array.isArray(chunk.lines) || chunk.lines.length === 0) break;
    const t = Number(chunk.total);
    total = Number.isFinite(t) ? t : start + chunk.lines.length;
    parts.push(chunk.lines.map((l) => (typeof l?.text === 'string' ? l.text : '')).join('\n') + '\n');
    start += chunk.lines.length;
    onProgress(Math.min(100, Math.floor((start / Math.max(1, total)) * 100)));
  }
  return new Blob(parts, { type: 'text/plain;charset=utf-8' });
}

/** The source's URL for the log file, when it has one that is safe to hand to a link (http, https, blob). */
export function logFileUrl(source: RunSource, runId: string, path: string, base?: string): string | undefined {
  try {
    const url = typeof source.fileUrl === 'function' ? source.fileUrl(runId, path) : undefined;
    if (typeof url !== 'string' || !url) return undefined;
    const protocol = new URL(url, base ?? globalThis.document?.baseURI ?? 'http://localhost/').protocol;
    return protocol === 'http:' || protocol === 'https:' || protocol === 'blob:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** `<run>-<file name>` with anything but letters, digits, `.`, `-` and `_` replaced. */
export function downloadName(runId: string, path: string): string {
  return `${runId}-${path.split('/').pop() || 'output.log'}`.replace(/[^\w.-]+/g, '_');
}

/**
 * Readers of the answers that only a user's action asks for: a file's bytes (a file opened or
 * downloaded) and log search matches (a search typed). The readers in read/later/ (these, and
 * those of live events) are what no first view needs: they sit outside the script-tag bundle's
 * one chunk of readers (the `READERS` pattern of rollup.config.js takes read/*.ts only), so each
 * module loads as a chunk of its own with its first answer.
 */
import type { FileBytes, LogMatches } from '../../source.js';
import type { Repairs } from '../repairs.js';
import { isObj, put, readBoolean, readList, readNumber, readString } from '../values.js';
import { answerReader } from '../answer.js';

function bytesOf(v: unknown, r: Repairs): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return (r.converted('file bytes given as an ArrayBuffer'), new Uint8Array(v));
  if (ArrayBuffer.isView(v)) {
    r.converted('file bytes that are not a Uint8Array');
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }
  if (Array.isArray(v)) {
    r.converted('file bytes given as a list');
    return Uint8Array.from(v, (b) => Number(b) & 255);
  }
  return undefined;
}

export function readFileBytes(v: unknown, r: Repairs, askedPath: string, askedStart: number): FileBytes | undefined {
  const bytes = isObj(v) ? bytesOf(v.bytes, r) : undefined;
  if (!isObj(v) || !bytes) return r.invalid(`The source sent no bytes for ${askedPath}.`);
  const start = readNumber(v.start, r, 'file offsets', { min: 0, int: true }) ?? askedStart;
  const size = readNumber(v.size, r, 'file sizes', { min: 0, int: true });
  const out: FileBytes = {
    path: readString(v.path, r, 'file paths') ?? askedPath,
    bytes,
    start,
    size: Math.max(size ?? 0, start + bytes.length),
  };
  if (size === undefined || size < start + bytes.length) r.converted('file sizes');
  put(out, 'mime', readString(v.mime, r, 'file types'));
  return out;
}

const isIndexList = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((n) => typeof n === 'number' && n >= 0 && Number.isInteger(n));

export function readLogMatches(v: unknown, r: Repairs): LogMatches | undefined {
  if (!isObj(v)) return undefined;
  // the common case, up to 100,000 matches: used as it is
  if (
    isIndexList(v.lines) &&
    isIndexList(v.positions) &&
    v.lines.length === v.positions.length &&
    typeof v.total === 'number' &&
    v.total >= v.lines.length &&
    typeof v.truncated === 'boolean'
  )
    return v as unknown as LogMatches;
  const rawLines = readList(v.lines, r, 'search match lists');
  const rawPositions = readList(v.positions, r, 'search match lists');
  const lines: number[] = [];
  const positions: number[] = [];
  const n = Math.min(rawLines.length, rawPositions.length);
  if (rawLines.length !== rawPositions.length)
    r.dropped('search matches without a position', Math.abs(rawLines.length - rawPositions.length));
  for (let i = 0; i < n; i++) {
    const line = readNumber(rawLines[i], r, 'search matches', { min: 0, int: true });
    const pos = readNumber(rawPositions[i], r, 'search matches', { min: 0, int: true });
    if (line === undefined || pos === undefined) continue;
    lines.push(line);
    positions.push(pos);
  }
  const total = readNumber(v.total, r, 'search totals', { min: 0, int: true });
  return {
    total: Math.max(total ?? 0, lines.length),
    lines,
    positions,
    truncated: readBoolean(v.truncated, r, 'search flags') ?? false,
  };
}

/** How checked-source.ts reads the answers of these methods. */
export const readAnswer = answerReader({
  searchLogs: readLogMatches,
  readFile: (v, r, [, path, range]) => readFileBytes(v, r, path, range?.start ?? 0),
  readArtifactFile: (v, r, [, , path, range]) => readFileBytes(v, r, path, range?.start ?? 0),
});

/**
 * The small pieces of MemorySource's answers: requests guarded into SourceErrors, query and
 * cursor checks, byte ranges, files read from a run's tree, artifact listings and deep copies.
 */
import type { ArtifactDetail, ArtifactInfo, ByteRange, FileBytes, MediaItem, Req } from './source.js';
import { SourceError, throwIfAborted, toSourceError } from './errors.js';
import { type FileTree, pathSegments } from './memory-files.js';

/** Runs `fn` as a request: rejects with `aborted` first when the signal fired, and maps errors to SourceError. */
export function guard<T>(o: Req | undefined, fn: () => T): Promise<T> {
  try {
    throwIfAborted(o?.signal);
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(toSourceError(e));
  }
}

const ARTIFACT_INFO_FIELDS = [
  'id',
  'name',
  'type',
  'direction',
  'version',
  'aliases',
  'size',
  'digest',
  'createdAt',
  'fileCount',
  'description',
] as const;

/** The listing fields of an artifact, without its files, metadata and lineage. */
export function artifactInfo(a: ArtifactDetail): ArtifactInfo {
  const out: Record<string, unknown> = {};
  for (const f of ARTIFACT_INFO_FIELDS) if (a[f] !== undefined) out[f] = clone(a[f]);
  const info = out as unknown as ArtifactInfo;
  if (!Array.isArray(info.aliases)) info.aliases = [];
  if (info.fileCount === undefined && Array.isArray(a.files)) info.fileCount = a.files.length;
  return info;
}

export function readFromTree(tree: FileTree, path: string, range: ByteRange | undefined, where: string): FileBytes {
  const parts = pathSegments(path);
  if (!parts)
    throw new SourceError(
      'invalid-data',
      `Refused the path ${JSON.stringify(path)}: it may not contain "." or ".." segments.`,
    );
  const clean = parts.join('/');
  const file = tree.get(clean);
  if (!file) {
    if (tree.isDir(clean)) throw new SourceError('invalid-data', `${clean} is a folder, not a file.`);
    throw new SourceError('not-found', `There is no file ${clean} in ${where}.`);
  }
  const bytes = tree.bytesAt(clean);
  if (!bytes) throw new SourceError('unsupported', `The contents of ${clean} were not kept by this source.`);
  const { start, end } = byteRange(range, bytes.length);
  const result: FileBytes = { path: clean, bytes: bytes.slice(start, end), start, size: bytes.length };
  const mime = tree.mimeOf(clean);
  if (mime) result.mime = mime;
  return result;
}

/** The query object, or invalid-data when a caller passed none. */
export function query<T extends object>(q: T | undefined | null): T {
  if (!q || typeof q !== 'object') throw new SourceError('invalid-data', 'The request has no query object.');
  return q;
}

export function isMediaItem(m: unknown): m is MediaItem {
  const item = m as MediaItem | null;
  return (
    !!item &&
    typeof item === 'object' &&
    typeof item.key === 'string' &&
    typeof item.step === 'number' &&
    typeof item.url === 'string'
  );
}

/** A deep copy; values structuredClone refuses (functions…) fall back to their JSON form. */
export function clone<T>(v: T): T {
  try {
    return structuredClone(v);
  } catch {
    return JSON.parse(JSON.stringify(v)) as T;
  }
}

export function clampInt(v: unknown, lo: number, hi: number): number {
  const n = Math.floor(Number(v));
  if (!Number.isFinite(n)) return lo;
  return Math.min(hi, Math.max(lo, n));
}

export function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^\d+$/.test(String(cursor)))
    throw new SourceError('invalid-data', `Unknown page cursor ${JSON.stringify(cursor)}.`);
  return Number(cursor);
}

function byteRange(range: ByteRange | undefined, size: number): { start: number; end: number } {
  if (!range) return { start: 0, end: size };
  const start = Number(range.start ?? 0);
  const end = range.end === undefined || range.end === null ? Infinity : Number(range.end);
  if (!Number.isFinite(start) || start < 0 || Number.isNaN(end) || end < start) {
    throw new SourceError('invalid-data', `Unusable byte range ${JSON.stringify(range)}.`);
  }
  const from = Math.min(Math.floor(start), size);
  return { start: from, end: Math.max(from, Math.min(Math.floor(end), size)) };
}

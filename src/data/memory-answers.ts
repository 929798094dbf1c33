/**
 * The small pieces of MemorySource's answers: requests guarded into SourceErrors, query and path
 * checks, and deep copies (also used by memory-reads.ts, the answers loaded on first use).
 */
import type { Req } from './source.js';
import { SourceError, throwIfAborted, toSourceError } from './errors.js';

/** Runs `fn` as a request: rejects with `aborted` first when the signal fired, and maps errors to SourceError. */
export async function guard<T>(o: Req | undefined, fn: () => T | Promise<T>): Promise<T> {
  try {
    throwIfAborted(o?.signal);
    return await fn();
  } catch (e) {
    throw toSourceError(e);
  }
}

/** The query object, or invalid-data when a caller passed none. */
export function query<T extends object>(q: T | undefined | null): T {
  if (!q || typeof q !== 'object') throw new SourceError('invalid-data', 'The request has no query object.');
  return q;
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

/**
 * Splits a path into its segments, or returns undefined when it is not a safe relative path
 * (`..` or `.` segments, NUL characters). Leading, trailing and doubled slashes are ignored.
 */
export function pathSegments(path: string): string[] | undefined {
  if (typeof path !== 'string' || path.includes('\0')) return undefined;
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '') continue;
    if (p === '..' || p === '.') return undefined;
    parts.push(p);
  }
  return parts;
}

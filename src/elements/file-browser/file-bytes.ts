/** Byte-range answers from a source, checked before they are used, and what the bytes are. */
import type { FileBytes } from '../../data/source.js';
import { SourceError } from '../../data/errors.js';
import { guessMime } from '../../data/mime.js';

/**
 * `raw` as a FileBytes read from `start`: bytes must be a Uint8Array (else `invalid-data`); a
 * missing or impossible `size` becomes "ends here" when the source sent less than asked, so a
 * caller reading in ranges always stops.
 */
export function checkFileBytes(raw: unknown, path: string, start: number, asked: number): FileBytes {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<FileBytes>;
  if (!(r.bytes instanceof Uint8Array)) throw new SourceError('invalid-data', `The source sent no bytes for ${path}.`);
  const at = typeof r.start === 'number' && Number.isFinite(r.start) && r.start >= 0 ? r.start : start;
  const end = at + r.bytes.length;
  let size = typeof r.size === 'number' && Number.isFinite(r.size) && r.size >= end ? r.size : undefined;
  if (size === undefined) size = r.bytes.length < asked ? end : Math.max(end, start + asked + 1);
  const out: FileBytes = { path, bytes: r.bytes, start: at, size };
  if (typeof r.mime === 'string') out.mime = r.mime;
  return out;
}

/** Reads `[start, end)` of one file (answers already checked with `checkFileBytes`). */
export type RangeReader = (start: number, end: number) => Promise<FileBytes>;

export interface WholeFile {
  parts: Uint8Array[];
  size: number;
  mime?: string;
  /** False when the file was larger than the limit: `parts` is then empty. */
  complete: boolean;
}

/**
 * A whole file, read `chunk` bytes at a time. Stops as soon as the file turns out larger than
 * `limit` (`complete: false`, nothing more is read); `onProgress` hears bytes read and the size.
 */
export async function readWhole(
  read: RangeReader,
  options: { chunk: number; limit?: number; onProgress?: (read: number, size: number) => void },
): Promise<WholeFile> {
  const parts: Uint8Array[] = [];
  let start = 0;
  let size: number;
  let mime: string | undefined;
  for (;;) {
    const got = await read(start, start + options.chunk);
    size = got.size;
    mime ??= got.mime;
    if (options.limit !== undefined && got.size > options.limit) return { parts: [], size, mime, complete: false };
    parts.push(got.bytes);
    start += got.bytes.length;
    options.onProgress?.(start, got.size);
    if (start >= got.size || got.bytes.length === 0) break;
  }
  return { parts, size, mime, complete: true };
}

/** The parts as one array (no copy for a single part). */
export { joinBytes as joinParts } from '../../data/bytes.js';

/**
 * Whether bytes look like text: no NUL byte and few control characters in the sample (UTF-8
 * multi-byte sequences count as text).
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  }
  return control <= n * 0.02;
}

/**
 * MIME type for a download or Blob, from the entry's or the extension. Only media types are
 * guessed: anything else is `application/octet-stream`, so a Blob URL never renders as a page.
 */
export function mimeOf(name: string, mime?: string): string {
  if (mime) return mime;
  const guessed = guessMime(name);
  return guessed && /^(image|audio|video)\//.test(guessed) ? guessed : 'application/octet-stream';
}

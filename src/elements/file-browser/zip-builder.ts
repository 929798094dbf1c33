/**
 * Zips files from a source in the browser, streaming: each file is read in byte ranges and
 * pushed through fflate as it arrives, so memory holds the compressed output, not every input.
 * No DOM: the result is a Blob.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { ByteRange, FileBytes, FileEntry, FileListing, Page } from '../../data/source.js';
import { SourceError, throwIfAborted } from '../../data/errors.js';
import { extensionOf, previewKindOf } from './file-kind.js';
import { isClosedLink, readListingPage } from './listing.js';
import { checkFileBytes } from './file-bytes.js';

export interface ZipItem {
  /** Path inside the source. */
  path: string;
  /** Name inside the zip (`/`-separated); ends with `/` for an empty folder. */
  name: string;
  kind: 'file' | 'dir';
  size?: number;
  modified?: number;
}

export interface ZipProgress {
  /** Bytes read so far. */
  bytes: number;
  /** Bytes expected (sum of the listed sizes; grows when a size was unknown). */
  totalBytes: number;
  files: number;
  totalFiles: number;
}

export type ListFn = (dir: string, page: Page | undefined, signal: AbortSignal | undefined) => Promise<FileListing>;
export type ReadFn = (path: string, range: ByteRange, signal: AbortSignal | undefined) => Promise<FileBytes>;

/** Most folders visited while collecting, so a cyclic or endless listing cannot hang a download. */
const MAX_FOLDERS = 100_000;

/**
 * Every file under `entries` (folders walked through all their pages), named relative to `base`
 * (the folder the user is in). Empty folders are kept as folder entries.
 */
export async function collectZipItems(
  entries: readonly FileEntry[],
  base: string,
  list: ListFn,
  signal?: AbortSignal,
): Promise<ZipItem[]> {
  const items: ZipItem[] = [];
  const prefix = base ? `${base}/` : '';
  const nameOf = (path: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : path);
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const e of entries) {
    // a link out of the run or to nothing has no contents to zip
    if (isClosedLink(e)) continue;
    if (e.kind === 'dir') queue.push(e.path);
    else items.push({ path: e.path, name: nameOf(e.path), kind: 'file', size: e.size, modified: e.modified });
  }
  while (queue.length) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    if (seen.size > MAX_FOLDERS) throw new SourceError('invalid-data', 'Too many folders to zip.');
    let cursor: string | undefined;
    let count = 0;
    do {
      throwIfAborted(signal);
      const listing = readListingPage(await list(dir, cursor === undefined ? undefined : { cursor }, signal), cursor);
      for (const e of listing.entries) {
        count++;
        if (isClosedLink(e)) continue;
        if (e.kind === 'dir') queue.push(e.path);
        else items.push({ path: e.path, name: nameOf(e.path), kind: 'file', size: e.size, modified: e.modified });
      }
      cursor = listing.next;
    } while (cursor !== undefined);
    if (count === 0) items.push({ path: dir, name: `${nameOf(dir)}/`, kind: 'dir' });
  }
  return items;
}

// Already-compressed formats are stored as they are; deflating them costs time and saves nothing.
const STORED = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'avif',
  'mp3',
  'mp4',
  'webm',
  'ogg',
  'zip',
  'gz',
  'tgz',
  'bz2',
  'xz',
  'zst',
  '7z',
  'safetensors',
  'pt',
  'pth',
  'ckpt',
  'npz',
]);

function isStored(name: string): boolean {
  const ext = extensionOf(name);
  return STORED.has(ext) || previewKindOf(name) === 'video' || previewKindOf(name) === 'audio';
}

/** Zip times must lie in 1980–2099; anything else gets no time (fflate then uses now). */
function zipTime(ms: number | undefined): number | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  const year = new Date(ms).getFullYear();
  return year >= 1980 && year <= 2099 ? ms : undefined;
}

export interface BuildZipOptions {
  signal?: AbortSignal;
  onProgress?: (p: ZipProgress) => void;
  /** Bytes per read. Default 1 MiB. */
  chunkSize?: number;
}

/** Reads every item through `read` in ranges and returns the zip. Rejects with `aborted` when cancelled. */
export async function buildZip(items: readonly ZipItem[], read: ReadFn, options: BuildZipOptions = {}): Promise<Blob> {
  const { signal, onProgress } = options;
  const chunkSize = Math.max(1024, Math.floor(options.chunkSize ?? 1 << 20));
  const out: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else out.push(chunk);
  });
  const progress: ZipProgress = {
    bytes: 0,
    totalBytes: items.reduce((sum, it) => sum + (it.size ?? 0), 0),
    files: 0,
    totalFiles: items.filter((it) => it.kind === 'file').length,
  };
  onProgress?.({ ...progress });
  try {
    for (const item of items) {
      throwIfAborted(signal);
      const mtime = zipTime(item.modified);
      if (item.kind === 'dir') {
        const dir = new ZipPassThrough(item.name);
        if (mtime !== undefined) dir.mtime = mtime;
        zip.add(dir);
        dir.push(new Uint8Array(0), true);
        continue;
      }
      const file = isStored(item.name) ? new ZipPassThrough(item.name) : new ZipDeflate(item.name, { level: 6 });
      if (mtime !== undefined) file.mtime = mtime;
      zip.add(file);
      let start = 0;
      let size = item.size;
      for (;;) {
        throwIfAborted(signal);
        const got = checkFileBytes(
          await read(item.path, { start, end: start + chunkSize }, signal),
          item.path,
          start,
          chunkSize,
        );
        if (size === undefined || got.size !== size) {
          progress.totalBytes += got.size - (size ?? 0);
          size = got.size;
        }
        start += got.bytes.length;
        progress.bytes += got.bytes.length;
        const last = start >= size || got.bytes.length === 0;
        file.push(got.bytes, last);
        onProgress?.({ ...progress });
        if (failure) throw failure;
        if (last) break;
      }
      progress.files++;
      onProgress?.({ ...progress });
    }
    zip.end();
    if (failure) throw failure;
  } catch (e) {
    zip.terminate();
    throw e;
  }
  return new Blob(out as BlobPart[], { type: 'application/zip' });
}

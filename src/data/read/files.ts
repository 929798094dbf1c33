/** Readers of file listings and entries (a file's bytes: later/on-demand.ts, read when one is opened). */
import type { FileEntry, FileListing } from '../source.js';
import type { Repairs } from './repairs.js';
import { isObj, MAX_TIME_MS, put, readList, readNumber, readString } from './values.js';
import { answerReader } from './answer.js';
import { repairPaths } from './repair-slot.js';

const isCount = (v: unknown) => v === undefined || (typeof v === 'number' && v >= 0 && v < Infinity);

/**
 * True when `v` is an entry as the contract has it: the common case, checked without a copy
 * (a listing of 100,000 entries must cost a scan, not 100,000 new objects).
 */
function isWellFormedEntry(v: unknown): v is FileEntry {
  if (!isObj(v)) return false;
  const { path, name, kind, size, modified, mime, count, link, contents } = v;
  return (
    typeof path === 'string' &&
    path !== '' &&
    typeof name === 'string' &&
    (kind === 'file' || kind === 'dir') &&
    isCount(size) &&
    (modified === undefined || (typeof modified === 'number' && Math.abs(modified) <= MAX_TIME_MS)) &&
    (mime === undefined || typeof mime === 'string') &&
    (count === undefined || (isCount(count) && Number.isInteger(count))) &&
    (contents === undefined || contents === false) &&
    (link === undefined ||
      (isObj(link) &&
        (link.to === 'inside' || link.to === 'outside' || link.to === 'nothing') &&
        (link.target === undefined || (typeof link.target === 'string' && link.to !== 'outside'))))
  );
}

/** An entry; one that is not already an entry is read by later/repairing.ts (its path made from `dir` and its name when it has none). */
export function readFileEntry(v: unknown, r: Repairs, dir = '', what = 'file entries'): FileEntry | undefined {
  if (isWellFormedEntry(v)) return v;
  return repairPaths().repairFileEntry(v, r, dir, what);
}

/** Entries of a list, leaving out what cannot be read; a list of well-formed entries is used as it is. */
export function readFileEntries(v: unknown, r: Repairs, dir = '', what = 'file entries'): FileEntry[] {
  if (Array.isArray(v) && v.every(isWellFormedEntry)) return v;
  const out: FileEntry[] = [];
  for (const item of readList(v, r, `${what} lists`)) {
    const e = readFileEntry(item, r, dir, what);
    if (e) out.push(e);
  }
  return out;
}

export function readFileListing(v: unknown, r: Repairs, askedDir: string): FileListing | undefined {
  if (!isObj(v)) return undefined;
  const dir = readString(v.dir, r, 'listing folders') ?? askedDir;
  const listing: FileListing = { dir, entries: readFileEntries(v.entries, r, dir) };
  put(listing, 'total', readNumber(v.total, r, 'listing totals', { min: 0, int: true }));
  put(listing, 'next', readString(v.next, r, 'listing cursors') || undefined);
  return listing;
}

/** How checked-source.ts reads the answers of this method. */
export const readAnswer = answerReader({ listFiles: (v, r, [, dir]) => readFileListing(v, r, dir) });

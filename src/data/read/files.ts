/** Readers of file listings and entries (a file's bytes: later/on-demand.ts, read when one is opened). */
import type { FileEntry, FileKind, FileLink, FileListing } from '../source.js';
import { COUNT, putFields, type Fields } from './fields.js';
import type { Repairs } from './repairs.js';
import { isObj, isObjOrDropped, MAX_TIME_MS, put, readList, readNumber, readOneOf, readString } from './values.js';
import { answerReader } from './answer.js';

const KINDS: readonly FileKind[] = ['file', 'dir'];
const LINK_TO: readonly FileLink['to'][] = ['inside', 'outside', 'nothing'];
const ENTRY_FIELDS: Fields<FileEntry> = {
  size: ['number', 'sizes', { min: 0 }],
  modified: ['time', 'times'],
  mime: ['string', 'types'],
  count: ['number', 'counts', COUNT],
};

/** Where a symbolic link leads; a link whose kind is unknown is one that is not followed. */
function readLink(v: unknown, r: Repairs, what: string): FileLink | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    r.dropped(`${what}: links`);
    return undefined;
  }
  const link: FileLink = { to: readOneOf(v.to, LINK_TO, r, `${what}: links`, 'nothing')! };
  // where an outside link leads is never said, even when a source says it
  if (link.to !== 'outside') put(link, 'target', readString(v.target, r, `${what}: link targets`));
  return link;
}

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
        LINK_TO.includes(link.to as FileLink['to']) &&
        (link.target === undefined || (typeof link.target === 'string' && link.to !== 'outside'))))
  );
}

/** An entry; its path is made from `dir` and its name when it has none. */
export function readFileEntry(v: unknown, r: Repairs, dir = '', what = 'file entries'): FileEntry | undefined {
  if (isWellFormedEntry(v)) return v;
  if (!isObjOrDropped(v, r, what)) return undefined;
  let path = readString(v.path, r, `${what}: paths`);
  let name = readString(v.name, r, `${what}: names`);
  if (path === undefined && name !== undefined) {
    path = dir ? `${dir.replace(/\/+$/, '')}/${name}` : name;
    r.converted(`${what} without a path`);
  }
  if (path === undefined || path === '') {
    r.dropped(`${what} without a path or name`);
    return undefined;
  }
  if (name === undefined) {
    name = path.replace(/\/+$/, '').split('/').pop() || path;
    r.converted(`${what} without a name`);
  }
  const entry: FileEntry = { path, name, kind: readOneOf(v.kind, KINDS, r, `${what}: kinds`, 'file')! };
  putFields(entry, v, r, ENTRY_FIELDS, `${what}: `);
  put(entry, 'link', readLink(v.link, r, what));
  if (v.contents === false) entry.contents = false;
  return entry;
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

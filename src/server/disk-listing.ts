/**
 * `listFiles` for runs on disk, read from the folder at request time (so a live run's new files
 * show up), paged and ordered like MemorySource: by name, `count` on folders, cursor = offset.
 * Links out of the folder or to nothing are leaves (`inode/symlink`), never followed; links inside
 * are listed as their target. Every link carries `link` (where it leads; see `FileLink`).
 */
import type { FileEntry, FileLink, FileListing, Page } from '../data/source.js';
import { SourceError } from '../data/errors.js';
import { guessMime } from '../data/mime.js';
import { joinPath, type FolderEntry } from '../formats/common/run-folder.js';

type ListedEntry = FolderEntry & { link?: FileLink };

export interface ListableFolder {
  list(dir: string): Promise<ListedEntry[]>;
}

const PAGE_SIZE = 1000;

export async function listDiskFiles(folder: ListableFolder, dir: string, page?: Page): Promise<FileListing> {
  const clean =
    typeof dir === 'string'
      ? dir
          .split('/')
          .filter((p) => p !== '')
          .join('/')
      : '';
  let entries: ListedEntry[];
  try {
    entries = await folder.list(clean);
  } catch (e) {
    // A run without the folder at all (MLflow runs without artifacts) has an empty root.
    if (clean === '' && (e as SourceError)?.code === 'not-found') return { dir: '', entries: [], total: 0 };
    throw e;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const offset = parseCursor(page?.cursor);
  const limitRaw = page?.limit === undefined ? PAGE_SIZE : Math.floor(Number(page.limit));
  const limit = Number.isFinite(limitRaw) && limitRaw > 0 ? limitRaw : PAGE_SIZE;
  const slice = entries.slice(offset, offset + limit);
  const out: FileEntry[] = [];
  for (const e of slice) {
    const path = joinPath(clean, e.name);
    if (e.kind === 'dir') {
      const entry: FileEntry = { path, name: e.name, kind: 'dir' };
      if (e.modified !== undefined) entry.modified = e.modified;
      if (e.link) entry.link = e.link;
      const count = await folder.list(path).then(
        (inner) => inner.length,
        () => undefined,
      );
      if (count !== undefined) entry.count = count;
      out.push(entry);
      continue;
    }
    const entry: FileEntry = { path, name: e.name, kind: 'file' };
    if (e.size !== undefined) entry.size = e.size;
    if (e.modified !== undefined) entry.modified = e.modified;
    const mime = e.kind === 'link' ? 'inode/symlink' : guessMime(path);
    if (mime) entry.mime = mime;
    if (e.link) entry.link = e.link;
    out.push(entry);
  }
  const listing: FileListing = { dir: clean, entries: out, total: entries.length };
  if (offset + limit < entries.length) listing.next = String(offset + limit);
  return listing;
}

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^\d+$/.test(String(cursor)))
    throw new SourceError('invalid-data', `Unknown page cursor ${JSON.stringify(cursor)}.`);
  return Number(cursor);
}

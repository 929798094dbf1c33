/** Sorting and filtering of one folder's entries (pure; no DOM). */
import type { FileEntry } from '../../data/source.js';

export type SortKey = 'name' | 'size' | 'modified';
export type SortDirection = 'asc' | 'desc';
export const SORT_KEYS: readonly SortKey[] = ['name', 'size', 'modified'];

export interface SortSpec {
  key: SortKey;
  direction: SortDirection;
}

// Natural order (file2 before file10), case-insensitive, the way people expect names sorted.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Folders first, then files, each group ordered by `sort`. Entries without the sorted value (no
 * size, no date) go last in either direction; ties fall back to the name.
 */
export function sortEntries(entries: readonly FileEntry[], sort: SortSpec): FileEntry[] {
  const sign = sort.direction === 'desc' ? -1 : 1;
  const byName = (a: FileEntry, b: FileEntry) =>
    collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const value = (e: FileEntry): number | undefined => {
    const v = sort.key === 'size' ? (e.kind === 'dir' ? e.count : e.size) : e.modified;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const compare = (a: FileEntry, b: FileEntry): number => {
    if (a.kind !== b.kind) return a.kind === 'dir' ? -1 : 1;
    if (sort.key === 'name') return sign * byName(a, b);
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
      return byName(a, b);
    }
    return sign * (va - vb) || byName(a, b);
  };
  return [...entries].sort(compare);
}

const GLOB_CHARS = /[*?[]/;

/**
 * A test for names matching what the user typed: a glob when it has `*`, `?` or `[…]` (whole name,
 * case-insensitive), otherwise a case-insensitive substring. Empty text matches everything.
 */
export function nameMatcher(text: string): (name: string) => boolean {
  const query = text.trim();
  if (!query) return () => true;
  if (GLOB_CHARS.test(query)) {
    const re = globToRegExp(query);
    return (name) => re.test(name);
  }
  const lower = query.toLowerCase();
  return (name) => name.toLowerCase().includes(lower);
}

/** `*.py`, `ckpt-??.pt`, `[ab]*` as a whole-name, case-insensitive regular expression. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`^${out}$`, 'is');
  } catch {
    // An odd class such as [z-a]: match the text literally rather than fail.
    return new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'is');
  }
}

/** The parent folder of a path ('' for the root and for top-level entries). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Breadcrumb trail of a folder: the root, then each folder down to `dir`. */
export function crumbsOf(dir: string): { name: string; path: string }[] {
  const parts = dir.split('/').filter(Boolean);
  return parts.map((name, i) => ({ name, path: parts.slice(0, i + 1).join('/') }));
}

/** A path from a user or the URL, made relative and clean; undefined when it tries to climb out (`..`). */
export function cleanPath(path: string): string | undefined {
  if (typeof path !== 'string' || path.includes('\0')) return undefined;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return undefined;
  return parts.join('/');
}

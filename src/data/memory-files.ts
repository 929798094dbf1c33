/**
 * The file tree of one in-memory run, built from a flat list of paths. Folders are implied by the
 * paths of the files inside them; a path ending in `/` names an empty folder.
 */
import type { FileEntry } from './source.js';
import { guessMime } from './mime.js';
import { pathSegments } from './memory-answers.js';
import { base64ToBytes } from './base64.js';

export { pathSegments } from './memory-answers.js';

export interface MemoryFile {
  /** Path from the run root, `/`-separated; a path ending in `/` is an (empty) folder. */
  path: string;
  /** Contents; strings are read as UTF-8. Without bytes the file is listed but cannot be read. */
  bytes?: Uint8Array | string;
  /** Size in bytes when `bytes` are not given (or to list a size other than the bytes held). */
  size?: number;
  /** Epoch ms */
  modified?: number;
  mime?: string;
  /** Where the file can be fetched (for <img> and downloads). */
  url?: string;
}

/**
 * A file as a `.runpage.json` bundle gives it: its `base64` contents are decoded when the file tree
 * is built (`decodedFile`), so a page that never reads files never loads the decoder.
 */
export type BundleFile = MemoryFile & { base64?: string };

/** `f` with its base64 contents decoded; contents that are not base64 are left out and named in `warnings`. */
export function decodedFile(f: BundleFile, warnings: string[]): MemoryFile {
  if (!f || f.bytes !== undefined || typeof f.base64 !== 'string') return f;
  const { base64, ...file } = f;
  try {
    file.bytes = base64ToBytes(base64.replace(/\s+/g, ''));
  } catch {
    warnings.push(`The contents of ${JSON.stringify(f.path)} are not base64; the file is listed without them`);
  }
  return file;
}

interface Dir {
  entries: FileEntry[];
  /** This folder's entry in its parent (absent for the root), to keep its `count` current. */
  self?: FileEntry;
}

const byName = (a: FileEntry, b: FileEntry): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;

export class FileTree {
  private readonly files = new Map<string, MemoryFile>();
  private readonly fileEntries = new Map<string, FileEntry>();
  private readonly dirs = new Map<string, Dir>();
  private readonly encoded = new Map<string, Uint8Array>();
  /** False while the constructor bulk-loads (push, then sort once); true for live updates (sorted insert). */
  private sorted = false;
  readonly warnings: string[] = [];

  constructor(files: readonly MemoryFile[] | undefined) {
    this.dirs.set('', { entries: [] });
    for (const file of files ?? []) this.add(file, false);
    for (const dir of this.dirs.values()) {
      dir.entries.sort(byName);
      if (dir.self) dir.self.count = dir.entries.length;
    }
    this.sorted = true;
  }

  /** True when the tree holds no file or folder at all. */
  get empty(): boolean {
    return this.dirs.get('')!.entries.length === 0;
  }

  /**
   * Adds files after construction (a live run writing files); a file at an existing path replaces it
   * (a growing log). Returns whether anything changed.
   */
  update(files: readonly MemoryFile[]): boolean {
    let changed = false;
    for (const file of files) changed = this.add(file, true) || changed;
    return changed;
  }

  private add(given: BundleFile, replace: boolean): boolean {
    const file = decodedFile(given, this.warnings);
    const raw = file && typeof file.path === 'string' ? file.path : undefined;
    const parts = raw === undefined ? undefined : pathSegments(raw);
    if (!parts || parts.length === 0) {
      this.warnings.push(`Skipped a file with an unusable path: ${JSON.stringify(raw ?? null)}`);
      return false;
    }
    const isDir = raw!.endsWith('/');
    const path = parts.join('/');
    const slash = path.lastIndexOf('/');
    const parentPath = isDir ? path : slash < 0 ? '' : path.slice(0, slash);
    let changed = false;
    if (!this.dirs.has(parentPath)) {
      // Create the missing ancestors, outermost first.
      for (let at = path.indexOf('/'); at >= 0 && at <= parentPath.length; at = path.indexOf('/', at + 1)) {
        changed = this.ensureDir(path.slice(0, at)) || changed;
      }
      if (parentPath !== '') changed = this.ensureDir(parentPath) || changed;
    }
    if (isDir) return changed;
    const existing = this.fileEntries.get(path);
    if (existing && !replace) {
      this.warnings.push(`Skipped a second entry for ${path}`);
      return changed;
    }
    if (!existing && this.dirs.has(path)) this.warnings.push(`${path} is both a file and a folder; both are listed`);
    this.files.set(path, file);
    this.encoded.delete(path);
    const entry: FileEntry = { path, name: parts[parts.length - 1], kind: 'file' };
    const size = this.sizeOf(file, path);
    if (size !== undefined) entry.size = size;
    if (typeof file.modified === 'number' && Number.isFinite(file.modified)) entry.modified = file.modified;
    const mime = typeof file.mime === 'string' ? file.mime : guessMime(path);
    if (mime) entry.mime = mime;
    if (file.bytes === undefined && !file.url) entry.contents = false;
    // A file's entry is replaced, never changed: frozen, a listing hands it out without a copy.
    Object.freeze(entry);
    this.fileEntries.set(path, entry);
    const parent = this.dirs.get(parentPath)!;
    if (existing) parent.entries[this.indexOf(parent, existing)] = entry;
    else this.insert(parent, entry);
    return true;
  }

  private ensureDir(path: string): boolean {
    if (this.dirs.has(path)) return false;
    if (this.fileEntries.has(path)) this.warnings.push(`${path} is both a file and a folder; both are listed`);
    const slash = path.lastIndexOf('/');
    const parent = this.dirs.get(slash < 0 ? '' : path.slice(0, slash))!;
    const self: FileEntry = { path, name: slash < 0 ? path : path.slice(slash + 1), kind: 'dir', count: 0 };
    this.dirs.set(path, { entries: [], self });
    this.insert(parent, self);
    return true;
  }

  private insert(dir: Dir, entry: FileEntry): void {
    if (!this.sorted) {
      dir.entries.push(entry);
      return;
    }
    dir.entries.splice(this.indexOf(dir, entry), 0, entry);
    if (dir.self) dir.self.count = dir.entries.length;
  }

  /** Where `entry` is, or would go, in a sorted folder. */
  private indexOf(dir: Dir, entry: FileEntry): number {
    let lo = 0;
    let hi = dir.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byName(dir.entries[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private sizeOf(file: MemoryFile, path: string): number | undefined {
    if (typeof file.size === 'number' && Number.isFinite(file.size) && file.size >= 0) return file.size;
    if (file.bytes instanceof Uint8Array) return file.bytes.length;
    if (typeof file.bytes === 'string') return this.bytesAt(path, file)!.length;
    return undefined;
  }

  /** Entries directly inside `dir` ('' is the root), or undefined when there is no such folder. */
  list(dir: string): readonly FileEntry[] | undefined {
    return this.dirs.get(dir)?.entries;
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  mimeOf(path: string): string | undefined {
    return this.fileEntries.get(path)?.mime;
  }

  get(path: string): MemoryFile | undefined {
    return this.files.get(path);
  }

  /** The contents of the file at `path` as bytes (strings encoded UTF-8 once and kept), or undefined when not held. */
  bytesAt(path: string, file = this.files.get(path)): Uint8Array | undefined {
    if (!file) return undefined;
    if (file.bytes instanceof Uint8Array) return file.bytes;
    if (typeof file.bytes !== 'string') return undefined;
    let bytes = this.encoded.get(path);
    if (!bytes) {
      bytes = new TextEncoder().encode(file.bytes);
      this.encoded.set(path, bytes);
    }
    return bytes;
  }
}

/**
 * The file tree of one in-memory run, built from a flat list of paths. Folders are implied by the
 * paths of the files inside them; a path ending in `/` names an empty folder.
 */
import type { FileEntry } from './source.js';
import { guessMime } from './mime.js';

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
 * Splits a path into its segments, or returns undefined when it is not a safe relative path
 * (`..` or `.` segments, NUL characters). Leading, trailing and doubled slashes are ignored.
 */
export function pathSegments(path: string): string[] | undefined {
  if (typeof path !== 'string' || path.includes('\0')) return undefined;
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.')) return undefined;
  return parts;
}

interface Dir {
  entries: FileEntry[];
}

export class FileTree {
  private readonly files = new Map<string, MemoryFile>();
  private readonly dirs = new Map<string, Dir>();
  private encoded = new Map<string, Uint8Array>();
  readonly warnings: string[] = [];

  constructor(files: readonly MemoryFile[] | undefined) {
    this.dirs.set('', { entries: [] });
    for (const file of files ?? []) this.add(file);
    for (const dir of this.dirs.values()) {
      dir.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of dir.entries) if (e.kind === 'dir') e.count = this.dirs.get(e.path)?.entries.length ?? 0;
    }
  }

  private add(file: MemoryFile): void {
    const raw = file && typeof file.path === 'string' ? file.path : undefined;
    const parts = raw === undefined ? undefined : pathSegments(raw);
    if (!parts || parts.length === 0) {
      this.warnings.push(`Skipped a file with an unusable path: ${JSON.stringify(raw ?? null)}`);
      return;
    }
    const isDir = raw!.endsWith('/');
    const path = parts.join('/');
    const parentParts = isDir ? parts : parts.slice(0, -1);
    for (let i = 1; i <= parentParts.length; i++) this.ensureDir(parentParts.slice(0, i).join('/'));
    if (isDir) return;
    if (this.files.has(path)) {
      this.warnings.push(`Skipped a second entry for ${path}`);
      return;
    }
    if (this.dirs.has(path)) this.warnings.push(`${path} is both a file and a folder; both are listed`);
    const parent = this.dirs.get(parts.slice(0, -1).join('/'))!;
    this.files.set(path, file);
    const entry: FileEntry = { path, name: parts[parts.length - 1], kind: 'file' };
    const size = this.sizeOf(file);
    if (size !== undefined) entry.size = size;
    if (typeof file.modified === 'number' && Number.isFinite(file.modified)) entry.modified = file.modified;
    const mime = typeof file.mime === 'string' ? file.mime : guessMime(path);
    if (mime) entry.mime = mime;
    parent.entries.push(entry);
  }

  private ensureDir(path: string): void {
    if (this.dirs.has(path)) return;
    if (this.files.has(path)) this.warnings.push(`${path} is both a file and a folder; both are listed`);
    this.dirs.set(path, { entries: [] });
    const slash = path.lastIndexOf('/');
    const parent = this.dirs.get(slash < 0 ? '' : path.slice(0, slash))!;
    const name = slash < 0 ? path : path.slice(slash + 1);
    parent.entries.push({ path, name, kind: 'dir' });
  }

  private sizeOf(file: MemoryFile): number | undefined {
    if (typeof file.size === 'number' && Number.isFinite(file.size) && file.size >= 0) return file.size;
    if (file.bytes instanceof Uint8Array) return file.bytes.length;
    if (typeof file.bytes === 'string') return this.bytesOf(file)!.length;
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
    const file = this.files.get(path);
    if (!file) return undefined;
    return typeof file.mime === 'string' ? file.mime : guessMime(path);
  }

  get(path: string): MemoryFile | undefined {
    return this.files.get(path);
  }

  /** The contents as bytes (strings encoded UTF-8 once and kept), or undefined when not held. */
  bytesOf(file: MemoryFile): Uint8Array | undefined {
    if (file.bytes instanceof Uint8Array) return file.bytes;
    if (typeof file.bytes !== 'string') return undefined;
    let bytes = this.encoded.get(file.path);
    if (!bytes) {
      bytes = new TextEncoder().encode(file.bytes);
      this.encoded.set(file.path, bytes);
    }
    return bytes;
  }
}

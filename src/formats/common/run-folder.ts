/**
 * The file-system access the readers need, as a small interface so the parsers stay free of
 * Node APIs. `src/server/node-folder.ts` implements it over a directory; a browser can implement
 * it over a dropped folder.
 *
 * Paths are relative to the folder's root, `/`-separated, without a leading slash; `''` is the
 * root itself. Implementations must refuse `..`, absolute paths and symlinks leading out of the
 * root (list them as `link`, never follow them).
 */

import type { FileLink } from '../../data/source.js';

export type FolderEntryKind = 'file' | 'dir' | 'link';

export interface FolderEntry {
  name: string;
  /** `link`: a symbolic link that is not followed (it leads out of the root or nowhere). */
  kind: FolderEntryKind;
  size?: number;
  /** Epoch ms */
  modified?: number;
  /**
   * Set on a symbolic link: where it leads. A link inside the folder is listed as its target's
   * kind and carries the target's path, so a walk can tell two paths to one folder apart
   * (`walkFolder` follows each folder once).
   */
  link?: FileLink;
}

export interface RunFolder {
  /** Entries directly inside `dir`. Rejects when `dir` does not exist or is not allowed. */
  list(dir: string): Promise<FolderEntry[]>;
  /** The whole file. */
  read(path: string): Promise<Uint8Array>;
  /**
   * The file in chunks, from byte `start` (default 0); preferred for large files. `end`
   * (exclusive) is a hint for a caller that needs no more: a folder may yield past it.
   */
  stream?(path: string, start?: number, end?: number): AsyncIterable<Uint8Array>;
}

/** `a/b` + `c` → `a/b/c`; `''` + `c` → `c`. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * A `RunFolder` over a directory on disk (Node only).
 *
 * Safety: paths are relative to the root; `..` segments, absolute paths and NUL characters are
 * refused, and every path is resolved with `realpath` and must stay inside the root's real path,
 * so a symlink leading out of the folder (or dangling) is listed as `link` and never followed.
 */

import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { SourceError } from '../data/errors.js';
import type { FolderEntry, RunFolder } from '../formats/wandb/run-folder.js';

export interface NodeFolder extends RunFolder {
  /** The absolute path of the root as given. */
  readonly root: string;
  /** The file in chunks from byte `start` (default 0) up to `end` (exclusive; default: the end). */
  stream(path: string, start?: number, end?: number): AsyncIterable<Uint8Array>;
  /** Size and modification time of a file (links leading out are refused like everywhere else). */
  stat(path: string): Promise<{ size: number; modified: number }>;
}

/** Splits a relative path into segments, or throws when it is not a safe relative path. */
export function safeSegments(path: string): string[] {
  if (typeof path !== 'string' || path.includes('\0')) throw refused(path);
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) throw refused(path);
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) throw refused(path);
  return parts;
}

function refused(path: unknown): SourceError {
  return new SourceError(
    'invalid-data',
    `Refused path ${JSON.stringify(path)}: only paths inside the run folder are allowed`,
  );
}

function notFound(path: string): SourceError {
  return new SourceError('not-found', `No such file or folder: ${path || '(root)'}`);
}

export function createNodeFolder(root: string): NodeFolder {
  const absRoot = nodePath.resolve(root);
  let realRoot: Promise<string> | undefined;
  const getRealRoot = () =>
    (realRoot ??= realpath(absRoot).catch(() => {
      realRoot = undefined;
      throw notFound('');
    }));

  const inside = (real: string, base: string) => {
    const rel = nodePath.relative(base, real);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${nodePath.sep}`) && !nodePath.isAbsolute(rel));
  };

  /** The real path of `path`, checked to be inside the root; throws otherwise. */
  async function resolve(path: string): Promise<string> {
    const segments = safeSegments(path);
    const base = await getRealRoot();
    let real: string;
    try {
      real = await realpath(nodePath.join(base, ...segments));
    } catch {
      throw notFound(path);
    }
    if (!inside(real, base)) throw refused(path);
    return real;
  }

  async function list(dir: string): Promise<FolderEntry[]> {
    const real = await resolve(dir);
    const base = await getRealRoot();
    let dirents;
    try {
      dirents = await readdir(real, { withFileTypes: true });
    } catch {
      throw notFound(dir);
    }
    const out: FolderEntry[] = [];
    for (const d of dirents) {
      const full = nodePath.join(real, d.name);
      try {
        if (d.isSymbolicLink()) {
          let target: string | undefined;
          try {
            target = await realpath(full);
          } catch {
            target = undefined;
          }
          if (target === undefined || !inside(target, base)) {
            const l = await lstat(full);
            out.push({ name: d.name, kind: 'link', modified: l.mtimeMs });
            continue;
          }
          const s = await stat(target);
          out.push(
            s.isDirectory()
              ? { name: d.name, kind: 'dir', modified: s.mtimeMs }
              : { name: d.name, kind: 'file', size: s.size, modified: s.mtimeMs },
          );
        } else if (d.isDirectory()) {
          const s = await lstat(full);
          out.push({ name: d.name, kind: 'dir', modified: s.mtimeMs });
        } else if (d.isFile()) {
          const s = await lstat(full);
          out.push({ name: d.name, kind: 'file', size: s.size, modified: s.mtimeMs });
        }
        // sockets, FIFOs and devices are not run files: left out.
      } catch {
        // The entry vanished while listing (a live run rotating a file): skip it.
      }
    }
    return out;
  }

  async function fileOf(path: string): Promise<string> {
    const real = await resolve(path);
    const s = await stat(real);
    if (!s.isFile()) throw new SourceError('not-found', `Not a file: ${path}`);
    return real;
  }

  return {
    root: absRoot,
    list,
    async read(path) {
      const real = await fileOf(path);
      const b = await readFile(real);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    },
    async stat(path) {
      const s = await stat(await fileOf(path));
      return { size: s.size, modified: s.mtimeMs };
    },
    stream(path, start = 0, end?: number) {
      return (async function* () {
        const real = await fileOf(path);
        if (end !== undefined && end <= start) return;
        const s = createReadStream(real, {
          start,
          end: end === undefined ? undefined : end - 1,
          highWaterMark: 256 * 1024,
        });
        for await (const chunk of s) {
          const b = chunk as Buffer;
          yield new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
        }
      })();
    },
  };
}

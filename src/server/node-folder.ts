/**
 * A `RunFolder` over a directory on disk (Node only).
 *
 * Safety: paths are relative to the root; `..` segments, absolute paths and NUL characters are
 * refused, and every path is resolved with `realpath` and must stay inside the root's real path,
 * so a symlink leading out of the folder (or dangling) is listed as `link` and never followed.
 *
 * Links say where they lead (`DiskEntry.link`): inside the folder (followed, with the target's
 * run path), outside it (never followed; where is never said, nor whether it exists there) or to
 * nothing (a dangling link, with its target when that is inside). Reading a link out of the
 * folder is refused (`invalid-data`, 400), reading a link to nothing is `not-found` (404).
 */

import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir, readlink, realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { SourceError } from '../data/errors.js';
import type { FileLink } from '../data/source.js';
import type { FolderEntry, RunFolder } from '../formats/common/run-folder.js';

/** A listed entry; a symbolic link also says where it leads. */
export interface DiskEntry extends FolderEntry {
  link?: FileLink;
}

export interface NodeFolder extends RunFolder {
  /** The absolute path of the root as given. */
  readonly root: string;
  list(dir: string): Promise<DiskEntry[]>;
  /** The file in chunks from byte `start` (default 0) up to `end` (exclusive; default: the end). */
  stream(path: string, start?: number, end?: number): AsyncIterable<Uint8Array>;
  /** Size and modification time of a file (links leading out are refused like everywhere else). */
  stat(path: string): Promise<{ size: number; modified: number }>;
  /** The real path of a file inside the folder, for reading it by other means (links out refused). */
  realFile(path: string): Promise<string>;
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

function linkedOut(path: string, link: string): SourceError {
  return new SourceError(
    'invalid-data',
    `${link === path ? path : `${path}: ${link}`} is a link out of the run folder; links out of it are never followed`,
  );
}

function linkToNothing(path: string, link: string, target: string | undefined): SourceError {
  const what = target ? `its target ${target} does not exist` : 'its target does not exist';
  return new SourceError('not-found', `${link === path ? path : `${path}: ${link}`} is a link to nothing (${what})`);
}

/** Run path (`/`-separated) of an absolute path inside `base`. */
function runPath(abs: string, base: string): string {
  return nodePath.relative(base, abs).split(nodePath.sep).join('/');
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
      throw await unresolvable(path, segments, base);
    }
    // Without `..` segments, only a link leads out.
    if (!inside(real, base)) throw linkedOut(path, path);
    return real;
  }

  /**
   * Whether the deepest existing ancestor of `abs` is inside the root (a dangling link whose text
   * points through a link out of the folder is out of it too).
   */
  async function existingPartInside(abs: string, base: string): Promise<boolean> {
    for (let p = abs; ; p = nodePath.dirname(p)) {
      try {
        return inside(await realpath(p), base);
      } catch {
        if (nodePath.dirname(p) === p) return false;
      }
    }
  }

  /** Where the link at `full` (a real path inside the root) leads. */
  async function describeLink(full: string, base: string): Promise<{ link: FileLink; real?: string }> {
    let real: string | undefined;
    try {
      real = await realpath(full);
    } catch {
      real = undefined;
    }
    if (real !== undefined)
      return inside(real, base)
        ? { link: { to: 'inside', target: runPath(real, base) }, real }
        : { link: { to: 'outside' } };
    // Dangling, or a loop: the text of the link says where it meant to go.
    let text: string;
    try {
      text = await readlink(full);
    } catch {
      return { link: { to: 'nothing' } };
    }
    const meant = nodePath.resolve(nodePath.dirname(full), text);
    const within = inside(meant, base) ? base : inside(meant, absRoot) ? absRoot : undefined;
    if (within === undefined || !(await existingPartInside(meant, base))) return { link: { to: 'outside' } };
    const target = runPath(meant, within);
    return { link: target ? { to: 'nothing', target } : { to: 'nothing' } };
  }

  /** Why `path` does not resolve: a link on the way leads out (refused) or to nothing, or nothing is there. */
  async function unresolvable(path: string, segments: string[], base: string): Promise<SourceError> {
    let current = base;
    for (let i = 0; i < segments.length; i++) {
      const next = nodePath.join(current, segments[i]);
      let isLink: boolean;
      try {
        isLink = (await lstat(next)).isSymbolicLink();
      } catch {
        return notFound(path);
      }
      if (!isLink) {
        current = next;
        continue;
      }
      const linkPath = segments.slice(0, i + 1).join('/');
      const { link, real } = await describeLink(next, base);
      if (link.to === 'outside') return linkedOut(path, linkPath);
      if (link.to === 'nothing' || real === undefined) return linkToNothing(path, linkPath, link.target);
      current = real;
    }
    return notFound(path);
  }

  async function list(dir: string): Promise<DiskEntry[]> {
    const real = await resolve(dir);
    const base = await getRealRoot();
    let dirents;
    try {
      dirents = await readdir(real, { withFileTypes: true });
    } catch {
      throw notFound(dir);
    }
    const out: DiskEntry[] = [];
    for (const d of dirents) {
      const full = nodePath.join(real, d.name);
      try {
        if (d.isSymbolicLink()) {
          const { link, real: target } = await describeLink(full, base);
          if (target === undefined) {
            const l = await lstat(full);
            out.push({ name: d.name, kind: 'link', modified: l.mtimeMs, link });
            continue;
          }
          const s = await stat(target);
          out.push(
            s.isDirectory()
              ? { name: d.name, kind: 'dir', modified: s.mtimeMs, link }
              : { name: d.name, kind: 'file', size: s.size, modified: s.mtimeMs, link },
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
    realFile: fileOf,
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

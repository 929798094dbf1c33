/**
 * The bytes of a MemorySource's files, whole or a byte range, and of the files an artifact was
 * given with: loaded by memory-reads.ts with the first such read (a file list or a log never reads one).
 */
import type { ByteRange, FileBytes } from './source.js';
import { SourceError } from './errors.js';
import { FileTree, type MemoryFile, pathSegments } from './memory-files.js';
import type { ArtifactStore } from './memory-parts.js';

/** Reads a file of an artifact whose contents were given in `MemoryRun.artifactFiles`. */
export function readArtifactFile(
  run: ArtifactStore,
  artifactId: string,
  path: string,
  range: ByteRange | undefined,
): FileBytes {
  const artifact = run.artifacts.find((a) => a.id === artifactId);
  if (!artifact) throw new SourceError('not-found', `There is no artifact ${JSON.stringify(artifactId)} in this run.`);
  let tree = run.artifactTrees.get(artifactId);
  if (!tree) {
    // Files listed in the manifest without contents are readable as "not kept" (unsupported).
    const given = run.artifactFiles[artifactId];
    const files: MemoryFile[] = Array.isArray(given) ? [...given] : [];
    const held = new Set(files.map((f) => pathSegments(f.path)?.join('/')));
    for (const e of Array.isArray(artifact.files) ? artifact.files : []) {
      if (e && e.kind === 'file' && typeof e.path === 'string' && !held.has(pathSegments(e.path)?.join('/')))
        files.push({ path: e.path, size: e.size });
    }
    tree = new FileTree(files);
    run.artifactTrees.set(artifactId, tree);
  }
  return readFromTree(tree, path, range, `artifact ${artifactId}`);
}

export function readFromTree(tree: FileTree, path: string, range: ByteRange | undefined, where: string): FileBytes {
  const parts = pathSegments(path);
  if (!parts)
    throw new SourceError(
      'invalid-data',
      `Refused the path ${JSON.stringify(path)}: it may not contain "." or ".." segments.`,
    );
  const clean = parts.join('/');
  const file = tree.get(clean);
  if (!file) {
    if (tree.isDir(clean)) throw new SourceError('invalid-data', `${clean} is a folder, not a file.`);
    throw new SourceError('not-found', `There is no file ${clean} in ${where}.`);
  }
  const bytes = tree.bytesAt(clean);
  if (!bytes) throw new SourceError('unsupported', `The contents of ${clean} were not kept by this source.`);
  const { start, end } = byteRange(range, bytes.length);
  const result: FileBytes = { path: clean, bytes: bytes.slice(start, end), start, size: bytes.length };
  const mime = tree.mimeOf(clean);
  if (mime) result.mime = mime;
  return result;
}

function byteRange(range: ByteRange | undefined, size: number): { start: number; end: number } {
  if (!range) return { start: 0, end: size };
  const start = Number(range.start ?? 0);
  const end = range.end === undefined || range.end === null ? Infinity : Number(range.end);
  if (!Number.isFinite(start) || start < 0 || Number.isNaN(end) || end < start) {
    throw new SourceError('invalid-data', `Unusable byte range ${JSON.stringify(range)}.`);
  }
  const from = Math.min(Math.floor(start), size);
  return { start: from, end: Math.max(from, Math.min(Math.floor(end), size)) };
}

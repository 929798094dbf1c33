/**
 * `runpage export --file-contents`: the run's files with their bytes, so previews and downloads
 * work from a static bundle. Files over `maxBytes` (and files the run cannot read) stay listed
 * without contents; each kind is counted in a warning on the run.
 */
import type { MemoryFile } from '../data/memory-source.js';
import { readAllBytes } from '../data/bytes.js';
import type { RunFiles } from './run-loaders.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface FileContents {
  files: MemoryFile[];
  warnings: string[];
}

export async function withFileContents(
  files: readonly MemoryFile[],
  access: RunFiles | undefined,
  maxBytes: number,
): Promise<FileContents> {
  const out: MemoryFile[] = [];
  let tooLarge = 0;
  let unreadable = 0;
  for (const f of files) {
    const listed: MemoryFile = { path: f.path, size: f.size, modified: f.modified, mime: f.mime };
    if (f.path.endsWith('/')) {
      out.push(listed);
      continue;
    }
    const size = f.size ?? (typeof f.bytes === 'string' ? new TextEncoder().encode(f.bytes).length : f.bytes?.length);
    if (size !== undefined && size > maxBytes) {
      tooLarge++;
      out.push(listed);
      continue;
    }
    const bytes = f.bytes ?? (access ? await readAll(access, f.path, maxBytes).catch(() => undefined) : undefined);
    if (bytes === undefined) {
      unreadable++;
      out.push(listed);
      continue;
    }
    out.push({ ...listed, bytes: asTextIfUtf8(bytes) });
  }
  const warnings: string[] = [];
  if (tooLarge)
    warnings.push(`Export: ${tooLarge} files over ${maxBytes} bytes are listed without contents (--max-file-bytes).`);
  if (unreadable) warnings.push(`Export: ${unreadable} files could not be read and are listed without contents.`);
  return { files: out, warnings };
}

/** The file's bytes, or a rejection when it is larger than `maxBytes` after all (it grew). */
async function readAll(access: RunFiles, path: string, maxBytes: number): Promise<Uint8Array> {
  const { size } = await access.stat(path);
  if (size > maxBytes) throw new Error('too large');
  return readAllBytes(access.stream(path, 0, size));
}

/** Text files travel as text in the bundle (smaller than base64); anything else as bytes. */
function asTextIfUtf8(bytes: Uint8Array | string): Uint8Array | string {
  if (typeof bytes === 'string') return bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return text.includes('\0') ? bytes : text;
  } catch {
    return bytes;
  }
}

/** Byte-range answers from a source, checked before they are used. */
import type { FileBytes } from '../../data/source.js';
import { SourceError } from '../../data/errors.js';

/**
 * `raw` as a FileBytes read from `start`: bytes must be a Uint8Array (else `invalid-data`); a
 * missing or impossible `size` becomes "ends here" when the source sent less than asked, so a
 * caller reading in ranges always stops.
 */
export function checkFileBytes(raw: unknown, path: string, start: number, asked: number): FileBytes {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<FileBytes>;
  if (!(r.bytes instanceof Uint8Array)) throw new SourceError('invalid-data', `The source sent no bytes for ${path}.`);
  const at = typeof r.start === 'number' && Number.isFinite(r.start) && r.start >= 0 ? r.start : start;
  const end = at + r.bytes.length;
  let size = typeof r.size === 'number' && Number.isFinite(r.size) && r.size >= end ? r.size : undefined;
  if (size === undefined) size = r.bytes.length < asked ? end : Math.max(end, start + asked + 1);
  const out: FileBytes = { path, bytes: r.bytes, start: at, size };
  if (typeof r.mime === 'string') out.mime = r.mime;
  return out;
}

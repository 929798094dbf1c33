/**
 * The open folder and file in the shared URL hash (internal/url-hash.ts), under the browser's key:
 * `#tab=files&files=/checkpoints/`. A folder ends with `/`; anything else names a file.
 */
import { readHashKey, writeHashKey } from '../../internal/url-hash.js';

export interface HashLocation {
  dir: string;
  file?: string;
}

/** The location stored under `key`, or undefined when the hash has none (or an unreadable one). */
export function readHashLocation(hash: string, key: string): HashLocation | undefined {
  const value = readHashKey(hash, key);
  if (value === undefined) return undefined;
  const segments = value.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..') || value.includes('\0')) return undefined;
  if (value.endsWith('/') || segments.length === 0) return { dir: segments.join('/') };
  return { dir: segments.slice(0, -1).join('/'), file: segments.join('/') };
}

/** The value written for `location`: `/dir/` for a folder, `/path` for a file. */
export function hashLocationValue(location: HashLocation): string {
  return location.file ? `/${location.file}` : `/${location.dir ? `${location.dir}/` : ''}`;
}

/** The hash with `key` set to `location` (other entries kept exactly as they were), or removed when undefined. */
export function writeHashLocation(hash: string, key: string, location: HashLocation | undefined): string {
  return writeHashKey(hash, key, location && hashLocationValue(location));
}

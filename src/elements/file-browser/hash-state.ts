/**
 * The open folder and file in the URL hash, under a key so several elements share one hash:
 * `#files=/checkpoints/&tab=files`. A folder ends with `/`; anything else names a file.
 */
import { decodeComponent } from '../../internal/decode.js';

export interface HashLocation {
  dir: string;
  file?: string;
}

function parts(hash: string): [string, string][] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body) return [];
  return body.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}

const decode = decodeComponent;

/** Slashes stay readable; everything that could break the `&`/`=` layout is escaped. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/');
}

/** The location stored under `key`, or undefined when the hash has none (or an unreadable one). */
export function readHashLocation(hash: string, key: string): HashLocation | undefined {
  const found = parts(hash).find(([k]) => decode(k) === key);
  if (!found) return undefined;
  const value = decode(found[1]);
  if (value === undefined) return undefined;
  const segments = value.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..') || value.includes('\0')) return undefined;
  if (value.endsWith('/') || segments.length === 0) return { dir: segments.join('/') };
  return { dir: segments.slice(0, -1).join('/'), file: segments.join('/') };
}

/** The hash with `key` set to `location` (other entries kept exactly as they were), or removed when undefined. */
export function writeHashLocation(hash: string, key: string, location: HashLocation | undefined): string {
  const value =
    location === undefined
      ? undefined
      : location.file
        ? `/${location.file}`
        : `/${location.dir ? `${location.dir}/` : ''}`;
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const raw = body ? body.split('&') : [];
  const keys = parts(hash).map(([k]) => decode(k));
  const at = keys.indexOf(key);
  const mine = value === undefined ? undefined : `${encode(key)}=${encode(value)}`;
  if (at >= 0) {
    if (mine === undefined) raw.splice(at, 1);
    else raw[at] = mine;
  } else if (mine !== undefined) raw.push(mine);
  const out = raw.filter((p) => p !== '').join('&');
  return out ? `#${out}` : '';
}

/**
 * Item keys remembered by their place in a row: history rows and stats samples repeat the same
 * keys in the same order, so the key at a place is most likely the one there last time, and a
 * byte compare finds it without hashing or decoding. Two classes, not one generic one: each
 * stays monomorphic on its hot path (a shared one measured some 10 % slower on history rows).
 */

import { StringTable } from '../common/protobuf.js';

/** Places beyond this many are not remembered (a row of thousands of keys costs a decode each). */
const PLACES = 256;

/** Item keys repeat in every row: decoded once each. */
const KEYS = new StringTable();

function sameBytes(last: Uint8Array | undefined, b: Uint8Array, start: number, end: number): boolean {
  if (last === undefined || last.length !== end - start) return false;
  for (let i = 0; i < last.length; i++) if (last[i] !== b[start + i]) return false;
  return true;
}

/** What a history key says of its row: `_step`, `_runtime` and `_timestamp` place it. */
export const ROLE_VALUE = 0;
export const ROLE_STEP = 1;
export const ROLE_RUNTIME = 2;
export const ROLE_TIMESTAMP = 3;

/** The role of a key (the first character is looked at first: most keys differ there). */
export function keyRole(key: string): number {
  if (key.charCodeAt(0) !== 95 /* _ */) return ROLE_VALUE;
  return key === '_step'
    ? ROLE_STEP
    : key === '_runtime'
      ? ROLE_RUNTIME
      : key === '_timestamp'
        ? ROLE_TIMESTAMP
        : ROLE_VALUE;
}

/** The text of the key `b[start, end)` found at `place`, and its role (`role`, remembered with it). */
export class KeysByPlace {
  private readonly bytes: Uint8Array[] = [];
  private readonly texts: string[] = [];
  private readonly roles: number[] = [];
  /** `keyRole` of the key the last `get` returned. */
  role = ROLE_VALUE;

  get(place: number, b: Uint8Array, start: number, end: number): string {
    if (sameBytes(this.bytes[place], b, start, end)) {
      this.role = this.roles[place]!;
      return this.texts[place]!;
    }
    const key = KEYS.get(b, start, end);
    const role = keyRole(key);
    this.role = role;
    if (place < PLACES) {
      this.bytes[place] = KEYS.lastBytes ?? b.slice(start, end);
      this.texts[place] = key;
      this.roles[place] = role;
    }
    return key;
  }
}

/** The item path (`[key]`, shared by every item of that key: see `pathOf`) of the key `b[start, end)` found at `place`. */
export class PathsByPlace {
  private readonly bytes: Uint8Array[] = [];
  private readonly paths: (readonly string[])[] = [];

  constructor(private readonly pathOf: (key: string) => readonly string[]) {}

  get(place: number, b: Uint8Array, start: number, end: number): readonly string[] {
    if (sameBytes(this.bytes[place], b, start, end)) return this.paths[place]!;
    const path = this.pathOf(KEYS.get(b, start, end));
    if (place < PLACES) {
      this.bytes[place] = KEYS.lastBytes ?? b.slice(start, end);
      this.paths[place] = path;
    }
    return path;
  }
}

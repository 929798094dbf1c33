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

/** The text of the key `b[start, end)` found at `place`. */
export class KeysByPlace {
  private readonly bytes: Uint8Array[] = [];
  private readonly texts: string[] = [];

  get(place: number, b: Uint8Array, start: number, end: number): string {
    if (sameBytes(this.bytes[place], b, start, end)) return this.texts[place]!;
    const key = KEYS.get(b, start, end);
    if (place < PLACES) {
      this.bytes[place] = b.slice(start, end);
      this.texts[place] = key;
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
      this.bytes[place] = b.slice(start, end);
      this.paths[place] = path;
    }
    return path;
  }
}

/**
 * Item keys remembered by their place in a row: history rows and stats samples repeat the same
 * keys in the same order, so the key at a place is most likely the one there last time, and a
 * byte compare finds it without hashing or decoding.
 */

/** Places beyond this many are not remembered (a row of thousands of keys costs a decode each). */
const PLACES = 256;

export class KeysByPlace<T> {
  private readonly bytes: Uint8Array[] = [];
  private readonly values: T[] = [];

  /** `make` turns a key's bytes into what `get` returns (called only for a key not seen at its place). */
  constructor(private readonly make: (b: Uint8Array, start: number, end: number) => T) {}

  /** What `make` gives for the key `b[start, end)` found at `place`. */
  get(place: number, b: Uint8Array, start: number, end: number): T {
    const last = this.bytes[place];
    if (last !== undefined && last.length === end - start) {
      let same = true;
      for (let i = 0; i < last.length; i++) {
        if (last[i] !== b[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.values[place]!;
    }
    const value = this.make(b, start, end);
    if (place < PLACES) {
      this.bytes[place] = b.slice(start, end);
      this.values[place] = value;
    }
    return value;
  }
}
